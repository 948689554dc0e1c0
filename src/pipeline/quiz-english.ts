/**
 * Questions of an English quiz, made from the course's own sentences and glossary and kept only when they pass
 * the checks a teacher (and `eval:quality`) applies:
 * - definition questions: which term the text defines as a given phrase (options: other defined terms);
 * - fill in the blank on a key term where it stands as the head of a noun phrase, with distractors of the same
 *   kind (part of speech, number, capitalisation, code or prose, length) chosen among the terms the document
 *   uses in similar contexts;
 * - true/false: the sentence as written, or made false by swapping in a sibling term of the same kind ("LEFT
 *   OUTER JOIN" for "RIGHT OUTER JOIN") or by changing a number, never inside an identifier, quotes or code,
 *   and checked to have changed.
 * A source that gives no safe item gives none. Same material and seed, same questions.
 */
import type { GlossaryEntry, QuestionDraft as Question } from '../domain/course.ts';
import { looksLikeCode } from './course-text.ts';
import type { EnglishNlp, Token } from './nlp/english.ts';
import { kindAt, optionProblems, type PhraseKind, tokensIn } from './quality/kinds.ts';
import { CITATION_KEY } from './quality/matter.ts';
import { demonstrativeInside, standaloneProblem } from './quality/standalone.ts';
import { insideCode, swapProblem } from './quality/statements.ts';
import { AskedSentences, normalise, opensWithLabel, type Source } from './quiz-material.ts';
import { BLANK, containsTerm, TermFinder } from './text/cloze.ts';
import { findDefinition } from './text/definitions.ts';
import { type Rng, shuffled } from './text/rng.ts';
import { splitSentences } from './text/sentences.ts';
import { type Bag, bagOf, cosine } from './text/textrank.ts';
import { findWhole } from './text/whole-words.ts';

/** Share of true/false questions, and of those, the share made false. */
const TRUE_FALSE_SHARE = 0.3;
/** At most this share of the multiple-choice items are definition questions. */
const DEFINITION_SHARE = 0.4;
/** A swapped-in term shares a word with the original (which scores 0.5): a sibling, not any other term. */
const SIBLING_SCORE = 0.5;
/** Sentences that describe a term's context (for choosing distractors used in similar ones). */
const CONTEXT_SENTENCES = 20;

/** A term that can be blanked, swapped or offered as an option. */
interface PoolTerm {
  term: string;
  kind: PhraseKind;
  words: string[];
  bag: Bag;
}

/** A glossary entry of the quiz's scope, with the phrase it is defined as. */
export interface Defined {
  term: string;
  gloss: string;
  sentence: string;
  page: number;
  chunkId?: string;
  moduleIndex: number;
}

export interface EnglishQuizMaterial {
  count: number;
  /**
   * Sentences in tiers, best first (lesson summaries, then the chunks' other sentences): a tier is read only
   * when the ones before it did not give enough questions.
   */
  sources: readonly (() => readonly Source[])[];
  glossary: readonly { entry: GlossaryEntry; moduleIndex: number }[];
  terms: readonly string[];
  /** Terms that may stand alone as one common word (the course's and modules' key terms, defined terms). */
  strongTerms: ReadonlySet<string>;
}

type Draft =
  | { kind: 'multiple_choice'; prompt: string; options: string[]; answerIndex: number }
  | { kind: 'true_false'; prompt: string; answer: boolean };

export function englishQuestions(m: EnglishQuizMaterial, nlp: EnglishNlp, rng: Rng): Question[] {
  return new EnglishQuizBuilder(m, nlp, rng).build();
}

class EnglishQuizBuilder {
  private readonly questions: Question[] = [];
  private readonly prompts = new Set<string>();
  private readonly used = new AskedSentences();
  private readonly answers = new Set<string>();
  private readonly tagCache = new Map<string, readonly Token[]>();
  private readonly seen: Source[] = [];
  private pool: PoolTerm[] = [];
  private byTerm = new Map<string, PoolTerm>();
  private finder = new TermFinder([]);
  private readonly wantTrueFalse: number;
  private readonly wantFalse: number;
  private readonly maxDefinitions: number;
  private falses = 0;
  private trues = 0;
  private definitions = 0;

