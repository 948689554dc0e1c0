/**
 * Serves the embedded database of a data dir over the PostgreSQL wire protocol, so several processes
 * (`profai up`: API and workers) can share it. Clients connect with `pg` to the returned URL.
 *
 * The socket server multiplexes ONE PGlite session: statements of different clients are queued, and while
 * one client holds an open transaction the others wait. Keep write transactions short and compute outside
 * them; keep client pools small (each connection counts against `maxConnections`).
 */
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { migrate } from './migrate.ts';
import { createPglite, type PgliteOptions } from './pglite.ts';
import { pgliteDatabase } from './pglite-database.ts';
import { SessionQueue } from './pglite-session.ts';

/** Options of {@link servePglite}. */
export interface ServePgliteOptions extends PgliteOptions {
  /** Port to listen on; 0 picks a free one. @defaultValue 0 */
  port?: number;
  /** Address to listen on. @defaultValue '127.0.0.1' */
  host?: string;
  /** Client connections accepted at once (pool size × processes). @defaultValue 100 */
  maxConnections?: number;
}

/** A running server: `url` is a `postgres://` URL with `sslmode=disable`. */
export interface PgliteServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Opens `dataDir` (holding its lock for the server's life), migrates, and listens. */
export async function servePglite(dataDir: string, opts: ServePgliteOptions = {}): Promise<PgliteServer> {
  const { pg, lock } = await createPglite(dataDir, opts);
  const db = pgliteDatabase(pg, 'vector', lock.release);
  try {
    await migrate(db);
    const host = opts.host ?? '127.0.0.1';
    const server = new PGLiteSocketServer({
      db: pg,
      port: opts.port ?? 0,
      host,
      maxConnections: opts.maxConnections ?? 100,
    });
    // The packaged queue interleaves clients' extended-protocol messages; see pglite-session.ts.
    (server as unknown as { queryQueue: SessionQueue }).queryQueue = new SessionQueue(pg);
    await server.start();
    const port = Number(server.getServerConn().split(':').pop());
    const urlHost = host.includes(':') ? `[${host}]` : host;
    return {
      url: `postgres://postgres@${urlHost}:${port}/postgres?sslmode=disable`,
      async close() {
        await server.stop();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
