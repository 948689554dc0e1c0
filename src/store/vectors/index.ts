/** Picks the vector store: Chroma when CHROMA_URL is set, else pgvector in the database. */
import type { Config } from '../../config.ts';
import { VectorStoreUnavailableError } from '../errors.ts';
import type { Database, VectorStore } from '../types.ts';
import { chromaStore } from './chroma.ts';
import { pgvectorStore } from './pgvector.ts';

export { chromaStore, collectionName } from './chroma.ts';
export { spaceKey } from './common.ts';
export { pgvectorStore } from './pgvector.ts';

/**
 * Chroma when `config.chromaUrl` is set (checked with a heartbeat), else pgvector when `db.hasVector`.
 * @throws VectorStoreUnavailableError when neither is available.
 */
export async function openVectorStore(config: Pick<Config, 'chromaUrl'>, db: Database): Promise<VectorStore> {
  if (config.chromaUrl) {
    const store = chromaStore(config.chromaUrl);
    await store.ping();
    return store;
  }
  if (db.hasVector) return pgvectorStore(db);
  throw new VectorStoreUnavailableError();
}
