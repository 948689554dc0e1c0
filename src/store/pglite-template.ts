/**
 * A migrated PGlite cluster copied into each new data dir, so that no `profai process` pays for initdb or for
 * the schema's migrations.
 *
 * Why: PGlite makes a new cluster by running initdb in a second WebAssembly instance beside its own: seconds
 * and ~900 MB of peak memory, paid by the first `profai process` of every data dir (and by every test that
 * opens a fresh one). Copying the files of a cluster that initdb made and PGlite shut down cleanly (a cold
 * copy, as PostgreSQL allows) takes ~0.1 s. The migrations are applied to the template too: on a fresh data
 * dir they cost the example's first run ~0.8 s of CPU (a dozen files of DDL through a cold catalog), where a
 * migrated copy leaves migrate() nothing to do. The template's name carries PGlite's version and the
 * migrations' fingerprint, so an upgrade or a new migration makes a new one (never a template of another
 * schema: a data dir copied from it is migrated as usual on open anyway).
 *
 * Where it comes from: `npm run build` makes one in `dist/` (scripts/make-pglite-template.ts), so it ships with
 * the package and even a machine's first run copies instead of running initdb. The cache folder holds the copy
 * new data dirs start from (hard links to the shipped files where it can: {@link linkTree}); without a shipped
 * one (e.g. PGlite upgraded since the build), the first new data dir makes it by initdb and the migrations, as
 * before.
 *
 * Best effort throughout: a cache folder that cannot be written or a template that does not open only costs
 * the initdb it would have saved.
 */
import { randomUUID } from 'node:crypto';
import {
  cpSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { migrate, migrationsFingerprint } from './migrate.ts';
import { pgliteDatabase } from './pglite-database.ts';

/**
 * The folder PROFAI_CACHE_DIR names: unset → `$XDG_CACHE_HOME/profai` or `~/.cache/profai`; `off` → none.
 */
export function resolveCacheDir(setting: string | undefined): string | undefined {
  if (setting === 'off') return undefined;
  if (setting) return setting;
  const xdg = process.env.XDG_CACHE_HOME;
  return xdg ? join(xdg, 'profai') : join(homedir(), '.cache', 'profai');
}

/** The template's folder in `cacheDir`: named by PGlite's version and the migrations it was made with. */
export function templatePath(cacheDir: string): string {
  return join(cacheDir, `pglite-${pgliteVersion()}-schema-${migrationsFingerprint().slice(0, 16)}-cluster`);
}

/**
 * Copies the template into `pgdata` (which holds no cluster yet), making the template first when there is none.
 * @returns false when it could not (nothing is left in `pgdata`: PGlite runs initdb there as usual).
 */
export async function seedFromTemplate(cacheDir: string, pgdata: string): Promise<boolean> {
  try {
    const template = templatePath(cacheDir);
    if (!existsSync(join(template, 'PG_VERSION'))) await makeTemplate(template);
    cpSync(template, pgdata, { recursive: true });
    markUsed(template);
    return true;
  } catch {
    rmSync(pgdata, { recursive: true, force: true });
    return false;
  }
}

/** Removes a template that did not open, so that the next new data dir makes a good one. */
export function discardTemplate(cacheDir: string): void {
  try {
    rmSync(templatePath(cacheDir), { recursive: true, force: true });
  } catch {
    // nothing to remove, or no PGlite package to name it by
  }
}

/**
 * The template in a folder of its own (a copy of the shipped one, else made by initdb and shut down cleanly),
 * then renamed into place: never seen half made.
 */
async function makeTemplate(template: string): Promise<void> {
  const partial = `${template}.${randomUUID()}.partial`;
  try {
    mkdirSync(dirname(template), { recursive: true });
    const shipped = shippedTemplate();
    if (shipped) linkTree(shipped, partial);
    else await makeCluster(partial);
    renameSync(partial, template);
    pruneTemplates(dirname(template), TEMPLATES_KEPT, basename(template));
  } catch (err) {
    // Another process may have put its template in place first: use that one.
    if (!existsSync(join(template, 'PG_VERSION'))) throw err;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
}

/**
 * The shipped template into the cache folder as hard links to its files, or copied where links cannot be made
 * (another file system, links refused). Why: a copy made a machine's first `profai process` write the ~40 MB
 * cluster twice (into the cache, then into the data dir): ~0.35 s more CPU (sys) than later runs and seconds of
 * wall on a busy disk. Safe because nothing writes into a template's files: data dirs are copies of them, the
 * build makes a new template under another name and renames it into place, and pruning or discarding a template
 * only unlinks its names.
 */
function linkTree(from: string, to: string): void {
  try {
    linkFiles(from, to);
  } catch {
    rmSync(to, { recursive: true, force: true });
    cpSync(from, to, { recursive: true });
  }
}

function linkFiles(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) linkFiles(source, target);
    else if (entry.isFile()) linkSync(source, target);
    else throw new Error(`${source}: neither a file nor a folder`);
  }
}

