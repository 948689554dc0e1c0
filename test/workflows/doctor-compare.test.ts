import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DocumentInventory } from '../../src/store/inventory.ts';
import {
  compareStores,
  differenceTotals,
  type SpaceHoldings,
  spacesToCompare,
} from '../../src/workflows/doctor-compare.ts';

const hash = { name: 'hash-ngram-v1', dimension: 384 };
const small = { name: 'hash-ngram-v1', dimension: 64 };
const ids = (doc: string, n: number) => Array.from({ length: n }, (_, i) => `${doc}:${i}`).sort();
const doc = (documentId: string, n: number, space: DocumentInventory['space'] = hash): DocumentInventory => ({
  documentId,
  fileName: `${documentId}.pdf`,
  space,
  chunkIds: ids(documentId, n),
});
function holding(space: SpaceHoldings['space'], docs: Record<string, string[]>): SpaceHoldings {
  return {
    space,
    counts: new Map(Object.entries(docs).map(([d, v]) => [d, v.length])),
    ids: new Map(Object.entries(docs)),
  };
}

test('documents whose vectors match their chunks agree', () => {
  const report = compareStores({
    configured: hash,
    documents: [doc('a', 3), doc('b', 2)],
    holdings: [holding(hash, { a: ids('a', 3), b: ids('b', 2) })],
  });
  assert.deepEqual(report.findings, []);
  assert.equal(report.agree, true);
  assert.deepEqual([report.documents, report.chunks], [2, 5]);
});

test('missing vectors, orphan chunk ids and documents only in the store are each found', () => {
  const report = compareStores({
    configured: hash,
    documents: [doc('a', 3), doc('b', 2), doc('c', 4)],
    holdings: [holding(hash, { a: ['a:0'], b: [...ids('b', 2), 'b:9'], z: ids('z', 5) })],
  });
  const [a, b, c, z] = report.findings;
  assert.deepEqual(
    report.findings.map((f) => f.documentId),
    ['a', 'b', 'c', 'z'],
  );
  assert.deepEqual([a!.missing, a!.orphans, a!.vectors, a!.chunks], [['a:1', 'a:2'], [], 1, 3]);
  assert.deepEqual([b!.missing, b!.orphans], [[], ['b:9']]);
  assert.deepEqual([c!.missing, c!.vectors], [ids('c', 4), 0]);
  assert.deepEqual([z!.vectorsOnly, z!.fileName, z!.vectors, z!.chunks], [true, null, 5, 0]);
  assert.equal(report.agree, false);
  assert.deepEqual(differenceTotals(report), { documents: 4, missing: 6, orphans: 6 });
});

test('a document belongs in the space it was embedded in; without a recorded space, in the configured one', () => {
  const documents = [doc('old', 2, null), doc('small', 2, small)];
  const holdings = [
    holding(hash, { old: ids('old', 2), small: ids('small', 2) }),
    holding(small, { small: ids('small', 2) }),
  ];
  const report = compareStores({ configured: hash, documents, holdings });
  assert.equal(report.findings.length, 1);
  const [stray] = report.findings;
  assert.equal(stray!.documentId, 'small');
  assert.deepEqual(stray!.space, hash);
  assert.equal(stray!.vectorsOnly, true, 'its vectors in a space it was not embedded in are orphans');
  assert.deepEqual(stray!.embeddedIn, small);
  assert.equal(stray!.fileName, 'small.pdf');
});

test('the spaces compared: the configured one, those documents belong in, those the store holds', () => {
  const openai = { name: 'openai:m', dimension: 8 };
  assert.deepEqual(spacesToCompare(hash, [doc('a', 1, openai), doc('b', 1, null)], [small, hash]), [
    hash,
    openai,
    small,
  ]);
});

test('a document being processed is reported but does not make the stores differ', () => {
  const report = compareStores({
    configured: hash,
    documents: [doc('a', 1)],
    holdings: [holding(hash, { a: ids('a', 1), staged: ids('staged', 3) })],
    inProgress: new Set(['staged']),
  });
  assert.equal(report.findings.length, 1);
  assert.equal(report.findings[0]!.inProgress, true);
  assert.equal(report.agree, true);
  assert.deepEqual(differenceTotals(report), { documents: 0, missing: 0, orphans: 0 });
});
