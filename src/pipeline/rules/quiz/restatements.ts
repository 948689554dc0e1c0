/**
 * Definitions that restate their term or say nothing of what it is, read from set 13's matching and short answers
 * (reading.md, "The thirteenth reading", fault classes 2, 3, 4 and 5): a gloss whose head noun is the term's own
 * ("LFO depth" as "the depth of the frequency modulation"), a pin's label glossed by its place on the board, a
 * quantity of things a name "refers to", and a gloss with no noun at all. Part of GLOSS_RULES (rules/quiz/glosses.ts).
 */
import type { GlossRule } from './gloss-places.ts';

/** Nouns that say the gloss is a form of its term's head noun ("the simplest form of wildcard"). */
const FORM_OF = '(?:form|kind|type|sort|variant|version|case)';

/** A label of a pin, header, jumper or part on a board: a letter or two and a number ("P28", "J1", "R12"). */
const BOARD_LABEL = /^\p{Lu}{1,2}\d{1,3}$/u;

/** A gloss whose head is a part of a board ("the header …", "the 10-pin jumper …"): an article, two words at most, the part. */
const BOARD_PART =
  /^\s*(?:the|an?)\s+(?:[\p{L}\p{N}-]+\s+){0,2}?(?:header|jumper|connector|pin|socket|switch|LED|button|port|pad)(?:e?s)?(?!\p{L})/iu;

/** Superlatives that rank a form of a thing ("the simplest form of wildcard"); not every word in "-est" (interest, test). */
const SUPERLATIVE =
  '(?:simplest|easiest|commonest|plainest|most\\s+basic|most\\s+common|most\\s+general|most\\s+specific|shortest|longest|smallest|largest|oldest|newest|latest|earliest|weakest|strongest|finest|purest|crudest|broadest|narrowest)';

/** A plural noun: "polysaccharides", "files"; not "class", "bus", "analysis". */
const PLURAL = /(?<![su])s$/iu;

/** Words of place on a board or a page: "nearest to", "next to", "left of". */
const POSITION = /\b(?:nearest|closest|next|adjacent|nearer|closer)\s+to\b|\b(?:left|right)\s+of\b/iu;

/** Quantifiers that open a list of things, not what a thing is ("many environment variables"). */
const QUANTIFIER =
  /^\s*(?:many|several|various|numerous|some|most|few|a\s+few|a\s+number\s+of|lots\s+of)\s+\p{Ll}/iu;

/** Adverbs of degree, which open a gloss only before an adjective ("a pretty straight forward"). */
const DEGREE = /^(?:pretty|very|quite|rather|really|fairly|too|so|extremely|fully|totally|completely)$/u;

