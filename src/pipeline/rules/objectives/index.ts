/**
 * Whether a learning objective is well formed: one of the objective patterns ({@link OBJECTIVE_PATTERNS}), with
 * a content noun phrase (see rules/terms) in each slot that names a term, and a real title (not "Pages 1–10") in
 * a slot that names a part of the course. The generator (course/objectives.ts) checks every objective it makes
 * with {@link OBJECTIVE_RULES}; `npm run eval:quality` counts with them.
 *
 * An example is the objective, or `objective | the sentences of the document (or module) that use its terms`.
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
  { re: /^Recall what the text says about (.+?)\.$/u, terms: [1], titles: [] },
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
  /** How many sentences of the document (or module) use a term (counting to 2 is enough); unknown: Infinity. */
  usesOf: (term: string) => number;
}

export interface ObjectiveRule extends Rule {
  readonly problem: ObjectiveProblem;
  fails(o: ObjectiveReading, lang: AnalysedLanguage): boolean;
}

/** A term in capitals: an acronym ("DLL", "MPI2"). */
const ACRONYM = /^\p{Lu}{2,}[\p{Lu}\p{N}]*$/u;

const stripQuotes = (s: string) => s.replace(/^["“‘']|["”’']$/gu, '').trim();

/**
 * Titles that say nothing of what a part teaches: "Summarise the main ideas of “Introduction”" asks a student to
 * summarise whatever came first.
 */
const GENERIC_TITLE =
  /^(?:introduction|overview|preface|foreword|prologue|summary|conclusions?|contents|table of contents|abstract|background|preliminaries|notes?|remarks|appendix(?: [a-z0-9]+)?|appendices|general|miscellaneous|other|others|untitled|index|glossary|references|bibliography|acknowledge?ments?|chapter \d+|part [0-9ivx]+|section \d+)$/iu;

/**
 * A title worth naming: has a word, is not a page range or a bare number, says what the part is about (not
 * "Introduction"), is a heading and not a run of body text (at most 12 words, no full stop at its end), and is
 * mostly letters (not a table of symbols).
 */
export function isRealTitle(title: string): boolean {
  const t = title.trim();
  if (!/\p{L}{3}/u.test(t) || /^pages?\s+[\d–-]+/iu.test(t) || t.length > 120) return false;
  if (GENERIC_TITLE.test(t.replace(/^[0-9.]+\s+/u, '').replace(/[.:]+$/u, ''))) return false;
  if (t.split(/\s+/u).length > 12 || /[.!?;,]$/u.test(t)) return false;
  const letters = t.match(/\p{L}/gu)?.length ?? 0;
  return letters * 2 >= t.replace(/\s/gu, '').length;
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
    id: 'objective/explained-term',
    problem: 'term',
    why: '"Explain the purpose of X" asks about what the text explains: a phrase it uses once, or an acronym it never spells out, has nothing to explain it by (the unseen manuals had "Explain the purpose of DLL.").',
    reject: [
      'Explain the purpose of DLL. | The DLL is loaded first. The DLL is then linked.',
      'Explain the purpose of stack trace. | Valgrind prints a stack trace for each error.',
    ],
    keep: [
      'Explain the purpose of stack trace. | A stack trace lists the calls. The stack trace ends at main.',
      'Explain the purpose of DBMS. | A database management system (DBMS) stores the data. The DBMS runs queries.',
    ],
    fails(o) {
      if (!o.pattern?.re.source.startsWith('^Explain')) return false;
      return o.terms.some((term) => {
        if (o.usesOf(term) < 2) return true;
        // An acronym is explained where the text spells it out: "database management system (DBMS)".
        return (
          ACRONYM.test(term) && !new RegExp(`\\p{L}\\s*\\(${term}\\)`, 'u').test(o.contextOf(term) ?? '')
        );
      });
    },
  },
  {
    id: 'objective/real-title',
    problem: 'title',
    why: 'A part of the course is named by a title that says what it teaches: not its pages ("Pages 1–10"), not a title any document has ("Introduction"), not a run of body text read as a heading, not a table of symbols.',
    reject: [
      'Identify the role of SELECT in Pages 1–10.',
      'Summarise the main ideas of “Introduction”.',
      'Outline the key points of “The values below are read by the program when it starts and are kept until it ends.”.',
      'Recall the main facts presented in “α β γ δ ε ∂ ∇ ∑ ∫ ≤ ≥”.',
    ],
    keep: [
      'Summarise the main ideas of “Querying with SQL”.',
      'Outline the key points of “Introduction to R”.',
    ],
    fails: (o) => o.titles.some((t) => !isRealTitle(t)),
  },
];

/** `objective` read against {@link OBJECTIVE_PATTERNS}. */
export function readObjective(
  objective: string,
  contextOf: (term: string) => string | undefined = () => undefined,
  usesOf: (term: string) => number = () => Number.POSITIVE_INFINITY,
): ObjectiveReading {
  for (const pattern of OBJECTIVE_PATTERNS) {
    const m = pattern.re.exec(objective.trim());
    if (!m) continue;
    return {
      pattern,
      terms: pattern.terms.flatMap((i) => stripQuotes(m[i]!).split(/,\s*|\s+and\s+/u)),
      titles: pattern.titles.map((i) => stripQuotes(m[i]!)),
      contextOf,
      usesOf,
    };
  }
  return { pattern: null, terms: [], titles: [], contextOf, usesOf };
}

/**
 * The problem of an objective, or null when it is well formed. `contextOf` finds a sentence of the document
 * using a term, to judge the term as the document uses it.
 */
export function objectiveProblem(
  objective: string,
  lang: AnalysedLanguage,
  contextOf?: (term: string) => string | undefined,
  usesOf?: (term: string) => number,
): ObjectiveProblem | null {
  const reading = readObjective(objective, contextOf, usesOf);
  for (const rule of OBJECTIVE_RULES) if (rule.fails(reading, lang)) return rule.problem;
  return null;
}
