/**
 * English language analysis from a maintained library: wink-nlp with its small English model
 * (`wink-eng-lite-web-model`, offline): tokens with their part of speech in context, lemmas, and whether a
 * word is in the model's lexicon (common English words are; names, jargon and fragments of split words are not).
 *
 * Loaded lazily, once per process, by {@link loadEnglish}: only the course and quiz stages need it, so a worker
 * child that only parses never pays for it.
 */

/** Universal part-of-speech tags, as the model assigns them. */
export type Pos =
  | 'ADJ'
  | 'ADP'
  | 'ADV'
  | 'AUX'
  | 'CCONJ'
  | 'DET'
  | 'INTJ'
  | 'NOUN'
  | 'NUM'
  | 'PART'
  | 'PRON'
  | 'PROPN'
  | 'PUNCT'
  | 'SCONJ'
  | 'SYM'
  | 'VERB'
  | 'X'
  | 'SPACE';

/** One token of an analysed text. */
export interface Token {
  /** As written. */
  text: string;
  lower: string;
  /** Dictionary form, lower case ("rows" → "row", "ran" → "run"). */
  lemma: string;
  pos: Pos;
  /** True when the word is in the model's lexicon (a common English word). Names and jargon are not. */
  known: boolean;
  /** Character offsets in the analysed text. */
  start: number;
  end: number;
}

/** What the course and quiz stages ask of English text. */
export interface EnglishNlp {
  /** Tokens of `text`, tagged in context. */
  tag(text: string): readonly Token[];
  /** True when `word` (one token, any case) is in the model's lexicon. */
  isWord(word: string): boolean;
}

let loading: Promise<EnglishNlp> | null = null;

/** The English analyser, loaded on first use (the model takes a moment and some memory; see README). */
export function loadEnglish(): Promise<EnglishNlp> {
  loading ??= open().catch((err: unknown) => {
    loading = null;
    throw err;
  });
  return loading;
}

async function open(): Promise<EnglishNlp> {
  const [{ default: winkNLP }, { default: model }] = await Promise.all([
    import('wink-nlp'),
    import('wink-eng-lite-web-model'),
  ]);
  // Sentence boundaries and parts of speech only: the other pipes (sentiment, entities, negation) cost time
  // and find nothing a course needs.
  const nlp = winkNLP(model, ['sbd', 'pos']);
  const its = nlp.its;
  // Words of the lexicon have the lowest ids; a word the model has not seen gets the next free one, so the id
  // of a nonsense probe read first marks where the lexicon ends.
  const lexiconSize = nlp.readDoc('qxzjvqxzjv').tokens().out(its.uniqueId)[0] as number;
  const known = new Map<string, boolean>();

  // The course tags some texts more than once (a repeated notice, a heading, a term's phrase): 6% of the
  // manual's 8.5k calls repeat one of the last 1,024 texts (4,096 would catch 10% but keep 11 MB instead of 3 MB
  // alive in an idle worker child). Tokens are never changed once returned, so callers share them.
  const recent = new Map<string, readonly Token[]>();

  function tag(text: string): readonly Token[] {
    let tokens = recent.get(text);
    if (!tokens) {
      tokens = analyse(text);
      if (recent.size >= RECENT_TAGS) recent.delete(recent.keys().next().value!);
      recent.set(text, tokens);
    }
    return tokens;
  }

  function analyse(text: string): Token[] {
    if (!text.trim()) return [];
    // The model reads a capitalised first word as a name ("Transactions are…" → PROPN); a common word is
    // tagged in lower case, as it would stand inside a sentence.
    const first = /^\p{Lu}\p{Ll}+/u.exec(text)?.[0];
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
    return correctTags(out);
  }

  function isWord(word: string): boolean {
    const lower = word.toLowerCase();
    let answer = known.get(lower);
    if (answer === undefined) {
      const ids = nlp.readDoc(lower).tokens().out(its.uniqueId) as number[];
      answer = ids.length === 1 && ids[0]! < lexiconSize;
      known.set(lower, answer);
    }
    return answer;
  }

  return { tag, isWord };
}

/** How many of the latest texts keep their tags (the oldest goes first). */
const RECENT_TAGS = 1024;

const DETERMINERS = new Set(['DET', 'NUM']);
const RELATIVE = new Set(['that', 'which', 'who']);
const PHRASE_TAGS = new Set<Pos>(['ADJ', 'NOUN', 'PROPN']);

