/**
 * `profai serve-db`: the embedded database (PGlite in PROFAI_DATA_DIR) served over the PostgreSQL wire
 * protocol, so an API and workers in other processes share it. `profai up` runs it as its first child and
 * learns the URL from an IPC message; run alone, it prints the URL to use as DATABASE_URL.
 */
import { resolve } from 'node:path';
import type { Config } from '../../config.ts';
import { servePglite } from '../../store/pglite-server.ts';
import { resolveCacheDir } from '../../store/pglite-template.ts';
import { exitWhenIdle, stopWhenParentLeaves } from './lifecycle.ts';

/** The IPC message the database process sends its parent once it accepts connections. */
export interface DatabaseReady {
  type: 'database-ready';
  url: string;
}

export function isDatabaseReady(m: unknown): m is DatabaseReady {
  return typeof m === 'object' && m !== null && (m as DatabaseReady).type === 'database-ready';
}

/**
 * Serves `config.dataDir` on `port` (0: a free one) until SIGTERM/SIGINT or the parent leaves.
 * @returns the exit code.
 */
export async function serveDatabase(config: Config, port: number): Promise<number> {
  const dir = resolve(config.dataDir);
  const server = await servePglite(dir, { port, templateDir: resolveCacheDir(config.cacheDir) });
  process.stdout.write(`Embedded database (PGlite in ${dir}) at ${server.url}\n`);
  process.send?.({ type: 'database-ready', url: server.url } satisfies DatabaseReady);
  await new Promise<void>((done) => {
    process.once('SIGTERM', done);
    process.once('SIGINT', done);
    stopWhenParentLeaves(done);
  });
  await server.close();
  process.stdout.write('Embedded database stopped\n');
  exitWhenIdle(0);
  return 0;
}
