/**
 * Every error code a user can meet, in one table: what it means and whether retrying can help.
 *
 * `permanent` errors come from the input itself (a corrupt PDF stays corrupt): the fleet fails such a job at
 * once instead of retrying it. Everything else is transient. Each layer declares its own error classes in its
 * own `errors.ts`, with codes from this table, so a code is never invented at a throw site.
 */

/** The error codes, their default permanence and one line of meaning. Order: by layer. */
export const ERROR_CODES = {
  // ── input (pipeline) ──────────────────────────────────────────────────────────
  empty_file: { permanent: true, doc: 'The file has 0 bytes.' },
  not_pdf: { permanent: true, doc: 'The bytes are not a PDF (the message says what they look like).' },
  corrupt: { permanent: true, doc: 'The PDF cannot be read.' },
  encrypted: { permanent: true, doc: 'The PDF needs a password.' },
  wrong_password: { permanent: true, doc: 'The password given does not open the PDF.' },
  too_large: { permanent: true, doc: 'The PDF is over MAX_FILE_MB.' },
  too_many_pages: { permanent: true, doc: 'The PDF has more than MAX_PAGES pages.' },
  no_text: { permanent: true, doc: 'No page has a text layer (a scan).' },
  not_enough_text: {
    permanent: true,
    doc: 'The text layer holds too little running text for a course (a banner, a form, a flyer).',
  },
  too_complex: {
    permanent: true,
    doc: 'Reading the PDF needs more memory than PDF_MAX_MEMORY_MB or more time than PDF_TIMEOUT_S (e.g. a stream that inflates to gigabytes).',
  },
  ocr_language: {
    permanent: true,
    doc: 'A language of OCR_LANGS has no installed traineddata (@tesseract.js-data/<lang>).',
  },
  no_quiz_material: { permanent: true, doc: 'The course has no sentence a question can be made from.' },
  invalid_course: { permanent: true, doc: 'A course or quiz broke a rule of its schema.' },
  unreadable: { permanent: true, doc: 'A file named on the command line cannot be read.' },
  not_found: { permanent: true, doc: 'A course, quiz, module or job the user asked for does not exist.' },
  dependency_unavailable: {
    permanent: false,
    doc: 'A service the work needs (PostgreSQL, Chroma, Redis, object storage, the model) cannot be reached: a reason to wait.',
  },
  binary_to_terminal: { permanent: true, doc: 'An export that is a zip file was asked for on a terminal.' },
  // ── access ────────────────────────────────────────────────────────────────────
  no_credential: {
    permanent: true,
    doc: 'The API was asked to listen on an address other than loopback with no API_KEY and no user: it refuses to start.',
  },
  user_exists: { permanent: true, doc: '`profai users add` with the name of an active user.' },
  invalid_user: { permanent: true, doc: 'A user name or role that `profai users` does not take.' },
  // ── settings ──────────────────────────────────────────────────────────────────
  config_invalid: { permanent: true, doc: 'A setting has a bad value.' },
  // ── storage ───────────────────────────────────────────────────────────────────
  data_dir_locked: { permanent: false, doc: 'Another ProfAI process holds the embedded database folder.' },
  data_dir_invalid: {
    permanent: true,
    doc: "Where the embedded database's folder should be (PROFAI_DATA_DIR/pgdata) there is a file.",
  },
  vector_store_unavailable: { permanent: true, doc: 'VECTOR_STORE=chroma without CHROMA_URL.' },
  vector_dimension: { permanent: true, doc: "A vector does not fit its embedding space's dimension." },
  no_database: { permanent: true, doc: 'A process that must share the database has no DATABASE_URL.' },
  revision_conflict: { permanent: true, doc: 'A quiz changed since the teacher loaded it (review edits).' },
  delete_refused: {
    permanent: true,
    doc: '`profai courses delete` was given an id prefix, or no --yes where it cannot ask.',
  },
  storage_full: {
    permanent: false,
    doc: 'The upload folder is on a full volume, or object storage refuses writes (quota, free-space threshold): an outage to wait out.',
  },
  file_missing: { permanent: true, doc: 'A file a store should hold (an upload, a kept PDF) is not there.' },
  space_unknown: {
    permanent: false,
    doc: "The embeddings model's dimension is unset and the model does not answer.",
  },
  // ── fleet ─────────────────────────────────────────────────────────────────────
  unknown_task: { permanent: true, doc: 'No worker registered the task of a job.' },
  task_module: { permanent: true, doc: 'A task module exports no task, or two tasks share a name.' },
  bad_payload: { permanent: true, doc: "A job's payload lacks a field its task needs." },
  upload_missing: { permanent: true, doc: "A PDF job's upload is not in UPLOAD_DIR." },
  staged_missing: { permanent: true, doc: "An LLM stage's staged document is not in Redis." },
  task_error: { permanent: false, doc: 'A task failed for a reason it did not classify.' },
  child_crashed: { permanent: false, doc: 'The worker child running the task died.' },
  memory_limit: { permanent: false, doc: 'The worker child went past HARD_MEMORY_LIMIT_MB.' },
  child_start: {
    permanent: false,
    doc: "A worker's children kept failing to start (CHILD_START_ATTEMPTS): the worker stops.",
  },
  redis_unreachable: { permanent: false, doc: 'Redis does not answer.' },
  redis_full: {
    permanent: false,
    doc: 'Redis refuses writes: its memory reached maxmemory (under noeviction, which BullMQ needs).',
  },
  job_not_failed: { permanent: true, doc: 'Only a failed job can be retried.' },
  password_not_applicable: { permanent: true, doc: 'A password was given to retry a job that opens no PDF.' },
  upload_gone: {
    permanent: true,
    doc: "A failed PDF job's upload was removed (KEEP_FAILED_UPLOADS_H): upload it again.",
  },
  // ── LLM ───────────────────────────────────────────────────────────────────────
  llm_config: { permanent: true, doc: 'LLM_BASE_URL is set without what it needs.' },
  llm_provider: { permanent: false, doc: 'The provider kept failing or refused the request.' },
  llm_timeout: { permanent: false, doc: 'The provider did not answer within LLM_TIMEOUT_S.' },
  llm_invalid_output: { permanent: true, doc: "The model's answer was rejected twice." },
  llm_context_overflow: { permanent: true, doc: 'The smallest request does not fit LLM_CONTEXT_TOKENS.' },
  // ── operations ────────────────────────────────────────────────────────────────
  bad_size: { permanent: false, doc: 'A memory size on the command line cannot be read.' },
  plan_usage: { permanent: false, doc: '`profai plan` was not given the host size, or its flags disagree.' },
  kubernetes_base_missing: {
    permanent: true,
    doc: '`profai plan --kubernetes` cannot find deploy/kubernetes/base (run it from a checkout or the npm package).',
  },
  calibration_failed: { permanent: false, doc: "`profai plan`'s calibration run failed." },
  no_job_data: { permanent: true, doc: '`profai plan` has no finished job to plan from.' },
  database_url_required: { permanent: true, doc: '`profai api` needs DATABASE_URL.' },
} as const satisfies Record<string, { permanent: boolean; doc: string }>;

