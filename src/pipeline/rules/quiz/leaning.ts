/**
 * Statements a multiple-answer item lists (and a numerical item blanks) that lean on the sentence before in ways
 * `listed/leans` and `listed/leans-on-paragraph` do not read: an attribute of nothing named ("Precision is ca. 10
 * decimal digits", of the number system named before), "here", a variable the sentence does not define ("the first
 * n + 1 columns"), a case the text set up ("In the case where there is one standard parallel", of a projection named
 * before). Set 12's fault class 5 (reading.md, "The twelfth reading"); part of {@link LISTED_RULES}
 * (rules/quiz/listed.ts). Each pattern reads a sentence once: no part of one can take what the part before took.
 */
import type { LanguageProfile } from '../../language/index.ts';
import type { Rule } from '../rule.ts';

interface LeaningRule extends Rule {
  fails(statement: string, lang: LanguageProfile): boolean;
}

/** Attributes a sentence may open on with no owner ("Precision is …"): of what the sentence before named. */
const ATTRIBUTE =
  '(?:precision|accuracy|resolution|tolerance|granularity|looseness|overhead|capacity|latency|throughput|range)';

/**
 * An attribute for a subject with no owner after it: "Precision is ca. 10 decimal digits", "The accuracy is 1 mm";
 * "The degree of "looseness" can be configured" (an abstract noun in -ness or -ity under "degree|level|extent"). An
 * owner after it ("of a double", "in Sollya", "for each axis") says whose.
 */
const BARE_ATTRIBUTE = new RegExp(
  String.raw`^(?:(?:the|its|this)\s+)?${ATTRIBUTE}\s+(?!(?:of|in|for|with|on|at)\b)(?:is|are|was|were|can|may|will|must|should|has|depends|defaults)\b|^(?:the\s+)?(?:degree|level|extent|amount)\s+of\s+["“'‘]?\p{Ll}+(?:ness|ity)["”'’]?\s+(?!of\b)(?:is|are|was|were|can|may|will|must|should|has|depends)\b`,
  'iu',
);

/** "here" as a place in the text ("is not active here", "Here, the value…"); "click here" is a link's words. */
const HERE = /(?<!\bclick\s)\bhere\b/iu;

/**
 * A single letter used as a number ("n + 1", "2k", "the first n columns"): a variable of a formula or a command the
 * sentence before set up. Not "a" nor "I"; not a letter after a number and a space ("5 m + 2 m" is metres); not in a
 * sentence that says what the letter is ("where n is…", "n denotes…").
 */
const LETTER = '[b-hj-zB-HJ-Z]';
const UNBOUND_LETTER = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.'’\-\\]|\d\s)${LETTER}\s*[+−×*/^]\s*\d|\d\s*[+−×*/^]\s*${LETTER}(?![\p{L}\p{N}_])|\b(?:first|last|next|previous|top|bottom)\s+${LETTER}\s+(?=\p{Ll}{3})`,
  'u',
);
const DEFINES_LETTER = new RegExp(
  String.raw`\bwhere\b|(?<![\p{L}\p{N}_])${LETTER}\s+(?:is|are|denotes|stands|being|equals)\b`,
  'u',
);

/**
 * A case of the text's for an opening ("In the case where there is one standard parallel, …", "In that case, …",
 * "In either case, …"). "In the case of a power failure, …" names its case.
 */
const CASE_OPENING =
  /^\s*in\s+(?:(?:the|a)\s+cases?\s+(?:where|when|that|in which)|(?:that|this|either|each|both|such (?:a|the)|which|the latter|the former|the above|the first|the second|the other)\s+cases?)\b/iu;

export const LEANING_RULES: readonly LeaningRule[] = [
  {
    id: 'listed/bare-attribute',
    why: 'An attribute for a subject with no owner ("Precision is ca. 10 decimal digits, 5 digits before and after the comma", of the scaled number system named in the sentence before; "The degree of "looseness" can be configured …", of the hosts\' clock synchronisation) reads as a claim on a precision of nothing: listed or blanked, a learner cannot tell whose (MetaPost manual, Shishi manual, fresh set 12).',
    reject: [
      'Precision is ca. 10 decimal digits, 5 digits before and after the comma.',
      'Precision is determined by an internal variable numberprecision in decimal digits.',
      'The degree of "looseness" can be configured on a per-server basis, but is typically on the order of 5 minutes.',
      'The accuracy is about 1 mm.',
    ],
    keep: [
      'The precision of a double is 53 bits.',
      'Precision in Sollya is set with the prec command.',
      'The range of a signed byte is -128 to 127.',
      'The MPFR library lets the user choose the precision of each variable.',
      'The degree of a polynomial is the highest power of its variable.',
      'Using .. in a path specification sets the tension parameter to the default value 1.',
    ],
    fails: (s) => BARE_ATTRIBUTE.test(s.trim()),
  },
  {
    id: 'listed/here',
    why: '"here" is a place in the text ("The extra feature that handles negative values within the last 2 hours is not active here", of the date parser named before): listed, "here" is nowhere (Shishi manual, fresh set 12). A link\'s "click here" is no place.',
    reject: [
      'The extra feature that handles negative values within the last 2 hours is not active here.',
      'Here the default port is 8080.',
      'The options shown here apply to the client only.',
    ],
    keep: [
      'The extra feature handles negative values within the last 2 hours.',
      'To download the manual, click here and save the file.',
      'The server answers with the time where it runs.',
    ],
    fails: (s) => HERE.test(s),
  },
  {
    id: 'listed/unbound-variable',
    why: 'A letter used as a number that the sentence does not define ("By default, the first n + 1 columns are used": which n, of which command?) is a variable of a formula or a syntax line the text gave before; the blank\'s answer is then a "+ 1" (Pyxplot manual, fresh set 12). A sentence that says what the letter is ("where n is the number of rows") stands.',
    reject: [
      'By default, the first n + 1 columns are used.',
      'The matrix has 2k rows in that form, or k + 2 columns.',
      'Only the first n lines of the file are read.',
    ],
    keep: [
      'By default, the first 3 columns are used.',
      'The table has n + 1 rows, where n is the number of samples.',
      'A 5 m + 2 m cable reaches the mast.',
      'The C++ compiler needs 2 GB of memory.',
      'Type I errors occur in 5% of the tests.',
      'A 4 x 4 matrix holds 16 numbers.',
    ],
    fails: (s) => UNBOUND_LETTER.test(s) && !DEFINES_LETTER.test(s),
  },
  {
    id: 'listed/unnamed-case',
    why: 'An opening on a case the text set up ("In the case where there is one standard parallel, the point scale factor along that parallel is also specified", of the Lambert Conformal Conic projection named in the sentence before; "In that case, …") is true of the text\'s case only: listed, a learner cannot tell which (GEOTRANS user\'s guide, fresh set 12). "In the case of …" names its case.',
    reject: [
      'In the case where there is one standard parallel, the point scale factor along that parallel is also specified.',
      'In that case, the daemon restarts after 5 seconds.',
      'In either case, the file is closed.',
    ],
    keep: [
      'In the case of a power failure, the UPS sends a signal to the server.',
      'In case of doubt, the daemon restarts after 5 seconds.',
      'The lower case letters are read as upper case letters in that field.',
    ],
    fails: (s) => CASE_OPENING.test(s),
  },
];
