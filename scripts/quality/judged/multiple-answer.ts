/**
 * Multiple-answer items judged by earlier readings (multiple-answer.jsonl): the statements the item listed as right
 * and wrong, as the reading printed them (a statement the reading shortened keeps its "…"). Today's makers would not
 * make the item when one of its statements would not be listed: a right one standing alone and passing the listed
 * rules (as a true/false statement must before multiple answer lists it), a wrong one (a sentence of the text with a
 * quantity changed) passing them too and holding a quantity the quantity rules let be changed.
 */
import { loadEnglishProfile } from '../../../src/pipeline/language/index.ts';
import { quantitiesOf } from '../../../src/pipeline/quiz/kinds/numerical.ts';
import { LISTED_RULES } from '../../../src/pipeline/rules/quiz/listed.ts';
import { standaloneRule } from '../../../src/pipeline/rules/sentences/standalone.ts';
import type { RefusedBy } from '../judged.ts';

export interface MultipleAnswerItem {
  title?: string;
  right: string[];
  wrong: string[];
}

const lang = await loadEnglishProfile();
const words = lang.quizWords!;

/**
 * The rule that would not list the statement. Where the reading cut it short, its end ("…, …") is closed with a
 * full stop, and one whose start was cut ("… in the form of 45% …") is not judged: its opening is the reading's.
 */
function listedRule(statement: string): string | undefined {
  if (statement.startsWith('…')) return undefined;
  const text = statement.replace(/[\s,]*…$/u, '.');
  return standaloneRule(text, lang)?.id ?? LISTED_RULES.find((rule) => rule.fails(text, lang))?.id;
}

/** The first rule refusing each quantity of a changed statement, when none of them may be asked. */
function quantityRule(statement: string): string | undefined {
  let first: string | undefined;
  for (const { refusedBy: rule } of quantitiesOf(statement, words)) {
    if (!rule) return undefined;
    first ??= rule.id;
  }
  return first ?? 'multiple-answer/no-quantity';
}

export const refusedBy: RefusedBy<MultipleAnswerItem> = ({ right, wrong }) => {
  for (const statement of right) {
    const rule = listedRule(statement);
    if (rule) return rule;
  }
  for (const statement of wrong) {
    const rule = listedRule(statement) ?? quantityRule(statement);
    if (rule) return rule;
  }
  return undefined;
};
