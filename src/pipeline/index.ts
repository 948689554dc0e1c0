/**
 * The whole pipeline for one PDF: bytes → checked → extracted → structure → chunks → vectors → course → quiz.
 *
 * Pure: data in, data out, no storage and no settings module (its limits come in as {@link PipelineSettings}).
 * The same call runs in `profai process`, a worker child and a test; src/workflows adds the edges (skip a
 * document already stored, save vectors and records).
 */
import { performance } from 'node:perf_hooks';
import type { Course } from '../domain/course.ts';
import type { Chunk, ProcessedDocument, ProgressFn, StageName } from '../domain/document.ts';
import type { CourseGenerator, Embedder, EmbeddingSpace, QuizGenerator } from '../domain/generators.ts';
import { chunkDocument } from './chunk.ts';
import { generateCourse } from './course.ts';
import { HashEmbedder } from './embed.ts';
import { noText, notEnoughText, ocrNoText } from './errors.ts';
import { extractDocument } from './extract.ts';
import { documentLanguage } from './language/index.ts';
import { checkPdf, openPdf } from './load.ts';
import {
  type OcrMode,
  type OcrOutcome,
  ocrDocument,
  ocrSummary,
  pagesToOcr,
  type RecognisedPage,
  selectOcrPages,
} from './ocr.ts';
import { MIN_PROSE, proseShortfall } from './prose.ts';
import { generateQuiz } from './quiz.ts';
import { buildStructure } from './structure.ts';

export interface PipelineInput {
  bytes: Uint8Array;
  fileName: string;
  password?: string;
}

/** The limits and sizes the stages read: the matching slice of the settings (see src/config.ts). */
export interface PipelineSettings {
  /** MAX_FILE_MB */
  maxFileMb: number;
  /** MAX_PAGES */
  maxPages: number;
  /** PDF_PAGE_TIMEOUT_S */
  pdfPageTimeoutS: number;
  /** PDF_TIMEOUT_S */
  pdfTimeoutS: number;
  /** PDF_MAX_MEMORY_MB */
  pdfMaxMemoryMb: number;
  /** OCR */
  ocr: OcrMode;
  /** OCR_LANGS */
  ocrLangs: readonly string[];
  /** OCR_DPI */
  ocrDpi: number;
  /** CHUNK_TOKENS */
  chunkTokens: number;
  /** CHUNK_OVERLAP_TOKENS */
  chunkOverlapTokens: number;
  /** HASH_EMBEDDING_DIM */
  hashEmbeddingDim: number;
  /** QUIZ_QUESTIONS */
  quizQuestions: number;
}

/** What the pipeline needs besides the PDF. Generators and embedder default to the offline ones. */
export interface PipelineOptions {
  config: PipelineSettings;
  embedder?: Embedder;
  courseGenerator?: CourseGenerator;
  quizGenerator?: QuizGenerator;
  /** Questions in the first quiz. @defaultValue config.quizQuestions */
  questions?: number;
  /** Seed of the first quiz. @defaultValue 1 */
  seed?: number;
  onProgress?: ProgressFn;
  /**
   * Called with the pages OCR is about to read (those the page test keeps), before it reads any; it may throw to
   * stop the run there (a task that spreads the pages over page-range jobs). Not called when OCR reads no page.
   * @defaultValue none
   */
  beforeOcr?: (pages: readonly number[]) => void | Promise<void>;
  /** Pages recognised elsewhere (page-range jobs), not read again. @defaultValue none */
  ocrPages?: ReadonlyMap<number, RecognisedPage>;
}

export interface PipelineResult {
  document: ProcessedDocument;
  embeddings: Float32Array[];
  space: EmbeddingSpace;
  warnings: string[];
}

const EMBED_BATCH = 64;

/** The CPU stages' result: everything but the course and quiz (which may be made elsewhere, by an LLM). */
export interface PreparedDocument {
  document: Omit<ProcessedDocument, 'course' | 'quiz'>;
  embeddings: Float32Array[];
  space: EmbeddingSpace;
  warnings: string[];
}

/** Runs every stage on one PDF. Throws a `PdfError` (permanent) for input that cannot make a course. */
export async function runPipeline(input: PipelineInput, opts: PipelineOptions): Promise<PipelineResult> {
  const prepared = await prepareDocument(input, opts);
  const { document } = await completeDocument(prepared, opts);
  return { document, embeddings: prepared.embeddings, space: prepared.space, warnings: prepared.warnings };
}

type Timed = <T>(stage: StageName, fn: () => Promise<T> | T) => Promise<T>;

/**
 * Times each stage: `<stage>Seconds` (wall) and `<stage>CpuSeconds` (the process's CPU meanwhile, every thread:
 * OCR's worker thread, the garbage collector), which stays true on a busy host where wall time does not.
 */
function timer(progress: ProgressFn, stats: Record<string, number>): Timed {
  return async (stage, fn) => {
    progress(stage, 0, 1);
    const start = performance.now();
    const cpu = process.cpuUsage();
    const value = await fn();
    const used = process.cpuUsage(cpu);
    stats[`${stage}Seconds`] = (performance.now() - start) / 1000;
    stats[`${stage}CpuSeconds`] = (used.user + used.system) / 1e6;
    return value;
  };
}

/**
 * The CPU stages: check, load, extract, structure, chunk, embed. Throws a `PdfError` (permanent) for input
 * that cannot make a course.
 */
