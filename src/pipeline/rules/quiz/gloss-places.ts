/**
 * The shapes of the glossary's rules (rules/quiz/glosses.ts and the non-definitions of non-definitions.ts, which
 * glosses.ts gathers): a file of their own, so that both read them without importing each other.
 */
import type { QuizWords, Token } from '../../language/index.ts';
import type { Rule } from '../rule.ts';

/** A defined term as the rules read it: the definition's first sentence, tagged on demand. */
export interface GlossPlace {
  term: string;
  gloss: string;
  tags: () => readonly Token[];
  words: QuizWords;
}

export interface GlossRule extends Rule {
  fails(d: GlossPlace): boolean;
}

/** A short answer to ask: the term, its definition, and the answers it would accept. */
export interface AnswerPlace {
  term: string;
  gloss: string;
  answers: readonly string[];
  words: QuizWords;
  /** Whether a word is a word of the language (the analyser's lexicon), not a name. */
  isWord: (word: string) => boolean;
}

export interface AnswerRule extends Rule {
  fails(a: AnswerPlace): boolean;
}

/**
 * A term as the glossary gate reads it (quiz/defined-terms.ts): no answers, since multiple choice and matching
 * accept none typed; a rule reading them would judge a term by answers the gate can only make up.
 */
export type TermPlace = Pick<AnswerPlace, 'term' | 'words' | 'isWord'>;

/** A rule of DEFINED_TERM_RULES: whether a term is no term to know, whatever kind asks with it. */
export interface TermRule extends Rule {
  fails(a: TermPlace): boolean;
}
