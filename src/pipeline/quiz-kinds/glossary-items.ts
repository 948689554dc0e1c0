/**
 * Matching and short answer from the terms a module defines (its glossary, each term with the phrase the text
 * defines it as).
 *
 * Matching: three to six terms of one module with their definitions; the definitions must be distinct enough that
 * each has one match (no two sharing most of their words), none may name a term, and no term may sit inside
 * another ("key" beside "primary key").
 *
 * Short answer: the term a definition defines, typed; accepted are the term, its other number (plural or
 * singular), its hyphenated or joined spelling, and the abbreviation the text gives beside it ("database
 * management system (DBMS)"). Case is ignored when answers are compared. A term of more than four words, or one
 * that the definition names, is not asked.
 */
import type { DraftOf } from '../../domain/questions.ts';
import type { Token } from '../language/index.ts';
import type { Defined } from '../quiz/english/definition.ts';
import { containsTerm } from '../text/cloze.ts';
import { type Rng, shuffled } from '../text/rng.ts';
import { type Candidate, candidate, cited, quoted } from './candidate.ts';
import { optionsProblem } from './multiple-answer.ts';

/** Two definitions sharing more than this share of their content words could each match the other's term. */
const SIMILAR_DEFINITIONS = 0.7;
/** Words that say nothing of what a definition is about. */
const FUNCTION_WORDS = new Set([
  'that',
  'this',
  'with',
  'from',
  'which',
  'what',
  'when',
  'into',
  'than',
  'them',
  'they',
  'each',
  'other',
  'another',
  'used',
  'uses',
  'there',
  'their',
  'have',
  'were',
  'been',
  'only',
  'also',
  'more',
  'most',
  'some',
  'such',
]);
const MAX_PAIRS = 6;
const MIN_PAIRS = 3;
const MAX_TERM_WORDS = 4;

/** A definition for a list of them: its first sentence, at most this many words. */
const MAX_MATCH_WORDS = 20;

/** The definition's first sentence ("a thread error detector. It helps…" → "a thread error detector"). */
export const firstSentence = (gloss: string) =>
  gloss.split(/(?<=\p{Ll}{2})\.\s+(?=\p{Lu})/u)[0]!.replace(/[.;:]$/u, '');