/** A ProfAI error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The services ProfAI depends on: when one cannot be reached, work waits for it instead of failing. */
export type Dependency = 'postgres' | 'chroma' | 'redis' | 'storage' | 'llm';

export interface ProfaiErrorOptions {
  /** Overrides the code's default permanence (an LLM provider's 401 is permanent, its 503 not). */
  permanent?: boolean;
  /** The error this one wraps, kept for logs. */
  cause?: unknown;
  /** Set when the failure is a dependency being unreachable, not the work's own fault. */
  dependency?: Dependency;
}

/** Base of every ProfAI error: a code, a one-line message, and whether retrying can help. */
export class ProfaiError extends Error {
  readonly permanent: boolean;
  /** The unreachable service, when that is why this failed (see {@link Dependency}). */
  readonly dependency?: Dependency;

  constructor(
    readonly code: ErrorCode,
    message: string,
    opts: ProfaiErrorOptions = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = new.target.name;
    this.permanent = opts.permanent ?? ERROR_CODES[code].permanent;
    if (opts.dependency) this.dependency = opts.dependency;
  }
}

/** A dependency cannot be reached: `postgres unreachable: ECONNREFUSED`. Transient; the work waits for it. */
export class DependencyUnavailableError extends ProfaiError {
  constructor(dependency: Dependency, reason: string, cause?: unknown) {
    super('dependency_unavailable', `${dependency} unreachable: ${reason}`, { dependency, cause });
  }
}

/** The dependency an error says is unreachable, looking through the errors it wraps. */
export function unreachableDependency(err: unknown): Dependency | undefined {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++)
    if (e instanceof ProfaiError && e.dependency) return e.dependency;
  return undefined;
}

/** Socket-level failures: the service is not there (yet), not the request's fault. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/** The network error code of `err` or what it wraps (`ECONNREFUSED`), when it is one. */
export function networkErrorCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    // AggregateError (a host with several addresses) carries the attempts' errors.
    for (const inner of (e as { errors?: unknown[] }).errors ?? []) {
      const found = networkErrorCode(inner);
      if (found) return found;
    }
  }
  return undefined;
}

/** A record the user asked for does not exist. */
export class NotFoundError extends ProfaiError {
  constructor(what: string, id: string) {
    super('not_found', `${what} ${id} not found`);
  }
}

/** One line for a user: the message of a known error, or `Error: message` of an unknown one, never a stack. */
export function describeError(err: unknown): string {
  if (err instanceof ProfaiError) return err.message;
  if (err instanceof Error)
    return `${err.name === 'Error' ? 'error' : err.name}: ${err.message.split('\n')[0]}`;
  return String(err);
}

/** True when retrying cannot help. */
export function isPermanent(err: unknown): boolean {
  return err instanceof ProfaiError && err.permanent;
}

/** A course or quiz broke a rule the schema cannot state. */
export class InvalidCourseError extends ProfaiError {
  constructor(message: string) {
    super('invalid_course', message);
  }
}
