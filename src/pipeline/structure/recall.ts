/**
 * How well heading detection recovers a PDF's own outline: the benchmark's measure of stage 3.
 */
import type { OutlineEntry, Section } from '../../domain/document.ts';
import { normalizeTitle, titlesMatch } from './normalize.ts';

/** Result of {@link headingRecall}. */
export interface HeadingRecall {
  matched: number;
  total: number;
  /** matched / total; 1 when the outline has no titles. */
  recall: number;
}

/** Pages a detected section may be away from the outline entry it matches. */
const PAGE_TOLERANCE = 1;

/**
 * The share of outline titles that detected sections recover. Titles are compared normalised (case,
 * spacing, punctuation and numbering ignored); a section matches an entry when one title equals or
 * contains the other (the shorter at least 4 characters, 2 in CJK) and it starts within ±1 page of the
 * entry's page (any page when the entry has none). Each section matches at most one entry.
 */
export function headingRecall(outline: OutlineEntry[], sections: Section[]): HeadingRecall {
  const byPage = new Map<number, { title: string; used: boolean }[]>();
  for (const s of sections) {
    const list = byPage.get(s.pageStart) ?? [];
    list.push({ title: normalizeTitle(s.title), used: false });
    byPage.set(s.pageStart, list);
  }
  const all = [...byPage.values()].flat();
  let matched = 0;
  let total = 0;
  for (const entry of outline) {
    const title = normalizeTitle(entry.title);
    if (!title) continue;
    total++;
    const pool =
      entry.page === null
        ? all
        : [0, -1, 1].flatMap((d) =>
            Math.abs(d) <= PAGE_TOLERANCE ? (byPage.get(entry.page! + d) ?? []) : [],
          );
    const hit =
      pool.find((s) => !s.used && s.title === title) ??
      pool.find((s) => !s.used && titlesMatch(s.title, title));
    if (hit) {
      hit.used = true;
      matched++;
    }
  }
  return { matched, total, recall: total === 0 ? 1 : matched / total };
}
