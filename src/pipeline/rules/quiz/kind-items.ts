/**
 * Checks of an item of the kinds beyond multiple choice and true/false, whoever wrote it (the offline makers
 * build theirs to pass them; the model's are repaired once): options that stand together, pairs each with one
 * match, a quantity the cited passage states, steps that can be told apart. Part of {@link ITEM_RULES}.
 */
import { numberText } from '../../../lib/numbers.ts';
import { containsTerm } from '../../text/cloze.ts';
import type { ItemDraft, ItemRule } from './item-reading.ts';

/** A statement longer than this is hard to weigh in a list of four. */
const MAX_OPTION_CHARS = 200;
/** The longest option may be at most this many times the shortest. */
const LENGTH_SPREAD = 3;
/** Two definitions sharing more than this share of their content words could each match the other's term. */
const SIMILAR_DEFINITIONS = 0.7;

/** Whether a statement is short enough to weigh in a list of options, whatever stands beside it. */
export const fitsAnOptionList = (option: string) => option.length <= MAX_OPTION_CHARS;

/** Why the options of a multiple-answer item cannot stand together, or null. */
export function optionsProblem(options: readonly string[]): string | null {
  if (!options.every(fitsAnOptionList)) return 'an option is too long to read in a list';
  const lengths = options.map((o) => o.length);
  if (Math.max(...lengths) > LENGTH_SPREAD * Math.min(...lengths))
    return 'one option stands out by its length';
  const lower = options.map((o) => o.toLowerCase());
  if (lower.some((a, i) => lower.some((b, j) => i !== j && b.includes(a))))
    return 'an option is inside another';
  return null;
}

const wordsOf = (s: string, fillers: ReadonlySet<string>) =>
  new Set((s.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]{3,}/gu) ?? []).filter((w) => !fillers.has(w)));

/** Share of the smaller set's words the two definitions share. */
function overlap(a: string, b: string, fillers: ReadonlySet<string>): number {
  const [x, y] = [wordsOf(a, fillers), wordsOf(b, fillers)];
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

const nested = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x.includes(y) || y.includes(x);
};

/** Why `pairs` cannot be one matching question, or null (`fillers`: words not compared). */
export function matchingProblem(
  pairs: readonly { term: string; definition: string }[],
  fillers: ReadonlySet<string> = new Set(),
): string | null {
  for (const [i, p] of pairs.entries()) {
    for (const o of pairs.slice(i + 1)) {
      if (nested(p.term, o.term)) return `the term "${o.term}" and "${p.term}" are one inside the other`;
      if (overlap(p.definition, o.definition, fillers) > SIMILAR_DEFINITIONS)
        return `the definitions of "${p.term}" and "${o.term}" are too alike to have one match each`;
    }
    const named = pairs.find((o) => containsTerm(p.definition, o.term));
    if (named) return `the definition of "${p.term}" names "${named.term}"`;
  }
  return null;
}

/** Words before a number that make it a label or a reference, not a quantity, in any language's manual. */
const LABEL =
  /(?:table|figure|fig|section|chapter|page|pages|p|pp|version|release|step|part|appendix|no|§|v)\.?\s*$/iu;

const ma = (options: string[]): ItemDraft => ({
  kind: 'multiple_answer',
  prompt: 'Which of these statements does the text make? Select all that apply.',
  options,
});
const pairs = (...p: [string, string][]): ItemDraft => ({
  kind: 'matching',
  prompt: 'Match each definition with the term the text defines by it.',
  pairs: p.map(([term, definition]) => ({ term, definition })),
});
const number = (answer: number, passage: string): ItemDraft => ({
  kind: 'numerical',
  prompt: 'Fill in the number: Pages are _____ KB each.',
  answer,
  passage,
});

export const KIND_ITEM_RULES: readonly ItemRule[] = [
  {
    id: 'item/options-stand-together',
    why: 'In a list of statements to select, one much longer or shorter than the others (three times), one too long to weigh (200 characters) or one inside another gives itself away.',
    reject: [
      ma([
        'A view is a query.',
        'A LEFT JOIN keeps every row of the left table and pads the right with nulls.',
        'Keys order rows.',
        'Rows are records.',
      ]),
      ma([
        'An index finds rows',
        'An index finds rows quickly',
        'A view is a stored query',
        'A key orders a table',
      ]),
    ],
    keep: [
      ma([
        'An index finds rows.',
        'A view is a stored query.',
        'A key identifies a row.',
        'A join reads two tables.',
      ]),
    ],
    problem: ({ item }) => (item.kind === 'multiple_answer' ? optionsProblem(item.options ?? []) : null),
  },
  {
    id: 'item/one-match-each',
    why: 'A matching item needs each definition to fit one term: no term inside another ("key", "primary key"), no two definitions sharing most of their words, no definition naming a term.',
    reject: [
      pairs(
        ['key', 'what identifies a row'],
        ['primary key', 'the column the table is ordered by'],
        ['view', 'a stored query'],
      ),
      pairs(
        ['lock', 'a mark that keeps other transactions out of a row'],
        ['latch', 'a mark that keeps other transactions out of a page'],
        ['view', 'a stored query'],
      ),
    ],
    keep: [
      pairs(
        ['primary key', 'a column that identifies each row of a table'],
        ['index', 'a structure that finds rows without reading the whole table'],
        ['view', 'a stored query that other queries read like a table'],
      ),
    ],
    problem: (r) =>
      r.item.kind === 'matching'
        ? matchingProblem(r.item.pairs ?? [], r.lang.quizWords?.definitionFillers)
        : null,
  },
  {
    id: 'item/quantity-in-passage',
    why: 'A numerical answer must be a value the cited passage states (a model invents figures), and not a label there ("section 12").',
    reject: [
      number(512, 'Pages are 4,096 KB each.'),
      number(12, 'See section 12 for the page size.'),
      number(4, 'Lock 0x8049a24 guards the 14 pages.'),
    ],
    keep: [
      number(4096, 'Pages are 4,096 KB each.'),
      number(4, 'Lock 0x8049a24 (see section 4) guards pages of 4 KB.'),
    ],
    problem({ item, passage }) {
      if (item.kind !== 'numerical' || typeof item.answer !== 'number' || passage === undefined) return null;
      const written = numberText(item.answer);
      const text = passage.replaceAll(/(\d),(\d{3})/g, '$1$2');
      // Every place the passage writes the value as a number of its own (not inside "1330" or "0x80490").
      const places = [
        ...text.matchAll(
          new RegExp(`(?<![\\p{L}\\p{N}.])${written.replace('.', '\\.')}(?![\\p{N}]|\\.\\d)`, 'gu'),
        ),
      ];
      if (places.length === 0) return `the value ${written} is not in the passage it cites`;
      return places.every((m) => LABEL.test(text.slice(0, m.index)))
        ? `${written} is a label (a page, section or version), not a quantity`
        : null;
    },
  },
  {
    id: 'item/steps-distinct',
    why: 'An ordering item with a step there twice has two right orders.',
    reject: [
      { kind: 'ordering', prompt: 'Put these steps in order.', items: ['Open it.', 'Read it.', 'open it.'] },
    ],
    keep: [
      { kind: 'ordering', prompt: 'Put these steps in order.', items: ['Open it.', 'Read it.', 'Close it.'] },
    ],
    problem: ({ item }) =>
      item.kind === 'ordering' &&
      new Set((item.items ?? []).map((i) => i.toLowerCase().trim())).size < (item.items ?? []).length
        ? 'an item is there twice'
        : null,
  },
];
