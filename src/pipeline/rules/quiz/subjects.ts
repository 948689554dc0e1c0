/**
 * Whether a statement names what it speaks of: listed among others (multiple answer) or asked with a blank
 * (numerical, whose sentences must pass the listed rules), a statement is read with nothing around it. A
 * laboratory manual's "The amplitude is maximum around 3700 Hz" is true of one experiment of its paragraph; listed,
 * it reads as a fact of the subject, and a learner cannot tell which amplitude (ExpEYES manuals, fresh set 6).
 * These rules are part of {@link LISTED_RULES} (rules/quiz/listed.ts).
 */
import { isAnalysed, type LanguageProfile, type Token } from '../../language/index.ts';
import type { Rule } from '../rule.ts';
import {
  LEANS_ON_PARAGRAPH,
  LOST_DEGREE,
  OBSERVED_RESULT,
  OPENING_WORDS,
  POINTS_ELSEWHERE,
  QUOTED_VALUE,
  SCOPE_OPENING,
  UNNAMED_DEFAULT,
} from './sure-words.ts';

/** Words that make a noun phrase point at one thing of the paragraph. */
const DEFINITE = /^(?:the|this|that|these|those|its|their|his|her)$/u;

/**
 * Where the main clause starts: after an opening clause or phrase closed by a comma ("By capturing…, the…"), or,
 * without the comma ("On powerup the width is…"), at its last "the" before the verb that no preposition or verb
 * governs.
 */
function mainClause(tags: readonly Token[]): number {
  if (!tags[0] || !OPENING_WORDS.test(tags[0].lower)) return 0;
  const comma = tags.findIndex((t) => t.text === ',');
  if (comma >= 0) return comma + 1;
  const verb = tags.findIndex((t, i) => i > 1 && t.pos === 'AUX');
  for (let i = verb - 1; i > 1; i--) {
    if (tags[i]!.lower === 'the' && !/^(?:ADP|VERB|DET)$/u.test(tags[i - 1]!.pos)) return i;
  }
  return 0;
}

/**
 * Whether the main clause's subject is a definite phrase of common words only ("The amplitude", "the starting
 * point", "The resistance of the coil"): no name, number, code, jargon or indefinite article ("a capacitor": of any
 * one) tells which thing it is. A pronoun for a subject ("it", "this") names nothing either.
 */
export function unnamedSubject(tags: readonly Token[], pointers: ReadonlySet<string>): boolean {
  if (pronounAfterOpening(tags, pointers)) return true;
  const start = mainClause(tags);
  const first = tags[start];
  if (!first) return false;
  if (pointers.has(first.lower) && tags[start + 1]?.pos !== 'NOUN') return true;
  // "One is a nonstandard transmission": one of the things the paragraph named.
  if (first.lower === 'one' && tags[start + 1]?.pos === 'AUX') return true;
  if (first.lower !== 'the') return false;
  // An opening phrase of scope that names something ("In the large memory model, …", "On x86 systems …") says
  // which; one common word ("On powerup the width…") does not.
  if (start > 0 && SCOPE_OPENING.test(tags[0]!.lower)) {
    const scope = tags.slice(1, start);
    const content = scope.filter((t) => t.pos === 'NOUN' || t.pos === 'ADJ' || t.pos === 'PROPN');
    if (content.length >= 2 || scope.some((t) => t.pos === 'PROPN' || /[\p{Lu}\p{N}]/u.test(t.text)))
      return false;
  }
  // A participle ("the period included in the fee", "The minimum recommended cache size") modifies the subject: not
  // its verb.
  const verb = tags.findIndex(
    (t, i) => i > start && (t.pos === 'AUX' || (t.pos === 'VERB' && !/(?:ed|en|ing)$/u.test(t.lower))),
  );
  // Only a subject of "be", "can", "has"… (an AUX main verb: "The amplitude is maximum…") states a value or a state
  // of one thing; a lexical verb ("The compiler generates code…", "The server listens on port 80…") states what a
  // kind of thing does, a general fact (the reviewer's look-alikes, whose head nouns are common words).
  if (verb <= start + 1 || tags[verb]!.pos !== 'AUX') return false;
  const phrase = tags.slice(start + 1, verb);
  const named = phrase.some(
    (t, i) =>
      t.pos === 'PROPN' ||
      t.pos === 'NUM' ||
      !t.known ||
      !/^\p{Ll}+(?:-\p{Ll}+)*$/u.test(t.text) ||
      t.lower === 'a' ||
      t.lower === 'an' ||
      // A complement without a definite article ("for major surgery", "of memory") is of a kind, not one thing.
      (i > 0 && phrase[i - 1]!.pos === 'ADP' && !DEFINITE.test(t.lower)),
  );
  return !named;
}

