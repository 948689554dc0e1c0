/**
 * The column gutter search of the line builder (pdf/lines.ts) counts the items right of each candidate x with
 * sorted starts and only the narrow items looked at one by one. These tests hold it to the plain count it
 * replaced (every item sorted by its start, scanned from x − 0.5), on random pages with items placed at and
 * around the candidates, where the two could part.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { findGutter, type RawItem } from '../../src/pipeline/pdf/lines.ts';

/** The search as it was before (issue 21): the reference. */
function plainGutter(items: readonly RawItem[], box: { left: number; right: number }): number | undefined {
  const width = box.right - box.left;
  if (items.length < 8 || width <= 0) return undefined;
  const spans: [number, number][] = [];
  for (const item of items) if (item.str.trim() !== '') spans.push([item.x, item.x + item.width]);
  if (spans.length < 8) return undefined;
  const ends = spans.map(([, x1]) => x1);
  const byStart = [...spans].sort((a, b) => a[0] - b[0]);
  let first: number | undefined;
  let last: number | undefined;
  let bestCrossing = Number.POSITIVE_INFINITY;
  const step = width / 200;
  for (let x = box.left + width * 0.3; x <= box.left + width * 0.7; x += step) {
    const left = ends.filter((e) => e <= x + 0.5).length;
    const from = byStart.filter(([s]) => s < x - 0.5).length;
    let right = spans.length - from;
    for (let i = from; i < byStart.length && (byStart[i]?.[0] as number) <= x + 0.5; i++)
      if ((byStart[i]?.[1] as number) <= x + 0.5) right--;
    const crossing = spans.length - left - right;
    const placed = left + right;
    if (crossing <= spans.length * 0.08 && left >= placed * 0.2 && right >= placed * 0.2) {
      if (crossing < bestCrossing) {
        bestCrossing = crossing;
        first = x;
        last = x;
      } else if (crossing === bestCrossing && last !== undefined && x - last < step * 1.5) last = x;
    }
  }
  return first === undefined || last === undefined ? undefined : (first + last) / 2;
}

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const item = (x: number, width: number, str = 'word'): RawItem => ({
  str,
  x,
  y: 700,
  width,
  size: 10,
  bold: false,
});

/** A page of two columns (or one), with narrow items (dots, bullets, zero-width and reversed runs) near x. */
function randomPage(next: () => number, box: { left: number; right: number }): RawItem[] {
  const items: RawItem[] = [];
  const width = box.right - box.left;
  const gutter = box.left + width * (0.35 + next() * 0.3);
  const twoColumns = next() < 0.7;
  const count = 6 + Math.floor(next() * 60);
  for (let i = 0; i < count; i++) {
    const kind = next();
    if (kind < 0.5 && twoColumns) {
      const leftSide = next() < 0.5;
      const x0 = leftSide ? box.left + next() * (gutter - box.left - 20) : gutter + 2 + next() * 40;
      const w = leftSide ? Math.min(gutter - 1 - x0, next() * 200) : next() * (box.right - x0);
      items.push(item(x0, w));
    } else if (kind < 0.75) {
      // Narrow: on a candidate x of the search, half a point either side of it, or anywhere.
      const step = width / 200;
      const k = Math.floor(next() * 81);
      const x = box.left + width * 0.3 + k * step + [0, 0.5, -0.5, 0.25, -1][Math.floor(next() * 5)]!;
      items.push(item(x, [0, 0.5, 1, 1.0000001, 0.9999999, -0.5, 2][Math.floor(next() * 7)]!));
    } else if (kind < 0.8) items.push(item(box.left + next() * width, next() * 5, ' '));
    else items.push(item(box.left + next() * width, next() * width * 0.6));
  }
  return items;
}

describe('column gutter search', () => {
  test('finds what the plain count finds, on 20,000 random pages', () => {
    const next = random(21);
    let gutters = 0;
    for (let i = 0; i < 20_000; i++) {
      const box =
        next() < 0.5 ? { left: 0, right: 612 } : { left: 12.3 + next() * 50, right: 400 + next() * 500 };
      const items = randomPage(next, box);
      const expected = plainGutter(items, box);
      assert.equal(findGutter(items, box), expected, `page ${i}`);
      if (expected !== undefined) gutters++;
    }
    assert.ok(gutters > 2_000, `only ${gutters} pages had a gutter: the pages do not test the search`);
  });

  test('a page of two columns has its gutter between them; one column has none', () => {
    const twoColumns = [];
    for (let line = 0; line < 10; line++) twoColumns.push(item(50, 240), item(320, 240));
    const gutter = findGutter(twoColumns, { left: 0, right: 612 });
    assert.ok(gutter !== undefined && gutter > 290 && gutter < 320, `gutter at ${gutter}`);
    const oneColumn = Array.from({ length: 20 }, () => item(50, 500));
    assert.equal(findGutter(oneColumn, { left: 0, right: 612 }), undefined);
  });
});
