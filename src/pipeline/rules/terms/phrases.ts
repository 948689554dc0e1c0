/**
 * Which noun phrases of an English sentence are candidate key terms. The phrase finder (text/phrases.ts) reads
 * each run of adjectives and nouns that ends in a noun, and offers its last one, two and three words; a
 * candidate any rule of {@link PHRASE_RULES} catches is not offered. Examples mark the candidate in brackets.
 */
import { GENERAL_NOUNS, VAGUE_ADJECTIVES } from '../../language/en/vocabulary.ts';
import type { Rule } from '../rule.ts';

/** A word of a sentence as the phrase finder sees it: hyphenated compounds joined, code marked. */
export interface PhraseWord {
  text: string;
  lower: string;
  lemma: string;
  pos: string;
  known: boolean;
  code: boolean;
}

/** A candidate phrase: its words (the last `words.length` of the run) and where it stands. */
export interface PhraseCandidate {
  words: readonly PhraseWord[];
  /** The whole run of adjectives and nouns it ends. */
  run: readonly PhraseWord[];
  /** Vague or non-term words opening the run are not part of any candidate: the run starts here. */
  from: number;
  /** The run opens the sentence, where capitals say nothing. */
  initial: boolean;
  /** Whether a word may be part of a term: a word of letters, not a stopword of the language, not code. */
  isTermWord: (w: PhraseWord) => boolean;
}

export interface PhraseRule extends Rule {
  skips(c: PhraseCandidate): boolean;
}

/** A capitalised word the model does not know: part of a name, when two stand together. */
const nameLike = (w: PhraseWord) => w.pos === 'PROPN' && !w.known && CAPITALISED_WORD.test(w.text);

// Patterns made once: a literal in a rule is a new RegExp for every candidate.
const CAPITALISED_WORD = /^\p{Lu}\p{Ll}+$/u;
const CAPITALS = /^\p{Lu}{2,}$/u;
const STARTS_LOWER = /^\p{Ll}/u;

/** Every word of a term is a term word: the phrase finder also asks it of a run's head first. */
export const NON_TERM_WORD: PhraseRule = {
  id: 'phrase/non-term-word',
  why: 'Every word of a term is a word of letters that is not a stopword of the language or code ("example", "chapter", "student_id").',
  reject: ['Each [data example] is listed in the file.', 'In that [case] the program stops at once.'],
  keep: ['The [primary key] identifies every row.', 'The [war] lasted four years and ended in 1918.'],
  skips: (c) => !c.words.every(c.isTermWord),
};

export const PHRASE_RULES: readonly PhraseRule[] = [
  {
    id: 'phrase/person-name',
    why: 'Two or more capitalised words the model does not know are a person\'s name ("Andreas Arnez"), not a term.',
    reject: ['The port is maintained by [Andreas Arnez] in Germany.'],
    keep: ['The [Memcheck tool] finds leaks in every program.'],
    skips: (c) => c.run.length >= 2 && c.run.every(nameLike),
  },
  NON_TERM_WORD,
  {
    id: 'phrase/general-noun',
    why: 'A noun too general to name a topic ("way", "case", "result", "section") is no term alone; in a phrase it may be ("test case").',
    reject: ['In [fact] the program stops at once.'],
    keep: ['The [access point] sends the packets.'],
    skips: (c) => c.words.length === 1 && GENERAL_NOUNS.has(c.words.at(-1)!.lemma),
  },
  {
    id: 'phrase/capitalised-common-word',
    why: 'One capitalised common word inside a sentence is part of a name ("Veterans Day", "the Secretary"), not a term; at the start of a sentence capitals say nothing.',
    reject: ['The office closes on Veterans [Day] every year.'],
    keep: ['[Transactions] keep the data of a bank correct.'],
    skips(c) {
      const head = c.words.at(-1)!;
      return (
        c.words.length === 1 &&
        !(c.initial && c.run.length - c.from === 1) &&
        head.known &&
        CAPITALISED_WORD.test(head.text)
      );
    },
  },
  {
    id: 'phrase/vague-modifier',
    why: 'An adjective that says nothing about what a thing is ("other tables", "the following options") makes no term.',
    reject: ['The [database current version] is stored in a table.'],
    keep: ['The [foreign key] refers to another table.'],
    skips: (c) => c.words.slice(0, -1).some((w) => VAGUE_ADJECTIVES.has(w.lower)),
  },
  {
    id: 'phrase/keyword-after-word',
    why: 'A keyword in capitals after a plain word is code ("INTO students VALUES", "accounts SET balance").',
    reject: ['The statement UPDATE [accounts SET balance] is run once.'],
    keep: ['The [WHERE clause] filters the rows of the table.'],
    skips: (c) =>
      c.words.some((w, x) => x > 0 && CAPITALS.test(w.text) && STARTS_LOWER.test(c.words[x - 1]!.text)),
  },
];

/** Vague adjectives that open a run are left out of its candidates ("the following [options]"). */
export const isVague = (w: PhraseWord) => VAGUE_ADJECTIVES.has(w.lower);