  constructor(
    private readonly m: EnglishQuizMaterial,
    private readonly nlp: EnglishNlp,
    private readonly rng: Rng,
  ) {
    this.wantTrueFalse = Math.round(m.count * TRUE_FALSE_SHARE);
    this.wantFalse = Math.ceil(this.wantTrueFalse / 2);
    this.maxDefinitions = Math.max(1, Math.floor((m.count - this.wantTrueFalse) * DEFINITION_SHARE));
  }

  private tag = (text: string): readonly Token[] => {
    let t = this.tagCache.get(text);
    if (!t) {
      t = this.nlp.tag(text);
      this.tagCache.set(text, t);
    }
    return t;
  };

  private get full() {
    return this.questions.length >= this.m.count;
  }

  private get multipleChoices() {
    return this.questions.length - this.trues - this.falses;
  }

  build(): Question[] {
    let defined: Defined[] | null = null;
    let d = 0;
    for (const tier of this.m.sources) {
      if (this.full) break;
      const sources = tier().filter((s) => this.usable(s));
      this.seen.push(...sources);
      this.pool = this.makePool(this.seen);
      defined ??= shuffled(this.definedTerms(), this.rng);
      for (const fill of [false, true]) {
        for (const source of sources) {
          if (this.full) break;
          // A definition question now and then, while they last.
          if (d < defined.length && this.definitions < this.maxDefinitions && this.rng() < 0.35)
            this.offerDefinition(defined[d++]!, defined);
          if (!this.full) this.offer(source, fill);
        }
        while (!this.full && d < defined.length && this.definitions < this.maxDefinitions)
          this.offerDefinition(defined[d++]!, defined);
      }
    }
    return this.questions;
  }

