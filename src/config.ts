/**
 * Every ProfAI setting, read once from the environment (and CLI flags, which win), validated, documented.
 *
 * Rules:
 * - An empty variable counts as unset, for every setting.
 * - A bad value is a one-line {@link ConfigError} naming the variable and the reason.
 * - Nothing else in the code base reads `process.env` for a ProfAI setting.
 */
import {
  addresses,
  flag,
  hostPorts,
  int,
  list,
  matching,
  num,
  oneOf,
  optional,
  str,
  type ValueParser,
} from './config-values.ts';
import { ProfaiError } from './domain/errors.ts';

/** A setting's declaration: its variable, default, parser and one line of documentation. */
interface SettingSpec<T> {
  env: string;
  doc: string;
  schema: ValueParser<T>;
  default: NoInfer<T>;
  /** Shown as `[redacted]` when printing the effective configuration. */
  secret?: boolean;
  /** Former names of the variable, still read when `env` is unset. */
  aliases?: readonly string[];
}

const optionalStr = optional(str);

function setting<T>(spec: SettingSpec<T>): SettingSpec<T> {
  return spec;
}

/** The settings table. Order is the order of the README and `.env.example`. */
export const SETTINGS = {
  // ── storage ───────────────────────────────────────────────────────────────────
  dataDir: setting({
    env: 'PROFAI_DATA_DIR',
    doc: 'Folder of the embedded database (PGlite) used when DATABASE_URL is unset.',
    schema: str,
    default: './.profai',
  }),
  cacheDir: setting({
    env: 'PROFAI_CACHE_DIR',
    doc: 'Folder for files ProfAI can rebuild: the migrated PGlite cluster each new data dir is copied from instead of running initdb and the migrations (a copy of the one `npm run build` ships in dist/; the three most recently made, ~40 MB each, are kept). Unset: `$XDG_CACHE_HOME/profai` or `~/.cache/profai`; `off`: none (every new data dir runs initdb and every migration).',
    schema: optionalStr,
    default: undefined,
  }),
  databaseUrl: setting({
    env: 'DATABASE_URL',
    doc: 'PostgreSQL URL (Neon works; `sslmode` is honoured). Unset: embedded PGlite in PROFAI_DATA_DIR.',
    schema: optionalStr,
    default: undefined,
    secret: true,
  }),
  vectorStore: setting({
    env: 'VECTOR_STORE',
    doc: "Where chunk vectors live: postgres (the database, in the document's one transaction: a `vector` column where the pgvector extension exists, else `real[]` with exact cosine) or chroma (the Chroma server at CHROMA_URL). See docs/vectors.md.",
    schema: oneOf(['postgres', 'chroma']),
    default: 'postgres' as const,
  }),
  chromaUrl: setting({
    env: 'CHROMA_URL',
    doc: 'Chroma server (e.g. http://127.0.0.1:8000): the vector store with VECTOR_STORE=chroma, and where `profai vectors import-chroma` reads from.',
    schema: optionalStr,
    default: undefined,
  }),
  // ── input limits ──────────────────────────────────────────────────────────────
  maxFileMb: setting({
    env: 'MAX_FILE_MB',
    doc: 'Largest PDF the pipeline accepts, in MB.',
    schema: num(0.001),
    default: 100,
  }),
  maxPages: setting({
    env: 'MAX_PAGES',
    doc: 'Most pages a PDF may have.',
    schema: int(1),
    default: 2000,
  }),
  pdfPageTimeoutS: setting({
    env: 'PDF_PAGE_TIMEOUT_S',
    doc: 'Seconds the PDF engine may spend on one page; a page over it is skipped with a warning (after 3 such pages the rest are skipped too).',
    schema: num(0.1),
    default: 15,
  }),
  pdfTimeoutS: setting({
    env: 'PDF_TIMEOUT_S',
    doc: 'Seconds reading all the pages of one PDF may take; past it the PDF fails as `too complex` (not retried).',
    schema: num(1),
    default: 120,
  }),
  pdfMaxMemoryMb: setting({
    env: 'PDF_MAX_MEMORY_MB',
    doc: 'Most memory the PDF engine (PDFium in WebAssembly) may grow to, in MB; a PDF that needs more (e.g. a stream that inflates to gigabytes) fails as `too complex` (not retried).',
    schema: int(64, 4000),
    default: 256,
  }),
  ocr: setting({
    env: 'OCR',
    doc: 'OCR of scanned pages (Tesseract, offline): auto reads pages without a text layer, force every page (for PDFs whose text layer is garbage), off none (a scan fails as `needs OCR`).',
    schema: oneOf(['auto', 'off', 'force']),
    default: 'auto' as const,
  }),
  ocrLangs: setting({
    env: 'OCR_LANGS',
    doc: 'Comma-separated Tesseract languages of the scans (e.g. eng,fra), each installed as the npm package @tesseract.js-data/<lang>; a missing one stops `profai process` and workers at start-up.',
    schema: list,
    default: ['eng'],
  }),
  ocrDpi: setting({
    env: 'OCR_DPI',
    doc: 'Resolution scanned pages are drawn at for OCR (higher reads small print better, and costs time and memory).',
    schema: int(100, 600),
    default: 300,
  }),
  ocrSplitMinPages: setting({
    env: 'OCR_SPLIT_MIN_PAGES',
    doc: 'A worker that finds at least this many pages to OCR in a document (after the page test drops blank pages and drawings) spreads them over page-range jobs (OCR_RANGE_PAGES each) that any worker may take, then assembles the document in one job; fewer pages are read in the job itself, as one worker. 0: never split.',
    schema: int(0),
    default: 16,
  }),
  ocrRangePages: setting({
    env: 'OCR_RANGE_PAGES',
    doc: 'Pages of OCR per page-range job when a document is split (OCR_SPLIT_MIN_PAGES): smaller ranges spread better over many workers, each range opens the PDF once more.',
    schema: int(1, 1000),
    default: 8,
  }),
  // ── pipeline ──────────────────────────────────────────────────────────────────
  chunkTokens: setting({
    env: 'CHUNK_TOKENS',
    doc: 'Target chunk size in tokens (chunks fall between 0.75× and 1.25× of it, never across sections).',
    schema: int(50, 4000),
    default: 400,
  }),
  chunkOverlapTokens: setting({
    env: 'CHUNK_OVERLAP_TOKENS',
    doc: 'Tokens repeated from the end of one chunk at the start of the next.',
    schema: int(0, 1000),
    default: 50,
  }),
  hashEmbeddingDim: setting({
    env: 'HASH_EMBEDDING_DIM',
    aliases: ['EMBEDDING_DIM'],
    doc: 'Dimension of the offline hashing embedder (also read as EMBEDDING_DIM, its former name).',
    schema: int(16, 4096),
    default: 384,
  }),
  quizQuestions: setting({
    env: 'QUIZ_QUESTIONS',
    doc: 'Questions generated per quiz when not given.',
    schema: int(1, 200),
    default: 10,
  }),
  // ── service: Redis and queues ─────────────────────────────────────────────────
  redisUrl: setting({
    env: 'REDIS_URL',
    doc: 'Redis holding the BullMQ queues and worker heartbeats.',
    schema: str,
    default: 'redis://127.0.0.1:6379/0',
    secret: true,
  }),
  redisSentinels: setting({
    env: 'REDIS_SENTINELS',
    doc: 'Comma-separated `host:port` of Redis Sentinels: when set, ProfAI asks them for the master REDIS_SENTINEL_MASTER and follows it through failovers (REDIS_URL then gives only the database number).',
    schema: hostPorts,
    default: [] as string[],
  }),
  redisSentinelMaster: setting({
    env: 'REDIS_SENTINEL_MASTER',
    doc: 'Name of the master the Sentinels watch (`sentinel monitor NAME …`).',
    schema: matching(/^[A-Za-z0-9_.-]+$/, 'letters, digits, _ . - only'),
    default: 'mymaster',
  }),
  redisSentinelPassword: setting({
    env: 'REDIS_SENTINEL_PASSWORD',
    doc: 'Password of the Sentinels themselves (`requirepass` in sentinel.conf), when they have one.',
    schema: optionalStr,
    default: undefined,
    secret: true,
  }),
  redisClusterNodes: setting({
    env: 'REDIS_CLUSTER_NODES',
    doc: 'Comma-separated `host:port` of some nodes of a Redis Cluster: when set, ProfAI connects to the cluster (REDIS_URL is not used) and wraps QUEUE_PREFIX in braces (`{profai}`) so that all its keys share one hash slot, as BullMQ needs.',
    schema: hostPorts,
    default: [] as string[],
  }),
  redisUsername: setting({
    env: 'REDIS_USERNAME',
    doc: 'ACL user of the Redis servers (Sentinel and Cluster; with REDIS_URL, the URL may carry it instead).',
    schema: optionalStr,
    default: undefined,
  }),
  redisPassword: setting({
    env: 'REDIS_PASSWORD',
    doc: 'Password of the Redis servers (Sentinel and Cluster; with REDIS_URL, the URL may carry it instead).',
    schema: optionalStr,
    default: undefined,
    secret: true,
  }),
  queuePrefix: setting({
    env: 'QUEUE_PREFIX',
    doc: 'Prefix of every Redis key ProfAI writes, so fleets and test runs can share one Redis. May be a hash tag (`{profai}`); under REDIS_CLUSTER_NODES it becomes one.',
    schema: matching(
      /^(\{[A-Za-z0-9_.-]+\}|[A-Za-z0-9_.-]+)$/,
      'letters, digits, _ . - only, or those in braces',
    ),
    default: 'profai',
  }),
  jobAttempts: setting({
    env: 'JOB_ATTEMPTS',
    doc: "Attempts per job for transient failures (permanent ones, like a corrupt PDF, fail at once). A job whose worker stops while running it (a stall: killed, or cut off from Redis past JOB_LOCK_MS) is put back in the queue, counted apart from failed attempts and over the whole life of the job; it fails only when that happens more than this many times. So a job mixing both may run up to 2 × JOB_ATTEMPTS times (JOB_ATTEMPTS - 1 failed attempts, JOB_ATTEMPTS stalls put back, and a last run), on purpose: a stall is the infrastructure's failure, not the job's, and must not use up the attempts of a good job caught in a Redis outage. The job view shows both (`attempts`, `stalls`).",
    schema: int(1, 50),
    default: 3,
  }),
  jobBackoffMs: setting({
    env: 'JOB_BACKOFF_MS',
    doc: 'First retry delay; doubles on each further attempt.',
    schema: int(0),
    default: 2000,
  }),
  dependencyWaitS: setting({
    env: 'DEPENDENCY_WAIT_S',
    doc: 'How long a job waits out an unreachable PostgreSQL, Chroma, object storage or model before it fails (`postgres unreachable for N s`). Such waits use none of JOB_ATTEMPTS; the job is tried again after 1 s, doubling to at most DEPENDENCY_RETRY_MAX_S.',
    schema: int(1),
    default: 3600,
  }),
  dependencyRetryMaxS: setting({
    env: 'DEPENDENCY_RETRY_MAX_S',
    doc: 'Longest pause between two tries of a job waiting for a dependency, and between two probes of a worker waiting for one.',
    schema: num(0.01),
    default: 30,
  }),
  keepCompletedJobs: setting({
    env: 'KEEP_COMPLETED_JOBS',
    doc: 'Completed job records kept per queue (older ones are removed).',
    schema: int(0),
    default: 1000,
  }),
  keepFailedJobs: setting({
    env: 'KEEP_FAILED_JOBS',
    doc: 'Failed job records kept per queue.',
    schema: int(0),
    default: 5000,
  }),
  // ── service: worker ───────────────────────────────────────────────────────────
  workerNum: setting({
    env: 'WORKER_NUM',
    doc: 'Worker number; the worker calls itself worker{N}@{hostname}.',
    schema: int(1),
    default: 1,
  }),
  concurrency: setting({
    env: 'WORKER_CONCURRENCY',
    doc: 'Child processes per worker (one task each at a time).',
    schema: int(1, 64),
    default: 1,
  }),
  queues: setting({
    env: 'WORKER_QUEUES',
    doc: 'Comma-separated queues this worker takes tasks from.',
    schema: list,
    default: ['pdf_processing', 'quiz_generation'],
  }),
  taskModules: setting({
    env: 'TASK_MODULES',
    doc: 'Comma-separated paths of extra task modules every worker registers (each exports `{ name, handler }` objects).',
    schema: list,
    default: [] as string[],
  }),
  maxTasksPerChild: setting({
    env: 'MAX_TASKS_PER_CHILD',
    doc: "A child retires after this many tasks and is replaced. A bound on slow leaks, not a memory rule: a child's RSS after a job stays flat over 60 jobs (the 10 Debian manuals six times: 143-184 MB, the same each round), and each replacement costs a cold child's warm-up (JIT, module loading, the English model: ~3-4 s more CPU over its first 10 manuals, most of it on the first). 20 paid that every ~2,400 pages of manuals (~1.5 ms per page, against ~11); 200 pays a tenth of it.",
    schema: int(1),
    default: 200,
  }),
  maxMemoryPerChildMb: setting({
    env: 'MAX_MEMORY_PER_CHILD_MB',
    doc: "A child whose RSS is above this after a task retires and is replaced. 300: above the most a child was seen to hold after a job (the corpus with OCR four times over, 116 jobs: at most 269 MB, after the OCR of a 9000 × 9000 scan; 143-221 MB after jobs without OCR), and with the supervisor's ~60 MB about a worker's memory budget with OCR (350 MB), so a child that grows is replaced before it holds more. `profai plan` sets it from the jobs' measured peaks.",
    schema: int(32),
    default: 300,
  }),
  hardMemoryLimitMb: setting({
    env: 'HARD_MEMORY_LIMIT_MB',
    doc: 'A child above this RSS mid-task is killed; its task is retried, then fails with "exceeded memory limit". 0 = off.',
    schema: int(0),
    default: 0,
  }),
  childHeapMb: setting({
    env: 'CHILD_HEAP_MB',
    doc: "V8 old-space cap of each child (--max-old-space-size). 0 = Node's default.",
    schema: int(0),
    default: 0,
  }),
  childIdleExitS: setting({
    env: 'CHILD_IDLE_EXIT_S',
    doc: 'A child idle this many seconds leaves, and its slot forks a new one for the next task (~0.1 s, then ~1 s loading the pipeline in its first task, as for any new child): an idle worker holds only its supervisor (~65 MB instead of ~110), as a worker that has not worked yet does (without CHILD_PRELOAD a slot forks its first child when its first task comes). 0 = children stay (warm, with CHILD_PRELOAD). At most a day.',
    schema: int(0, 86_400),
    default: 60,
  }),
  childPreload: setting({
    env: 'CHILD_PRELOAD',
    doc: 'Children are forked when the worker starts (not when the first task comes) and load the pipeline, open the storage and make the PDF engine (PDFium) at once, so first tasks run warm at the cost of idle memory per child (`npm run bench:fleet` measures both).',
    schema: flag,
    default: false,
  }),
  childStartTimeoutS: setting({
    env: 'CHILD_START_TIMEOUT_S',
    doc: 'A child not ready this many seconds after its fork (loading its tasks; with CHILD_PRELOAD, warming them) is killed and forked again, after 0.25 s doubling. A child ready in ~0.1 s, ~1-2 s with CHILD_PRELOAD.',
    schema: num(0.1),
    default: 30,
  }),
  childStartAttempts: setting({
    env: 'CHILD_START_ATTEMPTS',
    doc: 'A slot whose children fail to start (time out, crash before ready or within 5 s of it) this many times in a row stops the worker with a one-line error and exit code 1: at start, or later, its jobs back in the queue (not failed) for another worker.',
    schema: int(1, 100),
    default: 5,
  }),
  shutdownGraceS: setting({
    env: 'SHUTDOWN_GRACE_S',
    doc: 'On SIGTERM/SIGINT, seconds running tasks get to finish before they are released to the queue.',
    schema: num(0),
    default: 30,
  }),
  lockDurationMs: setting({
    env: 'JOB_LOCK_MS',
    doc: 'BullMQ lock of a running job: a job whose worker died is retried after about this long.',
    schema: int(1000),
    default: 30000,
  }),
  workerIdleRestartS: setting({
    env: 'WORKER_IDLE_RESTART_S',
    doc: 'A worker that holds no job of a queue while jobs wait in it for this many seconds restarts its consumer of that queue (a BullMQ worker has been seen to stop consuming after a Redis failover); a Redis connection ended for good is reconnected at the next check. 0: never.',
    schema: num(0),
    default: 20,
  }),
  heartbeatS: setting({
    env: 'HEARTBEAT_S',
    doc: 'Seconds between worker heartbeats (their TTL is three times this).',
    schema: num(0.2),
    default: 5,
  }),
  uploadDir: setting({
    env: 'UPLOAD_DIR',
    doc: 'Folder shared by API and workers where uploaded PDFs wait for their job, named by content hash (unused with STORAGE_URL: uploads then wait in the bucket).',
    schema: str,
    default: './.profai/uploads',
  }),
  keepUploads: setting({
    env: 'KEEP_UPLOADS',
    doc: "Keep uploaded PDFs after their job ends (debugging). By default an upload leaves UPLOAD_DIR (or the bucket's uploads/) once its course exists (or its CPU stage is handed to the LLM stage), when it becomes the kept PDF, or at once when the API finds it already has a course; one whose job failed stays KEEP_FAILED_UPLOADS_H for a retry.",
    schema: flag,
    default: false,
  }),
  documentsDir: setting({
    env: 'DOCUMENTS_DIR',
    doc: "Folder where the original PDF of every course is kept as `<sha256>.pdf` (the web app shows its pages beside the citations); shared by API and workers like UPLOAD_DIR (unused with STORAGE_URL: the bucket's documents/). Unset: `documents/` in PROFAI_DATA_DIR. Documents processed before PDFs were kept have none.",
    schema: optionalStr,
    default: undefined,
  }),
  storageUrl: setting({
    env: 'STORAGE_URL',
    doc: 'Object storage for uploads and kept PDFs, `s3://bucket/prefix` (uploads under `prefix/uploads/`, PDFs under `prefix/documents/`), so that workers on other hosts need no shared folder: AWS S3 or any S3-compatible service (MinIO, Ceph, R2), its endpoint from AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL, region and credentials from the usual AWS variables and files (AWS_REGION, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_PROFILE; no region: us-east-1). Unset: the folders UPLOAD_DIR and DOCUMENTS_DIR.',
    schema: optional(
      matching(
        /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/[A-Za-z0-9!_.*'()/-]*)?$/,
        "s3://bucket or s3://bucket/prefix (a valid bucket name; the prefix in letters, digits and !_.*'()/-)",
      ),
    ),
    default: undefined,
  }),
  storageS3PathStyle: setting({
    env: 'STORAGE_S3_PATH_STYLE',
    doc: 'Address the bucket by path (`endpoint/bucket/key`) instead of by host name (`bucket.endpoint/key`): what MinIO and most self-hosted S3-compatible services need.',
    schema: flag,
    default: false,
  }),
  keepFailedUploadsH: setting({
    env: 'KEEP_FAILED_UPLOADS_H',
    doc: 'Hours the upload of a failed PDF job is kept (UPLOAD_DIR or the bucket), so the job can be retried (`profai jobs retry`, `POST /api/jobs/:id/retry`, the retry button of /dashboard); the API removes older ones every hour, never one whose job is waiting or running. 0: removed as soon as the job fails for good.',
    schema: num(0),
    default: 72,
  }),
  // ── service: API ──────────────────────────────────────────────────────────────
  port: setting({ env: 'PORT', doc: 'API port.', schema: int(0, 65535), default: 5001 }),
  host: setting({
    env: 'HOST',
    doc: 'API listen address. Another address than loopback (127.0.0.1, ::1, localhost) needs a credential, API_KEY or a user of `profai users add`: without one, `profai api` and `profai up` refuse to start (see docs/access.md).',
    schema: str,
    default: '127.0.0.1',
  }),
  maxUploadMb: setting({
    env: 'MAX_UPLOAD_MB',
    doc: 'Largest upload the API accepts, in MB (413 above).',
    schema: num(0.001),
    default: 100,
  }),
  maxFilesPerUpload: setting({
    env: 'MAX_FILES_PER_UPLOAD',
    doc: 'Most PDFs one upload request may carry (413 above); other form fields are limited to 10 of 64 KB each.',
    schema: int(1, 1000),
    default: 20,
  }),
  apiKey: setting({
    env: 'API_KEY',
    doc: 'One admin key (make one with `openssl rand -hex 32`): every route but /health, the pages and the API description then needs `Authorization: Bearer KEY` or `X-API-Key: KEY`. Keys per person with a role: `profai users add` (docs/access.md).',
    schema: optionalStr,
    default: undefined,
    secret: true,
  }),
  // ── service: limits (per key: a user's principal id, else the client's address) ──
  requestsPerMinute: setting({
    env: 'REQUESTS_PER_MINUTE',
    doc: 'Requests a key may make a minute to the API (uploads counted apart, /health never), counted in Redis across every API process; past it 429 with Retry-After. 0: no limit.',
    schema: int(0),
    default: 1200,
  }),
  uploadsPerMinute: setting({
    env: 'UPLOADS_PER_MINUTE',
    doc: 'Upload requests (`POST /api/pdfs`, each of up to MAX_FILES_PER_UPLOAD files) a key may make a minute; past it 429 with Retry-After. 0: no limit.',
    schema: int(0),
    default: 30,
  }),
  trustProxy: setting({
    env: 'TRUST_PROXY',
    doc: "Reverse proxies (IP addresses, CIDR ranges, or loopback, linklocal, uniquelocal) whose X-Forwarded-For the API believes: behind one, a client's address (per-address limits, the audit trail) is the one the proxy saw, not the proxy's. Empty: none, the address is the connection's. Name only proxies a client cannot bypass.",
    schema: addresses,
    default: [] as string[],
  }),
  authFailuresPerMinute: setting({
    env: 'AUTH_FAILURES_PER_MINUTE',
    doc: 'Requests with a wrong API key an address may make a minute, counted over RATE_LIMIT_WINDOW_S in Redis across every API process; past it every request from that address that carries a key answers 429 with Retry-After until the window ends (a key-guessing client is slowed; clients behind one NAT share the count). 0: no limit.',
    schema: int(0),
    default: 20,
  }),
  rateLimitWindowS: setting({
    env: 'RATE_LIMIT_WINDOW_S',
    doc: 'Seconds over which REQUESTS_PER_MINUTE, UPLOADS_PER_MINUTE and AUTH_FAILURES_PER_MINUTE are counted (the limits scale with it: 10 s allows a sixth of each a window). Shorter smooths bursts; longer tolerates them.',
    schema: int(1, 3600),
    default: 60,
  }),
  maxQueuedJobsPerUser: setting({
    env: 'MAX_QUEUED_JOBS_PER_USER',
    doc: 'Jobs (PDFs, quizzes) a key may have waiting or running at once; an upload or quiz request past it is refused with 429 until some finish. 0: no limit.',
    schema: int(0),
    default: 100,
  }),
  auditRetentionDays: setting({
    env: 'AUDIT_RETENTION_DAYS',
    doc: 'Days the audit trail (`GET /api/audit`, `profai audit`) keeps a row; the API removes older ones when it starts and every hour. 0 (the default): kept forever, so an upgrade never deletes a trail a policy may require (365 is a common choice).',
    schema: int(0),
    default: 0,
  }),
  // ── LLM provider (OpenAI-compatible; unset LLM_BASE_URL = offline generators) ──
  llmBaseUrl: setting({
    env: 'LLM_BASE_URL',
    doc: 'OpenAI-compatible API for courses and quizzes (e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1). Unset: offline generators.',
    schema: optionalStr,
    default: undefined,
  }),
  llmApiKey: setting({
    env: 'LLM_API_KEY',
    doc: 'API key of LLM_BASE_URL (local servers usually need none).',
    schema: optionalStr,
    default: undefined,
    secret: true,
  }),
  llmModel: setting({
    env: 'LLM_MODEL',
    doc: 'Chat model of LLM_BASE_URL (required with it), e.g. gpt-4o-mini, llama3.1.',
    schema: optionalStr,
    default: undefined,
  }),
  llmContextTokens: setting({
    env: 'LLM_CONTEXT_TOKENS',
    doc: "The model's context window in tokens; every request (prompt + answer) is kept inside it.",
    schema: int(1024),
    default: 8192,
  }),
  llmMaxOutputTokens: setting({
    env: 'LLM_MAX_OUTPUT_TOKENS',
    doc: 'Most tokens one answer may have (reserved out of LLM_CONTEXT_TOKENS).',
    schema: int(128),
    default: 1500,
  }),
  llmConcurrency: setting({
    env: 'LLM_CONCURRENCY',
    doc: 'LLM-stage jobs one worker runs at once (async, in the supervisor: they wait on the model, not the CPU).',
    schema: int(1, 1000),
    default: 8,
  }),
  llmInPdfWorkers: setting({
    env: 'LLM_IN_PDF_WORKERS',
    doc: 'Workers that take pdf_processing also run its LLM stage (llm_generation) in their supervisor. false: only workers whose WORKER_QUEUES list llm_generation run it, e.g. one LLM worker per host (`WORKER_QUEUES=llm_generation,quiz_generation`, no children), so the parse workers stay as light as without a model.',
    schema: flag,
    default: true,
  }),
  llmCallsPerJob: setting({
    env: 'LLM_CALLS_PER_JOB',
    doc: 'LLM calls one job has in flight at once (lesson summaries of a course run side by side).',
    schema: int(1, 64),
    default: 4,
  }),
  llmRpm: setting({
    env: 'LLM_RPM',
    doc: 'Fleet-wide limit of LLM requests per minute, shared by all workers through Redis. 0 = no limit.',
    schema: int(0),
    default: 0,
  }),
  llmTpm: setting({
    env: 'LLM_TPM',
    doc: 'Fleet-wide limit of LLM tokens (prompt + answer budget) per minute. 0 = no limit.',
    schema: int(0),
    default: 0,
  }),
  llmRateWindowMs: setting({
    env: 'LLM_RATE_WINDOW_MS',
    doc: 'Length of the "minute" of LLM_RPM/LLM_TPM in ms; only tests shorten it.',
    schema: int(100),
    default: 60000,
  }),
  llmTimeoutS: setting({
    env: 'LLM_TIMEOUT_S',
    doc: 'Seconds one LLM request may take before it is abandoned (and retried).',
    schema: num(0.05),
    default: 120,
  }),
  llmMaxRetries: setting({
    env: 'LLM_MAX_RETRIES',
    doc: 'Retries of one LLM request after a 429, a 5xx, a timeout or a network error (Retry-After honoured).',
    schema: int(0, 20),
    default: 4,
  }),
  llmRetryBaseMs: setting({
    env: 'LLM_RETRY_BASE_MS',
    doc: 'First retry delay of an LLM request without Retry-After; doubles each time.',
    schema: int(0),
    default: 1000,
  }),
  llmStructuredOutput: setting({
    env: 'LLM_STRUCTURED_OUTPUT',
    doc: 'How answers are held to their JSON Schema: json_schema (response_format json_schema, strict: the provider enforces the schema), json_object (JSON mode, the schema in the prompt), prompt (the schema in the prompt only, for servers that reject response_format), or auto (json_schema for providers known to support it: OpenAI, Azure, Ollama, vLLM, LM Studio, Groq, Mistral, OpenRouter, Together, Fireworks, DeepSeek; json_object otherwise). Every answer is still validated and repaired once.',
    schema: oneOf(['auto', 'json_schema', 'json_object', 'prompt']),
    default: 'auto',
  }),
  llmFallback: setting({
    env: 'LLM_FALLBACK',
    doc: "What a job does when the LLM keeps failing: none (fail with the provider's reason) or offline (use the offline generators).",
    schema: oneOf(['none', 'offline']),
    default: 'none',
  }),
  llmCacheTtlS: setting({
    env: 'LLM_CACHE_TTL_S',
    doc: 'Seconds accepted LLM answers stay cached in Redis by request hash (a retried job does not pay twice). 0 = no cache.',
    schema: int(0),
    default: 7 * 24 * 3600,
  }),
  llmPriceInputPerMtok: setting({
    env: 'LLM_PRICE_INPUT_PER_MTOK',
    doc: 'USD per million prompt tokens, for the cost estimate of a job.',
    schema: num(0),
    default: 0,
  }),
  llmPriceOutputPerMtok: setting({
    env: 'LLM_PRICE_OUTPUT_PER_MTOK',
    doc: 'USD per million answer tokens, for the cost estimate of a job.',
    schema: num(0),
    default: 0,
  }),
  embeddingsBaseUrl: setting({
    env: 'EMBEDDINGS_BASE_URL',
    doc: 'OpenAI-compatible embeddings API. Unset (or EMBEDDINGS_MODEL unset): the offline hashing embedder.',
    schema: optionalStr,
    default: undefined,
  }),
  embeddingsApiKey: setting({
    env: 'EMBEDDINGS_API_KEY',
    doc: 'API key of EMBEDDINGS_BASE_URL. Unset: LLM_API_KEY.',
    schema: optionalStr,
    default: undefined,
    secret: true,
  }),
  embeddingsModel: setting({
    env: 'EMBEDDINGS_MODEL',
    doc: 'Embedding model of EMBEDDINGS_BASE_URL, e.g. text-embedding-3-small.',
    schema: optionalStr,
    default: undefined,
  }),
  embeddingsDim: setting({
    env: 'EMBEDDINGS_DIM',
    doc: "Dimension of EMBEDDINGS_MODEL's vectors. Unset: taken from its first answer.",
    schema: optional(int(1, 65536)),
    default: undefined,
  }),
  // ── logs ──────────────────────────────────────────────────────────────────────
  logLevel: setting({
    env: 'LOG_LEVEL',
    doc: 'pino log level: fatal, error, warn, info, debug, trace, silent.',
    schema: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']),
    default: 'info',
  }),
} as const;

type Settings = typeof SETTINGS;
/** The validated configuration. */
export type Config = { [K in keyof Settings]: ReturnType<Settings[K]['schema']['parse']> };

/** The settings that say how to reach Redis (src/fleet/redis.ts connects with them); pass the whole Config where you have it. */
export const REDIS_SETTINGS = [
  'redisUrl',
  'redisSentinels',
  'redisSentinelMaster',
  'redisSentinelPassword',
  'redisClusterNodes',
  'redisUsername',
  'redisPassword',
] as const satisfies readonly (keyof Config)[];

export type RedisSettings = Pick<Config, (typeof REDIS_SETTINGS)[number]>;

/** A setting has a bad value. `message` is one line naming the variable. */
export class ConfigError extends ProfaiError {
  constructor(message: string) {
    super('config_invalid', message);
  }
}

/**
 * Reads every setting from `env`, then applies `overrides` (CLI flags, already typed or as strings).
 * @throws ConfigError on the first invalid value.
 */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Record<keyof Config, unknown>> = {},
): Config {
  const out: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(SETTINGS) as [keyof Config, SettingSpec<unknown>][]) {
    const override = overrides[key];
    const fromFlag = override !== undefined && override !== '';
    const named = [spec.env, ...(spec.aliases ?? [])].find(
      (name) => env[name] !== undefined && env[name] !== '',
    );
    const raw = fromFlag ? override : named && env[named];
    const variable = fromFlag ? spec.env : (named ?? spec.env);
    if (raw === undefined || raw === '') {
      out[key] = spec.default;
      continue;
    }
    try {
      out[key] = spec.schema.parse(Array.isArray(raw) ? raw.join(',') : raw);
    } catch (err) {
      const reason = spec.secret ? 'invalid value' : (err as Error).message;
      throw new ConfigError(`${variable}=${spec.secret ? '[redacted]' : String(raw)}: ${reason}`);
    }
  }
  return withClusterPrefix(out as Config);
}

