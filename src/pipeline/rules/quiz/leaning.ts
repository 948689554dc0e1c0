/**
 * Statements a multiple-answer item lists (and a numerical item blanks) that lean on the sentence before in ways
 * `listed/leans` and `listed/leans-on-paragraph` do not read: an attribute of nothing named ("Precision is ca. 10
 * decimal digits", of the number system named before), "here", a variable the sentence does not define ("the first
 * n + 1 columns"), a case the text set up and points at ("In that case", "In the latter case"). Set 12's fault
 * class 5 (reading.md, "The twelfth reading"); part of {@link LISTED_RULES} (rules/quiz/listed.ts). Each pattern reads a sentence once: no part of one can take what the part before took.
 */
import { isAnalysed, type LanguageProfile } from '../../language/index.ts';
import { splitSentences } from '../../text/sentences.ts';
import type { Rule } from '../rule.ts';
import { instructionOf } from './steps.ts';

interface LeaningRule extends Rule {
  fails(statement: string, lang: LanguageProfile): boolean;
}

/** Attributes a sentence may open on with no owner ("Precision is …"): of what the sentence before named. */
const ATTRIBUTE =
  '(?:precision|accuracy|resolution|tolerance|granularity|looseness|overhead|capacity|latency|throughput|range)';

/**
 * An attribute for a subject with no owner after it: "Precision is ca. 10 decimal digits", "The accuracy is 1 mm";
 * "The degree of "looseness" can be configured" (an abstract noun in -ness or -ity under "degree|level|extent"). An
 * owner after it ("of a double", "in Sollya", "for each axis") says whose; "Precision is the number of digits…" defines
 * the attribute, of anything.
 */
const BARE_ATTRIBUTE = new RegExp(
  String.raw`^(?:(?:the|its|this)\s+)?${ATTRIBUTE}\s+(?!(?:of|in|for|with|on|at)\b)(?!is\s+(?:the|a|an)\b)(?:is|are|was|were|can|may|will|must|should|has|depends|defaults)\b|^(?:the\s+)?(?:degree|level|extent|amount)\s+of\s+["“'‘]?\p{Ll}+(?:ness|ity)["”'’]?\s+(?!of\b)(?:is|are|was|were|can|may|will|must|should|has|depends)\b`,
  'iu',
);

/**
 * "here" as a place in the text ("is not active here", "Here, the value…"); "click here", "tap here", "see here" are a
 * link's words, and a shell's "here document" or "here-string" is a name.
 */
const HERE = /(?<!\b(?:click|tap|press|go|look|see)\s)\bhere\b(?![\s-](?:documents?|strings?)\b)/iu;

/**
 * A single letter used as a number ("n + 1", "2k", "the first n columns"): a variable of a formula or a command the
 * sentence before set up. Not "a" nor "I"; not a letter after a number and a space ("5 m + 2 m" is metres); not in a
 * sentence that says what the letter is ("where n is…", "n denotes…", "Let n be…", "of size n", "n given by…"). Not
 * "e", Euler's number; after "first", "last" and the like, lower case only ("The first C compiler" is a name).
 */
const LETTER = '[b-df-hj-zB-DF-HJ-Z]';
const LOWER_LETTER = '[b-df-hj-z]';
const UNBOUND_LETTER = new RegExp(
  String.raw`(?<![\p{L}\p{N}_.'’\-\\]|\d\s)${LETTER}\s*[+−×*/^]\s*\d|\d\s*[+−×*/^]\s*${LETTER}(?![\p{L}\p{N}_])|\b(?:first|last|next|previous|top|bottom)\s+${LOWER_LETTER}\s+(?=\p{Ll}{3})`,
  'u',
);
const DEFINES_LETTER = new RegExp(
  String.raw`\bwhere\b|(?<![\p{L}\p{N}_])${LETTER}\s+(?:is|are|denotes|stands|being|equals|given\s+by)\b|\b[Ll]et\s+${LETTER}\s+be\b|\bof\s+size\s+${LETTER}(?![\p{L}\p{N}_])`,
  'u',
);

/**
 * A case of the text's pointed at by an opening ("In that case, …", "In either case, …", "In the latter case, …").
 * "In the case of a power failure, …" and "In the case where no file is given, …" name their case; "In this case
 * study" is a study.
 */
const CASE_OPENING =
  /^\s*in\s+(?:that|this|either|such(?:\s+(?:a|the))?|the\s+latter|the\s+former|the\s+above)\s+cases?\b(?!\s+stud)/iu;

