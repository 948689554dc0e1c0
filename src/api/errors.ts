/**
 * Every 4xx/5xx the API sends is `{ error: code, message }`: ours, Fastify's (validation, 404, content
 * type) and the multipart plugin's. A stack never leaves the process; 5xx details go to the log only.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeError, ProfaiError, unreachableDependency } from '../domain/errors.ts';
import { StorageFullError } from '../files/errors.ts';
import { isRedisOutOfMemory } from '../fleet/redis.ts';
import { RETRY_AFTER_FULL_S, redisFullMessage, storageFullMessage } from './capacity.ts';

/** An error the API answers with: an HTTP status, a stable snake_case code and a one-line message. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Headers to answer with (a 429's Retry-After). */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Most characters of a client's input (a path, an id) an error message repeats. */
export const ECHO_MAX_CHARS = 120;

/** `text` as an error message repeats it: cut to {@link ECHO_MAX_CHARS}, the cut marked (a fuzzed 100 KB path). */
export const echoed = (text: string): string =>
  text.length <= ECHO_MAX_CHARS ? text : `${text.slice(0, ECHO_MAX_CHARS)}… (${text.length} characters)`;

export const badRequest = (code: string, message: string) => new ApiError(400, code, message);
export const notFound = (what: string, id: string) =>
  new ApiError(404, 'not_found', `${what} ${echoed(id)} not found`);

/** JSON schema of every error body, registered as `ErrorBody` and referenced by each route's responses. */
export const errorBodySchema = {
  $id: 'ErrorBody',
  type: 'object',
  description: 'Every 4xx and 5xx answer.',
  required: ['error', 'message'],
  properties: {
    error: {
      type: 'string',
      description: 'Stable snake_case code, e.g. `not_pdf`, `too_large`, `not_found`.',
    },
    message: { type: 'string', description: 'One line for a person.' },
  },
} as const;

/** The `response` entries every route shares: its error answers. */
export const errorResponses = {
  '4xx': { $ref: 'ErrorBody#' },
  '5xx': { $ref: 'ErrorBody#' },
} as const;

/** Longest path parameter the router accepts (414 above): the longest id (`idSchema` in schemas.ts). */
export const MAX_PARAM_LENGTH = 200;

/** Codes of Fastify's and @fastify/multipart's own errors, renamed to ours. */
const FRAMEWORK_CODES: Record<string, { status: number; code: string; message?: string }> = {
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'too_large' },
  FST_FILES_LIMIT: {
    status: 413,
    code: 'too_many_files',
    message: 'more files in one upload than MAX_FILES_PER_UPLOAD allows; send them in several',
  },
  FST_PARTS_LIMIT: {
    status: 413,
    code: 'too_many_parts',
    message: 'more parts in the form than files and fields allowed',
  },
  FST_FIELDS_LIMIT: {
    status: 413,
    code: 'too_many_fields',
    message: 'more text fields in the form than allowed (10)',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'too_large' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'unsupported_media_type' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported_media_type',
    message: 'content type not accepted: send JSON, or multipart/form-data for uploads',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json' },
  FST_MP_PREMATURE_CLOSE: { status: 400, code: 'bad_request' },
  FST_PROTO_VIOLATION: { status: 400, code: 'bad_request' },
  FST_ERR_BAD_URL: {
    status: 400,
    code: 'bad_url',
    message: 'the URL is not valid: a path segment is badly encoded',
  },
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: 'too_long',
    message: `a path segment is longer than ${MAX_PARAM_LENGTH} characters`,
  },
};

/**
 * The multipart parser's (busboy's) own errors carry no code, only these messages: all say the body is not
 * well-formed multipart, the client's fault. A boundary longer than 256 characters fails the parser's search.
 */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Boundary required|Unexpected end of (multipart data|form)|\w+ terminated early due to unexpected end of multipart data|Malformed part header|The needle cannot (be an empty|have a length bigger))/;

/**
 * A client that hung up before its request was read: Node's `aborted` (ECONNRESET) on a request whose stream is
 * destroyed. The same error from an outgoing call of ours is not the client's fault, hence `requestGone`.
 */
export function isClientAbort(err: unknown, requestGone: boolean): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const isAborted = (x: typeof e | undefined) => x?.code === 'ECONNRESET' && x.message === 'aborted';
  // pipeline() reports our hang-up signal as an AbortError whose cause is the `aborted` error.
  return requestGone && (isAborted(e) || isAborted(cause));
}

const STATUS_CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  408: 'timeout',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'too_many_requests',
};

/** Seconds a client is told to wait (Retry-After) when a dependency of the request is down. */
export const RETRY_AFTER_S = 5;

/**
 * The JSON body and status for any error thrown while handling a request (and headers to send with it);
 * `requestGone` when the client's request stream is destroyed (it hung up).
 */
