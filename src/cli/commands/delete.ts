/** `profai courses delete ID [--yes]`: a course for good (see src/workflows/delete-course.ts). */
import type { Command } from 'commander';
import { none, run } from '../command-kit.ts';

export function register(program: Command): void {
  const courses = program.commands.find((c) => c.name() === 'courses');
  if (!courses) throw new Error('register `courses` before its `delete`');
  courses
    .command('delete')
    .description(
      'delete a course for good, and its document, chunks, vectors and kept PDF when no other course uses them',
    )
    .argument('<id>', 'the exact course id or document id (no prefix)')
    .option('--yes', 'do not ask (needed when stdin is not a terminal)')
    .addHelpText('after', '\nExit codes: 0 deleted, 1 no such course, refused or failed.')
    .action(
      run(none, async (config, id: string, opts: { yes?: boolean }) => {
        const { deleteCommand } = await import('../courses/delete.ts');
        return deleteCommand(config, id, opts);
      }),
    );
}
