/**
 * Redis behind Sentinels, failing over while jobs run: a master, its replica and three Sentinels (real
 * redis-server processes), two workers and a client that know only the Sentinels. The master is SIGKILLed with
 * jobs in flight; after the replica's promotion every job completes, each executed once.
 */
import { test } from 'node:test';
import { checkJobsThroughFailover } from '../support/failover-run.ts';

test('a Sentinel failover while 30 jobs run: every job completes once, the workers consume again', () =>
  checkJobsThroughFailover('sentinel'));
