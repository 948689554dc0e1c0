/**
 * What makes a key term (and the subject of an objective) in an analysed language: a noun phrase of content
 * words, read where the document first uses it. Every term a course shows passes {@link TERM_RULES}, in order;
 * `npm run eval:quality` judges the terms it counts with the same rules.
 *
 * An example is the term, or `term | a sentence that uses it` to judge it there.
 */

import { TIME_MODIFIER, TIME_UNIT } from '../../language/en/vocabulary.ts';
import type { AnalysedLanguage, Token } from '../../language/index.ts';
import { CODE, headClass, tokensIn } from '../../text/kinds.ts';
import { findWhole } from '../../text/whole-words.ts';
import type { Rule } from '../rule.ts';
import { splitWords } from '../sentences/standalone.ts';

/** Why a phrase cannot be a key term (or the subject of an objective). */
export type TermProblem =
  | 'not-noun'
  | 'function-word'
  | 'split-word'
  | 'name'
  | 'code'
  | 'number'
  | 'generic';

/** A term as it stands in a sentence: the sentence's tags and the term's place and tokens in it. */
export interface TermReading {
  /** The term, trimmed. */
  phrase: string;
  tokens: readonly Token[];
  at: number;
  /** The tokens of the term (none when the sentence does not hold it). */
  inside: Token[];
  /** The tokens of the term with letters; its head is the last. */
  words: Token[];
}

export interface TermRule extends Rule {
  readonly problem: TermProblem;
  fails(term: TermReading, lang: AnalysedLanguage): boolean;
}

const hasLetters = (t: Token) => /\p{L}/u.test(t.text);

export const TERM_RULES: readonly TermRule[] = [
  {
    id: 'term/not-in-sentence',
    problem: 'generic',
    why: 'A term must be read somewhere: one whose tokens the analyser does not find is no phrase.',
    reject: ['   '],
    keep: ['primary key'],
    fails: (t) => t.inside.length === 0,
  },
  {
    id: 'term/code',
    problem: 'code',
    why: 'An identifier, an option or a path ("student_id", "--help", "malloc()") is code to look up, not a term to learn.',
    reject: ['student_id', '--help', 'os.path'],
    keep: ['primary key', 'B-tree | The most common index structure is the B-tree.'],
    fails: (t) => CODE.test(t.phrase),
  },
  {
    id: 'term/number',
    problem: 'number',
    why: 'A number, a version or a count is no term: there is nothing to learn about "2004" alone.',
    reject: ['2004', '9.54'],
    keep: ['UTF-8 | Every file is read as UTF-8 by the tool.'],
    fails: (t) => t.inside.every((x) => !hasLetters(x)),
  },
  {
    id: 'term/function-or-short-word',
    problem: 'generic',
    why: 'A single stopword of the language ("the", "example", "chapter") or a word of one or two letters says nothing.',
    reject: ['the', 'example', 'ab'],
    keep: [
      'SQL | SQL is the standard language of relational databases.',
      'war | The war lasted four years and ended in 1918.',
    ],
    fails(t, lang) {
      const head = t.words.at(-1)!;
      return t.words.length === 1 && (lang.stopwords.has(head.lower) || head.lower.length < 3);
    },
  },
  {
    id: 'term/point-in-time',
    problem: 'generic',
    why: 'A point or span of time ("seventh day", "fiscal year 2004", "each month") dates things; it is no topic (H.R. 1904 had "Explain the purpose of seventh day.").',
    reject: ['seventh day | The notice is due on the seventh day of each month.', 'each month'],
    keep: ['fiscal year | Funds are appropriated for each fiscal year.'],
    fails(t) {
      const head = t.words.at(-1)!;
      return TIME_UNIT.test(head.lemma) && t.words.slice(0, -1).every((w) => TIME_MODIFIER.test(w.lower));
    },
  },
  {
    id: 'term/function-word-inside',
    problem: 'function-word',
    why: 'A phrase with an article, a pronoun, a preposition or an auxiliary in it ("use of the", "it is") is a piece of a sentence, not a term.',
    reject: ['use of the table', 'rows of data'],
    keep: ['primary key | A primary key identifies every row.'],
    fails: (t) =>
      t.words.some((w) => ['DET', 'PRON', 'CCONJ', 'SCONJ', 'AUX', 'PART', 'ADP'].includes(w.pos)),
  },
  {
    id: 'term/split-word',
    problem: 'split-word',
    why: 'A piece of a word split by extraction ("imp" of "imp ortant") is no term.',
    reject: ['imp | This is an imp ortant point.'],
    keep: ['important point | This is an important point.'],
    fails(t, lang) {
      const neighbours = t.tokens.filter((x) => x.end >= t.at - 1 && x.start <= t.at + t.phrase.length + 1);
      return (
        splitWords(neighbours, lang).length > 0 ||
        t.words.some((w) => !w.known && /^\p{Ll}{1,2}$/u.test(w.text))
      );
    },
  },
  {
    id: 'term/not-a-noun',
    problem: 'not-noun',
    why: 'A key term is a noun where the document uses it: "helps", "show", "available" are not ("show" was a key term of the VA slides).',
    reject: [
      'helps | This option helps when the program leaks memory.',
      'show | Show how to define a cancer cohort.',
    ],
    keep: ['help | The help of the tool lists every option.', 'show | The show ran for a year.'],
    fails: (t) => headClass(t.words.at(-1)!) !== 'noun',
  },
  {
    id: 'term/person',
    problem: 'name',
    why: 'Two capitalised words the model does not know are a person\'s name ("Eleftherios Dobkin"), not a term.',
    reject: ['Eleftherios Dobkin'],
    keep: ['Veterans Affairs | The Department of Veterans Affairs runs the program.'],
    fails: (t) =>
      t.words.length >= 2 &&
      t.words.every((w) => w.pos === 'PROPN' && !w.known && /^\p{Lu}\p{Ll}+$/u.test(w.text)),
  },
];

/** `term` as it stands in `context` (a sentence containing it), or in a carrier sentence when absent. */
export function readTerm(term: string, lang: AnalysedLanguage, context?: string): TermReading {
  const phrase = term.trim();
  // Without context the model guesses a bare phrase's tags; a carrier sentence puts it where a noun goes.
  const where = (text: string) => {
    const m = findWhole(text, phrase);
    return m ? { text, ...m } : null;
  };
  const place = (context ? where(context) : null) ?? where(`We read about the ${phrase} here.`);
  if (!place) return { phrase, tokens: [], at: 0, inside: [], words: [] };
  const tokens = lang.analyser.tag(place.text);
  const inside = tokensIn(tokens, place.at, place.at + place.length);
  return { phrase, tokens, at: place.at, inside, words: inside.filter(hasLetters) };
}

/** The first rule of {@link TERM_RULES} that `term` fails where `context` uses it, or null. */
export function termRule(term: string, lang: AnalysedLanguage, context?: string): TermRule | null {
  const reading = readTerm(term, lang, context);
  for (const rule of TERM_RULES) if (rule.fails(reading, lang)) return rule;
  return null;
}

/** Why `term` cannot be a key term where `context` uses it, or null when it is a content term. */
export const termProblem = (term: string, lang: AnalysedLanguage, context?: string): TermProblem | null =>
  termRule(term, lang, context)?.problem ?? null;