/**
 * A row of a table or a list run into a statement: a name then " - " and its description ("FFPlayer - may be used
 * to …"), a footnote's dagger after the first word and a capital after it ("SPEEX_SET_VBR† Set variable bit-rate"),
 * an identifier in capitals with an underscore and a capitalised word after it ("SPEEX_SET_VBR Set …"). A sentence
 * the identifier is the subject of ("MAX_PATH is 260 characters", "SO_REUSEADDR allows …") and a dagger marking a
 * word ("Aspirin† reduces fever") stand; a dash a second one closes ("Ethanol – a primary alcohol – boils …") is a
 * parenthesis.
 */
const TABLE_ROW =
  /^[^\s]+\s+[-–]\s(?!.*\s[-–]\s)|^[^\s†‡]+[†‡]\s+\p{Lu}|^\p{Lu}[\p{Lu}\p{N}]*(?:_[\p{Lu}\p{N}]+)+\s+\p{Lu}\p{Ll}/u;

/**
 * Words that say the sentence adds to the one before ("also", "similarly", "as well", "another factor", "the first
 * variant"). "as well as" joins two things of its own sentence, and "also known as" or "also called" name one; "but
 * (are) also", "and also" and ", also" add to the sentence's own words; "similarly" leans only closing a clause or before a
 * preposition or a subject ("behaves similarly.", "Similarly, …"): before an adjective or a participle ("similarly
 * sized", "similarly named") it is a manner.
 */
const ADDS_TO_BEFORE =
  /\balso\b(?<!\b(?:but|and)\s+(?:\p{Ll}+\s+)?also|,\s?also)(?!\s+(?:known|called|named|referred)\b)|\bsimilarly\b(?=\s*(?:[,.;:]|$)|\s+(?:to|for|in|with|when|if|the|a|an|this|these|it|they|we|you)\b)|\bas\s+well\b(?!\s+as\b)|\ban\s?other\s+factor\b|\bthe\s+(?:first|second|third|latter|former|other)\s+variant\b(?!\s+of\b)/iu;

/**
 * Two sentences run together where the PDF has no full stop: a closing parenthesis or a lower-case word, then "The",
 * a word in capitals holding "-" or "_" and a lower-case word ("… (si::prof 0 90) The START-ADDRESS will …"). "in
 * The Art of …" and "by The MIT Press" are titles.
 */
const RUN_TOGETHER = /\)\s+The\s+\p{L}|\p{Ll}\s+The\s+\p{Lu}[\p{Lu}\p{N}]*(?:[_-][\p{Lu}\p{N}]+)+\s+\p{Ll}/u;

/**
 * A count of parts of something the sentence does not name ("There are 5 columns with information of the specific
 * selection": of which window?), or a sentence with no subject, a table's value column ("Anything you like, up to
 * 80 characters.", under TITLE). A count in a named window, dialog, file or table ("in the Export dialog") or in, on or per anything ("in a Sudoku
 * grid", "per row") says whose.
 */
