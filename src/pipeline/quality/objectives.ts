/**
 * Whether a learning objective is well formed: one of the objective patterns, with a content noun phrase (see
 * {@link termProblem}) in each slot that names a term, and a real title (not "Pages 1–10") in a slot that
 * names a part of the course.
 */
import type { AnalysedLanguage } from '../language/index.ts';
import { termProblem } from './kinds.ts';

/** Objective patterns: which groups are terms and which are titles. */
const PATTERNS: readonly { re: RegExp; terms: number[]; titles: number[] }[] = [
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

/**
 * The problem of an objective, or null when it is well formed. Unknown patterns count as ill formed.
 * `contextOf` finds a sentence of the document using a term, to judge the term as the document uses it.
 */
export function objectiveProblem(
  objective: string,
  lang: AnalysedLanguage,
  contextOf: (term: string) => string | undefined = () => undefined,
): ObjectiveProblem | null {
  for (const { re, terms, titles } of PATTERNS) {
    const m = re.exec(objective.trim());
    if (!m) continue;
    for (const i of terms)
      for (const term of stripQuotes(m[i]!).split(/,\s*|\s+and\s+/u)) {
        if (!term) return 'term';
        if (termProblem(term, lang, contextOf(term))) return 'term';
      }
    for (const i of titles) if (!isRealTitle(stripQuotes(m[i]!))) return 'title';
    return null;
  }
  return 'pattern';
}

const stripQuotes = (s: string) => s.replace(/^["“‘']|["”’']$/gu, '').trim();

/** A title worth naming: has a word, is not a page range or a bare number. */
export function isRealTitle(title: string): boolean {
  return /\p{L}{3}/u.test(title) && !/^pages?\s+[\d–-]+/iu.test(title) && title.length <= 120;
}
