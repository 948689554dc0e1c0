/**
 * {@link VectorStore} on a Chroma server (`chromadb` 3.x client). One collection per embedding space,
 * cosine distance, embeddings always passed explicitly (no embedding function, so nothing is downloaded).
 *
 * A chunk's text is kept in its metadata, not as Chroma's "document": Chroma builds a full-text (trigram)
 * index over documents, which ProfAI never searches and which costs the server most of its CPU per upsert
 * (`npm run bench:fleet-corpus` prints Chroma's CPU). Chroma is shared by every worker, so its CPU is the
 * fleet's. Records written by earlier versions, with the text as a document, still read.
 */
import { ChromaClient, type Collection, IncludeEnum, type Metadata } from 'chromadb';
import { DependencyUnavailableError, networkErrorCode } from '../../domain/errors.ts';
import type { EmbeddingSpace } from '../../domain/generators.ts';
import { batches } from '../sql.ts';
import type { VectorHit, VectorRecord, VectorStore } from '../types.ts';
import { checkDimension, checkRecords, UPSERT_BATCH } from './common.ts';

/**
 * The collection of a space: `profai_<name>_<dimension>`, characters Chroma refuses replaced by `_`
 * (names are 3–512 of `[A-Za-z0-9._-]`, starting and ending with a letter or digit).
 */
export function collectionName(space: EmbeddingSpace): string {
  const raw = `profai_${space.name}_${space.dimension}`
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/\.{2,}/g, '_');
  return raw.slice(0, 512);
}

/** Client settings from `http(s)://host:port`. */
export function chromaClientArgs(url: string): { host: string; port: number; ssl: boolean } {
  const u = new URL(url);
  const ssl = u.protocol === 'https:';
  return { host: u.hostname, port: Number(u.port || (ssl ? 443 : 8000)), ssl };
}

/** Records read per request when a whole collection is read. */
const READ_PAGE = 1000;
/** Collections listed per request. */
const LIST_PAGE = 100;

/** The space a collection holds, from the metadata {@link chromaStore} gives it; null for another's collection. */
export function spaceOfCollection(
  name: string,
  metadata: Metadata | null | undefined,
): EmbeddingSpace | null {
  const space = metadata?.space;
  const dimension = metadata?.dimension;
  if (typeof space !== 'string' || typeof dimension !== 'number') return null;
  const candidate = { name: space, dimension };
  return collectionName(candidate) === name ? candidate : null;
}

interface ChunkMeta extends Metadata {
  documentId: string;
  page: number;
  sectionPath: string;
  /** Absent in records written before the text moved here: they have it as the Chroma document. */
  text: string;
}

/** The Chroma client's words for a server that is not there, or failing on its side (5xx, overloaded). */
const UNAVAILABLE = new Set(['ChromaConnectionError', 'ChromaServerError', 'ChromaRateLimitError']);

/** The one translation of a Chroma error: an unreachable or failing server is a dependency outage. */
export function translateChromaError(err: unknown): unknown {
  const name = (err as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && UNAVAILABLE.has(name)) {
    const reason =
      name === 'ChromaConnectionError' ? 'connection failed' : (err as Error).message.split('\n')[0]!;
    return new DependencyUnavailableError('chroma', reason, err);
  }
  const network = networkErrorCode(err);
  return network ? new DependencyUnavailableError('chroma', network, err) : err;
}

/** `store` with every call's errors translated by {@link translateChromaError}. */
function translated(store: VectorStore): VectorStore {
  const wrap =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (err) {
        throw translateChromaError(err);
      }
    };
  return {
    kind: store.kind,
    upsert: wrap(store.upsert),
    query: wrap(store.query),
    count: wrap(store.count),
    deleteDocument: wrap(store.deleteDocument),
    deleteChunks: wrap(store.deleteChunks),
    chunkIds: wrap(store.chunkIds),
    documentCounts: wrap(store.documentCounts),
    spaces: wrap(store.spaces),
    ping: wrap(store.ping),
    close: store.close,
  };
}

/** A Chroma store on the server at `url` (e.g. `http://127.0.0.1:8000`). */
export function chromaStore(url: string): VectorStore {
  return translated(untranslatedChromaStore(url));
}

