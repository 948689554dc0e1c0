/**
 * An empty PGlite cluster, made once per machine and copied into each new data dir.
 *
 * Why: PGlite makes a new cluster by running initdb in a second WebAssembly instance beside its own: ~5.5 s and
 * ~800 MB of peak memory on these machines, paid by the first `profai process` of every data dir (and by every
 * test that opens a fresh one). Copying the files of a cluster that initdb made and PGlite shut down cleanly
 * (a cold copy, as PostgreSQL allows) takes ~0.1 s. The template is made before any migration, so it is the
 * same for every data dir and ProfAI version; its name carries PGlite's version, so an upgrade makes a new one.
 *
 * Best effort throughout: a cache folder that cannot be written or a template that does not open only costs
 * the initdb it would have saved.
 */
import { randomUUID } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

/**
 * The folder PROFAI_CACHE_DIR names: unset → `$XDG_CACHE_HOME/profai` or `~/.cache/profai`; `off` → none.
 */
export function resolveCacheDir(setting: string | undefined): string | undefined {
  if (setting === 'off') return undefined;
  if (setting) return setting;
  const xdg = process.env.XDG_CACHE_HOME;
  return xdg ? join(xdg, 'profai') : join(homedir(), '.cache', 'profai');
}

/** The template's folder in `cacheDir`. */
export function templatePath(cacheDir: string): string {
  return join(cacheDir, `pglite-${pgliteVersion()}-empty-cluster`);
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

/** initdb in a folder of its own, shut down cleanly, then renamed into place: never seen half made. */
async function makeTemplate(template: string): Promise<void> {
  const partial = `${template}.${randomUUID()}.partial`;
  try {
    mkdirSync(dirname(template), { recursive: true });
    const pg = await PGlite.create({ dataDir: partial });
    await pg.close();
    renameSync(partial, template);
  } catch (err) {
    // Another process may have put its template in place first: use that one.
    if (!existsSync(join(template, 'PG_VERSION'))) throw err;
  } finally {
    rmSync(partial, { recursive: true, force: true });
  }
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
