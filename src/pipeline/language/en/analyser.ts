/**
 * English language analysis from a maintained library: wink-nlp with its small English model
 * (`wink-eng-lite-web-model`, offline): tokens with their part of speech in context, lemmas, and whether a
 * word is in the model's lexicon (common English words are; names, jargon and fragments of split words are not).
 *
 * Loaded lazily, once per process, by {@link loadEnglish}: only the course and quiz stages need it, so a worker
 * child that only parses never pays for it. Each call of loadEnglish starts a fresh reading: the model as
 * shipped (see pristine-model.ts), no tags kept, so a stage's tokens and tags never depend on the documents the
 * process read before. The model's commonest confusions are corrected by the rules of tags.ts.
 */
import type { Analyser, Pos, Token } from '../analyser.ts';
import { PristineModel } from './pristine-model.ts';
import { TagCache } from './tag-cache.ts';
import { correctTags, isShouting, type TagRule } from './tags.ts';

/** The English analyser, and a way to see which tag rules changed a text's tags (for the rules' table test). */
export interface EnglishAnalyser extends Analyser {
  /** The tags of `text`, with every correction made to them: the rule and the index of the token. */
  traceTags(text: string): { tokens: readonly Token[]; corrections: { rule: TagRule; index: number }[] };
  /** Entries the model has learnt since this reading began (words it had not seen; 0 at its start). */
  learnt(): number;
  /** Joined pairs this reading tagged from their parts' tags rather than reading them whole. */
  splices(): number;
}

/**
 * What a stage reads: a document's course, or its quiz. A quiz read right after its own document's course goes on
 * with the course's reading (it asks again for the tags of the course's sentences); any other reading starts anew.
 */
export interface Reading {
  /** The document's id (absent: unknown, the reading starts anew). */
  document?: string;
  stage: 'course' | 'quiz';
}

interface Reader extends EnglishAnalyser {
  /** Forgets everything read so far: the model's tables as shipped, a new wink instance, no tags kept. */
  restart(): void;
}

let loading: Promise<Reader> | null = null;
/** The reading under way, when it may be gone on with. */
let current: Reading | undefined;

const continues = (next: Reading | undefined, last: Reading | undefined) =>
  next?.stage === 'quiz' &&
  last?.stage === 'course' &&
  next.document !== undefined &&
  next.document === last.document;

const CAPITALISED_OPENING = /^\p{Lu}\p{Ll}+/u;
const ONLY_LETTERS = /^\p{L}+$/u;
/**
 * Tokens on each side of where two joined texts meet whose tags the pair may change: the model's tag patterns and
 * the rules of tags.ts look a few tokens around a word, and a word further from the seam keeps the tag it had
 * alone. With 3, the 1,342 pairs joined in the courses of the 10 bench manuals got exactly the tokens of the pair
 * read whole (with 2, 3 did not); 4 leaves a margin.
 */
const SEAM_TOKENS = 4;
/** Tags a noun phrase is made of, for the tag rules that walk one (see `spliced`). */
const NOMINAL = new Set<Pos>(['NOUN', 'ADJ', 'PROPN']);

/**
 * The English analyser, loaded on first use (the model takes a moment and some memory; see bench:nlp), ready
 * for `reading`: call it at the start of each stage's work on a document (the course, a quiz), and use the
 * analyser for that work only (each is one synchronous run): the next call forgets what this one read, unless
 * it is the quiz of the course just read (see {@link Reading}).
 */
export async function loadEnglish(reading?: Reading): Promise<EnglishAnalyser> {
  loading ??= open().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  const reader = await loading;
  if (!continues(reading, current)) reader.restart();
  current = reading;
  return reader;
}

