/**
 * Terms a short answer may ask to type, read with the text just before their defining sentence: a term the text
 * before shows as a placeholder of a syntax, or the data of an example printed above it, is no term a learner
 * types, nor matches to its definition. The glossary gate (quiz/defined-terms.ts: multiple choice's definition
 * items, matching, short answer) asks no term a rule of {@link ANSWER_CONTEXT_RULES} catches.
 *
 * An example is `text before || term`.
 */
import { escapeRegExp } from '../../text/regexp.ts';
import type { Rule } from '../rule.ts';

/** A defined term and the text of its chunk before its defining sentence (empty when unknown). */
export interface AnswerInContext {
  term: string;
  before: string;
  /** The defining sentence itself (empty when unknown). */
  sentence: string;
}

export interface AnswerContextRule extends Rule {
  fails(a: AnswerInContext): boolean;
}

/** How much of the text before a defining sentence the rules read: its paragraph and the one above. */
const BEFORE_CHARS = 600;

/** How many of a defining sentence's first words find it in its chunk. */
const LEAD_WORDS = 6;

/**
 * The text of `context` before `sentence`, up to {@link BEFORE_CHARS}; empty when the sentence is not in it. The
 * sentence is found by its first words whatever space the chunk puts between them: sentences are read with their
 * line breaks squashed, chunks keep theirs. A glossary entry's sentence (`term: definition`, course/glossary.ts) is
 * found where the chunk sets the term apart without its colon.
 */
export function textBefore(context: string, sentence: string): string {
  const words = sentence.trim().split(/\s+/u).filter(Boolean).slice(0, LEAD_WORDS);
  if (words.length === 0) return '';
  const lead = words
    .map((w) => (w.endsWith(':') ? `${escapeRegExp(w.slice(0, -1))}:?` : escapeRegExp(w)))
    .join('\\s+');
  const at = new RegExp(lead, 'u').exec(context)?.index ?? -1;
  return at < 0 ? '' : context.slice(Math.max(0, at - BEFORE_CHARS), at);
}

/** A number as an example's data prints it: "3", "-1", "0.25". */
const NUMBER = /^[-+−]?\d+(?:[.,]\d+)?$/u;

/** Whether a paragraph is a block of numbers: six or more, and most of its words. */
function numberBlock(paragraph: string): boolean {
  const words = paragraph.trim().split(/\s+/u).filter(Boolean);
  const numbers = words.filter((w) => NUMBER.test(w)).length;
  return numbers >= 6 && numbers >= 0.6 * words.length;
}

/** A term written in capitals, as a syntax's placeholder is ("NCORES", "FILE"). */
const ALL_CAPITALS = /^(?=.*\p{Lu})[\p{Lu}\p{N}_]+$/u;

/** A term that names data, as the example input's are ("input vectors", "the matrix"). */
const DATA_NOUN = /\b(?:input|data|vectors?|matrix|rows?|columns?|entries|values)\b/iu;

/** A lead-in that calls the block below it an example or an input file. */
const EXAMPLE_LEAD_IN = /\b(?:example|input file|sample input)\b|\.in\b/iu;

/** Words that may stand before a noun without naming which one it is ("the signal", "each signal", "of signals"). */
const NOT_A_MODIFIER =
  /^(?:the|a|an|this|that|these|those|each|every|any|some|no|its|their|his|her|our|your|my|of|in|on|at|to|for|with|by|from|into|and|or|is|are|was|were|be|as|one|per|than|not)$/iu;

/** The last sentence of a text (the one just before a defining sentence), or the empty string. */
const lastSentence = (text: string) =>
  text
    .replace(/\s+/gu, ' ')
    .split(/(?<=[.!?])\s+(?=\p{Lu})/u)
    .filter((s) => s.trim() !== '')
    .at(-1) ?? '';

/**
 * A line of a syntax: a Lisp form ("(flet ({(name lambda-list …)}*) . body)": a "(" before a lower-case name or a
 * "*", "&", ":" or "-", and no full stop at its end) or one opening "Syntax:". A sentence in parentheses ("(The head
 * and the body are both required.)") is prose.
 */
