import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { embedChunks, HashEmbedder } from '../../src/pipeline/embed.ts';
import { textbook } from '../support/course-fixture.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

describe('HashEmbedder', () => {
  test('names its space and defaults to 384 dimensions', () => {
    const e = new HashEmbedder();
    assert.equal(e.name, 'hash-ngram-v1');
    assert.equal(e.dimension, 384);
  });

  test('is deterministic across instances and batches', async () => {
    const texts = ['Chlorophyll absorbs red and blue light.', 'A primary key identifies every row.'];
    const [a] = await new HashEmbedder().embed(texts);
    const [b] = await new HashEmbedder().embed([texts[0]!]);
    assert.deepEqual(a, b);
  });

  test('returns unit vectors, also for empty and CJK text', async () => {
    const vs = await new HashEmbedder().embed([
      'Photosynthesis makes sugar.',
      '',
      '光合作用は植物が光のエネルギーを使う反応です。',
      '   ',
    ]);
    for (const v of vs) assert.ok(Math.abs(norm(v) - 1) < 1e-5, `norm ${norm(v)}`);
  });

  test('similar texts are closer than unrelated ones', async () => {
    const [a, b, c] = await new HashEmbedder().embed([
      'Photosynthesis converts light energy into chemical energy in chloroplasts.',
      'In photosynthetic cells, chloroplasts turn the energy of light into chemical energy.',
      'A database index speeds up queries on one column of a table.',
    ]);
    assert.ok(dot(a!, b!) > dot(a!, c!) + 0.3, `${dot(a!, b!)} vs ${dot(a!, c!)}`);
  });

  test('CJK texts sharing words are closer than unrelated CJK texts', async () => {
    const [a, b, c] = await new HashEmbedder().embed([
      '光合作用は葉緑体で行われる。',
      '葉緑体の中で光合作用が起こる。',
      'データベースの索引は検索を速くする。',
    ]);
    assert.ok(dot(a!, b!) > dot(a!, c!));
  });

  test('honours the dimension, given as a number or an option', async () => {
    const [v16] = await new HashEmbedder(16).embed(['light reactions']);
    const [v1024] = await new HashEmbedder({ dimension: 1024 }).embed(['light reactions']);
    assert.equal(v16!.length, 16);
    assert.equal(v1024!.length, 1024);
    assert.throws(() => new HashEmbedder(0), RangeError);
  });

  test('embedChunks keeps order and reports progress per batch', async () => {
    const { chunks } = textbook();
    const seen: number[] = [];
    const vs = await embedChunks(
      chunks,
      new HashEmbedder(),
      (stage, done, total) => {
        assert.equal(stage, 'embed');
        assert.equal(total, chunks.length);
        seen.push(done);
      },
      4,
    );
    assert.equal(vs.length, chunks.length);
    assert.equal(seen.at(-1), chunks.length);
    assert.deepEqual(vs[5], (await new HashEmbedder().embed([chunks[5]!.text]))[0]);
  });
});
