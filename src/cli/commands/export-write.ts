/** The body of `profai export` (see ./export.ts): render a stored course and write it out. */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Config } from '../../config.ts';
import { ProfaiError } from '../../domain/errors.ts';
import { openDatabase } from '../../store/index.ts';
import { exportCourse } from '../../workflows/export.ts';
import { printLine } from '../output.ts';

export interface ExportOptions {
  format: ExportFormatName;
  quiz?: string;
  out?: string;
}

import type { ExportFormatName } from '../../export/index.ts';

export async function exportCommand(config: Config, courseId: string, opts: ExportOptions): Promise<number> {
  const db = await openDatabase(config);
  try {
    const rendered = await exportCourse(db, opts.format, courseId, opts.quiz);
    const bytes = typeof rendered.body === 'string' ? Buffer.from(rendered.body) : rendered.body;
    // What the format left out, on stderr: the file itself may be going to stdout.
    if (rendered.notice) process.stderr.write(`${rendered.notice}\n`);
    if (!opts.out) {
      if (typeof rendered.body !== 'string' && process.stdout.isTTY)
        throw new ProfaiError('binary_to_terminal', `${opts.format} is a zip file: write it with --out FILE`);
      process.stdout.write(bytes);
      return 0;
    }
    const isDir =
      opts.out.endsWith('/') ||
      (await stat(opts.out).then(
        (s) => s.isDirectory(),
        () => false,
      ));
    const target = isDir ? join(opts.out, rendered.fileName) : opts.out;
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, bytes);
    printLine(`wrote ${target} (${opts.format}, ${bytes.byteLength} bytes)`);
    return 0;
  } finally {
    await db.close();
  }
}
