/**
 * Key terms of an English document: noun phrases (a head noun with up to two modifiers: "transaction",
 * "isolation level", "full table scan"), heads lemmatised so "tables" and "table" are one term, ranked by
 * TF-IDF over the document's parts and boosted when a heading names them or the text defines them. Never a
 * verb, an adjective, a function word, a person's name (two capitalised words the model does not know),
 * code ("student_id", "--help") or a number.
 */
import { type AnalysedLanguage, isNominal, type Token } from '../language/index.ts';
import {
  isVague,
  NON_TERM_WORD,
  PHRASE_RULES,
  type PhraseRule,
  type PhraseWord,
} from '../rules/terms/phrases.ts';
import { tally } from './terms.ts';

/** A word of a sentence as the phrase finder sees it: hyphenated compounds joined, code marked. */
interface Word {
  text: string;
  lower: string;
  lemma: string;
  pos: Token['pos'];
  known: boolean;
  start: number;
  end: number;
  code: boolean;
}

/** Characters that make a run of glued tokens code rather than words ("os.path", "student_id", "f()"). */
const CODE_CHAR = /[_./\\:=()#@$<>[\]{}*&|~^%+]/u;
// Patterns made once: a literal in a function is a new RegExp at every call, and these run for every word.
const ALPHANUMERIC = /^[\p{L}\p{N}]+$/u;
const STARTS_ALPHANUMERIC = /^[\p{L}\p{N}]/u;
const POSSESSIVE = /'s$|’s$/u;
const TERM_WORD = /^\p{L}[\p{L}\p{M}'’-]*$/u;
const ACRONYM = /^\p{Lu}{2,}$/u;
const LETTER = /\p{L}/u;
const CAPITALISED = /^\p{Lu}\p{Ll}*$/u;

/** Tokens with nothing between them become one word: a hyphenated compound, or code. */
export function wordsOf(tokens: readonly Token[]): Word[] {
  const out: Word[] = [];
  let i = 0;
  while (i < tokens.length) {
    let j = i + 1;
    while (j < tokens.length && glued(tokens[j - 1]!, tokens[j]!) && !isSentenceEnd(tokens, j)) j++;
    if (j === i + 1) {
      out.push(wordOf(tokens[i]!));
      i = j;
      continue;
    }
    const group = tokens.slice(i, j);
    i = j;
    const text = group.map((t) => t.text).join('');
    const last = group.at(-1)!;
    const hyphenated = group.every((t, k) => (k % 2 === 1 ? t.text === '-' : ALPHANUMERIC.test(t.text)));
    if (STARTS_ALPHANUMERIC.test(text) && POSSESSIVE.test(text) && group.length === 2) {
      // "Codd's": a possessive, not a compound.
      out.push({ ...group[0]!, code: false }, { ...last, code: false });
      continue;
    }
    out.push({
      text,
      lower: text.toLowerCase(),
      lemma: hyphenated
        ? `${group
            .slice(0, -1)
            .map((t) => t.lower)
            .join('')}${last.lemma}`
        : text.toLowerCase(),
      pos: hyphenated ? (isNominal(last.pos) || last.pos === 'VERB' ? 'NOUN' : last.pos) : 'X',
      known: group.every((t) => t.known || t.text === '-'),
      start: group[0]!.start,
      end: last.end,
      code: !hyphenated,
    });
  }
  return out;
}

/** A token standing alone as a word (written out, not spread: this runs for every word of the document). */
const wordOf = (t: Token): Word => ({
  text: t.text,
  lower: t.lower,
  lemma: t.lemma,
  pos: t.pos,
  known: t.known,
  start: t.start,
  end: t.end,
  code: t.pos !== 'PUNCT' && CODE_CHAR.test(t.text),
});

/** Brackets, quotes and commas touch words without joining them. */
const SEPARATE = new Set('()[]{}"\'“”‘’,;!?');
const glued = (a: Token, b: Token) => b.start === a.end && !SEPARATE.has(a.text) && !SEPARATE.has(b.text);

/** A full stop glued to the last word ends the sentence; it does not make the word code. */
function isSentenceEnd(tokens: readonly Token[], j: number): boolean {
  const t = tokens[j]!;
  return SENTENCE_END.has(t.text) && (j === tokens.length - 1 || tokens[j + 1]!.start > t.end);
}
const SENTENCE_END = new Set('.!?,;:)');

/** A noun phrase of a sentence. */
export interface Phrase {
  /** Lower-case modifiers and lemmatised head: the identity of the term. */
  key: string;
  /** As written in the sentence. */
  surface: string;
  words: number;
  /** Character offsets in the sentence. */
  start: number;
  end: number;
  /** At the start of the sentence, where capitals say nothing. */
  initial: boolean;
}

function isTermWordOf(w: PhraseWord, stopwords: ReadonlySet<string>): boolean {
  if (w.code || !TERM_WORD.test(w.text)) return false;
  if (ACRONYM.test(w.text)) return true;
  if (w.text.length < 3) return false;
  return !stopwords.has(w.lower);
}

const phraseCaches = new WeakMap<ReadonlySet<string>, WeakMap<readonly Token[], Phrase[]>>();

/**
 * The noun phrases of a tagged sentence, each with its shorter forms ("full table scan", "table scan", "scan").
 * Remembered per token list: the course asks for a sentence's phrases more than once.
 */
export function nounPhrases(tokens: readonly Token[], lang: Pick<AnalysedLanguage, 'stopwords'>): Phrase[] {
  let cache = phraseCaches.get(lang.stopwords);
  if (!cache) {
    cache = new WeakMap();
    phraseCaches.set(lang.stopwords, cache);
  }
  let phrases = cache.get(tokens);
  if (!phrases) {
    phrases = findPhrases(tokens, lang.stopwords);
    cache.set(tokens, phrases);
  }
  return phrases;
}

/** The phrases of a tagged sentence, not remembered, telling `trace` which candidates which rule skipped. */
export const tracePhrases = (
  tokens: readonly Token[],
  lang: Pick<AnalysedLanguage, 'stopwords'>,
  trace: PhraseTrace,
) => findPhrases(tokens, lang.stopwords, trace);

function findPhrases(
  tokens: readonly Token[],
  stopwords: ReadonlySet<string>,
  trace?: PhraseTrace,
): Phrase[] {
  const ws = wordsOf(tokens);
  const out: Phrase[] = [];
  // Until a word with a letter has passed, a phrase opens the sentence.
  let initial = true;
  let i = 0;
  while (i < ws.length) {
    if (!isPhraseWord(ws[i]!)) {
      if (initial && LETTER.test(ws[i]!.text)) initial = false;
      i++;
      continue;
    }
    let j = i;
    while (j < ws.length && isPhraseWord(ws[j]!)) j++;
    const run = ws.slice(i, j);
    collect(run, initial, stopwords, out, trace);
    if (initial && run.some((w) => LETTER.test(w.text))) initial = false;
    i = j;
  }
  return out;
}

const isPhraseWord = (w: Word) => !w.code && (isNominal(w.pos) || w.pos === 'ADJ');

/** Hears which rule of PHRASE_RULES skipped which candidate (for the rules' table test). */
export type PhraseTrace = (rule: PhraseRule, surface: string) => void;

function collect(
  run: Word[],
  initial: boolean,
  stopwords: ReadonlySet<string>,
  out: Phrase[],
  trace?: PhraseTrace,
): void {
  const isTermWord = (w: PhraseWord) => isTermWordOf(w, stopwords);
  while (run.length > 0 && !isNominal(run.at(-1)!.pos)) run = run.slice(0, -1);
  if (run.length === 0) return;
  let from = 0;
  while (from < run.length - 1 && (isVague(run[from]!) || !isTermWord(run[from]!))) {
    from++;
    initial = false;
  }
  const head = run.at(-1)!;
  // Every candidate ends in the head: when it is no term word, phrase/non-term-word skips them all.
  if (!isTermWord(head)) {
    if (trace)
      for (let k = 1; k <= Math.min(3, run.length - from); k++)
        trace(
          NON_TERM_WORD,
          run
            .slice(run.length - k)
            .map((w) => w.text)
            .join(' '),
        );
    return;
  }
  for (let k = 1; k <= Math.min(3, run.length - from); k++) {
    const words = run.slice(run.length - k);
    const candidate = { words, run, from, initial, isTermWord };
    const skip = PHRASE_RULES.find((rule) => rule.skips(candidate));
    if (skip) {
      trace?.(skip, words.map((w) => w.text).join(' '));
      continue;
    }
    const headKey =
      head.pos === 'PROPN' || head.pos === 'VERB' || ACRONYM.test(head.text) ? head.lower : head.lemma;
    const atStart = initial && k === run.length - from;
    const first = words[0]!;
    // A common word capitalised only because it opens the sentence is shown in lower case.
    const lowerFirst = atStart && first.known && first.pos !== 'PROPN' && CAPITALISED.test(first.text);
    const surface = words.map((w) => w.text).join(' ');
    out.push({
      key: [...words.slice(0, -1).map((w) => w.lower), headKey].join(' '),
      surface: lowerFirst ? surface[0]!.toLowerCase() + surface.slice(1) : surface,
      words: k,
      start: words[0]!.start,
      end: head.end,
      initial: atStart && !lowerFirst,
    });
  }
}

/** Boosts of a term, by how the document treats it. */
export interface PhraseBoosts {
  /** Keys of terms named by headings. */
  headings?: ReadonlySet<string>;
  /** Keys of terms the text defines. */
  defined?: ReadonlySet<string>;
  /** A last check of a term as it would be shown (a noun where the document first uses it…). */
  accept?: (surface: string) => boolean;
}

/** A word in capitals before words in lower case ("FROM students"): code more often than a term. */
const CODE_LIKE = /^\p{Lu}{2,}\s.*\p{Ll}+$/u;
const HEADING_BOOST = 1.5;
const DEFINED_BOOST = 2;
const LENGTH_BOOST = [1, 1, 1.6, 1.8] as const;

/**
 * A noun phrase of the document: what its occurrences say of it, gathered in one pass, and what ranks it besides
 * its counts in the parts asked about, worked out once the pass is done (top() runs for every lesson and module,
 * each time over every term of their parts).
 */
interface Term {
  key: string;
  /** Occurrences in the whole document. */
  total: number;
  /** Spellings with their weight (an occurrence opening a sentence counts little), in the order first seen. */
  surfaces: Map<string, number>;
  /** Its modifier is a word in capitals and its head is not. */
  codeLike: boolean;
  /** A one-word key's last spelling in lower case, to look up its usage. */
  single: string | undefined;
  /** Parts it occurs in, and the last part it was counted in. */
  df: number;
  lastPart: number;
  /** Words in the key. */
  size: number;
  /** One word the document uses more often as a verb than as a noun. */
  verbal: boolean;
  /** ln(1 + N/df) over the document's parts. */
  idf: number;
  /** Named by a heading. */
  heading: boolean;
  /** Defined by the text. */
  defined: boolean;
}

const newTerm = (key: string): Term => ({
  key,
  total: 0,
  surfaces: new Map(),
  codeLike: false,
  single: undefined,
  df: 0,
  lastPart: -1,
  size: 1,
  verbal: false,
  idf: 0,
  heading: false,
  defined: false,
});

/** TF-IDF statistics of noun phrases over the parts of a document (each a list of tagged sentences). */
export class PhraseIndex {
  /** Each part's terms with their counts. */
  private readonly counts: Map<Term, number>[] = [];
  private readonly wordCounts: number[] = [];
  private readonly terms = new Map<string, Term>();
  /** How often each word is read as a noun and as a verb, over the whole document. */
  private readonly usage = new Map<string, { noun: number; verb: number }>();

  constructor(
    parts: readonly (readonly (readonly Token[])[])[],
    private readonly boosts: PhraseBoosts,
    lang: Pick<AnalysedLanguage, 'stopwords'>,
  ) {
    for (const [part, sentences] of parts.entries()) {
      const counts = new Map<Term, number>();
      let words = 0;
      // One pass over each sentence's tokens, then one over its phrases: this reads the whole document.
      for (const tokens of sentences) {
        for (const t of tokens) {
          if (t.pos === 'PUNCT') continue;
          words++;
          if (t.pos !== 'VERB' && !isNominal(t.pos)) continue;
          let c = this.usage.get(t.lower);
          if (!c) {
            c = { noun: 0, verb: 0 };
            this.usage.set(t.lower, c);
          }
          if (t.pos === 'VERB') c.verb++;
          else c.noun++;
        }
        for (const p of nounPhrases(tokens, lang)) {
          let term = this.terms.get(p.key);
          if (!term) {
            term = newTerm(p.key);
            this.terms.set(p.key, term);
          }
          counts.set(term, (counts.get(term) ?? 0) + 1);
          if (term.lastPart !== part) {
            term.lastPart = part;
            term.df++;
          }
          if (!term.codeLike && CODE_LIKE.test(p.surface)) term.codeLike = true;
          if (p.words === 1) term.single = p.surface.toLowerCase();
          term.total++;
          term.surfaces.set(p.surface, (term.surfaces.get(p.surface) ?? 0) + (p.initial ? 0.01 : 1));
        }
      }
      this.counts.push(counts);
      this.wordCounts.push(words);
    }
    for (const term of this.terms.values()) this.rank(term, parts.length);
  }

  /** Fills in what ranks `term` besides its counts, once the document has been read. */
  private rank(term: Term, n: number): void {
    const { key } = term;
    for (let i = key.indexOf(' '); i >= 0; i = key.indexOf(' ', i + 1)) term.size++;
    const usage = term.size === 1 ? this.usage.get(term.single ?? key) : undefined;
    term.verbal = usage !== undefined && usage.verb > usage.noun;
    term.idf = Math.log(1 + n / term.df);
    term.heading = this.boosts.headings?.has(key) ?? false;
    term.defined = this.boosts.defined?.has(key) ?? false;
  }

  /** The key of a phrase as written (for matching headings and defined terms against the index). */
  static keyOf(phrase: string, lang: AnalysedLanguage): string | null {
    const found = nounPhrases(lang.analyser.tag(phrase), lang).filter(
      (p) => p.end >= phrase.trimEnd().length - 1,
    );
    return found.sort((a, b) => b.words - a.words)[0]?.key ?? null;
  }

  /**
   * The `k` best terms of the given parts, best first: (1 + ln tf) · ln(1 + N/df) · (1 + ln spread) · boosts,
   * skipping a term contained in a better one or containing it ("scan" or "full table scan" after "table
   * scan"); "primary key" and "foreign key" share a word and both stay.
   */
  top(partIds: readonly number[], k: number): string[] {
    const words = partIds.reduce((sum, d) => sum + (this.wordCounts[d] ?? 0), 0);
    const minCount = words > 300 ? 2 : 1;
    const { totals: tf, spreads: spread } = tally(this.counts, partIds);
    const scored: [Term, number][] = [];
    for (const [term, c] of tf) {
      if (c < minCount) continue;
      // A longer phrase seen once in the whole document is more often a chance pairing than a term, and a
      // keyword before a plain noun ("FROM students") is code unless it recurs ("WHERE clause").
      if (term.size > 1 && term.total < 2 && words > 300) continue;
      if (term.codeLike && term.total < 3) continue;
      // A word the document mostly uses as a verb ("appear", "show") is no term where the model read a noun.
      if (term.verbal) continue;
      let score = (1 + Math.log(c)) * term.idf * (1 + Math.log(spread.get(term)!));
      score *= LENGTH_BOOST[Math.min(term.size, 3)]!;
      if (term.heading) score *= HEADING_BOOST;
      if (term.defined) score *= DEFINED_BOOST;
      scored.push([term, score]);
    }
    scored.sort((a, b) => b[1] - a[1] || (a[0].key < b[0].key ? -1 : 1));
    const chosen: string[][] = [];
    const out: string[] = [];
    for (const [term] of scored) {
      if (out.length >= k) break;
      const { key } = term;
      const parts = key.split(' ');
      if (chosen.some((c) => contains(c, parts) || contains(parts, c))) continue;
      const surface = surfaceOf(term);
      if (!this.accepted(key, surface)) continue;
      chosen.push(parts);
      out.push(surface);
    }
    return out;
  }

  private readonly verdicts = new Map<string, boolean>();

  private accepted(key: string, surface: string): boolean {
    const accept = this.boosts.accept;
    if (!accept) return true;
    const known = this.verdicts.get(key);
    if (known !== undefined) return known;
    const ok = accept(surface);
    this.verdicts.set(key, ok);
    return ok;
  }
}

/** The spelling seen most often; the singular when it is seen at all ("foreign key", not "foreign keys"). */
function surfaceOf({ key, surfaces }: Term): string {
  let best = '';
  let weight = Number.NEGATIVE_INFINITY;
  const head = key.split(' ').at(-1)!;
  for (const [s, w] of surfaces) {
    const singular = s.split(' ').at(-1)!.toLowerCase() === head;
    const score = w + (singular && w >= 0.5 ? 1e6 : 0);
    if (score > weight) [best, weight] = [s, score];
  }
  return best;
}

/** True when the words `small` occur in order, contiguously, in `large`. */
function contains(large: readonly string[], small: readonly string[]): boolean {
  if (small.length > large.length) return false;
  for (let i = 0; i + small.length <= large.length; i++)
    if (small.every((w, j) => large[i + j] === w)) return true;
  return false;
}
