/**
 * Answers a short answer accepts beyond the term as written: each rule of {@link ANSWER_VARIANT_RULES} may give
 * one more. An example is `term | context => variant` (the variant the rule gives) for `reject`, `term | context`
 * for `keep` (the rule gives none).
 */
import type { QuizWords } from '../../language/index.ts';
import type { Rule } from '../rule.ts';

export interface AnswerVariantRule extends Rule {
  variant(term: string, context: string, words: QuizWords, isWord: (word: string) => boolean): string | null;
}

export const ANSWER_VARIANT_RULES: readonly AnswerVariantRule[] = [
  {
    id: 'answer/sentence-capital',
    why: 'A one-word term capitalised only because it opens its sentence ("Spheres are the simplest object supported by Tachyon…") kept the capital, and the other number is found only for a lower-case word: the key accepted "Spheres" and marked "sphere" wrong, the word the text writes ("render a simple sphere") and the definition asks for (Tachyon manual, fresh set 9). A word of the language that the text also writes in lower case is that word: its other number is accepted.',
    reject: [
      'Spheres | Spheres are the simplest object supported by Tachyon. To render a simple sphere, give its center. => sphere',
      'Processes | Processes run in memory of their own. Each process has a number. => process',
    ],
    keep: [
      'Spheres | Spheres are the simplest object supported by Tachyon. Each object has a texture.',
      'Debian | Debian is the distribution that Ubuntu is based on. The debian directory holds the packaging.',
      'Gpredict | Gpredict is a real-time satellite tracking program. Run gpredict to start it.',
      'spheres | spheres are simple objects. A sphere has a center.',
      'Data | Data are the values a program reads. The data are read once.',
    ],
    variant(term, context, words, isWord) {
      if (!/^\p{Lu}\p{Ll}{2,}$/u.test(term)) return null;
      const lower = term.toLowerCase();
      const other = words.otherNumber(lower);
      if (!other || !(isWord(lower) || isWord(other))) return null;
      const written = new RegExp(`(?<![\\p{L}\\p{N}_-])(?:${lower}|${other})(?![\\p{L}\\p{N}_-])`, 'u');
      return written.test(context) ? other : null;
    },
  },
  {
    id: 'answer/code-name-part',
    why: 'A code name before a generic noun for a part of an object ("The cmap component is an integer matrix…") made the glossary key "cmap component" and mark "cmap" wrong, the name the text and the code write (survival vignette\'s coxph object, fresh set 11): the bare name is accepted. A word of the language before the noun ("radial component") is not a name.',
    reject: [
      'cmap component | The cmap component is an integer matrix with one row for each term. => cmap',
      'n.event element | The n.event element counts the events at each time. => n.event',
    ],
    keep: [
      'radial component | The radial component points outward from the centre.',
      'cmap matrix | The cmap matrix has one row for each term.',
    ],
    variant(term, _context, _words, isWord) {
      const m = /^(\p{Ll}[\p{L}\p{N}._]*)\s+(?:component|element|slot|entry)s?$/u.exec(term.trim());
      if (!m) return null;
      const name = m[1]!;
      return /[._\p{N}]|\p{Ll}\p{Lu}/u.test(name) || !isWord(name) ? name : null;
    },
  },
  {
    id: 'answer/kind-before-name',
    why: 'A generic noun before a program\'s name ("The program malaga is the user interface for analysing word forms…") made the glossary key "program malaga" and mark "malaga" wrong, the name the text and the shell write (Malaga manual, fresh set 12; "cmap component" of set 11 the other way round): the bare name is accepted. A word of the language after the noun ("program code", "file system") is no name.',
    reject: [
      'program malaga | The program malaga is the user interface for analysing word forms. => malaga',
      'utility mtasim | The utility mtasim is an MTA simulator. => mtasim',
      'file malaga.pro | The file malaga.pro holds the project. => malaga.pro',
    ],
    keep: [
      'program code | The program code is the text of the program.',
      'file system | The file system is the way files are named and placed on a disk.',
      'tool chain | The tool chain is the set of programs that build a program.',
    ],
    variant(term, _context, _words, isWord) {
      const m =
        /^(?:program|utility|tool|daemon|component|file|package|library|module|script)\s+(\p{L}[\p{L}\p{N}._-]*)$/iu.exec(
          term.trim(),
        );
      if (!m) return null;
      const name = m[1]!;
      return /[._\p{N}]|\p{Ll}\p{Lu}/u.test(name) || !isWord(name) ? name : null;
    },
  },
];
