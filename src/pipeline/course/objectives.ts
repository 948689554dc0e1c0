/**
 * Learning objectives of a module (two to four, each with its own verb).
 *
 * In English they come from what the module's text does: "Define X" for a term it defines, "Distinguish X from
 * Y" when it defines both, "Use X to Z" from its procedural sentences ("To Z, use X"), "Explain the purpose of
 * X" for a key term, "Describe how X relates to Y" for key terms used together in two sentences; each is
 * checked (a content noun phrase in every slot, see rules/objectives) before it is kept. In other
 * languages the module's key terms fill fixed patterns; those that relate two terms take two that two of the
 * module's sentences use together. Two spellings of one term are never related.
 */
import type { AnalysedLanguage } from '../language/index.ts';
import { isRealTitle, objectiveProblem } from '../rules/objectives/index.ts';
import { termProblem } from '../rules/terms/index.ts';
import { TermUses } from '../text/cloze.ts';
import type { Definition } from './glossary.ts';
import type { Sentence } from './text.ts';

/** What a module's objectives are made from. */
export interface ObjectiveMaterial {
  title: string;
  firstLessonTitle: string;
  courseTitle: string;
  /** "3–7": the last resort of a module without a usable title. */
  pages: string;
  keyTerms: readonly string[];
  /** Its index in the course: modules start at different places in the list of patterns. */
  index: number;
  /** English only. */
  definitions?: readonly Definition[];
  /** The module's sentences: in other languages, two terms are paired only when two of them use both. */
  sentences?: readonly Sentence[];
}

const MAX = 4;

/**
 * Objectives of a module in an analysed language: from what its text does (see {@link englishObjectives}),
 * else from its titles (quoted, without their numbering) when they say what it teaches, else from the key
 * terms its sentences keep coming back to.
 */
export function analysedObjectives(m: ObjectiveMaterial, lang: AnalysedLanguage): string[] {
  const uses = usesOf(m);
  const out = englishObjectives(m, uses, lang);
  // The fallbacks cost a judgement of every key term: made only when the text gave fewer than two objectives.
  if (out.length >= 2) return withFallbacks(out, [], m);
  const titles = [plainTitle(m.title), plainTitle(m.firstLessonTitle), plainTitle(m.courseTitle)];
  const recurring = m.keyTerms.filter(
    (t) => uses.count(t, 2) >= 2 && termProblem(t, lang, uses.firstText(t)) === null,
  );
  const real = [...new Set(titles.filter(isRealTitle))];
  // One objective per title or term first (two on one title say the same twice), then the other forms.
  const first = [
    ...real.slice(0, 1).map((t) => `Summarise the main ideas of ${quoted(t)}.`),
    ...recurring.slice(0, 1).map((t) => `Recall what the text says about ${t}.`),
    ...real.slice(1).map((t) => `Outline the key points of ${quoted(t)}.`),
    ...recurring.slice(1).map((t) => `Summarise what the text says about ${t}.`),
  ];
  const rest = real.flatMap((t) => [
    `Outline the key points of ${quoted(t)}.`,
    `Recall the main facts presented in ${quoted(t)}.`,
  ]);
  return withFallbacks(out, [...first, ...rest], m);
}

/** Objectives of a module in a language read statistically: fixed patterns around its key terms and titles. */
export function statisticalObjectives(m: ObjectiveMaterial): string[] {
  return withFallbacks(
    patternObjectives(m),
    [
      `Summarise the main ideas of ${m.title}.`,
      `Outline the key points of ${m.firstLessonTitle}.`,
      `Recall the main facts presented in ${m.title}.`,
    ],
    m,
  );
}

/** Which of the module's sentences use each term, each sentence lower-cased once for all the terms asked. */
const usesOf = (m: ObjectiveMaterial) => new TermUses((m.sentences ?? []).map((s) => s.text));

/** At least two objectives: the fallbacks (each with a verb of its own) fill in, then the module's pages. */
function withFallbacks(out: string[], fallbacks: readonly string[], m: ObjectiveMaterial): string[] {
  for (const f of fallbacks)
    if (out.length < 2 && !out.includes(f) && !out.some((o) => firstWord(o) === firstWord(f))) out.push(f);
  // A module with no title or term worth naming (a one-line notice) is named by its pages.
  for (const f of [
    `Summarise the main ideas of pages ${m.pages}.`,
    `Recall the main facts presented in pages ${m.pages}.`,
  ])
    if (out.length < 2 && !out.some((o) => firstWord(o) === firstWord(f))) out.push(f);
  return out.slice(0, MAX);
}

