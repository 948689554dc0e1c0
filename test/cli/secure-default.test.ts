/**
 * Secure by default, as a new user meets it: `profai api` and `profai up` asked to listen beyond loopback with no
 * credential exit 1 at start with one line naming HOST and API_KEY; a user (`profai users add`) is a credential;
 * `profai up` with no settings serves the app on 127.0.0.1, where requests need no key and act as the admin.
 * Also `profai users add | list | rotate | revoke` on a real PostgreSQL database.
 */
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { listAudit, openDatabase, saveProcessedDocument } from '../../src/store/index.ts';
import { createTestDatabase, fixtureDocument } from '../support/api.ts';
import { freePort } from '../support/chroma.ts';
import { type CliProcess, killAll, spawnProfai } from '../support/cli-processes.ts';
import { freshPgliteDir, tempDir } from '../support/databases.ts';

const REFUSAL =
  /^profai: HOST=0\.0\.0\.0 with no credential: .*set API_KEY .*profai users add NAME --role admin.*HOST=127\.0\.0\.1$/;

/** Runs `profai args` to its end: exit code and lines. */
async function runProfai(args: string[], env: Record<string, string | undefined>, timeoutMs = 90_000) {
  const p = spawnProfai(args, env);
  const timer = setTimeout(() => p.proc.kill('SIGKILL'), timeoutMs);
  const exit = await p.exited;
  clearTimeout(timer);
  return { code: exit.code, lines: p.lines.filter((l) => l.trim() !== '') };
}

