/**
 * Whether an English sentence can stand on its own in a summary or a question: it does not open with a pointer
 * to what came before ("It", "This is", "See below"), it is one sentence (not two glued together, nor list items
 * run into one), and no word in it was split apart by the PDF's text extraction ("op erations").
 */
import { type AnalysedLanguage, isNominal, type Token } from '../language/index.ts';
import { isAbbreviation } from '../text/sentences.ts';

/** Why a sentence cannot stand alone. */
export type StandaloneProblem = 'pointer' | 'glued' | 'split-word' | 'fragment';

/** Openings that lean on the sentence before (a pronoun or a connective with nothing to connect to). */
const POINTER =
  /^(?:it|its|they|them|their|theirs|he|she|his|her|these|those|such|here|also|then|thus|hence|therefore|otherwise|instead|likewise|similarly|furthermore|moreover|besides|however|nevertheless|nonetheless|but|and|or|nor|so|yet|still|again|alternatively|consequently|accordingly|as such|as a result|in addition|in this case|in that case|in other words|in particular|in contrast|on the other hand|for this reason|for example|for instance|as (?:shown|seen|mentioned|described|noted|discussed|explained) (?:above|below|earlier|before|previously|later)|see (?:above|below|also)|above|below|the (?:above|following|former|latter|same)|this one|that one|one of (?:them|these|those))\b/iu;

/** A sentence that sends the reader elsewhere: "See footnotes at end of table.", "For methodology, see Appendix III." */
const CROSS_REFERENCE = /^(?:see\b|for [^.;]{1,80}?,? see\b)/iu;

