/**
 * `profai up --workers N`: the API and N workers (WORKER_NUM 1..N) as child processes of this one, plus the
 * embedded database served over the wire protocol when DATABASE_URL is unset. Their lines are prefixed
 * (`api    | …`, `worker1| …`); a child that dies is restarted with backoff; Ctrl-C or SIGTERM stops the API
 * and the workers gracefully (running tasks finish), then the database, and exits 0. A second Ctrl-C kills.
 */
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import type { Config } from '../../config.ts';
import { SUPERVISOR_NODE_FLAGS } from '../../fleet/pool/child-handle.ts';
import { isDatabaseReady } from './database.ts';
import { PrefixedOutput } from './prefix.ts';
import { secureDefaultRefusal } from './secure.ts';
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

/** What every service of one `up` shares. */
interface Context {
  config: Config;
  /** The CLI entry this process runs (`src/cli/main.ts` under tsx, `dist/cli/main.js`, `bin/profai.js`). */
  script: string;
  out: PrefixedOutput;
  giveUp: (name: string) => void;
}

/**
 * Starts `profai serve-db` on a port fixed now (so a restart comes back where clients look) and waits for its
 * URL. Null when it did not come up (it keeps failing, a signal came, or it took too long).
 */
async function startDatabase(
  ctx: Context,
  interrupted: Promise<unknown>,
): Promise<{ service: Service; url: string | null }> {
  const port = await freePort();
  ctx.out.say(
    `no DATABASE_URL: serving the embedded database in ${resolve(ctx.config.dataDir)} on port ${port}`,
  );
  let ready: (url: string) => void = () => {};
  const url = new Promise<string>((r) => (ready = r));
  let gaveUp: () => void = () => {};
  const failed = new Promise<null>((r) => (gaveUp = () => r(null)));
  const service = new Service(
    {
      name: 'db',
      args: [ctx.script, 'serve-db', '--port', String(port)],
      env: {},
      onMessage: (m) => isDatabaseReady(m) && ready(m.url),
      onGiveUp: (name) => {
        gaveUp();
        ctx.giveUp(name);
      },
    },
    ctx.out,
  );
  service.start();
  const first = await Promise.race([
    url,
    failed,
    interrupted.then(() => null),
    new Promise<null>((r) => setTimeout(() => r(null), DATABASE_START_MS).unref()),
  ]);
  return { service, url: first };
}

/** The API and the workers, not started yet. */
function fleetServices(ctx: Context, workerNames: string[], env: Record<string, string>): Service[] {
  const service = (name: string, command: string, extra: Record<string, string>) =>
    new Service(
      {
        name,
        ...(command === 'worker' ? { nodeFlags: SUPERVISOR_NODE_FLAGS } : {}),
        args: [ctx.script, command],
        env: { ...env, ...extra },
        onGiveUp: ctx.giveUp,
      },
      ctx.out,
    );
  return [
    service('api', 'api', { PORT: String(ctx.config.port) }),
    ...workerNames.map((name, i) =>
      service(name, 'worker', {
        WORKER_NUM: String(i + 1),
        WORKER_CONCURRENCY: String(ctx.config.concurrency),
      }),
    ),
  ];
}

/** SIGTERM to the API and workers at once, then the database; true when every one exited cleanly. */
async function stopAll(ctx: Context, fleet: Service[], database: Service | undefined): Promise<boolean> {
  const killAfter = ctx.config.shutdownGraceS * 1000 + STOP_MARGIN_MS;
  const exits = await Promise.all(fleet.map(async (s) => [s, await s.stop('SIGTERM', killAfter)] as const));
  if (database) exits.push([database, await database.stop('SIGTERM', STOP_MARGIN_MS)]);
  const unclean = exits.filter(([, exit]) => !cleanExit(exit));
  for (const [s, exit] of unclean) ctx.out.say(`${s.name} stopped badly (${describeExit(exit!)})`);
  ctx.out.say(unclean.length === 0 ? 'all stopped' : `${unclean.length} process(es) did not stop cleanly`);
  return unclean.length === 0;
}

/** Runs the fleet until a signal (exit code 0 when everything stopped cleanly) or a service keeps failing (1). */
export async function runUp(config: Config, opts: UpOptions): Promise<number> {
  const workerNames = Array.from({ length: opts.workers }, (_, i) => `worker${i + 1}`);
  const embedded = !config.databaseUrl;
  const out = new PrefixedOutput(
    ['up', ...(embedded ? ['db'] : []), 'api', ...workerNames],
    Boolean(process.stdout.isTTY),
  );
  let giveUp: (name: string) => void = () => {};
  const gaveUp = new Promise<string>((r) => (giveUp = r));
  const ctx: Context = { config, script: process.argv[1]!, out, giveUp };
  const services: Service[] = [];
  const signal = watchSignals(() => {
    out.say('second signal: killing every process');
    for (const s of services) s.kill();
    process.exit(130);
  });

  let env: Record<string, string> = {};
  let database: Service | undefined;
  if (embedded) {
    const db = await startDatabase(ctx, signal);
    database = db.service;
    services.push(database);
    if (db.url === null) {
      out.say('the embedded database did not start; stopping');
      await database.stop('SIGTERM', 10_000);
      return 1;
    }
    env = { DATABASE_URL: db.url };
  }

  const refusal = await secureDefaultRefusal(config, env.DATABASE_URL ?? config.databaseUrl);
  if (refusal) {
    process.stderr.write(`profai: ${refusal}\n`);
    if (database) await database.stop('SIGTERM', 10_000);
    return 1;
  }

  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  out.say(
    `starting the API on http://${host}:${config.port} and ${opts.workers} worker(s) × ${config.concurrency} child(ren)` +
      (config.vectorStore === 'chroma' ? `, vectors in Chroma at ${config.chromaUrl}` : ''),
  );
  const fleet = fleetServices(ctx, workerNames, env);
  services.push(...fleet);
  for (const s of fleet) s.start();

  const why = await Promise.race([signal.then(String), gaveUp.then((name) => `${name} keeps failing`)]);
  out.say(`${why}: stopping the API and workers (running tasks finish first; Ctrl-C again to kill)`);
  const clean = await stopAll(ctx, fleet, database);
  return clean && why.startsWith('SIG') ? 0 : 1;
}
