/** Picks the vector store VECTOR_STORE names: the database (default) or Chroma. */
import type { Config } from '../../config.ts';
import { VectorStoreUnavailableError } from '../errors.ts';
import type { Database, VectorStore } from '../types.ts';
import { postgresVectorStore } from './postgres.ts';

export { spaceKey } from './common.ts';
export { postgresVectorStore } from './postgres.ts';

/** What picks the store: VECTOR_STORE, and CHROMA_URL when it is `chroma`. */
export type VectorStoreSettings = Pick<Config, 'vectorStore' | 'chromaUrl'>;

/**
 * The database's own store for `postgres`; Chroma at `config.chromaUrl` for `chroma` (checked with a
 * heartbeat).
 * @throws VectorStoreUnavailableError when VECTOR_STORE is `chroma` without CHROMA_URL.
 */
export async function openVectorStore(config: VectorStoreSettings, db: Database): Promise<VectorStore> {
  if (config.vectorStore === 'postgres') return postgresVectorStore(db);
  if (!config.chromaUrl) throw new VectorStoreUnavailableError();
  // Loaded only for Chroma: the database's own store (the default) does not carry its client (~50 ms of CPU).
  const { chromaStore } = await import('./chroma.ts');
  const store = chromaStore(config.chromaUrl);
  await store.ping();
  return store;
}