const syntaxLine = (line: string) =>
  /^\s*syntax:/iu.test(line) || (/^\s*\([\p{Ll}*&:-]/u.test(line) && !/\.\)*\s*$/u.test(line));

/**
 * A gloss that describes one thing, not a noun in general: a number with its unit ("a 3.3 V, 10 MHz square wave")
 * or "only" ("the (only) export").
 */
const ONE_INSTANCE = /\d\s?\p{L}{1,3}(?!\p{L})|(?<!\p{L})only(?!\p{L})/u;

/** A word before `t` in `text` ("clock signal": "clock"), word by word: no pattern restarts inside a word. */
function wordsBefore(text: string, t: string): string[] {
  const words = text.split(/\s+/u);
  const bare = (w: string) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  // The noun itself, or with a punctuation mark after it ("signal,"), not a longer word.
  const noun = new RegExp(`^${t}(?!\\p{L})`, 'iu');
  const out: string[] = [];
  for (let i = 1; i < words.length; i++) {
    if (!noun.test(words[i]!)) continue;
    const w = words[i - 1]!;
    // A word that ends in punctuation closes its phrase ("…, signal"): no modifier.
    if (/^[\p{L}\p{N}][\p{L}\p{N}-]*$/u.test(w.replace(/^[^\p{L}\p{N}]+/u, ''))) out.push(bare(w));
  }
  return out;
}

/** The text before a definition shows an attribute of a project file (gprbuild): "attribute", "for Name use", "Source_Dirs: list". */
const ATTRIBUTE_CONTEXT =
  /(?<!\p{L})attributes?(?!\p{L})|(?<!\p{L})for\s+\p{Lu}[\p{L}\p{N}_]*(?:\s*\([^)\n]{0,80}\))?\s+use(?!\p{L})|(?<![\p{L}\p{N}_])\p{Lu}[\p{L}\p{N}]*(?:_[\p{L}\p{N}]+)+:\s+(?:single|list)(?!\p{L})/u;

