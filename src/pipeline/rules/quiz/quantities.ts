/**
 * Which number of a sentence a numerical item may ask for: a quantity the text states with its unit ("a page of
 * 4 KB", or a limit it sets: "within 30 minutes"), never a page or section number, a version, a
 * year, a number inside code, an identifier or a reference, a comparison ("more than 5", "50% or more"), an example
 * ("i.e., 20 minutes") or a figure the blank would make ambiguous. The numerical maker (quiz/kinds/numerical.ts)
 * asks for the first number of a sentence no rule of {@link QUANTITY_RULES} catches. Examples mark the number in
 * brackets; the words each rule reads are the language's (`LanguageProfile.quizWords`).
 */
import type { QuizWords } from '../../language/index.ts';
import { escapeRegExp } from '../../text/regexp.ts';
import type { Rule } from '../rule.ts';
import { looksLikeCode } from '../sentences/items.ts';
import { insideCode } from './statements.ts';
import {
  ABOUT_A_RUN,
  ABOUT_AN_EXAMPLE,
  EXAMPLE_IDENTIFIER,
  FIRST_PERSON,
  HEDGES,
  NARRATED_SESSION,
  OPENING_CONDITION,
  PERSONS_AGE,
  RESTATED_AFTER,
  selectsFromInput,
  WORKED_EXAMPLE,
} from './sure-words.ts';

/** A number of a sentence, as the rules read it. */
export interface QuantityPlace {
  text: string;
  /** Where the number starts and ends in `text`, as written ("2,048"). */
  start: number;
  end: number;
  written: string;
  value: number;
  /** The unit after it, when the language's units know it. */
  unit: string | undefined;
  /** The text before the number, and after the unit. */
  before: string;
  afterUnit: string;
  words: QuizWords;
}

export interface QuantityRule extends Rule {
  /** True when the number is no quantity to ask, this way. */
  fails(q: QuantityPlace): boolean;
}

/** What may join a unit to its number: a space ("4 KB"), a hyphen before a word ("16-bit"), or nothing ("12GB"). */
const UNIT_JOIN = /^(?:\s|-(?=\p{L}))?/u;

/** A letter, digit or underscore: a number touching one is glued to it. */
const NAME_CHAR = /[\p{L}\p{N}_]/u;

/**
 * Whether the number is part of a name or a version rather than a number with its unit: a letter, digit or
 * underscore before it ("ext4", "x86_64", "IPv6", "SHA256"), or one after it that does not start a unit the
 * language knows ("2nd", "3D", "1e6", "0x1F"). A known unit glued to it ("12GB", "500bp", "2.5GHz") is read as one.
 */
export function gluedToName(q: QuantityPlace): boolean {
  if (NAME_CHAR.test(q.text[q.start - 1] ?? '')) return true;
  if (!NAME_CHAR.test(q.text[q.end] ?? '')) return false;
  // A one-letter unit glued on ("5m", "$5m") says too little: minutes or metres, millions; ask it written apart.
  return q.unit === undefined || /^\p{L}$/u.test(q.unit);
}

/** Where the quantity ends as a word: after a unit glued to it ("12GB", "16-bit"), else after the number. */
export function wordEnd(q: QuantityPlace): number {
  const glued = q.unit !== undefined && /^-?\p{L}/u.test(q.text.slice(q.end));
  return glued ? q.text.length - q.afterUnit.length : q.end;
}

/** Words after a number and its unit that make it a measure, not an adjective ("16 bits for both", "4 KB each"). */
const MEASURE_WORDS = 'of|for|in|on|at|to|by|per|each|and|or|is|are|was|were';
const MEASURE_THEN_WORD = new RegExp(`^\\s+(?:${MEASURE_WORDS})\\b`, 'iu');
/**
 * The same after a unit glued or hyphenated to its number ("12GB", "16-bit"), which reads as an adjective before
 * any other lower-case word: more words say it is a measure ("12GB than", "16-bit long", "1MB before").
 */
const GLUED_MEASURE_THEN_WORD = new RegExp(
  `^\\s+(?:${MEASURE_WORDS}|than|long|wide|high|deep|before|after|until|when|while|if|but|with|from|as|into|so|then|which|that|can|will|should|must|may|more|less|in total)\\b`,
  'iu',
);

/** The number `text` holds at [start, end), read with `words`. */
export function quantityPlace(text: string, start: number, end: number, words: QuizWords): QuantityPlace {
  const after = text.slice(end);
  const join = UNIT_JOIN.exec(after)![0].length;
  const unit = words.units.exec(after.slice(join))?.[0];
  const written = text.slice(start, end);
  return {
    text,
    start,
    end,
    written,
    value: Number(written.replaceAll(',', '')),
    unit,
    before: text.slice(0, start),
    afterUnit: unit ? after.slice(join + unit.length) : after,
    words,
  };
}

/**
 * A comparative right after a quantity's unit: the words of size, speed, time, amount and degree a change is
 * measured in ("10% faster", "3 years later", "5 times more").
 */
const COMPARATIVE = new RegExp(
  `^\\s*(?:${[
    'faster|slower|quicker|sooner|earlier|later|longer|shorter',
    'smaller|larger|bigger|greater|higher|lower|wider|narrower|deeper|shallower|thicker|thinner|taller',
    'heavier|lighter|denser|leaner|tighter|looser|cheaper|costlier|dearer',
    'better|worse|stronger|weaker|harder|easier|safer|riskier|closer|nearer|further|farther',
    'older|newer|younger|hotter|colder|warmer|cooler|louder|quieter|brighter|darker',
    'more|less|fewer',
  ].join('|')})\\b`,
  'u',
);

