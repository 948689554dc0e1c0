/**
 * Corrections of the small English model's commonest confusions in technical text, which decide whether a
 * phrase is a noun (and so a key term, a blank, an option). They run in the order of {@link TAG_RULES} after
 * the model has tagged a text: a `sentence` rule looks at the whole text once, a run of `token` rules looks at
 * each token in turn, the first of them that applies giving the token its tag.
 *
 * Examples mark the token a rule is about with brackets: "[COMMIT] ends it successfully."
 */
import type { Rule } from '../../rules/rule.ts';
import { isNominal, type Pos, type Token } from '../analyser.ts';

interface TagContext {
  /** Every word of the text is in capitals: capitals say nothing there. */
  shouting: boolean;
}

/** A rule that re-tags one token, looking at its neighbours. */
export interface TokenTagRule extends Rule {
  readonly scope: 'token';
  /** The tag token `i` should have, or null when the rule does not apply. */
  retag(tokens: readonly Token[], i: number, ctx: TagContext): Pos | null;
}

/** A rule that looks at the whole text once and re-tags what it finds. */
export interface SentenceTagRule extends Rule {
  readonly scope: 'sentence';
  /** Re-tags tokens in place; calls `changed` with the index of each token it re-tags. */
  apply(tokens: Token[], changed: (i: number) => void): void;
}

export type TagRule = TokenTagRule | SentenceTagRule;

const DETERMINERS = new Set(['DET', 'NUM']);
const RELATIVE = new Set(['that', 'which', 'who']);
const PHRASE_TAGS = new Set<Pos>(['ADJ', 'NOUN', 'PROPN']);
/** Words that open a clause after an imperative: "Show how…", "Note what…". */
const CLAUSE_OPENERS = new Set(['how', 'why', 'what', 'whether']);
/** The articles an instruction's object takes: "Show the results", "Draw a line". */
const ARTICLES = new Set(['the', 'a', 'an']);
/** Nouns that may open a sentence before a determiner without being a verb: "Today the file is read". */
const TIME_NOUNS = new Set(['today', 'tonight', 'tomorrow', 'yesterday', 'meanwhile']);
/** Endings of adjectives, which may end a phrase after a determiner ("the data is available"). */
const ADJECTIVE_ENDING = /(?:ed|ing|ful|ous|ive|able|ible|al|ic|less)$/u;
const PLURAL = /[^s]s$/u;
const CAPITALS = /^\p{Lu}{2,}$/u;

const imperative: SentenceTagRule = {
  id: 'tags/imperative-opens-sentence',
  scope: 'sentence',
  why: 'Slides and objectives are full of instructions, and the model read their verb as a noun: "show" was a key term of the VA slides and the answer of a blank. A singular base-form noun that an article or a clause follows rarely opens a sentence as its subject.',
  reject: [
    '[Show] how to define a cancer cohort.',
    '[Report] the findings to the nurse.',
    '[Note] what the loop returns.',
  ],
  keep: [
    '[Today] the file is read.',
    // "The" in capitals: a heading run into its text.
    '[Overview] The VA runs the program.',
    '[Revenue] this year rose by a tenth.',
    '[Cancer] cells grow quickly.',
    '[Data] which the user enters are stored.',
  ],
  apply(tokens, changed) {
    const [first, next] = tokens;
    if (first?.pos !== 'NOUN' || !next || !/^\p{Lu}\p{Ll}+$/u.test(first.text)) return;
    if (first.lemma !== first.lower || TIME_NOUNS.has(first.lower)) return;
    if (ARTICLES.has(next.text) || CLAUSE_OPENERS.has(next.text)) {
      first.pos = 'VERB';
      changed(0);
    }
  },
};

const capitalsName: TokenTagRule = {
  id: 'tags/capitals-name-something',
  scope: 'token',
  why: 'SQL keywords and acronyms were read as verbs or adjectives ("COMMIT ends it", "LEFT OUTER JOIN"): a word in capitals inside a text that is not itself in capitals names something.',
  reject: ['[COMMIT] ends it successfully.', 'The LEFT [JOIN] keeps every row.'],
  keep: ['[IS] THE PROGRAM RUNNING?', 'The [SQL] standard is long.'],
  retag(tokens, i, ctx) {
    const t = tokens[i]!;
    // The tag first: the pattern is the dearer test, and this runs for every token of the document.
    return !ctx.shouting && t.pos !== 'PROPN' && t.pos !== 'NOUN' && CAPITALS.test(t.text) ? 'PROPN' : null;
  },
};

const pluralVerb: TokenTagRule = {
  id: 'tags/verb-read-as-plural-noun',
  scope: 'token',
  why: 'A verb in the third person was read as a plural noun between its subject and a determiner ("Valgrind prints a stack trace"), which made "prints" a term.',
  reject: ['Valgrind [prints] a stack trace for each error.'],
  keep: ['The [errors] of the program are listed.', 'Each of the errors the tool [finds] is listed.'],
  retag(tokens, i) {
    const t = tokens[i]!;
    if (t.pos !== 'NOUN' || i < 1 || !PLURAL.test(t.lower)) return null;
    const [before, after] = [tokens[i - 1]!, tokens[i + 1]];
    const subject = isNominal(before.pos) || before.pos === 'PRON' || RELATIVE.has(before.lower);
    return after?.pos === 'DET' && subject && before.lower !== 'of' ? 'VERB' : null;
  },
};

