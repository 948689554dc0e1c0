/**
 * One HTTP request from a chosen loopback address (127.0.0.2 is another client than 127.0.0.1 to the API), its
 * status, headers and JSON body: for the tests of per-address limits against a real `profai api`.
 */
import { request as httpRequest } from 'node:http';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: { error?: string; message?: string };
}

/** One HTTP request from `localAddress` (another loopback address is another client). */
export function send(
  url: string,
  opts: { method?: string; payload?: Buffer; headers?: Record<string, string>; from?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: opts.method ?? 'GET',
        headers: {
          ...opts.headers,
          ...(opts.payload ? { 'content-length': String(opts.payload.length) } : {}),
        },
        localAddress: opts.from ?? '127.0.0.1',
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let body = {};
          try {
            body = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.payload);
  });
}
