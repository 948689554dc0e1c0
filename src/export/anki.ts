/**
 * `anki`: a tab-separated notes file for Anki (File › Import), with Anki's header lines so it imports without a
 * single choice to make: `#separator:tab`, `#html:true`, `#notetype:Basic`, `#deck:<course>`, `#columns:`, and a
 * GUID column so importing a newer export updates the same notes instead of adding copies (Anki matches notes
 * by GUID), and a tags column (`profai`, `quiz` or `key_term`, `module_N`).
 *
 * Questions of every kind become Basic notes: the question on the front with what to choose from (the options;
 * the terms and definitions of a matching question; the items of an ordering question, mixed), the answer,
 * explanation and source page on the back, tagged with their levels (`difficulty_medium`, `bloom_remember`).
 * Key terms become Basic notes too, term on the front and its definition from the module's glossary on the
 * back (with its page), or, for a term the document does not define, the course's first sentence that uses it.
 */
import { createHash } from 'node:crypto';
import type { Course, Question } from '../domain/course.ts';
import { answerText, citedPages, displayOrder, escapeHtml, LETTERS, moduleOf, numberText } from './text.ts';
import type { ExportInput } from './types.ts';

interface Note {
  guid: string;
  front: string;
  back: string;
  tags: string[];
}

/** A GUID Anki can keep: 16 URL-safe base-64 characters of a hash of what identifies the note. */
export function ankiGuid(identity: string): string {
  return createHash('sha256').update(identity).digest('base64url').slice(0, 16);
}

/** A field: HTML (the file says `#html:true`) on one line, with no tab; quotes as entities so none starts a CSV quote. */
function field(html: string): string {
  return html.replace(/\r?\n/g, '<br>').replaceAll('\t', ' ');
}

/** A tag: no blanks (Anki separates tags with spaces). */
const tag = (text: string) => text.trim().replace(/\s+/g, '_');

export function exportAnki(input: ExportInput): string {
  const deck = input.course.title.replace(/\s+/g, ' ').trim().replaceAll('::', ':');
  const notes = [...questionNotes(input), ...termNotes(input)];
  const lines = [
    '#separator:tab',
    '#html:true',
    '#notetype:Basic',
    `#deck:${deck}`,
    '#columns:GUID\tFront\tBack\tTags',
    '#guid column:1',
    '#tags column:4',
    ...notes.map((n) => [n.guid, field(n.front), field(n.back), n.tags.map(tag).join(' ')].join('\t')),
  ];
  return `${lines.join('\n')}\n`;
}

function questionNotes(input: ExportInput): Note[] {
  const quiz = input.quiz;
  if (!quiz) return [];
  return quiz.quiz.questions.map((q, i) => {
    const m = moduleOf(q, quiz.quiz.moduleIndex);
    const key = quiz.questionKeys[i] ?? `${quiz.id}:${i}`;
    return {
      guid: ankiGuid(`profai:${key}`),
      front: front(q, key),
      back: [
        back(q),
        escapeHtml(q.explanation),
        `<small>Source: ${escapeHtml(input.fileName)}, page ${q.sourcePage}</small>`,
      ].join('<br><br>'),
      tags: [
        'profai',
        'quiz',
        ...(m !== undefined ? [`module_${m + 1}`] : []),
        `difficulty_${q.difficulty}`,
        `bloom_${q.bloom}`,
      ],
    };
  });
}

const lines = (items: readonly string[]) => items.map(escapeHtml).join('<br>');

function front(q: Question, key: string): string {
  const prompt = escapeHtml(q.prompt);
  switch (q.kind) {
    case 'true_false':
      return `${prompt}<br><br>True or false?`;
    case 'multiple_choice':
      return `${prompt}<br><br>${lines(q.options.map((o, k) => `${LETTERS[k]}) ${o}`))}`;
    case 'multiple_answer':
      return `${prompt}<br><em>(select all that apply)</em><br><br>${lines(q.options.map((o, k) => `${LETTERS[k]}) ${o}`))}`;
    case 'matching': {
      const order = displayOrder(q.pairs.length, key);
      return [
        prompt,
        `<b>Terms</b><br>${lines(order.map((j, k) => `${LETTERS[k]}) ${q.pairs[j]!.term}`))}`,
        `<b>Definitions</b><br>${lines(q.pairs.map((p, k) => `${k + 1}. ${p.definition}`))}`,
      ].join('<br><br>');
    }
    case 'short_answer':
      return `${prompt}<br><br><em>(type the term)</em>`;
    case 'numerical':
      return `${prompt}<br><br><em>(a number${q.unit ? `, in ${escapeHtml(q.unit)}` : ''})</em>`;
    case 'ordering': {
      const order = displayOrder(q.items.length, key);
      return `${prompt}<br><em>(put them in order)</em><br><br>${lines(order.map((j) => `• ${q.items[j]}`))}`;
    }
  }
}

function back(q: Question): string {
  switch (q.kind) {
    case 'matching':
      return q.pairs
        .map((p, k) => `${k + 1}. <b>${escapeHtml(p.term)}</b>: ${escapeHtml(p.definition)}`)
        .join('<br>');
    case 'ordering':
      return q.items.map((item, k) => `${k + 1}. ${escapeHtml(item)}`).join('<br>');
    case 'numerical':
      return `<b>${escapeHtml(numberText(q.answer))}${q.unit ? ` ${escapeHtml(q.unit)}` : ''}</b>${q.tolerance > 0 ? ` (± ${escapeHtml(numberText(q.tolerance))})` : ''}`;
    default:
      return `<b>${escapeHtml(answerText(q))}</b>`;
  }
}

function termNotes(input: ExportInput): Note[] {
  const notes: Note[] = [];
  for (const term of input.course.keyTerms) {
    const use = firstUse(input.course, term);
    if (!use) continue;
    notes.push({
      guid: ankiGuid(`profai:${input.courseId}:term:${term.toLowerCase()}`),
      front: escapeHtml(term),
      back: `${escapeHtml(use.text)}<br><br><small>Source: ${escapeHtml(input.fileName)}, page ${use.pages.join(', ')}</small>`,
      tags: ['profai', 'key_term', `module_${use.moduleIndex + 1}`],
    });
  }
  return notes;
}

/**
 * What explains `term` (case-insensitive): its glossary definition, else the course's first summary sentence that
 * contains it, with where it is.
 */
function firstUse(
  course: Course,
  term: string,
): { text: string; pages: number[]; moduleIndex: number } | undefined {
  const needle = term.toLowerCase();
  for (const [moduleIndex, m] of course.modules.entries())
    for (const g of m.glossary ?? [])
      if (g.term.toLowerCase() === needle) return { text: g.definition, pages: citedPages(g), moduleIndex };
  for (const [moduleIndex, m] of course.modules.entries())
    for (const l of m.lessons)
      for (const s of l.summary)
        if (s.text.toLowerCase().includes(needle)) return { text: s.text, pages: citedPages(s), moduleIndex };
  return undefined;
}
