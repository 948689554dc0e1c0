/** `profai doctor`'s terminal output: a table of the documents that differ, then one line of totals. */

import type { RepairOutcome } from '../../workflows/doctor.ts';
import {
  type DoctorReport,
  type DocumentFinding,
  differenceTotals,
  spaceLabel,
} from '../../workflows/doctor-compare.ts';
import type { FilesReport } from '../../workflows/doctor-files.ts';
import { renderTable } from '../table.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function note(f: DocumentFinding): string {
  if (f.inProgress) return 'being processed: left alone';
  if (f.vectorsOnly && f.embeddedIn) return `its document was embedded in ${spaceLabel(f.embeddedIn)}`;
  if (f.vectorsOnly) return 'not in the database';
  if (f.vectors === 0) return 'no vectors';
  return '';
}

/** The comparison: what was compared, the documents that differ, and the totals. */
export function renderReport(report: DoctorReport, where: { database: string; vectorStore: string }): string {
  const head = `database ${where.database}: ${plural(report.documents, 'document')}, ${plural(report.chunks, 'chunk')} · vector store ${where.vectorStore} · ${plural(report.spaces.length, 'space')}: ${report.spaces.map(spaceLabel).join(', ')}`;
  const lines = [head];
  if (report.findings.length > 0) {
    lines.push(
      '',
      renderTable(
        ['document', 'file', 'space', 'chunks', 'vectors', 'missing', 'orphans', 'note'],
        report.findings.map((f) => [
          f.documentId,
          f.fileName ?? '—',
          spaceLabel(f.space),
          f.chunks,
          f.vectors,
          f.missing.length,
          f.vectorsOnly ? f.vectors : f.orphans.length,
          note(f),
        ]),
      ),
      '',
    );
  }
  const totals = differenceTotals(report);
  const busy = report.findings.filter((f) => f.inProgress).length;
  const busyNote = busy > 0 ? ` (${plural(busy, 'document')} being processed left out)` : '';
  lines.push(
    report.agree
      ? `The database and the vector store agree${busyNote}.`
      : `${plural(totals.documents, 'document')} differ: ${plural(totals.missing, 'vector')} missing, ${plural(totals.orphans, 'orphan vector')}${busyNote}.`,
  );
  return lines.join('\n');
}

/** What a repair did, one line, then one line per finding it could not repair. */
export function renderRepair(outcome: RepairOutcome): string {
  const lines = [
    `Repaired: ${plural(outcome.deleted, 'orphan vector')} deleted, ${plural(outcome.embedded, 'missing vector')} embedded.`,
  ];
  for (const f of outcome.failures)
    lines.push(`Not repaired: ${f.documentId} in ${spaceLabel(f.space)}: ${f.reason}`);
  return lines.join('\n');
}

/** The kept PDFs against the documents, in one line. */
export function renderFiles(report: FilesReport, removed: number): string {
  const parts = [`kept PDFs in ${report.where}: ${report.kept}`];
  if (report.missing.length > 0)
    parts.push(`${plural(report.missing.length, 'document')} without its PDF (upload again to keep it)`);
  if (report.orphans.length > 0)
    parts.push(
      removed > 0
        ? `${plural(removed, 'orphan PDF')} removed`
        : `${plural(report.orphans.length, 'orphan PDF')} (no document)`,
    );
  return parts.join(' · ');
}