function untranslatedChromaStore(url: string): VectorStore {
  const client = new ChromaClient(chromaClientArgs(url));
  const collections = new Map<string, Promise<Collection>>();
  const collectionOf = (space: EmbeddingSpace): Promise<Collection> => {
    const name = collectionName(space);
    let c = collections.get(name);
    if (!c) {
      c = client.getOrCreateCollection({
        name,
        embeddingFunction: null,
        metadata: { space: space.name, dimension: space.dimension },
        configuration: { hnsw: { space: 'cosine' } },
      });
      c.catch(() => collections.delete(name));
      collections.set(name, c);
    }
    return c;
  };
  const where = (documentId?: string) => (documentId === undefined ? undefined : { documentId });
  return {
    kind: 'chroma',
    async upsert(space: EmbeddingSpace, records: readonly VectorRecord[]) {
      checkRecords(space, records);
      if (records.length === 0) return;
      const collection = await collectionOf(space);
      for (const batch of batches(records, UPSERT_BATCH)) {
        await collection.upsert({
          ids: batch.map((r) => r.chunkId),
          embeddings: batch.map((r) => Array.from(r.embedding)),
          metadatas: batch.map(
            (r): ChunkMeta => ({
              documentId: r.documentId,
              page: r.page,
              sectionPath: r.sectionPath,
              text: r.text,
            }),
          ),
        });
      }
    },
    async query(space, embedding, k, documentId) {
      checkDimension(space, embedding);
      const collection = await collectionOf(space);
      const result = await collection.query<ChunkMeta>({
        queryEmbeddings: [Array.from(embedding)],
        nResults: k,
        where: where(documentId),
        include: [IncludeEnum.documents, IncludeEnum.metadatas, IncludeEnum.distances],
      });
      return (result.ids[0] ?? []).map((chunkId, i): VectorHit => {
        const meta = result.metadatas[0]?.[i];
        return {
          chunkId,
          documentId: String(meta?.documentId ?? ''),
          page: Number(meta?.page ?? 0),
          text: (meta?.text as string | undefined) ?? result.documents[0]?.[i] ?? '',
          score: 1 - (result.distances[0]?.[i] ?? 1),
        };
      });
    },
    async count(space, documentId) {
      const collection = await collectionOf(space);
      if (documentId === undefined) return collection.count();
      const { ids } = await collection.get({ where: { documentId }, include: [] });
      return ids.length;
    },
    async deleteDocument(space, documentId) {
      const collection = await collectionOf(space);
      await collection.delete({ where: { documentId } });
    },
    async deleteChunks(space, chunkIds) {
      if (chunkIds.length === 0) return;
      const collection = await collectionOf(space);
      for (const ids of batches(chunkIds, UPSERT_BATCH)) await collection.delete({ ids });
    },
    async chunkIds(space, documentId) {
      const collection = await collectionOf(space);
      const { ids } = await collection.get({ where: { documentId }, include: [] });
      return ids.sort();
    },
    async documentCounts(space) {
      const collection = await collectionOf(space);
      const counts = new Map<string, number>();
      // Chroma has no GROUP BY: every record's metadata is read, a page at a time.
      for (let offset = 0; ; offset += READ_PAGE) {
        const page = await collection.get<ChunkMeta>({
          include: [IncludeEnum.metadatas],
          limit: READ_PAGE,
          offset,
        });
        for (const meta of page.metadatas) {
          const documentId = String(meta?.documentId ?? '');
          counts.set(documentId, (counts.get(documentId) ?? 0) + 1);
        }
        if (page.ids.length < READ_PAGE) return counts;
      }
    },
    async spaces() {
      const found: EmbeddingSpace[] = [];
      for (let offset = 0; ; offset += LIST_PAGE) {
        const page = await client.listCollections({ limit: LIST_PAGE, offset });
        for (const c of page) {
          const space = spaceOfCollection(c.name, c.metadata);
          if (space) found.push(space);
        }
        if (page.length < LIST_PAGE) return found;
      }
    },
    async ping() {
      await client.heartbeat();
    },
    async close() {
      collections.clear();
    },
  };
}