export const ANSWER_CONTEXT_RULES: readonly AnswerContextRule[] = [
  {
    id: 'answer/referent-before',
    why: 'A common noun of one word, defined by "The <noun> is …" right after the sentence that names its thing with a modifier or a name ("HackRF One produces a 10 MHz clock signal on CLKOUT. The signal is a 3.3 V, 10 MHz square wave …", "Structure CM serves as … The structure is the (only) export …") describes that one thing: its gloss does not hold for the noun in general, and the key drops the modifier that says which (HackRF and SML/NJ CM manuals, fresh set 13). A noun that the sentence before writes bare ("A pipe connects two processes") is the term itself, and so is one whose gloss describes no one thing (a number with its unit, "only"): "Linux distributions ship the Linux kernel. The kernel is the core of the operating system" defines the noun.',
    reject: [
      'HackRF One produces a 10 MHz clock signal on CLKOUT. || The signal is a 3.3 V, 10 MHz square wave. || signal',
      'Structure CM serves as the entry point of the compilation manager. || The structure is the only export of the library. || structure',
    ],
    keep: [
      'A pipe connects two processes. || The pipe is a buffer in the kernel. || pipe',
      'Each process has a parent, and the signal goes to it. || The signal is a software interrupt. || signal',
      ' || The signal is a software interrupt. || signal',
      'HackRF One produces a 10 MHz clock signal on CLKOUT. || The clock signal is a square wave. || clock signal',
      // An article "a" defines the noun itself after the example that used it (CLIPS user\'s guide, fresh set 13).
      'A fact such as (duck) or (quack) is said to consist of a single field. || A field is a placeholder that may have a value. || field',
      'Prover9 reads first-order formulas. || Clauses are a subset of formulas. || clauses',
      // True definitions after a modified noun: the gloss holds for the noun in general (reviewer of set 13's rules).
      'Linux distributions ship the Linux kernel. || The kernel is the core of the operating system. || kernel',
      'A magnifier uses a converging lens. || The lens is a transparent optical element that refracts light. || lens',
      'A plant cell has a large central vacuole. || The vacuole is a membrane-bound organelle that stores water. || vacuole',
      'Administrators configure firewall rules for each host. || The firewall is a system that filters network traffic. || firewall',
      'Each Ethernet frame carries an IP packet. || The packet is the unit of data that the network layer routes. || packet',
      'The parties signed a written contract. || The contract is a legally binding agreement between two parties. || contract',
    ],
    fails: ({ term, before, sentence }) => {
      const t = term.trim();
      // "The signal is …": the definite article points back; "A field is …" defines the noun itself.
      if (!/^\p{Ll}{3,}$/u.test(t) || !new RegExp(`^\\s*the\\s+${t}\\s`, 'iu').test(sentence)) return false;
      // Only a gloss of one thing: "The kernel is the core of the operating system" defines the noun.
      if (!ONE_INSTANCE.test(sentence)) return false;
      const previous = lastSentence(before);
      if (wordsBefore(previous, t).some((w) => !NOT_A_MODIFIER.test(w))) return true;
      // The noun before a name in capitals: "Structure CM".
      const either = `(?:${t}|${t[0]!.toUpperCase()}${t.slice(1)})`;
      return new RegExp(`(?<!\\p{L})${either}\\s+\\p{Lu}{2,}(?!\\p{L})`, 'u').test(previous);
    },
  },
  {
    id: 'answer/syntax-line-placeholder',
    why: 'A term in capitals whose lower-case form is a word of the syntax line above it ("BODY is the scope of each local function definition" under "(flet ({(name lambda-list …)}*) . body)") is a placeholder of that syntax, as answer/syntax-placeholder\'s "<FILE>" is: the learner would type a slot of one form (GCL manual, fresh set 12\'s class again in set 13). Only a Lisp form (a "(" before a lower-case name or "*&:-", no full stop at its end) or a line opening "Syntax:"; a sentence in parentheses is prose; a name in capitals that no such line writes in lower case ("GYOTO") is left alone.',
    reject: [
      'flet\n(flet ({(name lambda-list {decl | doc}* {form}*)}*) . body)\nEvaluates BODY as a PROGN. || BODY',
      'Syntax: make-array dimensions &key element-type\n || DIMENSIONS',
    ],
    keep: [
      'GYOTO computes images of black holes. || GYOTO',
      '(flet ({(name lambda-list)}*) . body)\n || FORM',
      'The body of a message holds its text. || BODY',
      // A sentence in parentheses is prose, not a Lisp form (reviewer of set 13's rules).
      '(The head and the body are both required.)\n || BODY',
    ],
    fails: ({ term, before }) => {
      const t = term.trim();
      if (!ALL_CAPITALS.test(t) || !/\p{L}{2}/u.test(t)) return false;
      const word = new RegExp(
        `(?<![\\p{L}\\p{N}_-])${escapeRegExp(t.toLowerCase())}(?![\\p{L}\\p{N}_-])`,
        'u',
      );
      return before.split('\n').some((line) => syntaxLine(line) && word.test(line));
    },
  },
  {
    id: 'answer/attribute-slot',
    why: 'An attribute\'s parts, described under it ("Inherit_Source_Path: list, indexed … Value is a list of language names", "An indexed attribute … The array index is the directory where the file is to be installed"), are the value and the index of one attribute the item does not name (gprbuild user\'s guide, fresh set 13): "value" or "array index" is no term there. Only after text that shows an attribute of a project file ("attribute", "for Name use", "Source_Dirs: list"); "Value is the worth of a good or service measured in money" defines the word.',
    reject: [
      'Inherit_Source_Path: list, indexed, case-insensitive index\n\nIndex is a language name. || Value is a list of language names. || value',
      'Artifacts: list, indexed An indexed attribute to declare a set of files. || The array index is the directory where the file is to be installed. || array index',
      'for Source_Files use ("main.adb"); || Values are the names of the source files. || values',
    ],
    keep: [
      'Economics studies goods and prices. || Value is the worth of a good or service measured in money. || value',
      'Arrays hold elements in order. || An array index is the position of an element within an array. || array index',
      'A variable is measured on each case. || Values are the individual observations of a variable. || values',
      'Source_Dirs: list || The absolute value is the distance of a number from zero. || absolute value',
    ],
    fails: ({ term, before }) =>
      /^(?:values?|array\s+ind(?:ex|ices))$/iu.test(term.trim()) && ATTRIBUTE_CONTEXT.test(before),
  },
  {
    id: 'answer/syntax-placeholder',
    why: 'A placeholder of an option\'s syntax, named in the sentence before ("… using the nthreads=NCORES option. NCORES is the number of threads that GYOTO will use."), stands for a value the reader chooses: the thing to know is the option, and the key wants the placeholder (Gyoto manual, fresh set 12). A term the text before also writes as a word of its own ("<abstract> … The abstract …"), or a value in lower case after "=" ("compression=gzip": a real value, not a placeholder), is left alone.',
    reject: [
      'You can accelerate computations by using several cores on a computer using the –nthreads=NCORES option. || NCORES',
      'Run the program as prog --input=<FILE> to read a file. || FILE',
      'The syntax is closefrom ⟨file name⟩ to close a file. || file name',
    ],
    keep: [
      'GYOTO computes images of the surroundings of black holes. || GYOTO',
      'Set nthreads=4 to use four cores. || NCORES',
      ' || NCORES',
      'Put the summary inside <abstract>. The abstract comes first on the title page. || abstract',
      'To pack the files, pass compression=gzip to the writer. || gzip',
      'The converter also writes HTML: pass --to=HTML to publish the notebook. || HTML',
    ],
    fails: ({ term, before }) => {
      const t = escapeRegExp(term.trim());
      const word = `(?<![\\p{L}\\p{N}_])${t}(?![\\p{L}\\p{N}_])`;
      // Only a name in capitals after "=" is a placeholder: "compression=gzip" gives a value itself.
      const afterEquals = ALL_CAPITALS.test(term.trim()) ? `|=\\s?${word}` : '';
      const placeholder = new RegExp(`<${t}>|⟨${t}⟩${afterEquals}`, 'gu');
      const placeholders = before.match(placeholder)?.length ?? 0;
      const uses = before.match(new RegExp(word, 'gu'))?.length ?? 0;
      // A use not inside a placeholder: the text names the term as a word of its own.
      return placeholders > 0 && uses <= placeholders;
    },
  },
  {
    id: 'answer/example-data',
    why: 'A term defined just below a block of numbers ("amb_space 5 rees_algebra 9 1 2 1 2 1 0 3 4 …" then "The input vectors are the exponent vectors of a monomial ideal I …") is the data of one example input the text prints, not a term of the subject: its definition holds only for that example (Normaliz manual, fresh set 12). A block of numbers is also a table of results: only a term that names data (input, vectors, matrix, rows, entries…), or a block the text introduces as an example or input file, is refused.',
    reject: [
      'Next, let us discuss the example MonIdeal.in (typeset in two columns):\n\namb_space 5 rees_algebra 9 1 2 1 2 1 0 3 4 3 1 1 3 5 1 0 1 2 5 1 0 2 4 1 5 0 2 4 3 2 2 2 4 0 2 3 4\n\n || input vectors',
      'The input file reads:\n\n3 4 1 0 2 5 7 1 2 9 4 4\n\n || cone generators',
    ],
    keep: [
      'The scan takes 360 views of 512 detectors each, 3 times.\n\n || view diameter',
      'Next, let us discuss the example MonIdeal.in.\n\n || input vectors',
      'The runs took these times, in seconds:\n\n12 15 18 22 25 31 40 44 52\n\n || wall-clock time',
    ],
    // The paragraph just before the definition: the one the defining sentence opens after, or the one it is in.
    fails: ({ term, before }) => {
      const paragraphs = before.split(/\n\s*\n/u).filter((p) => p.trim() !== '');
      if (paragraphs.length === 0 || !numberBlock(paragraphs.at(-1)!)) return false;
      return DATA_NOUN.test(term) || EXAMPLE_LEAD_IN.test(paragraphs.at(-2) ?? '');
    },
  },
];

/** The first rule that refuses to ask `term`, read with the text before its defining sentence, or null. */
export const contextRefusal = (term: string, before: string, sentence: string) =>
  ANSWER_CONTEXT_RULES.find((rule) => rule.fails({ term, before, sentence }))?.id ?? null;
