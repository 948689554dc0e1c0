/** What both vector stores share: space keys, dimension checks, batching. */

import type { EmbeddingSpace } from '../../domain/generators.ts';
import { VectorDimensionError } from '../errors.ts';
import type { VectorRecord } from '../types.ts';

/** Most records written in one request or statement. */
export const UPSERT_BATCH = 500;

/** `name/dimension`: a space's key, so two embedders (or two sizes of one) never share vectors. */
export const spaceKey = (space: EmbeddingSpace) => `${space.name}/${space.dimension}`;

/** The space of a {@link spaceKey} (the dimension follows the last `/`: a model's name may contain one). */
export function parseSpaceKey(key: string): EmbeddingSpace {
  const cut = key.lastIndexOf('/');
  return { name: key.slice(0, cut), dimension: Number(key.slice(cut + 1)) };
}

/** Throws {@link VectorDimensionError} unless `embedding` has the space's dimension. */
export function checkDimension(space: EmbeddingSpace, embedding: Float32Array): void {
  if (embedding.length !== space.dimension) {
    throw new VectorDimensionError(spaceKey(space), space.dimension, embedding.length);
  }
}

/** Checks every record of an upsert before anything is written. */
export function checkRecords(space: EmbeddingSpace, records: readonly VectorRecord[]): void {
  for (const r of records) checkDimension(space, r.embedding);
}
