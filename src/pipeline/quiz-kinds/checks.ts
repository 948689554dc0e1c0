/**
 * The checks of the new kinds for a question whoever wrote it (the model's are repaired once when they fail
 * them; the offline makers build theirs to pass them): options that stand together, pairs each with one match,
 * a quantity that the cited text states (never a page, a label or a year of a citation), items that can be told
 * apart.
 */
import type { QuestionDraft } from '../../domain/questions.ts';
import { numberText } from '../../lib/numbers.ts';
import { matchingProblem } from './glossary-items.ts';
import { optionsProblem } from './multiple-answer.ts';
import { LABEL } from './numerical.ts';

/** Why a question of a new kind is not fit to ask, or null. `passage`: the text it cites, when known. */
export function kindProblem(q: QuestionDraft, passage?: string): string | null {
  switch (q.kind) {
    case 'multiple_answer':
      return optionsProblem(q.options);
    case 'matching':
      return matchingProblem(q.pairs);
    case 'numerical': {
      if (!passage) return null;
      const written = numberText(q.answer);
      const at = passage.replaceAll(/(\d),(\d{3})/g, '$1$2').indexOf(written);
      if (at < 0) return `the value ${written} is not in the passage it cites`;
      const before = passage.replaceAll(/(\d),(\d{3})/g, '$1$2').slice(0, at);
      if (LABEL.test(before)) return `${written} is a label (a page, section or version), not a quantity`;
      return null;
    }
    case 'ordering':
      return new Set(q.items.map((i) => i.toLowerCase().trim())).size < q.items.length
        ? 'an item is there twice'
        : null;
    default:
      return null;
  }
}
