/** Why a workflow cannot go on (codes in src/domain/errors.ts). */
import { ProfaiError } from '../domain/errors.ts';

/** The configured embeddings model's dimension is not set and the model could not be asked for it. */
export class SpaceUnknownError extends ProfaiError {
  constructor(space: string, reason: string, cause?: unknown) {
    super(
      'space_unknown',
      `cannot tell the dimension of ${space} (set EMBEDDINGS_DIM, or let the model answer): ${reason}`,
      { cause },
    );
  }
}