async function open(): Promise<Reader> {
  const [{ default: winkNLP }, { default: model }] = await Promise.all([
    import('wink-nlp'),
    import('wink-eng-lite-web-model'),
  ]);
  // Parts of speech only: the other pipes (sentiment, entities, negation) cost time and find nothing a course
  // needs, and neither do sentence boundaries. The analyser is given one sentence (or two being joined) at a
  // time and reads only tokens; wink tags the whole token list whatever its sentences. Without the boundaries
  // the model's part costs 22% less, and its tokens, tags, lemmas and lexicon ids were the same for all 59k
  // sentences and joined pairs of the corpus and the 10 bench manuals.
  const pristine = new PristineModel(model);
  let nlp = winkNLP(pristine.model, ['pos']);
  const its = nlp.its;
  // Words of the lexicon have the lowest ids; a word the model has not seen gets the next free one, so the id
  // of a nonsense probe read first marks where the lexicon ends.
  const lexiconSize = nlp.readDoc('qxzjvqxzjv').tokens().out(its.uniqueId)[0] as number;
  const known = new Map<string, boolean>();
  /**
   * Whether each word of the shipped lexicon read by isLexiconWord is one token of the lexicon, kept across
   * readings (unlike `known`): wink finds such a word whole in its lexeme table, where nothing it learns can change
   * its entry or contraction, and learns nothing from it, so the answer and wink's state after it are the same in
   * every reading. The same words come back document after document: the 10 bench manuals in one process read
   * 2,060 such words instead of 3,591, at ~90 µs a reading (~0.14 s of ~12 s of CPU). At most one entry a lexicon
   * word.
   */
  const shippedAnswers = new Map<string, boolean>();

  const cache = new TagCache();
  let splices = 0;

  function restart(): void {
    // A reading that learnt nothing left the instance as new (wink's only state across documents is what it
    // learns); its tags and answers are dropped all the same, being a reading's own.
    if (pristine.learnt > 0) {
      pristine.restore();
      nlp = winkNLP(pristine.model, ['pos']);
    }
    cache.clear();
    known.clear();
    splices = 0;
  }

  function tag(text: string): readonly Token[] {
    let tokens = cache.get(text);
    if (!tokens) {
      tokens = analyse(text);
      cache.set(text, tokens);
    }
    return tokens;
  }

  function tagJoined(first: string, second: string): readonly Token[] {
    const text = `${first} ${second}`;
    let tokens = cache.get(text);
    if (!tokens) {
      const fromParts = spliced(first, second);
      if (fromParts) splices++;
      tokens = fromParts ?? analyse(text);
      cache.set(text, tokens);
    }
    return tokens;
  }

  /**
   * The tokens of two texts joined, from the tokens of each alone and a reading of the words around the seam
   * only: SEAM_TOKENS tokens each side of it are taken from that reading, which reaches SEAM_TOKENS further
   * (and out to whole words) so that its own edges are as far from them. Null when the pair must be read whole:
   * a text is short or in capitals (the tag rules read capitals by the whole text), or the window's words split
   * otherwise than alone (wink splits a word by what it has learnt since).
   */
  function spliced(first: string, second: string): Token[] | null {
    const a = tag(first);
    const b = tag(second);
    if (a.length === 0 || b.length === 0 || isShouting(a) || isShouting(b)) return null;
    const keepA = a.length - SEAM_TOKENS;
    let from = keepA - SEAM_TOKENS;
    let to = 2 * SEAM_TOKENS;
    if (from <= 0 && to >= b.length) return null;
    from = Math.max(0, from);
    to = Math.min(b.length, to);
    // Two tag rules walk a whole noun phrase (compoundHead back to its determiner, phraseEndsInNoun forward from
    // it), however far from the seam: the window starts before the phrase it cuts into (and below, a phrase
    // that runs through every token taken from the window into the second text's own is read whole).
    while (from > 0 && NOMINAL.has(a[from]!.pos)) from--;
    while (from > 0 && a[from]!.start === a[from - 1]!.end) from--;
    while (to < b.length && b[to]!.start === b[to - 1]!.end) to++;
    const offset = first.length + 1;
    const seamStart = from === 0 ? 0 : a[from]!.start;
    // Read where the pair's text does not begin, the window's first word is read as it stands in the pair.
    const seam = analyse(
      `${first} ${second}`.slice(seamStart, offset + b[to - 1]!.end),
      undefined,
      from === 0,
    );
    if (seam.length !== a.length - from + to) return null;
    const out = a.slice(0, Math.max(0, keepA));
    for (let k = 0; k < seam.length; k++) {
      const i = from + k;
      const alone = i < a.length ? a[i]! : b[i - a.length]!;
      const at = i < a.length ? alone.start : alone.start + offset;
      const t = seam[k]!;
      t.start += seamStart;
      t.end += seamStart;
      if (t.text !== alone.text || t.start !== at) return null;
      if (i >= keepA && i < a.length + SEAM_TOKENS) out.push(t);
    }
    if (out.slice(-SEAM_TOKENS).every((t) => NOMINAL.has(t.pos))) return null;
    for (let j = SEAM_TOKENS; j < b.length; j++) {
      const { text, lower, lemma, pos, known, start, end } = b[j]!;
      // Written out, not spread: the shape analyse() gives every token, which the stages' code is built for.
      out.push({ text, lower, lemma, pos, known, start: start + offset, end: end + offset });
    }
    return out;
  }

  /**
   * The tags of `text`; of a text that does not open a sentence (`opening` false: a window inside a joined pair),
   * without what the opening word alone gets, and tag-corrected as a text not in capitals.
   */
  function analyse(text: string, trace?: Parameters<typeof correctTags>[1], opening = true): Token[] {
    if (!text.trim()) return [];
    // The model reads a capitalised first word as a name ("Transactions are…" → PROPN); a common word is
    // tagged in lower case, as it would stand inside a sentence.
    const first = opening ? CAPITALISED_OPENING.exec(text)?.[0] : undefined;
    const read = first && isWord(first) ? first.toLowerCase() + text.slice(first.length) : text;
    const tokens = nlp.readDoc(read).tokens();
    const values = tokens.out() as string[];
    if (read !== text && values.length > 0) values[0] = text.slice(0, values[0]!.length);
    const pos = tokens.out(its.pos) as Pos[];
    // The model's typings disagree with wink-nlp's about the lemma helper; the call itself is fine.
    const lemmas = tokens.out(its.lemma as never) as string[];
    const ids = tokens.out(its.uniqueId) as number[];
    const out: Token[] = [];
    let cursor = 0;
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      const at = text.indexOf(value, cursor);
      const start = at >= 0 ? at : cursor;
      const end = at >= 0 ? at + value.length : cursor;
      cursor = end;
      const lower = value.toLowerCase();
      out.push({
        text: value,
        lower,
        lemma: (lemmas[i] ?? value).toLowerCase(),
        pos: pos[i] ?? 'X',
        known: (ids[i] ?? lexiconSize) < lexiconSize || (lower !== value && isWord(lower)),
        start,
        end,
      });
    }
    return opening ? correctTags(out, trace) : correctTags(out, trace, false);
  }

  function isWord(word: string): boolean {
    const lower = word.toLowerCase();
    let answer = known.get(lower);
    if (answer === undefined) {
      answer = isLexiconWord(lower);
      known.set(lower, answer);
    }
    return answer;
  }

  /**
   * Only a word of the lexicon can be one: a word wink has learnt (the lower case of a token just read) or a
   * word of letters it has never seen is not, and need not be read. Reading one would only teach wink a word
   * of letters, which it reads as that one word whether it knows it or not: the tokens of later text are the
   * same (courses and quizzes of the 10 bench manuals and the corpus byte-identical), and 12k of 15.5k
   * readDocs of one word on the bench manuals are saved. A word of the lexicon is read: it may be a
   * contraction ("cannot"), which is two tokens. What that reading says of a word of the shipped lexicon is kept
   * for every later reading ({@link shippedAnswers}).
   */
  function isLexiconWord(lower: string): boolean {
    const index = pristine.lexemeIndex(lower);
    if (index === undefined ? ONLY_LETTERS.test(lower) : index >= lexiconSize) return false;
    const shipped = index !== undefined;
    let answer = shipped ? shippedAnswers.get(lower) : undefined;
    if (answer === undefined) {
      const ids = nlp.readDoc(lower).tokens().out(its.uniqueId) as number[];
      answer = ids.length === 1 && ids[0]! < lexiconSize;
      if (shipped) shippedAnswers.set(lower, answer);
    }
    return answer;
  }

  function traceTags(text: string) {
    const corrections: { rule: TagRule; index: number }[] = [];
    const tokens = analyse(text, (rule, index) => corrections.push({ rule, index }));
    return { tokens, corrections };
  }

  return {
    tag,
    tagJoined,
    isWord,
    traceTags,
    learnt: () => pristine.learnt,
    splices: () => splices,
    restart,
  };
}
