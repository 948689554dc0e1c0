/**
 * Queue depth for autoscalers: how many jobs a fleet has yet to run, counted over every structure BullMQ keeps
 * them in. A job waits in one of three: the `wait` list (plain jobs), the `prioritized` sorted set (jobs with a
 * priority) and the `delayed` sorted set (retries in their backoff, jobs waiting out a dependency outage), so a
 * scaler that reads the length of one Redis list sees only part of the work. `waiting-children` (a flow's parent
 * waiting for its children) is left out: the children are counted, the parent cannot run before them.
 */
import type { FleetClient } from './queues.ts';

/** Jobs of one queue by where BullMQ keeps them. */
export interface QueueDepth {
  waiting: number;
  prioritized: number;
  delayed: number;
  active: number;
  /** Jobs not yet started: waiting + prioritized + delayed. */
  depth: number;
  /** Jobs not yet finished: depth + active (what workers are needed for). */
  backlog: number;
}

export interface FleetDepth extends QueueDepth {
  queues: Record<string, QueueDepth>;
}

const sum = (parts: readonly QueueDepth[], key: keyof QueueDepth) => parts.reduce((n, p) => n + p[key], 0);

/** Depth of `queues` (default: every queue the client knows), one Redis round trip per queue. */
export async function queueDepth(client: FleetClient, queues = client.queueNames()): Promise<FleetDepth> {
  const parts = await Promise.all(
    queues.map(async (name) => {
      const c = await client.queue(name).getJobCounts('wait', 'prioritized', 'delayed', 'active');
      const waiting = c.wait ?? 0;
      const prioritized = c.prioritized ?? 0;
      const delayed = c.delayed ?? 0;
      const active = c.active ?? 0;
      const depth = waiting + prioritized + delayed;
      return [name, { waiting, prioritized, delayed, active, depth, backlog: depth + active }] as const;
    }),
  );
  const all = parts.map(([, d]) => d);
  return {
    waiting: sum(all, 'waiting'),
    prioritized: sum(all, 'prioritized'),
    delayed: sum(all, 'delayed'),
    active: sum(all, 'active'),
    depth: sum(all, 'depth'),
    backlog: sum(all, 'backlog'),
    queues: Object.fromEntries(parts),
  };
}
