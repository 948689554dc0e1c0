/**
 * `npm run bench:limits`: what the per-key rate limits cost and whether a flood slows anyone else, against an API
 * on real PostgreSQL, Chroma and Redis (test/support/api-fixture.ts), over HTTP on loopback.
 *
 * 1. Overhead: BENCH_REQUESTS (default 2000) sequential `GET /api/courses` on one keep-alive connection, to an app
 *    with the limits off, one with only the wrong keys' limit (AUTH_FAILURES_PER_MINUTE: a peek in Redis per
 *    request with a key) and one with every limit on (counted in Redis, a limit never reached), in alternating
 *    rounds (BENCH_ROUNDS, default 3); prints requests/s and p50/p99 of each and the ratios.
 * 2. A flood: one client (127.0.0.1) sends 60 uploads, 4 at a time, past UPLOADS_PER_MINUTE=30, while another
 *    (127.0.0.2) uploads 10 one after the other; prints the flood's statuses and the other client's upload times
 *    beside the same 10 uploads alone.
 */
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { addUser } from '../src/store/index.ts';
import { makePdf, multipart } from '../test/support/api.ts';
import { startApiFixture } from '../test/support/api-fixture.ts';

const N = Number(process.env.BENCH_REQUESTS ?? 2000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

function send(
  url: string,
  agent: Agent,
  opts: { method?: string; payload?: Buffer; headers?: Record<string, string> } = {},
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        agent,
        method: opts.method ?? 'GET',
        headers: {
          ...opts.headers,
          ...(opts.payload ? { 'content-length': String(opts.payload.length) } : {}),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(opts.payload);
  });
}

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

async function timedRun(base: string): Promise<{ rps: number; p50: number; p99: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const times: number[] = [];
  const started = performance.now();
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    const status = await send(`${base}/api/courses`, agent, { headers: auth });
    if (status !== 200) throw new Error(`status ${status}`);
    times.push(performance.now() - t);
  }
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return { rps: N / seconds, p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

const fx = await startApiFixture();
/** The fixture's admin key: the API runs with keys on, as deployed (without one every request is a 401). */
const auth: Record<string, string> = fx.adminKey ? { authorization: `Bearer ${fx.adminKey}` } : {};
try {
  const apps = {
    off: await listen(
      await fx.variant({ requestsPerMinute: 0, uploadsPerMinute: 0, authFailuresPerMinute: 0 }),
    ),
    // The wrong keys' limit alone: a peek at the address's count before each key is looked at.
    keys: await listen(await fx.variant({ requestsPerMinute: 0, uploadsPerMinute: 0 })),
    on: await listen(await fx.variant({ requestsPerMinute: 10_000_000 })),
  };
  const results: Record<string, { rps: number; p50: number; p99: number }[]> = { off: [], keys: [], on: [] };
  for (const base of Object.values(apps)) await timedRun(base); // warm-up
  for (let r = 0; r < ROUNDS; r++)
    for (const [name, base] of Object.entries(apps)) results[name]!.push(await timedRun(base));
  console.log(`1. overhead: ${N} sequential GET /api/courses per run, ${ROUNDS} rounds alternating`);
  for (const [name, runs] of Object.entries(results))
    console.log(
      `   limits ${name.padEnd(3)}  ${runs.map((x) => `${x.rps.toFixed(0)} req/s (p50 ${ms(x.p50)}, p99 ${ms(x.p99)})`).join('  ')}`,
    );
  const median = (xs: number[]) => quantile(xs, 0.5);
  const rps = (name: string) => median(results[name]!.map((x) => x.rps));
  console.log(
    `   throughput with the wrong keys' limit alone / off (medians): ${(rps('keys') / rps('off')).toFixed(3)}`,
  );
  console.log(`   throughput with every limit on / off (medians): ${(rps('on') / rps('off')).toFixed(3)}`);

  const app = await fx.variant({ uploadsPerMinute: 30, maxQueuedJobsPerUser: 0 });
  const base = await listen(app);
  // Two teachers, each with a key: the limit counts per key.
  const keyOf = async (name: string) => (await addUser(fx.deps.db, name, 'teacher')).key;
  const keys: Record<string, string> = {
    '127.0.0.1': await keyOf('flooder'),
    '127.0.0.2': await keyOf('other'),
    '127.0.0.3': await keyOf('alone'),
  };
  const upload = async (marker: string, from: string) => {
    const body = multipart([{ field: 'file', filename: `${marker}.pdf`, content: await makePdf(marker) }]);
    const agent = new Agent({ localAddress: from } as never);
    const t = performance.now();
    const status = await send(`${base}/api/pdfs`, agent, {
      method: 'POST',
      payload: body.payload,
      headers: { ...body.headers, authorization: `Bearer ${keys[from]}` },
    });
    agent.destroy();
    return { status, ms: performance.now() - t };
  };
  const alone: number[] = [];
  for (let i = 0; i < 10; i++) alone.push((await upload(`alone ${i}`, '127.0.0.3')).ms);
  const flood: number[] = [];
  const floodDone = (async () => {
    for (let i = 0; i < 60; i += 4)
      flood.push(
        ...(await Promise.all([0, 1, 2, 3].map((k) => upload(`flood ${i + k}`, '127.0.0.1')))).map(
          (x) => x.status,
        ),
      );
  })();
  const during: { status: number; ms: number }[] = [];
  for (let i = 0; i < 10; i++) during.push(await upload(`during ${i}`, '127.0.0.2'));
  await floodDone;
  const count = (s: number) => flood.filter((x) => x === s).length;
  console.log('2. a flood of 60 uploads (4 at a time) from one client, UPLOADS_PER_MINUTE=30');
  console.log(
    `   flood: ${count(202)} × 202, ${count(429)} × 429, ${flood.filter((s) => s >= 500).length} × 5xx`,
  );
  console.log(
    `   the other client's 10 uploads: statuses ${[...new Set(during.map((d) => d.status))].join(',')}; median ${ms(
      quantile(
        during.map((d) => d.ms),
        0.5,
      ),
    )} during the flood, ${ms(quantile(alone, 0.5))} alone`,
  );
} finally {
  await fx.stop();
}
