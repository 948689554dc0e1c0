/**
 * ProfAI on a fleet of hosts (issue #22's namespace test): the API and two worker hosts in network namespaces of
 * their own, with folders of their own and no file system in common, reaching Redis, PostgreSQL, Chroma and object
 * storage over their links (test/support/hosts-fleet.ts). Thirty documents; once worker 2 runs a job its link is cut
 * and its processes killed: thirty courses, none failed, no duplicate, chunks = vectors, every PDF kept once in the
 * bucket and no file on any host. Skipped, saying why, where network namespaces cannot be made (not root).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runHostsFleet } from '../support/hosts-fleet.ts';
import { netnsUnavailable } from '../support/netns.ts';

const DOCS = 30;

test('30 documents over two worker hosts, one cut off and killed mid-run: 30 courses, nothing lost or doubled', async (t) => {
  const unavailable = netnsUnavailable();
  if (unavailable) return t.skip(unavailable);
  const figures = await runHostsFleet({ docs: DOCS, pages: 3, log: (line) => t.diagnostic(line) });
  t.diagnostic(JSON.stringify(figures));
  assert.deepEqual(figures.states, { completed: DOCS });
  assert.ok(figures.heldByCutWorker > 0, 'worker 2 was running a job when it was cut off');
  assert.ok((figures.byWorker.worker1 ?? 0) > 0 && (figures.byWorker.worker2 ?? 0) > 0, 'both hosts worked');
  assert.equal(figures.documents, DOCS);
  assert.equal(figures.courses, DOCS);
  assert.equal(figures.duplicateCourses, 0);
  assert.equal(figures.duplicateQuizzes, 0);
  assert.equal(figures.doctor.agree, true, 'chunks = vectors');
  assert.equal(figures.doctor.documents, DOCS);
  assert.equal(figures.doctor.findings, 0);
  assert.deepEqual(
    [figures.doctor.pdfsMissing, figures.doctor.pdfOrphans],
    [0, 0],
    'one kept PDF per document',
  );
  assert.equal(figures.keptPdfs, DOCS, 'each PDF kept once, in the bucket');
  assert.equal(figures.leftUploads, 0);
  assert.deepEqual(figures.hostFiles, [], 'no host wrote a file of its own');
});
