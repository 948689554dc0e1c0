/**
 * Definitions that are no definitions, though shaped "X is a/the …": an appraisal ("an extremely useful but
 * computationally intensive technique"), a metaphor held up by judging words ("a rich and complex alchemy"), a
 * relation to another thing ("a prequisite for building MPFR") or the default of a list ("the default compression
 * level"). Set 11's short answers (reading.md, "The eleventh reading"); part of {@link GLOSS_RULES}
 * (rules/quiz/glosses.ts).
 */
import type { GlossRule, TermRule } from './gloss-places.ts';

/** Adjectives and adverbs that rate a thing instead of saying what it is. */
const JUDGING =
  /^(?:useful|rich|complex|complicated|important|powerful|intensive|expensive|costly|cheap|simple|easy|difficult|hard|convenient|elegant|efficient|fast|slow|robust|great|good|excellent|interesting|handy|versatile|sophisticated|flexible|tedious|beautiful|wonderful|valuable|essential|crucial|effective|extremely|very|highly|computationally|rather|quite|really|particularly|especially|most|more|less|incredibly|remarkably|fairly)$/iu;

/**
 * Nouns that relate the term to another thing: "a prerequisite for …", "an alternative to …", "a complement to …"
 * (but "the complement of a set" is set theory's operation, a definition).
 */
const RELATION_HEAD =
  /^\s*(?:an?|the)\s+(?:\p{Ll}+\s+)?(?:(?:pre-?requisites?|prequisites?|requirements?|dependency|dependencies|alternative|replacement|substitute|counterpart|prelude|precursor)\s+(?:for|of|to)|complement\s+(?:for|to))\b/iu;

/**
 * A head noun that names one of several ways or forms the text lists ("the second form of supplying arguments"):
 * after an ordinal, it points at the list before it. Only a way of doing ("of" and a gerund): "the second kind of
 * error" names its kind.
 */
const ORDINAL_OF_A_LIST =
  /^\s*the\s+(?:first|second|third|fourth|fifth|last|latter|former|other|next|alternative)\s+(?:form|way|method|kind|variant|version|approach|syntax|style|mode|possibility|option|alternative)s?\s+of\s+\p{Ll}+ing\b/iu;

/**
 * A definition that is only a licence: software or a program "licensed under" or "released under" a licence it
 * names (GNU, MIT…, "the terms of"): "software released under a licence that …" says what free software is.
 */
const ONLY_A_LICENCE =
  /^\s*(?:(?:an?|the)\s+)?(?:(?:free|open[- ]source|proprietary|commercial|libre)\s+)?(?:software|program|package|library|project)\s+(?:(?:licensed|released|distributed|available|published|copyrighted)\s+)?under\s+(?:the\s+)?(?:GNU|GPL|LGPL|MIT|BSD|Apache|Mozilla|terms\s+of)\b/iu;

/**
 * An adverb of time or frequency, then a participle: "first read", "then parsed", "usually flushed". Not a verb of
 * naming ("often called a digest" names the term), nor "automatically" ("automatically generated from Makefile.am"
 * says what made the thing), nor an adjective ending in -ed ("typically red").
 */
const WHAT_IS_DONE =
  /^\s*(?:first|then|next|later|afterwards|initially|finally|usually|normally|typically|always|often|sometimes|never)\s+(?!(?:called|named|known|termed|dubbed)\b)(?:\p{Ll}{2,}ed|read|set|put|run|built|made|kept|sent|given|taken|written|shown|done|found|held|seen|split|cut)\b/iu;

/** Nouns of a use or a difficulty: after a hedge ("potential application", "possible problem") no term. */
const USE_OR_DIFFICULTY =
  /^(?:application|use|usage|problem|issue|difficulty|solution|improvement|extension|pitfall)s?$/iu;

/** An ordinal before a twist of the argument ("second complication", "another subtlety"). */
const ORDINAL = /^(?:first|second|third|fourth|fifth|final|last|another|further|next|main|other)$/iu;

/** Nouns that name a difficulty or a twist of the text's argument, never a term of the subject. */
const TWIST_NOUNS = /^(?:complication|subtlety|gotcha|nuisance|peculiarity|snag)s?$/iu;

/** A verb of telling, then where: "explained in", "shown on", "listed under". */
const TOLD_IN = String.raw`(?:explained|described|documented|detailed|defined|listed|shown|given|specified|discussed|introduced|presented|illustrated|depicted|outlined|summari[sz]ed)\s+(?:in|on|under|at)`;

