/**
 * A fast, dependency-free estimate of how many tokens a GPT-style BPE tokenizer (cl100k-like) would
 * make of a text. Chunk sizes are set in these tokens, so the estimate only has to be close and stable,
 * not exact; it errs slightly high, which keeps chunks under an embedding model's limit.
 *
 * The estimate, per run of characters (whitespace is free: BPE merges it into the next token):
 * - a Latin word (letters and combining marks): 1 token, plus 1 per 4 letters past the first 6
 *   (`the` 1, `search` 1, `function` 2, `internationalization` 5); English prose comes out near
 *   1.3 tokens per word, as with cl100k;
 * - a number: 1 token per 3 digits (cl100k splits digits in groups of three);
 * - a word in another alphabetic script (Cyrillic, Greek, Arabic, Hebrew, Indic…): 1 token per 2 letters,
 *   since those scripts take more bytes and have fewer merges;
 * - each CJK character (Han, kana, Hangul): 1 token;
 * - each punctuation or symbol character: 1 token.
 */

/** Character classes (plain numbers rather than an enum: erasable syntax only). */
const Kind = { Space: 0, Latin: 1, Digit: 2, OtherLetter: 3, Cjk: 4, Punct: 5 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];

/** Estimated GPT-style token count of `text` (see the module comment for the rules). */
export function estimateTokens(text: string): number {
  let tokens = 0;
  let run: Kind = Kind.Space;
  let runLength = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const kind = classify(code);
    if (kind === Kind.Cjk || kind === Kind.Punct) {
      tokens += runTokens(run, runLength) + 1;
      run = Kind.Space;
      runLength = 0;
      // A surrogate pair is one character.
      if (code >= 0xd800 && code <= 0xdbff) i++;
      continue;
    }
    const combiningMark = code >= 0x300 && code < 0x370;
    if (kind === run || (combiningMark && (run === Kind.Latin || run === Kind.OtherLetter))) {
      runLength++;
      continue;
    }
    tokens += runTokens(run, runLength);
    run = kind;
    runLength = kind === Kind.Space ? 0 : 1;
  }
  return tokens + runTokens(run, runLength);
}

function runTokens(kind: Kind, length: number): number {
  if (length === 0) return 0;
  switch (kind) {
    case Kind.Latin:
      return 1 + Math.ceil(Math.max(0, length - 6) / 4);
    case Kind.Digit:
      return Math.ceil(length / 3);
    case Kind.OtherLetter:
      return Math.ceil(length / 2);
    default:
      return 0;
  }
}

function classify(code: number): Kind {
  if (code < 0x80) {
    if (code <= 0x20 || code === 0x7f) return Kind.Space;
    if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a)) return Kind.Latin;
    if (code >= 0x30 && code <= 0x39) return Kind.Digit;
    return Kind.Punct;
  }
  if (code === 0xa0 || (code >= 0x2000 && code <= 0x200b) || code === 0x3000 || code === 0xfeff)
    return Kind.Space;
  if (code < 0x250) return code === 0xd7 || code === 0xf7 || code < 0xc0 ? Kind.Punct : Kind.Latin;
  if (code < 0x370) return Kind.Latin; // IPA, spacing modifiers, combining marks
  if (code >= 0x1e00 && code < 0x1f00) return Kind.Latin; // Latin Extended Additional (Vietnamese…)
  if (isCjk(code)) return Kind.Cjk;
  if (
    (code >= 0x2000 && code < 0x2c00) ||
    (code >= 0x3000 && code < 0x3040) ||
    (code >= 0xff00 && code < 0xff10)
  )
    return Kind.Punct; // general punctuation, symbols, arrows, maths, CJK punctuation, full-width signs
  if (code >= 0xff10 && code <= 0xff19) return Kind.Digit;
  if ((code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) return Kind.Latin;
  if (code >= 0xe000 && code < 0xf900) return Kind.Punct; // private use: icons, dingbats
  return Kind.OtherLetter;
}

function isCjk(code: number): boolean {
  return (
    (code >= 0x3040 && code < 0x3100) || // hiragana, katakana
    (code >= 0x3100 && code < 0x3400) || // bopomofo, CJK compatibility
    (code >= 0x3400 && code < 0xa000) || // CJK ideographs (extension A and unified)
    (code >= 0xac00 && code < 0xd7b0) || // Hangul syllables
    (code >= 0xf900 && code < 0xfb00) || // CJK compatibility ideographs
    (code >= 0xff66 && code < 0xffa0) || // half-width katakana
    (code >= 0xd800 && code <= 0xdbff) // astral planes: mostly CJK extensions and emoji, 1 each
  );
}
