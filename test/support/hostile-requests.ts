/**
 * Requests a hostile or careless client sends, as fast-check arbitraries, and {@link fuzzApi}, which fires them at
 * an app and sorts the answers. Used by test/api/fuzz.test.ts (asserts) and bench/api-fuzz.ts (prints counts).
 *
 * Three families: multipart uploads (boundary right, wrong or missing; bodies cut short; huge or many fields; many
 * files; junk and NUL-padded "PDFs"; file names that look like paths), JSON bodies (wrong types, deep nesting, huge
 * strings, prototype keys) and path or query values (huge, negative, NaN, 1e309, NUL, traversal, SQL).
 */
import { join } from 'node:path';
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { addJobOwner, addUploadOwner, addUser, saveProcessedDocument } from '../../src/store/index.ts';
import { enqueuePdf } from '../../src/tasks/client.ts';
import { fixtureDocument, makePdf, multipart, type Part } from './api.ts';
import { type ApiFixture, signedIn, startApiFixture } from './api-fixture.ts';

/** Ids of records that exist, so that some requests get past the 404 and into the handlers. */
export interface KnownIds {
  course: string;
  quiz: string;
  document: string;
  job: string;
}

/** One generated request: what light-my-request sends, and the family it came from. */
export interface HostileRequest {
  family: 'multipart' | 'json' | 'params';
  options: InjectOptions;
}

/** Strings that have broken servers: numbers past every bound, NUL, traversal, SQL, huge and odd text. */
const NASTY_VALUES = [
  '1e309',
  '-1e309',
  '1e20',
  '-1',
  '0',
  '-0',
  'NaN',
  'Infinity',
  '9007199254740993',
  '0x1f',
  '1.5',
  '',
  ' ',
  '%00',
  'a%00b',
  '..%2F..%2Fetc%2Fpasswd',
  '../../etc/passwd',
  "' OR 1=1--",
  '1; DROP TABLE courses',
  '%E2%80%AE',
  '%FF%FE',
  '%',
  '%%',
  '__proto__',
  'constructor',
  'null',
  'true',
  '[]',
  '{}',
];

const nastyValue = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_VALUES) },
  { weight: 1, arbitrary: fc.integer({ min: 10_000, max: 70_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }).map(encodeURIComponent) },
  { weight: 1, arbitrary: fc.double().map(String) },
);

const HOSTILE_FILE_NAMES = [
  '../../etc/passwd',
  '/etc/passwd',
  '..\\..\\windows\\system32\\config',
  'C:\\boot.ini',
  'a\u0000b.pdf',
  '.upload-0000.part',
  '.',
  '..',
  '',
  'con.pdf',
  'ノート.pdf',
  '\u202Efdp.exe',
  `${'n'.repeat(5000)}.pdf`,
  'x"; filename="y.pdf',
];

/** A file part's bytes: a real PDF, a NUL-padded or junk one, an empty one. */
function fileContent(pdf: Buffer): fc.Arbitrary<Buffer> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(pdf) },
    { weight: 1, arbitrary: fc.constant(Buffer.concat([Buffer.alloc(4096), pdf])) },
    { weight: 1, arbitrary: fc.constant(Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(8192)])) },
    { weight: 2, arbitrary: fc.uint8Array({ maxLength: 3000 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.constant(Buffer.alloc(0)) },
    // Past MAX_UPLOAD_MB (the fuzz API runs with 1 MB).
    { weight: 1, arbitrary: fc.constant(Buffer.concat([pdf, Buffer.alloc(1_200_000)])) },
  );
}

