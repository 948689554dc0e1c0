/**
 * Numbered items the extraction ran together into one paragraph ("1. Build your package… 2. Upgrade… 3. Test…"):
 * read as one item, the procedure is a one-item list and no ordering item. {@link RUN_IN_ITEM_RULES} say where
 * such a paragraph is parted again. An example is the paragraph; `reject` examples are parted, `keep` ones not.
 */
import type { QuizWords } from '../../language/index.ts';
import type { Rule } from '../rule.ts';
import type { IsInstruction } from './steps.ts';

export interface ItemSplitRule extends Rule {
  /** The paragraph's items, or the paragraph alone when it holds no run-in item. */
  split(paragraph: string, isInstruction?: IsInstruction, words?: QuizWords): string[];
}

/** A paragraph that is a numbered item: "1. text", "2) text". */
const ITEM_START = /^(\d{1,2})[.)]\s/u;
/** A number, a period and a word with a capital, after white space: where the next item may start. */
const RUN_IN = /\s(\d{1,2})\.\s+(?=\p{Lu})/gu;
/**
 * Words a number belongs to ("version 2. The", "Fig. 3. Next", "step 2. Then", "e.g. 2. The"), and a number or a
 * comma before it ("1, 2. Then"): that number is the text's, not an item's, unless the item after it comes next
 * ("…the previous version 3. Test that… 4. Submit…"). Read on the last {@link OWNER_REACH} characters before it.
 */
