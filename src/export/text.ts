/**
 * Small text helpers the exporters share: escaping, answers, pages, modules of questions, display orders. A
 * question's answer, levels and kind label are the app's own (src/web/question-text.js), so an export says what
 * the app shows.
 */
import { createHash } from 'node:crypto';
import type { Question, SummarySentence } from '../domain/course.ts';
import { QUESTION_KINDS, type QuestionKind } from '../domain/questions.ts';
import { toCheck } from '../domain/rule-check.ts';
import { KIND_LABELS } from '../web/question-text.js';
import type { ExportInput } from './types.ts';

export { answerText, LETTERS, levelsText, numberText, quantityText } from '../web/question-text.js';

/** Text made safe inside HTML elements and attribute values (double-quoted). */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/**
 * XML character data: escaped, and without the characters XML 1.0 forbids (C0 controls other than tab,
 * newline and carriage return, lone surrogates, U+FFFE/U+FFFF), which PDFs sometimes carry.
 */
export function escapeXml(text: string): string {
  return escapeHtml(xmlSafe(text));
}

/** Drops the characters XML 1.0 cannot hold. */
export function xmlSafe(text: string): string {
  return text.replace(
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
    '',
  );
}

/** A CDATA section holding `text` (a `]]>` inside is split across two sections). */
export function cdata(text: string): string {
  return `<![CDATA[${xmlSafe(text).replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `3` or `3–5`. */
export function pageRange(start: number, end: number): string {
  return start === end ? String(start) : `${start}–${end}`;
}

/** The distinct pages a summary sentence cites, in order. */
export function citedPages(s: Pick<SummarySentence, 'citations'>): number[] {
  return [...new Set(s.citations.map((c) => c.page))].sort((a, b) => a - b);
}

/**
 * A fixed order to show `n` parts in (the items of an ordering question, the terms of a matching one), from
 * the question's key: the same export shows the same order, and never the right one (which would give the
 * answer away) when there are two parts or more.
 */
export function displayOrder(n: number, key: string): number[] {
  const hash = createHash('sha256').update(key).digest();
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = hash.readUInt16BE((2 * i) % 30) % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  if (n > 1 && order.every((v, i) => v === i)) order.push(order.shift()!);
  return order;
}

/** The module a question belongs to: its own, else the quiz's, else none (whole course). */
export function moduleOf(q: Question, quizModule: number | undefined): number | undefined {
  return q.moduleIndex ?? quizModule;
}

/** `Module 2: Keys` (1-based, as a teacher counts). */
export function moduleLabel(input: ExportInput, index: number): string {
  const m = input.course.modules[index];
  return m ? `Module ${index + 1}: ${m.title}` : `Module ${index + 1}`;
}

/**
 * The quiz's questions grouped by module, in module order (questions of no module, or of a module the course
 * does not have, first under `undefined`); modules without questions are left out. Each entry keeps the
 * question's number (1-based, in quiz order) and its stable key.
 */
export function questionsByModule(
  input: ExportInput,
  kinds?: readonly QuestionKind[],
): { moduleIndex: number | undefined; items: { q: Question; n: number; key: string }[] }[] {
  const quiz = input.quiz;
  if (!quiz) return [];
  const groups = new Map<number | undefined, { q: Question; n: number; key: string }[]>();
  quiz.quiz.questions.forEach((q, i) => {
    if (kinds && !kinds.includes(q.kind)) return;
    const m = moduleOf(q, quiz.quiz.moduleIndex);
    const known = m !== undefined && m < input.course.modules.length ? m : undefined;
    const list = groups.get(known) ?? [];
    list.push({ q, n: i + 1, key: quiz.questionKeys[i] ?? `${quiz.id}:${i}` });
    groups.set(known, list);
  });
  return [...groups.entries()]
    .sort(([a], [b]) => (a ?? -1) - (b ?? -1))
    .map(([moduleIndex, items]) => ({ moduleIndex, items }));
}

/** The kinds of question a format has no place for, and what the format is called in the notice. */
export interface Lacks {
  /** `GIFT`, `Canvas's QTI 1.2`. */
  format: string;
  kinds: readonly QuestionKind[];
}

/** `a`, `a or b`, `a, b or c` (with `and` for `or`). */
const enumerate = (items: readonly string[], word: 'and' | 'or') =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`;

/**
 * One line saying which questions a format left out and why (`gift: 2 ordering questions left out (GIFT has no
 * ordering question).`), or null when it left none out.
 */
export function omittedNotice(input: ExportInput, name: string, lacks: Lacks): string | null {
  const counts = new Map<QuestionKind, number>();
  for (const q of input.quiz?.quiz.questions ?? [])
    if (lacks.kinds.includes(q.kind)) counts.set(q.kind, (counts.get(q.kind) ?? 0) + 1);
  if (counts.size === 0) return null;
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const left = enumerate(
    [...counts].map(([kind, n]) => `${n} ${KIND_LABELS[kind]}`),
    'and',
  );
  const kinds = enumerate(
    [...counts.keys()].map((k) => KIND_LABELS[k]),
    'or',
  );
  return `${name}: ${left} question${total === 1 ? '' : 's'} left out (${lacks.format} has no ${kinds} question).`;
}

/**
 * `1 question made by rule`, `3 questions made by rule`: the subject of every sentence about questions that wait for
 * a teacher's check (the exports' notice, `profai quiz check`); the web app's is in src/web/views/rule-check.js.
 */
export const madeByRule = (n: number) => `${n} question${n === 1 ? '' : 's'} made by rule`;

/**
 * The sentence saying how many questions of the file were made by rule and wait for a teacher's check (those of
 * kinds the format `lacks` are not in it), or null when none: `3 questions made by rule not yet checked by a
 * teacher: check them in review before use.`
 */
export function uncheckedNotice(input: ExportInput, lacks: Lacks): string | null {
  const n = toCheck((input.quiz?.quiz.questions ?? []).filter((q) => !lacks.kinds.includes(q.kind)));
  if (n === 0) return null;
  const them = n === 1 ? 'it' : 'them';
  return `${madeByRule(n)} not yet checked by a teacher: check ${them} in review before use.`;
}

/** The kinds of question a format can hold. */
export const kindsOf = (lacks: Lacks) => QUESTION_KINDS.filter((k) => !lacks.kinds.includes(k));

/** A one-line label of a question: its first words, for item names in an LMS. */
export function questionName(n: number, q: Question): string {
  const words = q.prompt
    .replace(/^(Fill in the blank|True or false):\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
  const short = [...words].length > 60 ? `${[...words].slice(0, 57).join('').trimEnd()}…` : words;
  return `Q${String(n).padStart(2, '0')} ${short}`;
}

/** `explanation (Source: file.pdf, page 4)`. */
export function explanationWithSource(q: Question, fileName: string): string {
  return `${q.explanation} (Source: ${fileName}, page ${q.sourcePage})`;
}

/** A category path segment: Moodle splits paths on `/` and reads `//` as a slash inside a name; one line. */
function categoryName(name: string): string {
  return name.replace(/\s+/g, ' ').trim().replaceAll('/', '//');
}

/**
 * Moodle's category path of a group of questions: `$course$/top/<course>` for questions of no module, with
 * `/Module N: <title>` below it for a module's (the same in Moodle XML and GIFT).
 */
export function moodleCategory(input: ExportInput, moduleIndex: number | undefined): string {
  const course = `$course$/top/${categoryName(input.course.title)}`;
  return moduleIndex === undefined ? course : `${course}/${categoryName(moduleLabel(input, moduleIndex))}`;
}