function partSpec(pdf: Buffer): fc.Arbitrary<Part> {
  const fileName = fc.oneof(fc.constantFrom(...HOSTILE_FILE_NAMES), fc.string({ maxLength: 30 }));
  const file = fc.record({
    field: fc.constantFrom('file', 'files', 'pdf', ''),
    filename: fileName,
    content: fileContent(pdf),
    contentType: fc.constantFrom('application/pdf', 'application/octet-stream', 'text/plain', ''),
  });
  const field = fc.record({
    field: fc.constantFrom('password', 'note', 'file', '__proto__'),
    content: fc.oneof(
      { weight: 4, arbitrary: fc.string({ maxLength: 50 }).map((s) => Buffer.from(s)) },
      // 3 MB: past the field limit.
      { weight: 1, arbitrary: fc.constant(Buffer.alloc(3 * 1024 * 1024, 'p')) },
    ),
  });
  return fc.oneof({ weight: 2, arbitrary: file }, { weight: 1, arbitrary: field });
}

/** Many copies of one small part: past the files, fields or parts limits. */
const manyParts = (pdf: Buffer): fc.Arbitrary<Part[]> =>
  fc
    .tuple(fc.integer({ min: 21, max: 400 }), fc.boolean())
    .map(([n, files]) =>
      Array.from({ length: n }, (_, i) =>
        files
          ? { field: 'file', filename: `f${i}.pdf`, content: pdf.subarray(0, 200), contentType: '' }
          : { field: `f${i}`, content: Buffer.from('v') },
      ),
    );

function multipartRequest(pdf: Buffer): fc.Arbitrary<HostileRequest> {
  return fc
    .record({
      parts: fc.oneof(
        { weight: 5, arbitrary: fc.array(partSpec(pdf), { minLength: 0, maxLength: 4 }) },
        { weight: 1, arbitrary: manyParts(pdf) },
      ),
      header: fc.constantFrom('right', 'right', 'right', 'wrong', 'missing', 'empty', 'quoted', 'junk-type'),
      // Fraction of the body sent: 1 is all of it.
      cut: fc.oneof(
        { weight: 3, arbitrary: fc.constant(1) },
        { weight: 2, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) },
      ),
      junkBody: fc.option(fc.uint8Array({ minLength: 1, maxLength: 500 }), { nil: undefined }),
      boundary: fc.constantFrom('----fuzz7d3c9a0b12ef', 'x', 'a'.repeat(70), 'b'.repeat(300), '"quoted"'),
    })
    .map(({ parts, header, cut, junkBody, boundary }) => {
      let payload =
        junkBody && parts.length === 0 ? Buffer.from(junkBody) : multipart(parts, boundary).payload;
      if (cut < 1) payload = payload.subarray(0, Math.floor(payload.length * cut));
      const contentType = {
        right: `multipart/form-data; boundary=${boundary}`,
        wrong: 'multipart/form-data; boundary=not-the-boundary',
        missing: 'multipart/form-data',
        empty: 'multipart/form-data; boundary=',
        quoted: `multipart/form-data; boundary="${boundary}"`,
        'junk-type': 'application/x-junk',
      }[header];
      return {
        family: 'multipart' as const,
        options: {
          method: 'POST' as const,
          url: '/api/pdfs',
          payload,
          headers: { 'content-type': contentType },
        },
      };
    });
}

