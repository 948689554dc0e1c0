import assert from 'node:assert/strict';
import { createServer, type Server, type Socket } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { freePort, runCli } from '../support/ops.ts';

/**
 * The time a command takes beyond what the same CLI needs to answer from a Redis that works (`inspect ping`
 * on an empty prefix, which also loads ioredis and BullMQ), so a loaded machine's slow start-up does not
 * count against the connection handling.
 */
async function beyondStartup(args: string[]) {
  const baseline = await runCli(['inspect', 'ping', '--prefix', `ops-empty-${process.pid}`]);
  assert.equal(baseline.code, 1, baseline.stderr);
  const result = await runCli(args);
  return { ...result, extraMs: result.ms - baseline.ms };
}

describe('monitor and inspect against a Redis that does not answer', () => {
  let silent: Server;
  let silentPort = 0;
  const sockets: Socket[] = [];

  before(async () => {
    // Accepts connections and never replies: like a firewall that lets SYN through, or a hung Redis.
    silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentPort = (silent.address() as { port: number }).port;
  });
  after(async () => {
    for (const s of sockets) s.destroy();
    await new Promise((r) => silent.close(r));
  });

  test('nothing listening: one line naming the address and ECONNREFUSED, exit code 2, at once', async () => {
    const port = await freePort();
    for (const args of [['monitor'], ['inspect', 'ping', '--json'], ['monitor', '--watch']]) {
      const r = await beyondStartup([...args, '--redis', `redis://127.0.0.1:${port}`]);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `profai: cannot reach Redis at redis://127.0.0.1:${port} (ECONNREFUSED)\n`);
      assert.ok(r.extraMs < 3000, `${args.join(' ')} took ${Math.round(r.extraMs)} ms beyond start-up`);
    }
  });

  test('a server that never answers: one line, ETIMEDOUT, exit code 2 within the ~2 s connect limit', async () => {
    const r = await beyondStartup(['inspect', 'stats', '--redis', `redis://127.0.0.1:${silentPort}`]);
    assert.equal(r.code, 2, r.stderr);
    assert.equal(r.stderr, `profai: cannot reach Redis at redis://127.0.0.1:${silentPort} (ETIMEDOUT)\n`);
    assert.ok(r.extraMs < 4000, `took ${Math.round(r.extraMs)} ms beyond start-up`);
  });

  test('the password in a Redis URL is never printed', async () => {
    const port = await freePort();
    const r = await runCli(['monitor', '--redis', `redis://user:s3cret@127.0.0.1:${port}/2`]);
    assert.equal(r.code, 2);
    assert.equal(
      r.stderr,
      `profai: cannot reach Redis at redis://user:***@127.0.0.1:${port}/2 (ECONNREFUSED)\n`,
    );
  });
});