/** Numbers as English words, by value: a sentence that spells its blank out gives it away. */
const NUMBER_WORDS: Readonly<Record<number, string>> = Object.fromEntries(
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'
    .split(' ')
    .map((w, i) => [i + 1, w]),
);

/** A unit's word, singular or plural: "process" and "processes", "entry" and "entries", "byte" and "bytes". */
function eitherNumber(unit: string): string {
  if (/ies$/u.test(unit)) return `${escapeRegExp(unit.slice(0, -3))}(?:y|ies)`;
  const stem = unit.replace(/(?:(?<=ch|sh|ss|x)es|s)$/u, '');
  return `${escapeRegExp(stem)}(?:es|s)?`;
}

/** A number standing as a word of a sentence ("4", "2,048", "1.5"), not a piece of a name ("x86", "v2"). */
const STANDING_NUMBER =
  /(?<![\p{L}\p{N}_.,/:-])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\p{L}\p{N}_]|[.,]\d)/gu;

/** Equal but for rounding. */
const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a));

/** A unit compared with another: "bits" as "bit", "samples" as "sample"; a short symbol ("ms", "Gs") as written. */
const unitKey = (unit: string) => (unit.length > 3 ? unit.toLowerCase().replace(/s$/u, '') : unit);

/** The word a number counts or measures in: its unit when the language knows it, else the word after it ("samples"). */
const COUNTED_WORD = /^\s(\p{L}[\p{L}-]*)/u;
interface Measure {
  value: number;
  word: string | undefined;
  /** Whether the word is a unit the language knows ("ms", "bytes"), not things counted ("sub-frames"). */
  unit: boolean;
}
function measureOf(q: QuantityPlace): Measure {
  const word = q.unit ?? COUNTED_WORD.exec(q.text.slice(q.end))?.[1];
  return { value: q.value, word: word === undefined ? undefined : unitKey(word), unit: q.unit !== undefined };
}

/**
 * Whether two other numbers of the sentence make the blank's by a product or a quotient, read with what they count: a
 * product with a factor in the blank's unit ("4 sub-frames of 5 ms" make 20 ms; 4 of "40 samples" make 160 samples),
 * a quotient of a number in the blank's unit by a count of things ("160 samples" in "4 sub-frames": 40 samples), or
 * a count that is the ratio of two numbers in one unit ("20 ms" in sub-frames "of 5 ms": 4). Numbers of other units
 * that happen to multiply ("12 weeks, with 3 lectures and 4 labs", "8 MB of cache" on "4 cores" at "2 GHz", "8 bits"
 * as 32 bits in "4 bytes") make nothing. A number of 1 or 0 makes anything and is left out. At most 12 numbers are
 * read: a longer run is a table's, pairs of it many.
 */
export function madeByArithmetic(q: QuantityPlace): boolean {
  const others: Measure[] = [];
  for (const m of q.text.matchAll(STANDING_NUMBER)) {
    if (m.index === q.start) continue;
    const other = measureOf(quantityPlace(q.text, m.index, m.index + m[0].length, q.words));
    if (other.value > 1) others.push(other);
    if (others.length > 12) return false;
  }
  const blank = measureOf(q);
  if (blank.value <= 1 || blank.word === undefined) return false;
  const product = (a: Measure, b: Measure) =>
    same(a.value * b.value, blank.value) && (a.word === blank.word || b.word === blank.word);
  const quotient = (a: Measure, b: Measure) =>
    same(a.value / b.value, blank.value) &&
    ((a.word === blank.word && !b.unit) ||
      (a.word !== undefined && a.word === b.word && blank.word !== a.word));
  if (others.some((a, i) => others.some((b, j) => i !== j && (product(a, b) || quotient(a, b))))) return true;
  return madeBySum(q, blank, others) || restOfWhole(q, blank, others);
}

/**
 * Words after the blank that make it a term of a sum or a remainder of the sentence's numbers ("… 13 seconds in
 * total", "the remaining 48 KB"). Before the blank ("The total is 30 kg: 10 kg of flour and 20 kg of sugar") the
 * total is the fact the sentence gives, and its parts explain it; with no such word, numbers of one unit that happen
 * to add up ("10 s for the handshake, 20 s for the request and 30 s for the reply") make nothing.
 */
const SUM_AFTER =
  /\b(?:in total|in all|altogether|a total of|totals?|totalling|totaling|combined|remaining|the rest)\b/iu;

/**
 * A total word right after the blank's unit ("[13] seconds in total"): only then is the blank the sum the sentence
 * computes. A total stated before its parts ("Of the [64] KB, 16 KB are reserved and the remaining 48 KB are free",
 * "A packet of [1500] bytes carries 20 bytes of header and 1480 bytes of payload in all") is the fact they explain.
 */
const TOTAL_RIGHT_AFTER = /^\s*(?:\p{L}+\s+)?(?:in total|in all|altogether|combined)\b/iu;

/**
 * Whether the blank is a term or the total of a sum of two other numbers in its unit, and the words after it say the
 * sentence adds them up ("If establishing the connection takes 8 seconds, then the call itself takes 5 seconds, …
 * 13 seconds in total": 13 − 8).
 */
function madeBySum(q: QuantityPlace, blank: Measure, others: Measure[]): boolean {
  const after = q.text.slice(q.end);
  if (!blank.unit || !SUM_AFTER.test(after)) return false;
  const isTotal = TOTAL_RIGHT_AFTER.test(after);
  const alike = others.filter((o) => o.word === blank.word);
  return alike.some((a, i) =>
    alike.some(
      (b, j) =>
        i !== j &&
        ((isTotal && same(a.value + b.value, blank.value)) || same(blank.value + b.value, a.value)),
    ),
  );
}

