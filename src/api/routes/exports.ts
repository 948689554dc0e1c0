/**
 * `GET /api/courses/:id/export?format=F[&quiz=ID]`: the course and one of its quizzes (by default its first) as
 * a file for Moodle (moodle-xml, gift), Canvas and Blackboard (qti), the whole course for Canvas or Moodle (cc),
 * Anki (anki), print (html), or programs (md, json), with its content type and a download name (RFC 6266).
 * When the format has no place for some of the quiz's questions (GIFT has no ordering question), the answer's
 * `X-ProfAI-Notice` header says which were left out and why, in one line; the same line then says how many of the
 * file's questions were made by rule and still wait for a teacher's check (`3 questions made by rule not yet checked
 * by a teacher: check them in review before use.`), except for JSON, which keeps each one's `needsCheck`.
 */
import type { FastifyInstance } from 'fastify';
import { EXPORT_FORMAT_NAMES, type ExportFormatName } from '../../export/index.ts';
import { exportCourse } from '../../workflows/export.ts';
import { audit } from '../audit.ts';
import { attachment } from '../content-disposition.ts';
import type { ApiDeps } from '../deps.ts';
import { errorResponses } from '../errors.ts';
import { idParamsSchema, idSchema } from '../schemas.ts';

const querySchema = {
  type: 'object',
  required: ['format'],
  properties: {
    format: { type: 'string', enum: EXPORT_FORMAT_NAMES, description: 'The file format.' },
    quiz: {
      ...idSchema,
      description: "A quiz of this course (default: the course's first quiz, made with it).",
    },
  },
  additionalProperties: false,
} as const;

/** A header value of ASCII only (a course title may have any character): others become `?`. */
const asciiHeader = (text: string) => text.replace(/[^\x20-\x7e]/g, '?');

export async function exportRoutes(app: FastifyInstance, opts: { deps: ApiDeps }): Promise<void> {
  const { db } = opts.deps;
  app.get<{ Params: { id: string }; Querystring: { format: ExportFormatName; quiz?: string } }>(
    '/api/courses/:id/export',
    {
      schema: {
        summary:
          'Download a course and quiz as Moodle XML, GIFT, QTI, Common Cartridge, Anki, HTML, Markdown or JSON',
        tags: ['courses', 'exports'],
        params: idParamsSchema,
        querystring: querySchema,
        produces: [
          'application/xml',
          'text/plain',
          'application/zip',
          'text/tab-separated-values',
          'text/html',
          'text/markdown',
          'application/json',
        ],
        response: {
          200: {
            description:
              "The file (Content-Disposition: attachment). `X-ProfAI-Notice`: the questions the format left out, and why; how many made by rule wait for a teacher's check (not for json, which keeps `needsCheck`).",
            type: 'string',
            format: 'binary',
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const { format, quiz } = request.query;
      const rendered = await exportCourse(db, format, request.params.id, quiz);
      await audit(request, 'export', {
        kind: 'course',
        id: rendered.courseId,
        courseId: rendered.courseId,
        detail: { format, ...(rendered.quizId ? { quiz: rendered.quizId } : {}) },
      });
      if (rendered.notice) reply.header('x-profai-notice', asciiHeader(rendered.notice));
      return reply
        .type(rendered.contentType)
        .header('content-disposition', attachment(rendered.fileName))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(typeof rendered.body === 'string' ? rendered.body : Buffer.from(rendered.body));
    },
  );
}
