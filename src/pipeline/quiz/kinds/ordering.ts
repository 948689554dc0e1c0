/**
 * Ordering items: the steps of a procedure the text numbers in order ("1. Install… 2. Run… 3. Read…"), to be
 * put back in that order. Which lists are steps is the rules' to say (rules/quiz/steps.ts).
 */
import type { Chunk } from '../../../domain/document.ts';
import type { DraftOf } from '../../../domain/questions.ts';
import type { QuizWords } from '../../language/index.ts';
import { type IsInstruction, stepProblem } from '../../rules/quiz/steps.ts';
import type { GroupMaker } from '../assembler.ts';
import type { Scope } from '../material.ts';
import { cited, type Made, made } from '../picking.ts';

/** A numbered item: `1. text`, `2) text`, `Step 3: text`. */
const ITEM = /^(?:(\d{1,2})[.)]|step\s+(\d{1,2})[:.]?)\s+(.+)$/iu;

interface List {
  lead: string;
  items: string[];
  chunk: Chunk;
}

/** The numbered lists of a chunk: runs of paragraphs numbered 1, 2, 3… in order, with the paragraph before. */
export function numberedLists(chunk: Chunk): List[] {
  const paragraphs = chunk.text.split('\n\n').map((p) => p.replace(/\s+/g, ' ').trim());
  const out: List[] = [];
  let i = 0;
  while (i < paragraphs.length) {
    const first = ITEM.exec(paragraphs[i]!);
    if (!first || Number(first[1] ?? first[2]) !== 1) {
      i++;
      continue;
    }
    const items: string[] = [];
    let j = i;
    for (; j < paragraphs.length; j++) {
      const m = ITEM.exec(paragraphs[j]!);
      if (!m || Number(m[1] ?? m[2]) !== items.length + 1) break;
      items.push(m[3]!.trim());
    }
    // A list that runs to the chunk's end may go on in the next chunk (its last item cut): not whole, not asked.
    const whole = j < paragraphs.length || /[.!?)]["'”’]?$/u.test(items.at(-1) ?? '');
    if (whole) out.push({ lead: paragraphs[i - 1] ?? '', items, chunk });
    i = j;
  }
  return out;
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
      for (const chunk of chunks) {
        const owner = scope.find(
          ({ module }) => chunk.pageStart >= module.pageStart && chunk.pageEnd <= module.pageEnd,
        );
        if (!owner) continue;
        for (const list of numberedLists(chunk)) {
          const key = list.items.join('\n').toLowerCase();
          if (seen.has(key) || stepProblem({ ...list, isInstruction, words })) continue;
          seen.add(key);
          const section = chunk.sectionPath.at(-1);
          const q: DraftOf<'ordering'> = {
            kind: 'ordering',
            prompt: `Put these steps${section ? ` of “${section}”` : ''} in the order the text gives them.`,
            items: list.items.map((t) => t.replace(/[;,]$/u, '')),
            explanation: `The text numbers them 1 to ${list.items.length}, page ${chunk.pageStart}.`,
            ...cited({ page: chunk.pageStart, chunkId: chunk.id, moduleIndex: owner.index }),
          };
          out.push(made(q, list.items));
        }
      }
      return out;
    },
  };
}