const verbAfterPlural: TokenTagRule = {
  id: 'tags/verb-after-plural-subject',
  scope: 'token',
  why: '"Clinics record the visits": a base-form word between a plural noun and a determiner, an adjective or a pronoun is the plural\'s verb, not a compound\'s head.',
  reject: ['Nurses [report] the results to the doctor.', 'The options [control] the output.'],
  keep: ['A full table [scan] reads every row.', 'Veterans [need] the care.'],
  retag(tokens, i) {
    const t = tokens[i]!;
    if (t.pos !== 'NOUN' || i < 1 || t.lemma !== t.lower || /s$/u.test(t.lower)) return null;
    const [before, after] = [tokens[i - 1]!, tokens[i + 1]];
    const pluralBefore = before.pos === 'NOUN' && PLURAL.test(before.lower) && before.lemma !== before.lower;
    return pluralBefore && after && (after.pos === 'DET' || after.pos === 'ADJ' || after.pos === 'PRON')
      ? 'VERB'
      : null;
  },
};

const compoundHead: TokenTagRule = {
  id: 'tags/compound-head-read-as-verb',
  scope: 'token',
  why: 'The head of a noun compound was read as a verb ("a stack trace for", "a full table scan reads"): a verb in its base form right after a singular noun that follows a determiner cannot be finite (it would agree: "traces").',
  reject: ['Valgrind prints a stack [trace] for each error.', 'A full table [scan] reads every row.'],
  keep: ['The program [runs] in a loop.', 'The users [trace] the calls.'],
  retag(tokens, i) {
    const t = tokens[i]!;
    if (t.pos !== 'VERB' || t.lemma !== t.lower || /(?:s|ed|ing)$/u.test(t.lower) || i < 2) return null;
    const before = tokens[i - 1]!;
    if (before.pos !== 'NOUN' || PLURAL.test(before.lower)) return null;
    let j = i - 2;
    while (j >= 0 && (tokens[j]!.pos === 'NOUN' || tokens[j]!.pos === 'ADJ')) j--;
    return j >= 0 && DETERMINERS.has(tokens[j]!.pos) ? 'NOUN' : null;
  },
};

const phraseEndsInNoun: SentenceTagRule = {
  id: 'tags/phrase-ends-in-noun',
  scope: 'sentence',
  why: 'A noun was read as an adjective at the end of a noun phrase ("the primary key is", "a candidate key."): a phrase after a determiner ends in a noun, unless the word has an adjective\'s ending.',
  reject: ['The primary [key] is student_id.'],
  keep: ['The data is [available] to every user.'],
  apply(tokens, changed) {
    for (let i = 0; i < tokens.length; i++) {
      if (tokens[i]!.pos !== 'DET') continue;
      let j = i + 1;
      while (j < tokens.length && PHRASE_TAGS.has(tokens[j]!.pos)) j++;
      const last = tokens[j - 1]!;
      if (j - 1 > i + 1 && last.pos === 'ADJ' && !ADJECTIVE_ENDING.test(last.lower)) {
        last.pos = 'NOUN';
        changed(j - 1);
      }
      i = j - 1;
    }
  },
};

/** The corrections, in the order they run. */
export const TAG_RULES: readonly TagRule[] = [
  imperative,
  capitalsName,
  pluralVerb,
  verbAfterPlural,
  compoundHead,
  phraseEndsInNoun,
];

/** {@link TAG_RULES} as the passes they run in: a sentence rule alone, or a run of token rules. */
const PASSES: readonly (SentenceTagRule | readonly TokenTagRule[])[] = TAG_RULES.reduce<
  (SentenceTagRule | TokenTagRule[])[]
>((passes, rule) => {
  const last = passes.at(-1);
  if (rule.scope === 'sentence') passes.push(rule);
  else if (Array.isArray(last)) last.push(rule);
  else passes.push([rule]);
  return passes;
}, []);

const NO_TRACE = () => {};

/** Every word of the tokens is in capitals (see TagContext). */
export const isShouting = (tokens: readonly Token[]) =>
  tokens.every((t) => t.text === t.text.toUpperCase() || !/\p{L}/u.test(t.text));

/**
 * Applies {@link TAG_RULES} to the model's tags, in place. `trace` (for the rules' table test) hears which rule
 * re-tagged which token; `shouting` says whether the whole text is in capitals, when the tokens are only part of
 * it (the words around the seam of a joined pair).
 */
export function correctTags(
  tokens: Token[],
  trace?: (rule: TagRule, i: number) => void,
  shouting = isShouting(tokens),
): Token[] {
  const ctx: TagContext = { shouting };
  for (const pass of PASSES) {
    if (!Array.isArray(pass)) {
      const rule = pass as SentenceTagRule;
      rule.apply(tokens, trace ? (i) => trace(rule, i) : NO_TRACE);
      continue;
    }
    // A run of token rules is one pass over the tokens: the first rule that applies to a token tags it.
    for (let i = 0; i < tokens.length; i++)
      for (const tokenRule of pass as readonly TokenTagRule[]) {
        const pos = tokenRule.retag(tokens, i, ctx);
        if (pos === null) continue;
        tokens[i]!.pos = pos;
        trace?.(tokenRule, i);
        break;
      }
  }
  return tokens;
}
