/**
 * `gift`: Moodle's GIFT text format (Question bank › Import › GIFT format).
 *
 * `$CATEGORY:` lines put the questions under the course, a sub-category per module and, below it, one per
 * difficulty and one per Bloom level (`…/Module 1: Keys/medium/understand`: GIFT has no tags, and Moodle's random
 * questions draw from a category). Each question is `::name::[html]text{answers ####general feedback}`: multiple
 * choice (`=` right, `~` wrong), multiple answer (`~%50%` each right option, `~%-50%` each wrong one),
 * true/false, matching (`=definition -> term`), short answer (`=` each accepted answer) and numerical
 * (`#=value:tolerance`; GIFT has no unit, so a unit the stem does not name is added to it in brackets). GIFT has
 * no ordering question: those are left out, and the export says so. Texts are HTML (so `<` and `&` are
 * entities) with every GIFT special character escaped with a backslash (`~ = # { } :` and the backslash
 * itself), on one line each; the answers a student types or picks (short answers, matched terms) are plain text.
 */
import type { Question } from '../domain/course.ts';
import type { QuestionOf } from '../domain/questions.ts';
import {
  answerText,
  explanationWithSource,
  kindsOf,
  type Lacks,
  moodleCategory,
  numberText,
  questionName,
  questionsByModule,
} from './text.ts';
import type { ExportInput } from './types.ts';

export const GIFT_LACKS: Lacks = { format: 'GIFT', kinds: ['ordering'] };
const KINDS = kindsOf(GIFT_LACKS);

/** GIFT's special characters escaped, on one line (runs of blanks made one space): plain text. */
export function giftPlain(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\~=#{}:]/g, (c) => `\\${c}`);
}

/** One line of GIFT text: HTML-escaped, GIFT specials escaped, line breaks and runs of blanks made one space. */
export function giftText(text: string): string {
  return giftPlain(text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'));
}

/** `$course$/top/<course>/<module>/<difficulty>/<bloom>`, each part a category of its own. */
const levelCategory = (input: ExportInput, moduleIndex: number | undefined, q: Question) =>
  `${moodleCategory(input, moduleIndex)}/${q.difficulty}/${q.bloom}`;

export function exportGift(input: ExportInput): string {
  const out: string[] = [
    `// ${input.course.title.replace(/\s+/g, ' ')}: questions made by ProfAI from ${input.fileName.replace(/\s+/g, ' ')}`,
    '',
  ];
  for (const group of questionsByModule(input, KINDS)) {
    const byLevel = new Map<string, typeof group.items>();
    for (const item of group.items) {
      const path = levelCategory(input, group.moduleIndex, item.q);
      byLevel.set(path, [...(byLevel.get(path) ?? []), item]);
    }
    for (const [path, items] of [...byLevel].sort(([a], [b]) => levelRank(a) - levelRank(b))) {
      out.push(`$CATEGORY: ${path}`, '');
      for (const { q, n } of items) out.push(question(q, n, input.fileName), '');
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Easy before hard, remember before apply. */
function levelRank(path: string): number {
  const [difficulty, bloom] = path.split('/').slice(-2);
  return (
    ['easy', 'medium', 'hard'].indexOf(difficulty!) * 3 + ['remember', 'understand', 'apply'].indexOf(bloom!)
  );
}

function question(q: Question, n: number, fileName: string): string {
  const general = `####${giftText(explanationWithSource(q, fileName))}`;
  const head = `::${giftText(questionName(n, q))}::[html]${giftText(stem(q))}`;
  const wrong = giftText(`Not quite: the answer is ${answerText(q)}. See page ${q.sourcePage}.`);
  const right = giftText(`Correct. See page ${q.sourcePage}.`);
  const block = (answers: string[]) => [`${head} {`, ...answers, `\t${general}`, '}'].join('\n');
  switch (q.kind) {
    case 'true_false':
      // {TRUE#feedback for a wrong answer#feedback for a right one}
      return `${head} {${q.answer ? 'TRUE' : 'FALSE'}#${wrong}#${right}${general}}`;
    case 'multiple_choice':
      return block(
        q.options.map((o, k) =>
          k === q.answerIndex ? `\t=${giftText(o)}#${right}` : `\t~${giftText(o)}#${wrong}`,
        ),
      );
    case 'multiple_answer':
      return block(multipleAnswer(q));
    case 'matching':
      return block(q.pairs.map((p) => `\t=${giftText(p.definition)} -> ${giftPlain(p.term)}`));
    case 'short_answer':
      // `*` is Moodle's wildcard in a short answer: a star of the text is matched as itself.
      return block(q.answers.map((a) => `\t=${giftPlain(a).replaceAll('*', '\\*')}#${right}`));
    case 'numerical':
      return [
        `${head} {#`,
        `\t=${numberText(q.answer)}:${numberText(q.tolerance)}#${right}`,
        `\t${general}`,
        '}',
      ].join('\n');
    case 'ordering':
      throw new Error('GIFT has no ordering question');
  }
}

/**
 * Each right option worth an equal share, each wrong one taking that share away: ticking everything scores
 * nothing. (Moodle reads a weight of at most two digits before its decimals: `%-100%` would not be one, and
 * a share of two or more right options never needs three.)
 */
function multipleAnswer(q: QuestionOf<'multiple_answer'>): string[] {
  const part = numberText(Number((100 / q.answerIndexes.length).toFixed(5)));
  return q.options.map((o, k) =>
    q.answerIndexes.includes(k)
      ? `\t~%${part}%${giftText(o)}#${giftText('Right: the text says so.')}`
      : `\t~%-${part}%${giftText(o)}#${giftText('Not so: the text does not say this.')}`,
  );
}

/** The question's text; a numerical question's unit in brackets when the text does not name it. */
function stem(q: Question): string {
  if (q.kind !== 'numerical' || !q.unit || q.prompt.toLowerCase().includes(q.unit.toLowerCase()))
    return q.prompt;
  return `${q.prompt} (in ${q.unit})`;
}
