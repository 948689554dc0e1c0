/**
 * Fill in the blank on a key term where it stands as the head of a noun phrase, with three distractors of the
 * same kind (part of speech, number, capitalisation, code or prose, length) chosen among the terms the document
 * uses in similar contexts. The first of the sentence's terms (in random order) that gives a safe item wins.
 */

import { blankRule } from '../../rules/quiz/blanks.ts';
import { BLANK } from '../../text/cloze.ts';
import { optionProblems } from '../../text/kinds.ts';
import { shuffled } from '../../text/rng.ts';
import type { ItemMaker } from '../assembler.ts';
import { normalise } from '../material.ts';
import { type EnglishTerms, matchCase } from './terms.ts';

export function clozeMaker(terms: EnglishTerms): ItemMaker {
  return {
    id: 'cloze',
    slot: 'choice',
    why: 'Recalling a term in the sentence the text states it in, among terms that fit the blank as well, tests the term and its use rather than the grammar.',
    make(source, fill, turn) {
      const text = source.text;
      for (const { term, at } of terms.headsIn(text, fill, turn.answers)) {
        // "an _____" would tell the answer starts with a vowel.
        const head = text.slice(0, at[0]).replace(/\b([Aa])n? $/u, (_, a: string) => `${a}(n) `);
        const stem = head + BLANK + text.slice(at[1]);
        if (blankRule({ stem, answer: term.term, after: text.slice(at[1]) })) continue;
        const wrong = terms.distractors(term, stem, 3);
        if (wrong.length < 3) continue;
        const answer = text.slice(at[0], at[1]);
        const options = shuffled([answer, ...wrong.map((w) => matchCase(w.term, answer))], turn.rng);
        const answerIndex = options.indexOf(answer);
        // The item rules item/options-fit-the-blank and item/answer-alone-differs (rules/quiz/items.ts).
        const problems = optionProblems(stem, BLANK, options, answerIndex, terms.lang);
        if (problems.wrongKind.length > 0 || problems.standsOut) continue;
        // A distractor that makes another sentence of the document true would be a second right answer.
        if (
          options.some((o, i) => i !== answerIndex && terms.seenKeys.has(normalise(stem.replace(BLANK, o))))
        )
          continue;
        turn.answers.add(term.term.toLowerCase());
        return { kind: 'multiple_choice', prompt: `Fill in the blank: ${stem}`, options, answerIndex };
      }
      return null;
    },
  };
}
