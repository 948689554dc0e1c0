import { readFileSync } from 'node:fs';
import { checkPdf, openPdf } from './src/pipeline/load.ts';
import { extractDocument } from './src/pipeline/extract.ts';
import { buildStructure } from './src/pipeline/structure.ts';
const [file, want] = process.argv.slice(2);
const bytes = new Uint8Array(readFileSync(file!));
const pdf = await openPdf(checkPdf({ bytes, fileName: file! }, { maxFileMb: 100 }), { maxPages: 2000 });
const ex = await extractDocument(pdf); await pdf.close();
const st = buildStructure(ex, { fileName: file! });
for (const s of st.sections.filter(s => s.title.startsWith(want!))) { console.log(s.title, s.matter, s.pageStart, s.pageEnd); for (const p of s.paragraphs.slice(0,12)) console.log('  |', p.text.slice(0,150)); }
process.exit(0);
