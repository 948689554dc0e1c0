/**
 * How sure a matching pair is: one bad pair spoils a matching item (every held-out reading, sets 11 to 14), so an
 * item takes the surest of a module's terms first and few of them (quiz/kinds/glossary.ts, MAX_PAIRS). A pair is
 * less sure for each rule of {@link UNSURE_PAIR_RULES} its term fails; none refuses it, they only order. An example
 * is `term => gloss`; `reject` examples are the less sure.
 */
import type { TermRule } from './gloss-places.ts';

/**
 * Words that point at one thing the text around names ("following case", "said defendant", "respective owner"): the
 * slot or the instance is named by the text around it, which the item does not show. Not "listed", "valid",
 * "corresponding", "specified" nor "optional", which open terms of their own ("listed building", "valid contract",
 * "corresponding angles", "specified risk", "optional protocol"); a reviewer found them demoted.
 */
const ROLE_WORD = /^(?:respective|following|preceding|previous|aforementioned|said)$/iu;

export const UNSURE_PAIR_RULES: readonly TermRule[] = [
  {
    id: 'pair/lone-word',
    why: 'A term of one common word ("symbol", "cookie", "output", "value", "scene", "signal") is often a generic noun whose referent the sentence before gives ("The symbol is the root of the mode name": the prefix of the mode named before; "The cookie is the opaque pointer registered by …": an argument of one function). On the judged matching items of sets 8 to 12, 7 of the 16 lone words with a gloss were bad pairs (output twice, sectors, parameters, complication, atoms, polynomial) and 18 of the 44 other pairs: a weak sign, so it only orders (a lone word is listed when a module has too few surer terms), and refuses nothing. Only a word of the language\'s lexicon, lower case or capitalised by a sentence\'s start alike ("mirepoix", "Mirepoix" and "subnet" are none). The lexicon holds technical words too ("enzyme", "tort", "allele", "estoppel", "router"), which it demotes as well: a reviewer asked for a cut by how common a word is, but the English profile has no frequency rank (the model\'s lexicon ids are not one), so that is left open.',
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
      'mirepoix => diced onion, carrot and celery cooked slowly in butter',
      'Mirepoix => diced onion, carrot and celery cooked slowly in butter',
      'subnet => a range of addresses that share a network prefix',
    ],
    // An opening capital is a sentence's ("Plugins are …"), as lower case is: a word of the language either way,
    // unless it is no word of the language (a name, or a word the lexicon lacks).
    fails: (a) => {
      const term = a.term.trim();
      if (!/^\p{Lu}?\p{Ll}+$/u.test(term)) return false;
      const lower = term.toLowerCase();
      const other = a.words.otherNumber(lower);
      return a.isWord(lower) || (other !== null && a.isWord(other));
    },
  },
  {
    id: 'pair/role-word-first',
    why: 'A phrase opening with a word that points at one thing the text around names ("following case", "said defendant", "respective owner") is an instance, not a kind the text defines. Not a word that opens terms of other fields too ("current account", "potential energy", "given name", "final state", "listed building", "valid contract", "corresponding angles", "specified risk", "optional protocol"): the first version demoted "optional", "valid", "listed", "corresponding" and "specified" on manuals\' "optional name" and "valid specification" (the second from held-out set 14), and a reviewer found it demoting real terms. It only orders.',
    reject: [
      'following case => the decision the court next relied on to extend the duty',
      'said defendant => the person the complaint names',
      'respective owner => the company that holds the trademark',
    ],
    keep: [
      'optical fiber => a glass strand that carries light between two ends',
      'valence electron => an electron of an atom’s outer shell that can take part in a bond',
      'current account => a bank account for everyday payments, with no notice to withdraw',
      'given name => the name a person is given at birth, as opposed to the family name',
      'potential energy => the energy a body holds by its position in a field',
      'final state => a state of an automaton in which an accepted input may end',
      'listed building => a building protected by law for its architectural or historic interest',
      'listed company => a company whose shares are traded on a stock exchange',
      'valid contract => an agreement the law will enforce, with offer, acceptance and consideration',
      'optional protocol => a treaty that adds to an existing human rights convention',
      'corresponding angles => angles in matching positions where a line crosses two parallel lines',
      'specified risk => material of cattle removed at slaughter because it may carry prions',
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
