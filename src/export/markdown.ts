/**
 * `md`: the course as Markdown a person reads (`course.md`): modules, lessons, summaries with page citations,
 * then the quiz (every kind: options, terms and definitions to match, items to put in order, a blank to fill),
 * with the answers, explanations and levels at the very end so a reader can try it first.
 *
 * Every text from the PDF is escaped ({@link mdText}): a `*`, `_`, `[` or `<` of the document is shown as itself,
 * never read as emphasis, a link or HTML, and a line never opens as a heading or a list it was not.
 */
import type { Course, Quiz } from '../domain/course.ts';
import { answerText, citedPages, displayOrder, LETTERS, levelsText, pageRange } from './text.ts';
import type { ExportInput } from './types.ts';

/**
 * Text of the document inside a Markdown line: every character CommonMark (and GitHub's tables and
 * strikethrough) could read as markup inside a line is backslash-escaped (`&` too, so `&copy;` stays as written),
 * line breaks become spaces. Brackets being escaped, `(`, `)` and `!` can open no link or image.
 */
export function mdText(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/**
 * A text that opens a line (a paragraph): {@link mdText}, and a start that Markdown would read as a block
 * (`- `, `+ `, `# `, `1. `, `=`) escaped too.
 */
export function mdLine(text: string): string {
  return mdText(text.trim())
    .replace(/^(\d+)([.)])(?=\s|$)/, '$1\\$2')
    .replace(/^([-+=#])/, '\\$1');
}

export function exportMarkdown(input: ExportInput): string {
  const { course } = input;
  const out: string[] = [`# ${mdText(course.title)}`, '', mdLine(course.description), ''];
  out.push(
    `*Source: ${mdText(input.fileName)} · about ${Math.round(course.readingMinutes)} minutes of reading*`,
    '',
  );
  if (course.ocr) out.push(...ocrNote(course.ocr), '');
  if (course.keyTerms.length > 0) out.push(`**Key terms:** ${course.keyTerms.map(mdText).join(', ')}`, '');
  course.modules.forEach((m, i) => {
    out.push(`## Module ${i + 1}: ${mdText(m.title)}`, '', `Pages ${pageRange(m.pageStart, m.pageEnd)}.`, '');
    out.push('**Learning objectives**', '', ...m.objectives.map((o) => `- ${mdText(o)}`), '');
    m.lessons.forEach((l, j) => {
      out.push(`### Lesson ${i + 1}.${j + 1}: ${mdText(l.title)}`, '');
      out.push(
        `*Pages ${pageRange(l.pageStart, l.pageEnd)} · ${Math.max(1, Math.round(l.readingMinutes))} min*`,
        '',
      );
      out.push(...l.summary.map((s) => `- ${mdText(s.text)} (p. ${citedPages(s).join(', ')})`), '');
      if (l.keyTerms.length > 0) out.push(`Key terms: ${l.keyTerms.map(mdText).join(', ')}`, '');
    });
    if (m.glossary && m.glossary.length > 0)
      out.push(
        '**Glossary**',
        '',
        ...m.glossary.map(
          (g) => `- **${mdText(g.term)}**: ${mdText(g.definition)} (p. ${citedPages(g).join(', ')})`,
        ),
        '',
      );
  });
  if (input.quiz) out.push(quizMarkdown(input.quiz.quiz, input.quiz.questionKeys));
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

/** What a question offers to answer from, as indented lines under it. */
function choices(q: Quiz['questions'][number], key: string): string[] {
  const indent = (s: string) => `   ${s}`;
  switch (q.kind) {
    case 'multiple_choice':
      return q.options.map((o, k) => indent(`${LETTERS[k]}\\) ${mdText(o)}`));
    case 'multiple_answer':
      return [
        indent('*Select all that apply.*'),
        '',
        ...q.options.map((o, k) => indent(`${LETTERS[k]}\\) ${mdText(o)}`)),
      ];
    case 'matching': {
      const order = displayOrder(q.pairs.length, key);
      return [
        indent('*Match each definition with its term.*'),
        '',
        indent(`Terms: ${order.map((j, k) => `${LETTERS[k]}\\) ${mdText(q.pairs[j]!.term)}`).join(' · ')}`),
        '',
        ...q.pairs.map((p, k) => indent(`${k + 1}\\. ${mdText(p.definition)} → \\_\\_\\_`)),
      ];
    }
    case 'short_answer':
      return [indent('Answer: \\_\\_\\_\\_\\_\\_\\_\\_')];
    case 'numerical':
      return [indent(`Answer: \\_\\_\\_\\_\\_\\_\\_\\_${q.unit ? ` ${mdText(q.unit)}` : ''}`)];
    case 'ordering': {
      const order = displayOrder(q.items.length, key);
      return [indent('*Put these in order.*'), '', ...order.map((j) => indent(`- ${mdText(q.items[j]!)}`))];
    }
    case 'true_false':
      return [];
  }
}

/** The quiz section: questions first, answers with explanations, pages and levels after. */
export function quizMarkdown(quiz: Quiz, keys: readonly string[] = []): string {
  const out = [`## Quiz: ${mdText(quiz.title)}`, ''];
  quiz.questions.forEach((q, i) => {
    // A true/false prompt already says so ("True or false: …"); one that does not gets the words in front.
    const prompt =
      q.kind === 'true_false' && !/^true or false\b/i.test(q.prompt)
        ? `True or false: ${q.prompt}`
        : q.prompt;
    out.push(`**${i + 1}.** ${mdText(prompt)}`, '');
    const lines = choices(q, keys[i] ?? `${quiz.seed}:${i}`);
    if (lines.length > 0) out.push(...lines, '');
  });
  out.push('### Answers', '');
  quiz.questions.forEach((q, i) => {
    out.push(
      `${i + 1}. **${mdText(answerText(q))}**: ${mdText(q.explanation)} (p. ${q.sourcePage} · ${levelsText(q)})`,
    );
  });
  out.push('');
  return out.join('\n');
}
