/**
 * The bodies of `profai monitor` and `profai inspect` (their command modules only parse flags).
 * Exit codes: 0 answered; 1 no worker replied (inspect); 2 Redis unreachable.
 */
import type { Config } from '../config.ts';
import type { FleetClient } from '../fleet/queues.ts';
import { connectOps } from './connect.ts';
import { RedisUnreachableError } from './errors.ts';
import { type InspectAction, inspectLines, inspectReply } from './inspect.ts';
import { renderMonitor } from './render.ts';
import type { FleetSnapshot } from './types.ts';

export const EXIT_NO_WORKERS = 1;
export const EXIT_REDIS_UNREACHABLE = 2;

/** A snapshot read by a CLI command may take this long (the connection itself is checked in ~2 s). */
const SNAPSHOT_TIMEOUT_MS = 3000;

const out = (text: string) => process.stdout.write(text);
const fail = (message: string) => process.stderr.write(`profai: ${message}\n`);

/**
 * Connects, runs `body`, closes; an unreachable Redis is one line and exit code 2. BullMQ is loaded only
 * once Redis answered, so that line comes quickly.
 */
export async function withFleet(
  config: Config,
  reconnect: boolean,
  body: (client: FleetClient) => Promise<number>,
): Promise<number> {
  let client: FleetClient;
  try {
    const redis = await connectOps(config, { reconnect });
    const { profaiClientOn } = await import('../tasks/client.ts');
    client = profaiClientOn(config, redis);
  } catch (err) {
    if (!(err instanceof RedisUnreachableError)) throw err;
    fail(err.message);
    return EXIT_REDIS_UNREACHABLE;
  }
  try {
    return await body(client);
  } finally {
    await client.close();
  }
}

async function snapshotOf(client: FleetClient): Promise<FleetSnapshot> {
  const { takeSnapshot } = await import('./snapshot.ts');
  return takeSnapshot(client, { timeoutMs: SNAPSHOT_TIMEOUT_MS });
}

/** One snapshot, or null (after saying why) when Redis stopped answering. */
async function snapshotOrFail(client: FleetClient): Promise<FleetSnapshot | null> {
  const snapshot = await snapshotOf(client);
  if (snapshot.redis.up) return snapshot;
  fail(new RedisUnreachableError(client.settings, snapshot.redis.error ?? 'down').message);
  return null;
}

export interface InspectOptions {
  json?: boolean;
  /** Only these workers (`worker1@host`). */
  destination?: string[];
}

export function inspectCommand(config: Config, action: InspectAction, opts: InspectOptions): Promise<number> {
  return withFleet(config, false, async (client) => {
    const snapshot = await snapshotOrFail(client);
    if (!snapshot) return EXIT_REDIS_UNREACHABLE;
    const wanted = opts.destination;
    const workers = wanted ? snapshot.workers.filter((w) => wanted.includes(w.hostname)) : snapshot.workers;
    if (opts.json) out(`${JSON.stringify(inspectReply(action, workers), null, 2)}\n`);
    else if (workers.length > 0) out(`${inspectLines(action, workers).join('\n')}\n`);
    if (workers.length > 0) return 0;
    fail('No workers replied');
    return EXIT_NO_WORKERS;
  });
}

export interface MonitorOptions {
  json?: boolean;
  watch?: boolean;
  /** Seconds between refreshes with `watch`. */
  interval: number;
}

export function monitorCommand(config: Config, opts: MonitorOptions): Promise<number> {
  return withFleet(config, Boolean(opts.watch), async (client) => {
    if (opts.watch) return watch(client, opts);
    const snapshot = await snapshotOrFail(client);
    if (!snapshot) return EXIT_REDIS_UNREACHABLE;
    out(opts.json ? `${JSON.stringify(snapshot, null, 2)}\n` : `${renderMonitor(snapshot).join('\n')}\n`);
    return 0;
  });
}

const ESC = '\x1b[';
const ENTER_SCREEN = `${ESC}?1049h${ESC}?25l`;
const LEAVE_SCREEN = `${ESC}?25h${ESC}?1049l`;

/**
 * Redraws until SIGINT/SIGTERM. On a terminal: the alternate screen, each frame drawn from the top left
 * with stale text cleared, the terminal restored on exit. Otherwise (a pipe): frames one after another;
 * with `--json`, one JSON line per refresh.
 */
async function watch(client: FleetClient, opts: MonitorOptions): Promise<number> {
  const tty = Boolean(process.stdout.isTTY) && !opts.json;
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const restore = () => tty && out(LEAVE_SCREEN);
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('exit', restore);
  if (tty) out(ENTER_SCREEN);
  try {
    for (let running = true; running; ) {
      const snapshot = await snapshotOf(client);
      if (opts.json) out(`${JSON.stringify(snapshot)}\n`);
      else if (tty) out(`${ESC}H${renderMonitor(snapshot).join(`${ESC}K\n`)}${ESC}K\n${ESC}J`);
      else out(`${renderMonitor(snapshot).join('\n')}\n\n`);
      let timer: NodeJS.Timeout | undefined;
      running = await Promise.race([
        stopped.then(() => false),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(true), opts.interval * 1000))),
      ]);
      clearTimeout(timer);
    }
  } finally {
    restore();
    process.off('exit', restore);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
  return 0;
}
