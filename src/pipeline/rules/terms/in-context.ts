/**
 * Which defining sentences the glossary takes as a definition, read with the sentence before them: a sentence
 * that says what a term is may, after its neighbour, only finish a comparison. The course's glossary
 * (course/glossary.ts) skips a defining sentence any rule of {@link DEFINITION_CONTEXT_RULES} catches.
 *
 * An example is `sentence before || defining sentence`.
 */
import type { Rule } from '../rule.ts';

/** A defining sentence and the sentence of its paragraph before it (empty when it opens the paragraph). */
export interface DefinitionInContext {
  before: string;
  sentence: string;
}

export interface DefinitionContextRule extends Rule {
  fails(d: DefinitionInContext): boolean;
}

/** A sentence that sets one thing against another ("Note this is not the same as the parameter HISTCMD, which…"). */
const CONTRAST =
  /\b(?:not the same as|unlike|in contrast (?:to|with)|as opposed to|differs? from|different from|distinct from|not to be confused with)\b/iu;

/** A definition by a verb that points ("X refers to …", "X means …", "X denotes …"), not one that says what X is. */
const POINTING_VERB = /^[^,;:]{1,60}?\s(?:refers to|means|denotes)\s/u;

export const DEFINITION_CONTEXT_RULES: readonly DefinitionContextRule[] = [
  {
    id: 'definition/after-contrast',
    why: 'After a sentence that sets the term against another ("Note this is not the same as the parameter HISTCMD, which always gives the number of the history line being added…"), "HISTNO refers to the line being retrieved within zle" finishes the contrast: it says which line the number belongs to, as against HISTCMD, not what HISTNO is (a number); asked alone, its key is wrong (Z shell manual, fresh set 10).',
    reject: [
      "Note this is not the same as the parameter HISTCMD, which always gives the number of the history line being added to the main shell's history. || HISTNO refers to the line being retrieved within zle.",
      'Unlike a hard link, it can cross file systems. || A symbolic link means a file that names another file by its path.',
    ],
    keep: [
      'Tables are stored in files on the disk. || Data independence refers to the immunity of applications to changes in the way data is stored.',
      'Unlike a process, a thread shares its memory. || A thread is a sequence of instructions that the scheduler runs on its own.',
      ' || HISTNO refers to the line being retrieved within zle.',
    ],
    fails: (d) => CONTRAST.test(d.before) && POINTING_VERB.test(d.sentence),
  },
];

/** Whether a defining sentence may stand as a definition after the sentence before it. */
export const definesInContext = (before: string, sentence: string) =>
  !DEFINITION_CONTEXT_RULES.some((rule) => rule.fails({ before, sentence }));