/**
 * A numbered or lettered part of the document ("Appendix A.7", "Sect. 3.1", "Fig. 3", "Table 2", "equation (3)"),
 * not one of a named act, code or standard: nothing of "(c)(3)", ".4" or "of …" may follow ("section 6.5.4 of RFC
 * 7231", "Table 1 of 49 CFR 172.101", "chapter 3 of Fleming's paper").
 */
const NUMBERED_PART = String.raw`(?:(?:appendix|annex)\s+[a-z](?:\.\d+)*|(?:appendix|annex|chapter|section|subsection|sect\.|§|figure|fig\.|table|listing|equation|eq\.)\s*\(?\d+(?:\.\d+)*[a-z]?\)?)(?![\w(]|\.\d|\s+of\b)`;

/** A part of the document named by where it stands ("the previous subsection", "the following paragraph"). */
const NEIGHBOURING_PART = String.raw`\b(?:previous|next|following|preceding|foregoing)\s+(?:paragraph|section|subsection|chapter)s?\b`;

/**
 * The program's own documentation, which the item does not show: "the gpg man page", "gpg(1)", "the README", "the
 * API reference", "the reference manual". Not a manual named by its maker ("the Intel manual", "the WHO
 * classification manual"): that is a source, as a statute is.
 */
const OWN_DOCUMENTATION = String.raw`(?:the\s+)?(?:(?:[\w-]+\s+)?man\s+pages?\b|[\w.-]+\(\d[a-z]?\)|README\b|(?:API|reference|online|user['’]?s?)\s+(?:reference|documentation|manual|guide|docs)\b)`;

/**
 * A definition that sends the reader to a part of this document, or its program's own documentation ("in the format
 * explained in Appendix A.7", "as explained in the gpg man page", "as explained later", "; see Appendix B"): a verb of
 * telling or "see", then the place; or "as" and "above", "below", "later", or one of them ending the definition
 * ("the options listed in the table below"). Not a place that is not this document's (a table of the subject: "the
 * periodic table", "another table" of a database; a page of a book or a web site; a section of an act, a code or an
 * RFC), nor "above", "below" or "later" as what they say ("an injection given below the skin", "a dose given later
 * to renew immunity"), nor "(see also lipid)" or "(cf. Tullock 1967)", which add a related term or a source. Bounded
 * runs of words, so a long line is read once.
 */
export const POINTS_ELSEWHERE = new RegExp(
  String.raw`\b(?:${TOLD_IN}|see)\s+(?:the\s+)?(?:${NUMBERED_PART}|${OWN_DOCUMENTATION})|${NEIGHBOURING_PART}|\bas\s+(?:\p{Ll}+\s+)?(?:above|below|later|earlier)\b|\b(?:above|below|later|earlier)(?:\s*[.;:)])?\s*$`,
  'iu',
);

