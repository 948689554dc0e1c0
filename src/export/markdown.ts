/**
 * `md`: the course as Markdown a person reads (`course.md`): modules, lessons, summaries with page citations,
 * then the quiz, with the answers at the very end so a reader can try it first.
 */
import type { Course, Quiz } from '../domain/course.ts';
import { answerText, citedPages, LETTERS, pageRange } from './text.ts';
import type { ExportInput } from './types.ts';

export function exportMarkdown(input: ExportInput): string {
  const { course } = input;
  const out: string[] = [`# ${course.title}`, '', course.description, ''];
  out.push(`*Source: ${input.fileName} · about ${Math.round(course.readingMinutes)} minutes of reading*`, '');
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
      out.push(...l.summary.map((s) => `- ${s.text} (p. ${citedPages(s).join(', ')})`), '');
      if (l.keyTerms.length > 0) out.push(`Key terms: ${l.keyTerms.join(', ')}`, '');
    });
    if (m.glossary && m.glossary.length > 0)
      out.push(
        '**Glossary**',
        '',
        ...m.glossary.map((g) => `- **${g.term}**: ${g.definition} (p. ${citedPages(g).join(', ')})`),
        '',
      );
  });
  if (input.quiz) out.push(quizMarkdown(input.quiz.quiz));
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
export function quizMarkdown(quiz: Quiz): string {
  const out = [`## Quiz: ${quiz.title}`, ''];
  quiz.questions.forEach((q, i) => {
    // A true/false prompt already says so ("True or false: …"); one that does not gets the words in front.
    const prompt =
      q.kind === 'true_false' && !/^true or false\b/i.test(q.prompt)
        ? `True or false: ${q.prompt}`
        : q.prompt;
    out.push(`**${i + 1}.** ${prompt}`, '');
    if (q.kind === 'multiple_choice') out.push(...q.options.map((o, k) => `   ${LETTERS[k]}) ${o}`), '');
  });
  out.push('### Answers', '');
  quiz.questions.forEach((q, i) => {
    out.push(`${i + 1}. **${answerText(q)}**: ${q.explanation} (p. ${q.sourcePage})`);
  });
  out.push('');
  return out.join('\n');
}
