/**
 * `course.md`: a course a person can read: modules, lessons, summaries with page citations,
 * then the quiz, with the answers at the very end so a reader can try it first.
 */
import type { Course, Question, Quiz, SummarySentence } from '../domain/course.ts';

const LETTERS = ['A', 'B', 'C', 'D'];

export function renderCourseMarkdown(
  course: Course,
  quiz: Quiz | null,
  source: { fileName: string },
): string {
  const out: string[] = [`# ${course.title}`, '', course.description, ''];
  out.push(
    `*Source: ${source.fileName} · about ${Math.round(course.readingMinutes)} minutes of reading*`,
    '',
  );
  if (course.ocr) out.push(...ocrNote(course.ocr), '');
  if (course.keyTerms.length > 0) out.push(`**Key terms:** ${course.keyTerms.join(', ')}`, '');
  course.modules.forEach((m, i) => {
    out.push(`## Module ${i + 1}: ${m.title}`, '', `Pages ${pageRange(m.pageStart, m.pageEnd)}.`, '');
    out.push('**Learning objectives**', '', ...m.objectives.map((o) => `- ${o}`), '');
    m.lessons.forEach((l, j) => {
      out.push(`### Lesson ${i + 1}.${j + 1}: ${l.title}`, '');
      out.push(
        `*Pages ${pageRange(l.pageStart, l.pageEnd)} · ${Math.max(1, Math.round(l.readingMinutes))} min*`,
        '',
      );
      out.push(...l.summary.map((s) => `- ${s.text} ${cite(s)}`), '');
      if (l.keyTerms.length > 0) out.push(`Key terms: ${l.keyTerms.join(', ')}`, '');
    });
  });
  if (quiz) out.push(renderQuizMarkdown(quiz));
  return `${out.join('\n').trimEnd()}\n`;
}

/** Which pages were read by OCR, and which of them with low confidence (to check against the PDF). */
function ocrNote(ocr: NonNullable<Course['ocr']>): string[] {
  const pages = ocr.pages.length === 1 ? `page ${ocr.pages[0]}` : `${ocr.pages.length} pages`;
  const out = [`*Read by OCR: ${pages} (mean confidence ${Math.round(ocr.meanConfidence)}%).*`];
  if (ocr.lowConfidence.length > 0) {
    const low = ocr.lowConfidence.map((p) => `p. ${p.page} (${Math.round(p.confidence)}%)`).join(', ');
    out.push(`*Low OCR confidence on ${low}: check these pages against the PDF.*`);
  }
  return out;
}

/** The quiz section: questions first, answers with explanations and pages after. */
export function renderQuizMarkdown(quiz: Quiz): string {
  const out = [`## Quiz: ${quiz.title}`, ''];
  quiz.questions.forEach((q, i) => {
    out.push(`**${i + 1}.** ${q.kind === 'true_false' ? `True or false? ${q.prompt}` : q.prompt}`, '');
    if (q.kind === 'multiple_choice') out.push(...q.options.map((o, k) => `   ${LETTERS[k]}) ${o}`), '');
  });
  out.push('### Answers', '');
  quiz.questions.forEach((q, i) => {
    out.push(`${i + 1}. **${answerOf(q)}**: ${q.explanation} (p. ${q.sourcePage})`);
  });
  out.push('');
  return out.join('\n');
}

function answerOf(q: Question): string {
  return q.kind === 'true_false'
    ? q.answer
      ? 'True'
      : 'False'
    : `${LETTERS[q.answerIndex]}) ${q.options[q.answerIndex]}`;
}

function cite(s: SummarySentence): string {
  const pages = [...new Set(s.citations.map((c) => c.page))].sort((a, b) => a - b);
  return `(p. ${pages.join(', ')})`;
}

function pageRange(a: number, b: number): string {
  return a === b ? String(a) : `${a}–${b}`;
}
