/**
 * Which definitions of a module's glossary the glossary's kinds may ask by (multiple choice's "Which term does the
 * text define as …?", matching, short answer), and which terms a short answer may ask to type. A definition is asked only when it
 * can be read without the text around it: no ordinal or "such" in the term, no pointer or author's voice in the
 * definition, a phrase and not a clause of its own, saying what the term is. Every maker that reads the glossary
 * asks a definition no rule of {@link GLOSS_RULES} catches: they read it through one gate, quiz/defined-terms.ts.
 *
 * An example is `term => definition` (for short answers, the answers accepted are the term's own variants).
 */
import type { QuizWords, Token } from '../../language/index.ts';
import { containsTerm } from '../../text/cloze.ts';
import type { AnswerRule, GlossRule, TermRule } from './gloss-places.ts';
import { NON_DEFINITION_RULES, NON_TERM_RULES } from './non-definitions.ts';
import { RESTATEMENT_RULES } from './restatements.ts';
import { commonPhrase } from './salience.ts';
import {
  ATTRIBUTION,
  GENERIC_GLOSS_WORDS,
  JUDGEMENT_NOUNS,
  JUDGING_ADJECTIVES,
  KIND_NOUNS,
  NAMED_KINDS,
  VAGUE_GLOSS,
} from './sure-words.ts';

/** Prefixes written with a hyphen that the lexicon does not hold alone ("hyper-threading", "multi-homing"). */
const WORD_PREFIX = /^(?:hyper|multi|re|pre|non|auto|co|sub|inter|self)$/u;

/**
 * The name of a two-word term that is a name and its kind ("VBIC model" → "VBIC", "Mnesia application" →
 * "Mnesia", "yosys-filterlib tool" → "yosys-filterlib"): what a learner types for it. Null for any other term, and
 * when the name is a word of the language ("Query language", "Data model", "file system") or a single letter ("C
 * compiler"): typed alone, it names something else. A name of capitals or with a digit ("TCP", "VBIC", "ext4") is a
 * name even where the lexicon knows it; a capitalised one only where the lexicon does not ("Mnesia"); one in lower
 * case only when it is a compound of parts the lexicon does not know ("yosys-filterlib", yosys manual, fresh set 4;
 * not "runtime library", "config file", "third-party package").
 */
export function bareName(term: string, isWord: (word: string) => boolean): string | null {
  const words = term.trim().split(/\s+/u);
  if (words.length !== 2 || !NAMED_KINDS.test(words[1]!)) return null;
  const name = words[0]!;
  if ([...name].length < 2 || !/\p{L}/u.test(name)) return null;
  if (/^\p{Lu}{2,}\d*$|\p{N}/u.test(name)) return name;
  if (/^\p{Lu}/u.test(name)) return isWord(name) ? null : name;
  // A program's name in lower case with a kind that names programs ("modprobe program", "modload command"): the
  // learner types "modprobe", as the text writes it (OpenAFS Quick Beginnings, fresh set 7). The kind must be one
  // of programs: "runtime library", "config file" would accept a common word the lexicon lacks.
  if (PROGRAM_KINDS.test(words[1]!) && /^\p{Ll}[\p{Ll}\p{N}]{2,}$/u.test(name) && !isWord(name)) return name;
  // The lexicon lacks many common words ("runtime", "config", "plugin") and every compound ("third-party"): a word
  // in lower case is a name only as a compound of parts none of which is a word ("yosys-filterlib").
  const parts = name.split('-');
  return parts.length > 1 && parts.every((part) => part !== '' && !isWord(part)) ? name : null;
}

/**
 * The common phrase after a name of one word ("HMMER bit score" → "bit score", "GNU regular expression" → "regular
 * expression"): the term the text writes throughout, the name being the program's or project's it belongs to. Null
 * unless the name is a name ({@link bareName}'s test: capitals or a digit, or capitalised and not a word) and the
 * rest two words or more of the language in lower case: one common word alone ("score") names too much.
 */
export function termWithoutName(term: string, isWord: (word: string) => boolean): string | null {
  const words = term.trim().split(/\s+/u);
  if (words.length < 3 || !isName(words[0]!, isWord)) return null;
  const rest = words.slice(1).join(' ');
  return commonPhrase(rest, isWord) ? rest : null;
}

/** A name of one word: capitals or a digit ("HMMER", "ext4"), or capitalised and not a word of the language. */
const isName = (word: string, isWord: (word: string) => boolean) =>
  [...word].length >= 2 &&
  /\p{L}/u.test(word) &&
  (/^\p{Lu}{2,}\d*$|\p{N}/u.test(word) || (/^\p{Lu}[\p{Ll}\p{N}-]+$/u.test(word) && !isWord(word)));

/** Kinds that name a program or a command: the name before them is what is typed to run it. */
const PROGRAM_KINDS = /^(?:program|command|utility|tool|daemon|binary|executable)s?$/iu;

/** Whether `term` is a plural by the language's own test (its other number is shorter: "models", not "process"). */
const isPlural = (term: string, words: QuizWords) => {
  const other = words.otherNumber(term.trim());
  return other !== null && other.length < term.trim().length;
};

/** The definition's first sentence ("a thread error detector. It helps…" → "a thread error detector"). */
export const firstSentence = (gloss: string) =>
  gloss.split(/(?<=\p{Ll}{2})\.\s+(?=\p{Lu})/u)[0]!.replace(/[.;:,]$/u, '');

/**
 * A word the tagger calls a verb where no finite verb can stand: right after a preposition or determiner ("a
 * collection of attributes") or as the second half of a hyphenated compound after a noun ("the science of speech-sounds").
 */
const nounReadAsVerb = (tokens: readonly Token[], i: number) => {
  const before = tokens[i - 1];
  // A participle is read as the rule reads it ("the problem of deciding whether…" is a phrase).
  if (!before || /(?:ed|ing|en)$/u.test(tokens[i]!.lower)) return false;
  if (before.pos === 'ADP' || before.pos === 'DET') return true;
  const head = tokens[i - 2];
  return (
    before.text === '-' &&
    before.end === tokens[i]!.start &&
    head !== undefined &&
    head.end === before.start &&
    head.pos === 'NOUN' &&
    !WORD_PREFIX.test(head.lower)
  );
};

/** A definition too thin to tell terms apart: fewer than three words of three letters besides "the", "and", "for". */
const thin = (gloss: string) =>
  (gloss.match(/\p{L}{3,}/gu) ?? []).filter((w) => !/^(?:the|and|for)$/iu.test(w)).length < 3 &&
  !KIND_OF_WHAT.test(gloss.trim());

