/**
 * What the makers of the new kinds hand the quiz stage: a question draft and the sentences of the text it rests
 * on (normalised), so that no sentence is asked about twice in one quiz, whatever kind asks it.
 */
import type { QuestionDraft } from '../../domain/questions.ts';
import { normalise } from '../quiz/material.ts';

export interface Candidate {
  q: QuestionDraft;
  /** The sentences of the text the question asks about, normalised. */
  sources: string[];
}

export const candidate = (q: QuestionDraft, sources: readonly string[]): Candidate => ({
  q,
  sources: sources.map(normalise),
});

/** Where a question cites: its page, chunk and module. */
export interface Cited {
  page: number;
  chunkId?: string;
  moduleIndex?: number;
}

export const cited = (c: Cited) => ({
  sourcePage: c.page,
  ...(c.chunkId ? { chunkId: c.chunkId } : {}),
  ...(c.moduleIndex !== undefined ? { moduleIndex: c.moduleIndex } : {}),
});

/** `“text”` shortened to `max` characters at a word, for explanations. */
export function quoted(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max).replace(/\s+\S*$/, '')}…` : t}”`;
}
