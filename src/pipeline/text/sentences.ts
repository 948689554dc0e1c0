/**
 * Sentence splitting (the rules of a sentence worth showing are in src/pipeline/rules/sentences).
 */
import { ANY_ABBREVIATION, ANY_UNIT_ABBREVIATION } from '../language/xx/index.ts';
import { SENTENCE_WORDS } from '../rules/sentences/shape.ts';
import { squash } from './words.ts';

/** A number right before the word ("300 ft", "37,000 Mt"): an abbreviation that is also a unit is one here. */
const AFTER_NUMBER = /\p{N}\s*$/u;

/**
 * True for an abbreviation after which a full stop does not end a sentence ("approx", "e.g", "z.B"), in any
 * language: a text quotes others' (each language's list is in its folder of src/pipeline/language). `before` is the
 * text right before the word: a unit after a number ends a sentence.
 */
export const isAbbreviation = (word: string, before = ''): boolean => {
  const w = word.toLowerCase();
  return ANY_ABBREVIATION.has(w) && !(ANY_UNIT_ABBREVIATION.has(w) && AFTER_NUMBER.test(before));
};

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
  return isAbbreviation(word, text.slice(Math.max(0, i - 3), i));
}

/** A best-effort sentence when none is good: at most `SENTENCE_WORDS.max` words, cut at a word boundary. */
export function clipSentence(sentence: string): string {
  const ws = sentence.split(' ');
  if (ws.length <= SENTENCE_WORDS.max) return sentence;
  return `${ws.slice(0, SENTENCE_WORDS.max).join(' ')} …`;
}
