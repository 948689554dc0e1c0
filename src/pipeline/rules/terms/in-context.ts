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

/** Words that set one thing against another ("not the same as", "unlike", "differs from"). */
const CONTRAST = String.raw`(?:is|are|was|were)\s+not\s+the\s+same\s+as|(?:is|are)\s+(?:different|distinct)\s+from|differs?\s+from|(?:is|are)\s+not\s+to\s+be\s+confused\s+with`;

/**
 * A sentence whose pronoun, standing for the term defined next, is set against another thing: "Note this is not the
 * same as the parameter HISTCMD", "Unlike a hard link, it can cross file systems". Not "Unlike Bash, Zsh does not
 * split words by default", which sets two shells apart, not the term ("word splitting").
 */
const PRONOUN_AGAINST = new RegExp(
  String.raw`\b(?:this|it|that|these|they)\s+(?:${CONTRAST})\b|\b(?:unlike|in\s+contrast\s+(?:to|with)|as\s+opposed\s+to)\b[^,;.]{1,80},\s*(?:this|it|that|these|they)\b`,
  'iu',
);

/** Any words of contrast, for a sentence before that names the term itself. */
const ANY_CONTRAST = new RegExp(
  String.raw`\b(?:${CONTRAST}|not\s+the\s+same\s+as|unlike|in\s+contrast\s+(?:to|with)|as\s+opposed\s+to|different\s+from|distinct\s+from|not\s+to\s+be\s+confused\s+with)\b`,
  'iu',
);

/** A definition by a verb that points ("X refers to …", "X means …", "X denotes …"): its term is X. */
const POINTING_VERB = /^([^,;:]{1,60}?)\s(?:refers to|means|denotes)\s/u;

/** The term a pointing definition defines, without its article ("The heap refers to …" → "heap"). */
function pointedTerm(sentence: string) {
  const subject = POINTING_VERB.exec(sentence)?.[1];
  return subject?.replace(/^(?:the|a|an)\s+/iu, '').trim();
}

/** Whether the sentence before sets the term defined next against another thing, by a pronoun or by name. */
function setsTermAgainst(before: string, term: string) {
  if (PRONOUN_AGAINST.test(before)) return true;
  return ANY_CONTRAST.test(before) && before.toLowerCase().includes(term.toLowerCase());
}

export const DEFINITION_CONTEXT_RULES: readonly DefinitionContextRule[] = [
  {
    id: 'definition/after-contrast',
    why: 'After a sentence that sets the term itself against another, by a pronoun standing for it or by its name ("Note this is not the same as the parameter HISTCMD, which always gives the number of the history line being added…"), "HISTNO refers to the line being retrieved within zle" finishes the contrast: it says which line the number belongs to, as against HISTCMD, not what HISTNO is (a number); asked alone, its key is wrong (Z shell manual, fresh set 10). A contrast of other things ("Unlike Bash, Zsh does not split words by default") leaves the definition after it whole.',
    reject: [
      "Note this is not the same as the parameter HISTCMD, which always gives the number of the history line being added to the main shell's history. || HISTNO refers to the line being retrieved within zle.",
      'Unlike a hard link, it can cross file systems. || A symbolic link means a file that names another file by its path.',
      'A heap is not the same as a stack. || The heap refers to memory allocated at run time.',
    ],
    keep: [
      'Tables are stored in files on the disk. || Data independence refers to the immunity of applications to changes in the way data is stored.',
      'Unlike a process, a thread shares its memory. || A thread is a sequence of instructions that the scheduler runs on its own.',
      ' || HISTNO refers to the line being retrieved within zle.',
      'Unlike Bash, Zsh does not split words by default. || Word splitting refers to breaking the value of a parameter into words.',
    ],
    fails: (d) => {
      const term = pointedTerm(d.sentence);
      return term !== undefined && setsTermAgainst(d.before, term);
    },
  },
];

/** Whether a defining sentence may stand as a definition after the sentence before it. */
export const definesInContext = (before: string, sentence: string) =>
  !DEFINITION_CONTEXT_RULES.some((rule) => rule.fails({ before, sentence }));
