/**
 * A teacher's review of a stored quiz: edit a question, delete one, mark the quiz reviewed. Each change runs in
 * one transaction that locks the quiz row, checks the revision the teacher saw (when given), validates the whole
 * quiz again (schema, no repeated prompt, pages inside the document) and bumps the revision; question rows keep
 * their stable keys.
 */
import { checkQuiz, type Question, type Quiz, QuizSchema, withQuizLevels } from '../domain/course.ts';
import { InvalidCourseError, NotFoundError } from '../domain/errors.ts';
import { levelsOf } from '../domain/levels.ts';
import { type BloomLevel, type Difficulty, QuestionDraftSchema } from '../domain/questions.ts';
import { markedWhenRead } from '../domain/rule-check.ts';
import { QuizRevisionError } from './errors.ts';
import { getQuiz, writeQuestions } from './quizzes.ts';
import { jsonParam } from './sql.ts';
import type { Database, Sql, StoredQuiz } from './types.ts';

/**
 * What may change in a question. Absent fields keep their value; `kind` switches to another kind (whose fields
 * must then be given, unless the question had them). `answer` is the truth of a true/false statement or the
 * value of a numerical question; `unit: ''` removes a numerical question's unit. A change of kind without
 * `difficulty`/`bloom` gives the question the levels of the rule (src/domain/levels.ts) for its new kind. Every
 * patch is a teacher keeping the question: it loses its `needsCheck` marker; `checked: true` alone does only that.
 */
export type QuestionPatch = Partial<{
  checked: true;
  kind: Question['kind'];
  prompt: string;
  options: string[];
  answerIndex: number;
  answerIndexes: number[];
  answer: boolean | number;
  pairs: { term: string; definition: string }[];
  answers: string[];
  tolerance: number;
  unit: string;
  items: string[];
  explanation: string;
  sourcePage: number;
  moduleIndex: number;
  difficulty: Difficulty;
  bloom: BloomLevel;
}>;

/** Options of every review change. */
export interface ReviewOptions {
  /** The revision the teacher edited; a different stored one fails with {@link QuizRevisionError}. */
  expectedRevision?: number;
}

interface Locked {
  quiz: Quiz;
  keys: string[];
  pageCount: number;
  revision: number;
}

/** Locks the quiz row and reads what a change needs. @throws NotFoundError, QuizRevisionError */
async function lock(tx: Sql, quizId: string, opts: ReviewOptions): Promise<Locked> {
  const locked = await lockAny(tx, quizId);
  sameRevision(locked, quizId, opts);
  return locked;
}

/** @throws QuizRevisionError when the teacher changed another revision than the stored one */
function sameRevision(locked: Locked, quizId: string, opts: ReviewOptions) {
  if (opts.expectedRevision !== undefined && opts.expectedRevision !== locked.revision)
    throw new QuizRevisionError(quizId, opts.expectedRevision, locked.revision);
}

/** Locks the quiz row and reads what a change needs, whatever its revision. @throws NotFoundError */
async function lockAny(tx: Sql, quizId: string): Promise<Locked> {
  const { rows } = await tx.query<{ body: Quiz; revision: number; edited_at: unknown; page_count: number }>(
    `SELECT q.body, q.revision, q.edited_at, d.page_count
       FROM quizzes q JOIN courses c ON c.id = q.course_id JOIN documents d ON d.id = c.document_id
      WHERE q.id = $1 FOR UPDATE OF q`,
    [quizId],
  );
  const row = rows[0];
  if (!row) throw new NotFoundError('quiz', quizId);
  const keys = await tx.query<{ key: string }>('SELECT key FROM questions WHERE quiz_id = $1 ORDER BY idx', [
    quizId,
  ]);
  const stored = keys.rows.map((k) => k.key);
  return {
    // As review showed it: a never edited rule-made quiz stored before the marker has it (./quizzes.ts).
    quiz: markedWhenRead(withQuizLevels(row.body), row.edited_at !== null),
    keys:
      stored.length === row.body.questions.length
        ? stored
        : row.body.questions.map((_, i) => `${quizId}:${i}`),
    pageCount: row.page_count,
    revision: row.revision,
  };
}

/** What a teacher needs to hear of the first schema issue: which question, which field, what is wrong. */
function schemaProblem(quiz: unknown): string | null {
  const parsed = QuizSchema.safeParse(quiz);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const [where, n, field, item, part] = issue.path;
  if (where === 'questions' && issue.path.length === 1 && issue.code === 'too_small')
    return 'a quiz keeps at least one question';
  const question = where === 'questions' && typeof n === 'number' ? `question ${n + 1}: ` : '';
  // The checks of a kind say what is wrong in words of their own ("options 1 and 3 are the same").
  if (issue.code === 'custom') return `${question}${issue.message}`;
  const name =
    typeof item === 'number' ? partName(String(field), item, part) : String(field ?? where ?? 'quiz');
  const received = (issue as { input?: unknown }).input;
  if (issue.code === 'invalid_type' && received === undefined) return `${question}${name} is missing`;
  if (issue.code === 'too_small' && issue.origin === 'string') return `${question}${name} is empty`;
  return `${question}${name}: ${issue.message}`;
}

/** `option C`, `pair 2 definition`, `accepted answer 1`, `item 4`: a part of a question as a teacher counts. */
function partName(field: string, index: number, part: PropertyKey | undefined): string {
  if (field === 'options') return `option ${'ABCDEFGH'[index] ?? index + 1}`;
  if (field === 'pairs') return `pair ${index + 1}${part === undefined ? '' : ` ${String(part)}`}`;
  if (field === 'answers') return `accepted answer ${index + 1}`;
  if (field === 'items') return `item ${index + 1}`;
  return `${field} ${index + 1}`;
}

