/**
 * The export formats: name → exporter, content type and file name. Every exporter is a pure function of the
 * stored course and quiz ({@link ExportInput}); the API route, `profai export` and the web app's buttons all
 * come through here.
 */
import { exportAnki } from './anki.ts';
import { CC_LACKS, exportCc } from './cc.ts';
import { exportGift, GIFT_LACKS } from './gift.ts';
import { exportHtml } from './html.ts';
import { exportJson } from './json.ts';
import { exportMarkdown } from './markdown.ts';
import { exportMoodleXml, MOODLE_LACKS } from './moodle-xml.ts';
import { EXPORT_FORMAT_NAMES, type ExportFormatName, isExportFormat } from './names.ts';
import { exportQti, QTI_LACKS } from './qti.ts';
import { type Lacks, omittedNotice, uncheckedNotice } from './text.ts';
import type { ExportInput, ExportOutput } from './types.ts';

export type { ExportInput, ExportOutput, ExportQuiz } from './types.ts';
export { EXPORT_FORMAT_NAMES, type ExportFormatName, isExportFormat };

/** One export format. */
export interface ExportFormat {
  /** What a person calls it, for buttons and help. */
  label: string;
  /** MIME type of the output. */
  contentType: string;
  /** Appended to the file's base name: `.moodle.xml`, `.gift.txt`… */
  extension: string;
  /** True when the format is about questions: without a quiz there is nothing to export. */
  needsQuiz: boolean;
  /** The kinds of question the format has no place for, each with why: those are left out, and said so. */
  lacks: Lacks;
  /** True when the file keeps each question's `needsCheck` marker itself: then the export need not warn of it. */
  keepsCheckMarker?: boolean;
  render(input: ExportInput): ExportOutput;
}

const ALL_KINDS: Lacks = { format: '', kinds: [] };

export const EXPORT_FORMATS = {
  'moodle-xml': {
    label: 'Moodle XML',
    contentType: 'application/xml; charset=utf-8',
    extension: '.moodle.xml',
    needsQuiz: true,
    lacks: MOODLE_LACKS,
    render: exportMoodleXml,
  },
  gift: {
    label: 'GIFT (Moodle)',
    contentType: 'text/plain; charset=utf-8',
    extension: '.gift.txt',
    needsQuiz: true,
    lacks: GIFT_LACKS,
    render: exportGift,
  },
  qti: {
    label: 'QTI 1.2 (Canvas, Blackboard)',
    contentType: 'application/zip',
    extension: '.qti.zip',
    needsQuiz: true,
    lacks: QTI_LACKS,
    render: exportQti,
  },
  cc: {
    label: 'Common Cartridge (Canvas, Moodle)',
    contentType: 'application/zip',
    extension: '.imscc',
    needsQuiz: false,
    lacks: CC_LACKS,
    render: exportCc,
  },
  anki: {
    label: 'Anki deck (TSV)',
    contentType: 'text/tab-separated-values; charset=utf-8',
    extension: '.anki.txt',
    needsQuiz: false,
    lacks: ALL_KINDS,
    render: exportAnki,
  },
  html: {
    label: 'Printable page (HTML)',
    contentType: 'text/html; charset=utf-8',
    extension: '.html',
    needsQuiz: false,
    lacks: ALL_KINDS,
    render: exportHtml,
  },
  md: {
    label: 'Markdown',
    contentType: 'text/markdown; charset=utf-8',
    extension: '.md',
    needsQuiz: false,
    lacks: ALL_KINDS,
    render: exportMarkdown,
  },
  json: {
    label: 'JSON',
    contentType: 'application/json; charset=utf-8',
    extension: '.json',
    needsQuiz: false,
    lacks: ALL_KINDS,
    keepsCheckMarker: true,
    render: exportJson,
  },
} as const satisfies Record<string, ExportFormat>;

// Every name has its exporter and every exporter its name: a type error otherwise.
EXPORT_FORMATS satisfies Record<ExportFormatName, ExportFormat>;
const everyExporterNamed: [Exclude<keyof typeof EXPORT_FORMATS, ExportFormatName>] extends [never]
  ? true
  : never = true;
void everyExporterNamed;

/**
 * The file name of an export: the course title made safe for every file system (Unicode kept: a Japanese
 * title stays Japanese), at most 80 characters, plus the format's extension; `course-<id>` when nothing is left.
 */
export function exportFileName(
  input: Pick<ExportInput, 'course' | 'courseId'>,
  format: ExportFormatName,
): string {
  const base = [...input.course.title.normalize('NFC').replace(/[\u0000-\u001f\u007f"*/:<>?\\|]+/g, ' ')]
    .slice(0, 80)
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+|\.+$/g, '');
  return `${base || `course-${input.courseId}`}${EXPORT_FORMATS[format].extension}`;
}

/** Renders `input` in `format`. */
export function renderExport(input: ExportInput, format: ExportFormatName): ExportOutput {
  return EXPORT_FORMATS[format].render(input);
}

/**
 * One line saying which questions of the quiz `format` left out, and why (`gift: 2 ordering questions left out
 * (GIFT has no ordering question).`), and how many of those it holds were made by rule and not yet checked by a
 * teacher; null when there is neither.
 */
export function exportNotice(input: ExportInput, format: ExportFormatName): string | null {
  const spec: ExportFormat = EXPORT_FORMATS[format];
  const omitted = omittedNotice(input, format, spec.lacks);
  const unchecked = spec.keepsCheckMarker ? null : uncheckedNotice(input, spec.lacks);
  if (!unchecked) return omitted;
  return omitted ? `${omitted} ${unchecked}` : `${format}: ${unchecked}`;
}
