/**
 * Definitions in English text, as first-class course material: "X is a Y that…", "X, also called Y, …",
 * "X refers to / is defined as / means …", "… is called X", and the entries of a glossary ("Term. Definition.",
 * "Term: definition", "Term — definition"). They feed the course's glossary, its objectives ("Define X") and its
 * questions (term → definition and definition → term).
 */
import { type AnalysedLanguage, isNominal, type Token } from '../language/index.ts';
import { wordsOf } from './phrases.ts';
import { lowerOpeningCapital } from './term-case.ts';

/** A term and what the text says it is. */
export interface Found {
  /** The term as written, without its article ("transaction", "data independence"). */
  term: string;
  /**
   * What it is, as a noun phrase that could replace the term ("a unit of work that …"), when the sentence has
   * one; absent for a definition that describes instead ("X, also called Y, represents …").
   */
  gloss?: string;
}

type Word = ReturnType<typeof wordsOf>[number];

/** Heads that make no term: "The result is a list…", "This is a…". */
const NOT_TERMS = new Set(
  'result reason problem thing way point idea example case default answer question purpose goal aim first last rest following other others same'.split(
    ' ',
  ),
);
const ARTICLE = /^(?:a|an|the)$/iu;
const MAX_TERM_WORDS = 5;
const MIN_GLOSS_WORDS = 4;
const MAX_SENTENCE_WORDS = 50;

/** The definition a sentence states, or null. `tokens` are its tags. */
export function findDefinition(
  sentence: string,
  tokens: readonly Token[],
  lang: Pick<AnalysedLanguage, 'stopwords'>,
): Found | null {
  const ws = wordsOf(tokens).filter((w) => w.text.trim());
  if (ws.length === 0 || ws.length > MAX_SENTENCE_WORDS) return null;
  const isTerm = (words: readonly Word[]) => isTermOf(words, lang.stopwords);
  return copula(sentence, ws, isTerm) ?? called(sentence, ws, isTerm) ?? alias(sentence, ws, isTerm);
}

type IsTerm = (words: readonly Word[]) => boolean;

/** The noun phrase that opens the sentence (after an article): its words and where it ends. */
function openingTerm(ws: readonly Word[], isTerm: IsTerm): { words: Word[]; next: number } | null {
  let i = ARTICLE.test(ws[0]?.text ?? '') ? 1 : 0;
  const start = i;
  while (i < ws.length && (isNominal(ws[i]!.pos) || ws[i]!.pos === 'ADJ') && !ws[i]!.code) i++;
  const words = ws.slice(start, i);
  if (words.length === 0 || words.length > MAX_TERM_WORDS || !isNominal(words.at(-1)!.pos)) return null;
  // An acronym in brackets after the term: "A database management system (DBMS) is…".
  if (ws[i]?.text === '(' && ws[i + 2]?.text === ')') i += 3;
  return isTerm(words) ? { words, next: i } : null;
}

