/**
 * The glossary gate (quiz/defined-terms.ts) asked about one judged term and its gloss, as short-answer.ts and
 * matching.ts both need it: every definition item (multiple choice's definition questions, matching, short answer)
 * goes through it.
 *
 * The reading printed the term and the gloss, not the sentence: where the gate reads a sentence it gets one rebuilt
 * from them ("Term is gloss.", or "A term is gloss." for a term in lower case). The text before the sentence, which
 * ANSWER_CONTEXT_RULES read (a syntax line, an example's data), is not in the item: they get none, so a refusal
 * they would make on the document is not counted here. The readings shortened a few glosses with "…" ("decay –
 * the second …", gsequencer, set 13): the rules read them as printed, so such a pair may be refused where the
 * whole gloss would not be (gsequencer's usable item is refused by gloss/weak so, before and after any change).
 */
import { loadEnglishProfile } from '../../../src/pipeline/language/index.ts';
import { glossRefusal, termRefusal, unfitGloss } from '../../../src/pipeline/quiz/defined-terms.ts';
import { contextRefusal } from '../../../src/pipeline/rules/quiz/answer-context.ts';

const profile = await loadEnglishProfile();
if (!profile.quizWords) throw new Error('judged: the English profile has no quiz words');
export const lang = profile;
export const words = profile.quizWords;
export const isWord = (word: string) => lang.analyser.isWord(word);

/** The defining sentence the reading did not print, rebuilt from its term and gloss. */
export function rebuiltSentence(term: string, gloss: string): string {
  const plural = words.otherNumber(term) !== null && words.otherNumber(term)!.length < term.length;
  const subject = /^\p{Ll}/u.test(term) ? `${plural ? 'The' : 'A'} ${term}` : term;
  return `${subject} ${plural ? 'are' : 'is'} ${gloss}.`;
}

/** The first rule of the glossary gate that refuses `term` defined as `gloss`, or undefined. */
export function gateRefusal(term: string, gloss: string): string | undefined {
  return (
    unfitGloss(gloss, term) ??
    glossRefusal({ term, gloss }, lang, words) ??
    termRefusal(term, lang, words) ??
    contextRefusal(term, '', rebuiltSentence(term, gloss)) ??
    undefined
  );
}

/** The gate's term rules alone, for a pair the reading printed without its gloss. */
export const termOnlyRefusal = (term: string): string | undefined =>
  termRefusal(term, lang, words) ?? undefined;
