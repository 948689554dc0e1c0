/**
 * Whether a learning objective is well formed: one of the objective patterns ({@link OBJECTIVE_PATTERNS}), with
 * a content noun phrase (see rules/terms) in each slot that names a term, and a real title (not "Pages 1–10") in
 * a slot that names a part of the course. The generator (course/objectives.ts) checks every objective it makes
 * with {@link OBJECTIVE_RULES}; `npm run eval:quality` counts with them.
 *
 * An example is the objective, or `objective | a sentence of the document that uses its term`.
 */
import type { AnalysedLanguage } from '../../language/index.ts';
import type { Rule } from '../rule.ts';
import { termProblem } from '../terms/index.ts';

/** An objective pattern: which groups are terms and which are titles. */
interface Pattern {
  re: RegExp;
  terms: number[];
  titles: number[];
}

/** The forms an objective may take. */
export const OBJECTIVE_PATTERNS: readonly Pattern[] = [
  { re: /^Define (.+?) and give an example from the text\.$/u, terms: [1], titles: [] },
  { re: /^Define (.+?)\.$/u, terms: [1], titles: [] },
  { re: /^Distinguish (.+?) from (.+?)\.$/u, terms: [1, 2], titles: [] },
  { re: /^Describe how (.+?) relates? to (.+?)\.$/u, terms: [1, 2], titles: [] },
  { re: /^Compare (.+?) (?:and|with) (.+?)\.$/u, terms: [1, 2], titles: [] },
  { re: /^Identify the role of (.+?) in (.+?)\.$/u, terms: [1], titles: [2] },
  { re: /^Summari[sz]e what the text says about (.+?)\.$/u, terms: [1], titles: [] },
  { re: /^Summari[sz]e the main ideas of (.+?)\.$/u, terms: [], titles: [1] },
  { re: /^Outline the key points of (.+?)\.$/u, terms: [], titles: [1] },
  { re: /^Recall the main facts presented in (.+?)\.$/u, terms: [], titles: [1] },
  { re: /^Use (.+?) to (.+?)\.$/u, terms: [1], titles: [] },
  {
    re: /^Explain (?:what |the purpose of |the role of )?(.+?)(?: is| are| does| do)?\.$/u,
    terms: [1],
    titles: [],
  },
];

export type ObjectiveProblem = 'pattern' | 'term' | 'title';

/** An objective read against the patterns: the terms and titles of the first pattern it matches. */
export interface ObjectiveReading {
  pattern: Pattern | null;
  terms: string[];
  titles: string[];
  /** A sentence of the document that uses a term, to judge the term as the document uses it. */
  contextOf: (term: string) => string | undefined;
}

export interface ObjectiveRule extends Rule {
  readonly problem: ObjectiveProblem;
  fails(o: ObjectiveReading, lang: AnalysedLanguage): boolean;
}

const stripQuotes = (s: string) => s.replace(/^["“‘']|["”’']$/gu, '').trim();

/** A title worth naming: has a word, is not a page range or a bare number. */
export function isRealTitle(title: string): boolean {
  return /\p{L}{3}/u.test(title) && !/^pages?\s+[\d–-]+/iu.test(title) && title.length <= 120;
}

export const OBJECTIVE_RULES: readonly ObjectiveRule[] = [
  {
    id: 'objective/known-pattern',
    problem: 'pattern',
    why: 'An objective takes one of the patterns a teacher expects ("Define X.", "Distinguish X from Y.", …); any other form was not made by a rule anyone checked.',
    reject: ['Ponder the void.'],
    keep: ['Define transaction, deadlock and isolation level.'],
    fails: (o) => o.pattern === null,
  },
  {
    id: 'objective/term-is-content',
    problem: 'term',
    why: 'Every term an objective names passes the key-term rules where the document uses it: "Explain helps." and "Describe how wish relates to Michael." name no content.',
    reject: [
      'Explain helps. | It helps you make your programs use less memory.',
      'Describe how wish relates to Michael. | I wish Michael would call.',
    ],
    keep: ['Distinguish primary key from foreign key.'],
    fails: (o, lang) => o.terms.some((term) => !term || termProblem(term, lang, o.contextOf(term)) !== null),
  },
  {
    id: 'objective/real-title',
    problem: 'title',
    why: 'A part of the course is named by a title with words, not by its pages ("Pages 1–10").',
    reject: ['Identify the role of SELECT in Pages 1–10.'],
    keep: ['Summarise the main ideas of “Querying with SQL”.'],
    fails: (o) => o.titles.some((t) => !isRealTitle(t)),
  },
];

/** `objective` read against {@link OBJECTIVE_PATTERNS}. */
export function readObjective(
  objective: string,
  contextOf: (term: string) => string | undefined = () => undefined,
): ObjectiveReading {
  for (const pattern of OBJECTIVE_PATTERNS) {
    const m = pattern.re.exec(objective.trim());
    if (!m) continue;
    return {
      pattern,
      terms: pattern.terms.flatMap((i) => stripQuotes(m[i]!).split(/,\s*|\s+and\s+/u)),
      titles: pattern.titles.map((i) => stripQuotes(m[i]!)),
      contextOf,
    };
  }
  return { pattern: null, terms: [], titles: [], contextOf };
}

/**
 * The problem of an objective, or null when it is well formed. `contextOf` finds a sentence of the document
 * using a term, to judge the term as the document uses it.
 */
export function objectiveProblem(
  objective: string,
  lang: AnalysedLanguage,
  contextOf?: (term: string) => string | undefined,
): ObjectiveProblem | null {
  const reading = readObjective(objective, contextOf);
  for (const rule of OBJECTIVE_RULES) if (rule.fails(reading, lang)) return rule.problem;
  return null;
}