const UNNAMED_COUNT =
  /^[Tt]here\s+are\s+\d+\s+(?:columns|rows|fields|buttons|tabs|entries|items|options|boxes|panes|sections)\b(?!.*\b(?:(?:in|on|per)\s+\p{L}|of\s+(?:the\s+)?(?:["“‘']|\p{Lu})))|^(?:[Aa]nything|[Ww]hatever)\s+you\b/u;

/**
 * Openings that point at what the text set out before (fresh set 14): one of several forms or cases it listed ("The
 * first form of the h() method returns …", "The second case of code that may have to change …", "The first form
 * takes …"), constructors of a class it showed ("The constructors create a new shared image record …"), the buttons of
 * a widget it showed ("Clicking on the buttons increments …"), an answer to a FAQ's question ("Just installing the
 * LADSPA SDK … should be enough."), or a downside of what it named ("A downside is it makes …"). A form of a named
 * thing ("The first form of the verb is the infinitive"), builders ("The constructors built the dam"), a named button
 * ("Clicking on the Save button …") a downside with its owner ("A downside of leasing is that it …"), an advantage ("One advantage is that it is cheap"),
 * "takes place" and a FAQ-like answer about no software ("Just adding salt should be enough …") stand.
 */
const POINTS_BACK = new RegExp(
  [
    String.raw`^the\s+(?:first|second|third|fourth|last|other|latter|former)\s+(?:forms?|cases?|variants?|overloads?|syntax)\s+(?:of\s+(?:the\s+)?(?:[\p{L}\p{N}_:.]*\(\)|code\b|usage\b)|(?:returns?|takes?\b(?!\s+place\b)|creates?|sets?|gets?|accepts?|expects?|calls?)\b)`,
    String.raw`^the\s+(?:constructors?|destructors?)\s+(?:create|creates|initiali[sz]es?|allocates?|destroys?|frees?|releases?|deletes?)\b(?=.*\b(?:objects?|instances?|records?|widgets?|images?|cache|memory|class|pointers?|buffers?)\b)`,
    String.raw`^clicking\s+on\s+the\s+buttons\b(?!\s+(?:of|in|on)\b)`,
    String.raw`^just\s+\p{L}+ing\b(?=.*\b(?:SDKs?|packages?|librar(?:y|ies)|drivers?|plug-?ins?|install\w*)\b)(?=.*\bshould\s+be\s+enough\b)`,
    String.raw`^(?:a|one|another|the)\s+(?:downside|drawback|disadvantage)\s+is\s+(?:that\s+)?(?:it|this|they)\b`,
  ].join('|'),
  'iu',
);

export const LEANING_RULES: readonly LeaningRule[] = [
  {
    id: 'listed/points-back',
    why: 'A statement that points at forms, cases, constructors or buttons the text set out before ("The first form of the h() method returns …", "The constructors create a new shared image record …", "Clicking on the buttons increments …"), answers a FAQ\'s question ("Just installing the LADSPA SDK … should be enough.") or weighs what it named ("A downside is it makes …") is true of the text\'s example only: listed or blanked, a learner cannot tell of what (FLTK, omniORB, ecasound and ns manuals, fresh set 14).',
    reject: [
      'The constructors create a new shared image record in the image cache.',
      'The first form of the h() method returns the current image height in pixels.',
      'The second case of code that may have to change is code using the Dynamic Any interfaces.',
      'The first form takes 2 arguments and the second 3.',
      'Clicking on the buttons increments by 10 times the amount dragging by a pixel does.',
      'Just installing the LADSPA SDK - “www.ladspa.org” - should be enough.',
      'A downside is it makes deeply nested looping structures hard to fit in 80 columns.',
    ],
    keep: [
      'The first form of the verb is the infinitive.',
      'The second case in Latin grammar is the genitive.',
      'The latter case arises when the tenant dies before the lease ends.',
      'The first case of cholera was reported in 1832.',
      'The constructors built the dam in 1936.',
      'The constructors create jobs in the region.',
      'The constructors of a Java class have no return type.',
      'Clicking on the Save button writes the file to disk.',
      'Clicking on the buttons of the toolbar opens a menu.',
      'Two eggs should be enough for four people.',
      'Just two eggs should be enough for four people.',
      'A downside of leasing is that it never makes you the owner of the car.',
      'A downside is that interest rates may rise by 2% a year.',
      'One advantage is that it is cheap.',
      'The advantage is that it requires no training.',
      'An advantage is that it needs no power.',
      'The first form takes place in the liver.',
      'Just adding salt should be enough to preserve the fish.',
      'One benefit of titration is its accuracy of 0.1 mL.',
    ],
    fails: (s) => POINTS_BACK.test(s.trim()),
  },
  {
    id: 'listed/order',
    why: 'A statement that opens with an order ("Toggle audio pattern and give audible feedback.", "Move within notation left, …") is a key binding or a menu entry taken from a table: the text makes no claim a learner could select, and a changed quantity in one is no falsehood (gsequencer user manual, fresh set 13).',
    reject: [
      'Toggle audio pattern and give audible feedback.',
      'Move within notation left, right, up or down.',
      'Select the range of 4 bars to copy.',
    ],
    keep: [
      'The key toggles the audio pattern and gives audible feedback.',
      'To move within the notation, use the arrow keys.',
      'Users select the range of 4 bars to copy.',
      'Output files are written to the current directory.',
      // The first word is the subject of the verb after it (Raster3D manual, fresh set 13).
      'Output is in the form of a pixel image with 24 bits of color information per pixel plus one matte channel.',
      'Output goes to the file named in the header.',
      'Support for direct output of PNG images requires prior installation of the libpng and libz libraries.',
      'Return values indicate success or failure.',
      'Access rights protect files from other users.',
    ],
    fails(s, lang) {
      if (!isAnalysed(lang)) return false;
      // A first word the tagger does not read as a verb, with a finite verb after it before any comma, is the
      // subject's head ("Output is in the form of …", "Support for PNG images requires …"); an order's verbs are
      // all bare ("Toggle audio pattern and give audible feedback.").
      const tags = lang.analyser.tag(s.trim());
      const comma = tags.findIndex((t) => t.text === ',');
      // A verb right after a plural noun is the noun's ("Return values indicate …", "Access rights protect …").
      const finite = tags
        .slice(1, comma < 0 ? undefined : comma)
        .some(
          (t, i) =>
            t.pos === 'AUX' ||
            (t.pos === 'VERB' &&
              (/(?:[^s]s|ed)$/u.test(t.lower) ||
                (tags[i]?.pos === 'NOUN' && /[^s]s$/u.test(tags[i]!.lower)))),
        );
      if (tags[0]?.pos !== 'VERB' && finite) return false;
      return instructionOf(lang)(s.trim());
    },
  },
  {
    id: 'listed/table-row',
    why: 'A row of a table or list run into a statement ("FFPlayer - may be used to play back files.", "SPEEX_SET_VBR† Set variable bit-rate (VBR) (spx_int32_t)", an identifier in capitals opening it) is a name and its description: listed, it is no sentence of the text (gsequencer user manual, Speex manual, fresh set 13).',
    reject: [
      'FFPlayer - may be used to play back audio files.',
      'SPEEX_SET_VBR† Set variable bit-rate (VBR) on or off.',
      'SPEEX_GET_FRAME_SIZE Get the number of samples per frame for the current mode.',
    ],
    keep: [
      'FFPlayer may be used to play back audio files.',
      'The value - if given - is read as 4 bytes.',
      'The request SPEEX_SET_VBR sets variable bit-rate on or off.',
      'NASA built the first 3 receivers.',
      'Non-free files are kept in a separate archive.',
      'MAX_PATH is 260 characters on Windows.',
      'SO_REUSEADDR allows a socket to bind to a port already in use.',
      'Ethanol – a primary alcohol – boils at 78 °C.',
      'Aspirin† reduces fever in adults.',
    ],
    fails: (s) => TABLE_ROW.test(s.trim()),
  },
  {
    id: 'listed/adds-to-before',
    why: 'A statement that adds to the one before it ("you will also need a sound card", "An other factor is bpm …", "For the first variant, you provide …", "The second function behaves similarly") is true with that sentence only: listed, its "also" adds to nothing (gsequencer user manual, Speex manual, fresh set 13).',
    reject: [
      'To record, you will also need a sound card.',
      'An other factor is bpm, which sets the tempo of 4 beats.',
      'Another factor is the sample rate of 44100 Hz.',
      'For the first variant, you provide a file of 2 columns.',
      'The decoder behaves similarly.',
      'The encoder accepts 16 bit samples as well.',
    ],
    keep: [
      'To record, you will need a sound card.',
      'The encoder accepts 16 bit samples as well as 8 bit samples.',
      'The CELT codec, also known as Opus, has a frame of 20 ms.',
      'The first variant of the codec has a frame of 20 ms.',
      'Tomatoes are fruits but are also used as vegetables.',
      'A tenant may sublet the flat and also assign the lease with consent.',
      'Sodium chloride, also table salt, dissolves in water.',
      'Two similarly sized samples give comparable variances.',
    ],
    fails: (s) => ADDS_TO_BEFORE.test(s),
  },
  {
    id: 'listed/run-together',
    why: 'Two sentences run together where the PDF has no full stop ("… restarted with (si::prof 0 90) The START-ADDRESS will correspond …") make one statement of two, and the blank of a numerical item may be in either (GCL SI manual, fresh set 13).',
    reject: [
      'The profiling is restarted with (si::prof 0 90) The START-ADDRESS will correspond to the beginning of the profile array.',
      'The profile is cleared with si::prof The START-ADDRESS will then be 0.',
    ],
    keep: [
      'The profiling is restarted with (si::prof 0 90), and the start address will correspond to 0.',
      'The algorithm is given in The Art of Computer Programming, volume 2.',
      'The book was published by The MIT Press in 1985.',
      'Kozierok wrote The TCP/IP Guide in 2005.',
    ],
    fails: (s) => RUN_TOGETHER.test(s),
  },
  {
    id: 'listed/split-in-two',
    why: 'A statement the sentence splitter itself cuts in two ("… read data from “test.wav”. But as “start-position” is not zero, ecasound will skip the first 2 seconds.", "… (including the connection establishment). So, if …") is two sentences the course joined because the second leans on the first: one statement to the makers, two claims to a reader, and a blank in either asks a paragraph (ecasound and omniORB manuals, fresh set 14). Asking the splitter, not a pattern of its own, keeps what the splitter keeps whole: abbreviations before a capital ("(Zhang et al.) NMR", "(Acme UK Ltd.) VAT"), a quoted "Save As…". `listed/two-sentences` also sees a stop the splitter leaves alone.',
    reject: [
      'After that ecasound will start to read data from “test.wav”. But as “start-position” is not zero, ecasound will skip the first 2 seconds.',
      'The 10 second call timeout applies to the whole call (including the connection establishment). So, if connecting takes 1.5 seconds, the call times out.',
      'Press “Save.” The file is written to disk within 2 seconds.',
      'Stir in the flour (about 200 g). Then bake for 20 minutes.',
      'The patch was merged in Linux (version 2.6). Later kernels keep it.',
      'It is the Transmission Control Protocol (TCP). It retries 3 times.',
      'The server replies “OK”. Then 2 bytes follow.',
    ],
    keep: [
      'Click “Save As…” to write the file under a new name.',
      'The constant “c” is about 300,000 km/s in vacuum.',
      'E. coli divides every 20 minutes at 37 °C.',
      'Under 17 U.S.C. § 107, fair use is judged on 4 factors.',
      'Add the sugar (about 200 g) and stir for 5 minutes.',
      'The “ping” utility (ICMP echo) sends 1 packet a second by default.',
      'A bond’s yield (its “return.”) falls as its price rises.',
      'In the 2019 study (Zhang et al.) NMR spectra were recorded at 600 MHz.',
      'For the UK subsidiary (Acme UK Ltd.) VAT is charged at 20%.',
      'At room temperature (20 °C approx.) NaCl dissolves at 360 g/L.',
      'Like its rival (Apple Inc.) Samsung sells 200 million phones a year.',
    ],
    fails: (s) => splitSentences(s).length > 1,
  },
  {
    id: 'listed/unnamed-count',
    why: 'A count of parts of something the sentence does not name ("There are 5 columns with information of the specific selection": of which window?) or a sentence with no subject ("Anything you like, up to 80 characters.", the value column of a table row) asks a number of nothing (gsequencer user manual, Raster3D manual, fresh set 13).',
    reject: [
      'There are 5 columns with information of the specific selection.',
      'There are 3 buttons with a tooltip each.',
      'Anything you like, up to 80 characters.',
    ],
    keep: [
      'There are 5 columns in the Export dialog.',
      'The machine dialog has 5 columns with information of the specific selection.',
      'There are 3 kinds of wave forms to choose from.',
      'There are 9 rows in a Sudoku grid.',
      'You may give anything you like, up to 80 characters, as the title.',
    ],
    fails: (s) => UNNAMED_COUNT.test(s.trim()),
  },
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
      'Precision is the number of digits after the decimal point.',
      'The range is a quickly computed measure of the spread of a sample.',
      'Latency is the delay between request and response.',
    ],
    fails: (s) => BARE_ATTRIBUTE.test(s.trim()),
  },
  {
    id: 'listed/here',
    why: '"here" is a place in the text ("The extra feature that handles negative values within the last 2 hours is not active here", of the date parser named before): listed, "here" is nowhere (Shishi manual, fresh set 12). A link\'s "click here" or "see here" is no place, nor a shell\'s "here document".',
    reject: [
      'The extra feature that handles negative values within the last 2 hours is not active here.',
      'Here the default port is 8080.',
      'The options shown here apply to the client only.',
    ],
    keep: [
      'The extra feature handles negative values within the last 2 hours.',
      'To download the manual, click here and save the file.',
      'For the full list of options, see here or the manual page.',
      'A here document feeds the lines up to the delimiter to the command.',
      'The shell reads a here-string as one line of input.',
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
      'The first C compiler for the machine took 2 years to write.',
      'Let n be the number of rows; the table then has n + 1 lines.',
      'An array of size n holds the first n + 1 values at most.',
      'The sum of the first n + 1 terms, with n given by the user, is printed.',
      'The value e + 1 is about 3.718.',
    ],
    fails: (s) => UNBOUND_LETTER.test(s) && !DEFINES_LETTER.test(s),
  },
  {
    id: 'listed/unnamed-case',
    why: 'An opening that points at a case the text set up ("In that case, the daemon restarts …", "In either case, …", "In the latter case, …") is true of the text\'s case only: listed, a learner cannot tell which (GEOTRANS user\'s guide, fresh set 12). "In the case of …" and "In the case where no file is given, …" state their case and stand.',
    reject: [
      'In that case, the daemon restarts after 5 seconds.',
      'In the latter case, the point scale factor along that parallel is also specified.',
      'In either case, the file is closed.',
    ],
    keep: [
      'In the case of a power failure, the UPS sends a signal to the server.',
      'In case of doubt, the daemon restarts after 5 seconds.',
      'In the case where no file is given, the standard input is read.',
      'In this case study, the daemon restarts after 5 seconds.',
      'The lower case letters are read as upper case letters in that field.',
    ],
    fails: (s) => CASE_OPENING.test(s),
  },
];
