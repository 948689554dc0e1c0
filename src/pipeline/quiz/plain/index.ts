/**
 * The quiz kit of languages without an analyser: cloze and true/false items on the course's key terms, found
 * as whole words. Summaries first, the chunks' other sentences when they run short, list items last.
 */

import type { LanguageProfile } from '../../language/index.ts';
import { opensWithLabel } from '../../rules/quiz/blanks.ts';
import { SAME_OPTIONS } from '../../rules/quiz/items.ts';
import { KIND_ITEM_RULES } from '../../rules/quiz/kind-items.ts';
import { isQuestion, PLAIN_SOURCE_RULES } from '../../rules/quiz/sources.ts';
import { BLANK, blankOut, distractors, swapTerm, TermFinder } from '../../text/cloze.ts';
import { shuffled } from '../../text/rng.ts';
import type { GroupMaker, ItemMaker, QuizKit, Turn } from '../assembler.ts';
import type { Source } from '../material.ts';

/** Share of true/false statements in a quiz. */
const STATEMENT_SHARE = 0.3;
/** Chance that a statement is made false (when a term can be swapped). */
const FALSE_CHANCE = 0.5;

export interface PlainKitInput {
  /** The course's key terms, most general first. */
  terms: readonly string[];
  summaries: () => readonly Source[];
  /** The chunks' other sentences. */
  others: () => readonly Source[];
  /** List items without full stops (slides). */
  items: () => readonly Source[];
  lastResort: () => readonly Source[];
  /** Makers of items of several sentences or lists (quiz/kinds/). */
  groups: readonly GroupMaker[];
}

export function plainKit(input: PlainKitInput, lang: LanguageProfile): QuizKit {
  const finder = new TermFinder(input.terms);
  /** Terms of the pool found in the sentence, in random order; already-used answers last (or dropped). */
  const termsIn = (text: string, fill: boolean, turn: Turn) => {
    const found = shuffled(finder.find(text), turn.rng);
    const fresh = found.filter((t) => !turn.answers.has(t.toLowerCase()));
    return fill ? [...fresh, ...found.filter((t) => turn.answers.has(t.toLowerCase()))] : fresh;
  };
  const cloze: ItemMaker = {
    id: 'cloze-plain',
    slot: 'choice',
    why: 'A key term blanked out, with three other key terms written like it (script, words, capitals) as options.',
    make(source, fill, turn) {
      for (const answer of termsIn(source.text, fill, turn)) {
        const stem = blankOut(source.text, answer);
        if (!stem.includes(BLANK) || stem.toLowerCase().includes(answer.toLowerCase())) continue;
        if (opensWithLabel(stem.slice(stem.indexOf(BLANK) + BLANK.length))) continue;
        const wrong = distractors(answer, stem, input.terms, 3, turn.rng);
        if (wrong.length < 3) continue;
        const options = shuffled([answer, ...wrong], turn.rng);
        turn.answers.add(answer.toLowerCase());
        return {
          kind: 'multiple_choice',
          prompt: `Fill in the blank: ${stem}`,
          options,
          answerIndex: options.indexOf(answer),
        };
      }
      return null;
    },
  };
  const trueFalse: ItemMaker = {
    id: 'true-false-plain',
    slot: 'statement',
    why: 'The sentence as written, or with a key term swapped for another written like it: without an analyser nothing tells a sibling term, so swaps are rarer than in English.',
    make(source, fill, turn) {
      const terms = termsIn(source.text, fill, turn);
      if (terms.length === 0) return null;
      if (turn.rng() < FALSE_CHANCE)
        for (const term of terms) {
          const [other] = distractors(term, source.text, input.terms, 1, turn.rng);
          if (!other) continue;
          const statement = swapTerm(source.text, term, other);
          if (statement.toLowerCase().includes(term.toLowerCase())) continue;
          turn.answers.add(term.toLowerCase());
          return { kind: 'true_false', prompt: `True or false: ${statement}`, answer: false };
        }
      turn.answers.add(terms[0]!.toLowerCase());
      return { kind: 'true_false', prompt: `True or false: ${source.text}`, answer: true };
    },
  };
  return {
    slots: [
      { name: 'statement', share: STATEMENT_SHARE },
      { name: 'choice', share: 1 - STATEMENT_SHARE },
    ],
    makers: [cloze, trueFalse],
    interleaved: [],
    groups: input.groups,
    // Summaries first; the rest of the text only when they run short (splitting every chunk costs time).
    passes: [
      { tier: input.summaries, fill: false },
      { tier: input.others, fill: false },
      { tier: input.summaries, fill: true },
      { tier: input.others, fill: true },
      { tier: input.items, fill: false },
      { tier: input.items, fill: true },
    ],
    usable: (s) => !isQuestion(s.text) && !PLAIN_SOURCE_RULES.some((rule) => rule.fails(s.text, lang)),
    itemRules: [SAME_OPTIONS, ...KIND_ITEM_RULES],
    lang,
    lastResort: input.lastResort,
  };
}
