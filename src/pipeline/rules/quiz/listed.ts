/**
 * Which checked true/false statements may be options of a multiple-answer item ("select all that apply"): in a
 * list of four, a statement must stand on its own even more than alone. The multiple-answer maker
 * (quiz/kinds/multiple-answer.ts) lists a statement no rule of {@link LISTED_RULES} catches.
 */
import { isAnalysed, type LanguageProfile } from '../../language/index.ts';
import type { Rule } from '../rule.ts';
import { standaloneProblem } from '../sentences/standalone.ts';

export interface ListedRule extends Rule {
  fails(statement: string, lang: LanguageProfile): boolean;
}

export const LISTED_RULES: readonly ListedRule[] = [
  {
    id: 'listed/leans',
    why: 'A note, a caption, a section pointer, "such", "Finally" or "Thus" lean on what came before: in a list of four, nothing came before.',
    reject: [
      'Note that the cache is flushed when the program exits.',
      'Finally, the results are written to the output file.',
      'The options are described in section 4 of the manual.',
    ],
    keep: ['The cache is flushed when the program exits.'],
    fails: (s, lang) => lang.quizWords?.leaningStatement.test(s) ?? false,
  },
  {
    id: 'listed/not-standalone',
    why: 'A statement the summary rules would not show alone (a pointer to what came before, a fragment) cannot stand among others either: "The package installs its files…" asks which package.',
    reject: ['The package installs its files in the usual places.', 'They install the files of the package.'],
    keep: ['Debhelper installs the files of the package.'],
    fails: (s, lang) => isAnalysed(lang) && standaloneProblem(s, lang) !== null,
  },
];
