/**
 * Numbered items the extraction ran together into one paragraph ("1. Build your package… 2. Upgrade… 3. Test…"):
 * read as one item, the procedure is a one-item list and no ordering item. {@link RUN_IN_ITEM_RULES} say where
 * such a paragraph is parted again. An example is the paragraph; `reject` examples are parted, `keep` ones not.
 */
import type { Rule } from '../rule.ts';
import type { IsInstruction } from './steps.ts';

export interface ItemSplitRule extends Rule {
  /** The paragraph's items, or the paragraph alone when it holds no run-in item. */
  split(paragraph: string, isInstruction?: IsInstruction): string[];
}

/** A paragraph that is a numbered item: "1. text", "2) text". */
const ITEM_START = /^(\d{1,2})[.)]\s/u;
/** A number, a period and a word with a capital, after white space: where the next item may start. */
const RUN_IN = /\s(\d{1,2})\.\s+(?=\p{Lu})/gu;
/**
 * Words a number belongs to ("version 2. The", "Fig. 3. Next", "step 2. Then"), and a number or a comma before it
 * ("1, 2. Then"): that number is the text's, not an item's, unless an instruction follows ("…from the previous
 * version 3. Submit your work…").
 */
const NUMBERED_BY =
  /(?:\b(?:versions?|v|fig|figures?|chapters?|ch|sections?|sec|tables?|pages?|pp?|steps?|parts?|releases?|vol|volumes?|no|nos|items?|lines?|levels?|phases?|types?|options?|rules?|appendix|eq|equations?|exercises?|examples?|notes?|stages?|rounds?|and|or|to)\.?|[\d,§#])$/iu;

export const RUN_IN_ITEM_RULES: readonly ItemSplitRule[] = [
  {
    id: 'steps/run-in-items',
    why: 'Numbered steps run together into one paragraph ("1. Build your package… 2. Upgrade… 3. Test… 4. Submit…", Ubuntu packaging guide; "2. Select the transponder… 3. Enable the Track button.", Gpredict; fresh set 9) were read as one item, and the procedure refused as too short. A paragraph numbered N is parted where " N+1. " and a capital follow, then N+2, and so on: only the next number, and a number a word before it owns ("version 2. The") only when an instruction follows or the item after it comes next ("…the previous version 3. Test that… 4. Submit…").',
    reject: [
      '1. Build your package and verify that it compiles without any added compiler warnings 2. Upgrade to the new version and check that it works 3. Test the fix. 4. Submit your work via a merge proposal.',
      '2. Select the transponder you want to track. 3. Enable the Track button.',
      '2. Upgrade to the new version of the package from the previous version 3. Submit your work via a merge proposal.',
      '2. Upgrade to the new version of the package from the previous version 3. Test that the new package fixes the vulnerability 4. Submit your work via a Launchpad merge proposal.',
      '1) Open the file. 2. Edit the header.',
    ],
    keep: [
      '1. Install version 2. The old one is removed.',
      '1. Install version 2. The old one is removed, as section 3. Other notes says.',
      '1. See Fig. 2. Next, open the file.',
      '1. Allocate 2.5 GB of disk. Then restart.',
      '1. Allocate 2. 5 GB of disk.',
      '1. Read chapter 2. Then open the file.',
      '1. Go to step 3. Then open the file.',
      '2. Open the file. 2. Close it.',
      'Open the file. 2. Close it.',
      '1. Choose between 1 and 2. Then save.',
    ],
    split(paragraph, isInstruction) {
      const first = ITEM_START.exec(paragraph);
      if (!first) return [paragraph];
      const marks = [...paragraph.matchAll(RUN_IN)].map((m) => ({
        n: Number(m[1]),
        at: m.index,
        after: m.index + m[0].length,
        owned: NUMBERED_BY.test(paragraph.slice(0, m.index).trimEnd()),
      }));
      let next = Number(first[1]) + 1;
      const parts: string[] = [];
      let from = 0;
      for (const [k, mark] of marks.entries()) {
        if (mark.n !== next) continue;
        // A number a word owns is an item's only if an instruction follows or the next item comes after it.
        const confirmed =
          !mark.owned ||
          isInstruction?.(paragraph.slice(mark.after)) ||
          marks.slice(k + 1).some((m) => m.n === next + 1 && !m.owned);
        if (!confirmed) continue;
        parts.push(paragraph.slice(from, mark.at).trim());
        from = mark.at + 1;
        next++;
      }
      parts.push(paragraph.slice(from).trim());
      return parts;
    },
  },
];

/** A paragraph parted into its run-in numbered items by every rule of {@link RUN_IN_ITEM_RULES} in turn. */
export const runInItems = (paragraph: string, isInstruction?: IsInstruction): string[] =>
  RUN_IN_ITEM_RULES.reduce<string[]>(
    (parts, rule) => parts.flatMap((p) => rule.split(p, isInstruction)),
    [paragraph],
  );
