/**
 * Ordering items: the steps of a procedure the text numbers in order ("1. Install… 2. Run… 3. Read…"), to be
 * put back in that order. Which lists are steps is the rules' to say (rules/quiz/steps.ts).
 */
import type { Chunk } from '../../../domain/document.ts';
import type { DraftOf } from '../../../domain/questions.ts';
import type { QuizWords } from '../../language/index.ts';
import { runInItems } from '../../rules/quiz/run-in-items.ts';
import {
  headingShaped,
  type IsInstruction,
  stepProblem,
  withoutClosingLink,
} from '../../rules/quiz/steps.ts';
import type { GroupMaker } from '../assembler.ts';
import type { Scope } from '../material.ts';
import { cited, type Made, made } from '../picking.ts';

/** A numbered item: `1. text`, `2) text`, `Step 3: text`. */
const ITEM = /^(?:(\d{1,2})[.)]|step\s+(\d{1,2})[:.]?)\s+(.+)$/iu;
/** Paragraphs that may stand between two steps (the command a step gives, a note): more, and the list is over. */
const MAX_GAP = 4;
/**
 * The same between steps the text calls so ("Step 3. Run…"): a step's commands and their notes may take more
 * paragraphs (CD-HIT-OTU's "Step 4" comes nine after "Step 3"), and "Step 4" cannot be a number of something else.
 */
const MAX_STEP_GAP = 12;
/** A step the text names before a colon ("Step 2. Reference database preparation: We implemented…"): the name. */
const NAMED_STEP = /^([^:]{3,80}?):\s+(?=\p{Lu})/u;
/** Steps asked of a procedure longer than a list may be: its first ones. */
const WINDOW = 6;
const MAX_ITEMS = 8;

interface Paragraph {
  text: string;
  chunk: Chunk;
}

export interface List {
  lead: string;
  items: string[];
  /** The chunk of its first step. */
  chunk: Chunk;
}

/** A list as found, whole or not: one that runs to the text's end, its last item cut, is not asked. */
export interface FoundList extends List {
  whole: boolean;
}

/** White space collapsed to one space and trimmed; a paragraph already so (most are) is not copied. */
const oneSpaced = (p: string) => (/\s\s|[^\S ]/u.test(p) ? p.replace(/\s+/gu, ' ') : p).trim();

/**
 * The paragraphs of chunks that follow one another in one section, each once (chunks overlap: a paragraph the
 * chunk before ended with is skipped), numbered items run into one paragraph parted again.
 */
function paragraphsOf(
  chunks: readonly Chunk[],
  isInstruction?: IsInstruction,
  words?: QuizWords,
): Paragraph[] {
  const out: Paragraph[] = [];
  let previous = new Set<string>();
  for (const chunk of chunks) {
    const paragraphs = chunk.text.split('\n\n').map(oneSpaced);
    for (const text of paragraphs)
      if (text && !previous.has(text))
        for (const item of runInItems(text, isInstruction, words)) out.push({ text: item, chunk });
    previous = new Set(paragraphs);
  }
  return out;
}

/** A step as asked: the instruction, its first sentence, without the colon that led to a command. */
const stepText = (text: string) =>
  text
    .split(/(?<=\S{2}[.!?])\s+(?=\p{Lu}(?:\p{Ll}|\s))/u)[0]!
    .trim()
    .replace(/[;:,]\.?$/u, '');

/**
 * The numbered lists of chunks that follow one another in a section: paragraphs numbered 1, 2, 3… in order,
 * with up to four other paragraphs between two steps (a command, a note; twelve between "Step N." steps), and the
 * paragraph before the first.
 */
export const numberedLists = (
  chunks: readonly Chunk[],
  isInstruction?: IsInstruction,
  words?: QuizWords,
): List[] =>
  foundLists(chunks, isInstruction, words)
    .filter((l) => l.whole)
    .map(({ whole: _, ...list }) => list);

/**
 * {@link numberedLists}, those that may be cut by the text's end too (to count what is refused and why). Without
 * the language's words, a list without stops that runs to the text's end is taken for cut.
 */
