/**
 * The storage layer: open the database (PGlite or PostgreSQL, migrated), repositories over it, and the
 * vector store. Everything above `src/store/` imports from here.
 */
import { mkdirSync } from 'node:fs';
import type { Config } from '../config.ts';
import type { Database } from './types.ts';

export {
  addJobOwner,
  addUploadOwner,
  type CourseGrant,
  courseGrant,
  documentGrant,
  giveCourses,
  listShares,
  ownsJob,
  quizGrant,
  type Share,
  shareCourse,
  unshareCourse,
} from './access.ts';
export { getCourse, listCourses } from './courses.ts';
export {
  countRows,
  documentCounts,
  findDocumentBySha,
  getDocument,
  loadChunks,
  saveProcessedDocument,
} from './documents.ts';
export { QuizRevisionError, VectorDimensionError, VectorStoreUnavailableError } from './errors.ts';
export { courseIdFor, courseIdOfContent, quizIdFor } from './ids.ts';
export { type DocumentInventory, documentExists, documentInventory } from './inventory.ts';
export { lockDataDir } from './lock.ts';
export { migrate } from './migrate.ts';
export {
  deleteQuestion,
  editQuestion,
  editQuestionOutcome,
  markReviewed,
  type QuestionPatch,
} from './quiz-review.ts';
export { getQuiz, listQuizzes, saveQuiz } from './quizzes.ts';
export type * from './types.ts';
export {
  addUser,
  countActiveUsers,
  findUserByKey,
  findUserByName,
  KEY_PREFIX,
  listUsers,
  revokeUser,
  rotateKey,
  type User,
} from './users.ts';
export { openVectorStore } from './vectors/index.ts';

/** Options of {@link openDatabase}. */
export interface OpenDatabaseOptions {
  /** PGlite only: how long to wait for another process holding the data dir. @defaultValue 10000 */
  lockWaitMs?: number;
}

/**
 * PostgreSQL at `config.databaseUrl` when set, else PGlite in `config.dataDir` (created if missing);
 * migrations applied either way.
 * @throws DataDirLockedError when another process keeps the data dir past `lockWaitMs`.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'cacheDir'>>,
  opts: OpenDatabaseOptions = {},
): Promise<Database> {
  if (config.databaseUrl) {
    // Loaded here, not at the top: `profai process` on PGlite does not carry the pg driver (~50 ms of CPU).
    const { openPostgres } = await import('./postgres.ts');
    return openPostgres(config.databaseUrl);
  }
  // Loaded here, not at the top: a worker child on PostgreSQL does not carry PGlite (~8 MB, ~30 ms each).
  const [{ openPglite }, { resolveCacheDir }] = await Promise.all([
    import('./pglite.ts'),
    import('./pglite-template.ts'),
  ]);
  mkdirSync(config.dataDir, { recursive: true });
  return openPglite(config.dataDir, {
    lockWaitMs: opts.lockWaitMs,
    templateDir: resolveCacheDir(config.cacheDir),
  });
}
export {
  AUDIT_ACTIONS,
  type AuditAction,
  type AuditEntry,
  type AuditRecord,
  deleteAuditBefore,
  erasedLabel,
  insertAudit,
  listAudit,
} from './audit.ts';
export {
  clearPendingDeletion,
  type DeletedCourse,
  type DeleteRowsOptions,
  deleteCourseRows,
  forgetJobOwners,
  type PendingDeletion,
  pendingDeletions,
} from './deletions.ts';
