/**
 * True/false statements: the sentence as written, or made false by a falsifier, in the order of
 * {@link FALSIFIERS}: a sibling term swapped in ("LEFT OUTER JOIN" for "RIGHT OUTER JOIN"), a quantity
 * changed ("2,000 rows" for "1,000 rows"). Each falsifier offers a candidate; the first candidate that passes
 * the false-statement rules (rules/quiz/statements.ts) and says nothing another sentence of the document says
 * is kept. About half of a quiz's statements are false. A sentence that leans on context it does not show
 * (rules/quiz/listed.ts, `statementProblem`: the listed rules that refuse no fair textbook sentence) gives neither.
 */

import { statementProblem } from '../../rules/quiz/listed.ts';
import { changeableNumber } from '../../rules/quiz/numbers.ts';
import { isInstruction } from '../../rules/quiz/sources.ts';
import { swapProblem } from '../../rules/quiz/statements.ts';
import type { ItemMaker, Turn } from '../assembler.ts';
import { normalise } from '../material.ts';
import { type EnglishTerms, matchCase } from './terms.ts';

/** A swapped-in term shares a word with the original (which scores 0.5): a sibling, not any other term. */
const SIBLING_SCORE = 0.5;
/** Chance of a false statement while both kinds are wanted. */
const FALSE_CHANCE = 0.6;

/** Makes a false form of a true sentence. */
export interface Falsifier {
  readonly id: string;
  readonly why: string;
  /** The sentence made false, or null when this falsifier has no candidate for it. */
  candidate(text: string, fill: boolean, turn: Turn, terms: EnglishTerms): string | null;
}

export const FALSIFIERS: readonly Falsifier[] = [
  {
    id: 'true-false-by-term-swap',
    why: 'A sibling term (sharing a word: "foreign key" for "primary key") makes a statement a student must know the text to reject; any other term makes nonsense.',
    candidate(text, fill, turn, terms) {
      for (const { term, at } of terms.headsIn(text, fill, turn.answers)) {
        const [other] = terms
          .distractors(term, text, 1, undefined, SIBLING_SCORE)
          .filter((o) => o.words.some((w) => term.words.includes(w)));
        // "a _____" before a swapped term could need "an".
        if (!other || /\b(?:an?)\s*$/iu.test(text.slice(0, at[0]))) continue;
        turn.answers.add(term.term.toLowerCase());
        return text.slice(0, at[0]) + matchCase(other.term, text.slice(at[0], at[1])) + text.slice(at[1]);
      }
      return null;
    },
  },
  {
    id: 'true-false-by-number',
    why: 'A quantity the text states, changed ("2,000 rows" for "1,000 rows"), is false for a reader who knows the fact; labels, years, codes and references are left alone (rules/quiz/numbers.ts).',
    candidate(text, _, turn, terms) {
      const t = changeableNumber(text, terms.tag(text));
      if (!t) return null;
      const value = Number(t.text.replace(/,/g, ''));
      const next = value <= 10 ? value + 1 + Math.floor(turn.rng() * 2) : value * 2;
      const written = t.text.includes(',') ? next.toLocaleString('en-US') : String(next);
      return text.slice(0, t.start) + written + text.slice(t.end);
    },
  },
];

export function trueFalseMaker(terms: EnglishTerms): ItemMaker {
  return {
    id: 'true-false',
    slot: 'statement',
    why: 'A statement of the text, or one made false by a falsifier, that a student judges from what the text says; never an instruction, which is neither true nor false.',
    make(source, fill, turn) {
      const text = source.text;
      if (isInstruction(terms.tag(text))) return null;
      // A statement asked alone must not lean on a sentence not shown ("Such forces are called conservative.",
      // two sentences run together): a student cannot judge it. Its false form changes one term or number of it,
      // so the sentence is judged once, before either is made.
      if (statementProblem(text, terms.lang) !== null) return null;
      const want = turn.wanted('statement');
      const wantFalse = Math.ceil(want / 2);
      const makeFalse =
        turn.falses < wantFalse && (turn.trues >= want - wantFalse || turn.rng() < FALSE_CHANCE);
      if (makeFalse) {
        const statement = falseForm(text, fill, turn, terms);
        if (statement) return { kind: 'true_false', prompt: `True or false: ${statement}`, answer: false };
      }
      if (turn.trues >= want - wantFalse && !fill) return null;
      // A true statement about a sentence with no term of the course tests nothing the course teaches.
      if (terms.headsIn(text, true, turn.answers).length === 0) return null;
      return { kind: 'true_false', prompt: `True or false: ${text}`, answer: true };
    },
  };
}

/** The sentence made false by the first falsifier whose candidate is a fair false statement; else null. */
function falseForm(text: string, fill: boolean, turn: Turn, terms: EnglishTerms): string | null {
  // Every falsifier offers its candidate (each draws its randomness), then the first fair one wins.
  const candidates = FALSIFIERS.map((f) => f.candidate(text, fill, turn, terms)).filter((c) => c !== null);
  for (const statement of candidates) {
    if (terms.seenKeys.has(normalise(statement))) continue;
    // A changed number can repeat its neighbour ("1024, 1024, or 2048", "Tables 7 and 7"): judged as the sentence was.
    if (statementProblem(statement, terms.lang) !== null) continue;
    if (swapProblem(text, statement, terms.lang, terms.tag) === null) return statement;
  }
  return null;
}
