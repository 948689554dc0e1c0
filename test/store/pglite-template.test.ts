/**
 * New PGlite data dirs start from a migrated cluster kept in the cache folder (pglite-template.ts): copied from
 * the one the build ships (linked, or made once), copied after, never carrying one data dir's rows into another,
 * named by the migrations it holds, and replaced when it stops opening.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { loadConfig } from '../../src/config.ts';
import { openDatabase } from '../../src/store/index.ts';
import { loadMigrations, MIGRATIONS_DIR, migrationsFingerprint } from '../../src/store/migrate.ts';
import {
  pruneTemplates,
  resolveCacheDir,
  shippedTemplatePath,
  templatePath,
} from '../../src/store/pglite-template.ts';
import { tempDir } from '../support/databases.ts';

let tmp: ReturnType<typeof tempDir>;
let cache: string;
before(() => {
  tmp = tempDir('profai-template-');
  cache = join(tmp.dir, 'cache');
});
after(() => tmp.remove());

const open = (name: string, cacheDir = cache) =>
  openDatabase(loadConfig({ PROFAI_DATA_DIR: join(tmp.dir, name), PROFAI_CACHE_DIR: cacheDir }));

test('the first new data dir makes the template; the next starts from it without the first one’s rows', async () => {
  const first = await open('first');
  try {
    assert.ok(existsSync(join(templatePath(cache), 'PG_VERSION')), 'template made');
    await first.query('CREATE TABLE only_in_first (x int)');
  } finally {
    await first.close();
  }
  const second = await open('second');
  try {
    const tables = await second.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    const names = tables.rows.map((r) => r.name);
    assert.ok(names.includes('documents') && names.includes('chunk_vectors'), names.join(', '));
    assert.ok(!names.includes('only_in_first'));
    assert.equal(second.vectorColumn, 'vector');
  } finally {
    await second.close();
  }
});

test('the build ships a template, and a new cache starts as a copy of it, not by initdb', async () => {
  const shipped = shippedTemplatePath();
  assert.ok(existsSync(join(shipped, 'PG_VERSION')), `no template in ${shipped}: run npm run build`);
  const fresh = join(tmp.dir, 'fresh-cache');
  await (await open('from-shipped', fresh)).close();
  // initdb gives every cluster its own system identifier (in pg_control): equal bytes mean a copy.
  const control = (dir: string) => readFileSync(join(dir, 'global', 'pg_control'));
  assert.ok(control(templatePath(fresh)).equals(control(shipped)));
});

test('a new cache links the shipped template’s files (no second 40 MB write), and data dirs never write through to it', async () => {
  const shipped = shippedTemplatePath();
  const files = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length))
      .sort();
  const digest = (dir: string) => {
    const hash = createHash('sha256');
    for (const file of files(dir)) hash.update(`${file}\0`).update(readFileSync(join(dir, file)));
    return hash.digest('hex');
  };
  const before = digest(shipped);
  const linked = join(tmp.dir, 'linked-cache');
  const db = await open('through-links', linked);
  try {
    await db.query('CREATE TABLE written_after_the_copy (x int)');
    await db.query('INSERT INTO written_after_the_copy SELECT generate_series(1, 1000)');
  } finally {
    await db.close();
  }
  const template = templatePath(linked);
  assert.deepEqual(files(template), files(shipped));
  const control = 'global/pg_control';
  if (statSync(shipped).dev === statSync(template).dev)
    assert.equal(
      statSync(join(template, control)).ino,
      statSync(join(shipped, control)).ino,
      'a link, not a copy',
    );
  assert.equal(digest(shipped), before, 'the shipped template is unchanged');
});

test('the shipped template holds every migration, so a data dir copied from it has none left to apply', async () => {
  const copy = join(tmp.dir, 'shipped-copy');
  cpSync(shippedTemplatePath(), copy, { recursive: true });
  const pg = await PGlite.create({ dataDir: copy, extensions: { vector } });
  try {
    const { rows } = await pg.query<{ version: string }>(
      'SELECT version FROM schema_migrations ORDER BY version',
    );
    const expected = [
      ...loadMigrations(MIGRATIONS_DIR),
      ...loadMigrations(join(MIGRATIONS_DIR, 'vector'), 'vector/'),
    ].map((m) => m.version);
    assert.deepEqual(
      rows.map((r) => r.version),
      expected.sort(),
    );
  } finally {
    await pg.close();
  }
});

test('the template is named by the migrations: a changed or added file names another one', () => {
  const dir = join(tmp.dir, 'migrations');
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const before = migrationsFingerprint(dir);
  assert.equal(before, migrationsFingerprint(MIGRATIONS_DIR));
  writeFileSync(join(dir, 'vector', '999_more.sql'), 'SELECT 1;\n');
  const added = migrationsFingerprint(dir);
  assert.notEqual(added, before);
  writeFileSync(join(dir, 'vector', '999_more.sql'), 'SELECT 2;\n');
  assert.notEqual(migrationsFingerprint(dir), added);
  assert.ok(templatePath(cache).includes(before.slice(0, 16)));
});

test('a template that no longer opens is discarded and the data dir made by initdb', async () => {
  const template = templatePath(cache);
  if (!existsSync(template)) await (await open('maker')).close();
  rmSync(join(template, 'global', 'pg_control'));
  const db = await open('after-damage');
  try {
    assert.deepEqual((await db.query<{ n: number }>('SELECT 1 AS n')).rows, [{ n: 1 }]);
  } finally {
    await db.close();
  }
  assert.equal(existsSync(template), false, 'damaged template removed');
});

test('PROFAI_CACHE_DIR unset means $XDG_CACHE_HOME/profai; off means no template at all', async () => {
  const xdg = join(tmp.dir, 'xdg');
  const saved = process.env.XDG_CACHE_HOME;
  process.env.XDG_CACHE_HOME = xdg;
  try {
    assert.equal(resolveCacheDir(undefined), join(xdg, 'profai'));
    assert.equal(resolveCacheDir('/x/y'), '/x/y');
    assert.equal(resolveCacheDir('off'), undefined);
    const db = await open('no-cache', 'off');
    await db.close();
    assert.equal(existsSync(xdg), false);
  } finally {
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
  }
});

test('the cache keeps the three most recently used templates and removes older ones and abandoned partials', () => {
  const dir = join(tmp.dir, 'prune-cache');
  const now = Date.now() / 1000;
  const make = (name: string, ageSeconds: number) => {
    mkdirSync(join(dir, name, 'base'), { recursive: true });
    utimesSync(join(dir, name), now - ageSeconds, now - ageSeconds);
  };
  make('pglite-0.5.14-schema-aaaa-cluster', 400);
  make('pglite-0.5.14-schema-bbbb-cluster', 300);
  make('pglite-0.5.14-schema-cccc-cluster', 200);
  make('pglite-0.5.15-schema-dddd-cluster', 100);
  make('pglite-0.5.15-schema-dddd-cluster.1234.partial', 7200);
  make('pglite-0.5.15-schema-eeee-cluster.5678.partial', 10);
  make('pglite-0.5.13-schema-ffff-cluster.9999.trash', 7200);
  writeFileSync(join(dir, 'unrelated.txt'), 'kept');
  pruneTemplates(dir);
  assert.deepEqual(readdirSync(dir).sort(), [
    'pglite-0.5.14-schema-bbbb-cluster',
    'pglite-0.5.14-schema-cccc-cluster',
    'pglite-0.5.15-schema-dddd-cluster',
    'pglite-0.5.15-schema-eeee-cluster.5678.partial',
    'unrelated.txt',
  ]);
  // The one a process just made stays, however old its folder's time, and counts among the three.
  make('pglite-0.5.16-schema-gggg-cluster', 9000);
  pruneTemplates(dir, 3, 'pglite-0.5.16-schema-gggg-cluster');
  assert.deepEqual(
    readdirSync(dir)
      .filter((n) => n.endsWith('-cluster'))
      .sort(),
    [
      'pglite-0.5.14-schema-cccc-cluster',
      'pglite-0.5.15-schema-dddd-cluster',
      'pglite-0.5.16-schema-gggg-cluster',
    ],
  );
});

test('a data dir made from the template marks it used, so that pruning keeps templates in use', async () => {
  await (await open('marks-used-first')).close();
  const template = templatePath(cache);
  const old = new Date(Date.now() - 86_400_000);
  utimesSync(template, old, old);
  await (await open('marks-used')).close();
  assert.ok(Date.now() - statSync(template).mtimeMs < 600_000, 'template time not renewed');
});

test('a file where the database folder should be is refused in one line and kept, not replaced by a new cluster', async () => {
  const data = join(tmp.dir, 'file-in-place');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'pgdata'), 'my notes');
  await assert.rejects(open('file-in-place'), (err: Error & { code?: string }) => {
    assert.equal(err.code, 'data_dir_invalid');
    assert.match(err.message, /pgdata is a file, not a database ProfAI made/);
    assert.doesNotMatch(err.message, /\n/);
    return true;
  });
  assert.equal(readFileSync(join(data, 'pgdata'), 'utf8'), 'my notes');
});
