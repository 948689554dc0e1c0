/**
 * Numerical items judged by earlier readings (numerical.jsonl): `sentence` is the item's sentence with its blank
 * filled by `value`, the number as the text writes it. Today's makers would make the item when the quantity rules
 * let that number be asked (an earlier number asked instead still makes an item of the sentence) and the sentence
 * stands alone as the numerical maker asks it to (quiz/kinds/index.ts `standsAlone`).
 */
import { loadEnglishProfile } from '../../../src/pipeline/language/index.ts';
import { quantitiesOf } from '../../../src/pipeline/quiz/kinds/numerical.ts';
import { LISTED_RULES } from '../../../src/pipeline/rules/quiz/listed.ts';
import { standaloneRule } from '../../../src/pipeline/rules/sentences/standalone.ts';
import type { RefusedBy } from '../judged.ts';

export interface NumericalItem {
  sentence: string;
  value: string;
}

const lang = await loadEnglishProfile();
const words = lang.quizWords!;

/** Where the reading cut the sentence short ("…, …"), its end is closed with a full stop. */
export const refusedBy: RefusedBy<NumericalItem> = ({ sentence: printed, value }) => {
  const sentence = printed.replace(/[\s,]*…$/u, '.');
  let ownRule: string | undefined;
  let found = false;
  for (const { place, refusedBy: rule } of quantitiesOf(sentence, words)) {
    if (place.written !== value) continue;
    found = true;
    ownRule = rule?.id;
    break;
  }
  if (!found) return 'numerical/value-not-read';
  if (ownRule) return ownRule;
  return standaloneRule(sentence, lang)?.id ?? LISTED_RULES.find((rule) => rule.fails(sentence, lang))?.id;
};
