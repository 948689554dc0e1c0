/**
 * Whether the document treats a defined term as a term of its own: the glossary takes "The return status is the
 * exit status of the last command executed" for a definition, but the sentence says what one construct's status
 * is, and the document never writes "return status" as a thing to know. A short answer asks a term only when the
 * document uses it beyond the sentence that defines it, or names it in its outline; a common phrase with a generic
 * head noun ("tag value", "selected protocol") only when the outline names it (fresh set 5).
 *
 * An example is `term => definition | uses N[, headed][, listed][, subject]`: how often the document writes the term
 * outside its defining sentence, whether a heading names it, a glossary or index section lists it, the title names it.
 */
import type { Rule } from '../rule.ts';

/** A defined term with what the document around it says of it. */
export interface SaliencePlace {
  term: string;
  gloss: string;
  /** Times the document writes the term (its other number, its bare name) outside the sentence defining it. */
  uses: number;
  /** Whether a heading (a section, lesson or module title) names the term. */
  headed: boolean;
  /** Whether a glossary, definitions or index section lists the term. */
  listed: boolean;
  /** Whether the document's title names the term: the manual's own subject. */
  subject: boolean;
  /** Whether a word is a word of the language (the analyser's lexicon), not a name. */
  isWord: (word: string) => boolean;
}

export interface SalienceRule extends Rule {
  fails(p: SaliencePlace): boolean;
}

/** Uses outside its defining sentence a term needs when no heading names it. */
export const MIN_USES = 1;

/**
 * Head nouns that name the value or kind of one thing ("return status", "tag value", "supported algorithms"):
 * "The <phrase> is…" says what one paragraph's thing is, not what a term means.
 */
const GENERIC_HEADS =
  /^(?:values?|status(?:es)?|names?|numbers?|types?|files?|protocols?|algorithms?|formats?|modes?|versions?|sizes?|results?|options?|settings?|fields?|levels?|codes?|states?|lists?|methods?|strings?|arguments?|parameters?|outputs?|inputs?|entr(?:y|ies))$/u;

/** A phrase of words of the language in lower case ("return status"), not a name ("keytab file", "Unicode"). */
export const commonPhrase = (term: string, isWord: (w: string) => boolean) => {
  const words = term.trim().split(/[\s-]+/u);
  return words.length > 1 && words.every((w) => /^\p{Ll}+$/u.test(w) && isWord(w));
};

/** A definition this short names the kind of a thing, not which it is ("a command line based utility"). */
const SUBJECT_GLOSS_WORDS = 5;

/** Whether `gloss` spells out the abbreviation `term`: its capitals open the gloss's capitalised words in order. */
const expands = (term: string, gloss: string) => {
  const initials = (gloss.match(/\b\p{Lu}/gu) ?? []).join('');
  return /^\p{Lu}{2,}$/u.test(term.trim()) && initials.startsWith(term.trim());
};

export const SALIENCE_RULES: readonly SalienceRule[] = [
  {
    id: 'salience/unused-term',
    why: 'A term the document writes only in the sentence the glossary took it from, under no heading, is no term of the document: "The building block is a function which checks…" names one function of an example (why3 manual), "padding arguments" one call (reportlab).',
    reject: [
      'building block => a function which checks whether the queen on a given row may attack another | uses 0',
      'Padding arguments => positive quantities used to reduce the space available for drawing | uses 0',
      'selected protocol => the first supported by the list sent by the client | uses 0',
    ],
    keep: [
      'background jobs => processes that belong to users who are not currently logged into the machine | uses 1',
      'GNU Octave => a high-level language, primarily intended for numerical computations | uses 0, headed',
      'weak symbol => an external symbol declaration that isn’t used | uses 2',
      'job control => the ability to stop and resume the processes of a shell | uses 0, listed',
    ],
    fails: (p) => !p.headed && !p.listed && p.uses < MIN_USES,
  },
  {
    id: 'salience/generic-head',
    why: 'A common phrase whose head names the value or kind of one thing ("return status", "tag value", "supported algorithms", "file format") is asked by a sentence "The <phrase> is…" that says what one construct’s status or one tag’s value is; however often the document writes it, or lists it ("return status: a synonym for exit status" in Bash’s definitions), only a heading of its own makes it a term to recall (bash, krb5, gnutls manuals, fresh set 5; gputils, fresh set 4).',
    reject: [
      'return status => the exit status of the last command executed | uses 40, listed',
      'tag value => the Kerberos V4 realm name | uses 3',
      'supported algorithms => the algorithms required by the TLS protocol | uses 2',
      'file format => a standard COFF archive | uses 5',
    ],
    keep: [
      'exit status => the value a command returns to its caller | uses 40, headed',
      'keytab file => an local copy of the host’s key | uses 20',
      'base system => the minimum subset of the Debian system that is installed before everything else | uses 8',
      'host architecture => the architecture on which the resulting package will be installed and run | uses 5',
    ],
    fails: (p) =>
      !p.headed &&
      commonPhrase(p.term, p.isWord) &&
      GENERIC_HEADS.test(
        p.term
          .trim()
          .split(/[\s-]+/u)
          .at(-1)!,
      ),
  },
  {
    id: 'salience/thin-subject',
    why: 'The manual’s own subject asked by a definition of five words or fewer ("Doxygen => a command line based utility") fits any tool of its kind, and the title gives the answer (doxygen manual, fresh set 5); a fuller definition of the subject says what sets it apart.',
    reject: ['Doxygen => a command line based utility | uses 300, headed, subject'],
    keep: [
      'GAP => Groups, Algorithms and Programming | uses 800, headed, subject',
      'Debian => an all-volunteer organization dedicated to developing free software and promoting the ideals of the Free Software community | uses 500, headed, subject',
      'Memcheck => a memory error detector | uses 400, headed',
    ],
    // An abbreviation's expansion ("GAP: Groups, Algorithms and Programming") is what the learner recalls it by.
    fails: (p) =>
      p.subject && p.gloss.trim().split(/\s+/u).length <= SUBJECT_GLOSS_WORDS && !expands(p.term, p.gloss),
  },
];