const firstWord = (s: string) => s.split(' ')[0]!;
const quoted = (s: string) => `“${s}”`;

/** A section title without its numbering ("2.1 Selecting Rows" → "Selecting Rows"). */
export function plainTitle(title: string): string {
  const t = title.replace(/^(?:[0-9]+(?:\.[0-9]+)*\.?|[A-Z]\.|[IVX]+\.)\s+/u, '').trim();
  return isRealTitle(t) ? t : title;
}

function englishObjectives(m: ObjectiveMaterial, uses: TermUses, lang: AnalysedLanguage): string[] {
  const sentences = m.sentences ?? [];
  const contextOf = (term: string) => uses.firstText(term);
  // How many of the sentences use a term, counting to two (all the rules ask).
  const usesOf = (term: string) => uses.count(term, 2);
  const out: string[] = [];
  const used = new Set<string>();
  const add = (objective: string, terms: string[]) => {
    if (out.length >= MAX || out.some((o) => firstWord(o) === firstWord(objective))) return;
    if (terms.some((t) => used.has(t.toLowerCase()))) return;
    if (objectiveProblem(objective, lang, contextOf, usesOf) !== null) return;
    out.push(objective);
    for (const t of terms) used.add(t.toLowerCase());
  };
  const fit = (term: string) => termProblem(term, lang, contextOf(term)) === null;
  const defs = [...(m.definitions ?? [])]
    .filter((d) => fit(d.term))
    .sort((a, b) => rankOf(a.term, m.keyTerms) - rankOf(b.term, m.keyTerms));
  const pair = siblingPair(defs);
  if (pair) add(`Distinguish ${pair[0].term} from ${pair[1].term}.`, [pair[0].term, pair[1].term]);
  const toDefine = defs
    .filter((d) => !used.has(d.term.toLowerCase()))
    .slice(0, 3)
    .map((d) => d.term);
  if (toDefine.length > 0) add(`Define ${listOf(toDefine)}.`, toDefine);
  for (const p of procedures(sentences, m.keyTerms, lang)) add(`Use ${p.tool} to ${p.goal}.`, [p.tool]);
  // A single common word ("table", "rows") makes a vague objective; a phrase or a name makes a clear one.
  const specific = m.keyTerms.filter((t) => (/\s/u.test(t) || /^\p{Lu}/u.test(t)) && fit(t));
  for (const t of specific) add(`Explain the purpose of ${t}.`, [t]);
  const related = relatedPair(specific, uses, used);
  if (related) {
    const verb = /[^s]s$/u.test(related[0].split(' ').at(-1)!) ? 'relate' : 'relates';
    add(`Describe how ${related[0]} ${verb} to ${related[1]}.`, related);
  }
  return out;
}

/** "a", "a and b", "a, b and c". */
const listOf = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

const rankOf = (term: string, keyTerms: readonly string[]) => {
  const i = keyTerms.findIndex((t) => t.toLowerCase() === term.toLowerCase());
  return i < 0 ? keyTerms.length : i;
};

/** Two defined terms that share their head ("primary key", "foreign key"), else null. */
function siblingPair(defs: readonly Definition[]): [Definition, Definition] | null {
  for (let i = 0; i < defs.length; i++)
    for (let j = i + 1; j < defs.length; j++) {
      const [a, b] = [defs[i]!, defs[j]!];
      const headA = a.key.split(' ').at(-1);
      if (a.key !== b.key && headA === b.key.split(' ').at(-1) && a.key.includes(' ') && b.key.includes(' '))
        return [a, b];
    }
  return null;
}

/**
 * True for two spellings of one term, word by word: "topologischer Raum" and "topologische Räume", "heap block"
 * and "heap blocks" (each pair of words shares all but its last two letters, and at least four).
 */
