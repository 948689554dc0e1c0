/**
 * `profai up --workers 2` as a user runs it on a laptop with only Redis: no DATABASE_URL, so `up` serves the
 * embedded database itself, vectors go to pgvector in it. Upload, see the course, Ctrl-C, nothing left behind.
 */

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config.ts';
import { CHILD_NODE_FLAGS, SUPERVISOR_NODE_FLAGS } from '../../src/fleet/pool/child-handle.ts';
import { listWorkers } from '../../src/fleet/queues.ts';
import type { JobView } from '../../src/fleet/views.ts';
import { openProfaiClient } from '../../src/tasks/client.ts';
import { freePort } from '../support/chroma.ts';
import {
  type CliProcess,
  E2E_API_KEY,
  getJson,
  isAlive,
  killAll,
  processTree,
  sampleUpload,
  spawnProfai,
  uploadPdfs,
  waitFor,
  waitForJob,
} from '../support/cli-processes.ts';
import { freshPgliteDir, tempDir } from '../support/databases.ts';

const prefix = `test-e2e-up-${randomBytes(4).toString('hex')}`;
let up: CliProcess | undefined;
let pids: number[] = [];
const cleanups: (() => unknown)[] = [];

after(async () => {
  if (up) await killAll([up]);
  for (const pid of pids) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  const redis = new Redis();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
  for (const c of cleanups) await c();
});

test('profai up --workers 2: embedded database, a PDF becomes a course, Ctrl-C stops every process', {
  timeout: 240_000,
}, async () => {
  // A copy of a migrated data dir: a fresh one would spend ~10 s in initdb before anything else.
  const data = await freshPgliteDir();
  const uploads = tempDir('profai-e2e-up-uploads-');
  cleanups.push(data.remove, uploads.remove);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  up = spawnProfai(['up', '--workers', '2', '--port', String(port)], {
    DATABASE_URL: undefined,
    CHROMA_URL: undefined,
    PROFAI_DATA_DIR: data.dir,
    UPLOAD_DIR: uploads.dir,
    QUEUE_PREFIX: prefix,
    HOST: '127.0.0.1',
    API_KEY: E2E_API_KEY,
    LOG_LEVEL: 'warn',
  });
  await Promise.all([
    up.waitForLine(/^api {4}\| ProfAI API listening on http:\/\/127\.0\.0\.1:\d+$/, 180_000),
    up.waitForLine(/^worker1\| worker1@\S+ ready\.$/, 180_000),
    up.waitForLine(/^worker2\| worker2@\S+ ready\.$/, 180_000),
  ]);
  assert.ok(up.lines.some((l) => /^db {5}\| Embedded database \(PGlite in .+\) at postgres:\/\//.test(l)));

  const health = await getJson<{ database: { kind: string }; vectors: { kind: string } }>(
    `${baseUrl}/health`,
  );
  assert.equal(health.vectors.kind, 'postgres', 'vectors in the embedded database');
  const [job] = await uploadPdfs(baseUrl, [sampleUpload()]);
  const view = await waitForJob(baseUrl, job!.id);
  assert.equal(view.state, 'completed', view.error ?? '');
  assert.match(String(view.worker), /^worker[12]@/);
  const { courses } = await getJson<{ courses: { id: string; fileName: string }[] }>(
    `${baseUrl}/api/courses`,
  );
  assert.deepEqual(
    courses.map((c) => c.fileName),
    ['sample.pdf'],
  );
  assert.equal(courses[0]!.id, (view.result as { courseId: string }).courseId);

  // A worker that dies is restarted by `up`.
  const fleet = openProfaiClient(loadConfig({ QUEUE_PREFIX: prefix }));
  cleanups.push(() => fleet.close());
  const worker1 = await waitFor('worker1 heartbeat', async () =>
    (await listWorkers(fleet)).find((hb) => hb.name.startsWith('worker1@')),
  );
  // Supervisors start with their Node flags (a small young generation, no optimising compiler); their children,
  // which parse, do not.
  const cmdline = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  for (const flag of SUPERVISOR_NODE_FLAGS)
    assert.ok(cmdline(worker1.pid).includes(flag), cmdline(worker1.pid).join(' '));
  // A worker forks its child when its first job comes: the one that ran the job has one.
  const ranOn = await waitFor('the heartbeat of the worker that ran the job', async () =>
    (await listWorkers(fleet)).find((hb) => hb.name.split('@')[0] === String(view.worker).split('@')[0]),
  );
  const children = processTree(ranOn.pid).filter((p) => p !== ranOn.pid);
  assert.ok(children.length >= 1, `${ranOn.name} has a child: it ran the job`);
  // (Both take a 1 MB young generation: what the child must not get is what only the supervisor has.)
  const supervisorsOnly = SUPERVISOR_NODE_FLAGS.filter((f) => !CHILD_NODE_FLAGS.includes(f));
  assert.ok(supervisorsOnly.includes('--no-opt'), supervisorsOnly.join(' '));
  for (const child of children) {
    assert.ok(!cmdline(child).some((a) => supervisorsOnly.includes(a)), cmdline(child).join(' '));
  }
  process.kill(worker1.pid, 'SIGKILL');
  await up.waitForLine(/^up {5}\| worker1 exited \(killed by SIGKILL\); restarting in 1 s$/, 30_000);
  await waitFor('worker1 to be ready again', async () =>
    up!.lines.filter((l) => /^worker1\| worker1@\S+ ready\.$/.test(l)).length === 2 ? true : null,
  );

  // Everything `up` started: database, API, workers and their children.
  pids = processTree(up.pid).filter((p) => p !== up!.pid);
  // Children come with jobs: the worker that ran the job may be the one just restarted, with none yet.
  assert.ok(pids.length >= 4, `up runs db, api and 2 workers: ${pids.join(' ')}`);
  up.proc.kill('SIGINT');
  const exit = await up.exited;
  assert.deepEqual(exit, { code: 0, signal: null }, up.lines.slice(-20).join('\n'));
  assert.ok(up.lines.includes('up     | all stopped'));
  const orphans = await waitFor(
    'every process to be gone',
    async () => {
      const alive = pids.filter(isAlive);
      return alive.length === 0 ? [] : null;
    },
    10_000,
  ).catch(() => pids.filter(isAlive));
  assert.deepEqual(orphans, [], 'no process outlives up');
  const jobs = (await getJson<JobView[]>(`${baseUrl}/api/jobs`).catch(() => null)) ?? null;
  assert.equal(jobs, null, 'the API is down');
});
