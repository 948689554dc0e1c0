/**
 * Grounding checks of LLM answers: every citation names a chunk that was given to the model (and so belongs
 * to the document), and cited pages are moved into that chunk's pages. A check returns the reason an answer is
 * rejected (fed back to the model for its one repair), or null.
 */
import type { QuestionDraft as Question, SummarySentence } from '../domain/course.ts';
import type { Passage } from './prompts.ts';

export type Allowed = ReadonlyMap<string, Pick<Passage, 'pageStart' | 'pageEnd'>>;

export function allowedOf(passages: readonly Passage[]): Map<string, Passage> {
  return new Map(passages.map((p) => [p.chunkId, p]));
}

function badId(ids: readonly (string | undefined)[], allowed: Allowed): string | null {
  for (const id of ids) {
    if (!id) return 'a citation has no chunkId; cite the chunk ids given in the request';
    if (!allowed.has(id)) return `chunk ${id} does not exist among the chunks given; cite only those`;
  }
  return null;
}

/** Every sentence cites at least one given chunk. */
export function checkSentences(sentences: readonly SummarySentence[], allowed: Allowed): string | null {
  for (const s of sentences) {
    if (s.citations.length === 0) return `the sentence "${s.text.slice(0, 60)}" cites nothing`;
    const bad = badId(
      s.citations.map((c) => c.chunkId),
      allowed,
    );
    if (bad) return bad;
  }
  return null;
}

/** A list of chunk ids names only given chunks (and at least one). */
export function checkChunkIds(ids: readonly string[], allowed: Allowed): string | null {
  return ids.length === 0 ? 'chunkIds is empty: cite the chunks the answer rests on' : badId(ids, allowed);
}

/** Every question cites a given chunk. */
export function checkQuestions(questions: readonly Question[], allowed: Allowed): string | null {
  for (const q of questions) {
    const bad = badId([q.chunkId], allowed);
    if (bad) return `question "${q.prompt.slice(0, 60)}": ${bad}`;
  }
  return null;
}

const clampPage = (page: number, chunk: Pick<Passage, 'pageStart' | 'pageEnd'>) =>
  Math.min(Math.max(page, chunk.pageStart), chunk.pageEnd);

/** Citations with each page moved inside its chunk's pages (models miscount pages; the chunk is the truth). */
export function pinSentences(sentences: readonly SummarySentence[], allowed: Allowed): SummarySentence[] {
  return sentences.map((s) => ({
    text: s.text,
    citations: s.citations.map((c) => {
      const chunk = c.chunkId ? allowed.get(c.chunkId) : undefined;
      return chunk ? { page: clampPage(c.page, chunk), chunkId: c.chunkId } : c;
    }),
  }));
}

export function pinQuestion(q: Question, allowed: Allowed): Question {
  const chunk = q.chunkId ? allowed.get(q.chunkId) : undefined;
  return chunk ? { ...q, sourcePage: clampPage(q.sourcePage, chunk) } : q;
}
