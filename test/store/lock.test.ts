import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../src/config.ts';
import { DataDirLockedError } from '../../src/store/errors.ts';
import { openDatabase } from '../../src/store/index.ts';
import { isAlive, LOCK_FILE, lockDataDir } from '../../src/store/lock.ts';
import { freshPgliteDir, tempDir } from '../support/databases.ts';
import { repoModule, startNode, waitForOutput } from '../support/spawn.ts';

let tmp: ReturnType<typeof tempDir>;
before(() => {
  tmp = tempDir('profai-lock-');
});
after(() => tmp.remove());

/** Child code that takes the lock of `dir`, says "locked", holds it `holdMs`, then exits. */
const holder = (dir: string, holdMs: number) => `
  const { lockDataDir } = await import(${JSON.stringify(repoModule('src/store/lock.ts'))});
  const lock = await lockDataDir(${JSON.stringify(dir)}, { waitMs: 0 });
  console.log('locked');
  await new Promise((r) => setTimeout(r, ${holdMs}));
  lock.release();`;

test('a second process waits for the lock, then fails with DataDirLockedError naming the holder', async () => {
  const dir = join(tmp.dir, 'held');
  const lock = await lockDataDir(dir);
  try {
    const code = `
      const { lockDataDir } = await import(${JSON.stringify(repoModule('src/store/lock.ts'))});
      const started = Date.now();
      try { await lockDataDir(${JSON.stringify(dir)}, { waitMs: 300 }); console.log('acquired'); }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message, waited: Date.now() - started })); }`;
    const { out, err } = await startNode(code).done;
    const result = JSON.parse(out.trim()) as { code: string; message: string; waited: number };
    assert.equal(result.code, 'data_dir_locked', err);
    assert.match(result.message, new RegExp(`pid ${process.pid}`));
    assert.ok(result.waited >= 300, `gave up after ${result.waited} ms`);
  } finally {
    lock.release();
  }
  assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'release removes the lock file');
});

test('the lock passes to a waiter when its holder process releases it', async () => {
  const dir = join(tmp.dir, 'handover');
  const child = startNode(holder(dir, 500));
  await waitForOutput(child.child, 'locked');
  const lock = await lockDataDir(dir, { waitMs: 20_000 });
  assert.equal(readFileSync(lock.path, 'utf8').split('\n')[0], String(process.pid));
  lock.release();
  assert.equal((await child.done).code, 0);
});

test('a lock left by a killed process is taken over', async () => {
  const dir = join(tmp.dir, 'stale');
  const child = startNode(holder(dir, 60_000));
  await waitForOutput(child.child, 'locked');
  child.child.kill('SIGKILL');
  await child.done;
  assert.ok(existsSync(join(dir, LOCK_FILE)), 'SIGKILL leaves the lock file behind');
  const lock = await lockDataDir(dir, { waitMs: 0 });
  assert.equal(readFileSync(lock.path, 'utf8').split('\n')[0], String(process.pid));
  lock.release();
});

test('within one process a second open waits too, and an unreadable pid counts as stale', async () => {
  const dir = join(tmp.dir, 'same');
  const first = await lockDataDir(dir);
  await assert.rejects(lockDataDir(dir, { waitMs: 50 }), DataDirLockedError);
  first.release();
  writeFileSync(join(dir, LOCK_FILE), 'garbage');
  (await lockDataDir(dir, { waitMs: 0 })).release();
  assert.equal(isAlive(process.pid), true);
  assert.equal(isAlive(-1), false);
});

test('openDatabase in a second process fails with DataDirLockedError while the first has PGlite open', async () => {
  const data = await freshPgliteDir();
  const db = await openDatabase(loadConfig({ PROFAI_DATA_DIR: data.dir }));
  try {
    const code = `
      const { openDatabase } = await import(${JSON.stringify(repoModule('src/store/index.ts'))});
      try { await openDatabase({ dataDir: ${JSON.stringify(data.dir)} }, { lockWaitMs: 200 }); console.log('opened'); }
      catch (e) { console.log(e.code); }`;
    const { out, err } = await startNode(code).done;
    assert.equal(out.trim(), 'data_dir_locked', err);
  } finally {
    await db.close();
    data.remove();
  }
});
