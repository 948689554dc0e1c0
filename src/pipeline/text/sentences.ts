/**
 * Sentence splitting and the filter that keeps sentences worth showing in a summary or a quiz.
 */
import { ANY_ABBREVIATION } from '../language/xx/index.ts';
import { countCjk, hasLetter, isBreak, scan, squash } from './words.ts';

/**
 * True for an abbreviation after which a full stop does not end a sentence ("approx", "e.g", "z.B"), in any
 * language: a text quotes others' (each language's list is in its folder of src/pipeline/language).
 */
export const isAbbreviation = (word: string): boolean => ANY_ABBREVIATION.has(word.toLowerCase());

/** End of a sentence: terminal punctuation (with closing quotes) before white space and a capital or digit,
 * or CJK full stops anywhere (Japanese technical writing often ends with "．", the full-width full stop). */
const BOUNDARY =
  /[.!?…]+["'”’)\]]*(?=\s+["'“‘([¿¡]?[\p{Lu}\p{N}])|(?:[。！？｡]|．(?![０-９0-9]))+["'”’」』)]*/gu;

/** Splits text into sentences. Blank lines always separate; single newlines count as spaces. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\n\s*\n/)) {
    const flat = squash(block);
    if (!flat) continue;
    let start = 0;
    for (const m of flat.matchAll(BOUNDARY)) {
      const at = m.index ?? 0;
      if (m[0].startsWith('.') && endsWithAbbreviation(flat, at, flat.slice(at + m[0].length).trimStart()))
        continue;
      const end = at + m[0].length;
      const sentence = flat.slice(start, end).trim();
      if (sentence) out.push(sentence);
      start = end;
    }
    const rest = flat.slice(start).trim();
    if (rest) out.push(rest);
  }
  return out;
}

/**
 * An abbreviated section or article number right before a full stop ("Sec. 401", "Art. 3", "§ 12"); prose
 * spells the word out ("… explained in chapter 5. Indexes are …" ends a sentence).
 */
const SECTION_NUMBER = /(?:\b(?:sec|art)\.|§)\s*[0-9]+[a-z]?$/iu;

/**
 * True when the period at `dot` closes an abbreviation or an initial ("J. Smith"), or letters with dots
 * before a number ("42 U.S.C. 4332"). `after` is the text after the full stop.
 */
function endsWithAbbreviation(text: string, dot: number, after: string): boolean {
  // "Sec. 401. Accelerated information gathering …": a section's number, not the end of a sentence.
  if (SECTION_NUMBER.test(text.slice(Math.max(0, dot - 20), dot))) return true;
  let i = dot;
  while (i > 0 && /[\p{L}.]/u.test(text[i - 1]!)) i--;
  const word = text.slice(i, dot).toLowerCase();
  if (word.length === 1 && /\p{L}/u.test(word)) return true;
  if (/^(?:\p{L}\.)+\p{L}$/u.test(word) && /^\p{N}/u.test(after)) return true;
  return ANY_ABBREVIATION.has(word);
}

/** Limits of a summary sentence. */
export const SENTENCE_WORDS = { min: 6, max: 60 } as const;
const CJK_CHARS = { min: 10, max: 150 } as const;

/**
 * True for a sentence fit for a summary or a quiz: 6–60 words (10–150 characters in CJK), mostly letters,
 * starting like a sentence and ending with terminal punctuation; not a table row, a dotted table-of-contents
 * line, a rule of repeated symbols or a bare URL. `scanned` is the sentence's {@link scan}, when known.
 * `listItem`: the terminal punctuation may be missing, as in the items of a slide's list.
 */
export function isGoodSentence(
  sentence: string,
  scanned: readonly string[] = scan(sentence),
  listItem = false,
): boolean {
  const text = sentence.trim();
  if (/\.{4,}|(?:\. ){3,}|\||([^\p{L}\p{N}\s])\1{3,}/u.test(text)) return false;
  if (/^\p{Ll}/u.test(text) || !(listItem || /[.!?。．｡！？]["'”’)」』]*$/u.test(text))) return false;
  // A list item ending in a colon, a semicolon or a comma introduces or continues another.
  if (listItem && /[:;,]$/u.test(text)) return false;
  const ws = scanned.filter((t) => !isBreak(t) && !URL_PART.test(t));
  const cjk = countCjk(text);
  if (cjk > text.length / 3) {
    if (cjk < CJK_CHARS.min || cjk > CJK_CHARS.max) return false;
  } else if (ws.length < SENTENCE_WORDS.min || ws.length > SENTENCE_WORDS.max) return false;
  let letters = 0;
  let numbers = 0;
  for (const w of ws)
    if (hasLetter(w)) letters += w.length;
    else numbers++;
  if (numbers > ws.length * 0.3) return false;
  if (isShouted(text)) return false;
  return letters >= nonSpaceLength(text) * 0.65;
}

const THREE_CAPITALS = /\p{Lu}{3}/u;
const CAPITAL = /\p{Lu}/gu;
const SMALL = /\p{Ll}/gu;

/**
 * True for text mostly in capitals: a form's instruction ("VERIFIQUE SE MULHER TEM UMA CRIANÇA…") or a
 * heading run into its text, which a summary or a question would shout.
 */
function isShouted(text: string): boolean {
  // Most sentences have no three capitals in a row: they are not shouted, and need no count.
  if (!THREE_CAPITALS.test(text)) return false;
  const upper = text.match(CAPITAL)?.length ?? 0;
  const letters = upper + (text.match(SMALL)?.length ?? 0);
  return letters >= 20 && upper > letters * 0.6;
}

/** Words of a URL (they are not prose). */
const URL_PART = /^(?:https?|www|com|org|net|html?)$/i;

function nonSpaceLength(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 32) n++;
  return n;
}

/** A best-effort sentence when none is good: at most `SENTENCE_WORDS.max` words, cut at a word boundary. */
export function clipSentence(sentence: string): string {
  const ws = sentence.split(' ');
  if (ws.length <= SENTENCE_WORDS.max) return sentence;
  return `${ws.slice(0, SENTENCE_WORDS.max).join(' ')} …`;
}