/**
 * A pronoun for the subject right after an opening phrase with no comma ("By default it is taken to be after 50% of
 * the observations": it, the breakpoint named before; lmtest vignette, fresh set 11): {@link mainClause} finds no
 * main clause there. A dummy "it" stands for the clause after it ("In C it is an error to free a pointer twice").
 */
function pronounAfterOpening(tags: readonly Token[], pointers: ReadonlySet<string>): boolean {
  // An opening phrase ("By default", "In practice"), not a clause ("When it is full the cache…": it is the cache).
  const first = tags[0];
  if (first?.pos !== 'ADP' || !OPENING_WORDS.test(first.lower)) return false;
  const verb = tags.findIndex((t) => t.pos === 'AUX' || t.pos === 'VERB');
  if (verb <= 1 || !pointers.has(tags[verb - 1]!.lower) || tags.slice(0, verb).some((t) => t.text === ','))
    return false;
  return !dummyIt(tags, verb);
}

/**
 * Whether "it" before "is" or "was" stands for a clause after it ("it is an error to free…", "it is common that…";
 * not before a participle: "it is taken to be…" is a passive, of the thing named before) and the opening phrase names
 * where the statement holds with a name or code ("In C", "With the indexAt argument"): "In some cases it is
 * necessary…", "With the two subroutines in the previous section it is easy…" hold of something the paragraph named.
 */
function dummyIt(tags: readonly Token[], verb: number): boolean {
  const opening = tags.slice(1, verb - 1);
  if (!opening.some((t) => t.pos === 'PROPN' || !/^\p{Ll}+$/u.test(t.text))) return false;
  const be = tags[verb]!;
  if (tags[verb - 1]!.lower !== 'it' || !/^(?:is|was)$/u.test(be.lower) || tags[verb + 1]?.pos === 'VERB')
    return false;
  return tags.some(
    (t, i) =>
      i > verb + 1 &&
      ((t.lower === 'to' && tags[i + 1]?.pos === 'VERB') || (t.lower === 'that' && t.pos === 'SCONJ')),
  );
}

/** A rule of rules/quiz/listed.ts's `ListedRule` shape (declared here: listed.ts imports these). */
interface SubjectRule extends Rule {
  fails(statement: string, lang: LanguageProfile): boolean;
}

