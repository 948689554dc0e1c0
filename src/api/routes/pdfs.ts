/**
 * `POST /api/pdfs`: one or many PDFs, in any file field of a multipart form, become one job each.
 *
 * Every file is stored and checked before anything is queued, so a request with one bad file queues
 * nothing. A file whose content (sha256) already has a course gets that course back instead of a job.
 * Status: 202 when at least one job is in the answer, 200 when every file already had a course.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { unreachableDependency } from '../../domain/errors.ts';
import { keepUploadIfPossible } from '../../files/documents.ts';
import type { FileStore } from '../../files/index.ts';
import { getJobView } from '../../fleet/queues.ts';
import { courseIdOfContent, findDocumentBySha } from '../../store/index.ts';
import { enqueuePdf } from '../../tasks/client.ts';
import { audit } from '../audit.ts';
import type { ApiContext } from '../deps.ts';
import { ApiError, errorResponses } from '../errors.ts';
import { checkQueuedJobs, noteQueuedJobs } from '../job-cap.ts';
import { recordJobOwner, recordUploadOwner } from '../owners.ts';
import type { Principal } from '../principal.ts';
import { uploadResponseSchema } from '../schemas.ts';
import { QUEUE_TIMEOUT_MS, withQueueTimeout } from '../timeout.ts';
import { discardUploads, displayName, MULTIPART_LIMITS, type StoredUpload, storeUpload } from '../upload.ts';

/** One element of the answer's `jobs` list. */
export interface UploadEntry {
  file: string;
  sha256: string;
  id?: string;
  state?: string;
  status_url?: string;
  existing?: boolean;
  courseId?: string;
  course_url?: string;
}

interface ParsedUpload {
  files: StoredUpload[];
  password?: string;
}

const bodyDoc = {
  type: 'object',
  description:
    'Any number of PDF files, in any field name; an optional `password` text field for encrypted PDFs.',
  properties: {
    file: {
      type: 'string',
      format: 'binary',
      description: 'A PDF (repeat the field, or use other names, for more).',
    },
    password: { type: 'string', description: 'Password of encrypted PDFs in this request.' },
  },
} as const;

export async function pdfRoutes(app: FastifyInstance, opts: { deps: ApiContext }): Promise<void> {
  const { deps } = opts;
  const { uploads } = deps.storage;
  app.post(
    '/api/pdfs',
    {
      schema: {
        summary: 'Upload PDFs; each becomes a course-generation job',
        tags: ['pdfs'],
        consumes: ['multipart/form-data'],
        body: bodyDoc,
        response: {
          200: {
            description: 'Every file already has a course: nothing was queued.',
            ...uploadResponseSchema,
          },
          202: {
            description: 'One job per new file (existing courses listed as such).',
            ...uploadResponseSchema,
          },
          ...errorResponses,
        },
      },
      // The multipart body is streamed by the handler, not parsed up front: the body schema documents it only.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const cap = deps.config.maxQueuedJobsPerUser;
      // Refused before the body is read when the key is at its cap already.
      await capCheck(deps, request, cap, 1);
      const { files, password } = await readUploads(request, uploads, deps.config.maxUploadMb).then(
        (parsed) => {
          deps.capacity.noteUpload();
          return parsed;
        },
        (err: unknown) => {
          deps.capacity.noteUpload(err);
          throw err;
        },
      );
      const entries: UploadEntry[] = [];
      try {
        await capCheck(deps, request, cap, files.length);
        for (const file of files)
          entries.push(await submit(deps, file, password, request.principal, (m) => request.log.warn(m)));
      } catch (err) {
        // Refused (Redis down or full): the files no job was queued for are not kept. A retry of the request
        // finds the jobs queued before the refusal (their ids come from the content).
        await discardUploads(uploads, files.slice(entries.length)).catch((cleanup: unknown) =>
          request.log.warn({ err: cleanup }, 'could not remove the files of a refused upload'),
        );
        throw err;
      }
      await noteQueuedJobs(
        deps.fleet,
        request,
        entries.flatMap((e) => (e.id && !e.existing ? [e.id] : [])),
      ).catch((err: unknown) => request.log.warn({ err }, 'queued jobs not counted'));
      for (const e of entries)
        await audit(request, 'upload', {
          kind: 'pdf',
          id: e.sha256,
          courseId: e.courseId ?? courseIdOfContent(e.sha256),
          detail: { file: e.file, ...(e.id ? { job: e.id } : { existing: true }) },
        });
      const queuedSomething = entries.some((e) => e.id !== undefined);
      return reply.code(queuedSomething ? 202 : 200).send({ jobs: entries });
    },
  );
}

