/**
 * The shared PDF corpus (`../shared/corpus` beside the repository, or PROFAI_CORPUS_DIR) and its
 * MANIFEST.tsv, for the corpus suite and the benchmarks. Absent on a user's machine: callers skip, saying why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface CorpusRow {
  file: string;
  path: string;
  pages: number | null;
  hasOutline: boolean;
  kind: string;
  language: string;
  expected: string;
  sha256: string;
  notes: string;
}

/** Reject classes of the manifest and the error code each maps to. */
export const REJECT_CODES: Record<string, string> = {
  'reject: encrypted, needs password': 'encrypted',
  'reject: corrupt': 'corrupt',
  'reject: empty file': 'empty_file',
  'reject: not a PDF': 'not_pdf',
};

export function corpusDir(): string {
  return process.env.PROFAI_CORPUS_DIR || resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
}

/** The manifest rows, or the reason there are none. */
export function loadCorpus(): { rows: CorpusRow[] } | { missing: string } {
  const dir = corpusDir();
  const manifest = join(dir, 'MANIFEST.tsv');
  if (!existsSync(manifest))
    return { missing: `no corpus at ${dir} (MANIFEST.tsv not found; set PROFAI_CORPUS_DIR)` };
  const [header, ...lines] = readFileSync(manifest, 'utf8').trimEnd().split('\n');
  const cols = header!.split('\t');
  const at = (cells: string[], name: string) => cells[cols.indexOf(name)] ?? '';
  const rows = lines.map((line) => {
    const cells = line.split('\t');
    const pages = Number(at(cells, 'pages'));
    return {
      file: at(cells, 'file'),
      path: join(dir, at(cells, 'file')),
      pages: Number.isFinite(pages) && pages > 0 ? pages : null,
      hasOutline: at(cells, 'has_outline') === 'yes',
      kind: at(cells, 'kind'),
      language: at(cells, 'language'),
      expected: at(cells, 'expected_behaviour'),
      sha256: at(cells, 'sha256'),
      notes: at(cells, 'notes'),
    };
  });
  return { rows };
}
