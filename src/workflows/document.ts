/**
 * A document's workflow: the pure pipeline (src/pipeline) with its edges. A document already stored is not
 * processed again (identity = SHA-256); a new one has all its records saved in one transaction, so a failed
 * run leaves no partial course. Its vectors go in that transaction too when they live in the database
 * (VECTOR_STORE=postgres); in Chroma they are upserted first (deterministic ids: a retry overwrites).
 */

import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Course, Quiz } from '../domain/course.ts';
import { countsOf, type DocumentCounts, type ProcessedDocument } from '../domain/document.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { EmbeddingSpace } from '../domain/generators.ts';
import { quizShortfall } from '../domain/shortfall.ts';
import type { LlmSettings } from '../llm/index.ts';
import {
  completeDocument,
  type PipelineInput,
  type PipelineOptions,
  type PreparedDocument,
  prepareDocument,
  runPipeline,
} from '../pipeline/index.ts';
// The store's modules, not its index: the index loads PGlite, which the light LLM stage must not carry.
import { getCourse } from '../store/courses.ts';
import { documentCounts, findDocumentBySha, saveProcessedDocument } from '../store/documents.ts';
import { getQuiz } from '../store/quizzes.ts';
import type { Database, SavedIds, Sql, VectorStore } from '../store/types.ts';
import { configuredEmbedder, configuredGenerators, usesModel } from './generators.ts';
import { vectorRecords } from './vector-records.ts';

export interface ProcessDeps extends PipelineOptions {
  db: Database;
  vectors: VectorStore;
}

export interface ProcessOutcome {
  saved: SavedIds;
  title: string;
  counts: DocumentCounts;
  /** Seconds per stage (`extractSeconds`…); empty when the document was already stored. */
  stats: Record<string, number>;
  warnings: string[];
  course: Course;
  quiz: Quiz | null;
  /** When the first quiz has fewer questions than asked: the line that says so, and why (domain/shortfall.ts). */
  shortfall?: string;
}

/** The first quiz's shortfall line, when it was made short (a quiz kept before `requested` was cannot tell). */
function firstQuizShortfall(quiz: Quiz | null): { shortfall?: string } {
  const line =
    quiz?.requested && quizShortfall({ questions: quiz.requested }, quiz.questions.length, quiz.generator);
  return line ? { shortfall: line } : {};
}

export async function processDocument(input: PipelineInput, deps: ProcessDeps): Promise<ProcessOutcome> {
  const existing = await findExisting(input.bytes, deps.db);
  if (existing) return existing;

  const result = await runPipeline(input, deps);
  const { upsertIn } = deps.vectors;
  if (upsertIn) {
    // Vectors in the database: written by the document's own transaction, so they commit with its chunks.
    const records = vectorRecords(result.document.chunks, result.embeddings);
    const write = (tx: Sql) => upsertIn.call(deps.vectors, tx, result.space, records);
    return saveDocument(result.document, result.space, result.warnings, deps, write);
  }
  // Chroma: vectors first, then every record in one transaction: a crash between leaves vectors that the
  // retry overwrites (same ids) and that `profai doctor` finds if no retry comes; never chunks without vectors.
  await saveVectors(result, deps);
  try {
    return await saveDocument(result.document, result.space, result.warnings, deps);
  } catch (err) {
    await dropUnstoredVectors(result.document, result.space, deps);
    throw err;
  }
}

/**
 * After a failed save, the document's vectors go again unless the document is stored after all (another run
 * of the same file committed meanwhile). When the database cannot say, they stay: the retry overwrites them.
 */
async function dropUnstoredVectors(
  document: { documentId: string; sha256: string },
  space: EmbeddingSpace,
  deps: Pick<ProcessDeps, 'db' | 'vectors'>,
): Promise<void> {
  try {
    if (await findDocumentBySha(deps.db, document.sha256)) return;
    await deps.vectors.deleteDocument(space, document.documentId);
  } catch {
    // Unreachable store or database: nothing more to do now.
  }
}

/** A document through its CPU stages, vectors stored, waiting for its course (see {@link finishStaged}). */
export type StagedDocument = Omit<PreparedDocument, 'embeddings'>;

/**
 * The CPU half of {@link processDocument}, for when the course comes from a model elsewhere: skip a stored
 * document, else run the CPU stages and store the vectors (idempotent upserts). Nothing else is saved yet.
 * The vectors are written now, in any store, because the model's quiz retrieves its passages from them:
 * until the document is saved they look like orphans (`profai doctor` says which are still in progress).
 */
