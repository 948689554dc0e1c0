/**
 * How a worker pod stops: in a container the worker is PID 1 of its own PID namespace, where the kernel drops
 * every signal it has no handler for, and the kubelet sends SIGTERM from outside the namespace. Run so here
 * (`unshare --pid --fork --mount-proc`, as root): SIGTERM mid-task lets the task finish and the worker exit 0;
 * past SHUTDOWN_GRACE_S the task goes back to the queue, not failed, and another worker completes it.
 * (Past terminationGracePeriodSeconds the kubelet's SIGKILL is test/fleet/shutdown.test.ts's last case.)
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { after, describe, test } from 'node:test';
import { enqueueTask } from '../../src/fleet/queues.ts';
import {
  killAll,
  openTestClient,
  randomPrefix,
  spawnWorker,
  testEnv,
  type WorkerProcess,
  waitFor,
  waitForFinished,
  waitForState,
} from '../support/workers.ts';

const POD = ['unshare', '--pid', '--fork', '--mount-proc', '--kill-child'];
/** Why the PID-namespace tests cannot run here, or null when they can (they need root for `unshare --pid`). */
const cannot = (() => {
  const r = spawnSync(POD[0]!, [...POD.slice(1), 'sh', '-c', 'test $$ = 1'], { encoding: 'utf8' });
  if (r.error) return `unshare is not available (${r.error.message})`;
  return r.status === 0
    ? null
    : `unshare --pid is not allowed here (${r.stderr.trim() || `exit ${r.status}`})`;
})();

/** The worker's own PID as seen from here: the child `unshare --fork` started. */
async function workerPid(wrapper: WorkerProcess): Promise<number> {
  const pid = wrapper.proc.pid!;
  return waitFor('the worker process under unshare', async () => {
    const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8')).trim();
    return children ? Number(children.split(' ')[0]) : null;
  });
}

describe('a worker as PID 1 of its PID namespace, as in a pod', {
  skip: cannot ?? false,
  timeout: 90_000,
}, () => {
  const all: WorkerProcess[] = [];
  const cleanups: (() => Promise<void>)[] = [];
  after(async () => {
    await killAll(all);
    for (const c of cleanups) await c();
  });
  const setup = () => {
    const prefix = randomPrefix();
    const { client, cleanup } = openTestClient(prefix);
    cleanups.push(cleanup);
    return { prefix, client };
  };
  const startPod = async (env: Record<string, string>) => {
    const pod = spawnWorker({ WORKER_NUM: '1', ...env }, POD);
    all.push(pod);
    await pod.waitForLine(/ ready\.$/, 60_000);
    const pid = await workerPid(pod);
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    assert.match(status, /^NSpid:\s+\d+\s+1$/m, 'the worker is PID 1 in its namespace');
    return { pod, pid };
  };

  test('SIGTERM from outside mid-task: the task completes, the worker exits 0', async () => {
    const { prefix, client } = setup();
    const { pod, pid } = await startPod(testEnv(prefix));
    const { id } = await enqueueTask(client, 'test.sleep', { ms: 1500 });
    await waitForState(client, id, 'active');
    process.kill(pid, 'SIGTERM');
    assert.deepEqual(await pod.exited, { code: 0, signal: null });
    const view = await waitForFinished(client, id);
    assert.equal(view.state, 'completed');
    assert.equal(view.attempts, 1);
  });

  test('past SHUTDOWN_GRACE_S the task goes back to the queue and another worker completes it', async () => {
    const { prefix, client } = setup();
    const { pod, pid } = await startPod(testEnv(prefix, { SHUTDOWN_GRACE_S: '0.5' }));
    const { id } = await enqueueTask(client, 'test.sleep', { ms: 4000 });
    await waitForState(client, id, 'active');
    process.kill(pid, 'SIGTERM');
    assert.deepEqual(await pod.exited, { code: 0, signal: null });
    const released = await waitForState(client, id, 'waiting');
    assert.equal(released.attempts, 0, 'a released task is not a failed attempt');

    await startPod({ ...testEnv(prefix), WORKER_NUM: '2' });
    const view = await waitForFinished(client, id);
    assert.equal(view.state, 'completed');
    assert.match(view.worker ?? '', /^worker2@/);
  });
});
