/**
 * `profai up --workers N`: the API and N workers (WORKER_NUM 1..N) as child processes of this one, plus the
 * embedded database served over the wire protocol when DATABASE_URL is unset. Their lines are prefixed
 * (`api    | …`, `worker1| …`); a child that dies is restarted with backoff; Ctrl-C or SIGTERM stops the API
 * and the workers gracefully (running tasks finish), then the database, and exits 0. A second Ctrl-C kills.
 */
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Config } from '../../config.ts';
import { isDatabaseReady } from './database.ts';
import { PrefixedOutput } from './prefix.ts';
import { describeExit, type Exit, Service } from './service.ts';

export interface UpOptions {
  /** Worker processes. */
  workers: number;
}

/** Extra time past SHUTDOWN_GRACE_S a worker gets to release its tasks and close before it is killed. */
const STOP_MARGIN_MS = 30_000;
/** How long the embedded database may take to open, migrate and listen. */
const DATABASE_START_MS = 120_000;

/** A free TCP port on 127.0.0.1, so a restarted database comes back where its clients look for it. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? done(address.port) : fail(new Error('no port')),
      );
    });
  });
}

/** First SIGINT/SIGTERM/SIGHUP resolves `first`; a second one calls `again`. */
function watchSignals(again: () => void): Promise<NodeJS.Signals> {
  return new Promise((first) => {
    let seen = false;
    const onSignal = (signal: NodeJS.Signals) => {
      if (seen) return again();
      seen = true;
      first(signal);
    };
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
  });
}

/** A clean stop: exit 0, or killed by our SIGTERM before it had set up its own handler (still starting). */
const cleanExit = (exit: Exit | null) => exit === null || exit.code === 0 || exit.signal === 'SIGTERM';

export async function runUp(config: Config, opts: UpOptions): Promise<number> {
  const script = process.argv[1]!;
  const workerNames = Array.from({ length: opts.workers }, (_, i) => `worker${i + 1}`);
  const embedded = !config.databaseUrl;
  const out = new PrefixedOutput(
    ['up', ...(embedded ? ['db'] : []), 'api', ...workerNames],
    Boolean(process.stdout.isTTY),
  );
  const services: Service[] = [];
  let giveUp: (name: string) => void = () => {};
  const gaveUp = new Promise<string>((r) => (giveUp = r));
  const signal = watchSignals(() => {
    out.say('second signal: killing every process');
    for (const s of services) s.kill();
    process.exit(130);
  });

  let env: Record<string, string> = {};
  let database: Service | undefined;
  if (embedded) {
    const port = await freePort();
    out.say(`no DATABASE_URL: serving the embedded database in ${resolve(config.dataDir)} on port ${port}`);
    let ready: (url: string) => void = () => {};
    const url = new Promise<string>((r) => (ready = r));
    database = new Service(
      {
        name: 'db',
        args: [script, 'serve-db', '--port', String(port)],
        env: {},
        onMessage: (m) => isDatabaseReady(m) && ready(m.url),
        onGiveUp: giveUp,
      },
      out,
    );
    services.push(database);
    database.start();
    const first = await Promise.race([
      url,
      gaveUp.then(() => null),
      signal.then(() => null),
      new Promise<null>((r) => setTimeout(() => r(null), DATABASE_START_MS).unref()),
    ]);
    if (first === null) {
      out.say('the embedded database did not start; stopping');
      await database.stop('SIGTERM', 10_000);
      return 1;
    }
    env = { DATABASE_URL: first };
  }

  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  out.say(
    `starting the API on http://${host}:${config.port} and ${opts.workers} worker(s) × ${config.concurrency} child(ren)` +
      (config.chromaUrl ? `, vectors in Chroma at ${config.chromaUrl}` : ''),
  );
  const fleet = [
    new Service(
      { name: 'api', args: [script, 'api'], env: { ...env, PORT: String(config.port) }, onGiveUp: giveUp },
      out,
    ),
    ...workerNames.map(
      (name, i) =>
        new Service(
          {
            name,
            args: [script, 'worker'],
            env: { ...env, WORKER_NUM: String(i + 1), WORKER_CONCURRENCY: String(config.concurrency) },
            onGiveUp: giveUp,
          },
          out,
        ),
    ),
  ];
  services.push(...fleet);
  for (const s of fleet) s.start();

  const why = await Promise.race([
    signal.then((s) => `${s}`),
    gaveUp.then((name) => `${name} keeps failing`),
  ]);
  out.say(`${why}: stopping the API and workers (running tasks finish first; Ctrl-C again to kill)`);
  const killAfter = config.shutdownGraceS * 1000 + STOP_MARGIN_MS;
  const exits = await Promise.all(fleet.map(async (s) => [s, await s.stop('SIGTERM', killAfter)] as const));
  if (database) exits.push([database, await database.stop('SIGTERM', STOP_MARGIN_MS)]);
  const unclean = exits.filter(([, exit]) => !cleanExit(exit));
  for (const [s, exit] of unclean) out.say(`${s.name} stopped badly (${describeExit(exit!)})`);
  out.say(unclean.length === 0 ? 'all stopped' : `${unclean.length} process(es) did not stop cleanly`);
  return unclean.length === 0 && why.startsWith('SIG') ? 0 : 1;
}
