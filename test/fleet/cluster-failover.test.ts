/**
 * A Redis Cluster (three masters, a replica each; real redis-server processes) under workers and a client that
 * know some of its nodes: QUEUE_PREFIX becomes a hash tag, so BullMQ's scripts and ProfAI's own keys share one
 * slot. The master of that slot is SIGKILLed with jobs in flight; after its replica takes over every job
 * completes, each executed once.
 */
import { test } from 'node:test';
import { checkJobsThroughFailover } from '../support/failover-run.ts';

test('a Redis Cluster failover while 30 jobs run: every job completes once, the workers consume again', () =>
  checkJobsThroughFailover('cluster'));