  /**
   * A sentence a question can be made from: it stands alone, is no question, code or citation. A list item
   * (a slide's line, without its full stop) passes when it would stand alone as a sentence.
   */
  private usable(s: Source): boolean {
    const text = s.text.trim();
    if (/[?？]["'”’)]*$/u.test(text) || CITATION_KEY.test(text) || looksLikeCode(text)) return false;
    // A short list item ("Show how to define a cohort") leaves too little around a blank to pin the answer.
    if (isItem(text) && text.split(/\s+/).length < 8) return false;
    const sentence = isItem(text) ? `${text}.` : text;
    const tags = this.tag(sentence);
    // "…these problems…" in a sentence of its own points at what came before it; in a pair, maybe not.
    if (demonstrativeInside(tags) && splitSentences(sentence).length === 1) return false;
    return standaloneProblem(sentence, this.nlp, tags) === null;
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
      const strong =
        this.m.strongTerms.has(lower) || this.m.glossary.some((g) => g.entry.term.toLowerCase() === lower);
      if (kind.words === 1 && kind.casing === 'lower' && !strong) continue;
      out.push({
        term,
        kind,
        words: lower.split(/\s+/),
        bag: bagOf(contexts.map((c) => c.text).join(' ')),
      });
    }
    this.byTerm = new Map(out.map((p) => [p.term, p]));
    return out;
  }

  private definedTerms(): Defined[] {
    return this.m.glossary.flatMap(
      ({ entry, moduleIndex }) => definedTerm(entry, moduleIndex, this.tag) ?? [],
    );
  }

  /** "Which term does the text define as “…”?", the other options being terms of the same kind. */
  private offerDefinition(d: Defined, all: readonly Defined[]): void {
    if (this.full || this.used.has(d.sentence)) return;
    const answer = this.pool.find((p) => p.term.toLowerCase() === d.term.toLowerCase());
    if (!answer) return;
    const definedTerms = new Set(all.map((x) => x.term.toLowerCase()));
    const wrong = this.distractors(answer, d.gloss, 3, (p) => definedTerms.has(p.term.toLowerCase()));
    if (wrong.length < 3) return;
    const options = shuffled([d.term, ...wrong.map((w) => w.term)], this.rng);
    const draft: Draft = {
      kind: 'multiple_choice',
      prompt: `Which term does the text define as “${d.gloss}”?`,
      options,
      answerIndex: options.indexOf(d.term),
    };
    if (optionProblems('_____ .', '_____', options, draft.answerIndex, this.nlp).wrongKind.length > 0) return;
    if (this.add(draft, { text: d.sentence, page: d.page, chunkId: d.chunkId, moduleIndex: d.moduleIndex }))
      this.definitions++;
  }

  private offer(source: Source, fill: boolean): void {
    if (this.used.has(source.text)) return;
    const tfLeft = Math.max(0, this.wantTrueFalse - this.trues - this.falses);
    const mcLeft = Math.max(0, this.m.count - this.wantTrueFalse - this.multipleChoices);
    const tfFirst = this.rng() * (tfLeft + mcLeft) < tfLeft;
    const kinds = (tfFirst ? ['tf', 'mc'] : ['mc', 'tf']).filter(
      (k) => fill || (k === 'tf' ? tfLeft : mcLeft) > 0,
    );
    for (const kind of kinds) {
      const draft = kind === 'mc' ? this.cloze(source, fill) : this.trueOrFalse(source, fill);
      if (draft && this.add(draft, source)) {
        if (draft.kind === 'true_false') draft.answer ? this.trues++ : this.falses++;
        return;
      }
    }
  }

  private add(draft: Draft, source: Source): boolean {
    const key = normalise(draft.prompt);
    if (this.prompts.has(key)) return false;
    if (draft.kind === 'multiple_choice' && new Set(draft.options.map((o) => o.toLowerCase())).size !== 4)
      return false;
    this.prompts.add(key);
    this.used.add(source.text);
    this.questions.push({
      ...draft,
      explanation: `From page ${source.page}: "${source.text}"`,
      sourcePage: source.page,
      ...(source.chunkId ? { chunkId: source.chunkId } : {}),
      ...(source.moduleIndex !== undefined ? { moduleIndex: source.moduleIndex } : {}),
    });
    return true;
  }

  /** Pool terms that stand as the head of a noun phrase in the sentence, in random order, fresh ones first. */
  private headsIn(text: string, fill: boolean): { term: PoolTerm; at: [number, number] }[] {
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
    const fresh = order.filter((f) => !this.answers.has(f.term.term.toLowerCase()));
    return fill ? [...fresh, ...order.filter((f) => !fresh.includes(f))] : fresh;
  }

  private cloze(source: Source, fill: boolean): Draft | null {
    const text = source.text;
    for (const { term, at } of this.headsIn(text, fill)) {
      // "described in _____ (i)", "under _____ 106": the word names a part of the text, not what it says.
      if (opensWithLabel(text.slice(at[1]))) continue;
      // "an _____" would tell the answer starts with a vowel.
      const head = text.slice(0, at[0]).replace(/\b([Aa])n? $/u, (_, a: string) => `${a}(n) `);
      const stem = head + BLANK + text.slice(at[1]);
      // The answer (or its plural) elsewhere in the stem gives it away.
      if (stem.toLowerCase().includes(term.term.toLowerCase())) continue;
      const wrong = this.distractors(term, stem, 3);
      if (wrong.length < 3) continue;
      const answer = text.slice(at[0], at[1]);
      const options = shuffled([answer, ...wrong.map((w) => matchCase(w.term, answer))], this.rng);
      const answerIndex = options.indexOf(answer);
      const problems = optionProblems(stem, BLANK, options, answerIndex, this.nlp);
      if (problems.wrongKind.length > 0 || problems.standsOut) continue;
      // A distractor that makes another sentence of the document true would be a second right answer.
      const filled = new Set(
        options.filter((_, i) => i !== answerIndex).map((o) => normalise(stem.replace(BLANK, o))),
      );
      if (this.seen.some((s) => filled.has(normalise(s.text)))) continue;
      this.answers.add(term.term.toLowerCase());
      return { kind: 'multiple_choice', prompt: `Fill in the blank: ${stem}`, options, answerIndex };
    }
    return null;
  }

  private trueOrFalse(source: Source, fill: boolean): Draft | null {
    const text = source.text;
    // An instruction ("See the comments…", "Try to…") is neither true nor false.
    const first = this.tag(text)[0];
    if (first && first.pos === 'VERB' && first.lemma === first.lower) return null;
    const makeFalse =
      this.falses < this.wantFalse && (this.trues >= this.wantTrueFalse - this.wantFalse || this.rng() < 0.6);
    if (makeFalse) {
      const statement = this.falseForm(text, fill);
      if (statement) return { kind: 'true_false', prompt: `True or false: ${statement}`, answer: false };
    }
    if (this.trues >= this.wantTrueFalse - this.wantFalse && !fill) return null;
    if (this.headsIn(text, true).length === 0) return null;
    return { kind: 'true_false', prompt: `True or false: ${text}`, answer: true };
  }

  /** The sentence made false: a sibling term swapped in, else a number changed; null when no safe form. */
  private falseForm(text: string, fill: boolean): string | null {
    const candidates: string[] = [];
    for (const { term, at } of this.headsIn(text, fill)) {
      // A sibling: a term sharing a word ("RIGHT OUTER JOIN" for "LEFT OUTER JOIN", "foreign key" for "primary
      // key"); any other term makes nonsense rather than a false statement.
      const [other] = this.distractors(term, text, 1, undefined, SIBLING_SCORE).filter((o) =>
        o.words.some((w) => term.words.includes(w)),
      );
      if (!other || /\b(?:an?)\s*$/iu.test(text.slice(0, at[0]))) continue;
      candidates.push(
        text.slice(0, at[0]) + matchCase(other.term, text.slice(at[0], at[1])) + text.slice(at[1]),
      );
      this.answers.add(term.term.toLowerCase());
      break;
    }
    const changed = changeNumber(text, this.tag(text), this.rng);
    if (changed) candidates.push(changed);
    const seen = new Set(this.seen.map((s) => normalise(s.text)));
    for (const statement of candidates) {
      if (seen.has(normalise(statement))) continue;
      if (swapProblem(text, statement, this.nlp, this.tag) === null) return statement;
    }
    return null;
  }

  /**
   * Up to `n` terms that could pass for `answer`: the same kind, absent from `stem`, not containing or contained
   * in it or each other; siblings (sharing a word) and terms used in similar contexts first, the closest few
   * shuffled.
   */
  private distractors(
    answer: PoolTerm,
    stem: string,
    n: number,
    prefer?: (p: PoolTerm) => boolean,
    minScore = Number.NEGATIVE_INFINITY,
  ): PoolTerm[] {
    const scored: [PoolTerm, number][] = [];
    for (const p of this.pool) {
      if (p === answer || !sameKind(p.kind, answer.kind) || stem.toLowerCase().includes(p.term.toLowerCase()))
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

/**
 * A glossary entry with the phrase it defines its term as (`term: gloss`, or the gloss of a defining sentence),
 * or null when there is none fit to ask: a gloss that names the term, or longer than 25 words.
 */
export function definedTerm(
  entry: GlossaryEntry,
  moduleIndex: number,
  tag: (text: string) => readonly Token[],
): Defined | null {
  const sentence = entry.definition;
  const glossary = new RegExp(`^${escapeRegExp(entry.term)}:\\s*(.+?)[.!]?$`, 'iu').exec(sentence);
  const gloss = glossary ? lowerFirst(glossary[1]!) : findDefinition(sentence, tag(sentence))?.gloss;
  if (!gloss || containsTerm(gloss, entry.term) || gloss.split(/\s+/).length > 25) return null;
  const c = entry.citations[0]!;
  return {
    term: entry.term,
    gloss,
    sentence,
    page: c.page,
    moduleIndex,
    ...(c.chunkId ? { chunkId: c.chunkId } : {}),
  };
}

/** A list item: no terminal punctuation. */
const isItem = (text: string) => !/[.!?。！？]["'”’)\]]*$/u.test(text.trim());

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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const lowerFirst = (s: string) => (/^\p{Lu}(?:\p{Ll}|\s)/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/** The first whole-word occurrence of `term` in `text`, any case. */
function indexOfTerm(text: string, term: string): [number, number] | null {
  const m = findWhole(text, term, '_-');
  return m ? [m.at, m.at + m.length] : null;
}

/**
 * True when [start, end) is a whole noun phrase (after its article): the last word a noun, the next word not
 * one, the word before no modifier ("dirty" in "a dirty read") and not part of a name in capitals ("Structured
 * Query Language").
 */
function isHeadAt(tags: readonly Token[], text: string, [start, end]: [number, number]): boolean {
  const inside = tokensIn(tags, start, end);
  if (inside.length === 0) return false;
  const next = tags.find((t) => t.start >= end);
  const before = [...tags].reverse().find((t) => t.end <= start);
  if (next && next.start === end && next.text === '-') return false;
  if (before && ['NOUN', 'PROPN', 'ADJ', 'NUM'].includes(before.pos) && before.end + 1 >= start) return false;
  const capital = (t: Token | undefined) =>
    t !== undefined && /^\p{Lu}/u.test(t.text) && /\p{L}/u.test(t.text);
  if (
    (capital(before) && before!.start > 0) ||
    (capital(next) && /^\s*$/u.test(text.slice(end, next!.start)))
  )
    return false;
  return !next || !(next.pos === 'NOUN' || next.pos === 'PROPN');
}

/** `term` written like `like`: capitalised when it opens the sentence. */
function matchCase(term: string, like: string): string {
  if (/^\p{Lu}\p{Ll}/u.test(like) && /^\p{Ll}/u.test(term)) return term[0]!.toUpperCase() + term.slice(1);
  if (/^\p{Ll}/u.test(like) && /^\p{Lu}\p{Ll}+(?:\s\p{Ll}|$)/u.test(term))
    return term[0]!.toLowerCase() + term.slice(1);
  return term;
}

/** Words before a number that make it a label, not a quantity ("Table 1", "version 3"). */
const LABEL =
  /(?:table|figure|fig|section|chapter|page|pages|version|release|step|part|appendix|no|item|line|rule|example|equation|eq|article|clause|schedule)\.?\s*$/iu;

/** The sentence with one quantity changed ("2,000 rows" → "4,000 rows"), or null when it has none to change. */
function changeNumber(text: string, tags: readonly Token[], rng: Rng): string | null {
  for (const t of tags) {
    // A quantity: up to four digits, or thousands with separators; a longer bare number is a code ("99455").
    if (t.pos !== 'NUM' || !/^\d{1,3}(?:,\d{3})+$|^\d{1,4}$/u.test(t.text)) continue;
    const value = Number(t.text.replace(/,/g, ''));
    if (value >= 1900 && value <= 2100) continue;
    if (LABEL.test(text.slice(0, t.start)) || insideCode(text, t.start, t.end)) continue;
    // Part of a reference, not a quantity: "101–647", "1903(a)", "4332(3)".
    if (/[–\-/(.]/u.test(text[t.end] ?? '') || /[–\-/(.]/u.test(text[t.start - 1] ?? '')) continue;
    // A number between keywords in capitals is part of an expression ("BETWEEN 1 AND 4"), not a quantity.
    const around = tags.filter((x) => x.end === t.start - 1 || x.start === t.end + 1);
    if (around.some((x) => /^\p{Lu}{2,}$/u.test(x.text))) continue;
    const next = value <= 10 ? value + 1 + Math.floor(rng() * 2) : value * 2;
    const written = t.text.includes(',') ? next.toLocaleString('en-US') : String(next);
    return text.slice(0, t.start) + written + text.slice(t.end);
  }
  return null;
}