/** A JSON value no route expects: wrong types, deep nesting, huge strings, prototype keys. */
const hostileJson: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.json({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 100, max: 20_000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 100, max: 5_000 }).map((n) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`),
  },
  { weight: 1, arbitrary: fc.constant(JSON.stringify({ prompt: 'p'.repeat(2 * 1024 * 1024) })) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      '{"__proto__":{"admin":true}}',
      '{"constructor":{"prototype":{"x":1}}}',
      '{"reviewed":"yes"}',
      '{"questions":1e309}',
      '{"questions":-5,"seed":1e300}',
      '{"seed":1e300}',
      '{"seed":-9007199254740993}',
      '{"moduleIndex":1e20}',
      '{"sourcePage":1e20}',
      '{"sourcePage":9007199254740993}',
      '{"answerIndex":"0"}',
      '{"options":["a","b","c"]}',
      '{"options":[1,2,3,4]}',
      '{"prompt":null}',
      '{"password":""}',
      '{"password":123}',
      '{',
      'null',
      '"text"',
      '',
      '\u0000',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .dictionary(
        fc.constantFrom(
          'questions',
          'seed',
          'moduleIndex',
          'reviewed',
          'prompt',
          'options',
          'answerIndex',
          'answer',
          'kind',
          'explanation',
          'sourcePage',
          'password',
        ),
        fc.oneof(
          fc.jsonValue(),
          fc.double().map((d) => d),
          fc.string({ maxLength: 5000 }),
        ),
      )
      .map((o) => JSON.stringify(o)),
  },
);

function jsonRequest(ids: KnownIds): fc.Arbitrary<HostileRequest> {
  const id = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(ids.course, ids.quiz, ids.job) }, nastyValue);
  const n = fc.oneof(fc.constantFrom('0', '1', '3'), nastyValue);
  return fc
    .record({
      route: fc.constantFrom('quizzes', 'retry', 'patch-question', 'delete-question', 'patch-quiz'),
      courseId: fc.oneof(fc.constant(ids.course), id),
      quizId: fc.oneof(fc.constant(ids.quiz), id),
      jobId: fc.oneof(fc.constant(ids.job), id),
      n,
      body: hostileJson,
      contentType: fc.constantFrom(
        'application/json',
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'application/jsonx',
      ),
      ifMatch: fc.constantFrom(undefined, '0', '"0"', '*', 'W/"1"', '1e309', 'x'),
    })
    .map(({ route, courseId, quizId, jobId, n, body, contentType, ifMatch }) => {
      const [method, url] = {
        quizzes: ['POST', `/api/courses/${courseId}/quizzes`],
        retry: ['POST', `/api/jobs/${jobId}/retry`],
        'patch-question': ['PATCH', `/api/quizzes/${quizId}/questions/${n}`],
        'delete-question': ['DELETE', `/api/quizzes/${quizId}/questions/${n}`],
        'patch-quiz': ['PATCH', `/api/quizzes/${quizId}`],
      }[route] as ['POST' | 'PATCH' | 'DELETE', string];
      const headers: Record<string, string> = { 'content-type': contentType };
      if (ifMatch !== undefined) headers['if-match'] = ifMatch;
      return { family: 'json' as const, options: { method, url, payload: body, headers } };
    });
}

function paramsRequest(ids: KnownIds): fc.Arbitrary<HostileRequest> {
  const value = fc.oneof(
    fc.constantFrom(ids.course, ids.quiz, ids.document, ids.job, '10', 'md'),
    nastyValue,
  );
  const query = fc
    .dictionary(
      fc.constantFrom('limit', 'offset', 'state', 'format', 'quiz', 'page', '__proto__', 'x'),
      value,
      { maxKeys: 3 },
    )
    .map((q) =>
      Object.entries(q)
        .map(([k, v]) => `${k}=${v}`)
        .join('&'),
    );
  return fc
    .record({
      path: fc.constantFrom(
        '/api/courses',
        '/api/courses/:v',
        '/api/courses/:v/quizzes',
        '/api/courses/:v/export',
        '/api/quizzes/:v',
        '/api/jobs',
        '/api/jobs/:v',
        '/api/documents/:v/pdf',
        '/api/fleet',
        '/health',
        '/metrics',
        '/app/:v',
        '/:v',
        '/api/:v',
      ),
      v: value,
      query,
      method: fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'PUT', 'OPTIONS', 'TRACE', 'PROPFIND'),
    })
    .map(({ path, v, query, method }) => ({
      family: 'params' as const,
      options: { method: method as 'GET', url: `${path.replace(':v', v)}${query ? `?${query}` : ''}` },
    }));
}

/** Any hostile request; `pdf` is a small real PDF for the file parts. */
export function hostileRequest(ids: KnownIds, pdf: Buffer): fc.Arbitrary<HostileRequest> {
  return fc.oneof(multipartRequest(pdf), jsonRequest(ids), paramsRequest(ids));
}

/** What {@link fuzzApi} saw. */
export interface FuzzReport {
  cases: number;
  /** Answers by status code. */
  statuses: Map<number, number>;
  /** One line per 5xx, or per 4xx without the `{ error, message }` body: family, request, answer. */
  violations: string[];
  /** sha256 of every file an upload answered 2xx for. */
  acceptedShas: Set<string>;
}

/** True when `body` is exactly `{ error: string, message: string }` (HEAD answers carry no body). */
function isErrorBody(method: string, body: string): boolean {
  if (method === 'HEAD') return body === '';
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>;
    return (
      Object.keys(parsed).sort().join() === 'error,message' &&
      typeof parsed.error === 'string' &&
      typeof parsed.message === 'string'
    );
  } catch {
    return false;
  }
}

const describe = (r: HostileRequest) =>
  `${r.family} ${r.options.method} ${String(r.options.url).slice(0, 120)}`;

/** Sends `numRuns` generated requests to `app` (seeded: the same seed sends the same requests). */
export async function fuzzApi(
  app: FastifyInstance,
  ids: KnownIds,
  pdf: Buffer,
  opts: { seed: number; numRuns: number },
): Promise<FuzzReport> {
  const report: FuzzReport = { cases: 0, statuses: new Map(), violations: [], acceptedShas: new Set() };
  await fc.assert(
    fc.asyncProperty(hostileRequest(ids, pdf), async (request) => {
      const res = await app.inject(request.options);
      report.cases++;
      report.statuses.set(res.statusCode, (report.statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode >= 500)
        report.violations.push(`${res.statusCode} ${describe(request)}: ${res.body.slice(0, 200)}`);
      else if (res.statusCode >= 400 && !isErrorBody(String(request.options.method), res.body))
        report.violations.push(
          `${res.statusCode} without {error,message} ${describe(request)}: ${res.body.slice(0, 200)}`,
        );
      if (request.family === 'multipart' && res.statusCode < 300) {
        for (const job of (res.json() as { jobs: { sha256: string }[] }).jobs)
          report.acceptedShas.add(job.sha256);
      }
      // Never fail the property: every case is counted, the caller decides.
      return true;
    }),
    { seed: opts.seed, numRuns: opts.numRuns, endOnFailure: true },
  );
  return report;
}

/**
 * An API on real services ready to be fuzzed: MAX_UPLOAD_MB=1, a stored course with its quiz and document, a
 * queued job (no worker takes it), and the small PDF the file parts carry. Keys on: requests carry the key of an
 * admin, or (`as: 'teacher'`) of a teacher who owns that course and job, so the ownership checks run too.
 */
export async function startFuzzTarget(
  logLevel = 'silent',
  as: 'admin' | 'teacher' = 'admin',
): Promise<{ fx: ApiFixture; app: FastifyInstance; ids: KnownIds; pdf: Buffer }> {
  const fx = await startApiFixture();
  try {
    const pdf = await makePdf('fuzz');
    const saved = await saveProcessedDocument(fx.deps.db, fixtureDocument('ab'.repeat(32), 'fuzz.pdf'));
    const job = await enqueuePdf(fx.deps.fleet, {
      path: join(fx.uploadDir, 'missing.pdf'),
      fileName: 'queued.pdf',
      sha256: 'cd'.repeat(32),
    });
    // Thousands of requests from one address: the rate limits (tested in test/api/limits.test.ts) would answer
    // most of them 429 before their input is even looked at, which is not what a fuzzer is for.
    const admin = await fx.variant({
      maxUploadMb: 1,
      logLevel: logLevel as ApiFixture['config']['logLevel'],
      requestsPerMinute: 0,
      uploadsPerMinute: 0,
      maxQueuedJobsPerUser: 0,
    });
    let app = admin;
    if (as === 'teacher') {
      const { user, key } = await addUser(fx.deps.db, 'fuzz-teacher', 'teacher');
      await addUploadOwner(fx.deps.db, 'ab'.repeat(32), user.id);
      await addJobOwner(fx.deps.db, job.id, user.id);
      app = signedIn(admin, key);
    }
    const ids = { course: saved.courseId, quiz: saved.quizId, document: saved.documentId, job: job.id };
    return { fx, app, ids, pdf };
  } catch (err) {
    await fx.stop();
    throw err;
  }
}
