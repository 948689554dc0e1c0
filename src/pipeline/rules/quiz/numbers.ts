/**
 * Which number of a sentence may be changed to make a false statement: a quantity ("2,000 rows"), not a
 * year, a label ("Table 1", "version 3"), a code ("99455"), a reference ("101–647", "4332(3)") or part of an
 * expression ("BETWEEN 1 AND 4"). The number maker changes the first number no rule of {@link NUMBER_RULES}
 * catches. Examples mark the number in brackets.
 */

import { NUMBER_LABEL } from '../../language/en/vocabulary.ts';
import type { Token } from '../../language/index.ts';
import type { Rule } from '../rule.ts';
import { insideCode } from './statements.ts';

/** A number token of a tagged sentence. */
export interface NumberPlace {
  text: string;
  tags: readonly Token[];
  token: Token;
}

export interface NumberRule extends Rule {
  /** True when the number is no quantity to change, this way. */
  fails(n: NumberPlace): boolean;
}

const quantityOf = (t: Token) => Number(t.text.replace(/,/g, ''));

export const NUMBER_RULES: readonly NumberRule[] = [
  {
    id: 'number/not-a-quantity',
    why: 'A quantity has up to four digits, or thousands with separators; a longer bare number is a code ("99455"), and a word is no number.',
    reject: ['Use the code [99455] for a visit.'],
    keep: ['The table holds [2,000] rows.', 'The table holds [200] rows.'],
    fails: (n) => n.token.pos !== 'NUM' || !/^\d{1,3}(?:,\d{3})+$|^\d{1,4}$/u.test(n.token.text),
  },
  {
    id: 'number/year',
    why: 'A year dates a fact; a changed year ("in 2008" for "in 2004") tests memory of a date, rarely the subject.',
    reject: ['The program began in [2004] in every state.'],
    keep: ['The program served [1,200] veterans in every state.'],
    fails: (n) => {
      const value = quantityOf(n.token);
      return value >= 1900 && value <= 2100;
    },
  },
  {
    id: 'number/label',
    why: 'A number after "Table", "version", "page", "step"… labels something; changing it makes nonsense ("see page 398").',
    reject: ['The results are in Table [3] of the report.', 'This applies to version [3] of the tool.'],
    keep: ['The report has [3] tables of results.'],
    fails: (n) => NUMBER_LABEL.test(n.text.slice(0, n.token.start)),
  },
  {
    id: 'number/page-reference',
    why: 'A page reference ("see … (p. 398)", "pp. 12") points into the document; changed, it makes a nonsense statement (the unseen manuals had them).',
    reject: ['The options are described in detail (p. [398]).', 'See pp. [12]–14 of the guide.'],
    keep: ['The guide has [398] pages in all.'],
    fails: (n) => /\b(?:p|pp)\.\s*$/iu.test(n.text.slice(0, n.token.start)),
  },
  {
    id: 'number/operand',
    why: 'A number next to an operator ("x = 5", "n < 10", "2 * 3") belongs to an expression of a code example, not to a fact of the text.',
    reject: ['Set the value x = [5] before the loop starts.', 'The loop runs while n < [10] holds.'],
    keep: ['The loop runs [10] times before it stops.'],
    fails: (n) =>
      /[=<>+*/^%]\s*$/u.test(n.text.slice(0, n.token.start)) ||
      /^\s*[=<>+*/^%]/u.test(n.text.slice(n.token.end)),
  },
  {
    id: 'number/code-sentence',
    why: 'A sentence that holds code (an option "--trace", a call "f(x)", an assignment) is an example: its numbers are the example\'s, and a changed one tests nothing the text says.',
    reject: [
      'Run valgrind --num-callers [12] to see more of each stack.',
      'Call malloc(n) with n set to [64] for the buffer.',
    ],
    keep: ['The tool shows [12] callers of each function by default.'],
    fails: (n) => /(?:^|\s)--?[a-z][\w-]*|\w\(|\s=\s|`/iu.test(n.text),
  },
  {
    id: 'number/inside-code',
    why: 'A number inside code or quotes ("--num-callers=12", "x = 4") belongs to an example, not to a fact of the text.',
    reject: ['Run it with --num-callers=[12] to see more.'],
    keep: ['The tool shows [12] callers of each function.'],
    fails: (n) => insideCode(n.text, n.token.start, n.token.end) !== null,
  },
  {
    id: 'number/reference',
    why: 'A number joined to a dash, a slash, a bracket or a point is part of a reference ("101–647", "1903(a)", "4332(3)").',
    reject: ['As amended by Public Law [101]–647 of the Congress.', 'See section [1903](a) of the Act.'],
    keep: ['The Act has [101] sections in all.'],
    fails: (n) =>
      /[–\-/(.]/u.test(n.text[n.token.end] ?? '') || /[–\-/(.]/u.test(n.text[n.token.start - 1] ?? ''),
  },
  {
    id: 'number/expression',
    why: 'A number between keywords in capitals is part of an expression ("BETWEEN 1 AND 4"), not a quantity.',
    reject: ['The query uses BETWEEN [1] AND 4 on the column.'],
    keep: ['The query reads [4] rows of the table.'],
    fails: (n) =>
      n.tags.some(
        (x) => (x.end === n.token.start - 1 || x.start === n.token.end + 1) && /^\p{Lu}{2,}$/u.test(x.text),
      ),
  },
];

/** The first number of the sentence no rule of {@link NUMBER_RULES} catches, or null. */
export function changeableNumber(text: string, tags: readonly Token[]): Token | null {
  for (const token of tags) {
    const place = { text, tags, token };
    if (!NUMBER_RULES.some((rule) => rule.fails(place))) return token;
  }
  return null;
}