const NUMBERED_BY =
  /(?:\b(?:versions?|v|fig|figures?|chapters?|ch|sections?|sec|tables?|pages?|pp?|steps?|parts?|releases?|vol|volumes?|no|nos|items?|lines?|levels?|phases?|types?|options?|rules?|appendix|eq|equations?|exercises?|examples?|notes?|stages?|rounds?|and|or|to|e\.g|i\.e|cf|approx|ca)\.?|[\d,§#])$/iu;
/** Enough characters before a mark for the longest word of {@link NUMBERED_BY}: the whole prefix made it quadratic. */
const OWNER_REACH = 24;
/** A sentence or a label ended before the mark ("…to track. 3. Enable", "1) Open the file. 2. Edit"). */
const ENDED = /[.!?:;)]$/u;
/** The first sentence after a mark, at most this long, is what {@link IsInstruction} reads: not the whole rest. */
const INSTRUCTION_REACH = 120;

/** The text before a mark, the last {@link OWNER_REACH} characters of it, starting at a whole word. */
function before(paragraph: string, at: number): string {
  const from = Math.max(0, at - OWNER_REACH);
  const tail = paragraph.slice(from, at).trimEnd();
  return from === 0 ? tail : tail.replace(/^\S*\s*/u, '');
}

/** The first sentence of the text after a mark, cut at {@link INSTRUCTION_REACH} characters. */
function firstSentence(paragraph: string, after: number): string {
  const text = paragraph.slice(after, after + INSTRUCTION_REACH);
  const end = /[.!?](?:\s|$)/u.exec(text);
  return end ? text.slice(0, end.index + 1) : text;
}

/** A number, a period and a word of any case, after white space: an item of a list written in lower case. */
const ANY_RUN_IN = /\s(\d{1,2})\.\s+(?=\p{L})/gu;
/**
 * A word no item opens with: after it the number is the sentence's ("keep 3. of them"). Before a number, the
 * language's shorter {@link QuizWords.danglingStep} is asked: items end on "in", "on", "at" ("2. log in 3. select").
 */
const GLUE_WORD = /^(?:of|and|or|to|then|than|in|on|at|by|for|with|from|as|is|are)\b/u;
/** Marks of a list in lower case needed to part it: the whole run 2, 3… in turn (three items or more). */
const MIN_LOWER_MARKS = 2;

/**
 * Where a paragraph that opens "1. " and holds an item in lower case (its first or a later one) holds every next
 * number in turn, 2, 3, 4…, each after a word no number belongs to and no item ends with, and before a word an
 * item may open with: the places of those marks; none when the run stops before 3. A list all in capitals is
 * {@link RUN_IN_ITEM_RULES}' first rule's.
 */
function lowerCaseMarks(paragraph: string, words: QuizWords): number[] {
  if (!/^1\.\s+\p{L}/u.test(paragraph)) return [];
  let lower = /^1\.\s+\p{Ll}/u.test(paragraph);
  const at: number[] = [];
  for (const m of paragraph.matchAll(ANY_RUN_IN)) {
    if (Number(m[1]) !== at.length + 2) continue;
    const text = before(paragraph, m.index);
    const after = paragraph.slice(m.index + m[0].length);
    if (NUMBERED_BY.test(text) || words.danglingStep.test(text) || GLUE_WORD.test(after)) return [];
    lower ||= /^\p{Ll}/u.test(after);
    at.push(m.index);
  }
  return lower && at.length >= MIN_LOWER_MARKS ? at : [];
}

export const RUN_IN_ITEM_RULES: readonly ItemSplitRule[] = [
  {
    id: 'steps/run-in-lower-items',
    why: 'A list written in lower case, its items run into one paragraph ("1. divide input db into many small dbs in decreasing length 2. clusters the 1st db by cd-hit 3. run cd-hit-2d … 4. repeat … till done 5. Combine the results", CD-HIT user\'s guide, fresh set 10), has no capital to tell an item from a number: it is parted only where every next number, 2, 3, 4…, comes in turn after a word no number belongs to and no item ends with, three items or more. A lone "2." in lower case is the text\'s number ("1. divide it by 2. then sort it"). A list in mixed case ("1. open the file 2. Edit the header 3. save it") is parted so too, before the rule for capitals, which sees only its items in capitals and glued the others to them.',
    reject: [
      '1. divide input db into many small dbs in decreasing length 2. clusters the 1st db by cd-hit 3. run cd-hit-2d for other dbs against 1st db 4. repeat cd-hit and cd-hit-2d runs till done 5. Combine the results',
      '1. open the file 2. edit the header 3. save it',
      // Mixed case (reviewer, rev3): the rule for capitals parted only "2. Edit…" off, and glued 3 and 4 to it.
      '1. open the file 2. Edit the header 3. save it 4. close it',
      '1. Open the file 2. edit the header 3. Save it',
      // Items end on "in", "on", "at" (reviewer, rev4: d477527 parted it, the word list of numbers' words did not).
      '1. open the app 2. log in 3. select a file 4. save it',
      '1. turn it on 2. wait a minute 3. log in',
    ],
    keep: [
      '1. divide the input by 2. then sort it.',
      '1. divide the input by 2. then sort it and keep 3. of them.',
      '1. read version 2. then read version 3. of the file.',
      'Divide the input 2. then sort it 3. then save it.',
      // A number after a word no item ends with is the sentence's (reviewer, rev3).
      '1. the tool was run with 2. workers and then 3. threads were added',
      // All in capitals: the next rule's.
      '1. Build your package 2. Upgrade to the new version 3. Test the fix.',
    ],
    split(paragraph, _, words) {
      // Without the language's words no list in lower case is parted: which word ends no item is the language's.
      const at = words ? lowerCaseMarks(paragraph, words) : [];
      if (at.length === 0) return [paragraph];
      return [0, ...at].map((from, k) => paragraph.slice(from === 0 ? 0 : from + 1, at[k]).trim());
    },
  },
  {
    id: 'steps/run-in-items',
    why: 'Numbered steps run together into one paragraph ("1. Build your package… 2. Upgrade… 3. Test… 4. Submit…", Ubuntu packaging guide; "2. Select the transponder… 3. Enable the Track button.", Gpredict; fresh set 9) were read as one item, and the procedure refused as too short. A paragraph numbered N is parted where " N+1. " and a capital follow, then N+2, and so on: only the next number; only where no word owns it ("version 2. The", "e.g. 2. The") and a sentence ended before it or an instruction follows, or where the item after it comes next unowned ("…the previous version 3. Test that… 4. Submit…"). A number a word owns is not parted on an instruction alone: "Set the timeout to 2. Restart the daemon." is one step.',
    reject: [
      '1. Build your package and verify that it compiles without any added compiler warnings 2. Upgrade to the new version and check that it works 3. Test the fix. 4. Submit your work via a merge proposal.',
      '2. Select the transponder you want to track. 3. Enable the Track button.',
      '2. Upgrade to the new version of the package from the previous version 3. Test that the new package fixes the vulnerability 4. Submit your work via a Launchpad merge proposal.',
      '1) Open the file. 2. Edit the header.',
      '1. Install Python 2. Run the tests.',
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
      // A number a word owns, an instruction after it (reviewer, review-rules): one step, not two.
      '1. Set the timeout to 2. Restart the daemon.',
      '1. Set the number of retries to 2. Save the file and exit.',
      '1. Install version 2. Run the tests.',
      // Was parted on its instruction alone; the same shape as "Install version 2. Run the tests." above.
      '2. Upgrade to the new version of the package from the previous version 3. Submit your work via a merge proposal.',
      '1. Install Python 2. The old one is removed.',
      '1. Set the level, e.g. 2. The default is 1.',
      '1. Set the limit to approx. 2. The default is 1.',
    ],
    split(paragraph, isInstruction) {
      const first = ITEM_START.exec(paragraph);
      if (!first) return [paragraph];
      const marks = [...paragraph.matchAll(RUN_IN)].map((m) => {
        const text = before(paragraph, m.index);
        return {
          n: Number(m[1]),
          at: m.index,
          after: m.index + m[0].length,
          owned: NUMBERED_BY.test(text),
          ended: ENDED.test(text),
        };
      });
      // The last place of each number no word owns: "does N+1 come later, unowned?" in one look.
      const lastUnowned = new Map<number, number>();
      for (const [k, m] of marks.entries()) if (!m.owned) lastUnowned.set(m.n, k);
      let next = Number(first[1]) + 1;
      const parts: string[] = [];
      let from = 0;
      for (const [k, mark] of marks.entries()) {
        if (mark.n !== next) continue;
        const nextComes = (lastUnowned.get(next + 1) ?? -1) > k;
        const confirmed =
          nextComes ||
          (!mark.owned && (mark.ended || isInstruction?.(firstSentence(paragraph, mark.after)) === true));
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
export const runInItems = (paragraph: string, isInstruction?: IsInstruction, words?: QuizWords): string[] =>
  RUN_IN_ITEM_RULES.reduce<string[]>(
    (parts, rule) => parts.flatMap((p) => rule.split(p, isInstruction, words)),
    [paragraph],
  );