/** "It is possible to…": an "it" that points at nothing. */
const EXPLETIVE_IT =
  /^it (?:is|was|may be|can be|is not|isn't) (?:(?:also|often|usually|generally|sometimes) )?(?:possible|important|necessary|recommended|advisable|useful|helpful|a good idea|best|easy|common|worth|likely|unlikely|essential|difficult|hard)\b/iu;

/** "This", "that" as pronouns ("This is…", "This means…"), not as determiners of the document ("This manual…"). */
const DEMONSTRATIVE = /^(?:this|that)\b\s*(\S+)/iu;
/** Nouns that name the document or its parts: "This manual describes…" stands alone. */
const SELF_REFERENCE =
  /^(?:manual|guide|document|documentation|book|handbook|chapter|section|appendix|part|paper|report|tutorial|article|page|thesis|specification|standard|release|version|course|lesson|module|program|software|package|library|tool|project|system)s?\b/iu;

/** The first problem that keeps `sentence` from standing alone, or null. `tokens` are its tags, when known. */
export function standaloneProblem(
  sentence: string,
  lang: AnalysedLanguage,
  tokens: readonly Token[] = lang.analyser.tag(sentence),
): StandaloneProblem | null {
  const text = sentence.trim();
  if (!/^["'“‘(]?[\p{Lu}\p{N}]/u.test(text) || !/[.!?]["'”’)\]]*$/u.test(text)) return 'fragment';
  // A footnote or list number run into its text ("2 Data provided by…"), a reference cut off ("3842), to…").
  if (/^[0-9]{1,2}\s+\p{Lu}|^[0-9]+[),]/u.test(text)) return 'fragment';
  // A numbered heading run into its text ("1308.03 Administration Controlled Substances Code Number."), an
  // entry of a table of contents ("Sec. 401. Accelerated information gathering …").
  if (/^[0-9]+(?:\.[0-9]+)+\s+\p{Lu}/u.test(text)) return 'fragment';
  if (isContentsEntry(text)) return 'fragment';
  if (opensWithPointer(text) || objectPointer(tokens) || CROSS_REFERENCE.test(text)) return 'pointer';
  if (isGlued(text, tokens)) return 'glued';
  if (lacksItsSubject(text, tokens)) return 'fragment';
  // A sentence has a verb; a run of labels or table headings ending in a full stop does not.
  if (!hasVerb(tokens)) return 'fragment';
  // A table row read as a line: mostly capitalised labels ("Prolonged Services Key Type of Patient Code…").
  if (mostlyCapitalised(tokens, 8)) return 'fragment';
  if (splitWords(tokens, lang).length > 0) return 'split-word';
  return null;
}

/** Auxiliaries that cannot open a statement: "Were eligible due to…" is a bullet that lost its subject. */
const FINITE_AUXILIARIES = new Set(
  'is are was were am has had does did can could will would may might shall should must'.split(' '),
);

/** Auxiliaries that open a condition before its subject: "Should a condition recur, then…". */
const CONDITIONAL_AUXILIARIES = new Set(['should', 'had', 'were']);

/**
 * True for a statement in a question's word order without a question mark: the rest of a line whose subject
 * was a heading or the bullet above. "Do not…", "Have a look…" and "Be sure…" are instructions, and "Should a
 * condition recur, …" a condition, and they stay.
 */
function lacksItsSubject(text: string, tokens: readonly Token[]): boolean {
  const [first, next] = tokens;
  if (first?.pos !== 'AUX' || !FINITE_AUXILIARIES.has(first.lower) || /\?["'”’)\]]*$/u.test(text))
    return false;
  // "May 2020 was…": a month read as an auxiliary.
  if (next?.pos === 'NUM') return false;
  const subject = next && (next.pos === 'DET' || next.pos === 'PRON' || isNominal(next.pos));
  return !(CONDITIONAL_AUXILIARIES.has(first.lower) && subject && text.includes(','));
}

/** True when some token is a verb or an auxiliary: a clause, not a label or a list of names. */
export const hasVerb = (tokens: readonly Token[]): boolean =>
  tokens.some((t) => t.pos === 'VERB' || t.pos === 'AUX');

/**
 * True when at least 60% of the words (tokens with letters; at least `minWords` of them) start with a
 * capital: a title-case heading or a row of labels, not a sentence.
 */
export function mostlyCapitalised(tokens: readonly Token[], minWords = 0): boolean {
  const words = tokens.filter((t) => /\p{L}/u.test(t.text));
  const capitalised = words.filter((t) => /^\p{Lu}/u.test(t.text)).length;
  return words.length >= minWords && capitalised * 10 >= words.length * 6;
}

/** An entry of a table of contents by section number: "Sec. 401. Accelerated information gathering …". */
export const isContentsEntry = (text: string): boolean =>
  /^(?:(?:sec|art)\.|section|article|chapter|§)\s*[0-9]+[a-z]?\.\s/iu.test(text.trim());

/** True when the sentence opens with a word that points back at an earlier one. */
export function opensWithPointer(sentence: string): boolean {
  const text = sentence.trim().replace(/^["'“‘(]+/u, '');
  if (POINTER.test(text)) return !EXPLETIVE_IT.test(text);
  const m = DEMONSTRATIVE.exec(text);
  return m !== null && !SELF_REFERENCE.test(m[1]!);
}

/**
 * "COMMIT ends it successfully": a pronoun that is the object of the first verb points at something named
 * before the sentence (it cannot be the subject of its own clause).
 */
export function objectPointer(tokens: readonly Token[]): boolean {
  let i = 0;
  while (i < tokens.length && i < 5 && ['DET', 'ADJ', 'NOUN', 'PROPN', 'NUM'].includes(tokens[i]!.pos)) i++;
  if (i === 0 || tokens[i]?.pos !== 'VERB') return false;
  const next = tokens[i + 1]?.lower;
  return next === 'it' || next === 'them' || next === 'its' || next === 'their';
}

/** Words after "these problems" that say which ones: "those cases that fail", "these files listed below". */
const SAYS_WHICH = new Set([
  'that',
  'which',
  'who',
  'whom',
  'whose',
  'where',
  'listed',
  'described',
  'shown',
  'given',
  'below',
]);

/**
 * Demonstratives that point back when they stand before a noun. "This" and "that" are left out: in manuals and
 * laws they name the document's own parts as often ("this title", "this option") as something said before.
 */
const DEMONSTRATIVES = new Set(['these', 'those']);

/**
 * True when "these" or "those" inside the sentence points at things named before it: "You might avoid these
 * problems by…"; not "these manuals" (the document's own) nor "those cases that fail" (which ones is said).
 * A question made of it cannot be answered without the sentence before.
 */
export function demonstrativeInside(tokens: readonly Token[]): boolean {
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!DEMONSTRATIVES.has(t.lower) || t.pos !== 'DET') continue;
    // "these manual pages": the document's own, even when the model reads "manual" as an adjective.
    if (SELF_REFERENCE.test(tokens[i + 1]?.lower ?? '')) continue;
    let j = i + 1;
    while (tokens[j]?.pos === 'NUM' || tokens[j]?.pos === 'ADJ') j++;
    const noun = tokens[j];
    if (!noun || !isNominal(noun.pos) || SELF_REFERENCE.test(noun.lower)) continue;
    while (tokens[j + 1] && isNominal(tokens[j + 1]!.pos)) j++;
    if (!SAYS_WHICH.has(tokens[j + 1]?.lower ?? '')) return true;
  }
  return false;
}

/** Words that open a new sentence and rarely follow a lower-case word inside one. */
const OPENERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'these',
  'it',
  'in',
  'for',
  'to',
  'if',
  'when',
  'you',
  'we',
]);

/**
 * True when the sentence is really two: a full stop followed by a capital with no space ("data.The"), a
 * bullet inside it, a line of another column run in, a run of words repeated (text drawn twice, a table row),
 * a spliced heading, or a capitalised opener ("The", "It", "If") right after a lower-case word where the model
 * sees a sentence start (a heading or list item run into the next line).
 */
export function isGlued(sentence: string, tokens: readonly Token[]): boolean {
  if (/\p{Ll}{2}[.!?]\p{Lu}\p{Ll}/u.test(sentence) || /\s[•▪●◦]\s/u.test(sentence)) return true;
  // The other column's line run in: a full stop after a word (not an abbreviation) before a lower-case one ("If
  // the mines appropriate. applicant desires…"), a lone enumerator before a capital after a lower-case word
  // ("… who handles an (j) The…"; "(a) French and (b) German" is a list).
  for (const m of sentence.matchAll(/(\p{Ll}{4,})\.\s+\p{Ll}{4,}/gu)) if (!isAbbreviation(m[1]!)) return true;
  const enumerators = sentence.match(/\((?:[a-z]|[0-9]{1,2}|[ivx]{1,4})\)/gu) ?? [];
  if (enumerators.length === 1 && /\p{Ll}\s+\((?:[a-z]|[0-9]{1,2}|[ivx]{1,4})\)\s+\p{Lu}/u.test(sentence))
    return true;
  if (repeatsItself(tokens)) return true;
  // A heading of the other column spliced in: a section number mid-sentence ("… 1309.31 Time for …"), a heading
  // in capitals between lower-case words ("may not be APPLICATION FOR REGISTRATION effective"), or one run
  // into its text ("NEWER MANAGEMENT DIRECTION.— If …").
  if (/\p{L}[,;]?\s[0-9]{3,4}\.[0-9]{1,3}\s\p{Lu}/u.test(sentence)) return true;
  if (/\p{Lu}{2,}(?:\s+\p{Lu}{2,})+\s*\.?—/u.test(sentence)) return true;
  for (let i = 1; i + 3 < tokens.length; i++) {
    const run: Token[] = [];
    for (let j = i; j < tokens.length && /^\p{Lu}{2,}$/u.test(tokens[j]!.text); j++) run.push(tokens[j]!);
    if (run.length < 3) continue;
    const [before, after] = [tokens[i - 1]!, tokens[i + run.length]];
    if (
      /^\p{Ll}+$/u.test(before.text) &&
      !['DET', 'ADP'].includes(before.pos) &&
      after &&
      /^\p{Ll}+$/u.test(after.text)
    )
      return true;
    i += run.length;
  }
  for (let i = 2; i < tokens.length - 2; i++) {
    const t = tokens[i]!;
    const before = tokens[i - 1]!;
    if (!OPENERS.has(t.lower) || !/^\p{Lu}\p{Ll}*$/u.test(t.text)) continue;
    if (!/^\p{Ll}+$/u.test(before.text) || before.pos === 'DET' || before.pos === 'ADP') continue;
    const next = tokens[i + 1]!;
    if (
      t.lower === 'a' ||
      t.lower === 'the' ||
      t.lower === 'this' ||
      t.lower === 'these' ||
      t.lower === 'an'
    ) {
      if (next.pos === 'NOUN' || next.pos === 'ADJ' || next.pos === 'PROPN') return true;
    } else if (next.pos === 'VERB' || next.pos === 'AUX' || next.pos === 'PRON' || next.pos === 'DET')
      return true;
  }
  return false;
}

/**
 * True when a run of words comes twice: right after itself ("Delete cases w/ Delete cases w/", text drawn twice
 * for a shadow) or, five words long, anywhere in a line without a verb (a table row whose cells repeat; prose
 * may name "the Secretary of Veterans Affairs" twice).
 */
export function repeatsItself(tokens: readonly Token[]): boolean {
  const words = tokens.filter((t) => /[\p{L}\p{N}]/u.test(t.text)).map((t) => t.lower);
  for (let k = 2; k <= 6; k++)
    for (let i = 0; i + 2 * k <= words.length; i++) {
      let j = 0;
      while (j < k && words[i + j] === words[i + k + j]) j++;
      if (j === k) return true;
    }
  if (hasVerb(tokens)) return false;
  const seen = new Set<string>();
  for (let i = 0; i + 5 <= words.length; i++) {
    const gram = words.slice(i, i + 5).join(' ');
    if (seen.has(gram)) return true;
    seen.add(gram);
  }
  return false;
}

/**
 * Pairs of neighbouring tokens that are one word split by extraction ("op erations", "p erformed", "imp
 * ortant"): together a word of the lexicon, apart at least one of them not.
 */
export function splitWords(tokens: readonly Token[], lang: AnalysedLanguage): [Token, Token][] {
  const out: [Token, Token][] = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const [a, b] = [tokens[i]!, tokens[i + 1]!];
    if (b.start !== a.end + 1 || !/^\p{L}+$/u.test(a.text) || !/^\p{Ll}+$/u.test(b.text)) continue;
    if (a.known && b.known) continue;
    if (a.text.length + b.text.length < 4) continue;
    if (lang.analyser.isWord(a.text + b.text)) out.push([a, b]);
  }
  return out;
}

/** `text` with its split words joined again (the offsets of `tokens` are in `text`). */
export function joinSplitWords(text: string, tokens: readonly Token[], lang: AnalysedLanguage): string {
  const pairs = splitWords(tokens, lang);
  if (pairs.length === 0) return text;
  let out = '';
  let cursor = 0;
  for (const [a] of pairs) {
    out += text.slice(cursor, a.end);
    cursor = a.end + 1;
  }
  return out + text.slice(cursor);
}
