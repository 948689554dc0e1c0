#!/usr/bin/env node
/**
 * Builds dist/: TypeScript, the web app's files, the migrated PGlite cluster. `npm run build` always builds;
 * `prepare` passes --if-changed and skips when dist/ was built from these very sources.
 *
 * Why the skip: `npx profai` inside this repository installs the repository into npm's npx cache (npm 7+
 * "self-execution of a local bin"), and installing a folder runs its `prepare` again: a second full tsc
 * build that made the first `npx profai process` after `npm ci` cost ~13 s of CPU instead of ~3.
 *
 *   node scripts/build.mjs [--if-changed] [--root DIR]
 *   node scripts/build.mjs --check     prints the sources' fingerprint; exit 0 when dist/ was built from them
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';

/**
 * Files whose content decides what the build writes; `src/` is taken whole (tsc and copy-web read it), and so is
 * `migrations/` (the PGlite template is migrated with it).
 */
const INPUT_FILES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'scripts/build.mjs',
  'scripts/copy-web.mjs',
  'scripts/make-pglite-template.ts',
];
const FINGERPRINT_FILE = join('dist', '.build-fingerprint');
/** What a finished build leaves (one file per step): a dist/ missing one is rebuilt whatever its fingerprint. */
const OUTPUTS = ['dist/cli/main.js', 'dist/web/index.html'];
/** The third step's output, named by PGlite's version (a new version changes the lockfile, hence the fingerprint). */
const TEMPLATE = /^pglite-.+-cluster$/;

function outputsPresent(root) {
  const dist = join(root, 'dist');
  return (
    OUTPUTS.every((file) => existsSync(join(root, file))) &&
    existsSync(dist) &&
    readdirSync(dist).some((name) => TEMPLATE.test(name) && existsSync(join(dist, name, 'PG_VERSION')))
  );
}

function filesUnder(root, dir) {
  const path = join(root, dir);
  if (!existsSync(path)) return [];
  return readdirSync(path, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath ?? entry.path, entry.name)));
}

/** sha256 over the build's inputs, by path and content. */
function inputsFingerprint(root) {
  const hash = createHash('sha256');
  for (const file of [...INPUT_FILES, ...filesUnder(root, 'src'), ...filesUnder(root, 'migrations')].sort()) {
    const path = join(root, file);
    hash.update(`${file}\0`);
    hash.update(existsSync(path) ? readFileSync(path) : 'missing');
    hash.update('\0');
  }
  return hash.digest('hex');
}

function builtFingerprint(root) {
  const path = join(root, FINGERPRINT_FILE);
  return existsSync(path) ? readFileSync(path, 'utf8').trim() : undefined;
}

function build(root) {
  const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });
  run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json']);
  run(process.execPath, ['scripts/copy-web.mjs']);
  run(process.execPath, ['--import', 'tsx', 'scripts/make-pglite-template.ts']);
}

const { values } = parseArgs({
  options: {
    'if-changed': { type: 'boolean', default: false },
    check: { type: 'boolean', default: false },
    root: { type: 'string', default: '.' },
  },
});
const root = values.root;
const fingerprint = inputsFingerprint(root);
const current = builtFingerprint(root) === fingerprint && outputsPresent(root);
if (values.check) {
  console.log(fingerprint);
  process.exitCode = current ? 0 : 1;
} else if (values['if-changed'] && current) {
  console.log('dist/ is current (built from these sources): not rebuilt');
} else {
  // Gone before building and written only after every step succeeded: tsc writes its output even when it reports
  // errors, so a failed build must not leave dist/ looking like the build of the sources an older fingerprint names.
  rmSync(join(root, FINGERPRINT_FILE), { force: true });
  build(root);
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(join(root, FINGERPRINT_FILE), `${fingerprint}\n`);
}