export const NON_DEFINITION_RULES: readonly GlossRule[] = [
  {
    id: 'gloss/points-elsewhere',
    why: 'A definition that sends the reader to a part of its own document for what it says ("a polyhedral fan in the format explained in Appendix A.7", gfan manual, fresh set 11) does not stand on its own: read alone in an item, it is a pointer, and what it points at is not shown. Set 14\'s Backup Manager item ("…, as explained in the gpg man page") was read before this rule was written, so set 14 is no held-out evidence for it. A reviewer found the first version (any "table", "page", "manual" or "section", any "given below", any "(see") refused 26 of 34 good definitions: a table or a page of the subject ("the periodic table", "another table" of a database, "each page of a book"), a section of an act, a code or an RFC, a manual named by its maker, "below the skin", "given later to renew immunity", "(see also lipid)" are no pointers.',
    reject: [
      'output => a polyhedral fan in the format explained in Appendix A.7',
      'key => a key id, as described in gpg(1)',
      'codon => a sequence of three nucleotides, as shown in Figure 3',
      'record type => one of the kinds of entries listed below',
      'flag field => the bits of the header (see the next chapter)',
      'record => the fields described in Section 4.2',
      'options => the options listed in the table below',
      'layout => the layout described in the previous subsection',
      'frame => a block of the layout explained in the previous paragraph',
      'rate law => the law shown in Fig. 3',
      'header => the bytes given in Sect. 3.1',
      'schema => the schema defined in Listing 2',
      'value => the value given in equation (3)',
      'Gini index => a measure of inequality computed as shown in Table 2',
      'config file => a file in the format documented in the README',
      'argument => an argument as described in the API reference',
      'syntax => the form given in the reference manual',
      'flag => one of the flags; see Appendix B',
      'path => a list of directories as explained later',
    ],
    keep: [
      'TCP => the transport protocol defined in RFC 793',
      'tort => a civil wrong, other than breach of contract, as defined in the common law',
      'mirepoix => diced onion, carrot and celery, as described in most French cookbooks',
      'mitochondrion => the organelle in which respiration takes place, first described in 1857',
      'subnet mask => a number that tells which bits of an address name the network',
      'page table => the structure that maps virtual pages to physical frames',
      'element => a pure substance listed in the periodic table',
      'route => an entry listed in the routing table that says where packets for a network go',
      'foreign key => a column that refers to the primary key defined in another table',
      'page frame => a fixed-size block of physical memory listed in the page table',
      'marginal tax rate => the rate given in the tax table for the last dollar earned',
      'table of contents => the list of chapters and their pages given on the first page of a book',
      'booster dose => a dose of vaccine given later to renew immunity that has waned',
      'mother sauce => a basic sauce described in the opening chapter of Le Guide Culinaire',
      'felony => a crime defined in Title 18 of the United States Code',
      'sfence => the x86 instruction described in the Intel manual that orders stores before it',
      'ICD-10 code => a diagnosis code listed in the WHO classification manual',
      // More look-alikes, which other rules refuse for reasons of their own, are read by rules.test.ts.
    ],
    fails: (d) => POINTS_ELSEWHERE.test(d.gloss),
  },
  {
    id: 'gloss/appraisal',
    why: 'A definition made of judging words and one noun ("an extremely useful but computationally intensive technique", "a rich and complex alchemy") rates its term or likens it: nothing after the noun says which technique, and any costly technique or any game fits (lme4 vignette, GM assistant guide, fresh set 11). A noun with a restricting part ("a powerful tool for fitting mixed models") or a word that is not a judgement ("a small text editor") says which.',
    reject: [
      'mixed modeling => an extremely useful but computationally intensive technique',
      'role-playing game => a rich and complex alchemy',
      'Gnuplot => a very powerful and flexible program',
    ],
    keep: [
      'lme4 => a package for fitting mixed models with sparse matrix methods',
      'nano => a small and simple text editor for the console',
      'Memcheck => a memory error detector',
    ],
    // The article, then only judging words (and "and", "but", commas), then the one noun that ends the definition.
    fails(d) {
      const tags = d.tags().filter((t) => t.pos !== 'PUNCT');
      if (tags.length < 3 || !/^(?:a|an|the)$/iu.test(tags[0]!.lower)) return false;
      const head = tags.at(-1)!;
      if (head.pos !== 'NOUN') return false;
      const between = tags.slice(1, -1);
      return (
        between.some((t) => JUDGING.test(t.lower) && t.pos === 'ADJ') &&
        between.every((t) => JUDGING.test(t.lower) || t.pos === 'CCONJ')
      );
    },
  },
  {
    id: 'gloss/relation',
    why: 'A definition that relates the term to another thing ("a prequisite for building MPFR", "an alternative to make") says what it is needed for or replaces, not what it is: every other prerequisite fits as well (avr-libc manual\'s toolchain build, fresh set 11).',
    reject: [
      'GMP => a prequisite for building MPFR',
      'ninja => an alternative to make',
      'libfoo => the main dependency of the package',
      'docstrings => a complement to the reference manual',
    ],
    keep: [
      // A successor names the one thing it follows (GPSBabel manual, fresh set 11).
      'GTC => the successor to the Logbook program of Garmin',
      'GMP => the GNU Multi Precision arithmetic library',
      'MPFR => a library for multiple-precision floating-point computations with correct rounding',
      'absolute complement => the complement of a set A within the universal set U',
    ],
    fails: (d) => RELATION_HEAD.test(d.gloss),
  },
  {
    id: 'gloss/default',
    why: 'A definition that says the term is the default ("COMPRESSED is the default compression level") closes a list of a command\'s keywords: it says which keyword is the default, not what the keyword is, and not of which command (PSPP manual\'s SAVE, fresh set 11; HISTNO in set 10).',
    reject: ['COMPRESSED => the default compression level', 'dash => the default shell'],
    keep: [
      'compression level => a number from 1 to 9 that trades speed for size',
      'body font family => the default font used for text in the page body',
    ],
    // Nothing after the default's noun: "the default font used for text in the page body" says which and of what.
    fails: (d) => /^\s*(?:the|a|an)\s+default(?:\s+[\p{L}-]+){0,3}\s*[.;:,]?\s*$/iu.test(d.gloss),
  },
  {
    id: 'gloss/ordinal-of-a-list',
    why: 'A definition that names the second or the other of several forms ("functional notation is the second form of supplying arguments") leans on the first, given before it: alone, it says nothing of what the term is (mailfromd manual, fresh set 12).',
    reject: [
      'functional notation => the second form of supplying arguments',
      'long form => the other way of writing an option on the command line',
    ],
    keep: [
      'curvature => the second derivative of the curve',
      'list head => the first element of a list',
      'macro => a stored sequence of commands',
      'Type II error => the second kind of error, failing to reject a false null hypothesis',
    ],
    fails: (d) => ORDINAL_OF_A_LIST.test(d.gloss),
  },
  {
    id: 'gloss/that-way',
    why: 'A definition that ends on "that way" or "in that manner" ("atoms are symbols that are being defined that way") leans on the sentence before it for what the way is (Malaga manual, fresh set 12); "this way" and "as above" are the pointers gloss/context-definition refuses.',
    reject: [
      'atoms => symbols that are being defined that way',
      'bindings => the values that are kept in that manner by the shell',
    ],
    keep: [
      'empty record => a record with no attributes, []',
      'way point => a point that a route passes on its way to the goal',
      'haute couture => clothing in a style that fashion houses make to measure for one client',
    ],
    // At the end of the definition or of its last clause, where it points back: "that fashion houses set" does not.
    fails: (d) =>
      /\bthat\s+(?:way|manner|fashion)(?:\s+by\s+(?:the\s+)?[\p{L}-]+)?\s*(?:[,;.]|$)/iu.test(d.gloss),
  },
  {
    id: 'gloss/licence',
    why: 'A definition that says only under which licence the term is distributed ("Shishi is free software licensed under the GNU General Public License version 3.0 or later") says how it may be copied, not what it is: any free program fits (Shishi manual, fresh set 12). A definition that says what the software does before its licence ("a text editor released under the GPL") is left alone.',
    reject: [
      'Shishi => free software licensed under the GNU General Public License version 3.0 or later',
      'libfoo => a library released under the terms of the MIT licence',
    ],
    keep: [
      'GNU Emacs => an extensible text editor released under the GNU General Public License',
      'Pmult => a Pmilter–Milter multiplexer',
      'free software => software that its users may run, copy, change and share',
      'free software => software released under a licence that lets its users run, copy, change and share it',
    ],
    fails: (d) => ONLY_A_LICENCE.test(d.gloss),
  },
  {
    id: 'gloss/what-is-done-to-it',
    why: 'A "definition" that opens with an adverb of time and a participle ("A polynomial is first read as a string") tells what the program does with the term, a step of its processing, not what the term is (Normaliz manual, fresh set 12).',
    reject: [
      'polynomial => first read as a string',
      'input file => then parsed by the reader line by line',
      'disk cache => usually flushed at exit',
    ],
    keep: [
      'LAMMPS => a particle simulation code, developed and maintained at Sandia National Laboratories, USA',
      'CPU hyper-threading => running two threads on one core at once',
      'Legacy integrator => a home-brewed 4th-order, adaptive-step Runge–Kutta integrator',
      'hash => often called a digest, a fixed-size value computed from a message',
      'Makefile.in => automatically generated from Makefile.am by automake',
      'stop sign => typically red, with the word STOP in white',
    ],
    fails: (d) => WHAT_IS_DONE.test(d.gloss),
  },
  {
    id: 'gloss/twist-term',
    why: 'A sentence "A complication is the pattern matching in functions with symmetry properties" or "A potential application is the adaptation of other input formats to Normaliz" makes the glossary take a difficulty or a use for a term: "complication", "potential application" name a turn of the author\'s argument, nothing of the subject (FORM and Normaliz manuals, fresh set 12).',
    reject: [
      'complication => the pattern matching in functions with symmetry properties',
      'potential application => the adaptation of other input formats to Normaliz',
      'possible problem => the loss of precision in long sums of small terms',
      'second complication => the order in which the patterns are tried',
    ],
    keep: [
      'potential energy => the energy of a body due to its position in a field',
      'web application => a program that runs on a server and is used through a browser',
      'Macros => a way of collecting several parameterized commands into one short command',
      'twist => a rotation of one end of a rod about its axis relative to the other',
      'caveat => a warning that limits what a statement claims',
    ],
    fails: (d) => {
      const words = d.term.trim().split(/\s+/u);
      if (words.length === 1) return TWIST_NOUNS.test(words[0]!);
      // "second complication": the next turn of the argument.
      if (words.length === 2 && ORDINAL.test(words[0]!) && TWIST_NOUNS.test(words[1]!)) return true;
      return (
        words.length === 2 &&
        /^(?:potential|possible|likely|typical|conceivable)$/iu.test(words[0]!) &&
        USE_OR_DIFFICULTY.test(words[1]!)
      );
    },
  },
];

