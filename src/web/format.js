// @ts-check
/** Words and numbers as the app shows them. */

/** @param {number} n @param {string} one @param {string} [many] */
export function plural(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** `3` or `3–5`. @param {number} a @param {number} b */
export function pages(a, b) {
  return a === b ? `p. ${a}` : `pp. ${a}–${b}`;
}

/** Names of the languages ProfAI tells apart (the course's `language`). */
const LANGUAGES = /** @type {Record<string, string>} */ ({
  en: 'English',
  de: 'German',
  pt: 'Portuguese',
  fr: 'French',
  es: 'Spanish',
  ja: 'Japanese',
});

/** The name of a course's language, or '' when it is not known. @param {string | undefined} code */
export function languageName(code) {
  return (code && LANGUAGES[code]) ?? '';
}

/** A date as the reader's locale writes it. @param {string | undefined | null} iso */
export function date(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** @param {string | undefined | null} iso */
export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? ''
    : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** What a pipeline stage does, as a verb for "extracting 120/397 pages", and what it counts. */
const STAGES = /** @type {Record<string, { verb: string; unit?: string }>} */ ({
  load: { verb: 'checking the file' },
  extract: { verb: 'extracting', unit: 'pages' },
  structure: { verb: 'finding the sections' },
  chunk: { verb: 'splitting into passages' },
  embed: { verb: 'indexing', unit: 'passages' },
  course: { verb: 'writing the course' },
  quiz: { verb: 'writing the quiz' },
  save: { verb: 'saving' },
});

/**
 * The line a teacher reads for a running job: "extracting 120/397 pages" when the job view counts the stage's
 * units (`stageProgress`), else the stage and the job's percent.
 * @param {{ stage?: string | null; progress?: number; stageProgress?: { done: number; total: number } }} job
 */
export function stageLine(job) {
  const stage = job.stage ? (STAGES[job.stage] ?? { verb: job.stage }) : { verb: 'starting' };
  const sp = job.stageProgress;
  if (sp && sp.total > 0) return `${stage.verb} ${sp.done}/${sp.total}${stage.unit ? ` ${stage.unit}` : ''}`;
  return `${stage.verb} (${Math.round(job.progress ?? 0)}%)`;
}
