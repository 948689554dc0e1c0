/**
 * `gift`: Moodle's GIFT text format (Question bank › Import › GIFT format).
 *
 * `$CATEGORY:` lines put the questions under the course and a sub-category per module; each question is
 * `::name::[html]text{answers ####general feedback}`. Texts are HTML (so `<` and `&` are entities) with every
 * GIFT special character escaped with a backslash (`~ = # { } :` and the backslash itself), on one line each.
 */
import type { Question } from '../domain/course.ts';
import {
  answerText,
  explanationWithSource,
  moodleCategory,
  questionName,
  questionsByModule,
} from './text.ts';
import type { ExportInput } from './types.ts';

/** One line of GIFT text: HTML-escaped, GIFT specials escaped, line breaks and runs of blanks made one space. */
export function giftText(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replace(/[\\~=#{}:]/g, (c) => `\\${c}`);
}

export function exportGift(input: ExportInput): string {
  const out: string[] = [
    `// ${input.course.title.replace(/\s+/g, ' ')}: questions made by ProfAI from ${input.fileName.replace(/\s+/g, ' ')}`,
    '',
  ];
  for (const group of questionsByModule(input)) {
    out.push(`$CATEGORY: ${moodleCategory(input, group.moduleIndex)}`, '');
    for (const { q, n } of group.items) out.push(question(q, n, input.fileName), '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function question(q: Question, n: number, fileName: string): string {
  const general = `####${giftText(explanationWithSource(q, fileName))}`;
  const head = `::${giftText(questionName(n, q))}::[html]${giftText(q.prompt)}`;
  if (q.kind === 'true_false') {
    // {TRUE#feedback for a wrong answer#feedback for a right one}
    const wrong = giftText(`Not quite: the answer is ${answerText(q)}. See page ${q.sourcePage}.`);
    const right = giftText(`Correct. See page ${q.sourcePage}.`);
    return `${head} {${q.answer ? 'TRUE' : 'FALSE'}#${wrong}#${right}${general}}`;
  }
  const wrong = giftText(`Not quite: the answer is ${answerText(q)}. See page ${q.sourcePage}.`);
  const right = giftText(`Correct. See page ${q.sourcePage}.`);
  const answers = q.options.map((o, k) =>
    k === q.answerIndex ? `\t=${giftText(o)}#${right}` : `\t~${giftText(o)}#${wrong}`,
  );
  return [`${head} {`, ...answers, `\t${general}`, '}'].join('\n');
}
