/**
 * Worker heartbeats: every HEARTBEAT_S a worker writes its {@link WorkerHeartbeat} into the hash
 * `<prefix>:workers` (field = worker name). Readers drop entries older than three periods, so a worker that
 * died without a word disappears on its own; a worker that stops cleanly removes its entry.
 */
import type { Redis } from 'ioredis';
import type { WorkerHeartbeat } from './contract.ts';
import { workersKey } from './redis.ts';

/** Writes `beat()` now and every `periodS` seconds. Returns a stop function that also removes the entry. */
export function startHeartbeat(
  redis: Redis,
  prefix: string,
  periodS: number,
  beat: () => WorkerHeartbeat,
): { stop(): Promise<void>; beatNow(): Promise<void> } {
  const beatNow = async () => {
    const hb = beat();
    await redis.hset(workersKey(prefix), hb.name, JSON.stringify(hb)).catch(() => {});
  };
  void beatNow();
  const timer = setInterval(() => void beatNow(), periodS * 1000);
  timer.unref();
  return {
    beatNow,
    async stop() {
      clearInterval(timer);
      await redis.hdel(workersKey(prefix), beat().name).catch(() => {});
    },
  };
}

/** Live workers (heartbeat younger than three periods), sorted by name. */
export async function readHeartbeats(
  redis: Redis,
  prefix: string,
  periodS: number,
): Promise<WorkerHeartbeat[]> {
  const all = await redis.hgetall(workersKey(prefix));
  const oldest = Date.now() - 3 * periodS * 1000;
  return Object.values(all)
    .map((json) => JSON.parse(json) as WorkerHeartbeat)
    .filter((hb) => hb.at >= oldest)
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
}