export async function stageDocument(
  input: PipelineInput,
  deps: ProcessDeps,
): Promise<{ stored: ProcessOutcome } | { staged: StagedDocument }> {
  const existing = await findExisting(input.bytes, deps.db);
  if (existing) return { stored: existing };
  const prepared = await prepareDocument(input, deps);
  await saveVectors(prepared, deps);
  const { embeddings: _, ...staged } = prepared;
  return { staged };
}

/** The other half: course and first quiz of a staged document, then all its records in one transaction. */
export async function finishStaged(
  staged: StagedDocument,
  deps: Omit<ProcessDeps, 'vectors' | 'embedder'>,
): Promise<ProcessOutcome> {
  const { document } = await completeDocument(staged, deps);
  return saveDocument(document, staged.space, staged.warnings, deps);
}

/** Upserts the document's vectors and records how long that took in its stats (`vectorsSeconds`). */
async function saveVectors(result: Omit<PreparedDocument, 'warnings'>, deps: ProcessDeps): Promise<void> {
  const { document, embeddings, space } = result;
  deps.onProgress?.('save', 0, 1);
  const start = performance.now();
  await deps.vectors.upsert(space, vectorRecords(document.chunks, embeddings));
  document.stats.vectorsSeconds = (performance.now() - start) / 1000;
}

async function saveDocument(
  document: ProcessedDocument,
  space: EmbeddingSpace,
  warnings: string[],
  deps: Pick<ProcessDeps, 'db' | 'onProgress'>,
  writeVectors?: (tx: Sql) => Promise<void>,
): Promise<ProcessOutcome> {
  deps.onProgress?.('save', 0, 1);
  const saved = await saveProcessedDocument(deps.db, document, space, writeVectors);
  deps.onProgress?.('save', 1, 1);
  return {
    saved,
    title: document.title,
    counts: countsOf(document),
    stats: document.stats,
    warnings,
    course: document.course,
    quiz: document.quiz,
    ...firstQuizShortfall(document.quiz),
  };
}

const findExisting = (bytes: Uint8Array, db: Database) =>
  findStored(createHash('sha256').update(bytes).digest('hex'), db);

/**
 * The outcome of a document already stored with its course, by content hash: what identifies work as done,
 * so that a retried job whose completion was lost completes with it (without needing its upload again).
 */
export async function findStored(sha256: string, db: Database): Promise<ProcessOutcome | null> {
  const found = await findDocumentBySha(db, sha256);
  if (!found?.courseId) return null;
  const stored = await getCourse(db, found.courseId);
  if (!stored) throw new NotFoundError('course', found.courseId);
  const quiz = stored.quizIds[0] ? await getQuiz(db, stored.quizIds[0]) : null;
  const { sections, chunks } = await documentCounts(db, found.documentId);
  return {
    saved: { documentId: found.documentId, courseId: stored.id, quizId: quiz?.id ?? '', created: false },
    title: stored.title,
    counts: {
      pages: stored.pageCount,
      sections,
      chunks,
      modules: stored.modules,
      lessons: stored.lessons,
      questions: quiz?.quiz.questions.length ?? 0,
    },
    stats: {},
    warnings: [],
    course: stored.course,
    quiz: quiz?.quiz ?? null,
    ...firstQuizShortfall(quiz?.quiz ?? null),
  };
}

/**
 * A document through every stage with the embedder and generators the settings name: offline, or the model's
 * (LLM_BASE_URL) after the CPU stages and vectors, its quiz passages retrieved from those vectors. Calls go
 * straight to the provider (no fleet-wide rate limit, cache or usage records: those need the fleet's Redis).
 */
export async function processConfigured(
  input: PipelineInput,
  deps: ProcessDeps,
  config: LlmSettings,
  warn: (message: string) => void,
): Promise<ProcessOutcome> {
  const embedder = await configuredEmbedder(config);
  if (!usesModel(config)) return processDocument(input, { ...deps, ...embedder });
  const staged = await stageDocument(input, { ...deps, ...embedder });
  if ('stored' in staged) return staged.stored;
  const generators = await configuredGenerators(config, {
    vectors: deps.vectors,
    space: staged.staged.space,
    ...(deps.onProgress ? { onProgress: deps.onProgress } : {}),
    warn,
  });
  return finishStaged(staged.staged, { ...deps, ...generators });
}
