/**
 * Calibration child: runs the pipeline on one PDF (no storage, as a worker child's compute) and sends its
 * own peak RSS and CPU seconds to the parent. Forked by {@link ./calibrate.ts}; a fresh process per run so
 * each peak is one job's, as in a worker child that starts clean.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { loadConfig } from '../../config.ts';
import { runPipeline } from '../../pipeline/index.ts';

const file = process.argv[2];
if (!file || !process.send) {
  process.stderr.write('usage: forked by profai plan with a PDF path\n');
  process.exit(2);
}
const cpuBefore = process.cpuUsage();
try {
  const bytes = new Uint8Array(await readFile(file));
  await runPipeline({ bytes, fileName: basename(file) }, { config: loadConfig() });
  const cpu = process.cpuUsage(cpuBefore);
  process.send(
    {
      ok: true,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
      cpuSeconds: (cpu.user + cpu.system) / 1e6,
    },
    () => process.exit(0),
  );
} catch (err) {
  process.send({ ok: false, error: (err as Error).message }, () => process.exit(1));
}
