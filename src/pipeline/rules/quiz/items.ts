/**
 * Checks of one quiz item, whoever wrote it: the offline generator's makers check their drafts with them, and
 * the LLM quiz generator asks the model to repair an answer that fails them. Run in the order of
 * {@link ITEM_RULES}; the first that fails says why, in words the model can act on.
 *
 * An example is an item: `{ kind, prompt, options?, answerIndex?, … }` (and, for a numerical item, the passage it
 * cites). The kinds beyond multiple choice and true/false have their checks in kind-items.ts.
 */
import type { LanguageProfile } from '../../language/index.ts';
import { type ItemDraft, ItemReading, type ItemRule } from './item-reading.ts';
import { KIND_ITEM_RULES } from './kind-items.ts';

export { type ItemDraft, ItemReading, type ItemRule } from './item-reading.ts';

/** The right option more than this many times longer or shorter than every other stands out. */
const LENGTH_RATIO = 1.6;

const mc = (prompt: string, options: string[], answerIndex: number): ItemDraft => ({
  kind: 'multiple_choice',
  prompt,
  options,
  answerIndex,
});

/** A blank whose four options are nouns alike: the look-alike both option rules let through. */
const FAIR_BLANK = mc(
  'Fill in the blank: The _____ identifies every row.',
  ['primary key', 'foreign key', 'index', 'view'],
  0,
);

/** Four options that read differently: the check every item of the offline quiz passes in the assembler. */
export const SAME_OPTIONS: ItemRule = {
  id: 'item/same-options',
  why: 'Two options that read the same (any case) leave three choices, or two right answers.',
  reject: [mc('Which key identifies a row?', ['primary key', 'Primary key', 'foreign key', 'index'], 0)],
  keep: [mc('Which key identifies a row?', ['primary key', 'candidate key', 'foreign key', 'index key'], 0)],
  problem(r) {
    if (r.item.kind !== 'multiple_choice') return null;
    return new Set(r.options.map((o) => o.trim().toLowerCase())).size !== r.options.length
      ? 'two options are the same'
      : null;
  },
};

export const ITEM_RULES: readonly ItemRule[] = [
  {
    id: 'item/doubled-prefix',
    why: 'A model asked for true/false statements sometimes writes the lead twice ("True or false: True or false: …").',
    reject: [{ kind: 'true_false', prompt: 'True or false: True or false: SQL is a language.' }],
    keep: [{ kind: 'true_false', prompt: 'True or false: SQL is a language.' }],
    problem: ({ item }) =>
      /true or false[:?]\s*true or false/iu.test(item.prompt) ? 'the prompt repeats "True or false"' : null,
  },
  SAME_OPTIONS,
  {
    id: 'item/answer-stands-out-by-length',
    why: 'A right option much longer or shorter than every other (1.6 times) gives itself away.',
    reject: [
      mc(
        'What does a transaction guarantee?',
        ['all of its changes or none of them happen', 'speed', 'size', 'order'],
        0,
      ),
    ],
    keep: [
      mc('Which key identifies a row?', ['primary key', 'candidate key', 'foreign key', 'index key'], 0),
    ],
    problem(r) {
      if (r.item.kind !== 'multiple_choice') return null;
      const lengths = r.options.map((o) => o.length);
      const others = lengths.filter((_, i) => i !== r.answer);
      const mine = lengths[r.answer] ?? 0;
      return others.length > 0 &&
        (mine > LENGTH_RATIO * Math.max(...others) || mine * LENGTH_RATIO < Math.min(...others))
        ? 'the right option stands out by its length'
        : null;
    },
  },
  {
    id: 'item/options-fit-the-blank',
    why: 'Every option of a blank is a noun (or a number) that fits where the blank stands: a verb or an adjective among nouns is eliminated without knowing the answer.',
    reject: [
      mc(
        'Fill in the blank: The _____ of the table is its key.',
        ['change', 'called', 'values', 'sample'],
        1,
      ),
    ],
    keep: [FAIR_BLANK],
    problem(r) {
      const wrong = r.item.kind === 'multiple_choice' ? (r.optionKinds?.wrongKind ?? []) : [];
      return wrong.length > 0 ? `options that do not fit the blank as nouns: ${wrong.join(', ')}` : null;
    },
  },
  {
    id: 'item/answer-alone-differs',
    why: 'When three options agree on a feature (plural, capitals, code, digits, length in words) and the right one alone differs, the feature gives the answer away.',
    reject: [
      mc(
        'Fill in the blank: The _____ lists the rows of the table.',
        ['SELECT', 'table', 'index', 'view'],
        0,
      ),
    ],
    keep: [FAIR_BLANK],
    problem(r) {
      const odd = r.item.kind === 'multiple_choice' ? r.optionKinds?.standsOut : null;
      return odd ? `the right option alone differs by ${odd}` : null;
    },
  },
  ...KIND_ITEM_RULES,
];

/**
 * Why the item is not fit to ask, or null. A language with an analyser adds the word-kind checks of blanks;
 * `passage`, the text the item cites, lets a numerical item be checked against it.
 */
export function itemProblem(q: ItemDraft, lang: LanguageProfile, passage?: string): string | null {
  const reading = new ItemReading(q, lang, passage);
  for (const rule of ITEM_RULES) {
    const problem = rule.problem(reading);
    if (problem) return problem;
  }
  return null;
}