/**
 * Whether the blank is the rest of a whole split in percentages ("Group A-B will get 70%, C-D 20% and server F 10%":
 * 100 − 20 − 10). Only bare shares of one whole: a share of something named ("20% on income", "70% of citizens") or
 * a change ("saves 20%") is no part of it.
 */
function restOfWhole(q: QuantityPlace, blank: Measure, others: Measure[]): boolean {
  if (q.unit !== '%' || /\b(?:sav|reduc|increas|cut|grow|drop|fall|rais|lower)\w*\b/iu.test(q.text))
    return false;
  if (/%\s+(?:of|on|in|for|per|to|from|by)\b/u.test(q.text)) return false;
  const shares = others.filter((o) => o.word === '%');
  const sum = shares.reduce((total, o) => total + o.value, 0);
  return shares.length >= 2 && same(blank.value + sum, 100);
}

export const QUANTITY_RULES: readonly QuantityRule[] = [
  {
    id: 'quantity/code-sentence',
    why: 'A sentence that is code (an option list, a call, an assignment) holds the numbers of an example, not facts to recall.',
    reject: ['x = malloc([16] bytes); free(x); return 0;'],
    keep: ['Memcheck adds a minimum of [16] bytes before and after each block.'],
    fails: (q) => looksLikeCode(q.text),
  },
  {
    id: 'quantity/question',
    why: 'A question of the text ("Is a page 4 KB?") states nothing: its figure is no fact.',
    reject: ['Does a page hold [4] KB of data?'],
    keep: ['A page holds [4] KB of data.'],
    fails: (q) => /[?？]["'”’)]*$/u.test(q.text.trim()),
  },
  {
    id: 'quantity/no-unit',
    why: 'A number without a unit the language knows ("the 3 options", "see page 42") is a count of nothing to recall or a label; "%" is written against its number, other units after a plain space, a hyphen ("16-bit") or nothing ("12GB").',
    reject: [
      'See page 42 for the [3] options.',
      'The survey reached [45] % of the households.',
      'Each page holds [4]\u00a0KB of data.',
    ],
    keep: ['The survey reached [45]% of the households in the district.'],
    fails: (q) =>
      !q.unit ||
      (q.text[q.end] === ' ' && q.unit === '%') ||
      (q.unit !== '%' && /^\s/u.test(q.text.slice(q.end)) && q.text[q.end] !== ' '),
  },
  {
    id: 'quantity/glued-to-name',
    why: 'A number glued to letters is read with them: glued to a unit the language knows ("12GB", "500bp", "2.5GHz", "100ms", "16-bit") it is a quantity, which is how the Velvet and CD-HIT guides write most of theirs (held-out set 10); glued to anything else it is part of a name or a version (see `gluedToName`).',
    reject: [
      'The kernel is built for x86_[64] machines.',
      'The root file system is ext[4] on every node.',
      'The protocol was revised in v[2] of the draft.',
      'The player decodes mp[3] files of any length.',
      'The encoder writes H[264] streams at high quality.',
      'Run the [2]nd pass over the reads.',
      'The tool draws [3]D plots of the surface.',
      'The address is an IPv[6] address of the host.',
      'The files are read as utf[8] text.',
      'The digest is SHA[256] of the whole archive.',
      'The mask is 0x[1]F in the header.',
      'The mask is [0]x1F in the header.',
      'The loop runs [1]e6 times per call.',
      // One letter glued on says too little: minutes or metres (second review).
      'The session times out after [5]m on the server.',
    ],
    keep: [
      'The assembly of a bacterial genome needs about [12]GB of memory.',
      'The insert length of the library is [500]bp on average.',
      'The server waits [100]ms before it retries.',
      'The processor runs at [2.5]GHz on every node.',
      'The samples of the file are [16]-bit.',
      'The assembly of a bacterial genome needs about [12] GB of memory.',
    ],
    fails: gluedToName,
  },
  {
    id: 'quantity/label',
    why: 'A number after "page", "section", "version", "step"… labels or points to something; asked, it tests the layout of the document.',
    reject: ['Version [3] bytes were changed in the release.', 'The table on p. [12] lists the codes.'],
    keep: [
      'The header takes [3] bytes of every block.',
      'At the follow-up [3] years on, the tumours had shrunk.',
    ],
    fails: (q) => q.words.labelBefore.test(q.before),
  },
  {
    id: 'quantity/bound',
    why: 'A comparison ("more than 64 KB", "over 16 levels") is no value: other numbers make it true too. A limit the text sets ("up to 30 minutes", "within 30 characters", "at least 16 bytes") is asked: the text gives that number as the rule (maint-guide and mpich gave no other quantities); so is the value a setting "defaults to" or is "set to", which is no range\'s end.',
    reject: [
      'The buffer holds more than [64] KB of data.',
      'The tool runs in less than [2] seconds.',
      'The fires came with a frequency of 0 through [35] years.',
      'The inclusive cost of main is not exactly [100] percent of the total.',
      'Blocks grow from 4 to [8] KB as the heap fills.',
    ],
    keep: [
      'The buffer holds [64] KB of data.',
      'Codes take up to [30] minutes to apply.',
      'The study ran for [3] years in two districts.',
      // A value a setting takes ("defaults to", "set to") is no range's end (SBCL's nursery size, fresh set 8).
      'The nursery size defaults to [5]% of the dynamic space size.',
      'The client timeout is set to [30] seconds by default.',
    ],
    fails: (q) => q.words.boundBefore.test(q.before),
  },
  {
    id: 'quantity/example',
    why: 'A figure given as an example ("i.e., 20 minutes", "such as 10 seconds") illustrates; it is no fact of the subject.',
    reject: [
      'It lasts long, i.e., [20] minutes for most patients.',
      'Duration says how long it lasts, i.e., 20 minutes, onset [3] years ago, since last Friday.',
    ],
    keep: ['A visit lasts [20] minutes for most patients.'],
    fails: (q) => q.words.exampleBefore.test(q.before),
  },
  {
    id: 'quantity/inside-code',
    why: 'A number inside an identifier or quotes ("--max-stackframe=2000000") belongs to code; a unit glued to it ("12GB") is read as part of the number\'s word, not as an identifier.',
    reject: [
      'Set --max-stackframe=[2000000] bytes for the thread.',
      'Set --max-memory=[12]GB for the assembler.',
    ],
    keep: [
      'The main thread has a stack of [8] MB by default.',
      'The assembly of a bacterial genome needs [12]GB of memory.',
      'The samples of the file are [16]-bit.',
    ],
    fails: (q) => insideCode(q.text, q.start, wordEnd(q)) !== null,
  },
  {
    id: 'quantity/leans',
    why: 'A subject the sentence does not name ("It outputs digests of 128 bits") or a modal ("might be used to extract a 10% sample"): the blank has no fact behind it (the unseen manuals had both).',
    reject: [
      'It outputs digests of [128] bits.',
      'The tool might be used to extract a [10]% sample.',
      'Which means that all [300] bytes are attributed to that program point.',
      'If it has [16] bits it is passed in hl.',
      // "this is" with no comma before it (SBCL manual, fresh set 8).
      'On gencgc platforms this is the nursery size, and defaults to [5]% of dynamic space size.',
    ],
    keep: ['MD5 outputs digests of [128] bits.'],
    fails: (q) => q.words.leansBefore.test(q.before),
  },
  {
    id: 'quantity/bound-after',
    why: 'Words after the unit that make the figure a bound ("50% or more") make it no value.',
    reject: [
      'The service must last [50]% or more of the visit.',
      // An age as a bound: changed, "130 years and older" is absurd, not plainly false (VA newsletter, corpus).
      'Most who die are [65] years and older.',
      'The warranty covers devices of [3] years and later.',
    ],
    keep: [
      'The service must last [50]% of the visit.',
      'The lease ends after [65] years and is renewed.',
      // "and later" as an adverb of the verb after it, not a bound.
      'The sample was stored for [2] hours and later analysed by HPLC.',
    ],
    fails: (q) => q.words.boundAfter.test(q.afterUnit),
  },
  {
    id: 'quantity/nothing-or-all',
    why: '0 says nothing, and "100% sure", "100% useless" are figures of speech.',
    reject: [
      'The test is [100]% reliable on every machine.',
      'The loop uses [0] bytes of the heap.',
      'The cost of main is [100] percent of the total.',
    ],
    keep: ['The test is [95]% reliable on every machine.'],
    fails: (q) =>
      !Number.isFinite(q.value) ||
      q.value === 0 ||
      (q.value === 100 && /^(?:%|percent|per cent)$/u.test(q.unit ?? '')),
  },
  {
    id: 'quantity/year',
    why: 'Four bare digits from 1900 to 2100 are a year of a date or a citation (2,048 with its comma is a count), unless the unit is years.',
    reject: ['The [2019] pages of the report were printed.'],
    keep: ['The report has [2,019] pages in all.'],
    fails: (q) =>
      /^\d{4}$/u.test(q.written) && q.value >= 1900 && q.value <= 2100 && !/^years?$/u.test(q.unit ?? ''),
  },
  {
    id: 'quantity/ambiguous-blank',
    why: 'The same number twice, a range ("4 to 8 KB") or the end of a list of numbers ("1, 2, 3, 4 bytes") makes the blank ambiguous or guessed.',
    reject: [
      'Blocks of [4] to 8 KB are merged by the allocator.',
      'A [4] KB page holds 4 rows.',
      // The last of a list of numbers is guessed from the others (sdcc manual, fresh set 1).
      'Generic pointers are read and written with library functions which read/write 1, 2, 3, [4] bytes.',
    ],
    keep: ['Blocks of [4] KB are merged by the allocator.', 'The header, 2 fields in all, takes [4] bytes.'],
    fails: (q) =>
      q.text.split(q.written).length > 2 ||
      q.words.rangeAfter.test(q.afterUnit) ||
      /\d\s*,\s*$/u.test(q.before),
  },
  {
    id: 'quantity/restated',
    why: 'A number the sentence restates in other units ("every 300 seconds (five minutes)", "4096 bytes, i.e. 4 KB") is given away by its gloss: blanked, the learner converts the gloss (OpenAFS Quick Beginnings, fresh set 7).',
    reject: [
      'By default, the Update Server performs updates every [300] seconds (five minutes).',
      'Each page holds [4096] bytes, i.e. 4 KB of data.',
      'The lease lasts [3600] seconds, or 1 hour, by default.',
      'The lease lasts [3600]  (1 hour) by default.',
    ],
    keep: [
      'By default, the Update Server performs updates every [300] seconds.',
      'The daemon waits [30] seconds (the default) before it retries.',
      'The daemon waits [30] seconds or until the peer answers.',
    ],
    fails: (q) => RESTATED_AFTER.test(q.text.slice(q.end)),
  },
  {
    id: 'quantity/spelled-out-elsewhere',
    why: 'A number the sentence also spells out before the same unit ("… is accurate to one minute, use the 1 minute Precision option", "two bytes … the 2 bytes") is given away by its own words: blanked, the learner copies it (GEOTRANS user\'s guide, fresh set 12). The same digits twice are `quantity/ambiguous-blank`\'s.',
    reject: [
      'If your data is accurate to one minute, use the [1] minute Precision option.',
      'The header takes two bytes, and the [2] bytes come first.',
      'Each of the twelve months has a [12] month report.',
      'Only one process runs the server, and the [1] processes of the client wait.',
      'Each file holds one entry per user; the [1] entries of root come first.',
    ],
    keep: [
      'If your data is accurate to one minute, wait [2] minutes for the next fix.',
      'One packet of [3] bytes holds the checksum.',
      'The daemon waits [5] minutes; one minute more and the link drops.',
    ],
    fails(q) {
      const word = NUMBER_WORDS[q.value];
      if (word === undefined || q.unit === undefined || !/^\p{L}/u.test(q.unit)) return false;
      return new RegExp(
        `(?<![\\p{L}\\p{N}])${word}[\\s-]+${eitherNumber(q.unit)}(?![\\p{L}\\p{N}])`,
        'iu',
      ).test(q.text);
    },
  },
  {
    id: 'quantity/judged-task',
    why: 'A figure inside a judgement of how hard something is ("Compiling 1,000 lines of lisp source is not a hard task") illustrates the judgement: another figure makes it as true, so neither a blank nor a changed number asks a fact (EusLisp manual, fresh set 7).',
    reject: [
      'Compiling [1,000] lines of lisp source is not a hard task, but compiling C takes long.',
      'Compiling 1,000 lines of lisp source is not a hard task, but compiling nearly [10,000] lines of C takes long.',
    ],
    keep: ['Compiling the kernel takes [2] GB of disk space, a hard task for small machines.'],
    fails: (q) =>
      /\b(?:is|are)\s+(?:not\s+)?(?:an?\s+)?(?:very\s+)?(?:hard|easy|simple|difficult|trivial)\s+(?:task|job|thing|matter)\b/iu.test(
        q.text,
      ),
  },
  {
    id: 'quantity/aside',
    why: 'A number inside brackets is usually a reference or an aside ("(p. 12)", "(see 12 bytes above)").',
    reject: ['The limit (see [12] bytes above) applies to every block.'],
    keep: ['The limit of [12] bytes applies to every block.'],
    fails: (q) => (q.before.match(/\(/g) ?? []).length > (q.before.match(/\)/g) ?? []).length,
  },
  {
    id: 'quantity/statement-leans',
    why: 'A sentence that leans on the one before ("The default value is 300 ms", "Thus 3D plots require 4 columns", "this option") asks for the figure of something the blank does not name; the same words as a listed statement (gnuplot).',
    reject: [
      'The default value is [300] ms.',
      'Thus 3D plots require [4] columns of data.',
      'This option sets a delay of [5] seconds.',
    ],
    keep: ['The default double-click delay of the wxt terminal is [300] ms.'],
    fails: (q) => q.words.leaningStatement.test(q.text),
  },
  {
    id: 'quantity/two-sentences',
    why: 'A blank in one of two sentences ("The image style handles … . Thus 2D plots require 3 columns…") asks the learner to read a paragraph; the second sentence may give the figure away (gnuplot, R).',
    reject: ['The default is [300] ms. Setting the value to 0 ms triggers the copy on a single click.'],
    keep: ['The click delay is [300] ms by default, and 0 ms triggers the copy on a single click.'],
    fails: (q) => /\p{Ll}[.!?]\s+\p{Lu}/u.test(q.text.trim().replace(/[.!?]["'”’)]*$/u, '')),
  },
  {
    id: 'quantity/extraction-marks',
    why: 'A footnote mark glued to a word ("limited3 to about 4095 bytes") or a closing bracket with no opening ("…returned as a Caml int.)") shows the extraction cut the sentence (R intro, camlidl).',
    reject: [
      'Command lines entered at the console are limited3 to about [4095] bytes.',
      'The low [16] bits of the result code are returned as a Caml int.)',
    ],
    keep: [
      'Command lines entered at the console are limited to about [4095] bytes.',
      'The low [16] bits of the result code (an HRESULT) are returned as a Caml int.',
    ],
    fails: (q) =>
      /\b\p{Ll}{5,}\d\b/u.test(q.text) ||
      (q.text.match(/\)/g) ?? []).length > (q.text.match(/\(/g) ?? []).length,
  },
  {
    id: 'quantity/table-row',
    why: 'A number right after a label and a colon ("Upload fixing only release-critical and important bugs: 5 days") is a cell of a table whose heading the blank does not show (developers-reference); a sentence opening on a short label and a colon ("What needs to happen next: …") is a row of a table or a list run into the text.',
    reject: [
      'Upload fixing only release-critical and important bugs: [5] days.',
      // A label run into the sentence (Debian policy, fresh set 4).
      'What needs to happen next: Submitter provides the requested information within [30] days, or the bug is closed.',
    ],
    keep: [
      'An upload that fixes only release-critical bugs waits [5] days in the delayed queue.',
      'The submitter provides the requested information within [30] days, or the bug is closed.',
      'Two settings matter here, the timeout and the retries: the client waits [30] seconds.',
    ],
    fails: (q) => /:\s*$/u.test(q.before) || /^\p{Lu}[^:.;,]{0,40}:\s/u.test(q.before),
  },
  {
    id: 'quantity/share-of-people',
    why: 'A share of users, people or cases ("can be omitted by 99% of users", "in 90 percent of cases") is a manner of speaking, not a measured figure to learn (reportlab, gri).',
    reject: [
      'The encoding argument can probably be omitted by [99]% of users.',
      'In [90] percent of cases, Gri is run on a script file.',
    ],
    keep: ['The lighting model gives [50]% of the overall lighting.'],
    fails: (q) => /^\s*of (?:all )?(?:users|people|cases|programs|packages|the time)\b/iu.test(q.afterUnit),
  },
  {
    id: 'quantity/classifier',
    why: 'A number with its unit before a noun ("8 bit variables", "24 bit addressing mode", "a 10% sample") names a kind of thing, not a measure the text gives: asked, it reads as a riddle (sdcc manual, fresh set 1). A unit glued or hyphenated to its number ("1MB files", "the 32-bit, 1’s complement checksum") is such an adjective before any lowercase word but a preposition, a conjunction or a verb.',
    reject: [
      'You are not on the safe side if you use [8] bit variables.',
      'The processor must be in [24] bit contiguous addressing mode.',
      'The tool extracts a [10]% sample of the records.',
      // A unit glued or hyphenated to its number before a noun is an adjective, whatever its length (nettle, cfitsio).
      'There are more possible [1]MB files than 20 byte strings.',
      'The keyword stores the value of the [32]-bit, 1’s complement checksum of the data.',
    ],
    keep: [
      'In the medium model the address space is [16] bits for both objects and functions.',
      'The tool extracts [10]% of the records.',
    ],
    fails: (q) =>
      (q.unit !== undefined &&
        /^\p{L}{3,}$/u.test(q.unit) &&
        !/s$/iu.test(q.unit) &&
        q.value !== 1 &&
        /^\s+\p{L}/u.test(q.afterUnit) &&
        !MEASURE_THEN_WORD.test(q.afterUnit)) ||
      (/\b(?:an?|the)\s+$/iu.test(q.before) &&
        /^\s+\p{Ll}/u.test(q.afterUnit) &&
        !/^\s+of\b/u.test(q.afterUnit)) ||
      (wordEnd(q) !== q.end &&
        (/^\s+\p{Ll}/u.test(q.afterUnit) ||
          (/\b(?:an?|the)\s+$/iu.test(q.before) && /^,/u.test(q.afterUnit))) &&
        !GLUED_MEASURE_THEN_WORD.test(q.afterUnit)),
  },
  {
    id: 'quantity/relative',
    why: 'A share followed by a comparative ("up to 10% faster", "20% smaller") is a change against something the sentence does not give, not a measure of the subject (valgrind release notes). The comparatives are listed: a word in "-er" after a unit is as often a noun ("64bit number", "4Gbyte user", "2 CFI reader" in the corpus) or a word that compares nothing ("per", "under", "thereafter").',
    reject: [
      'Memcheck is also up to [10]% faster for all programs.',
      'The new format makes files [20]% smaller on average.',
      'The cache is flushed [30] seconds later.',
      'The checker uses [5] times more memory.',
    ],
    keep: [
      'Memcheck takes up to [10]% of the run time.',
      // Words in "-er" that compare nothing: a rate, a time from an event the sentence names, a condition, a noun.
      'The header takes [3] bytes per block.',
      'The cache is flushed [30] seconds after the last write.',
      'The bell rings [3] times whenever the door opens.',
      'The disk settles within [30] seconds under load.',
      'The page loads within [30] seconds over a slow link.',
      'The lease is renewed [30] seconds thereafter.',
      'The kernel leaves each process [3] GB user space.',
    ],
    fails: (q) => COMPARATIVE.test(q.afterUnit),
  },
  {
    id: 'quantity/hedged',
    why: 'A figure the text hedges ("seems to be about 25%", "currently") is an impression or a passing state, not a fact to recall (reportlab, fresh set 1).',
    reject: ['Currently the penalty seems to be about [25]% on batches of charts.'],
    keep: ['The penalty is about [25]% on batches of charts.'],
    fails: (q) => HEDGES.test(q.text),
  },
  {
    id: 'quantity/run-time',
    why: 'A duration the text gives as about so much ("after a precomputation of approximately 20 minutes", "the build takes about 2 hours") is how long one run took on the author\'s machine: no fact of the subject to recall (EusLisp manual, fresh set 7). A duration the text sets ("every 600 seconds", "a timeout of 30 seconds") is one.',
    reject: [
      'Smooth animation will be shown after a precomputation of approximately [20] minutes.',
      'The full build takes about [2] hours on a fast machine.',
      'Compiling the kernel took roughly [45] minutes.',
    ],
    keep: [
      'By default, the Update Server performs updates every [600] seconds.',
      'The client gives up after a timeout of [30] seconds.',
      'The penalty is about [25]% on batches of charts.',
    ],
    fails: (q) =>
      q.unit !== undefined &&
      /^(?:s|secs?|seconds?|ms|milliseconds?|mins?|minutes?|h|hrs?|hours?|days?|weeks?)$/iu.test(q.unit) &&
      /\b(?:approximately|approx\.|about|around|roughly|nearly|almost|some)\s*~?$|~\s*$/iu.test(q.before),
  },
  {
    id: 'quantity/standard-number',
    why: 'A number right after an acronym or a slash ("ISO/IEC 9899", "RFC 822") names a standard or a model, even with a unit after it (sdcc: "ISO/IEC 9899 bits and bitfields…").',
    reject: ['In accordance with ISO/IEC [9899] bits and bitfields are implemented as unsigned.'],
    keep: ['The original 8051 had [128] bytes of idata memory.'],
    fails: (q) => /(?:\b\p{Lu}{2,}|\/)\s?$/u.test(q.before),
  },
  {
    id: 'quantity/worked-example',
    why: 'A sentence that sets up an example ("Assuming a cache line of 64 bytes and 100 misses, 6400 bytes…", "Let’s say that you want … for 60 seconds") holds the example’s figures, not the subject’s (valgrind; NUT user manual, fresh set 3).',
    reject: [
      'Assuming a line size of 64 bytes and 100 misses for a given source line, the loading of [6400] bytes was triggered.',
      'Let’s say that you want to receive a notification when any UPS has been running on battery for [60] seconds.',
    ],
    keep: ['A line size of [64] bytes is assumed by the cache simulator.'],
    fails: (q) => WORKED_EXAMPLE.test(q.text.trim()),
  },
  {
    id: 'quantity/code-in-sentence',
    why: 'An option ("--iram-size") or an assignment ("s2 = s1") in the sentence makes it about a program’s text: its figures belong to the example (sdcc, valgrind).',
    reject: [
      'The startup code clears [256] bytes by default, but from 0 to n-1 if --iram-size is used.',
      'For the assignment s2 = s1, GCC copies all [8] bytes wholesale into s2.',
    ],
    keep: ['The startup code clears [256] bytes of internal data memory by default.'],
    fails: (q) => /(?:^|\s)--?\p{L}|\w\s?=\s?\w/u.test(q.text),
  },
  {
    id: 'quantity/glued-heading',
    why: 'Three capitalised words in a row inside a sentence ("Counting of 15 Minute Increments When counting…") are a heading the extraction ran into the text (VA coding handbook).',
    reject: [
      'Counting of 15 Minute Increments When counting intervals, do not report services lasting less that [8] minutes.',
    ],
    keep: ['When counting intervals, do not report services shorter than the first [8] minutes.'],
    fails: (q) => /\S\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/u.test(q.text),
  },
  {
    id: 'quantity/first-person',
    why: 'A sentence in which the author speaks of themself ("my current tape has almost 10 Gbytes", "I ran it for 2 hours") or narrates a session ("We are working with 38 digits of precision", "The number you recalled…") tells an anecdote: its figure is one moment of the author’s, not a fact of the subject (bacula problems guide, fresh set 3; pari tutorial, fresh set 1).',
    reject: [
      'What is significant, is that I can see that my current tape has almost [10] Gbytes of data.',
      'On my machine the build took [20] minutes.',
      'I ran the test suite for [2] hours on the old server.',
      'We are working with [38] digits of precision, but the integer part of exp(100) has 44 decimal digits.',
      'The number you recalled had been computed only to 38 decimals, but an integral part with [44] digits.',
    ],
    keep: [
      'Path and Filenames are kept in buffers that start at [256] bytes in length.',
      'The I/O scheduler waits [8] ms before it merges requests.',
      'We recommend at least [512] MB of memory for the server.',
      'In Part I the course covers [12] weeks of material.',
      'To build the kernel you need at least [2] GB of free disk space.',
    ],
    fails: (q) => FIRST_PERSON.test(q.text) || NARRATED_SESSION.test(q.text),
  },
  {
    id: 'quantity/about-an-example',
    why: 'A sentence about an example or a sample run ("Running the script 15 seconds would result in output similar in Example 5.5") gives the example’s figures: how long a demonstration ran is not what the text teaches (SystemTap beginners’ guide, fresh set 3; what a run printed, or a function of the example program such as "g11": valgrind).',
    reject: [
      'Running the dropwatch.stp script [15] seconds would result in output similar in Example 5.5.',
      'The sample output below was taken over [30] seconds.',
      'The example allocates [64] bytes for the buffer.',
      'The DRD output reports that the lock acquired at line 51 in source file hold_lock.c was held during [503] ms.',
      'Of the 330 bytes allocated by the 30 calls to g11, [168] bytes have not been freed.',
    ],
    keep: [
      'The probe fires every [15] seconds while the script runs.',
      'The output buffer holds [4] KB before it is flushed.',
      'On x86 systems the page size is [4] KB.',
      'On i386 the kernel addresses at most [4] GB of memory.',
      'The md5 checksum is [128] bits long.',
    ],
    fails: (q) =>
      ABOUT_AN_EXAMPLE.test(q.text) || (EXAMPLE_IDENTIFIER.test(q.text) && ABOUT_A_RUN.test(q.text)),
  },
  {
    id: 'quantity/one-run',
    why: 'A sentence that says what became of the input in the output ("The output file contains only the Time, X, and Y columns, and only the first 999 rows from the EVENTS table extension of the input file") explains one run of a command shown beside it: 999 is what the example filtered on (`[#row < 1000]`), not a fact of the subject (CFITSIO quick start guide, fresh set 10). Only with a word of selection ("only", "the first 999 rows", "extension of"): naming input and output alone states a fact ("The output voltage is 5 V when the input is 3 V").',
    reject: [
      "The output file contains only the Time, X, and Y columns, and only the first [999] rows from the 'EVENTS' table extension of the input file.",
      'The output image holds the first [512] rows of the input image.',
      'The output table keeps only the rows of the input table whose flux exceeds [100] counts.',
    ],
    keep: [
      'The output buffer holds [4] KB before it is flushed.',
      'The input file holds at most [2] GB of data.',
      'Each output file holds at most [1000] records.',
      'The input buffer holds [4096] bytes and the output buffer holds 8192 bytes.',
      'The input is read in blocks of [512] bytes when the output is written in blocks of 4 KB.',
      'The filter multiplies the input by ten, so the output takes [4] bytes per sample.',
    ],
    fails: (q) => selectsFromInput(q.text),
  },
  {
    id: 'quantity/persons-age',
    why: 'A person’s age or the age they died at ("passed away at 21 years of age") is true and answerable but nothing a course asks a learner to recall (Debian history, fresh set 3).',
    reject: [
      'On July 11th, 2000, Joel Klecker, who was also known as Espy, passed away at [21] years of age.',
      'The author was [12] years old when he wrote his first program.',
    ],
    keep: [
      'Ray was a Debian Developer for incredible [19] years.',
      'ARP entries are aged out after [300] seconds.',
    ],
    fails: (q) => PERSONS_AGE.test(q.text),
  },
  {
    id: 'quantity/condition',
    why: 'A figure inside an opening condition ("If type int has at least 32 bits, there is a limit…", "When the file is over 2 GB, …") is a case the text supposes, not what it states: the blank asks for the premise of a claim (nauty guide, fresh set 4).',
    reject: [
      'If type int has at least [32] bits, there is an absolute limit on the number of vertices.',
      'When the buffer holds [64] KB, the daemon flushes it to disk.',
    ],
    keep: [
      'If the buffer is full, the daemon flushes its [64] KB to disk.',
      'The daemon flushes the buffer to disk when the queue holds [64] KB.',
    ],
    fails: (q) => OPENING_CONDITION.test(q.before),
  },
  {
    id: 'quantity/unnamed-default',
    why: 'A default stated without what it is the default of ("The default is 1000 threads, which should be more than enough") leans on the option named before it: blanked or listed, it asks the default of nothing (valgrind DRD).',
    reject: ['The default is [1000] threads which should be more than enough for most applications.'],
    keep: ['The default stack size of a DRD thread is [1000] KB on most platforms.'],
    fails: (q) =>
      /^\s*(?:the|its|this|that) default(?: value| setting| size)? (?:is|was|are)\b/iu.test(q.text),
  },
  {
    id: 'quantity/by-arithmetic',
    why: 'A blank two other numbers of the sentence make by a product or a quotient in its unit ("frames are 20 ms long (160 samples) and are subdivided in 4 sub-frames of 5 ms each (40 samples)": 4 × 5 ms, 40 samples × 4) is computed, not recalled (Speex manual, fresh set 13); so is a term or a total of a sum in its unit when the words after it add up ("takes 5 seconds … 13 seconds in total": 13 − 8) and the rest of a whole split in percentages ("70%, C-D 20% and server F 10%"), and a false option changing such a number is false by the sum alone (omniORB, FireHOL, fresh set 14). Numbers of other units that happen to multiply ("12 weeks, with 3 lectures and 4 labs") or add up ("within 30 days, an appeal within 10 days and a response within 20 days") make nothing, nor does a total stated before its parts.',
    reject: [
      'In narrowband, Speex frames are [20] ms long (160 samples) and are subdivided in 4 sub-frames of 5 ms each (40 samples).',
      'In narrowband, Speex frames are 20 ms long ([160] samples) and are subdivided in 4 sub-frames of 5 ms each (40 samples).',
      'Frames are subdivided in [4] sub-frames of 5 ms each, 20 ms in all.',
      'A [16] bit word holds 2 bytes of 8 bits.',
      // Sums and differences in the blank's unit, and shares of a whole (omniORB manual, FireHOL manual, fresh set 14).
      'If establishing the connection takes 8 seconds, then the call itself takes [5] seconds, the call succeeds despite having taken 13 seconds in total, longer than the usual timeout.',
      'Group A-B will get [70]%, C-D 20% and server F 10%.',
      'The header takes [20] bytes and the payload 1480 bytes, 1500 bytes in total.',
      'Of the 64 KB, [16] KB are reserved and the remaining 48 KB are free.',
      'Bake for [20] minutes, turn the tray and bake 10 minutes more, 30 minutes in all.',
      'It takes 8 seconds to connect and 5 seconds to call, [13] seconds in total.',
    ],
    keep: [
      'In narrowband, Speex frames are [20] ms long and are subdivided in sub-frames.',
      'The daemon waits [30] seconds, then retries once and gives up after 1 try.',
      'A page of [64] KB holds 4 blocks of 8 KB each.',
      // Numbers of other units that happen to make the blank's.
      'The course lasts [12] weeks, with 3 lectures and 4 labs a week.',
      'Each of the 4 cores runs at [2] GHz and has 8 MB of cache.',
      'A sample of [2.5] g was dissolved in 10 mL and diluted 4 times.',
      'The survey of 500 households took [20] days with 25 interviewers.',
      'A byte is [8] bits, so 4 bytes are 32 bits.',
      // A total given before its parts is the fact the sentence states; numbers that add up by chance make nothing.
      'The total is [30] kg: 10 kg of flour and 20 kg of sugar.',
      'The total is 30 kg, with [10] kg of flour and 20 kg of sugar.',
      'Of [100] users in the trial, 20 users dropped out and 80 users completed all visits.',
      'Of the [64] KB, 16 KB are reserved and the remaining 48 KB are free.',
      'The disk holds [500] GB: 100 GB for the system and the remaining 400 GB for data.',
      'A packet of [1500] bytes carries 20 bytes of header and 1480 bytes of payload in all.',
      'The loan term is [30] years: 10 years fixed, then 20 years variable, in total.',
      'A claim must be filed within [30] days, an appeal within 10 days and a response within 20 days.',
      'The handshake times out after [10] seconds, the request after 20 seconds and the reply after 30 seconds.',
      'The sample was heated for [10] minutes and cooled for 20 minutes; the whole run took 45 minutes in total.',
      'Bake for [10] minutes, rest for 20 minutes and serve within 30 minutes.',
      'The tax is [20]% on income and 10% on dividends, while 70% of citizens pay no tax at all.',
      'Compression saves [70]% on text, 20% on images and 10% on video.',
      'The fund charges [4]% a year, 16% of the profit and 80% of the fee on exit.',
    ],
    fails: madeByArithmetic,
  },
];
