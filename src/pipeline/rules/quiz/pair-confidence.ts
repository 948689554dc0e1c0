/**
 * How sure a matching pair is: one bad pair spoils a matching item (every held-out reading, sets 11 to 14), so an
 * item takes the surest of a module's terms first and few of them (quiz/kinds/glossary.ts, MAX_PAIRS). A pair is
 * less sure for each rule of {@link UNSURE_PAIR_RULES} its term fails; none refuses it, they only order. An example
 * is `term => gloss`; `reject` examples are the less sure.
 */
import type { TermRule } from './gloss-places.ts';

/**
 * Words that pick out one thing of a syntax or an example rather than a kind ("optional name", "valid
 * specification", "given key"): the slot or the instance is named by the text around it, which the item does not show.
 */
const ROLE_WORD =
  /^(?:optional|valid|respective|corresponding|following|preceding|previous|aforementioned|said|listed|specified)$/iu;

export const UNSURE_PAIR_RULES: readonly TermRule[] = [
  {
    id: 'pair/lone-word',
    why: 'A term of one common word ("symbol", "cookie", "output", "value", "scene", "signal") is often a generic noun whose referent the sentence before gives ("The symbol is the root of the mode name": the prefix of the mode named before; "The cookie is the opaque pointer registered by …": an argument of one function). On the judged matching items of sets 8 to 12, 7 of the 16 lone words with a gloss were bad pairs (output twice, sectors, parameters, complication, atoms, polynomial) and 18 of the 44 other pairs: a weak sign, so it only orders (a lone word is listed when a module has too few surer terms), and refuses nothing.',
    reject: [
      'symbol => the root of the mode name',
      'cookie => the opaque pointer registered by the exception handler',
      'Macros => a way of collecting several commands into one short command',
      'output => a polyhedral fan in a format of its own',
    ],
    keep: [
      'GCC => the GNU Compiler Collection',
      'SimulAVR => an AVR simulator used as a back-end with AVR GDB',
      'stack pointer => the register holding the address of the last pushed word',
      'mRNA => the RNA that carries a gene’s code from the nucleus to the ribosome',
      'habeas corpus => a writ requiring a person under arrest to be brought before a judge',
      'sous vide => a method of cooking food sealed in a bag in a water bath at a precise temperature',
      'Bluetooth => a short-range wireless standard for exchanging data between devices',
      'cross-link => a covalent bond that links a monomer with one or more other monomers',
    ],
    // An opening capital is a sentence's ("Plugins are …"), unless the word is no word of the language (a name).
    fails: (a) => {
      const term = a.term.trim();
      if (/^\p{Ll}+$/u.test(term)) return true;
      if (!/^\p{Lu}\p{Ll}+$/u.test(term)) return false;
      const lower = term.toLowerCase();
      const other = a.words.otherNumber(lower);
      return a.isWord(lower) || (other !== null && a.isWord(other));
    },
  },
  {
    id: 'pair/role-word-first',
    why: 'A phrase opening with a word that picks out one thing of a syntax or an example ("optional name": an argument of make-thread; "valid specification": of the GPG recipient the key before names) is a slot or an instance, not a kind the text defines (Gambit and Backup Manager manuals; "optional expr" in set 12). Not a word that opens terms of other fields too ("current account", "potential energy", "given name", "final state"). It only orders.',
    reject: [
      'optional name => an arbitrary Scheme object which identifies the thread',
      'valid specification => a short or long key id, or a descriptive name',
      'specified range => the lines the command acts on',
    ],
    keep: [
      'optical fiber => a glass strand that carries light between two ends',
      'valence electron => an electron of an atom’s outer shell that can take part in a bond',
      'current account => a bank account for everyday payments, with no notice to withdraw',
      'given name => the name a person is given at birth, as opposed to the family name',
      'potential energy => the energy a body holds by its position in a field',
      'final state => a state of an automaton in which an accepted input may end',
    ],
    fails: (a) => {
      const words = a.term.trim().split(/\s+/u);
      return words.length === 2 && ROLE_WORD.test(words[0]!);
    },
  },
];

/** How unsure a pair is: the number of rules of {@link UNSURE_PAIR_RULES} its term fails. */
export const unsureness = (a: Parameters<TermRule['fails']>[0]) =>
  UNSURE_PAIR_RULES.filter((rule) => rule.fails(a)).length;