export function foundLists(
  chunks: readonly Chunk[],
  isInstruction?: IsInstruction,
  words?: QuizWords,
): FoundList[] {
  const paragraphs = paragraphsOf(chunks, isInstruction, words);
  const out: FoundList[] = [];
  let i = 0;
  while (i < paragraphs.length) {
    const first = ITEM.exec(paragraphs[i]!.text);
    if (!first || Number(first[1] ?? first[2]) !== 1) {
      i++;
      continue;
    }
    const items: string[] = [];
    const named = first[2] !== undefined;
    let j = i;
    let gap = 0;
    let end = i;
    for (; j < paragraphs.length && gap <= (named ? MAX_STEP_GAP : MAX_GAP); j++) {
      const m = ITEM.exec(paragraphs[j]!.text);
      if (!m) {
        gap++;
        continue;
      }
      if (Number(m[1] ?? m[2]) !== items.length + 1) break;
      const text = m[3]!.trim();
      items.push(named ? (NAMED_STEP.exec(text)?.[1] ?? text) : text);
      gap = 0;
      end = j;
    }
    // A list that runs to the text's end may go on where the chunks stop (its last item cut): not whole, unless
    // its last item ends a sentence, or no item does (a list written without stops, CD-HIT's "4. Repeat until
    // done") and the last does not end on a word no item ends on ("2. Read the": cut; "3. Log in": whole).
    const ends = (t: string) => /[.!?)]["'”’]?$/u.test(t);
    const last = items.at(-1) ?? '';
    const stopless = !items.some(ends) && words !== undefined && !words.danglingStep.test(last);
    const whole = end + 1 < paragraphs.length || ends(last) || stopless;
    out.push({
      lead: paragraphs[i - 1]?.text ?? '',
      items: withoutClosingLink(items.map(stepText)),
      chunk: paragraphs[i]!.chunk,
      whole,
    });
    i = end + 1;
  }
  return out;
}

/** Runs of chunks of one section, in the document's order. */
export function sectionRuns(chunks: readonly Chunk[]): Chunk[][] {
  const runs: Chunk[][] = [];
  const key = (c: Chunk) => c.sectionPath.join('\u0000');
  for (const chunk of [...chunks].sort((a, b) => a.index - b.index)) {
    const last = runs.at(-1);
    if (last && key(last.at(-1)!) === key(chunk)) last.push(chunk);
    else runs.push([chunk]);
  }
  return runs;
}

/** Ordering items of the numbered lists in the scope's modules. */
export function orderingMaker(
  scope: Scope,
  chunks: readonly Chunk[],
  words: QuizWords,
  isInstruction?: IsInstruction,
): GroupMaker {
  return {
    id: 'ordering',
    kind: 'ordering',
    why: 'The steps of a procedure the text numbers, put back in order: the order is the text’s own, so the key is never in doubt.',
    make() {
      const out: Made[] = [];
      const seen = new Set<string>();
      for (const run of sectionRuns(chunks))
        for (const list of numberedLists(run, isInstruction, words)) {
          const chunk = list.chunk;
          const owner = scope.find(
            ({ module }) => chunk.pageStart >= module.pageStart && chunk.pageEnd <= module.pageEnd,
          );
          // A procedure too long to drag into order on a phone: its first steps, still in the text's order.
          const items = list.items.length > MAX_ITEMS ? list.items.slice(0, WINDOW) : list.items;
          const key = items.join('\n').toLowerCase();
          // A title that is a line of prose the layout took for a heading names no procedure: the prompt goes without.
          const title = chunk.sectionPath.at(-1);
          const section = title !== undefined && headingShaped(title) ? title : undefined;
          if (
            !owner ||
            seen.has(key) ||
            stepProblem({ lead: list.lead, ...(section ? { section } : {}), items, isInstruction, words })
          )
            continue;
          seen.add(key);
          const first = items.length < list.items.length ? `the first ${items.length} steps` : 'these steps';
          const q: DraftOf<'ordering'> = {
            kind: 'ordering',
            prompt: `Put ${first}${section ? ` of “${section}”` : ''} in the order the text gives them.`,
            items,
            explanation: `The text numbers them 1 to ${items.length}${items.length < list.items.length ? ` of ${list.items.length}` : ''}, from page ${chunk.pageStart}.`,
            ...cited({ page: chunk.pageStart, chunkId: chunk.id, moduleIndex: owner.index }),
          };
          out.push(made(q, items));
        }
      return out;
    },
  };
}
