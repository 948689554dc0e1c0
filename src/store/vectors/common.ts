/** What both vector stores share: space keys, dimension checks, batching. */

import type { EmbeddingSpace } from '../../domain/generators.ts';
import { VectorDimensionError } from '../errors.ts';
import type { VectorRecord } from '../types.ts';

/** Most records written in one request or statement. */
export const UPSERT_BATCH = 500;

/** `name/dimension`: a space's key, so two embedders (or two sizes of one) never share vectors. */
export const spaceKey = (space: EmbeddingSpace) => `${space.name}/${space.dimension}`;

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
