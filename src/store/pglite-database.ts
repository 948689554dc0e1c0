/** {@link Database} over an open PGlite: what pglite.ts returns and what the cluster template is migrated through. */
import type { PGlite } from '@electric-sql/pglite';
import type { Database, Sql, VectorColumn } from './types.ts';

/** Wraps an open PGlite as a {@link Database}; `onClose` runs after PGlite closes. */
export function pgliteDatabase(
  pg: PGlite,
  vectorColumn: VectorColumn,
  onClose: () => void = () => {},
): Database {
  const asSql = (q: Pick<PGlite, 'query'>): Sql => ({
    query: async <R>(text: string, params?: readonly unknown[]) => ({
      rows: (await q.query<R>(text, params as unknown[] | undefined)).rows,
    }),
    copyFrom: async (text: string, data: Uint8Array) => {
      await q.query(text, [], { blob: new Blob([data]) });
    },
  });
  return {
    kind: 'pglite',
    vectorColumn,
    ...asSql(pg),
    transaction: (fn) => pg.transaction((tx) => fn(asSql(tx))),
    close: async () => {
      if (!pg.closed) await pg.close();
      onClose();
    },
  };
}
