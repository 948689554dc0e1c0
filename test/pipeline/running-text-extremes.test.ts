/**
 * The top and bottom lines a page's running-text check looks at (running-text.ts `extremes`) are those a stable
 * sort of the whole page would give, ties at one height included: the header or footer of a page must not depend
 * on the order in which its lines happen to be drawn.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TextLine } from '../../src/domain/document.ts';
import { extremes } from '../../src/pipeline/pdf/running-text.ts';

const line = (text: string, y: number): TextLine => ({ text, page: 1, x: 0, y, fontSize: 10, bold: false });

/** What extremes must equal: the whole page stably sorted top to bottom, first and last k. */
function bySort(lines: readonly TextLine[], k: number) {
  const sorted = [...lines].sort((a, b) => b.y - a.y);
  return { highest: sorted.slice(0, k), lowest: sorted.slice(Math.max(0, sorted.length - k)) };
}

const texts = (r: { highest: TextLine[]; lowest: TextLine[] }) => ({
  highest: r.highest.map((l) => l.text),
  lowest: r.lowest.map((l) => l.text),
});

test('lines at one height keep their drawing order at the top and at the bottom', () => {
  const page = [line('a', 700), line('b', 700), line('c', 400), line('d', 50), line('e', 700), line('f', 50)];
  assert.deepEqual(texts(extremes(page, 2)), { highest: ['a', 'b'], lowest: ['d', 'f'] });
  assert.deepEqual(texts(extremes(page, 3)), texts(bySort(page, 3)));
});

test('every page of a seeded random set gives what a stable sort gives, for every k', () => {
  let seed = 42;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let round = 0; round < 300; round++) {
    const n = Math.floor(next() * 12);
    // Few distinct heights, so that ties are common.
    const page = Array.from({ length: n }, (_, i) => line(`l${i}`, Math.floor(next() * 5) * 100));
    for (const k of [1, 2, 3, 5, 20]) {
      assert.deepEqual(texts(extremes(page, k)), texts(bySort(page, k)), `round ${round}, k ${k}`);
    }
  }
});
