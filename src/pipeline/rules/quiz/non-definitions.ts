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

export const NON_DEFINITION_RULES: readonly GlossRule[] = [
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
];

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
];
