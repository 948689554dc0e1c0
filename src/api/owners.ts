/**
 * What a request makes belongs to who made it: an upload's content (and so its document, course, quizzes) and
 * the jobs it queues. Nothing is recorded in open mode (no principal: no one to own it; admins see everything).
 */
import { unreachableDependency } from '../domain/errors.ts';
import { addJobOwner, addUploadOwner } from '../store/index.ts';
import type { Sql } from '../store/types.ts';
import type { Principal } from './principal.ts';

/**
 * Runs `write` for a principal; an admin's is skipped while the database is away (admins reach everything, and
 * an upload is taken during a database outage), anyone else's failure refuses the request.
 */
async function record(
  principal: Principal | undefined,
  write: (userId: string) => Promise<void>,
): Promise<void> {
  if (!principal) return;
  try {
    await write(principal.id);
  } catch (err) {
    if (principal.role === 'admin' && unreachableDependency(err)) return;
    throw err;
  }
}

export const recordUploadOwner = (db: Sql, sha256: string, principal: Principal | undefined) =>
  record(principal, (id) => addUploadOwner(db, sha256, id));

export const recordJobOwner = (db: Sql, jobId: string, principal: Principal | undefined) =>
  record(principal, (id) => addJobOwner(db, jobId, id));
