/**
 * A gate in front of a real S3 server (s3rver) that can make it refuse writes the way MinIO does when its drives
 * pass their free-space threshold: HTTP 507 with the error `XMinioStorageFull`. Everything else passes through
 * unchanged. s3rver itself cannot refuse a write (a full or read-only disk kills it), and MinIO is not installable
 * here; the client, its parsing of the answer and ProfAI's reading of it are the real ones.
 */
import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface S3Gate {
  endpoint: string;
  /** While true, every PUT and POST is answered 507 XMinioStorageFull. */
  refuseWrites: boolean;
  close(): Promise<void>;
}

const FULL = `<?xml version="1.0" encoding="UTF-8"?>
<Error><Code>XMinioStorageFull</Code><Message>Storage backend has reached its minimum free drive threshold. Please delete a few objects to proceed.</Message><RequestId>gate</RequestId><HostId>gate</HostId></Error>`;

export async function startS3Gate(target: string): Promise<S3Gate> {
  const to = new URL(target);
  const gate: S3Gate = { endpoint: '', refuseWrites: false, close: async () => {} };
  const server = createServer((req, res) => {
    if (gate.refuseWrites && (req.method === 'PUT' || req.method === 'POST')) {
      req.resume();
      res.writeHead(507, { 'content-type': 'application/xml', connection: 'close' });
      res.end(FULL);
      return;
    }
    const forward = request(
      { host: to.hostname, port: to.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  gate.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  gate.close = () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    });
  return gate;
}