/**
 * Fixes the small model's commonest confusions in technical text, which decide whether a phrase is a noun:
 * - the head of a noun compound read as a verb ("a stack trace for", "a full table scan reads"): a verb in its
 *   base form right after a singular noun that follows a determiner cannot be finite (it would agree: "traces");
 * - a capitalised keyword or acronym read as a verb or adjective ("COMMIT ends it", "LEFT OUTER JOIN"): a word
 *   in capitals inside a sentence that is not itself in capitals names something;
 * - a verb read as a plural noun between its subject and a determiner ("Valgrind prints a stack trace");
 * - a noun read as an adjective at the end of a noun phrase ("the primary key is"): a phrase after a determiner
 *   ends in a noun, unless the word has an adjective's ending ("the data is available" is no such phrase).
 */
export function correctTags(tokens: Token[]): Token[] {
  const shouting = tokens.every((t) => t.text === t.text.toUpperCase() || !/\p{L}/u.test(t.text));
  if (isImperativeRead(tokens)) tokens[0]!.pos = 'VERB';
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!shouting && /^\p{Lu}{2,}$/u.test(t.text) && t.pos !== 'PROPN' && t.pos !== 'NOUN') {
      t.pos = 'PROPN';
      continue;
    }
    if (t.pos === 'NOUN' && i >= 1 && /[^s]s$/u.test(t.lower)) {
      const [before, after] = [tokens[i - 1]!, tokens[i + 1]];
      const subject = isNominal(before.pos) || before.pos === 'PRON' || RELATIVE.has(before.lower);
      if (after?.pos === 'DET' && subject && before.lower !== 'of') {
        t.pos = 'VERB';
        continue;
      }
    }
    // "Pharmacy records complete the files": a base-form word between a plural noun and a determiner or an
    // adjective is the plural's verb, not a compound's head.
    if (t.pos === 'NOUN' && i >= 1 && t.lemma === t.lower && !/s$/u.test(t.lower)) {
      const [before, after] = [tokens[i - 1]!, tokens[i + 1]];
      const pluralBefore =
        before.pos === 'NOUN' && /[^s]s$/u.test(before.lower) && before.lemma !== before.lower;
      if (pluralBefore && after && (after.pos === 'DET' || after.pos === 'ADJ' || after.pos === 'PRON')) {
        t.pos = 'VERB';
        continue;
      }
    }
    if (t.pos !== 'VERB' || t.lemma !== t.lower || /(?:s|ed|ing)$/u.test(t.lower) || i < 2) continue;
    const before = tokens[i - 1]!;
    if (before.pos !== 'NOUN' || /[^s]s$/u.test(before.lower)) continue;
    let j = i - 2;
    while (j >= 0 && (tokens[j]!.pos === 'NOUN' || tokens[j]!.pos === 'ADJ')) j--;
    if (j >= 0 && DETERMINERS.has(tokens[j]!.pos)) t.pos = 'NOUN';
  }
  // A noun phrase does not end in an adjective: "the primary key is", "a candidate key." ("key" read as ADJ).
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.pos !== 'DET') continue;
    let j = i + 1;
    while (j < tokens.length && PHRASE_TAGS.has(tokens[j]!.pos)) j++;
    const last = tokens[j - 1]!;
    if (
      j - 1 > i + 1 &&
      last.pos === 'ADJ' &&
      !/(?:ed|ing|ful|ous|ive|able|ible|al|ic|less)$/u.test(last.lower)
    )
      last.pos = 'NOUN';
    i = j - 1;
  }
  return tokens;
}

/** Words that open a clause after an imperative: "Show how…", "Note what…". */
const CLAUSE_OPENERS = new Set(['how', 'why', 'what', 'whether']);
/** The articles an instruction's object takes: "Show the results", "Draw a line". */
const ARTICLES = new Set(['the', 'a', 'an']);
/** Nouns that may open a sentence before a determiner without being a verb: "Today the file is read". */
const TIME_NOUNS = new Set(['today', 'tonight', 'tomorrow', 'yesterday', 'meanwhile']);

/**
 * True when the first word is an imperative read as a noun: a singular noun in its base form that an article
 * or a clause follows ("Show the results", "Report the findings", "Show how to define a cohort"). A subject
 * rarely opens a sentence that way, and slides and objectives are full of such instructions.
 */
function isImperativeRead(tokens: readonly Token[]): boolean {
  const [first, next] = tokens;
  if (first?.pos !== 'NOUN' || !next || !/^\p{Lu}\p{Ll}+$/u.test(first.text)) return false;
  if (first.lemma !== first.lower || TIME_NOUNS.has(first.lower)) return false;
  // "the" in lower case: "Overview The VA…" is a heading run into its text, "Revenue this year…" a subject.
  return ARTICLES.has(next.text) || CLAUSE_OPENERS.has(next.text);
}

/** True for the tags of words that carry content in a noun phrase. */
export const isNominal = (pos: Pos) => pos === 'NOUN' || pos === 'PROPN';
