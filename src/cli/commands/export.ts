/**
 * `profai export COURSE_ID --format F [--quiz QUIZ_ID] [--out FILE]`: a stored course (and quiz) in a format
 * an LMS or Anki imports, on stdout or in a file (`--out DIR/` or an existing folder: the export's own name).
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
// The format table only (pure modules); the store and the exporters' callers load inside the action.
import { EXPORT_FORMAT_NAMES, type ExportFormatName, isExportFormat } from '../../export/names.ts';
import { none, run } from '../command-kit.ts';
import type { ExportOptions } from './export-write.ts';

function format(value: string): ExportFormatName {
  if (!isExportFormat(value))
    throw new InvalidArgumentError(`expected one of ${EXPORT_FORMAT_NAMES.join(', ')}`);
  return value;
}

export function register(program: Command): void {
  program
    .command('export')
    .description(
      'export a stored course and its quiz for Moodle, Canvas, Anki, print or another program (cc: the whole course)',
    )
    .argument('<courseId>', 'course id, id prefix or document id')
    .addOption(
      new Option('--format <format>', `one of ${EXPORT_FORMAT_NAMES.join(', ')}`)
        .argParser(format)
        .makeOptionMandatory(),
    )
    .option('--quiz <quizId>', "the quiz to export (default: the course's first quiz)")
    .option('--out <file>', "write here (a folder: under the export's own name) instead of stdout")
    .action(
      run(none, async (config, id: string, opts: ExportOptions) => {
        const { exportCommand } = await import('./export-write.ts');
        return exportCommand(config, id, opts);
      }),
    );
}