export const SUBJECT_RULES: readonly SubjectRule[] = [
  {
    id: 'listed/unnamed-subject',
    why: 'A statement whose subject is a definite phrase of common words ("The amplitude is maximum around 3700 Hz", "The voltage is proportional to the resistance", "By capturing 4 to 5 cycles, the frequency…") or a pronoun speaks of one thing of its paragraph, often one experiment\'s result: listed or blanked, it reads as a fact of the subject and a learner cannot tell which amplitude (ExpEYES manuals, fresh set 6). A subject with a name, a number, jargon or an indefinite article says which.',
    reject: [
      'The amplitude is maximum around 3700 Hz.',
      'The voltage is proportional to the resistance.',
      'The resistance of the coil is very high.',
      'By capturing 4 to 5 cycles, the frequency can be obtained within 0.1% error.',
      'The time period is measured 50 times, using a rod pendulum.',
      'When the test ends, it writes a report of 4 KB.',
      'In some applications, it would be necessary to send a pulse before digitization starts.',
      'On powerup the width is 13 microseconds.',
      'One is a nonstandard 1 byte transmission.',
      'The minimum recommended cache size is 10 MB, but larger caches generally perform better.',
      'By default it is taken to be after 50% of the observations, which leads to a result.',
      'In some cases it is necessary to have the user supplied function as an object.',
      'With the two subroutines in the previous section it is easy to do a vertex enumeration.',
    ],
    keep: [
      'The input to A3 is amplified 11 times by connecting a resistor from Rg to Ground.',
      'The 1kHz square wave with 30% duty cycle has a period of one millisecond.',
      'The FITLS utility allows an equation to be fitted to experimental data.',
      'GLE reads two configuration files during initialization.',
      'A frequency of 100 Hz means the change in voltage repeats every 10 milliseconds.',
      'The voltage across a capacitor lags the current through it.',
      'The md5 checksum is 128 bits long.',
      'The postoperative period for major surgery is 90 days.',
      'The preoperative period included in the global fee for major surgery is 1 day.',
      'In the large memory model, the address space is 16 bits for objects.',
      'On x86 systems the page size is 4 KB.',
      'One of the two programs is a nonstandard 1 byte transmission.',
      'The compiler generates code for each function.',
      'The server listens on port 80 by default.',
      'By default Octave is started with the graphical user interface.',
      'When it is full the cache of 64 KB is flushed to disk.',
      'In C it is an error to free a pointer twice.',
    ],
    fails(s, lang) {
      if (!isAnalysed(lang) || !lang.quizWords) return false;
      return unnamedSubject(lang.analyser.tag(s), lang.quizWords.pointerPronouns);
    },
  },
  {
    id: 'listed/leans-on-paragraph',
    why: 'A determiner that points into the paragraph ("Both tests are repeated 7 times", "DRBD performs the same steps", "In the opposite case…", "the newly-configured handler") asks which tests, steps or handler: listed, nothing before it says (DRBD users\' guide, fresh set 7); so does a sentence opened by an ordinal counting the members of a list ("The fourth routine modifies…, and the last routine writes…": which routines is in the list of prototypes above; CFITSIO quick start guide, fresh set 10). "Both X and Y" names its two, "the same … as …" says as what.',
    reject: [
      'Both tests are repeated 7 times each to allow for some statistical averaging.',
      'In the opposite case, DRBD performs the same steps, except that the local node becomes the source.',
      'DRBD will simply invoke the newly-configured handler on the next occurrence of split brain.',
      'Both of the servers must run the same version.',
      'With DRBD 8.4, the node performs the same steps.',
      'Since DRBD 9, the node performs the same steps.',
      'After all, the node performs the same steps.',
      // An ordinal counting the members of the paragraph's list (CFITSIO quick start guide, fresh set 10).
      'The fourth routine modifies the comment string in an existing keyword, and the last routine writes or updates the keyword units string for an existing keyword.',
      // "Both" alone for a subject, and "the present series" (lmtest vignette, fresh set 11).
      'Both try to detect nonlinearities when the data is ordered with respect to a specific variable.',
      'Both lead to highly significant results.',
      'The breakpoint leads to a significant result for the present series.',
      'The last command writes the table to disk.',
      // First of which options is not said (sure-words.ts, SAYS_WHOSE).
      'The first option is the file name.',
      'The fit is poor for the present data.',
    ],
    keep: [
      'Both TCP and UDP are supported by the daemon.',
      'Both files and directories can be replicated.',
      'The daemon uses the same port as the client.',
      'Two nodes can be promoted at the same time in dual-primary mode.',
      'Prior to DRBD 8.4, changes to the replication protocol were impossible while the resource was online.',
      'All nodes in the cluster must run the same version of DRBD.',
      'The two files must use the same encoding.',
      'Both the client and the server must run the same version.',
      'The first line of a script names its interpreter.',
      'The first argument of fopen is the path of the file.',
      'The value of a pipeline is the value of the last command.',
      'The first line of a script names its interpreter, and the second form of the call takes a file.',
      'Both client and server must run version 9.',
      // Two the sentence names itself (EusLisp manual, fresh set 3).
      'There are two kinds of numbers, integer and float, both are represented with 29 bits value and 1 bit sign.',
      'The log keeps the entries of the present day for 4 days.',
      'The first option on the command line names the input file.',
      // "Both" with its two named within three words, and "the present" before a noun of no example (reviewer, rev4).
      'Both regular files and directories can be given.',
      'Both upper case and lower case letters are accepted.',
      'Both long options and short options are accepted.',
      'Both read-only and read-write mounts are supported.',
      'The pwd command prints the present working directory.',
      'At the present moment only 3 formats are supported.',
      'The present implementation supports 3 formats.',
    ],
    fails: (s) => LEANS_ON_PARAGRAPH.test(s),
  },
  {
    id: 'listed/unnamed-actor',
    why: 'An indefinite or counted subject acted on by no one named ("A newline is inserted every 76 characters", "A warning is printed…", "For each 8 bytes, two lines are output"), in a sentence that names nothing else, is what one function or option of the paragraph does: listed or blanked, a learner cannot tell whose behaviour it is (EusLisp manual, fresh set 7: base64 encoding, not named).',
    reject: [
      'A newline is inserted every 76 characters.',
      'A warning is printed when the buffer is full.',
      'An error is reported after 3 retries.',
      // A counted subject after an opening phrase: whose output? (valgrind's monitor command, the corpus).
      'For each 8 bytes, two lines are output.',
    ],
    keep: [
      'A newline is inserted every 76 characters by the base64 encoder.',
      'For each 8 bytes, two lines are output by Memcheck.',
      'For each block, the header is written first.',
      'A line size of 64 bytes is assumed by the cache simulator.',
      'A frequency of 100 Hz means the change in voltage repeats every 10 milliseconds.',
      'A warning is printed by GCC when the buffer is full.',
      'An MD5 checksum is computed for each block.',
    ],
    fails(s, lang) {
      if (!isAnalysed(lang)) return false;
      const tags = lang.analyser.tag(s);
      // The subject opens the main clause: after an opening phrase closed by a comma ("For each 8 bytes, …").
      const start = OPENING_WORDS.test(tags[0]?.lower ?? '') ? tags.findIndex((t) => t.text === ',') + 1 : 0;
      const first = tags[start];
      if (!first || (!/^an?$/u.test(first.lower) && (start === 0 || first.pos !== 'NUM'))) return false;
      const be = tags.findIndex((t, i) => i > start && (t.pos === 'AUX' || t.pos === 'VERB'));
      if (be < start + 2 || be > start + 3 || !/^(?:is|are)$/u.test(tags[be]!.lower)) return false;
      const done = tags[be + 1];
      // Past participles of "-ed"/"-en" and the common irregular ones ("output", "set", "sent", "read", "kept").
      if (done?.pos !== 'VERB' || !/(?:ed|en|put|set|sent|read|built|kept|made)$/u.test(done.lower))
        return false;
      // A name, a capitalised word or an agent ("by …") anywhere says whose behaviour it is.
      return !tags.some((t, i) => t.lower === 'by' || t.pos === 'PROPN' || (i > 0 && /\p{Lu}/u.test(t.text)));
    },
  },
  {
    id: 'listed/run-together-clause',
    why: 'An opening clause with no comma run into a verb with no subject ("Once the upgrade is finished will now have the latest kernel module…") lost its subject when the sentence was cut: garbled, a learner cannot weigh it (DRBD users\' guide, fresh set 7).',
    reject: [
      'Once the upgrade is finished will now have the latest DRBD 8.4 kernel module on your secondary node.',
      'When the resource is promoted can be mounted by the cluster manager.',
    ],
    keep: [
      'Once the upgrade is finished, the node will have the latest DRBD 8.4 kernel module.',
      'When the resource is promoted the file system can be mounted.',
    ],
    fails(s, lang) {
      if (!isAnalysed(lang)) return false;
      const tags = lang.analyser.tag(s);
      if (!/^(?:once|when|after|before|if|until|while|as)$/u.test(tags[0]?.lower ?? '')) return false;
      const comma = tags.findIndex((t) => t.text === ',');
      const upTo = comma < 0 ? tags.length : comma;
      // "is finished will": the clause's participle followed at once by the main clause's verb, no subject between.
      return tags
        .slice(0, upTo)
        .some(
          (t, i, a) =>
            i > 1 &&
            t.pos === 'VERB' &&
            /(?:ed|en)$/u.test(t.lower) &&
            a[i - 1]!.pos === 'AUX' &&
            a[i + 1]?.pos === 'AUX',
        );
    },
  },
  {
    id: 'listed/observed-result',
    why: 'A statement of what a run showed ("is maximum around 7000 Hz", "shows a peak at…", "can be seen", "goes up") reports one experiment or one example, not a fact of the subject a learner could select (ExpEYES manuals, fresh set 6).',
    reject: [
      'The intensity is maximum near 7000 Hz, due to resonance.',
      'The Fourier transform shows a peak at the resonant frequency.',
      'When SQ1 reaches the resonant frequency of the pendulum, the amplitude goes up due to resonance.',
      'A still image can be seen on the screen.',
    ],
    keep: [
      'The maximum size of a Memcheck block is 4 GB.',
      'A frequency of 100 Hz means the change in voltage repeats every 10 milliseconds.',
    ],
    fails: (s) => OBSERVED_RESULT.test(s),
  },
  {
    id: 'listed/points-elsewhere',
    why: 'A pointer inside the statement ("70% of this, (see scale)", "as in that") leans on a sentence or a section the list does not show, as an opening pointer does (GLE manual, fresh set 6).',
    reject: [
      'The default size of the axes of the graph will be 70% of this, (see scale).',
      'The margins are set as for that; see the options below.',
      'Applying a step makes the voltage rise exponentially as shown in the figure2.5(a).',
    ],
    keep: [
      'The default size of the axes is 70% of the page size.',
      'Current through a capacitor leads the voltage across it.',
    ],
    fails: (s) => POINTS_ELSEWHERE.test(s),
  },
  {
    id: 'listed/instruction',
    why: 'An instruction ("Plot two signals in the X-Y mode and find out their phase difference", "To measure the resistance across an RTD, apply a constant current…") is a step of one experiment or task the list does not name: nothing is claimed to be true or false (ExpEYES-17 manual, fresh set 6).',
    reject: [
      'Plot two signals in the X-Y mode and find out their phase difference.',
      'To measure the resistance across an RTD, apply a constant current, measure the resulting voltage.',
      'If name is omitted, return a list of keywords.',
      'If no function is named then return true if the current function is locked.',
    ],
    keep: [
      'Connecting an external resistor from SEN to GND makes a potential divider.',
      'To signify a start 38kHz is kept on for 9000 microseconds.',
      'Modifier 66 is required for each surgeon of a team.',
      'If name is omitted, keywords are listed.',
      'If the file is missing then the default is used.',
      'When the cache is full, data in the buffer is flushed.',
    ],
    fails(s, lang) {
      if (!isAnalysed(lang)) return false;
      const tags = lang.analyser.tag(s);
      // An opening condition closed by "then" and no comma ("If no function is named then return true…": GNU
      // Octave, fresh set 11): the main clause starts after it.
      const then = OPENING_WORDS.test(tags[0]?.lower ?? '') ? tags.findIndex((x) => x.lower === 'then') : -1;
      const at = then > 1 && !tags.slice(0, then).some((x) => x.text === ',') ? then + 1 : mainClause(tags);
      const t = tags[at];
      if (t === undefined || /ing$/u.test(t.lower)) return false;
      // The tagger reads a verb opening a sentence as a noun ("Plot/NOUN two signals"); a noun is not followed by a
      // determiner or a number.
      // A number in digits after it is the noun's ("Modifier 66 is required…"), a number word the verb's object.
      const next = tags[at + 1];
      return (
        (t.pos === 'VERB' && t.lemma === t.lower) ||
        // After an opening clause too ("If name is omitted, return/NOUN a list of keywords": GNU Octave, fresh set 11).
        ((at === 0 || tags[at - 1]?.text === ',') &&
          t.pos === 'NOUN' &&
          !/s$/u.test(t.lower) &&
          (next?.pos === 'DET' || (next?.pos === 'NUM' && /^\p{L}+$/u.test(next.text))))
      );
    },
  },
  {
    id: 'listed/unnamed-default',
    why: "A default stated without what it is the default of (\"Default filename is ‘plot.dat’\") is one function's or option's, named by the paragraph, not by the statement (ExpEYES programmer's manual, fresh set 6).",
    reject: [
      'Default filename is ‘plot.dat’, that can be overriden by the second argument.',
      'The default value is 3.',
    ],
    keep: ['The default file name of the save function is ‘plot.dat’.'],
    fails: (s) => UNNAMED_DEFAULT.test(s),
  },
  {
    id: 'listed/quoted-name',
    why: 'A value of a name in quotes ("The minimum value of ’tg’ is 4 microseconds") is one argument\'s of one function the statement does not name; a line shaped "Label: …" ("SINE wave: Fixed frequency sine wave generator…") is an entry of a list or a table, its subject the label (ExpEYES manuals, fresh set 6).',
    reject: [
      'The minimum value of ’tg’ is 4 microseconds.',
      'SINE wave: Fixed frequency sine wave generator, frequency is around 150 Hz.',
    ],
    keep: [
      'The minimum pulse width of the set_pulse function is 4 microseconds.',
      'The sine wave generator has a fixed frequency of 150 Hz.',
    ],
    fails: (s) => QUOTED_VALUE.test(s) || /^[^\s:]+(?:\s+[^\s:]+){0,2}:\s/u.test(s),
  },
  {
    id: 'listed/lost-degree',
    why: 'A phase or an angle whose degree sign the extraction lost ("leads the voltage by 900" for 90°) states a wrong figure (ExpEYES Junior manual, fresh set 6).',
    reject: [
      'Current through a capacitor leads the voltage across it by 900.',
      'The phase shift is 1800 at resonance.',
    ],
    keep: [
      'Current through a capacitor leads the voltage across it by 90°.',
      'The phase shift is 180 degrees at resonance.',
    ],
    fails: (s) => LOST_DEGREE.test(s),
  },
];