/** A kind and what it is made of ("a list of integers", "a collection of attributes"): short, but it says what. */
const KIND_OF_WHAT =
  /^(?:an?|the)\s+(?!(?:lot|number|couple|bit|piece|kind|sort|type|variety|range|part|way|deal|matter|alias|synonym|abbreviation|copy)\s)\p{Ll}{3,}\s+of\s+\p{Ll}{4,}$/u;

/** Whether a definition says little of what its term is (a judgement about it, or too thin). */
export const weakGloss = (gloss: string, words: QuizWords) =>
  words.weakGloss.test(gloss.trim()) || thin(gloss);

/**
 * A definition that only sends the reader elsewhere ("the same as those in demo pp2", "similar to that in standard
 * CD-HIT programs", "as for zfuget, but reversed"): it says what the term is like, and the thing it is like is in
 * another part of the text.
 */
const isCrossReference = (gloss: string) =>
  /^(?:(?:exactly|just|much|essentially|basically|largely|mostly)\s+)?(?:the\s+same\s+as|same\s+as|similar\s+to|identical\s+to|equivalent\s+to|analogous\s+to|like|as\s+(?:for|in|with|above|below|before))\b/iu.test(
    gloss.trim(),
  );

export const GLOSS_RULES: readonly GlossRule[] = [
  {
    id: 'gloss/same-as',
    why: 'A definition that only points at something else ("the same as those in demo pp2", "the same as that in standard CD-HIT programs", "the same as for zfuget, but reversed between local and remote files") is a cross-reference, not what the term is: the thing it is the same as is elsewhere (AUTO, CD-HIT and Z shell manuals, fresh set 10, asked by "Which term does the text define as …?").',
    reject: [
      'equations => the same as those in demo pp2',
      'basic clustering strategy => the same as that in standard CD-HIT programs',
      'logic => the same as for zfuget, but reversed between local and remote files',
      'contents => the same as the groups output by the id command',
      'named pipe => similar to a pipe but with a name in the file system',
    ],
    keep: [
      'hard link => a name that points to the same inode as another name',
      'alias => another name for a command that the shell expands before running it',
    ],
    fails: (d) => isCrossReference(d.gloss),
  },
  {
    id: 'gloss/context-term',
    why: 'A term with an ordinal or a pointer ("second component", "simplest such structure") names something only in its paragraph.',
    reject: [
      'second component => a list of the values that the first one stores',
      'corresponding ML value => a list of zero, one or several constructors of the enumerated type',
      'default value => the empty string, which means there is no maximum size',
    ],
    keep: ['component => a part of the system that stores the values of one kind'],
    fails: (d) => d.words.contextTerm.test(d.term),
  },
  {
    id: 'gloss/judgement-term',
    why: 'A sentence "The drawback is a temporary association of…" makes the glossary call "drawback" a term: a word that judges or relates (drawback, advantage, goal, rule) is defined by nothing (gnuplot).',
    reject: [
      'drawback => a temporary association of properties linecolor, linewidth and pointtype',
      'reference => VHA Directive 2004-053 dated September 29, 2004',
      'major advantage => the scalability of the diff comparisons, which check for equality within a given tolerance',
      'performance drawback => the time the diff comparisons take on large files',
    ],
    keep: [
      'linestyle => a temporary association of properties linecolor, linewidth and pointtype',
      'Python exception => an object raised when an error occurs',
      'chain rule => a formula that expresses the derivative of a composition of two functions',
      'halting problem => the problem of deciding whether a program finishes running or runs forever',
      'firewall rule => an instruction that tells the firewall which packets to let through',
      'null reference => a pointer that does not point to any object',
    ],
    // "major advantage": a judging word with a judging adjective before it is still no term (ngspice, fresh set 3);
    // a relating word after any other word ("chain rule", "halting problem") is a term.
    fails: (d) => {
      const words = d.term.trim().split(/\s+/u);
      if (d.words.judgementTerms.test(d.term.trim())) return true;
      if (words.length !== 2 || !/^\p{Ll}/u.test(words[0]!)) return false;
      return (
        (JUDGING_ADJECTIVES.test(words[0]!) && d.words.judgementTerms.test(words[1]!)) ||
        JUDGEMENT_NOUNS.test(words[1]!)
      );
    },
  },
  {
    id: 'gloss/context-definition',
    why: 'A definition that points at the text around it ("these data sources") or speaks as the author ("we", "you") cannot be read alone.',
    reject: ['data source => one of these data sources that we read in the next section'],
    keep: ['data source => a file or database that the program reads its records from'],
    fails: (d) => d.words.contextGloss.test(d.gloss),
  },
  {
    id: 'gloss/weak',
    why: 'A definition that judges the term ("an important result of coding", "one of the tools") or is too thin ("non-Count vs") says nothing a learner can match it by.',
    reject: [
      'coding => an important result of coding',
      'Helgrind => one of the tools of the suite',
      'count => non-Count vs',
      'plot style errorrange => an alias of yerrorrange',
      'command pause mouse close => a specific example of pausing to wait for an external event',
    ],
    keep: [
      'Helgrind => a thread error detector for programs that use POSIX threads',
      'record => a collection of attributes',
      'integer vector => a list of integers',
    ],
    fails: (d) => weakGloss(d.gloss, d.words),
  },
  {
    id: 'gloss/dangling',
    why: 'A definition that ends on a function word was cut by the extraction ("a list of the values of").',
    reject: ['value list => a list of the values of'],
    keep: ['value list => a list of the values of a variable'],
    fails: (d) => d.words.danglingGloss.test(d.gloss),
  },
  {
    id: 'gloss/opening',
    why: 'A definition that opens with a preposition or an adverb ("of the file", "also the…") is the tail of a sentence, not what the term is.',
    reject: [
      'file mode => of the file that the program writes to the disk',
      'SMALL model => that only the FSRxL byte is used to access stack and frame',
    ],
    keep: ['file mode => the permissions of the file that the program writes to the disk'],
    fails: (d) => d.words.glossOpening.test(d.gloss),
  },
  {
    id: 'gloss/clause',
    why: 'A definition must be a phrase: its first verb comes after a relative word ("a situation in which two transactions wait") or is a participle ("a list labelled by…"); a clause of its own ("the class of an object determines how…") says something about the term instead.',
    reject: [
      'class => the class of an object determines how generic functions treat it',
      'sort order => the sort-key decides which record comes first',
    ],
    keep: [
      'phonetics => the science of speech-sounds',
      'record => a collection of attributes',
      'deadlock => a situation in which two transactions wait for each other',
      'vector => a list of values labelled by their positions',
    ],
    fails(d) {
      const tokens = d.tags();
      const verb = tokens.findIndex(
        (t, i) => (t.pos === 'VERB' || t.pos === 'AUX') && !nounReadAsVerb(tokens, i),
      );
      if (verb < 0) return false;
      return (
        !/(?:ed|ing|en)$/u.test(tokens[verb]!.lower) &&
        !tokens.slice(0, verb).some((t) => d.words.relatives.has(t.lower))
      );
    },
  },
  {
    id: 'gloss/quoted',
    why: 'A definition that opens with a quote or other punctuation is a quoted phrase that defines a symbol ("\\"same access count\\""), or the end of a quotation the extraction cut (maint-guide: "”any targets”, which then call…" for "percent sign").',
    reject: [
      'SAC => "same access count" of the cache lines that two threads read',
      'percent sign => ”any targets”, which then call a single program, dh, with the target name',
    ],
    keep: ['SAC => the count of memory operations on one cache line shared by two threads'],
    fails: (d) => /^[\p{P}\p{S}]/u.test(d.gloss.trim()),
  },
  {
    id: 'gloss/argument',
    why: 'A definition that describes an argument of a routine ("an integer specifying the depth", "an atom denoting a machine name") defines a variable of one call, not a concept (gprolog: N, K, HostName).',
    reject: [
      'N => an integer specifying the depth',
      'HostName => an atom denoting a machine name',
      'ErrorTerm => a term specifying the error',
    ],
    keep: ['list => a term whose principal functor is the dot and whose arity is 2'],
    fails: (d) => d.words.argumentGloss.test(d.gloss.trim()),
  },
  {
    id: 'gloss/reference-or-code',
    why: 'A definition that cites ("chapter 8 of …", "[2]") or holds code ("when use.id.as.filename is non zero", "a_size") points elsewhere or into a program (gprolog, dblatex).',
    reject: [
      'good introduction => the chapter 8 of Programming in Prolog of Clocksin and Mellish [2]',
      'output file names => the book identifiers when use.id.as.filename is non zero',
      'impurity models => the models of Caughey and Thomas [CAUG67]',
    ],
    keep: ['body font family => the default font used for text in the page body'],
    fails: (d) =>
      /\b(?:chapter|section|page|figure|table)\s+\d|\[\d+\]|\[\p{Lu}{2,}\d+|\w\.\w+\.\w|\w_\w|[{}<>=]/iu.test(
        d.gloss,
      ),
  },
  {
    id: 'gloss/runs-on',
    why: 'A definition that runs into a list or a syntax after a colon ("an option that specifies initialization method: 0 — default…", "has one of the following two syntactic forms: if b then x") is the head of a reference entry, not a definition to recall (glpk manuals).',
    reject: ['crash => an option that specifies initialization method: 0 — default initialization is used'],
    keep: ['crash => an option that specifies the initialization method of the solver'],
    fails: (d) => /:\s|\s[—–]\s/u.test(d.gloss),
  },
  {
    id: 'gloss/runs-on-clause',
    why: 'A definition that goes on past its defining clause with a consequence or a contrast of its own ("a CM scoring algorithm, so it’s slow, but it is accelerated…") says more than what the term is, and what it says fits others (Inside is scored with the same bands): the defining clause alone is too thin to tell them apart (Infernal user\'s guide, fresh set 8). So does "… and they are also the fastest object to render", a second clause with the term again as its subject by a pronoun (Tachyon manual, fresh set 9); "and" with another subject ("… and many of the design decisions … are made there", read usable) is left alone.',
    reject: [
      'CYK => a CM scoring algorithm, so it’s slow, but it is accelerated using banded dynamic programming',
      'journal => a log of changes, but it is not kept on every file system',
      'Spheres => the simplest object supported by Tachyon and they are also the fastest object to render',
      'daemon => a program that runs in the background and it is started at boot',
    ],
    keep: [
      'CYK => a CM scoring algorithm accelerated by banded dynamic programming',
      'thread => a sequence of instructions, but sharing memory with the others of its process',
      'lock file => a file created by a program, so that other instances wait',
      'cache => a fast memory holding computed results, so that they can be reused quickly',
      'Debian => the distribution that Ubuntu is based on and many of the design decisions regarding the packaging infrastructure are made there',
      'pipe => a channel that one process writes and another reads',
      'socket => an endpoint that a program opens and then reads from',
    ],
    fails: (d) =>
      /,\s+(?:and\s+)?(?:so(?!\s+that\b)|but|yet|hence|thus|therefore|whereas)\s+(?:it|it[’']s|this|that|they|these|there|its|which)\b/iu.test(
        d.gloss,
      ) ||
      // "… and they are also the fastest": a second clause whose subject is the term again, by a pronoun.
      /\sand\s+(?:it|they)\s+(?:is|are|was|were|can|will|has|have|may|also)\b/iu.test(d.gloss),
  },
  {
    id: 'gloss/other-subject',
    why: 'A definition about a program of another subject ("the default output format of INFERNAL’s cmalign program", said of Pfam format in a note on another tool) is an aside: it says where the term is used, not what it is (HMMER user\'s guide, fresh set 8). The possessor is a name (capitalised) and the word after it not an adjective: "the system’s standard tool" describes the term.',
    reject: [
      'Pfam format => the default output format of INFERNAL’s cmalign program',
      "unified format => the output format of GNU's diff command",
    ],
    keep: [
      'Pfam format => a non-interleaved Stockholm format with one line per sequence',
      'dpkg => Debian’s package manager',
      'cmalign => INFERNAL’s cmalign program for aligning sequences to a model',
      'sudo => the system’s standard tool for running commands as root',
      'cd => the shell’s own command for changing the working directory',
      'apt => Debian’s standard tool for installing packages',
    ],
    fails: (d) => {
      const other =
        /\p{Lu}[\p{L}\p{N}]*[’']s\s+([\p{L}\p{N}_.-]+)\s+(?:program|command|utility|tool|daemon|binary|executable)s?\b/u.exec(
          d.gloss,
        );
      if (other === null || d.term.toLowerCase().includes(other[1]!.toLowerCase())) return false;
      const at = other.index + other[0].indexOf(other[1]!, other[0].search(/\s/u));
      return !d.tags().some((t) => t.start === at && t.pos === 'ADJ');
    },
  },
  {
    id: 'gloss/list-tail',
    why: 'A definition that ends on a list of bare words after "i.e." or "e.g." ("…are given, i.e., array, record, format, filetype") names keywords of a command, the tail of a reference entry (gnuplot).',
    reject: [
      'binary matrix => the default binary format when no keywords specific to binary general are given, i.e., array, record, format, filetype',
    ],
    keep: [
      'binary matrix => the default binary format of the data files, i.e. the one read when none is named',
    ],
    fails: (d) => /\b(?:i\.e\.|e\.g\.),?\s+[\p{L}\p{N}-]+,\s+[\p{L}\p{N}-]+,/u.test(d.gloss),
  },
  {
    id: 'gloss/vague',
    why: 'A definition that judges, hedges or points at the whole ("a very powerful computing platform", "a style of programming that has become popular in recent years", "the whole thing viewed collectively", "the subject of a separate book") fits many terms or none: a learner cannot name the term from it (fresh sets 1 and 2).',
    reject: [
      'Object-oriented programming => a style of programming that has become popular in recent years',
      'directory tree => the whole thing viewed collectively',
      'Linux system => a very powerful computing platform for a networked computer',
      'Erlang programming => the subject of a separate book',
      'PageTemplate class => a container class with fairly minimal semantics',
      'SDCDB => the companion source level debugger',
      'WhyML input file => a (possibly empty) list of modules',
      'MLCFG syntax => an extension of the regular WhyML syntax',
    ],
    keep: [
      'sticky lock => a lock that stays in place at a node after the transaction that acquired it has terminated',
      'SDCDB => the source level debugger of the SDCC compiler',
    ],
    fails: (d) => VAGUE_GLOSS.test(d.gloss),
  },
  {
    id: 'gloss/evaluative',
    why: 'A "definition" that only rates its term ("RAID1 is a bit more tricky", "much easier", "too slow") has no noun saying what the term is: a judgement, not a definition (Debian installation guide, fresh set 5).',
    reject: ['RAID1 => a bit more tricky', 'LVM => much more flexible', 'the old parser => too slow'],
    keep: [
      'RAID1 => a mirror of two disks that hold the same data',
      'exit status => a value that is always positive',
      'deadlock => a situation in which two transactions wait for each other',
    ],
    // A degree phrase ("a bit", "a little") is no noun of the definition; what is left must hold one.
    fails: (d) => {
      const from = /^\s*a\s+(?:bit|little|lot)\s+/iu.exec(d.gloss)?.[0].length ?? 0;
      const tokens = d.tags().filter((t) => t.start >= from);
      const last = tokens.at(-1);
      return (
        last !== undefined &&
        (last.pos === 'ADJ' || last.pos === 'ADV') &&
        !tokens.some((t) => t.pos === 'NOUN' || t.pos === 'PROPN' || t.pos === 'NUM')
      );
    },
  },
  {
    id: 'gloss/no-kind',
    why: 'A definition whose opening phrase holds no noun ("the first supported by the list sent by the client", "the one used last") says which one of a paragraph\'s things it is, not what kind of thing the term is: no learner names a term from it (GnuTLS manual, fresh set 5).',
    reject: [
      'selected protocol => the first supported by the list sent by the client',
      'chosen key => the one used last by the server',
      'selected protocol => the first that the client supports',
    ],
    keep: [
      'PNG format => a losslessly compressing bitmap format',
      'GEDCOM => a standard that defines a file format for genealogical data',
      'QGLE => the graphical user interface (GUI) to GLE',
      'data logger => a program that allows the user to record the voltage inputs as a function of time',
      'Memcheck => a memory error detector',
      'GAP => Groups, Algorithms and Programming',
      'R Foundation => a not for profit organization working in the public interest',
      'Debian Free Software Guidelines => a clear and concise statement of Debian’s criteria for free software',
    ],
    // The opening phrase ends at the first verb, relative word or punctuation: "a not for profit organization" holds one.
    fails: (d) => {
      const tags = d.tags();
      if (!/^(?:the|a|an)$/iu.test(tags[0]?.lower ?? '')) return false;
      // A participle before a noun ("a losslessly compressing bitmap format") is part of the phrase, not its end.
      const attributive = (i: number) =>
        /(?:ing|ed)$/u.test(tags[i]!.lower) && /^(?:NOUN|PROPN)$/u.test(tags[i + 1]?.pos ?? '');
      const end = tags.findIndex(
        (t, i) =>
          i > 0 &&
          ((/^(?:VERB|AUX|PRON|SCONJ)$/u.test(t.pos) && !(t.pos === 'VERB' && attributive(i))) ||
            /^[,;:()]$/u.test(t.text)),
      );
      const phrase = tags.slice(1, end < 0 ? undefined : end);
      // "one" is tagged a number: "the one used last" names no kind.
      const kind = (t: Token) => /^(?:NOUN|PROPN|X)$/u.test(t.pos) || (t.pos === 'NUM' && /\d/u.test(t.text));
      // The word a relative clause follows is its head, a noun whatever the tagger says ("a standard that defines…").
      const head = phrase.at(-1);
      const headOfRelative =
        head !== undefined &&
        end > 0 &&
        d.words.relatives.has(tags[end]!.lower) &&
        head.pos === 'ADJ' &&
        !d.words.contextTerm.test(head.lower) &&
        !/^(?:one|ones|last|next|only)$/u.test(head.lower);
      return phrase.length > 0 && !phrase.some(kind) && !headOfRelative;
    },
  },
  {
    id: 'gloss/which-ones',
    why: 'A "definition" that is a definite phrase closed by a bare relative clause ("the importance distributions that are used") is the subject of a sentence turned round ("The importance distributions that are used are called power posterior distributions"): it says which ones one method uses, not what the term is (MrBayes manual, fresh set 7).',
    reject: [
      'power posterior distributions => the importance distributions that are used',
      'active node => the node which is selected',
    ],
    keep: [
      'compiler => a program that is used to translate source code into machine code',
      'importance distributions => the distributions that are used to weight the samples of the chain',
      'Memcheck => a memory error detector',
    ],
    fails: (d) =>
      /^the\s[^,;()]*\b(?:that|which)\s+(?:is|are|was|were|(?:has|have)\s+been)\s+\p{Ll}+(?:ed|en)$/iu.test(
        d.gloss.trim().replace(/[.;:,]$/u, ''),
      ),
  },
  {
    id: 'gloss/abbreviation-row',
    why: 'A table of abbreviations ("PSU Power Supply Units", "SCD Solar Controller Device") has no definitions: two of its rows run together read as a term and its definition, and neither is (NUT user manual, fresh set 3).',
    reject: [
      'PSU Power Supply Units => SCD Solar Controller Device',
      'UPS => SCD Solar Controller Device',
      'PSU Power Supply Units => a unit that converts mains power for the computer',
    ],
    keep: ['PXE => Preboot eXecution Environment', 'SDCDB => the source level debugger of the SDCC compiler'],
    fails: (d) => abbreviationRow(d.term) || abbreviationRow(d.gloss),
  },
  {
    id: 'gloss/by-example',
    why: 'A definition by an example ("netlist lines like R3 vcc intc 10k") shows one case instead of saying what the term is; with code in it, it cannot be matched or recalled (ngspice manual, fresh set 3).',
    reject: ['instance lines => netlist lines like R3 vcc intc 10k'],
    keep: [
      'instance lines => lines of the netlist which place one device between the nodes of the circuit',
      'Debian GNU/Hurd => a Unix-like operating system built on the GNU Mach microkernel',
      'pipe => a channel that behaves like a file opened for reading at one end and writing at the other',
    ],
    // "like" then an instance with code or digits in its next words; "Unix-like" or "behaves like a file" is no example.
    fails: (d) => /(?<![\p{L}\p{N}-])like\s+(?:[^\s,;]+\s+){0,3}?[^\s,;]*[\p{N}_=<>{}]/iu.test(d.gloss),
  },
  {
    id: 'gloss/named-members',
    why: 'A definition that names the members of a kind ("the Caughey-Thomas (CT) and Scharfetter-Gummel (SG) models for Si, and the PISCES model for GaAs") lists which there are, not what the kind is (ngspice manual, fresh set 3).',
    reject: [
      'velocity saturation models => the Caughey-Thomas (CT) and Scharfetter-Gummel (SG) models for Si, and the PISCES model for GaAs (GA)',
      'bulk ionized impurity models => the Caughey- Thomas (CT) model and the Scharfetter-Gummel (SG) model',
    ],
    keep: [
      'transient analysis => an extension of DC analysis to the time domain',
      'tapset library => an abstraction layer designed to make it easier for users to define events and functions',
      'kernel modules => the Linux kernel’s loadable pieces of code, loaded and unloaded on demand',
      'process => the Linux and POSIX notion of a running program with its own memory',
      'status => the Linux process state and its exit code and signals',
    ],
    // Of a kind (a plural term by the language's test: not "process", "status"): a definition of one thing may well
    // open with a name ("Erlang's database and…"); the members are two names joined by "and".
    fails: (d) =>
      isPlural(d.term, d.words) &&
      /^(?:the\s+)?\p{Lu}[\p{L}-]*\b/u.test(d.gloss.trim()) &&
      /\p{Lu}[\p{L}\p{N}-]*(?:\s+\([^)]*\))?(?:\s+\p{Ll}+)?,?\s+and\s+(?:the\s+)?\p{Lu}/u.test(d.gloss),
  },
  {
    id: 'gloss/names-code',
    why: 'A definition that says the term is a flag, an option, a variable or "the name of" something ("a flag that turns on Newton-Raphson iterations", "the name of the BLT vector", "an enumerated integer that takes values of DC, AC…") makes the term an identifier of a program or a syntax: typed back, it tests spelling a name, not the subject (ngspice manual, fresh set 3).',
    reject: [
      'TRUNCNR => a flag that turns on the use of Newton-Raphson iterations to determine an appropriate time-step',
      'Iex => the name of the BLT vector',
      'ANALYSIS => an enumerated integer that takes values of DC, AC, or TRANSIENT',
      'OUTVAR => a circuit variable (node voltage or voltage-source branch current)',
      'port name => a valid SPICE identifier',
      'verbose => a command-line option that makes the program print each step',
      'home directory => the environment variable that names the user’s directory',
    ],
    keep: [
      'transient analysis => an extension of DC analysis to the time domain',
      'EUnit => a unit testing framework for Erlang',
      'prime number => an integer greater than 1 that has no positive divisors other than 1 and itself',
      'random variable => a variable whose values depend on the outcomes of a random phenomenon',
      'American option => an option that can be exercised at any time before it expires',
      'learning rate => a parameter that controls how far each step of gradient descent moves',
    ],
    // A head noun of code counts only for a term shaped like code or in capitals, or when the definition itself
    // qualifies it as code: "an option that can be exercised" (American option) and "a parameter that controls…"
    // (learning rate) are definitions.
    fails: (d) => {
      const gloss = d.gloss.trim();
      return CODE_QUALIFIED_HEAD.test(gloss) || (codeShaped(d.term) && CODE_HEAD.test(gloss));
    },
  },
  {
    id: 'gloss/contents-line',
    why: 'A line of a table of contents ("1.4: Related documents 5 version") reads as a term and its definition: the term is a section number, the definition a title, its page number and the next entry\'s first word (Debian Policy Manual, fresh set 4).',
    reject: [
      '1.4 => related documents 5 version',
      'related documents => the documents of the policy 5 version',
      'installation => a chapter on the installer . . . . . 12',
    ],
    keep: [
      'row vector => a dense list of elements from a common field',
      'sector => a block of 512 bytes on the disk',
      'prime number => an integer greater than 1 that has no positive divisors other than 1 and itself',
      'C => a general-purpose programming language for systems programming',
      'R => a language and environment for statistical computing',
      'I/O => the transfer of data between a computer and its devices',
      'X11 => a windowing system for bitmap displays',
      'file descriptor => a small integer that names an open file, numbered from 0 upward',
      'signal number => a small integer that names a signal, between 1 and 31 inclusive',
    ],
    // The term is a section number ("1.4"), not any term without two letters in a row ("C", "I/O", "X11"). At the
    // end, a number between a noun and one more word ("documents 5 version"): a title, its page number and the next
    // title's first word; not a number after a preposition or a conjunction ("from 0 upward", "and 31
    // inclusive"), nor one an adverb follows ("3 onward"), nor a plural or a unit the number counts ("512 bytes").
    fails: (d) => {
      if (/^\d+(?:\.\d+)*\.?$/u.test(d.term.trim()) || /(?:\.\s?){4,}/u.test(d.gloss)) return true;
      const tail = /\p{L}{3,}\s+\d{1,4}\s+(\p{Ll}+)$/u.exec(d.gloss.trim());
      if (tail === null || /s$/u.test(tail[1]!) || d.words.units.test(tail[1]!)) return false;
      const [title, , next] = d.tags().slice(-3);
      return title?.pos === 'NOUN' && next?.pos !== 'ADV';
    },
  },
  {
    id: 'gloss/generic',
    why: 'A definition made only of words that fit any subject ("the structure used to manipulate data" for "BLT vector") names nothing a learner can tell its term by (ngspice manual).',
    reject: [
      'BLT vector => the structure used to manipulate data',
      'handler => a way to handle various things',
    ],
    keep: [
      'index => a structure that finds rows without reading every row of the table',
      'row vector => a dense list of elements from a common field',
    ],
    // Words of three letters or more other than "the", "and", "for", "not": all of them generic.
    fails: (d) => {
      const content = (d.gloss.match(/\p{L}{3,}/gu) ?? []).filter((w) => !/^(?:the|and|for|not)$/iu.test(w));
      return content.length > 0 && content.every((w) => GENERIC_GLOSS_WORDS.test(w));
    },
  },
  {
    id: 'gloss/attribution',
    why: 'A definition that says whose work the term is ("original designs by Kris Holmes and Charles Bigelow") is an attribution, not what the term is: who designed a font is nothing to recall the font by (X.Org fonts guide, fresh set 4).',
    reject: [
      'Luxi fonts => original designs by Kris Holmes and Charles Bigelow',
      'GNU manifesto => a work of Richard Stallman on free software',
    ],
    keep: [
      'Unicode => a coded character set with the goal of uniquely identifying all characters for all scripts',
      'GNU Emacs => an extensible text editor written in Emacs Lisp',
    ],
    fails: (d) => ATTRIBUTION.test(d.gloss.trim()),
  },
  ...NON_DEFINITION_RULES,
  ...RESTATEMENT_RULES,
];

/** A head noun of code at the opening of a definition ("a flag that…", "an enumerated integer that…"). */
const CODE_HEAD =
  /^(?:an?|the)\s+(?:[\p{L}-]+\s+){0,2}(?:flag|option|switch|keyword|parameter|variable|integer|identifier)s?\b/iu;

/**
 * A definition that says its term is code whatever the term looks like: "the name of…", a command-line option, an
 * environment variable, "a valid SPICE identifier".
 */
const CODE_QUALIFIED_HEAD =
  /^(?:the name of\b|(?:an?|the)\s+(?:command[- ]line\s+(?:option|flag|switch|argument)|environment\s+variable|valid\s+(?:[\p{L}\p{N}-]+\s+)?identifier)s?\b)/iu;

/** A term shaped like code: one word in capitals ("TRUNCNR"), with a digit, an underscore or a capital inside. */
const codeShaped = (term: string) =>
  /^(?:\p{Lu}[\p{Lu}\p{N}_]+|[\p{L}\p{N}_-]*(?:[\p{N}_]|\p{Ll}\p{Lu})[\p{L}\p{N}_-]*)$/u.test(term.trim());

/**
 * Whether `text` is a row of an abbreviation table: an abbreviation of capitals and then the words it stands for,
 * each capital of it opening one of them in order ("PSU Power Supply Units").
 */
export function abbreviationRow(text: string): boolean {
  const m = /^(\p{Lu}{2,6})\s+(\p{Lu}.*)$/u.exec(text.trim());
  if (!m) return false;
  const initials = m[2]!
    .split(/\s+/u)
    .map((w) => w[0] ?? '')
    .join('');
  return initials.toUpperCase().startsWith(m[1]!);
}

/** A definition longer than this is too long to read in a list of them (matching, multiple answer). */
export const MAX_LISTED_WORDS = 20;

/** A definition ending on "of the" and a word ("… of the objects"), with a part taken of them ("one of the files"). */
const UNNAMED_THINGS_AT_END =
  /(?:\b(one|some|any|each|all|none|many|most|either|neither|both)\s+)?\bof\s+the\s+(\p{Ll}+)$/u;

/** A verb of a clause or participle saying what the term does ("that holds", "who may", "shared by"). */
const SAYS_WHAT_IT_DOES =
  /\b(?:that|which|who|whom|whose|where|when)\b|\p{L}(?:ed|en)\s+(?:by|to|in|from|with|for)\b/u;

export const LISTED_GLOSS_RULES: readonly GlossRule[] = [
  {
    id: 'gloss/too-long-to-list',
    why: 'Matching and multiple-answer items list four to six definitions: one of more than twenty words turns the item into a reading test.',
    reject: [
      'Memcheck => a memory error detector that finds reads of uninitialised memory, reads and writes of freed blocks, leaks of blocks and overlapping copies in programs',
    ],
    keep: ['Memcheck => a memory error detector for programs written in C and C++'],
    fails: (d) => d.gloss.split(/\s+/).length > MAX_LISTED_WORDS,
  },
  {
    id: 'gloss/term-named-term',
    why: 'A term whose first word is "term" is the text naming its term ("The term segment refers to…" gave "term segment", Valgrind manual): listed, it shows a term the text never uses. A term that is one ("term rewriting") is lost too; none was on the tuning data.',
    reject: [
      'term segment => a consecutive sequence of load, store and synchronization operations, all issued by the same thread',
      'Term block => a run of instructions with one entry',
    ],
    keep: [
      'segment => a consecutive sequence of load, store and synchronization operations',
      'terminal emulator => a program that shows the output of a shell in a window',
    ],
    fails: (d) => /^term\s/iu.test(d.term),
  },
  {
    id: 'gloss/ends-on-unnamed-things',
    why: 'A definition ending on things it does not name ("a temporary realization of the objects": which objects?) says what they are only in its paragraph; listed beside others, it matches by elimination alone (ESS manual\'s "source code"). Only a bare noun phrase ending on "of the" things, or a part of them ("one of the files"): a definition that says what its term does ("a channel shared by the devices", "a user who may override the permissions") stands on its own.',
    reject: [
      'source code => a temporary realization of the objects',
      'handle => a number that stands for one of the files',
      'collection => a group of the records',
    ],
    keep: [
      'IFS white space => any characters from the set space, tab and newline that appear in the IFS',
      'event designator => a reference to a command-line entry in the history list',
      'process handle => a number that stands for the process',
      'object file => a file that holds the objects of one source file',
      'bus => a channel shared by the devices',
      'kernel => the part of the system that schedules the processes',
      'superuser => a user who may override the permissions',
      'umask => a mask that clears bits of the permissions',
    ],
    fails: (d) => {
      const m = UNNAMED_THINGS_AT_END.exec(d.gloss.replace(/[.!]+$/u, ''));
      if (!m) return false;
      const [, partitive, last] = m;
      if (!partitive && SAYS_WHAT_IT_DOES.test(d.gloss)) return false;
      const other = d.words.otherNumber(last!);
      return other !== null && other.length < last!.length;
    },
  },
];

const MAX_TERM_WORDS = 4;

/**
 * Terms that are no terms to know, whatever the kind asks with them: too long, code or a name of code, a heading run
 * into an identifier, a position named by an index. Part of the glossary gate (quiz/defined-terms.ts): the term is
 * the answer of a definition question, a short answer's key and one side of a matching pair.
 */
export const DEFINED_TERM_RULES: readonly TermRule[] = [
  {
    id: 'answer/not-a-term',
    why: 'A term of more than four words, one with code in it, a letter or two ("N", "K": a variable), a name of constants ("tag PL STC") or an identifier in camel case ("TimeOut", "FontSize"; names such as "JavaScript" go too) cannot be typed back as a concept the text teaches.',
    reject: [
      'the value of the stack pointer register => the address of the top of the stack',
      'M => an index number which represents the number of direct ancestors of the goal',
      'tag PL STC => any compound term other than a list',
      'TimeOut => an upper bound on the amount of time elapsed before select/5 returns',
    ],
    keep: ['stack pointer => the register holding the address of the last pushed word'],
    fails: (a) =>
      a.term.split(/\s+/).length > MAX_TERM_WORDS ||
      /[`(){}[\]<>=;]/u.test(a.term) ||
      a.term.trim().length <= 2 ||
      /^\p{Lu}\p{Ll}+\p{Lu}\p{Ll}+$/u.test(a.term.trim()) ||
      (a.term.match(/\b\p{Lu}{2,}\b/gu) ?? []).length >= 2,
  },
  {
    id: 'answer/code-name',
    why: 'A term that is a name of code with its kind ("parameter crash", "command pause mouse close", "dgrid3d option") asks to type an identifier, not a concept; the glossary took the kind for part of the term (glpk and gnuplot manuals).',
    reject: [
      'parameter crash => the option that selects how the solver starts',
      'dgrid3d option => a simple scheme which replaces scattered data with weighted averages on a regular grid',
      'program construct absurd => an unreachable piece of code',
    ],
    keep: ['table driver => a program module that moves data between model objects and the database'],
    fails: (a) => {
      const words = a.term.split(/\s+/);
      return (
        (words.length > 1 && words.some((w) => a.words.codeNouns.test(w))) ||
        words.some((w) => /^\p{Ll}+\p{N}[\p{L}\p{N}]*$|_/u.test(w))
      );
    },
  },
  {
    id: 'answer/heading-and-identifier',
    why: 'A term that ends on a code identifier after other words ("MD5 Sums sb-md5", "network Interface sb-bsd-sockets", "profiling sb-profile") is a list\'s heading run into a module\'s name: neither a concept nor a name to type (SBCL manual, fresh set 8). A compound of words ("Java run-time", "CPU hyper-threading": a prefix such as hyper-, multi- is part of a word) or a name before its kind ("dpkg-deb tool") is a term.',
    reject: [
      'MD5 Sums sb-md5 => an implementation of the MD5 message digest algorithm for Common Lisp',
      'profiling sb-profile => an exact per-function profiler',
    ],
    keep: [
      'dpkg-deb tool => the low-level package archiver',
      'Java run-time => the libraries and virtual machine that execute compiled classes',
      'sb-md5 => an implementation of the MD5 message digest algorithm for Common Lisp',
      'CPU hyper-threading => running two threads on one core at once',
      'IP multi-homing => connecting one host to several networks',
    ],
    fails: (a) => {
      const words = a.term.trim().split(/\s+/u);
      const last = words.at(-1)!;
      return (
        words.length > 1 &&
        /^\p{Ll}[\p{Ll}\p{N}]*(?:[-_][\p{Ll}\p{N}]+)+$/u.test(last) &&
        last.split(/[-_]/u).some((part, i) => !a.isWord(part) && !(i === 0 && WORD_PREFIX.test(part)))
      );
    },
  },
  ...NON_TERM_RULES,
];

/** What a short answer asks to type, besides a term (DEFINED_TERM_RULES): one answer the learner can fairly be held to. */
export const ANSWER_RULES: readonly AnswerRule[] = [
  {
    id: 'answer/name-before-term',
    why: 'A name before a phrase in lower case ("HMMER bit score") is the program\'s name before the term the text writes throughout ("bit score"): the key accepts the phrase alone where the text writes it alone too (acceptedAnswers; not "system partition" for "EFI system partition"); a term whose rest holds a name of its own ("HMMER hmmsearch pipeline") cannot say which the learner should type (HMMER user\'s guide, fresh set 8).',
    reject: ['HMMER hmmsearch pipeline => the steps a search goes through from filters to scores'],
    keep: [
      'HMMER bit score => the log of the ratio of the sequence’s probability according to the profile over the null model probability',
      'Mnesia application => a distributed database management system for telecommunications applications',
      'GNU regular expression => a pattern of the syntax that grep and sed read',
      'Regular expression syntax => the way patterns are written',
    ],
    fails: (a) => {
      const words = a.term.trim().split(/\s+/u);
      if (words.length < 3 || !isName(words[0]!, a.isWord)) return false;
      const rest = words.slice(1).join(' ');
      return (
        /^[\p{Ll}\s-]+$/u.test(rest) &&
        !commonPhrase(rest, a.isWord) &&
        !a.answers.some((x) => x.toLowerCase() === rest.toLowerCase())
      );
    },
  },
  {
    id: 'answer/common-word',
    why: 'One common word in lower case ("value", "output") names too much to be recalled from its definition alone; a name (Memcheck) or a phrase can be.',
    reject: ['count => a value that grows each time a block is read', 'timer => a pure in-memory mechanism'],
    keep: [
      'Memcheck => a memory error detector for C programs',
      'block count => a value that grows each time the disk is read',
    ],
    fails: (a) => !/\s|[\p{Lu}\p{N}]/u.test(a.term),
  },
  {
    id: 'answer/named-by-definition',
    why: 'A definition that names its own term (or a variant the learner may type) gives the answer away.',
    reject: ['primary key => the key that identifies each row of a table by its primary keys'],
    keep: ['primary key => a column that identifies each row of a table'],
    fails: (a) => a.answers.some((answer) => containsTerm(a.gloss, answer)),
  },
  {
    id: 'answer/placeholder',
    why: 'A term with a placeholder of a pattern in it ("VVV component" of package_VVV-RRR.deb) names a slot of a file name, not a concept (debian-faq).',
    reject: ['VVV component => the version number specified by the upstream developer'],
    keep: ['upstream version => the version number specified by the original author of the software'],
    fails: (a) => /\b(\p{Lu})\1{2,}\b/u.test(a.term),
  },
  {
    id: 'answer/name-and-kind',
    why: 'A name followed by the kind of thing it is ("Mnesia application", "VBIC model") is the name with a word the glossary kept from its sentence: the learner types "Mnesia", so the key must accept the bare name (acceptedAnswers adds it for a name of one word); a longer name with a kind ("Debian Linux Kernel Handbook") or a bare name that is an identifier ("PageTemplate") is not asked (fresh sets 1-3).',
    reject: [
      'PageTemplate class => a container of frames that lays out the pages of a document',
      'Debian Linux Kernel Handbook => the main source of information on the kernel of the distribution',
      'Query language => a language for asking questions of a database',
    ],
    keep: [
      'Border Gateway Protocol => the routing protocol that exchanges reachability between autonomous systems',
      'Secure Hash Algorithm => a family of cryptographic digest functions published by NIST',
      'Mnesia application => a distributed database management system for telecommunications applications',
      'VBIC model => an extended development of the Standard Gummel-Poon (SGP) model',
      'EFI system partition => a data storage device partition that is used in computers adhering to UEFI',
      'file system => the way data is named and placed on a disk',
      'modprobe program => the dynamic kernel loader for Linux',
    ],
    // Only a name of one word with its kind may be asked, and only when the key accepts the bare name (acceptedAnswers
    // adds it unless it is a word of the language or a letter: "Query language", "C compiler").
    fails: (a) => {
      const words = a.term.trim().split(/\s+/u);
      if (
        words.length < 2 ||
        !words.slice(0, -1).every((w) => /[\p{Lu}\p{N}]/u.test(w)) ||
        !KIND_NOUNS.test(words.at(-1)!)
      )
        return false;
      const name = words[0]!.toLowerCase();
      return (
        words.length > 2 ||
        /\p{Ll}\p{Lu}/u.test(words[0]!) ||
        !a.answers.some((x) => x.toLowerCase() === name)
      );
    },
  },
  {
    id: 'answer/thin-definition',
    why: 'A common phrase in lower case ("file format") asked by a definition of four words or fewer ("a standard COFF archive") is a guess: so short a definition fits many such phrases, and "The file format is a standard COFF archive" says what one file is, not what a file format is (gputils manual, fresh set 4). A name (Memcheck) is what the text introduces by its short definition; nor is an abbreviation by its words (GAP: "Groups, Algorithms and Programming").',
    reject: ['file format => a standard COFF archive', 'target machine => the build host'],
    keep: [
      'Memcheck => a memory error detector',
      'GAP => Groups, Algorithms and Programming',
      'PXE => Preboot eXecution Environment',
      'weak symbol => an external symbol declaration that isn’t used',
      'dpkg-deb tool => the low-level package archiver',
    ],
    // Two words or more, each a word of the language: "dpkg", "yosys-filterlib tool" are names in lower case.
    fails: (a) => commonPhrase(a.term, a.isWord) && a.gloss.trim().split(/\s+/u).length <= 4,
  },
  {
    id: 'answer/term-word',
    why: 'A sentence "The term segment means…" makes the glossary take "term segment" for the term: the word "term" (or "word", "name"), or a label run into it ("Tip gnome-tweaks"), is the sentence’s, not the answer’s (valgrind, debian-reference).',
    reject: [
      'term segment => a consecutive sequence of load, store and synchronization operations',
      'tip gnome-tweaks => the configuration utility of the GNOME desktop',
    ],
    keep: ['memory segment => a consecutive sequence of load and store operations'],
    fails: (a) =>
      /^(?:the )?(?:term|word|name|notion|concept|tip|note|caution|warning)\s/iu.test(a.term.trim()),
  },
  {
    id: 'answer/gives-away',
    why: 'A definition that holds a word of the term before its head ("root directory" as "root of the filesystem", "basic block vector" as "a list of all basic blocks…", "Debian Free Software Guidelines" as "the free software standards for Debian") gives half the answer; the head itself may stand as the kind ("sticky lock" as "a lock that stays…").',
    reject: [
      'root directory => root of the filesystem referred as simply "/"',
      'basic block vector => a list of all basic blocks entered during program execution',
      'normal Debian system => the 4th stage of the boot process which is started by the mini-Debian system',
    ],
    keep: [
      'sticky lock => a lock that stays in place at a node after the transaction that acquired it has terminated',
      'EFI system partition => a data storage device partition that is used in computers adhering to UEFI',
    ],
    fails: (a) =>
      a.term
        .trim()
        .split(/[\s-]+/u)
        .slice(0, -1)
        .filter((w) => /^\p{L}{3,}$/u.test(w))
        .some((w) => new RegExp(`(?<![\\p{L}\\p{N}])${w}`, 'iu').test(a.gloss)),
  },
  {
    id: 'answer/spelled-in-definition',
    why: 'A name of one word that opens a longer word of its definition ("Manip" as "a data manipulation package", "Xen" as "… maintained by XenSource, Inc.") is spelled by the definition: the learner copies the answer out of the question (GLE manual, fresh set 6; DRBD users\' guide, fresh set 7).',
    reject: [
      'Manip => a data manipulation package',
      'Compress => a compression program for files',
      'Xen => a virtualization framework originally developed at Cambridge, and later maintained by XenSource, Inc.',
    ],
    keep: [
      'Ant => a build tool that reads another kind of makefile',
      'Memcheck => a memory error detector for C programs',
      'QGLE => the graphical user interface (GUI) to GLE',
      'data logger => a program that allows the user to record the voltage inputs as a function of time',
    ],
    // A name of three letters is read as written ("Xen" in "XenSource", not "Ant" in "another"); a longer one in
    // any case.
    fails: (a) => {
      const term = a.term.trim();
      if (!/^[\p{L}\p{N}]{3,}$/u.test(term)) return false;
      return new RegExp(`(?<![\\p{L}\\p{N}])${term}\\p{L}`, term.length === 3 ? 'u' : 'iu').test(a.gloss);
    },
  },
];
