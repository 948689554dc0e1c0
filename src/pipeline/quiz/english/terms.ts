/**
 * What the English makers share: the course's terms as a pool of possible answers and options (each with its
 * kind and the contexts it is used in), rebuilt with every tier of sources, and the tags of the sentences they
 * read (cached for the quiz).
 */
import type { GlossaryEntry } from '../../../domain/course.ts';
import type { AnalysedLanguage, Token } from '../../language/index.ts';
import { isHeadAt } from '../../rules/quiz/blanks.ts';
import { insideCode } from '../../rules/quiz/statements.ts';
import { TermFinder } from '../../text/cloze.ts';
import { kindAt, type PhraseKind } from '../../text/kinds.ts';
import { type Rng, shuffled } from '../../text/rng.ts';
import { type Bag, bagOf, cosine } from '../../text/textrank.ts';
import { findWhole } from '../../text/whole-words.ts';
import { normalise, type Source } from '../material.ts';

/** Sentences that describe a term's context (for choosing distractors used in similar ones). */
const CONTEXT_SENTENCES = 20;

/** A term that can be blanked, swapped or offered as an option. */
export interface PoolTerm {
  term: string;
  kind: PhraseKind;
  words: string[];
  bag: Bag;
}

/** What an English quiz is made of, besides its sources. */
export interface EnglishQuizMaterial {
  glossary: readonly { entry: GlossaryEntry; moduleIndex: number }[];
  terms: readonly string[];
  /** Terms that may stand alone as one common word (the course's and modules' key terms, defined terms). */
  strongTerms: ReadonlySet<string>;
  /** The text of a chunk by its id: the glossary gate reads the text before a defining sentence. */
  chunkText: (chunkId: string) => string;
}

/** The pool of terms and the sentences read so far. */
export class EnglishTerms {
  private readonly tagCache = new Map<string, readonly Token[]>();
  /** Every usable source of the tiers read so far. */
  readonly seen: Source[] = [];
  /** The normal forms ({@link normalise}) of the texts of {@link seen}: the makers look sentences up in it. */
  readonly seenKeys = new Set<string>();
  pool: PoolTerm[] = [];
  private byTerm = new Map<string, PoolTerm>();
  private finder = new TermFinder([]);

  constructor(
    readonly m: EnglishQuizMaterial,
    readonly lang: AnalysedLanguage,
    private readonly rng: Rng,
  ) {}

  /** Tags of a text, cached for the quiz. */
  tag = (text: string): readonly Token[] => {
    let t = this.tagCache.get(text);
    if (!t) {
      t = this.lang.analyser.tag(text);
      this.tagCache.set(text, t);
    }
    return t;
  };

  /** Reads a new tier's usable sources: they join the contexts, and the pool is made again. */
  addTier(sources: readonly Source[]): void {
    this.seen.push(...sources);
    for (const s of sources) this.seenKeys.add(normalise(s.text));
    this.pool = this.makePool(this.seen);
  }

  private makePool(sources: readonly Source[]): PoolTerm[] {
    const terms = [...new Set([...this.m.terms, ...this.m.glossary.map((g) => g.entry.term)])];
    // Each sentence is scanned once for all the terms it holds (the finder works by words, not by pattern).
    const finder = new TermFinder(terms);
    const contextsOf = new Map<string, Source[]>();
    for (const source of sources)
      for (const term of finder.find(source.text)) {
        const list = contextsOf.get(term) ?? [];
        if (list.length < CONTEXT_SENTENCES) list.push(source);
        contextsOf.set(term, list);
      }
    this.finder = finder;
    const out: PoolTerm[] = [];
    const seen = new Set<string>();
    const glossed = new Set(this.m.glossary.map((g) => g.entry.term.toLowerCase()));
    for (const term of terms) {
      const lower = term.toLowerCase();
      if (seen.has(lower) || term.length < 2) continue;
      seen.add(lower);
      const contexts = contextsOf.get(term) ?? [];
      const context = contexts[0]?.text ?? `We read about the ${term} here.`;
      const at = indexOfTerm(context, term);
      const tags = this.tag(context);
      const kind = at ? kindAt(term, tags, at[0], at[1]) : kindAt(term, this.tag(term), 0, term.length);
      if (kind.wordClass !== 'noun') continue;
      // One common lower-case word ("read", "group") is a term only where the course says so.
      const strong = this.m.strongTerms.has(lower) || glossed.has(lower);
      if (kind.words === 1 && kind.casing === 'lower' && !strong) continue;
      // Its contexts' bag of words is made when a distractor is first scored against it: many terms never are.
      let bag: Bag | undefined;
      out.push({
        term,
        kind,
        words: lower.split(/\s+/),
        get bag() {
          bag ??= bagOf(contexts.map((c) => c.text).join(' '));
          return bag;
        },
      });
    }
    this.byTerm = new Map(out.map((p) => [p.term, p]));
    return out;
  }

