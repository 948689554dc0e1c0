import { readFileSync } from 'node:fs';
import { checkPdf, openPdf } from './src/pipeline/load.ts';
import { extractDocument } from './src/pipeline/extract.ts';
import { buildStructure } from './src/pipeline/structure.ts';
import { loadCorpus } from './test/support/corpus.ts';
const c = loadCorpus(); if ('missing' in c) throw 0;
const files = process.argv.slice(2);
for (const r of c.rows.filter(r => r.expected.startsWith('parse') && (files.length === 0 || files.includes(r.file)))) {
  try {
  const bytes = new Uint8Array(readFileSync(r.path));
  const pdf = await openPdf(checkPdf({ bytes, fileName: r.file }, { maxFileMb: 100 }), { maxPages: 2000 });
  const ex = await extractDocument(pdf); await pdf.close();
  const st = buildStructure(ex, { fileName: r.file });
  const m = st.sections.filter(s => s.matter);
  console.log(r.file.padEnd(32), st.sections.length, 'sections;', m.map(s => `${s.matter}:${s.title.slice(0,40)}@${s.pageStart}`).join(' | '));
  } catch (e) { console.log(r.file, String(e)); }
}
process.exit(0);
