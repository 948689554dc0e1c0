/**
 * The fleet as the API reads it for /metrics and /dashboard: one fail-fast Redis connection per API, each
 * snapshot cached for a moment and shared by concurrent requests, so a busy dashboard or a tight scrape
 * interval costs Redis a few reads a second at most, and a Redis outage costs each request nothing.
 */
import type { Config } from '../config.ts';
import type { FleetClient } from '../fleet/queues.ts';
import { failFastRedis } from '../fleet/redis.ts';
import { profaiClientOn } from '../tasks/client.ts';
import { takeSnapshot } from './snapshot.ts';
import type { FleetSnapshot } from './types.ts';

export interface FleetSourceOptions {
  /** How long a snapshot is reused. @defaultValue 1000 */
  cacheMs?: number;
  /** Longest a snapshot may take before Redis counts as down. @defaultValue 1000 */
  timeoutMs?: number;
}

export class FleetSource {
  readonly client: FleetClient;
  readonly #cacheMs: number;
  readonly #timeoutMs: number;
  #cached: { at: number; jobs: boolean; value: Promise<FleetSnapshot> } | null = null;

  constructor(config: Config, opts: FleetSourceOptions = {}) {
    // Reads fail at once while Redis is down (surfaced as `redis.up: false` with the latest reason).
    this.client = profaiClientOn(config, failFastRedis(config));
    this.#cacheMs = opts.cacheMs ?? 1000;
    this.#timeoutMs = opts.timeoutMs ?? 1000;
  }

  /** A recent snapshot (at most `cacheMs` old); `jobs` adds active and finished jobs. Never rejects. */
  snapshot(opts: { jobs?: boolean } = {}): Promise<FleetSnapshot> {
    const jobs = opts.jobs ?? false;
    const c = this.#cached;
    if (c && Date.now() - c.at < this.#cacheMs && (c.jobs || !jobs)) return c.value;
    const value = takeSnapshot(this.client, { jobs, timeoutMs: this.#timeoutMs });
    this.#cached = { at: Date.now(), jobs, value };
    return value;
  }

  get timeoutMs(): number {
    return this.#timeoutMs;
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

const shared = new WeakMap<Config, { source: FleetSource; users: number }>();

/**
 * The source of an API's configuration, opened by its first user (a route plugin) and closed when the
 * last one releases it, so /metrics and /dashboard share one connection and one cache.
 */
export function acquireFleetSource(config: Config): { source: FleetSource; release(): Promise<void> } {
  let entry = shared.get(config);
  if (!entry) {
    entry = { source: new FleetSource(config), users: 0 };
    shared.set(config, entry);
  }
  entry.users++;
  const held = entry;
  let released = false;
  return {
    source: held.source,
    async release() {
      if (released) return;
      released = true;
      held.users--;
      if (held.users === 0) {
        shared.delete(config);
        await held.source.close();
      }
    },
  };
}
