/**
 * ProfAI's tasks as the API, the CLI and the workers agree on them: names, payloads, results, job ids.
 * {@link ProfaiTasks} types each task's payload and result by its name.
 */

import type { DocumentCounts } from '../domain/document.ts';
import type { QuestionFilters } from '../domain/question-kinds.ts';
import { queueOf } from '../fleet/registry.ts';
import type { RecognisedPage } from '../pipeline/ocr.ts';
import type { StagedDocument } from '../workflows/document.ts';

export const PDF_TASK = 'pdf_processing.process_pdf_and_generate_course';
export const QUIZ_TASK = 'quiz_generation.generate_quiz';
/** The LLM stage of a PDF job (LLM_BASE_URL set): course and quiz from the model, run in the supervisor. */
export const LLM_TASK = 'llm_generation.generate_course';
/**
 * One range of a scanned document's pages read by OCR, for its assembly job (a PDF job with `ocrAssembly`)
 * that waits for every range (a BullMQ flow: tasks/ocr-split.ts). On `pdf_processing`, so every PDF worker
 * takes them.
 */
export const OCR_RANGE_TASK = 'pdf_processing.ocr_page_range';

/** Payload of {@link PDF_TASK}: an uploaded file, `<sha256>.pdf` in the uploads store (UPLOAD_DIR or STORAGE_URL). */
export interface PdfTaskData {
  /** The client's file name, for messages and the course record only. */
  fileName: string;
  /** The content's SHA-256: the upload's key is `<sha256>.pdf`, on whatever host the job runs. */
  sha256: string;
  /** The upload's path in UPLOAD_DIR, in jobs queued before uploads were named by their key alone: unused. */
  path?: string;
  /** Of an encrypted PDF; removed from the job's record once no attempt can need it (`secrets`). */
  password?: string;
  /** Questions in the first quiz. */
  questions?: number;
  /**
   * Set on the job that assembles a document whose OCR was spread over page-range jobs: its pages are read
   * from what those stored (tasks/ocr-pages.ts), and it never splits again.
   */
  ocrAssembly?: {
    /** The user-visible PDF job that split the document (LLM usage is recorded under it). */
    parentJobId: string;
  };
}

export interface PdfTaskResult extends DocumentCounts {
  documentId: string;
  courseId: string;
  quizId: string;
  /** False when the document was already stored. */
  created: boolean;
  /** When the first quiz has fewer questions than asked: the line that says so, and why (domain/shortfall.ts). */
  shortfall?: string;
}

/**
 * What a PDF job returns when its CPU stage is done and its course is being made by {@link LLM_TASK}: the job
 * view follows `next` (the LLM job's id), so users still see one job until the course exists.
 */
export interface PdfStagedResult {
  next: string;
  documentId: string;
}

/**
 * What the child of a PDF job returns when its CPU stage is done (see pdf.ts): the staged document and the LLM
 * job to enqueue. The supervisor parks the one and enqueues the other (`settle`), then the job's result is the
 * {@link PdfStagedResult} without `handoff`: a child needs no Redis connection nor BullMQ for the hand-off.
 */
export interface PdfHandoff extends PdfStagedResult {
  /** The upload (`<task.sha256>.pdf`) becomes the kept PDF once the hand-off is done. */
  handoff: { staged: StagedDocument; task: LlmTaskData };
}

export const isPdfHandoff = (result: unknown): result is PdfHandoff =>
  typeof result === 'object' && result !== null && 'handoff' in result;

/** The page-range jobs of a split document, as the PDF job's result names them (for the job view's progress). */
export interface OcrRanges {
  /** Pages to OCR in all. */
  pages: number;
  ranges: { id: string; pages: number }[];
}

/**
 * What a PDF job returns when it spread its OCR over page-range jobs: `next` is the assembly job (a PDF job
 * with `ocrAssembly`) that waits for them; the job view follows it.
 */
export interface PdfSplitResult extends PdfStagedResult {
  ocr: OcrRanges;
}

/** What the child of a PDF job returns to split it: the supervisor adds the flow (`settle`), as for a hand-off. */
export interface PdfSplit extends PdfSplitResult {
  split: { assembly: PdfTaskData; ranges: OcrRangeTaskData[] };
}

export const isPdfSplit = (result: unknown): result is PdfSplit =>
  typeof result === 'object' && result !== null && 'split' in result;

/** Payload of {@link OCR_RANGE_TASK}. */
export interface OcrRangeTaskData {
  /** Of the document's PDF job, for messages and labels. */
  fileName: string;
  /** The upload read, `<sha256>.pdf`; the pages read are stored under it. */
  sha256: string;
  /** 1-based pages to read, ascending. */
  pages: number[];
  /** The user-visible PDF job it works for. */
  parentJobId: string;
  password?: string;
}

/** What a range's child returns: its pages as read, which the supervisor stores (`settle`). */
export interface OcrRangeRead {
  sha256: string;
  recognised: RecognisedPage[];
}

/** A range job's result once its pages are stored. */
export interface OcrRangeResult {
  pages: number;
  /** Pages where OCR found words. */
  read: number;
}

/** Payload of {@link LLM_TASK}. The staged document itself waits in Redis under the document id. */
export interface LlmTaskData {
  /** The user-visible PDF job: usage is recorded under its id. */
  parentJobId: string;
  documentId: string;
  sha256: string;
  fileName: string;
  questions?: number;
}

/** Payload of {@link QUIZ_TASK}. */
export interface QuizTaskData extends QuestionFilters {
  courseId: string;
  questions: number;
  seed: number;
  moduleIndex?: number;
}

export interface QuizTaskResult {
  quizId: string;
  courseId: string;
  /** Questions made. */
  questions: number;
  /** Questions asked for. */
  requested: number;
  /** When fewer were made than asked: the line that tells the teacher so, and why. */
  shortfall?: string;
}

/** Each task's payload and result, by name. */
export interface ProfaiTasks {
  [PDF_TASK]: { data: PdfTaskData; result: PdfTaskResult | PdfHandoff };
  [QUIZ_TASK]: { data: QuizTaskData; result: QuizTaskResult };
  [LLM_TASK]: { data: LlmTaskData; result: PdfTaskResult };
  [OCR_RANGE_TASK]: { data: OcrRangeTaskData; result: OcrRangeResult };
}

export type ProfaiTaskName = keyof ProfaiTasks;

/**
 * Short job-id prefixes of the built-in queues (`pdf-…` → pdf_processing); other queues' ids start with the
 * queue's name. So a job is found from its id alone.
 */
export const JOB_ID_PREFIXES: Readonly<Record<string, string>> = {
  pdf: queueOf(PDF_TASK),
  quiz: queueOf(QUIZ_TASK),
};

/** The PDF job of a file: one per content, so the same file uploaded twice gets one job. */
export const pdfJobIdOf = (sha256: string) => `pdf-${sha256.slice(0, 16)}`;

/** The job that assembles a document whose OCR was split: one per file. */
export const ocrAssemblyJobIdOf = (sha256: string) => `${pdfJobIdOf(sha256)}-ocr`;

/** The job of one page range of a split document (`pdf-…-ocr-9-16`), by its first and last page. */
export const ocrRangeJobIdOf = (sha256: string, pages: readonly number[]) =>
  `${ocrAssemblyJobIdOf(sha256)}-${pages[0]}-${pages[pages.length - 1]}`;

/** The LLM job of a document: one per file, like the PDF job. */
export const llmJobIdOf = (sha256: string) => `${queueOf(LLM_TASK)}-${sha256.slice(0, 16)}`;