export const RESTATEMENT_RULES: readonly GlossRule[] = [
  {
    id: 'gloss/head-noun-again',
    why: 'A gloss whose head noun is the last word of its term ("LFO depth is the depth of the frequency modulation", "single-field wildcard – the simplest form of wildcard") shows the word the item asks for: only the modifier before it is left to know (gsequencer user manual, CLIPS user\'s guide, fresh set 13). Only "the <head> of" after a name in capitals (a control\'s or a program\'s: "potential energy – the energy of a body …" defines), and a superlative (a list: simplest, commonest, most basic …; not "interest", "test") "form|kind|type of <head>" ("the second kind of error" names its kind); a gloss with a restricting clause after the head ("a table that maps keys to values") says what the term is.',
    reject: [
      'LFO depth => the depth of the frequency modulation',
      'single-field wildcard => the simplest form of wildcard',
      'ADSR time => the time of the first envelope segment',
    ],
    keep: [
      'hash table => a table that maps keys to values through a hash function',
      'binary tree => a tree in which each node has at most two children',
      'depth => the depth of the frequency modulation',
      'page fault => the trap raised by a processor on a missing page',
      'potential energy => the energy of a body due to its position in a field',
      'Type II error => the second kind of error, failing to reject a false null hypothesis',
      // A word in "-est" that is no superlative (reviewer of set 13's rules).
      'blood test => the request form of a test, signed by the doctor who orders it',
    ],
    fails: ({ term, gloss }) => {
      const words = term.trim().split(/\s+/u);
      if (words.length < 2) return false;
      const head = words.at(-1)!;
      if (!/^\p{L}{3,}$/u.test(head)) return false;
      const h = `${head}(?:s|es)?`;
      const named = /^\p{Lu}{2,}\p{N}*$/u.test(words[0]!);
      if (named && new RegExp(`^\\s*the\\s+${h}\\s+of\\b`, 'iu').test(gloss)) return true;
      return new RegExp(
        `^\\s*(?:an?|the)\\s+${SUPERLATIVE}\\s+${FORM_OF}s?\\s+of\\s+(?:(?:an?|the)\\s+)?${h}(?!\\p{L})`,
        'iu',
      ).test(gloss);
    },
  },
  {
    id: 'gloss/board-position',
    why: 'A board\'s label ("P28 is the header nearest to the center of the board") glossed by where it sits names one part of one board: the learner matches a label to a place on a photo the item does not show (HackRF manual, fresh set 13). A label glossed by what it is ("J1 – the antenna port"), or by a place when the gloss\'s head is no part of a board (header, jumper, connector, pin, socket, switch, LED, button, port, pad: "T12 is the lowest thoracic vertebra, next to …"), is left alone.',
    reject: ['P28 => the header nearest to the center of the board', 'J2 => the jumper next to the USB port'],
    keep: [
      'J1 => the antenna port for the receiver',
      'H264 => a video compression standard',
      'nearest neighbour => the point closest to a given point',
      'T12 => the lowest thoracic vertebra, next to the first lumbar vertebra',
    ],
    fails: ({ term, gloss }) =>
      BOARD_LABEL.test(term.trim()) && BOARD_PART.test(gloss) && POSITION.test(gloss),
  },
  {
    id: 'gloss/quantity-of-things',
    why: '"Scheme refers to many environment variables. This section lists …" is read as a definition of Scheme by "many environment variables": a gloss opening with a quantifier counts things the term uses, it does not say what the term is (MIT/GNU Scheme user\'s manual, fresh set 13). A gloss with an article ("a set of variables") is left alone, and so is a plural term: a set of things is "several" of another ("Polysaccharides are several monosaccharides joined by glycosidic bonds").',
    reject: ['Scheme => many environment variables', 'bundle => several files of the distribution'],
    keep: [
      'shell variables => the named values a shell holds for its commands',
      'multiset => a set in which members may occur several times',
      'polysaccharides => several monosaccharides joined by glycosidic bonds',
    ],
    // A plural term is a set of things: "Polysaccharides are several monosaccharides joined …" defines it.
    fails: ({ term, gloss }) => !PLURAL.test(term.trim()) && QUANTIFIER.test(gloss),
  },
  {
    id: 'gloss/no-noun',
    why: 'A gloss whose article is followed only by adverbs and adjectives, then a preposition or its end ("The installation is a pretty straight forward on UNIX machines"), is a sentence missing its noun: nothing is defined (wise-dynamite, fresh set 13). The words are read by the tagger: any noun, name, number or verb before the preposition is a phrase ("a simple tool for …"), and so is a gloss with no preposition after an adjective that the tagger reads as the head ("the red").',
    reject: [
      'installation => a pretty straight forward on UNIX machines',
      'setup => a very quick on most systems',
    ],
    keep: [
      'editor => a pretty small program for editing text',
      'installer => a straightforward script on UNIX machines',
      'kernel => the central part of an operating system',
    ],
    fails: ({ tags }) => {
      const tokens = tags();
      if (tokens[0]?.pos !== 'DET') return false;
      // An adverb of degree first ("a pretty …", "a very …"): the tagger reads "the second derivative" as an adverb
      // and an adjective too.
      if (tokens[1]?.pos !== 'ADV' || !DEGREE.test(tokens[1].lower)) return false;
      let i = 1;
      while (tokens[i] && (tokens[i]!.pos === 'ADV' || tokens[i]!.pos === 'ADJ')) i++;
      // At least one modifier, then a preposition: "a pretty straight forward on …".
      return i >= 2 && tokens[i]?.pos === 'ADP';
    },
  },
];