/** A gloss quoted as a phrase ("\"same access count\"") defines a symbol, not a concept: not asked. */
const quotedGloss = (gloss: string) => /^["“'‘]/u.test(gloss.trim());

/**
 * A gloss that says something about the term rather than what it is ("an important result of coding", "one of
 * the tools"), or too short to tell terms apart ("non-Count vs"): no definition to ask by.
 */
export function weakGloss(gloss: string): boolean {
  const g = gloss.trim();
  if (
    /^(?:an? |the )?(?:important|major|key|good|great|critical|main|useful|common|new|different|other|special) /iu.test(
      g,
    )
  )
    return true;
  if (/^(?:one|some|part|any|each) of\b/iu.test(g)) return true;
  return (g.match(/\p{L}{3,}/gu) ?? []).filter((w) => !/^(?:the|and|for)$/iu.test(w)).length < 3;
}

/** The content words of a text: four letters or more, not a function word. */
/** Words that make a term depend on its context ("second component", "simplest such structure"). */
const CONTEXT_TERM =
  /\b(?:first|second|third|fourth|last|next|previous|following|former|latter|such|same|other|above|below|simplest|latest|current|new|old|former)\b/iu;

/** Words that make a gloss lean on the text around it ("these data sources") or speak as the author ("we"). */
const CONTEXT_GLOSS = /\b(?:these|those|this|such|we|our|us|you|your|here|above|below)\b/iu;

/** Pronouns and conjunctions that open a relative clause: a verb after one belongs to the definition. */
const RELATIVE = new Set(['that', 'which', 'who', 'whom', 'whose', 'where', 'when', 'whereby']);

/**
 * Whether a term and its gloss can be asked without the text around them: no ordinal or "such" in the term, no
 * pointer or author's voice in the gloss, and the gloss a phrase: its first verb comes after a relative word
 * ("a situation in which two transactions wait") or is a participle ("a list labelled by…"), never a clause of
 * its own ("the class of an object determines how…", "infinity and NaN is not-a-number").
 */
export function askable(
  d: Pick<Defined, 'term' | 'gloss'>,
  tag: (text: string) => readonly Token[],
): boolean {
  const gloss = firstSentence(d.gloss);
  if (CONTEXT_TERM.test(d.term) || CONTEXT_GLOSS.test(gloss) || weakGloss(gloss)) return false;
  if (/\b(?:of|to|the|a|an|and|or|that|which|with|by|for|in|on)$/iu.test(gloss)) return false;
  if (/^(?:of|in|on|at|by|for|with|to|from|as|so|also|only|just|then|course)\b/iu.test(gloss)) return false;
  const tokens = tag(gloss);
  const verb = tokens.findIndex((t) => t.pos === 'VERB' || t.pos === 'AUX');
  if (verb < 0) return true;
  const word = tokens[verb]!.lower;
  return /(?:ed|ing|en)$/u.test(word) || tokens.slice(0, verb).some((t) => RELATIVE.has(t.lower));
}

const wordsOf = (s: string) =>
  new Set((s.toLowerCase().match(/\p{L}[\p{L}\p{N}'-]{3,}/gu) ?? []).filter((w) => !FUNCTION_WORDS.has(w)));

/** Share of the smaller set's words the two share. */
function overlap(a: string, b: string): number {
  const [x, y] = [wordsOf(a), wordsOf(b)];
  const shared = [...x].filter((w) => y.has(w)).length;
  return shared / Math.max(1, Math.min(x.size, y.size));
}

const nested = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x.includes(y) || y.includes(x);
};

/** Why `pairs` cannot be one matching question, or null. */
export function matchingProblem(pairs: readonly { term: string; definition: string }[]): string | null {
  for (const [i, p] of pairs.entries()) {
    for (const o of pairs.slice(i + 1)) {
      if (nested(p.term, o.term)) return `the term "${o.term}" and "${p.term}" are one inside the other`;
      if (overlap(p.definition, o.definition) > SIMILAR_DEFINITIONS)
        return `the definitions of "${p.term}" and "${o.term}" are too alike to have one match each`;
    }
    const named = pairs.find((o) => containsTerm(p.definition, o.term));
    if (named) return `the definition of "${p.term}" names "${named.term}"`;
  }
  return null;
}

/** Matching items: the defined terms of each module, in groups of three to six. */
export function matchingItems(defined: readonly Defined[], rng: Rng): Candidate[] {
  const byModule = new Map<number, Defined[]>();
  for (const d of defined) byModule.set(d.moduleIndex, [...(byModule.get(d.moduleIndex) ?? []), d]);
  const out: Candidate[] = [];
  for (const [moduleIndex, entries] of byModule) {
    // Greedily keep the entries that fit with those kept: one group per module, its size from what the text has.
    const group: Defined[] = [];
    for (const d of shuffled(entries, rng)) {
      if (group.length >= MAX_PAIRS) break;
      const gloss = firstSentence(d.gloss);
      if (quotedGloss(gloss) || weakGloss(gloss) || gloss.split(/\s+/).length > MAX_MATCH_WORDS) continue;
      const pairs = [...group, d].map((x) => ({ term: x.term, definition: firstSentence(x.gloss) }));
      if (matchingProblem(pairs) === null) group.push(d);
    }
    if (group.length < MIN_PAIRS) continue;
    const pages = [...new Set(group.map((g) => g.page))].sort((a, b) => a - b);
    const q: DraftOf<'matching'> = {
      kind: 'matching',
      prompt: 'Match each definition with the term the text defines by it.',
      pairs: group.map((g) => ({ term: g.term, definition: firstSentence(g.gloss) })),
      explanation: `The text defines these terms on page${pages.length > 1 ? 's' : ''} ${pages.join(', ')}.`,
      ...cited({ page: group[0]!.page, chunkId: group[0]!.chunkId, moduleIndex }),
    };
    out.push(
      candidate(
        q,
        group.map((g) => g.sentence),
      ),
    );
  }
  return out;
}

/**
 * Multiple answer from the glossary: four terms of a module (or of the quiz's scope), each with a definition;
 * two or three with their own, one or two with another's of the four (definitions distinct enough that a
 * borrowed one is wrong: the same check as matching).
 */
export function definitionChoiceItems(defined: readonly Defined[], rng: Rng): Candidate[] {
  const usable = defined.filter((d) => {
    const g = firstSentence(d.gloss);
    return !quotedGloss(g) && !weakGloss(g) && g.split(/\s+/).length <= MAX_MATCH_WORDS;
  });
  const out: Candidate[] = [];
  const pool = shuffled(usable, rng);
  while (pool.length >= 4) {
    const group: Defined[] = [];
    for (const d of [...pool]) {
      if (group.length === 4) break;
      const pairs = [...group, d].map((x) => ({ term: x.term, definition: firstSentence(x.gloss) }));
      if (matchingProblem(pairs) === null) group.push(d);
    }
    for (const g of group) pool.splice(pool.indexOf(g), 1);
    if (group.length < 4) break;
    const nTrue = rng() < 0.5 ? 3 : 2;
    // The first nTrue keep their definition; the others trade theirs (or, alone, take the first one's).
    const glossOf = group.map((g, k) => {
      if (k < nTrue) return firstSentence(g.gloss);
      const other = nTrue === 2 ? group[k === 2 ? 3 : 2]! : group[0]!;
      return firstSentence(other.gloss);
    });
    const order = shuffled([0, 1, 2, 3], rng);
    const options = order.map((k) => `${group[k]!.term}: ${glossOf[k]}`);
    // The same checks as any multiple-answer item: comparable lengths, none inside another.
    if (optionsProblem(options)) continue;
    const q: DraftOf<'multiple_answer'> = {
      kind: 'multiple_answer',
      prompt: 'Which of these definitions does the text give? Select all that apply.',
      options,
      answerIndexes: order.flatMap((k, i) => (k < nTrue ? [i] : [])),
      explanation: order
        .map((k, i) => {
          const g = group[k]!;
          return k < nTrue
            ? `${'ABCD'[i]}) Page ${g.page} defines ${g.term} so.`
            : `${'ABCD'[i]}) Not so: page ${g.page} defines ${g.term} as “${firstSentence(g.gloss)}”.`;
        })
        .join(' '),
      ...cited(group[0]!),
    };
    if (group.every((g) => g.moduleIndex === group[0]!.moduleIndex))
      Object.assign(q, { moduleIndex: group[0]!.moduleIndex });
    else delete (q as { moduleIndex?: number }).moduleIndex;
    out.push(
      candidate(
        q,
        group.map((g) => g.sentence),
      ),
    );
  }
  return out;
}

/** The term's other number: `keys` for `key`, `entries` for `entry`, `index` for `indexes`; null when unsure. */
export function otherNumber(term: string): string | null {
  const words = term.split(' ');
  const last = words.at(-1)!;
  if (!/^\p{Ll}+$/u.test(last) || last.length < 3) return null;
  // Latin and Greek forms (data, criteria, curriculum, analysis) and nouns without a plural take no rule.
  if (/(?:a|um|on|is|ics|ware|ledge|ence|ance|ment|ation)$/u.test(last) && !/ations?$/u.test(last))
    return null;
  if (/^(?:information|research|advice|equipment|evidence|software|hardware|data|media)$/u.test(last))
    return null;
  let other: string;
  if (/[^aeiou]ies$/u.test(last)) other = `${last.slice(0, -3)}y`;
  else if (/(?:s|x|z|ch|sh)es$/u.test(last)) other = last.slice(0, -2);
  else if (/[^s]s$/u.test(last) && !/(?:ss|us|is)$/u.test(last)) other = last.slice(0, -1);
  else if (/[^aeiou]y$/u.test(last)) other = `${last.slice(0, -1)}ies`;
  else if (/(?:s|x|z|ch|sh)$/u.test(last)) other = `${last}es`;
  else other = `${last}s`;
  return [...words.slice(0, -1), other].join(' ');
}

/** The abbreviation the text gives beside `term`: "term (ABBR)" or "ABBR (term)". */
export function abbreviationOf(term: string, text: string): string | null {
  const t = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const after = new RegExp(`${t}\\s*\\(([A-Z][A-Za-z0-9]{1,7})\\)`, 'iu').exec(text);
  const before = new RegExp(`\\b([A-Z][A-Z0-9]{1,7})\\s*\\(${t}\\)`, 'iu').exec(text);
  const abbr = after?.[1] ?? before?.[1];
  if (!abbr || abbr.toLowerCase() === term.toLowerCase()) return null;
  // An abbreviation takes the term's first letter and then letters of it in order (DBMS: DataBase Management
  // System), or it is no abbreviation of it.
  const letters = term.toLowerCase();
  let at = 0;
  for (const c of abbr.toLowerCase()) {
    at = letters.indexOf(c, at);
    if (at < 0) return null;
    at++;
  }
  return abbr[0]!.toLowerCase() === letters[0] ? abbr : null;
}

/** The answers a short answer accepts for `term`: itself, its other number, other spellings, its abbreviation. */
export function acceptedAnswers(term: string, context: string): string[] {
  const variants = [term];
  const other = otherNumber(term);
  if (other) variants.push(other);
  if (term.includes('-')) variants.push(term.replaceAll('-', ' '), term.replaceAll('-', ''));
  else if (/\s/.test(term) && term.split(/\s+/).length === 2) variants.push(term.replace(/\s+/, '-'));
  const abbr = abbreviationOf(term, context);
  if (abbr) variants.push(abbr);
  const seen = new Set<string>();
  return variants.filter((v) => {
    const key = v.toLowerCase();
    return !seen.has(key) && seen.add(key);
  });
}

/**
 * Short-answer items: the term each definition defines, with the answers it accepts. A term of one common word in
 * lower case ("count", "value") is not asked: one word can name too much to be recalled from its definition
 * alone.
 */
export function shortAnswerItems(
  defined: readonly Defined[],
  contextOf: (d: Defined) => string,
): Candidate[] {
  const out: Candidate[] = [];
  for (const d of defined) {
    if (d.term.split(/\s+/).length > MAX_TERM_WORDS || /[`(){}[\]<>=;]/.test(d.term)) continue;
    if (quotedGloss(d.gloss) || weakGloss(d.gloss)) continue;
    // One common word ("value", "output") names too much to be recalled from its definition alone.
    if (!/\s|[\p{Lu}\p{N}]/u.test(d.term)) continue;
    const answers = acceptedAnswers(d.term, `${d.sentence} ${contextOf(d)}`);
    if (answers.some((a) => containsTerm(d.gloss, a))) continue;
    const q: DraftOf<'short_answer'> = {
      kind: 'short_answer',
      prompt: `Type the term the text defines as “${d.gloss}”.`,
      answers,
      explanation: `From page ${d.page}: ${quoted(d.sentence, 300)}`,
      ...cited(d),
    };
    out.push(candidate(q, [d.sentence]));
  }
  return out;
}