function sameWord(a: string, b: string): boolean {
  const [as, bs] = [wordsOfTerm(a), wordsOfTerm(b)];
  return (
    as.length === bs.length &&
    as.every((x, i) => {
      const y = bs[i]!;
      const n = Math.max(4, Math.min(x.length, y.length) - 2);
      return x.slice(0, n) === y.slice(0, n);
    })
  );
}

/** Lower-case words of a term without accents ("Räume" → "raume"). */
const wordsOfTerm = (term: string) =>
  term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().split(/\s+/u);

/** Two key terms (not two spellings of one) used together in at least two sentences of the module. */
function relatedPair(
  terms: readonly string[],
  uses: TermUses,
  used: ReadonlySet<string>,
): [string, string] | null {
  // Which sentences use each term, found once per term rather than once per pair it is in.
  const users = new Map<string, boolean[]>();
  const usersOf = (term: string) => {
    let found = users.get(term);
    if (!found) {
      found = uses.usedIn(term);
      users.set(term, found);
    }
    return found;
  };
  for (let i = 0; i < terms.length; i++)
    for (let j = i + 1; j < terms.length; j++) {
      const [a, b] = [terms[i]!, terms[j]!];
      if (used.has(a.toLowerCase()) || used.has(b.toLowerCase()) || sameWord(a, b)) continue;
      const [usesA, usesB] = [usersOf(a), usersOf(b)];
      let together = 0;
      for (let k = 0; k < usesA.length; k++) if (usesA[k] && usesB[k]) together++;
      if (together >= 2) return [a, b];
    }
  return null;
}

/** "To Z, use X." / "Use X to Z." / "You can use X to Z.": a tool and a goal, the tool a key term. */
function procedures(sentences: readonly Sentence[], keyTerms: readonly string[], lang: AnalysedLanguage) {
  const out: { tool: string; goal: string }[] = [];
  for (const s of sentences) {
    if (!s.good) continue;
    const m =
      /^To ([a-z][^,;:]{4,70}), (?:you can |you should |)use (?:the )?([^,;:.]{2,50})[.,]/u.exec(s.text) ??
      /^(?:You can |)[Uu]se (?:the )?([^,;:.]{2,50}) to ([a-z][^,;:.]{4,70})\.$/u.exec(s.text);
    if (!m) continue;
    const [tool, goal] = s.text.startsWith('To ') ? [m[2]!, m[1]!] : [m[1]!, m[2]!];
    if (!keyTerms.some((t) => t.toLowerCase() === tool.toLowerCase())) continue;
    const verb = lang.analyser.tag(goal)[0];
    if (verb?.pos !== 'VERB' || verb.lemma !== verb.lower) continue;
    out.push({ tool, goal });
  }
  return out;
}

type Pattern = { terms: 1 | 2; make: (a: string, b: string, module: string) => string };

/** Fixed patterns for languages without analysis; modules start at different places in the list. */
const PATTERNS: readonly Pattern[] = [
  { terms: 1, make: (a) => `Explain ${a}.` },
  { terms: 2, make: (a, b) => `Describe how ${a} relates to ${b}.` },
  { terms: 1, make: (a, _, m) => `Identify the role of ${a} in ${m}.` },
  { terms: 1, make: (a) => `Define ${a} and give an example from the text.` },
  { terms: 2, make: (a, b) => `Compare ${a} and ${b}.` },
  { terms: 1, make: (a) => `Summarise what the text says about ${a}.` },
];

function patternObjectives(m: ObjectiveMaterial): string[] {
  const uses = usesOf(m);
  const out: string[] = [];
  const queue = [...m.keyTerms];
  for (let i = 0; i < PATTERNS.length && out.length < MAX; i++) {
    const pattern = PATTERNS[(m.index + i) % PATTERNS.length]!;
    // Without analysis, sentences that use two terms together are all that says they are related: "Compare
    // kompakt and Metrik" of terms the text never brings together says nothing.
    const terms = pattern.terms === 1 ? queue.slice(0, 1) : (relatedPair(queue, uses, new Set()) ?? []);
    if (terms.length < pattern.terms) continue;
    for (const t of terms) queue.splice(queue.indexOf(t), 1);
    out.push(pattern.make(terms[0]!, terms[1] ?? '', m.title));
  }
  return out;
}