describe('secure default and profai users', { timeout: 300_000 }, () => {
  let db: { url: string; drop(): Promise<void> };
  const prefix = `test-secure-${randomBytes(4).toString('hex')}`;
  const running: CliProcess[] = [];
  const cleanups: (() => unknown)[] = [];
  const env = () => ({
    DATABASE_URL: db.url,
    CHROMA_URL: undefined,
    API_KEY: undefined,
    QUEUE_PREFIX: prefix,
    LOG_LEVEL: 'warn',
  });

  before(async () => {
    db = await createTestDatabase();
  });
  after(async () => {
    await killAll(running);
    for (const c of cleanups) await c();
    await db?.drop();
    const redis = new Redis();
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  test('profai api on HOST=0.0.0.0 without a credential: exit 1 with one line naming the settings', async () => {
    const { code, lines } = await runProfai(['api', '--port', String(await freePort())], {
      ...env(),
      HOST: '0.0.0.0',
    });
    assert.equal(code, 1);
    assert.equal(lines.length, 1, lines.join('\n'));
    assert.match(lines[0]!, REFUSAL);
  });

  test('profai up on HOST=0.0.0.0 without a credential: exit 1 at start, the same line', async () => {
    const { code, lines } = await runProfai(['up', '--workers', '1', '--port', String(await freePort())], {
      ...env(),
      HOST: '0.0.0.0',
    });
    assert.equal(code, 1);
    assert.ok(
      lines.some((l) => REFUSAL.test(l)),
      lines.join('\n'),
    );
    assert.ok(!lines.some((l) => /listening/.test(l)), 'nothing listened');
  });

  test('profai users: add prints a key once, list shows its start, rotate and revoke end the old key', async () => {
    const added = await runProfai(['users', 'add', 'ana', '--role', 'teacher', '--json'], env());
    assert.equal(added.code, 0, added.lines.join('\n'));
    const { user, key } = JSON.parse(added.lines.join('\n')) as {
      user: { name: string; role: string };
      key: string;
    };
    assert.deepEqual([user.name, user.role], ['ana', 'teacher']);
    assert.match(key, /^profai_[A-Za-z0-9_-]{43}$/);
    const again = await runProfai(['users', 'add', 'ANA', '--role', 'admin'], env());
    assert.equal(again.code, 1);
    assert.match(again.lines.join('\n'), /^profai: a user named ANA exists already/);
    const badRole = await runProfai(['users', 'add', 'bo', '--role', 'root'], env());
    assert.notEqual(badRole.code, 0);
    const listed = await runProfai(['users', 'list'], env());
    assert.equal(listed.code, 0);
    assert.ok(
      listed.lines.some((l) => l.startsWith('ana') && l.includes(key.slice(0, 11))),
      listed.lines.join('\n'),
    );
    assert.ok(!listed.lines.join('\n').includes(key), 'the key itself is never shown again');
    const rotated = await runProfai(['users', 'rotate', 'ana'], env());
    assert.equal(rotated.code, 0);
    const newKey = rotated.lines.find((l) => l.startsWith('profai_'));
    assert.ok(newKey && newKey !== key);
    const revoked = await runProfai(['users', 'revoke', 'ana'], env());
    assert.deepEqual(
      [revoked.code, revoked.lines],
      [0, ['ana (teacher) revoked: their key no longer works']],
    );
    const gone = await runProfai(['users', 'revoke', 'ana'], env());
    assert.equal(gone.code, 1);
    assert.match(gone.lines[0]!, /^profai: user ana not found$/);
    // The audit trail has each change made, by the machine's user (`cli`); the refused ones are not in it.
    const store = await openDatabase({ databaseUrl: db.url, dataDir: '' });
    const trail = (await listAudit(store, new Date(Date.now() - 600_000))).filter((r) => r.action === 'user');
    await store.close();
    assert.deepEqual(
      trail.map((r) => [r.actorId, r.targetKind, r.detail?.name, r.detail?.change, r.detail?.via]),
      [
        ['cli', 'user', 'ana', 'revoked', 'cli'],
        ['cli', 'user', 'ana', 'rotated', 'cli'],
        ['cli', 'user', 'ana', 'added', 'cli'],
      ],
    );
  });

  test('profai users own: courses from before users exist find their teacher', async () => {
    const store = await openDatabase({ databaseUrl: db.url, dataDir: '' });
    const sha = createHash('sha256').update('before users').digest('hex');
    const { courseId } = await saveProcessedDocument(store, fixtureDocument(sha, 'old.pdf'));
    await store.close();
    await runProfai(['users', 'add', 'tia', '--role', 'teacher'], env());
    const given = await runProfai(['users', 'own', 'tia', '--unowned'], env());
    assert.deepEqual([given.code, given.lines], [0, [`tia now owns 1 more course(s): ${courseId}`]]);
    const again = await runProfai(['users', 'own', 'tia', courseId.slice(0, 6)], env());
    assert.deepEqual([again.code, again.lines], [0, ['tia owned them already']]);
    const unknown = await runProfai(['users', 'own', 'tia', 'cffffffffff'], env());
    assert.deepEqual([unknown.code, unknown.lines], [1, ['profai: course cffffffffff not found']]);
  });

  test('with a user, profai api listens on 0.0.0.0 and asks for a key; the key of an admin works', async () => {
    const added = await runProfai(['users', 'add', 'root', '--role', 'admin', '--json'], env());
    const { key } = JSON.parse(added.lines.join('\n')) as { key: string };
    const port = await freePort();
    const api = spawnProfai(['api', '--port', String(port)], { ...env(), HOST: '0.0.0.0' });
    running.push(api);
    await api.waitForLine(/ProfAI API listening on/);
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/api/courses`)).status, 401);
    const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${key}` } });
    assert.deepEqual(
      { ...((await me.json()) as object), id: undefined },
      { id: undefined, name: 'root', role: 'admin', credential: 'user' },
    );
    api.proc.kill('SIGTERM');
    await api.exited;
  });

  test('profai up with no settings serves the app on 127.0.0.1, no key needed, as the admin', async () => {
    const data = await freshPgliteDir();
    const uploads = tempDir('profai-secure-up-');
    cleanups.push(data.remove, uploads.remove);
    const port = await freePort();
    const up = spawnProfai(['up', '--workers', '1', '--port', String(port)], {
      ...env(),
      DATABASE_URL: undefined,
      HOST: undefined,
      PROFAI_DATA_DIR: data.dir,
      UPLOAD_DIR: uploads.dir,
    });
    running.push(up);
    await up.waitForLine(/^api {4}\| ProfAI API listening on http:\/\/127\.0\.0\.1:\d+$/, 180_000);
    const base = `http://127.0.0.1:${port}`;
    assert.equal((await fetch(`${base}/`)).status, 200);
    const me = (await (await fetch(`${base}/api/me`)).json()) as { role: string; credential: string };
    assert.deepEqual([me.role, me.credential], ['admin', 'none']);
    assert.equal((await fetch(`${base}/api/courses`)).status, 200);
    up.proc.kill('SIGINT');
    assert.equal((await up.exited).code, 0, up.lines.slice(-10).join('\n'));
  });
});