/**
 * {@link checkQueuedJobs} while the queue answers; while it does not, the enqueue says so (503) as it always has.
 */
async function capCheck(
  deps: ApiContext,
  request: FastifyRequest,
  cap: number,
  adding: number,
): Promise<void> {
  if (cap === 0 || deps.fleet.redis.status !== 'ready') return;
  await withQueueTimeout(
    checkQueuedJobs(deps.fleet, request, cap, adding),
    deps.queueTimeoutMs ?? QUEUE_TIMEOUT_MS,
  );
}

/** Streams every file part to the uploads store; collects the `password` field. */
async function readUploads(
  request: FastifyRequest,
  uploads: FileStore,
  maxUploadMb: number,
): Promise<ParsedUpload> {
  if (!request.headers['content-type'])
    throw new ApiError(400, 'no_file', 'no file: send one or more PDFs as multipart/form-data');
  if (!request.isMultipart())
    throw new ApiError(415, 'unsupported_media_type', 'send the PDFs as multipart/form-data');
  const parsed: ParsedUpload = { files: [] };
  const madeByRequest = new Set<string>();
  // A client that hangs up mid-file: the parser may never end that file's stream, so the hang-up ends it.
  const hangUp = new AbortController();
  const onClose = () => {
    if (!request.raw.complete) hangUp.abort(Object.assign(new Error('aborted'), { code: 'ECONNRESET' }));
  };
  request.raw.once('close', onClose);
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        const stored = await storeUpload(part.file, displayName(part.filename), {
          uploads,
          maxUploadMb,
          madeByRequest,
          signal: hangUp.signal,
        });
        if (stored.created) madeByRequest.add(stored.key);
        parsed.files.push(stored);
      } else if (part.valueTruncated) {
        throw new ApiError(
          413,
          'too_large',
          `form field ${displayName(part.fieldname)}: over ${MULTIPART_LIMITS.fieldSize / 1024} KB`,
        );
      } else if (part.fieldname === 'password' && typeof part.value === 'string' && part.value !== '') {
        parsed.password = part.value;
      }
    }
  } catch (err) {
    // A request refused part-way (a bad file, a malformed or cut body) keeps none of its files.
    await discardUploads(uploads, parsed.files).catch((cleanup: unknown) =>
      request.log.warn({ err: cleanup }, 'could not remove the files of a refused upload'),
    );
    throw err;
  } finally {
    request.raw.off('close', onClose);
  }
  if (parsed.files.length === 0)
    throw new ApiError(400, 'no_file', 'no file: the form has no file field; send one or more PDFs');
  return parsed;
}

/** The existing course of this content, or a (possibly already queued) job for it. */
async function submit(
  deps: ApiContext,
  file: StoredUpload,
  password: string | undefined,
  principal: Principal | undefined,
  warn: (message: string) => void,
): Promise<UploadEntry> {
  const base = { file: file.fileName, sha256: file.sha256 };
  // Owned before anything is queued: the course is the uploader's the moment it exists.
  await recordUploadOwner(deps.db, file.sha256, principal);
  // While the database is down the upload is still taken: the worker then finds out whether it is known.
  const known = await findDocumentBySha(deps.db, file.sha256).catch((err: unknown) => {
    if (unreachableDependency(err)) return null;
    throw err;
  });
  if (known?.courseId) {
    // Kept as the document's PDF (a course processed before PDFs were kept gains its pages this way).
    await keepUploadIfPossible(deps.storage, file.sha256, deps.config, warn);
    return {
      ...base,
      existing: true,
      courseId: known.courseId,
      course_url: `/api/courses/${known.courseId}`,
    };
  }
  const timeoutMs = deps.queueTimeoutMs ?? QUEUE_TIMEOUT_MS;
  const data = {
    fileName: file.fileName,
    sha256: file.sha256,
    ...(password ? { password } : {}),
  };
  const job = await withQueueTimeout(enqueuePdf(deps.fleet, data), timeoutMs);
  await recordJobOwner(deps.db, job.id, principal);
  const view = await withQueueTimeout(getJobView(deps.fleet, job.id), timeoutMs);
  return {
    ...base,
    id: job.id,
    state: view?.state ?? 'waiting',
    status_url: `/api/jobs/${encodeURIComponent(job.id)}`,
    existing: job.existing,
  };
}
