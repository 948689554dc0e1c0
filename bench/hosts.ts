/**
 * `npm run bench:hosts [-- --docs 30 --pages 3]`: the fleet of hosts of test/e2e/hosts.test.ts as figures: the API
 * and two worker hosts in network namespaces, services on a fourth, object storage between them; worker 2's link cut
 * and its processes killed once it runs a job. Prints the jobs by state and by worker, courses and duplicates,
 * chunks against vectors (`profai doctor`), the PDFs kept in the bucket, the makespan and when the cut came. Needs
 * root (`ip netns`).
 */
import { parseArgs } from 'node:util';
import { runHostsFleet } from '../test/support/hosts-fleet.ts';
import { netnsUnavailable } from '../test/support/netns.ts';

const { values } = parseArgs({
  options: { docs: { type: 'string', default: '30' }, pages: { type: 'string', default: '3' } },
});
const unavailable = netnsUnavailable();
if (unavailable) {
  console.error(`bench:hosts: ${unavailable}`);
  process.exit(2);
}
const f = await runHostsFleet({
  docs: Number(values.docs),
  pages: Number(values.pages),
  log: (line) => console.error(line),
});
const rows: [string, string | number][] = [
  ['documents uploaded', f.docs],
  ['jobs by state', JSON.stringify(f.states)],
  ['completed by worker', JSON.stringify(f.byWorker)],
  ['jobs worker 2 held when cut off', f.heldByCutWorker],
  ['courses (documents)', `${f.courses} (${f.documents})`],
  ['duplicate courses / quizzes', `${f.duplicateCourses} / ${f.duplicateQuizzes}`],
  [
    'chunks = vectors (profai doctor)',
    `${f.doctor.agree} (${f.doctor.chunks} chunks, ${f.doctor.findings} findings)`,
  ],
  ['PDFs kept in the bucket / uploads left', `${f.keptPdfs} / ${f.leftUploads}`],
  [
    'documents without their PDF / orphan PDFs (profai doctor)',
    `${f.doctor.pdfsMissing} / ${f.doctor.pdfOrphans}`,
  ],
  ["files in the hosts' own folders", f.hostFiles.length],
  ['cut at / makespan (s)', `${f.cutAtS.toFixed(1)} / ${f.makespanS.toFixed(1)}`],
];
console.log('| figure | value |\n|---|---|');
for (const [k, v] of rows) console.log(`| ${k} | ${v} |`);
