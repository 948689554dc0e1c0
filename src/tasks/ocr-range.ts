/**
 * `pdf_processing.ocr_page_range`: one range of a split document's pages read by OCR (see ocr-split.ts). The
 * child reads the upload from the uploads store (a folder or S3: no shared disk assumed) and its pages; the
 * supervisor stores them in Redis (ocr-pages.ts) for the assembly job, so a child needs no Redis connection.
 */
import { BadPayloadError } from '../fleet/errors.ts';
import type { TaskDefinition } from '../fleet/interfaces.ts';
import { type LazyFiles, lazyFiles, readUpload } from './files.ts';
import { OCR_RANGE_TASK, type OcrRangeRead, type OcrRangeResult, type OcrRangeTaskData } from './names.ts';
import { closeSplitConnections, endOcr, redisOf } from './ocr-split.ts';
import { checkPayload } from './payload.ts';
import { stageProgress } from './progress.ts';
import type { TaskSettings } from './settings.ts';

const isRangeRead = (value: unknown): value is OcrRangeRead =>
  typeof value === 'object' && value !== null && 'recognised' in value;

export function createOcrRangeTask(
  config: TaskSettings,
  files: LazyFiles = lazyFiles(config),
): TaskDefinition<OcrRangeTaskData, OcrRangeRead | OcrRangeResult> {
  return {
    name: OCR_RANGE_TASK,
    parse(raw) {
      const data = checkPayload<OcrRangeTaskData>(OCR_RANGE_TASK, raw, {
        fileName: 'string',
        sha256: 'string',
        parentJobId: 'string',
      });
      if (!/^[0-9a-f]{64}$/i.test(data.sha256))
        throw new BadPayloadError(OCR_RANGE_TASK, 'sha256 must be 64 hex digits');
      if (!Array.isArray(data.pages) || data.pages.length === 0 || !data.pages.every(Number.isInteger))
        throw new BadPayloadError(OCR_RANGE_TASK, 'pages must be a non-empty list of page numbers');
      return data;
    },
    async handler(data, ctx) {
      const { readPageRange } = await import('../workflows/ocr-range.ts');
      const bytes = await readUpload(files, data.sha256);
      const input = { bytes, fileName: data.fileName, ...(data.password ? { password: data.password } : {}) };
      const onProgress = stageProgress(ctx);
      try {
        const recognised = await readPageRange(input, data.pages, config, (done, total) =>
          onProgress('ocr', done, total),
        );
        return { sha256: data.sha256, recognised };
      } finally {
        // As after a PDF job: the tesseract worker's memory does not stay in the child for the jobs after it.
        await endOcr();
      }
    },
    async settle(result) {
      if (!isRangeRead(result)) return result;
      const { saveOcrPages } = await import('./ocr-pages.ts');
      await saveOcrPages(await redisOf(config), config.queuePrefix, result.sha256, result.recognised);
      return {
        pages: result.recognised.length,
        read: result.recognised.filter((p) => p.confidence !== null).length,
      } satisfies OcrRangeResult;
    },
    secrets: ['password'],
    label: (data) => `${data.fileName} p. ${data.pages[0]}-${data.pages[data.pages.length - 1]}`,
    parentJobId: (data) => data.parentJobId,
    dispose: async () => {
      await endOcr();
      await files.close();
      await closeSplitConnections();
    },
  };
}