/**
 * BullMQ runs multi-key Lua scripts, so on a Redis Cluster all of a queue's keys must hash to one slot; ProfAI's
 * own keys sit beside them under the same prefix. A prefix in braces is a hash tag: every key under it hashes by
 * the prefix alone.
 */
function withClusterPrefix(config: Config): Config {
  if (config.redisClusterNodes.length === 0 || config.queuePrefix.startsWith('{')) return config;
  return { ...config, queuePrefix: `{${config.queuePrefix}}` };
}

/**
 * Lines a service logs once at start about settings that are valid but likely not what the deployment means,
 * read from the environment as given (a default cannot be told apart from the same value set on purpose).
 * - CHROMA_URL without VECTOR_STORE: a deployment of the Chroma days, whose new vectors now go to PostgreSQL
 *   (the default) while its old ones stay in Chroma until they are imported (docs/vectors.md).
 */
export function settingsNotices(env: Record<string, string | undefined> = process.env): string[] {
  const set = (name: string) => env[name] !== undefined && env[name] !== '';
  const notices: string[] = [];
  if (set('CHROMA_URL') && !set('VECTOR_STORE'))
    notices.push(
      'CHROMA_URL is set but VECTOR_STORE is not: new vectors go to PostgreSQL (the default), those already in Chroma stay there until `profai vectors import-chroma` copies them (docs/vectors.md); set VECTOR_STORE=postgres once imported, or VECTOR_STORE=chroma to keep Chroma',
    );
  return notices;
}

/** The configuration as `VARIABLE=value` lines, secrets redacted (for `profai config`). */
export function describeConfig(config: Config): string[] {
  return (Object.entries(SETTINGS) as [keyof Config, SettingSpec<unknown>][]).map(([key, spec]) => {
    const value = config[key];
    const shown = value === undefined ? '' : spec.secret ? '[redacted]' : String(value);
    return `${spec.env}=${shown}`;
  });
}

/** True when vectors come from an embeddings API: EMBEDDINGS_BASE_URL and EMBEDDINGS_MODEL are both set. */
export function usesEmbeddingsApi(
  config: Pick<Config, 'embeddingsBaseUrl' | 'embeddingsModel'>,
): config is Config & { embeddingsBaseUrl: string; embeddingsModel: string } {
  return Boolean(config.embeddingsBaseUrl && config.embeddingsModel);
}
