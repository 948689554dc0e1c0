/**
 * Terms a short answer may ask to type, read with the text just before their defining sentence: a term the text
 * before shows as a placeholder of a syntax, or the data of an example printed above it, is no term a learner
 * types, nor matches to its definition. The glossary kinds (quiz/kinds/glossary.ts' GlossaryMaterial) ask no term
 * a rule of {@link ANSWER_CONTEXT_RULES} catches.
 *
 * An example is `text before || term`.
 */
import type { Rule } from '../rule.ts';

/** A defined term and the text of its chunk before its defining sentence (empty when unknown). */
export interface AnswerInContext {
  term: string;
  before: string;
}

export interface AnswerContextRule extends Rule {
  fails(a: AnswerInContext): boolean;
}

/** How much of the text before a defining sentence the rules read: its paragraph and the one above. */
const BEFORE_CHARS = 600;

/** The text of `context` before `sentence`, up to {@link BEFORE_CHARS}; empty when the sentence is not in it. */
export function textBefore(context: string, sentence: string): string {
  const at = context.indexOf(sentence.trim().slice(0, 40));
  return at < 0 ? '' : context.slice(Math.max(0, at - BEFORE_CHARS), at);
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** A number as an example's data prints it: "3", "-1", "0.25". */
const NUMBER = /^[-+−]?\d+(?:[.,]\d+)?$/u;

/** Whether a paragraph is a block of numbers: six or more, and most of its words. */
function numberBlock(paragraph: string): boolean {
  const words = paragraph.trim().split(/\s+/u).filter(Boolean);
  const numbers = words.filter((w) => NUMBER.test(w)).length;
  return numbers >= 6 && numbers >= 0.6 * words.length;
}

export const ANSWER_CONTEXT_RULES: readonly AnswerContextRule[] = [
  {
    id: 'answer/syntax-placeholder',
    why: 'A placeholder of an option\'s syntax, named in the sentence before ("… using the nthreads=NCORES option. NCORES is the number of threads that GYOTO will use."), stands for a value the reader chooses: the thing to know is the option, and the key wants the placeholder (Gyoto manual, fresh set 12). A term the text before writes as a word of its own, not as the value after "=" or inside angle brackets, is left alone.',
    reject: [
      'You can accelerate computations by using several cores on a computer using the –nthreads=NCORES option. || NCORES',
      'Run the program as prog --input=<FILE> to read a file. || FILE',
      'The syntax is closefrom ⟨file name⟩ to close a file. || file name',
    ],
    keep: [
      'GYOTO computes images of the surroundings of black holes. || GYOTO',
      'Set nthreads=4 to use four cores. || NCORES',
      ' || NCORES',
    ],
    fails: ({ term, before }) => {
      const t = escaped(term.trim());
      return new RegExp(`=\\s?${t}(?![\\p{L}\\p{N}_])|<${t}>|⟨${t}⟩`, 'u').test(before);
    },
  },
  {
    id: 'answer/example-data',
    why: 'A term defined just below a block of numbers ("amb_space 5 rees_algebra 9 1 2 1 2 1 0 3 4 …" then "The input vectors are the exponent vectors of a monomial ideal I …") is the data of one example input the text prints, not a term of the subject: its definition holds only for that example (Normaliz manual, fresh set 12).',
    reject: [
      'Next, let us discuss the example MonIdeal.in (typeset in two columns):\n\namb_space 5 rees_algebra 9 1 2 1 2 1 0 3 4 3 1 1 3 5 1 0 1 2 5 1 0 2 4 1 5 0 2 4 3 2 2 2 4 0 2 3 4\n\n || input vectors',
    ],
    keep: [
      'The scan takes 360 views of 512 detectors each, 3 times.\n\n || view diameter',
      'Next, let us discuss the example MonIdeal.in.\n\n || input vectors',
    ],
    // The paragraph just before the definition: the one the defining sentence opens after, or the one it is in.
    fails: ({ before }) => {
      const paragraphs = before.split(/\n\s*\n/u).filter((p) => p.trim() !== '');
      return paragraphs.length > 0 && numberBlock(paragraphs.at(-1)!);
    },
  },
];

/** Whether the glossary kinds may ask `term`, read with the text before its defining sentence. */
export const askableInContext = (term: string, before: string) =>
  !ANSWER_CONTEXT_RULES.some((rule) => rule.fails({ term, before }));
