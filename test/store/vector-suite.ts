/** The behaviour every VectorStore must have; run by vectors-pgvector and vectors-chroma tests. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EmbeddingSpace } from '../../src/domain/generators.ts';
import { VectorDimensionError } from '../../src/store/errors.ts';
import type { VectorRecord, VectorStore } from '../../src/store/types.ts';

/** A unit vector of `dim` pointing mostly along axis `axis`. */
export function unit(dim: number, axis: number, tilt = 0): Float32Array {
  const v = new Float32Array(dim);
  v[axis % dim] = 1;
  v[(axis + 1) % dim] = tilt;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function records(documentId: string, n: number, dim: number): VectorRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    chunkId: `${documentId}:${i}`,
    documentId,
    embedding: unit(dim, i),
    page: i + 1,
    sectionPath: 'Part > Chapter',
    text: `chunk ${i} of ${documentId}`,
  }));
}

/** Runs the shared VectorStore tests on the store `get()` returns; `tag` keeps spaces unique per run. */
export function vectorStoreSuite(get: () => VectorStore, tag: string): void {
  const space: EmbeddingSpace = { name: `test-${tag}`, dimension: 8 };
  const other: EmbeddingSpace = { name: `test-${tag}`, dimension: 16 };

  test('upsert then query finds the nearest chunk first, with cosine scores', async () => {
    await get().upsert(space, records('doca', 6, 8));
    const hits = await get().query(space, unit(8, 2, 0.1), 3);
    assert.equal(hits.length, 3);
    assert.deepEqual(hits[0], {
      chunkId: 'doca:2',
      documentId: 'doca',
      page: 3,
      text: 'chunk 2 of doca',
      score: hits[0]!.score,
    });
    assert.ok(hits[0]!.score > 0.99 && hits[0]!.score <= 1.0001, `score ${hits[0]!.score}`);
    assert.ok(hits[0]!.score >= hits[1]!.score && hits[1]!.score >= hits[2]!.score);
    // Cosine, not L2: a scaled query vector gives the same score.
    const scaled = await get().query(
      space,
      unit(8, 2, 0.1).map((x) => x * 7),
      1,
    );
    assert.ok(Math.abs(scaled[0]!.score - hits[0]!.score) < 1e-4);
  });

  test('upsert by chunk id replaces, never duplicates', async () => {
    await get().upsert(space, records('docb', 4, 8));
    await get().upsert(
      space,
      records('docb', 4, 8).map((r) => ({ ...r, text: `new ${r.text}` })),
    );
    assert.equal(await get().count(space, 'docb'), 4);
    const [hit] = await get().query(space, unit(8, 1), 1, 'docb');
    assert.equal(hit?.text, 'new chunk 1 of docb');
  });

  test('query and count filter by document; spaces are separate', async () => {
    await get().upsert(space, records('docc', 3, 8));
    await get().upsert(other, records('docc', 5, 16));
    const hits = await get().query(space, unit(8, 0), 10, 'docc');
    assert.deepEqual(hits.map((h) => h.chunkId).sort(), ['docc:0', 'docc:1', 'docc:2']);
    assert.equal(await get().count(space, 'docc'), 3);
    assert.equal(await get().count(other, 'docc'), 5);
    assert.equal(await get().count(other), 5);
  });

  test('deleteDocument removes only that document in that space', async () => {
    await get().upsert(space, records('docd', 2, 8));
    await get().upsert(other, records('docd', 2, 16));
    const before = await get().count(space);
    await get().deleteDocument(space, 'docd');
    assert.equal(await get().count(space, 'docd'), 0);
    assert.equal(await get().count(space), before - 2);
    assert.equal(await get().count(other, 'docd'), 2);
  });

  test('large upserts go in batches', async () => {
    const many = records('doce', 1203, 8).map((r, i) => ({ ...r, chunkId: `doce:${i}` }));
    await get().upsert(space, many);
    assert.equal(await get().count(space, 'doce'), 1203);
  });

  test('a vector of the wrong dimension is refused before anything is written', async () => {
    const bad = [...records('docf', 2, 8), { ...records('docf', 1, 16)[0]!, chunkId: 'docf:9' }];
    await assert.rejects(get().upsert(space, bad), VectorDimensionError);
    assert.equal(await get().count(space, 'docf'), 0);
    await assert.rejects(get().query(space, unit(16, 0), 1), VectorDimensionError);
  });

  test('chunkIds lists the ids of one document in one space, sorted', async () => {
    await get().upsert(space, records('docg', 12, 8));
    await get().upsert(other, records('docg', 2, 16));
    await get().upsert(space, records('docgg', 1, 8));
    const expected = Array.from({ length: 12 }, (_, i) => `docg:${i}`).sort();
    assert.deepEqual(await get().chunkIds(space, 'docg'), expected);
    assert.deepEqual(await get().chunkIds(other, 'docg'), ['docg:0', 'docg:1']);
    assert.deepEqual(await get().chunkIds(space, 'nothing-here'), []);
  });

  test('documentCounts counts every document of a space, past one page of results', async () => {
    const own: EmbeddingSpace = { name: `counts-${tag}`, dimension: 4 };
    await get().upsert(own, records('many', 1203, 4));
    await get().upsert(own, records('few', 2, 4));
    await get().upsert({ ...own, dimension: 8 }, records('elsewhere', 3, 8));
    assert.deepEqual([...(await get().documentCounts(own))].sort(), [
      ['few', 2],
      ['many', 1203],
    ]);
  });

  test('deleteChunks removes only those chunks, in that space', async () => {
    await get().upsert(space, records('doch', 4, 8));
    await get().upsert(other, records('doch', 4, 16));
    await get().deleteChunks(space, ['doch:1', 'doch:3', 'doch:never-stored']);
    assert.deepEqual(await get().chunkIds(space, 'doch'), ['doch:0', 'doch:2']);
    assert.equal(await get().count(other, 'doch'), 4);
    await get().deleteChunks(space, []);
    assert.equal(await get().count(space, 'doch'), 2);
  });

  test('spaces lists the spaces holding vectors, by name and dimension', async () => {
    const named: EmbeddingSpace = { name: `openai:org/model-${tag}`, dimension: 3 };
    await get().upsert(named, records('doci', 1, 3));
    const spaces = await get().spaces();
    for (const s of [space, other, named])
      assert.ok(
        spaces.some((x) => x.name === s.name && x.dimension === s.dimension),
        `${s.name}/${s.dimension} in ${JSON.stringify(spaces)}`,
      );
  });

  test('ping answers', async () => {
    await get().ping();
  });
}