  /**
   * Pool terms that stand as the head of a noun phrase in the sentence (rules/quiz/blanks.ts), in random order;
   * with `fill`, answers already asked about too, after the fresh ones.
   */
  headsIn(
    text: string,
    fill: boolean,
    answers: ReadonlySet<string>,
  ): { term: PoolTerm; at: [number, number] }[] {
    const tags = this.tag(text);
    const found: { term: PoolTerm; at: [number, number] }[] = [];
    for (const name of this.finder.find(text)) {
      const term = this.byTerm.get(name);
      if (!term) continue;
      const at = indexOfTerm(text, term.term);
      if (!at || !isHeadAt(tags, text, at)) continue;
      if (insideCode(text, at[0], at[1])) continue;
      const kind = kindAt(term.term, tags, at[0], at[1]);
      if (kind.wordClass !== 'noun' || kind.plural !== term.kind.plural) continue;
      found.push({ term, at });
    }
    const order = shuffled(found, this.rng);
    const fresh = order.filter((f) => !answers.has(f.term.term.toLowerCase()));
    return fill ? [...fresh, ...order.filter((f) => !fresh.includes(f))] : fresh;
  }

  /**
   * Up to `n` terms that could pass for `answer`: the same kind, absent from `stem`, not containing or contained
   * in it or each other; siblings (sharing a word) and terms used in similar contexts first, the closest few
   * shuffled.
   */
  distractors(
    answer: PoolTerm,
    stem: string,
    n: number,
    prefer?: (p: PoolTerm) => boolean,
    minScore = Number.NEGATIVE_INFINITY,
  ): PoolTerm[] {
    const scored: [PoolTerm, number][] = [];
    const lowerStem = stem.toLowerCase();
    for (const p of this.pool) {
      if (p === answer || !sameKind(p.kind, answer.kind) || lowerStem.includes(p.term.toLowerCase()))
        continue;
      if (nested(p.words, answer.words)) continue;
      const sibling = p.words.some((w) => answer.words.includes(w)) ? 0.5 : 0;
      const score = cosine(p.bag, answer.bag) + sibling + (prefer?.(p) ? 1 : 0);
      if (score >= minScore) scored.push([p, score]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0].term < b[0].term ? -1 : 1));
    const close = shuffled(scored.slice(0, n + 3), this.rng).map(([p]) => p);
    const picked: PoolTerm[] = [];
    for (const p of [...close, ...scored.slice(n + 3).map(([q]) => q)]) {
      if (picked.length >= n) break;
      if (picked.some((q) => nested(q.words, p.words))) continue;
      picked.push(p);
    }
    return picked;
  }
}

/** Two kinds that look alike to a student: an option of one among options of the other gives nothing away. */
const sameKind = (a: PhraseKind, b: PhraseKind) =>
  a.wordClass === b.wordClass &&
  a.plural === b.plural &&
  a.casing === b.casing &&
  a.code === b.code &&
  a.digits === b.digits &&
  Math.min(a.words, 3) === Math.min(b.words, 3);

/** True when one word list is contained in the other ("key" in "primary key"). */
function nested(a: readonly string[], b: readonly string[]): boolean {
  const [small, large] = a.length <= b.length ? [a, b] : [b, a];
  return small.every((w) => large.includes(w)) || a.join(' ') === b.join(' ');
}

/** The first whole-word occurrence of `term` in `text`, any case. */
export function indexOfTerm(text: string, term: string): [number, number] | null {
  const m = findWhole(text, term, '_-');
  return m ? [m.at, m.at + m.length] : null;
}

/** `term` written like `like`: capitalised when it opens the sentence. */
export function matchCase(term: string, like: string): string {
  if (/^\p{Lu}\p{Ll}/u.test(like) && /^\p{Ll}/u.test(term)) return term[0]!.toUpperCase() + term.slice(1);
  if (/^\p{Ll}/u.test(like) && /^\p{Lu}\p{Ll}+(?:\s\p{Ll}|$)/u.test(term))
    return term[0]!.toLowerCase() + term.slice(1);
  return term;
}