export async function prepareDocument(
  input: PipelineInput,
  opts: PipelineOptions,
): Promise<PreparedDocument> {
  const { config } = opts;
  const progress: ProgressFn = opts.onProgress ?? (() => {});
  const stats: Record<string, number> = {};
  const timed = timer(progress, stats);

  const checked = checkPdf(input, { maxFileMb: config.maxFileMb });
  const pdf = await timed('load', () =>
    openPdf(checked, {
      maxPages: config.maxPages,
      pageTimeoutMs: config.pdfPageTimeoutS * 1000,
      timeoutMs: config.pdfTimeoutS * 1000,
      maxMemoryMb: config.pdfMaxMemoryMb,
    }),
  );
  let extracted: Awaited<ReturnType<typeof extractDocument>>;
  let ocr: OcrOutcome | undefined;
  try {
    extracted = await timed('extract', () =>
      extractDocument(pdf, { onProgress: (done, total) => progress('extract', done, total) }),
    );
    const doc = extracted;
    if (pagesToOcr(doc, config.ocr).length > 0)
      ocr = await timed('ocr', async () => {
        // The page test first: a split (beforeOcr) counts and spreads only the pages one worker would read.
        const selection = await selectOcrPages(pdf, doc, config.ocr);
        if (selection.read.length > 0) await opts.beforeOcr?.(selection.read);
        return ocrDocument(
          pdf,
          doc,
          {
            mode: config.ocr,
            langs: config.ocrLangs,
            dpi: config.ocrDpi,
            onProgress: (done, total) => progress('ocr', done, total),
            ...(opts.ocrPages ? { recognised: opts.ocrPages } : {}),
          },
          selection,
        );
      });
  } finally {
    await pdf.close();
  }
  if (extracted.pages.every((p) => p.needsOcr))
    throw ocr ? ocrNoText(ocr.unreadable.length) : noText(extracted.pageCount);
  if (ocr && ocr.skipped.length > 0) stats.ocrSkippedPages = ocr.skipped.length;
  if (ocr && ocr.read.length > 0) {
    stats.ocrPages = ocr.read.length;
    stats.ocrMeanConfidence = ocrSummary(ocr.read).meanConfidence;
  }

  const structure = await timed('structure', () => buildStructure(extracted, { fileName: input.fileName }));
  // Told once, here: every later stage (and the course, and the LLM stage) reads it from the document.
  const language = documentLanguage(structure);
  // A page with a text layer is never "needs OCR": a document with some text but too little is refused as such.
  const prose = proseShortfall(structure);
  if (prose) {
    const ocrPages = extracted.pages.filter((p) => p.needsOcr).length;
    // Enough words in all, but in front and back matter: the message says so.
    if (prose.allWords >= MIN_PROSE.words) throw notEnoughText(prose.words, ocrPages, prose.allWords);
    throw notEnoughText(prose.words || prose.allWords, ocrPages);
  }
  const chunks = await timed('chunk', () =>
    chunkDocument(structure, {
      documentId: checked.documentId,
      targetTokens: config.chunkTokens,
      overlapTokens: config.chunkOverlapTokens,
    }),
  );
  if (chunks.length === 0) throw notEnoughText(0);

  const embedder = opts.embedder ?? new HashEmbedder(config.hashEmbeddingDim);
  const embeddings = await timed('embed', () => embedAll(embedder, chunks, progress));
  return {
    document: {
      documentId: checked.documentId,
      sha256: checked.sha256,
      fileName: input.fileName,
      sizeBytes: checked.sizeBytes,
      pageCount: extracted.pageCount,
      title: structure.title,
      language,
      structure,
      chunks,
      stats,
      ...(ocr && ocr.read.length > 0 ? { ocrPages: ocr.read } : {}),
    },
    embeddings,
    space: { name: embedder.name, dimension: embedder.dimension },
    warnings: extracted.warnings,
  };
}

/** The course and first quiz of a prepared document (the stages that may wait on a model). */
export async function completeDocument(
  prepared: Pick<PreparedDocument, 'document'>,
  opts: Omit<PipelineOptions, 'embedder'>,
): Promise<{ document: ProcessedDocument }> {
  const doc = prepared.document;
  const stats = { ...doc.stats };
  const timed = timer(opts.onProgress ?? (() => {}), stats);
  const course: Course = await timed('course', () =>
    generateCourse(
      {
        documentId: doc.documentId,
        fileName: doc.fileName,
        pageCount: doc.pageCount,
        structure: doc.structure,
        chunks: doc.chunks,
        ...(doc.language ? { language: doc.language } : {}),
      },
      opts.courseGenerator,
    ),
  );
  if (doc.ocrPages && doc.ocrPages.length > 0) course.ocr = ocrSummary(doc.ocrPages);
  const requested = opts.questions ?? opts.config.quizQuestions;
  const generated = await timed('quiz', () =>
    generateQuiz(
      {
        course,
        chunks: doc.chunks,
        count: requested,
        seed: opts.seed ?? 1,
        ...(doc.language ? { language: doc.language } : {}),
      },
      opts.quizGenerator,
    ),
  );
  // Kept with the quiz, as a quiz made later is, so that a short first quiz says so too.
  const quiz = { ...generated, requested };
  return { document: { ...doc, course, quiz, stats } };
}

async function embedAll(embedder: Embedder, chunks: readonly Chunk[], progress: ProgressFn) {
  const out: Float32Array[] = [];
  for (let i = 0; i < chunks.length; i += EMBED_BATCH) {
    const batch = chunks.slice(i, i + EMBED_BATCH).map((c) => c.text);
    out.push(...(await embedder.embed(batch)));
    progress('embed', Math.min(i + EMBED_BATCH, chunks.length), chunks.length);
  }
  return out;
}