/** Words of code for a command's slots, asked alone: what the command takes or gives ("parameters", "output"). */
const SLOT_ALONE = /^(?:parameters|arguments|args|operands|outputs?|results?|entries)$/iu;

/** A command's slot after a word of its position, option or role ("optional expr", "final pair", "return value"). */
const SLOT = /^(?:values?|pairs?|entry|entries|arguments?|args?|parameters?|operands?|results?)$/iu;
/** What an optional slot is: "optional output filelist", "optional argument". */
const SLOT_KIND = /^(?:inputs?|outputs?|arguments?|args?|parameters?|values?|results?|return)$/iu;
/**
 * A word of position, option or role before a slot ("optional", "final", "return"): not "initial" or "leading", the
 * place of a slot in a method ("initial value", "leading entry"), nor "value" ("value parameter").
 */
const SLOT_ROLE =
  /^(?:optional|final|first|second|third|last|remaining|trailing|extra|return|returned|input|output)$/iu;

/** Nouns of mathematics or of a function's slots that name a symbol after them ("matrix A", "output C"). */
const SYMBOL_NOUN =
  /^(?:coefficient|variable|matrix|vector|constant|parameter|point|function|symbol|index|scalar|tensor|operator|input|output|argument|result)$/iu;

export const NON_TERM_RULES: readonly TermRule[] = [
  {
    id: 'answer/index-term',
    why: 'A term that is a position named by an index ("ith entry", "the kth column": "The ith entry is the number of cones in the fan of dimension i+LINEALITY DIM-1") is one entry of one output the text describes, not a concept to type back (gfan manual, fresh set 11).',
    reject: [
      'ith entry => the number of cones in the fan of dimension i plus the lineality dimension',
      'kth column => the values of the variable at the kth step',
    ],
    keep: [
      'fifth normal form => a design of tables that removes join dependencies',
      // An index before a concept's noun names the concept ("nth root", "nth power"), not one entry.
      'nth root => a number that, raised to the power n, gives x',
      'nth power => the product of n copies of a number',
    ],
    // An index before a noun of a place in an output or a sequence: an entry, a column, a step.
    fails: (a) =>
      /(?<![\p{L}\p{N}])[ijklmn]-?th\s+(?:entr(?:y|ies)|elements?|columns?|rows?|items?|positions?|components?|coordinates?|arguments?|parameters?|lines?|fields?|bytes?|bits?|characters?|steps?|iterations?|digits?|cells?|slots?|values?|indices|index|vectors?|variables?|observations?|cases?|records?)(?![\p{L}\p{N}])/iu.test(
        a.term,
      ),
  },
  {
    id: 'answer/argument-slot',
    why: 'The arguments and results of a command, described where the command is ("The optional expr is the smallest partition size", "The return value is the id number of the new edge", "the final pair is the end point of the curve", "output is the dimensionless number of degrees in x"), are slots of one syntax, not terms: the item does not name the command they belong to (Surface Evolver, PMW, Pyxplot, Malaga and FORM manuals, fresh set 12; gfan\'s "output" in set 11). A word of code for a slot alone ("parameters", "output"), an abbreviation of one ("value expr"), or a word of position, option or role before a slot ("optional expr", "final entries", "return value"), or a slot by its role and its name ("optional output filelist", "return value xy", GNU Octave manual, fresh set 11). A slot after its place in a method ("initial value", "leading entry") is a term; so is a slot after "value" ("value parameter", left to answer/code-name). Every slot word alone or after its role on the tuning data (sets 11, 12) was a slot of one command, in multiple choice and matching too: the rule holds for every kind.',
    reject: [
      'optional expr => the smallest partition size, which defaults to 100',
      'parameters => a wavevector, a phase, and a vector amplitude',
      'return value => the id number of the new edge',
      'final pair => the end point of the curve, which starts from the existing current point',
      'final entries => the arguments that will be distributed over the functions',
      'value expr => the Result feature structure',
      'output => the dimensionless number of degrees in x',
      // GNU Octave manual, fresh set 11: a function's optional output, named in its synopsis.
      'optional output filelist => a list of the uncompressed files',
      'optional return value lev => the contour levels of the plot',
      'return value xy => the coordinates of the points of the curve',
    ],
    keep: [
      'hexcode value => the ASCII code of the keystroke',
      'absolute value => the distance of a number from zero on the number line',
      'base pair => two nucleotides on opposite strands of DNA bound to each other',
      'standard output => the stream a program writes its results to unless told otherwise',
      'view diameter => the area that is being processed during scanning of phantoms as well as during rasterization of phantoms',
      'LLPROGRAMS => the search path for LifeLines report generating and other programs',
      'initial value => the value a variable holds before the first step',
      'leading entry => the first nonzero entry of a row of a matrix in echelon form',
    ],
    fails: (a) => {
      const words = a.term.trim().split(/\s+/u);
      if (/^exprs?$/iu.test(words.at(-1)!)) return true;
      if (words.length === 1) return SLOT_ALONE.test(words[0]!);
      // "optional output filelist", "return value xy": a function's slot by its role, then its name.
      if (words.length <= 4 && /^optional$/iu.test(words[0]!) && SLOT_KIND.test(words[1]!)) return true;
      if (/^return(?:ed)?\s+values?\b/iu.test(a.term.trim())) return true;
      return words.length === 2 && SLOT_ROLE.test(words[0]!) && SLOT.test(words[1]!);
    },
  },
  {
    id: 'answer/section-subject',
    why: 'A term that is the sentence\'s frame, not a thing defined: "The general term symbol refers to both tokens and nonterminals", keyed "general term symbol" with the frame run into the key (ML-LPT manual, fresh set 13). A term opening "general term" or "generic term" ("installation" alone, by a gloss with no noun, is gloss/no-noun\'s).',
    reject: [
      'general term symbol => both tokens and nonterminals',
      'generic term node => any vertex of the graph',
    ],
    keep: [
      'installation directory => the folder the files are copied to',
      'symbol table => the map of names a compiler keeps while it reads a program',
    ],
    fails: (a) => /^(?:general|generic)\s+terms?\s/iu.test(a.term.trim()),
  },
  {
    id: 'answer/symbol-term',
    why: 'A term that is a formula\'s symbol with the noun the text calls it by ("The coefficients aB are the pressures in the bodies…", under equation (16.81), its subscript flattened) asks to type a symbol no reader types, and one that means something only in its equation (Surface Evolver manual, fresh set 12). A plural noun, a noun of mathematics or a function\'s slot ("output C", GNU Octave manual, fresh set 11) before a symbol of one or two letters; a name with a letter ("vitamin C", "hepatitis B") is a term.',
    reject: [
      'coefficients aB => the pressures in the bodies when the surface is in equilibrium',
      'variables x => the coordinates of the vertex being moved',
      'matrix A => the coefficients of the linear system to solve',
      // GNU Octave manual, fresh set 11: the output of textscan, by its symbol.
      'output C => a cell array where the number of columns is determined by the number of format specifiers',
    ],
    keep: [
      'vitamin C => a nutrient that the body needs to form blood vessels and muscle',
      'hepatitis B => an infection of the liver caused by a virus',
      'type I error => the rejection of a true null hypothesis',
      'Bonne projection => a pseudoconical, equal area projection',
      'constant e => the base of the natural logarithm, about 2.718',
    ],
    fails: (a) => {
      const words = a.term.trim().split(/\s+/u);
      if (words.length !== 2) return false;
      const [noun, symbol] = words as [string, string];
      // A constant of mathematics or physics by its letter ("constant e", "constant c") is a term.
      if (/^constant$/iu.test(noun) && /^(?:e|c|g|h|k|G|π|pi)$/u.test(symbol)) return false;
      return (
        /^(?:\p{L}{1,2}|\p{L}\p{N}+)$/u.test(symbol) &&
        ((/^\p{Ll}{3,}s$/u.test(noun) && !/(?:ss|us|is)$/u.test(noun)) || SYMBOL_NOUN.test(noun))
      );
    },
  },
];