function isTermOf(words: readonly Word[], stopwords: ReadonlySet<string>): boolean {
  const head = words.at(-1)!;
  if (NOT_TERMS.has(head.lemma) || stopwords.has(head.lower)) return false;
  // "Andreas Arnez is the current maintainer…": a person is no term.
  if (
    words.length >= 2 &&
    words.every((w) => w.pos === 'PROPN' && !w.known && /^\p{Lu}\p{Ll}+$/u.test(w.text))
  )
    return false;
  return words.every(
    (w) => /^\p{L}[\p{L}\p{N}'’-]*$/u.test(w.text) && (w.text.length >= 2 || /\p{Lu}/u.test(w.text)),
  );
}

/** The term as written; a common word capitalised only because it opens the sentence is lowered. */
const termText = (sentence: string, words: readonly Word[]) => {
  const text = sentence.slice(words[0]!.start, words.at(-1)!.end);
  const first = words[0]!;
  const opensSentence =
    sentence
      .slice(0, first.start)
      .replace(/^(?:a|an|the)\s+/iu, '')
      .trim() === '';
  return lowerOpeningCapital(text, opensSentence && first.known && first.pos !== 'PROPN');
};

const glossText = (sentence: string, from: Word) =>
  sentence
    .slice(from.start)
    .replace(/[.!]+\s*$/u, '')
    .trim();

/** "X is a Y that …", "X refers to …", "X is defined as …", "X means …". */
function copula(sentence: string, ws: readonly Word[], isTerm: IsTerm): Found | null {
  const opening = openingTerm(ws, isTerm);
  if (!opening) return null;
  let i = opening.next;
  const verb = ws[i];
  if (!verb) return null;
  const next = ws[i + 1];
  const phrase = `${verb.lower} ${next?.lower ?? ''}`;
  if ((verb.lower === 'is' || verb.lower === 'are') && next) {
    i++;
    if (next.lower === 'defined' && ws[i + 1]?.lower === 'as') i += 2;
    else if (next.lower === 'one' && ws[i + 1]?.lower === 'of') {
      // "X is one of the …": a gloss all the same.
    } else if (
      !(next.pos === 'DET' && ARTICLE.test(next.text)) &&
      !(next.pos === 'ADJ' && isNominal(ws[i + 1]?.pos ?? 'X'))
    )
      return null;
  } else if (/^(?:refers to|stands for|denotes|means)/u.test(phrase))
    i += verb.lower === 'refers' || verb.lower === 'stands' ? 2 : 1;
  else return null;
  const from = ws[i];
  if (!from || ws.length - i < MIN_GLOSS_WORDS) return null;
  return { term: termText(sentence, opening.words), gloss: glossText(sentence, from) };
}

/** "… is called X", "… is known as X": the subject is the gloss. */
function called(sentence: string, ws: readonly Word[], isTerm: IsTerm): Found | null {
  for (let i = 2; i + 2 < ws.length; i++) {
    const [be, verb] = [ws[i]!, ws[i + 1]!];
    if (!(be.lower === 'is' || be.lower === 'are')) continue;
    let j: number;
    if (verb.lower === 'called' || verb.lower === 'termed') j = i + 2;
    else if (verb.lower === 'known' && ws[i + 2]?.lower === 'as') j = i + 3;
    else continue;
    if (ARTICLE.test(ws[j]?.text ?? '')) j++;
    const start = j;
    while (j < ws.length && (isNominal(ws[j]!.pos) || ws[j]!.pos === 'ADJ') && !ws[j]!.code) j++;
    const words = ws.slice(start, j);
    if (
      words.length === 0 ||
      words.length > MAX_TERM_WORDS ||
      !isNominal(words.at(-1)!.pos) ||
      !isTerm(words)
    )
      return null;
    const after = ws[j];
    if (after && !/^[.,;:]$/u.test(after.text) && after.lower !== 'and' && after.lower !== 'or') return null;
    // The subject of this sentence only (a joined pair "X. These are called Y" has two), with no pointer in it.
    const head = sentence.slice(0, be.start);
    const cut = head.search(/[.!?]\s+(?=\p{Lu})[^.!?]*$/u);
    const subject = (cut >= 0 ? head.slice(cut + 1) : head).trim();
    if (
      subject.split(/\s+/).length < MIN_GLOSS_WORDS ||
      /^(?:this|that|it|these|those|such)\b/iu.test(subject) ||
      /\b(?:these|those|such)\b/iu.test(subject)
    )
      return null;
    return { term: sentence.slice(words[0]!.start, words.at(-1)!.end), gloss: lowerFirst(subject) };
  }
  return null;
}

/** "X, also called Y, …" and "X (also known as Y)": a definition without a gloss. */
function alias(sentence: string, ws: readonly Word[], isTerm: IsTerm): Found | null {
  const opening = openingTerm(ws, isTerm);
  if (!opening) return null;
  const rest = ws
    .slice(opening.next, opening.next + 4)
    .map((w) => w.lower)
    .join(' ');
  if (!/^(?:,|\() (?:also )?(?:called|known as|abbreviated)/u.test(rest)) return null;
  return { term: termText(sentence, opening.words) };
}

const lowerFirst = (s: string) => (/^\p{Lu}(?:\p{Ll}|\s)/u.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/**
 * The entries of a glossary section, from its sentences in order: "Term." followed by its definition, or
 * "Term: definition" / "Term — definition" in one sentence. Returns [term, definition sentence] pairs.
 */
export function glossaryEntries(
  sentences: readonly string[],
  lang: AnalysedLanguage,
): { term: string; definition: string; at: number }[] {
  const out: { term: string; definition: string; at: number }[] = [];
  for (let i = 0; i < sentences.length; i++) {
    // An enumerator before the headword is the list's, not the term's: "A. Ambulatory Care: …".
    const s = sentences[i]!.trim().replace(/^(?:[A-Z]|[0-9]{1,2}|[ivx]{1,4})[.)]\s+(?=\p{Lu})/u, '');
    const inline = /^([^:—–]{2,60}?)\s*(?::|\s[—–-]\s)\s*(\p{Lu}.{10,})$/u.exec(s);
    if (inline && isHeadword(inline[1]!, lang)) {
      out.push({ term: inline[1]!.trim(), definition: inline[2]!.trim(), at: i });
      continue;
    }
    const next = sentences[i + 1]?.trim();
    const head = s.replace(/\.$/u, '');
    if (next && /\.$/u.test(s) && isHeadword(head, lang) && next.split(/\s+/).length >= 4) {
      out.push({ term: head, definition: next, at: i + 1 });
      i++;
    }
  }
  return out;
}

/** A glossary headword: one to five words, no verb, not a sentence. */
function isHeadword(text: string, lang: AnalysedLanguage): boolean {
  const words = text.trim().split(/\s+/);
  if (words.length === 0 || words.length > MAX_TERM_WORDS || !/^[\p{L}\p{N}]/u.test(text)) return false;
  return !lang.analyser
    .tag(text)
    .some((t) => t.pos === 'VERB' || t.pos === 'AUX' || t.pos === 'PRON' || t.pos === 'SCONJ');
}