/**
 * The question `patch` makes of `q`. A change of kind replaces the levels the patch does not set by the rule's for
 * the new kind (a question that is not whole is refused by the schema check, with its reason).
 */
export function patched(q: Question, patch: QuestionPatch): Record<string, unknown> {
  const { unit, checked: _kept, ...rest } = patch;
  const edited: Record<string, unknown> = { ...q, ...rest };
  delete edited.needsCheck;
  if (unit !== undefined) {
    if (unit === '') delete edited.unit;
    else edited.unit = unit;
  }
  if (patch.kind === undefined || patch.kind === q.kind) return edited;
  if (patch.difficulty === undefined) delete edited.difficulty;
  if (patch.bloom === undefined) delete edited.bloom;
  const draft = QuestionDraftSchema.safeParse(edited);
  // A question that is not whole keeps its old levels meanwhile, so that the check names what is really wrong.
  const levels = draft.success ? levelsOf(draft.data) : { difficulty: q.difficulty, bloom: q.bloom };
  return { ...levels, ...edited };
}

/** A source page past the document's end, said as a teacher reads it. */
function pageProblem(quiz: Quiz, pageCount: number): string | null {
  const n = quiz.questions.findIndex((q) => q.sourcePage > pageCount);
  if (n < 0) return null;
  return `question ${n + 1}: source page ${quiz.questions[n]!.sourcePage} is past the end of the document (${pageCount} pages)`;
}

/** Validates and stores the changed quiz, one revision on. @throws InvalidCourseError */
async function store(tx: Sql, quizId: string, quiz: unknown, keys: readonly string[], pageCount: number) {
  const problem = schemaProblem(quiz) ?? pageProblem(quiz as Quiz, pageCount);
  if (problem) throw new InvalidCourseError(problem);
  const checked = checkQuiz(quiz, pageCount);
  await tx.query(
    `UPDATE quizzes SET body = ($2::text)::jsonb, title = $3, revision = revision + 1, edited_at = now()
      WHERE id = $1`,
    [quizId, jsonParam(checked), checked.title],
  );
  await writeQuestions(tx, quizId, checked.questions, keys);
}

function questionAt(locked: Locked, quizId: string, n: number): Question {
  const q = locked.quiz.questions[n];
  if (!q)
    throw new NotFoundError('question', `${n} of quiz ${quizId} (it has ${locked.quiz.questions.length})`);
  return q;
}

/**
 * Changes question `n` (0-based) of a quiz and returns the stored quiz. `{ checked: true }` on a question that is
 * not waiting for a check changes nothing, whatever the revision: marking it checked twice is not a conflict.
 * @throws NotFoundError (quiz or question), QuizRevisionError, InvalidCourseError (the result breaks the schema)
 */
export async function editQuestion(
  db: Database,
  quizId: string,
  n: number,
  patch: QuestionPatch,
  opts: ReviewOptions = {},
): Promise<StoredQuiz> {
  return (await editQuestionOutcome(db, quizId, n, patch, opts)).stored;
}

/** {@link editQuestion}, saying also whether it changed the quiz (a repeated check does not). */
export async function editQuestionOutcome(
  db: Database,
  quizId: string,
  n: number,
  patch: QuestionPatch,
  opts: ReviewOptions = {},
): Promise<{ stored: StoredQuiz; changed: boolean }> {
  const changed = await db.transaction(async (tx) => {
    const locked = await lockAny(tx, quizId);
    // A stale revision is a conflict (409) before a question it may no longer have is missing (404).
    const known = locked.quiz.questions[n];
    if (onlyChecked(patch) && known && !known.needsCheck) return false;
    sameRevision(locked, quizId, opts);
    const q = questionAt(locked, quizId, n);
    const edited = patched(q, patch);
    const questions = locked.quiz.questions.map((q, i) => (i === n ? edited : q));
    await store(tx, quizId, { ...locked.quiz, questions }, locked.keys, locked.pageCount);
    return true;
  });
  return { stored: (await getQuiz(db, quizId))!, changed };
}

const onlyChecked = (patch: QuestionPatch) => patch.checked === true && Object.keys(patch).length === 1;

/**
 * Deletes question `n` (0-based); the others keep their keys. A quiz keeps at least one question.
 * @throws NotFoundError, QuizRevisionError, InvalidCourseError (it is the last one)
 */
export async function deleteQuestion(
  db: Database,
  quizId: string,
  n: number,
  opts: ReviewOptions = {},
): Promise<StoredQuiz> {
  await db.transaction(async (tx) => {
    const locked = await lock(tx, quizId, opts);
    questionAt(locked, quizId, n);
    const questions = locked.quiz.questions.filter((_, i) => i !== n);
    const keys = locked.keys.filter((_, i) => i !== n);
    await store(tx, quizId, { ...locked.quiz, questions }, keys, locked.pageCount);
  });
  return (await getQuiz(db, quizId))!;
}

/** Marks the quiz reviewed (now) or not. @throws NotFoundError, QuizRevisionError */
export async function markReviewed(
  db: Database,
  quizId: string,
  reviewed: boolean,
  opts: ReviewOptions = {},
): Promise<StoredQuiz> {
  await db.transaction(async (tx) => {
    await lock(tx, quizId, opts);
    await tx.query(
      `UPDATE quizzes SET reviewed_at = CASE WHEN $2::boolean THEN now() END, revision = revision + 1 WHERE id = $1`,
      [quizId, reviewed],
    );
  });
  return (await getQuiz(db, quizId))!;
}
