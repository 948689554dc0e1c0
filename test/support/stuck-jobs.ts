/**
 * Why jobs have not finished, for a fleet test's timeout message: what BullMQ holds of each one (its hash, its
 * lock and the lock's TTL, whether the stalled checker has marked it), the workers' heartbeats, and PostgreSQL's
 * sessions (which one waits for a lock held by which), so that a run that hangs explains itself.
 */
import type pg from 'pg';
import { type FleetClient, listWorkers, queueOfJobId } from '../../src/fleet/queues.ts';
import type { JobView } from '../../src/fleet/views.ts';
import { redisKeys } from '../../src/redis-keys.ts';

const cut = (value: string, max = 160) => (value.length > max ? `${value.slice(0, max)}…` : value);

/** BullMQ's own record of one job, as lines. */
async function bullRecord(client: FleetClient, id: string): Promise<string[]> {
  const { redis } = client;
  const base = `${client.settings.queuePrefix}:${queueOfJobId(client, id)}`;
  const jobKey = `${base}:${id}`;
  const [hash, lock, lockTtl, stalled, activeAt, checkTtl, run] = await Promise.all([
    redis.hgetall(jobKey),
    redis.get(`${jobKey}:lock`),
    redis.pttl(`${jobKey}:lock`),
    redis.sismember(`${base}:stalled`, id),
    redis.lpos(`${base}:active`, id),
    redis.pttl(`${base}:stalled-check`),
    redis.hgetall(redisKeys.runInfo(client.settings.queuePrefix, id)),
  ]);
  const { data: _data, ...fields } = hash;
  return [
    `  bullmq ${jobKey}: ${cut(JSON.stringify(fields), 600)}`,
    `  lock ${lock ?? 'none'} (pttl ${lockTtl}), in stalled set ${stalled === 1}, active list index ${activeAt}, stalled-check pttl ${checkTtl}`,
    `  run record ${JSON.stringify(run)}`,
  ];
}

/** PostgreSQL's sessions on the database, and who blocks whom. */
async function pgSessions(db: pg.Client): Promise<string[]> {
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT pid, client_addr, state, wait_event_type, wait_event, pg_blocking_pids(pid) AS blocked_by,
            round(extract(epoch FROM now() - xact_start)) AS xact_s, left(query, 100) AS query
       FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
      ORDER BY xact_start NULLS LAST`,
  );
  return rows.map((r) => `  pg ${JSON.stringify(r)}`);
}

/**
 * Lines on each job of `views` that is neither completed nor failed. Each part that cannot be read says so
 * instead (a diagnostic must not hide the failure it explains).
 * @param db - a connected client of the fleet's database, for its sessions. @defaultValue none
 */
export async function describeStuckJobs(
  client: FleetClient,
  views: JobView[],
  db?: pg.Client,
): Promise<string> {
  const safely = (what: string, read: () => Promise<string[]>) =>
    read().catch((err: Error) => [`  (${what} unreadable: ${err.message})`]);
  const lines: string[] = [];
  for (const v of views.filter((view) => view.state !== 'completed' && view.state !== 'failed')) {
    lines.push(`${v.id}: ${v.state}, worker ${v.worker}, attempts ${v.attempts}, stage ${v.stage}`);
    lines.push(...(await safely('job', () => bullRecord(client, v.id))));
  }
  lines.push(
    ...(await safely('heartbeats', async () =>
      (
        await listWorkers(client)
      ).map(
        (hb) =>
          `  heartbeat ${hb.name}: ${hb.state}, children ${JSON.stringify(hb.children)}, active ${JSON.stringify(hb.active)}, waiting ${JSON.stringify(hb.waiting ?? [])}`,
      ),
    )),
  );
  if (db) lines.push(...(await safely('postgres sessions', () => pgSessions(db))));
  return lines.join('\n');
}
