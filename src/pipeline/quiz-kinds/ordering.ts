/**
 * Ordering questions: the steps of a procedure the text numbers in order ("1. Install… 2. Run… 3. Read…"), to
 * be put back in that order. A numbered list is a procedure when its items are instructions (most open with a
 * verb in the imperative, where the language has an analyser) or when the sentence that introduces it says so
 * ("the following steps", "in this order", "as follows"); a list of things that has no order (tools, rules) is
 * no question. Three to eight items, each short enough to read, none of them code, none twice.
 */
import type { Chunk } from '../../domain/document.ts';
import type { DraftOf } from '../../domain/questions.ts';
import type { Scope } from '../quiz/material.ts';
import { looksLikeCode } from '../rules/sentences/items.ts';
import { type Candidate, candidate, cited } from './candidate.ts';

const MIN_ITEMS = 3;
const MAX_ITEMS = 8;
const MAX_ITEM_CHARS = 160;

/** What a lead-in says when the list after it is a sequence. */
const SEQUENCE_LEAD =
  /\b(?:steps?|in (?:this|that|the following) order|in order|sequence|procedure|as follows|the following (?:way|order)|do the following|proceed|process is)\b/iu;

/** A numbered item: `1. text`, `2) text`, `Step 3: text`. */
const ITEM = /^(?:(\d{1,2})[.)]|step\s+(\d{1,2})[:.]?)\s+(.+)$/iu;

/** Whether `text` opens with an instruction (a verb in the imperative); supplied by the language's analyser. */
export type IsInstruction = (text: string) => boolean;

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

/** Why a list is no ordering question, or null. */
export function orderingProblem(
  lead: string,
  items: readonly string[],
  isInstruction?: IsInstruction,
): string | null {
  if (items.length < MIN_ITEMS) return 'fewer than three items';
  if (items.length > MAX_ITEMS) return 'more than eight items';
  if (items.some((t) => t.length > MAX_ITEM_CHARS || !/\p{L}{3}/u.test(t) || looksLikeCode(t)))
    return 'an item is too long, has no words, or is code';
  if (new Set(items.map((t) => t.toLowerCase())).size < items.length) return 'an item is there twice';
  const instructions = isInstruction ? items.filter(isInstruction).length : 0;
  if (instructions * 2 < items.length && !SEQUENCE_LEAD.test(lead))
    return 'no order: not the steps of a procedure';
  return null;
}

/** Ordering items of the numbered lists in the scope's modules. */
export function orderingItems(
  scope: Scope,
  chunks: readonly Chunk[],
  isInstruction?: IsInstruction,
): Candidate[] {
  const out: Candidate[] = [];
  const seen = new Set<string>();
  for (const chunk of chunks) {
    const owner = scope.find(
      ({ module }) => chunk.pageStart >= module.pageStart && chunk.pageEnd <= module.pageEnd,
    );
    if (!owner) continue;
    for (const list of numberedLists(chunk)) {
      const key = list.items.join('\n').toLowerCase();
      if (seen.has(key) || orderingProblem(list.lead, list.items, isInstruction)) continue;
      seen.add(key);
      const section = chunk.sectionPath.at(-1);
      const q: DraftOf<'ordering'> = {
        kind: 'ordering',
        prompt: `Put these steps${section ? ` of “${section}”` : ''} in the order the text gives them.`,
        items: list.items.map((t) => t.replace(/[;,]$/u, '')),
        explanation: `The text numbers them 1 to ${list.items.length}, page ${chunk.pageStart}.`,
        ...cited({ page: chunk.pageStart, chunkId: chunk.id, moduleIndex: owner.index }),
      };
      out.push(candidate(q, list.items));
    }
  }
  return out;
}