/**
 * How many templates the cache folder keeps: the newest, and two more for checkouts of other versions that share
 * the folder (a second checkout, a downgrade), so that they do not remove each other's at every run.
 * @defaultValue 3
 */
export const TEMPLATES_KEPT = 3;

/**
 * Removes all but the {@link TEMPLATES_KEPT} most recently used templates of `cacheDir` (`ownName`, the one just
 * made, always stays): every PGlite upgrade and every new migration makes one (~40 MB), and nothing else would
 * ever remove the old ones. A template goes by a rename first, so a process copying from it at that moment meets
 * a missing file (and falls back to initdb, seedFromTemplate's best effort) instead of copying a half-deleted
 * tree. Leftover `.partial` and `.trash` folders older than an hour (a process killed while making or removing
 * one) go too.
 */
export function pruneTemplates(cacheDir: string, keep = TEMPLATES_KEPT, ownName?: string): void {
  const usedAt = (name: string) => statSync(join(cacheDir, name)).mtimeMs;
  try {
    const names = readdirSync(cacheDir);
    const others = names.filter((n) => /^pglite-.+-cluster$/.test(n) && n !== ownName);
    others.sort((a, b) => usedAt(b) - usedAt(a));
    const stale = names.filter(
      (n) => /^pglite-.+-cluster\..+\.(partial|trash)$/.test(n) && Date.now() - usedAt(n) > 3_600_000,
    );
    for (const name of others.slice(ownName ? keep - 1 : keep)) {
      const trash = join(cacheDir, `${name}.${randomUUID()}.trash`);
      renameSync(join(cacheDir, name), trash);
      rmSync(trash, { recursive: true, force: true });
    }
    for (const name of stale) rmSync(join(cacheDir, name), { recursive: true, force: true });
  } catch {
    // best effort: a folder another process is changing, or one we may not write
  }
}

/** Marks a template as just used (its folder's time), so that pruning keeps the ones in use. */
function markUsed(template: string): void {
  try {
    const now = new Date();
    utimesSync(template, now, now);
  } catch {
    // a template another process just pruned: the copy is made already
  }
}

/** Makes a cluster in `dir` by initdb, migrates it (pgvector loaded, as every data dir has it), shuts it down cleanly. */
export async function makeCluster(dir: string): Promise<void> {
  const pg = await PGlite.create({ dataDir: dir, extensions: { vector } });
  try {
    await migrate(pgliteDatabase(pg, 'vector'));
  } finally {
    await pg.close();
  }
}

/** Where `npm run build` puts the template: `dist/` of this package, named like the cached one. */
export function shippedTemplatePath(): string {
  return join(packageRoot(), 'dist', basename(templatePath('')));
}

/** The template shipped with the package for the installed PGlite, if there is one. */
function shippedTemplate(): string | undefined {
  const path = shippedTemplatePath();
  return existsSync(join(path, 'PG_VERSION')) ? path : undefined;
}

/** This package's folder: the one above src/ or dist/ that holds its package.json. */
function packageRoot(): string {
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'migrations'))) return dir;
  }
  return dirname(dirname(import.meta.dirname));
}

/** PGlite's version, from the package.json above its entry point (its `exports` do not list that file). */
function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (pkg.name === '@electric-sql/pglite') return String(pkg.version);
    } catch {
      // no package.json at this level
    }
  }
  throw new Error('PGlite package.json not found');
}
