/**
 * Writes what extraction feeds the rest of the pipeline, for every PDF given, so two checkouts can be compared
 * byte for byte after a change meant to keep the output the same (a speed-up of extraction):
 * `<out>/<file>.json` holds the extracted pages (every line with its position and font), the outline, the
 * structure, the chunks, the course and the quiz (or the error the file was refused with). OCR is off: it
 * costs minutes of CPU on a shared machine and reads pages that extraction only flags.
 *
 *   npx tsx bench/extract-output.ts OUT_DIR FILE.pdf…   then   diff -r OUT_BEFORE OUT_AFTER
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { loadConfig } from '../src/config.ts';
import { describeError, ProfaiError } from '../src/domain/errors.ts';
import { extractDocument } from '../src/pipeline/extract.ts';
import { runPipeline } from '../src/pipeline/index.ts';
import { checkPdf, openPdf } from '../src/pipeline/load.ts';

const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) throw new Error('usage: extract-output.ts OUT_DIR FILE.pdf…');
mkdirSync(outDir, { recursive: true });
const config = { ...loadConfig({}), ocr: 'off' as const };

const refusal = (err: unknown) => ({
  code: err instanceof ProfaiError ? err.code : 'internal',
  error: describeError(err),
});

async function extracted(bytes: Uint8Array, fileName: string) {
  try {
    const checked = checkPdf({ bytes, fileName }, { maxFileMb: config.maxFileMb });
    const pdf = await openPdf(checked, { maxPages: config.maxPages });
    try {
      return await extractDocument(pdf);
    } finally {
      await pdf.close();
    }
  } catch (err) {
    return refusal(err);
  }
}

async function pipeline(bytes: Uint8Array, fileName: string) {
  try {
    const { document } = await runPipeline({ bytes, fileName }, { config });
    const { stats: _timings, ...rest } = document;
    return rest;
  } catch (err) {
    return refusal(err);
  }
}

for (const file of files) {
  const fileName = basename(file);
  const bytes = new Uint8Array(readFileSync(file));
  const out = { extracted: await extracted(bytes, fileName), pipeline: await pipeline(bytes, fileName) };
  writeFileSync(join(outDir, `${fileName}.json`), `${JSON.stringify(out, null, 1)}\n`);
  console.log(fileName);
}
