/**
 * Deleting a course for good (DELETE /api/courses/:id, `profai courses delete`): its rows in one transaction
 * (store/deletions.ts), then, after the commit, what lives outside the database when no other course uses its
 * document: its vectors in every embedding space (through the vector store's contract: Chroma or PostgreSQL), its
 * kept PDF and any upload of it (through the file stores: folders or S3), and the jobs and run records that name
 * it (`forgetJobs`, given by the caller that has the queues).
 *
 * Idempotent: the database part leaves a pending row until the rest is done, so a second delete, or the next
 * delete of any course after a crash in the middle, finishes what the first left.
 */

import type { Storage } from '../files/interfaces.ts';
import { pdfKey } from '../files/keys.ts';
import {
  clearPendingDeletion,
  type DeletedCourse,
  type DeleteRowsOptions,
  deleteCourseRows,
  forgetJobOwners,
  type PendingDeletion,
  pendingDeletions,
} from '../store/deletions.ts';
import { findDocumentBySha } from '../store/documents.ts';
import type { Database, VectorStore } from '../store/types.ts';

export interface DeleteDeps {
  db: Database;
  vectors: VectorStore;
  storage: Storage;
  /**
   * Removes the jobs, run records and staged data that name the document or its quizzes, and says which jobs they
   * were (their owner rows go too). @defaultValue none
   */
  forgetJobs?(deletion: PendingDeletion): Promise<string[]>;
  /** The ids of the jobs that made the document of a SHA-256 (for tables that name jobs). @defaultValue none */
  jobIdsOf?(sha256: string): string[];
  /** The user deleting, when ownership applies to them (see {@link deleteCourseRows}). @defaultValue none: everyone's */
  ownerId?: string | undefined;
  /** Who deletes, for the audit trail's row (see {@link deleteCourseRows}). @defaultValue not recorded */
  actor?: DeleteRowsOptions['actor'];
  /** Told when the trail's row could not be written. @defaultValue ignored */
  onAuditError?: (err: unknown) => void;
  /** Told when an unfinished deletion of another course failed again (it stays pending). @defaultValue ignored */
  onLeftover?(left: PendingDeletion, err: unknown): void;
}

/** What a delete did: the course deleted now, or one whose deletion a crash had left half done and is now finished. */
export type DeleteOutcome =
  | { deleted: DeletedCourse; finished: false }
  | { deleted: PendingDeletion; finished: true };

/**
 * Deletes the course whose id (or document id) is exactly `id`, after finishing any deletion a crash left
 * behind. Null when there is no such course and no unfinished deletion of it.
 */
export async function deleteCourse(deps: DeleteDeps, id: string): Promise<DeleteOutcome | null> {
  const [unfinished] = await pendingDeletions(deps.db, id);
  if (unfinished) await finishDeletion(deps, unfinished);
  // Others a crash left: finished on the way when possible; one that keeps failing must not block this delete.
  for (const left of await pendingDeletions(deps.db))
    await finishDeletion(deps, left).catch((err: unknown) => deps.onLeftover?.(left, err));
  const deleted = await deleteCourseRows(deps.db, id, {
    jobIdsOf: deps.jobIdsOf,
    ownerId: deps.ownerId,
    actor: deps.actor,
    onAuditError: deps.onAuditError,
  });
  if (deleted) {
    if (deleted.scope === 'document') await finishDeletion(deps, deleted);
    return { deleted, finished: false };
  }
  return unfinished ? { deleted: unfinished, finished: true } : null;
}

/**
 * Removes what a deleted document left outside the database, then its pending row. When the same content was
 * stored again meanwhile (uploaded anew after the commit), its vectors and PDF are the new document's (same ids,
 * same key) and stay.
 */
export async function finishDeletion(deps: DeleteDeps, left: PendingDeletion): Promise<void> {
  if (!(await findDocumentBySha(deps.db, left.sha256))) {
    for (const space of await deps.vectors.spaces())
      await deps.vectors.deleteDocument(space, left.documentId);
    const key = pdfKey(left.sha256);
    await deps.storage.documents.remove(key);
    await deps.storage.uploads.remove(key);
    await forgetJobOwners(deps.db, (await deps.forgetJobs?.(left)) ?? []);
  }
  await clearPendingDeletion(deps.db, left.documentId);
}
