/**
 * Reading everything ProfAI stored in a Chroma server, a page at a time: the source of
 * `profai vectors import-chroma` (src/workflows/import-chroma.ts), which moves it into the database.
 */
import { ChromaClient, IncludeEnum } from 'chromadb';
import type { EmbeddingSpace } from '../../domain/generators.ts';
import type { VectorRecord } from '../types.ts';
import { chromaClientArgs, chromaStore, collectionName, translateChromaError } from './chroma.ts';

/** What an export reads from Chroma. */
export interface ChromaExport {
  /** The spaces of ProfAI's collections (another application's collections are left alone). */
  spaces(): Promise<EmbeddingSpace[]>;
  /** How many records a space holds. */
  count(space: EmbeddingSpace): Promise<number>;
  /** The records of a space, `size` at a time, in the server's order. */
  pages(space: EmbeddingSpace, size: number): AsyncGenerator<VectorRecord[]>;
}

const translatedCall = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (err) {
    throw translateChromaError(err);
  }
};

/** An export of the Chroma server at `url`; an unreachable server fails as DependencyUnavailableError. */
export function chromaExport(url: string): ChromaExport {
  const client = new ChromaClient(chromaClientArgs(url));
  const store = chromaStore(url);
  const collectionOf = (space: EmbeddingSpace) =>
    translatedCall(() => client.getCollection({ name: collectionName(space) }));
  return {
    spaces: () => store.spaces(),
    count: (space) => store.count(space),
    async *pages(space, size) {
      const collection = await collectionOf(space);
      for (let offset = 0; ; offset += size) {
        const page = await translatedCall(() =>
          collection.get({
            include: [IncludeEnum.embeddings, IncludeEnum.metadatas, IncludeEnum.documents],
            limit: size,
            offset,
          }),
        );
        yield page.ids.map((chunkId, i): VectorRecord => {
          const meta = page.metadatas[i] ?? {};
          return {
            chunkId,
            documentId: String(meta.documentId ?? ''),
            embedding: Float32Array.from(page.embeddings[i] ?? []),
            page: Number(meta.page ?? 0),
            sectionPath: String(meta.sectionPath ?? ''),
            // Records of earlier versions keep the text as Chroma's document.
            text: typeof meta.text === 'string' ? meta.text : (page.documents[i] ?? ''),
          };
        });
        if (page.ids.length < size) return;
      }
    },
  };
}
