/**
 * The data that flows through the pipeline, stage by stage.
 *
 * Glossary
 * - **document**: one PDF, identified by the SHA-256 of its bytes (`sha256`); `documentId` is its first 16 hex digits.
 * - **line**: a run of text on one baseline of one page, with the font size that drew it.
 * - **paragraph**: consecutive lines of body text joined (de-hyphenated), tagged with the page it starts on.
 * - **section**: a titled part of the document (chapter, heading) with a level (1 = top) and a page range.
 * - **chunk**: ~300–500 tokens of one section's text, the unit that is embedded and cited.
 * - **course**: modules (top-level parts) of lessons (sections), with summaries citing pages; see `course.ts`.
 * - **quiz**: questions with answers, explanations and source pages; see `course.ts`.
 * - **processed document**: all of the above for one PDF, as it is saved in one transaction.
 *
 * This is the shared model: `src/pipeline` produces these types and `src/store` saves them, and neither imports
 * the other. Every pipeline stage is a plain function from one of these to the next.
 */
import type { Course, Quiz } from './course.ts';
import type { LanguageCode } from './language.ts';

export type { LanguageCode } from './language.ts';

/** Stage 1 output: bytes that are a PDF within the limits, with their identity. */
export interface CheckedPdf {
  /** Name shown to the user in messages (the base name of the file, or the upload's name). */
  fileName: string;
  bytes: Uint8Array;
  /** Lower-case hex SHA-256 of `bytes`: the document's identity. */
  sha256: string;
  /** First 16 hex digits of `sha256`. */
  documentId: string;
  sizeBytes: number;
  /** Password used to open it, when one was given. */
  password?: string;
}

/** A line of text as drawn on a page (PDF coordinates: `y` grows upwards, origin bottom-left). */
export interface TextLine {
  text: string;
  /** 1-based page number. */
  page: number;
  x: number;
  y: number;
  /** Height of the dominant font on the line, in points. */
  fontSize: number;
  /** True when the dominant font's name says bold/black/heavy/semibold. */
  bold: boolean;
  /** x where the line's last character ends, when known. */
  right?: number;
}

export interface PageText {
  /** 1-based page number. */
  page: number;
  /** Lines in reading order, running headers/footers and page numbers removed. */
  lines: TextLine[];
  /** True when the page has (almost) no text layer and OCR has not read it: a scan. */
  needsOcr: boolean;
  /** When OCR read the page: the mean confidence (0–100) of the words it kept. */
  ocrConfidence?: number;
}

/** A page read by OCR and how sure the recogniser was (0–100). */
export interface OcrPage {
  page: number;
  confidence: number;
}

/** One entry of the PDF's outline (bookmarks), flattened in document order. */
export interface OutlineEntry {
  title: string;
  /** 1 = top level. */
  level: number;
  /** 1-based page the entry points to, or null when it has no page destination. */
  page: number | null;
}

/** Stage 2 output. */
export interface ExtractedDocument {
  pageCount: number;
  pages: PageText[];
  outline: OutlineEntry[];
  /** From the document information dictionary / XMP, when present and non-empty. */
  title?: string;
  author?: string;
  /** Things a user may want to know (repaired xref, pages needing OCR…), one line each. */
  warnings: string[];
}

export interface Paragraph {
  text: string;
  /** 1-based page the paragraph starts on. */
  page: number;
  /** 1-based page the paragraph ends on. */
  pageEnd: number;
  /** Offsets in `text` where each following page begins (one per page after `page`), when it spans pages. */
  pageBreaks?: number[];
}

/** Kinds of front and back matter. A glossary is back matter too, but a source of definitions. */
export type Matter =
  | 'title-page'
  | 'licence'
  | 'contents'
  | 'list-of-figures'
  | 'index'
  | 'bibliography'
  | 'acknowledgements'
  | 'glossary';

export interface Section {
  /** Position in document order, from 0. */
  index: number;
  title: string;
  /** 1 = top level. */
  level: number;
  /** Titles from the top-level ancestor down to this section. */
  path: string[];
  pageStart: number;
  pageEnd: number;
  /** Body text that belongs to this section itself (not to its subsections). */
  paragraphs: Paragraph[];
  /** Set when the section is front or back matter (by its title or what its text looks like). */
  matter?: Matter;
}

/** Stage 3 output. */
export interface DocumentStructure {
  /** Best title: metadata title, else the first large heading, else the file name. */
  title: string;
  /** Sections in document order; text before the first heading goes to a section titled like the document. */
  sections: Section[];
  /** Where the section tree came from. */
  source: 'outline' | 'headings' | 'pages';
}

/** Stage 4 output element. */
export interface Chunk {
  /** Deterministic: `${documentId}:${index}`, so re-processing upserts the same ids. */
  id: string;
  documentId: string;
  /** Position in the document, from 0. */
  index: number;
  sectionIndex: number;
  sectionPath: string[];
  pageStart: number;
  pageEnd: number;
  /** Read-only: squashedText (src/pipeline/text/words.ts) caches its squashed form by chunk. */
  readonly text: string;
  /** Tokens as counted by the pipeline's `estimateTokens` (src/pipeline/text/tokens.ts). */
  tokenCount: number;
}

/** Reports progress of a long stage; `done` of `total` units (pages, chunks…). */
export type ProgressFn = (stage: StageName, done: number, total: number) => void;

export type StageName =
  | 'load'
  | 'extract'
  | 'ocr'
  | 'structure'
  | 'chunk'
  | 'embed'
  | 'course'
  | 'quiz'
  | 'save';

/** Everything the pipeline produced for one document, saved in one transaction. */
export interface ProcessedDocument {
  documentId: string;
  sha256: string;
  fileName: string;
  sizeBytes: number;
  pageCount: number;
  title: string;
  /** The language of its text; absent in documents stored before it was recorded. */
  language?: LanguageCode;
  structure: DocumentStructure;
  chunks: readonly Chunk[];
  course: Course;
  quiz: Quiz;
  /** Per-stage seconds and other facts worth keeping. */
  stats: Record<string, number>;
  /** The pages OCR read, when it read any. */
  ocrPages?: OcrPage[];
}

/** Counts a user sees in the summary table. */
export interface DocumentCounts {
  pages: number;
  sections: number;
  chunks: number;
  modules: number;
  lessons: number;
  questions: number;
}

export function countsOf(doc: ProcessedDocument): DocumentCounts {
  return {
    pages: doc.pageCount,
    sections: doc.structure.sections.length,
    chunks: doc.chunks.length,
    modules: doc.course.modules.length,
    lessons: doc.course.modules.reduce((n, m) => n + m.lessons.length, 0),
    questions: doc.quiz.questions.length,
  };
}
