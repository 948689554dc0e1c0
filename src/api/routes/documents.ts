/**
 * `GET /api/documents/:id/pdf`: the original PDF of a document, from the documents store, for the web app's page
 * viewer. Byte ranges are served (`Range: bytes=a-b` → 206), so pdf.js fetches only the pages it shows of a long
 * document. 404 `{ error: 'pdf_not_kept' }` for a document processed before PDFs were kept.
 *
 * With object storage the API proxies the ranges rather than redirecting to a signed URL: the bucket need not be
 * reachable from teachers' browsers (it usually sits on the fleet's private network), needs no CORS rules for
 * pdf.js's range requests, and who may read a document stays decided here, on every request; a range is the few
 * hundred KB of the pages shown, streamed through, never held whole.
 */
import type { FastifyInstance } from 'fastify';
import { findDocumentPdf } from '../../files/documents.ts';
import { pdfKey } from '../../files/keys.ts';
import { getDocument } from '../../store/index.ts';
import { attachment } from '../content-disposition.ts';
import type { ApiContext } from '../deps.ts';
import { ApiError, errorResponses, notFound } from '../errors.ts';
import { idParamsSchema } from '../schemas.ts';

/** `bytes=a-b`, `bytes=a-` or `bytes=-n` of a file of `size` bytes, or null when not one satisfiable range. */
export function parseRange(header: string | undefined, size: number): { start: number; end: number } | null {
  const m = header ? /^bytes=(\d*)-(\d*)$/.exec(header.trim()) : null;
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number;
  let end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? { start, end } : null;
}

export async function documentRoutes(app: FastifyInstance, opts: { deps: ApiContext }): Promise<void> {
  const { db, storage } = opts.deps;
  app.get<{ Params: { id: string } }>(
    '/api/documents/:id/pdf',
    {
      schema: {
        summary: 'The original PDF of a document (byte ranges supported)',
        tags: ['documents'],
        params: idParamsSchema,
        produces: ['application/pdf'],
        response: {
          200: { description: 'The PDF.', type: 'string', format: 'binary' },
          206: { description: 'The requested byte range.', type: 'string', format: 'binary' },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const doc = await getDocument(db, request.params.id);
      if (!doc) throw notFound('document', request.params.id);
      const pdf = await findDocumentPdf(storage, doc.sha256);
      // Gone between the stat and the read (a delete): as if it had never been kept.
      const open = async (range?: { start: number; end: number }) => {
        const body = await storage.documents.stream(pdfKey(doc.sha256), range);
        if (!body) throw notKept(doc.fileName);
        return body;
      };
      if (!pdf) throw notKept(doc.fileName);
      const etag = `"${doc.sha256}"`;
      reply
        .type('application/pdf')
        .header('accept-ranges', 'bytes')
        .header('etag', etag)
        // The content of a document id never changes: its name is its hash.
        .header('cache-control', 'private, max-age=86400')
        .header('content-disposition', attachment(doc.fileName).replace(/^attachment/, 'inline'));
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      const rangeHeader = request.headers.range;
      const range = rangeHeader ? parseRange(rangeHeader, pdf.sizeBytes) : null;
      if (rangeHeader && !range)
        return reply
          .code(416)
          .header('content-range', `bytes */${pdf.sizeBytes}`)
          .type('application/json')
          .send({
            error: 'range_not_satisfiable',
            message: `range ${rangeHeader} is outside ${pdf.sizeBytes} bytes`,
          });
      if (range)
        return reply
          .code(206)
          .header('content-range', `bytes ${range.start}-${range.end}/${pdf.sizeBytes}`)
          .header('content-length', range.end - range.start + 1)
          .send(await open(range));
      return reply.header('content-length', pdf.sizeBytes).send(await open());
    },
  );
}

const notKept = (fileName: string) =>
  new ApiError(
    404,
    'pdf_not_kept',
    `the PDF of ${fileName} was not kept (its course was made before ProfAI kept PDFs): upload it again to see its pages here`,
  );
