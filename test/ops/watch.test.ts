import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openTestClient, randomPrefix, testEnv, waitFor } from '../support/workers.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** Starts `command`, waits until `ready(output)` holds, sends SIGINT, returns the exit code and all output. */
async function interrupt(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: (out: string) => boolean,
) {
  const proc = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout.on('data', (c: Buffer) => {
    out += c.toString();
  });
  proc.stderr.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const exited = new Promise<number | null>((r) => proc.once('close', (code) => r(code)));
  try {
    await waitFor('the monitor to draw', async () => (ready(out) ? true : null), 30_000);
  } finally {
    // On a terminal Ctrl-C is a byte the terminal turns into SIGINT for the program (not for `script`).
    if (command === 'script') proc.stdin.write('\x03');
    else proc.kill('SIGINT');
  }
  return { code: await exited, out };
}

describe('profai monitor --watch', () => {
  const prefix = randomPrefix();
  const env = testEnv(prefix);
  const { cleanup } = openTestClient(prefix);
  after(cleanup);

  test('--json: one snapshot per line until Ctrl-C, then exit 0', async () => {
    const { code, out } = await interrupt(
      process.execPath,
      ['--import', 'tsx', MAIN, 'monitor', '--watch', '--json', '--interval', '0.2'],
      env,
      (o) => o.split('\n').length > 3,
    );
    assert.equal(code, 0, out);
    const lines = out.trim().split('\n');
    assert.ok(lines.length >= 3);
    for (const line of lines) assert.equal(JSON.parse(line).redis.up, true);
  });

  test('on a terminal: the alternate screen, frames drawn from the top, the terminal restored on Ctrl-C', async () => {
    // `script` gives the monitor a pseudo-terminal, as an operator's shell would. `exec` because script runs
    // the command through $SHELL: dash (CI's /bin/sh) would stay the foreground process, take the Ctrl-C and exit 130.
    const cmd = `exec ${process.execPath} --import tsx ${MAIN} monitor --watch --interval 0.2`;
    const { code, out } = await interrupt(
      'script',
      ['-qfec', cmd, '/dev/null'],
      env,
      (o) => (o.match(/WORKER STATUS/g) ?? []).length >= 2,
    );
    assert.equal(code, 0, out);
    assert.ok(out.includes('\x1b[?1049h\x1b[?25l'), 'enters the alternate screen, hides the cursor');
    assert.ok(out.includes('\x1b[HWORKER STATUS'), 'each frame starts at the top left');
    assert.ok(out.includes('Found 0 active workers'));
    assert.ok(out.trimEnd().endsWith('\x1b[?25h\x1b[?1049l'), 'restores cursor and screen last');
  });
});
