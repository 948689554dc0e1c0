/**
 * `profai doctor`'s look at the kept PDFs: the documents store (DOCUMENTS_DIR or the bucket's `documents/`) against
 * the database. A kept PDF whose document is not stored is an orphan (a document deleted while its PDF could not
 * be, a database restored from an older backup): `--repair` removes it. A document without its PDF is reported but
 * cannot be repaired here: it was processed before PDFs were kept, or its PDF was lost; uploading it again keeps it.
 * PDFs are kept only once their document is committed, so a document being processed has no PDF to be taken for an
 * orphan.
 */
import type { FileStore } from '../files/index.ts';
import { pdfKey, shaOfKey } from '../files/keys.ts';
import { documentHashes } from '../store/inventory.ts';
import type { Database } from '../store/types.ts';

export interface FilesReport {
  /** Where the kept PDFs are. */
  where: string;
  kept: number;
  /** Documents without their PDF. */
  missing: string[];
  /** Keys of kept PDFs without a document. */
  orphans: string[];
}

export async function examineFiles(db: Database, documents: FileStore): Promise<FilesReport> {
  const stored = await documentHashes(db);
  const keys = new Set<string>();
  for await (const file of documents.list()) if (shaOfKey(file.key)) keys.add(file.key);
  const wanted = new Set(stored.map((d) => pdfKey(d.sha256)));
  return {
    where: documents.where,
    kept: keys.size,
    missing: stored.filter((d) => !keys.has(pdfKey(d.sha256))).map((d) => d.documentId),
    orphans: [...keys].filter((k) => !wanted.has(k)).sort(),
  };
}

/** Removes the orphan PDFs of `report`; returns how many. */
export async function removeOrphanPdfs(report: FilesReport, documents: FileStore): Promise<number> {
  for (const key of report.orphans) await documents.remove(key);
  return report.orphans.length;
}