export function toErrorBody(
  err: unknown,
  requestGone = false,
): {
  status: number;
  body: { error: string; message: string };
  headers?: Record<string, string>;
} {
  if (err instanceof ApiError)
    return {
      status: err.statusCode,
      body: { error: err.code, message: err.message },
      ...(err.headers ? { headers: err.headers } : {}),
    };
  // Full is an outage: 507 for the storage (WebDAV's Insufficient Storage), 503 for Redis, both to wait out.
  const full = causeOf(err, StorageFullError);
  if (full)
    return {
      status: 507,
      body: { error: 'storage_full', message: storageFullMessage(full) },
      headers: { 'retry-after': String(RETRY_AFTER_FULL_S) },
    };
  if (isRedisOutOfMemory(err))
    return {
      status: 503,
      body: { error: 'redis_full', message: redisFullMessage('maxmemory reached (OOM command not allowed)') },
      headers: { 'retry-after': String(RETRY_AFTER_FULL_S) },
    };
  const dependency = unreachableDependency(err);
  if (dependency)
    return {
      status: 503,
      body: { error: 'dependency_unavailable', message: `${dependency} is unavailable; try again shortly` },
      headers: { 'retry-after': String(RETRY_AFTER_S) },
    };
  if (err instanceof ProfaiError && err.code === 'not_found')
    return { status: 404, body: { error: 'not_found', message: err.message } };
  const fe = err as Partial<FastifyError> & { message?: string };
  if (isClientAbort(err, requestGone))
    return {
      status: 400,
      body: { error: 'aborted', message: 'the client closed the connection mid-request' },
    };
  if (!fe?.code && typeof fe?.message === 'string' && MALFORMED_MULTIPART.test(fe.message))
    return {
      status: 400,
      body: {
        error: 'malformed_multipart',
        message: `malformed multipart/form-data body: ${oneLine(fe.message)}`,
      },
    };
  if (fe?.validation)
    return { status: 400, body: { error: 'invalid_request', message: validationMessage(fe) } };
  const known = fe?.code ? FRAMEWORK_CODES[fe.code] : undefined;
  if (known)
    return {
      status: known.status,
      body: { error: known.code, message: known.message ?? oneLine(fe.message) },
    };
  const status = typeof fe?.statusCode === 'number' ? fe.statusCode : 500;
  if (status >= 400 && status < 500)
    return { status, body: { error: STATUS_CODES[status] ?? 'bad_request', message: oneLine(fe.message) } };
  return {
    status: Math.max(status, 500),
    body: { error: 'internal', message: 'internal server error' },
  };
}

/** `err` or the first error it wraps that is a `type`. */
function causeOf<T>(err: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++)
    if (e instanceof type) return e;
  return undefined;
}

/** Fastify's validation message, naming the offending property when ajv knows it. */
function validationMessage(err: Partial<FastifyError>): string {
  const first = err.validation?.[0];
  const extra = (first?.params as { additionalProperty?: unknown } | undefined)?.additionalProperty;
  return oneLine(err.message) + (typeof extra === 'string' ? `: ${extra}` : '');
}

function oneLine(message: string | undefined): string {
  return (message ?? '').split('\n')[0]!.trim() || 'request failed';
}

/**
 * Answers `err` as `{ error, message }`. A 500 is a bug of ours and logged as an error (with the request id, as
 * every request log line is); anything else, a client's hang-up included, is logged at info level.
 */
export function replyWithError(err: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body, headers } = toErrorBody(err, request.raw.destroyed);
  // A 503 or 507 is an outage of a dependency, said to the client, not a bug of ours.
  if (status >= 500 && status !== 503 && status !== 507) request.log.error({ err }, 'request failed');
  else if (status >= 500)
    request.log.warn({ code: body.error, status, cause: describeError(err) }, body.message);
  else request.log.info({ code: body.error, status }, body.message);
  if (headers) reply.headers(headers);
  return reply.code(status).type('application/json').send(body);
}

/** Installs the error and not-found handlers on `app` (the router's own errors: Fastify's `frameworkErrors`). */
export function installErrorHandlers(app: FastifyInstance): void {
  app.addSchema(errorBodySchema);
  app.setErrorHandler(replyWithError);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({
      error: 'not_found',
      message: `route ${request.method} ${echoed(request.url.split('?')[0] ?? '')} not found`,
    }),
  );
}

/** `profai api` started without DATABASE_URL: the embedded database cannot be shared across processes. */
export class DatabaseUrlRequiredError extends ProfaiError {
  constructor() {
    super(
      'database_url_required',
      'the API needs DATABASE_URL (PostgreSQL); for a laptop setup use `profai up`, which serves the embedded database to the API and workers',
    );
  }
}
