import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const buildScript = fileURLToPath(new URL('../../scripts/build.mjs', import.meta.url));
const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));

const root = mkdtempSync(join(tmpdir(), 'profai-build-'));
after(() => rmSync(root, { recursive: true, force: true }));
mkdirSync(join(root, 'src/cli'), { recursive: true });
writeFileSync(join(root, 'src/cli/main.ts'), 'export const a = 1;\n');
writeFileSync(join(root, 'tsconfig.json'), '{}\n');

function runBuild(...args: string[]) {
  const result = spawnSync(process.execPath, [buildScript, '--root', root, ...args], { encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr };
}

/** Records the fingerprint of the fixture's sources as a finished build would. */
function recordBuild(): void {
  mkdirSync(join(root, 'dist/cli'), { recursive: true });
  mkdirSync(join(root, 'dist/web'), { recursive: true });
  writeFileSync(join(root, 'dist/cli/main.js'), '');
  writeFileSync(join(root, 'dist/web/index.html'), '');
  mkdirSync(join(root, 'dist/pglite-0.0.0-empty-cluster'), { recursive: true });
  writeFileSync(join(root, 'dist/pglite-0.0.0-empty-cluster/PG_VERSION'), '17\n');
  writeFileSync(join(root, 'dist/.build-fingerprint'), `${runBuild('--check').stdout}\n`);
}

describe('build: prepare skips a build of the same sources', () => {
  test('npm runs the build through the check on prepare (npx profai re-runs prepare) and always on build', () => {
    assert.equal(packageJson.scripts.prepare, 'node scripts/build.mjs --if-changed');
    assert.equal(packageJson.scripts.build, 'node scripts/build.mjs');
  });

  test('no dist/ is not current', () => {
    const { status, stdout } = runBuild('--check');
    assert.equal(status, 1);
    assert.match(stdout, /^[0-9a-f]{64}$/);
  });

  test('dist/ built from these sources is current, and --if-changed does nothing', () => {
    recordBuild();
    assert.equal(runBuild('--check').status, 0);
    const skipped = runBuild('--if-changed');
    assert.equal(skipped.status, 0, skipped.stderr);
    assert.match(skipped.stdout, /dist\/ is current/);
  });

  test('a changed, added or removed source file makes dist/ stale', () => {
    recordBuild();
    writeFileSync(join(root, 'src/cli/main.ts'), 'export const a = 2;\n');
    assert.equal(runBuild('--check').status, 1);
    recordBuild();
    writeFileSync(join(root, 'src/cli/extra.ts'), 'export {};\n');
    assert.equal(runBuild('--check').status, 1);
    recordBuild();
    rmSync(join(root, 'src/cli/extra.ts'));
    assert.equal(runBuild('--check').status, 1);
  });

  test('a dist/ missing what a step writes is rebuilt whatever its fingerprint', () => {
    recordBuild();
    rmSync(join(root, 'dist/web'), { recursive: true });
    assert.equal(runBuild('--check').status, 1);
    recordBuild();
    rmSync(join(root, 'dist/pglite-0.0.0-empty-cluster'), { recursive: true });
    assert.equal(runBuild('--check').status, 1, 'no PGlite template: the first run would pay initdb');
  });

  test('a failed build leaves no fingerprint (tsc writes its output even when it reports errors)', () => {
    writeFileSync(join(root, 'src/cli/main.ts'), 'export const a = 1;\n');
    recordBuild();
    writeFileSync(join(root, 'src/cli/main.ts'), 'export const a = 3;\n');
    // The fixture has no node_modules/typescript: the build's first step fails.
    const failed = runBuild();
    assert.notEqual(failed.status, 0);
    writeFileSync(join(root, 'src/cli/main.ts'), 'export const a = 1;\n');
    assert.equal(runBuild('--check').status, 1, 'the old fingerprint must not make the failed build current');
  });

  test('a changed lockfile, compiler setting or migration makes dist/ stale', () => {
    recordBuild();
    writeFileSync(join(root, 'tsconfig.json'), '{"compilerOptions":{}}\n');
    assert.equal(runBuild('--check').status, 1);
    recordBuild();
    writeFileSync(join(root, 'package-lock.json'), '{}\n');
    assert.equal(runBuild('--check').status, 1);
    recordBuild();
    writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
    assert.equal(runBuild('--check').status, 1, 'package.json decides what tsc emits (type, imports)');
    recordBuild();
    mkdirSync(join(root, 'migrations'), { recursive: true });
    writeFileSync(join(root, 'migrations/001_initial.sql'), 'SELECT 1;\n');
    assert.equal(runBuild('--check').status, 1, 'the PGlite template is migrated with migrations/');
  });
});
