/** `profai doctor [--repair] [--json]`: do the database and the vector store agree, document by document? */
import type { Command } from 'commander';
import { none, run } from '../command-kit.ts';

export function register(program: Command): void {
  program
    .command('doctor')
    .description(
      'compare the database with the vector store document by document: chunks without vectors, vectors without chunks',
    )
    .option('--repair', 'delete orphan vectors and embed the missing ones again, then compare again')
    .option('--json', 'print the comparison (and the repair) as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 they agree (after the repair, with --repair), 1 they differ or could not all be repaired,\n2 the database, the vector store (or the embeddings model whose dimension is needed) cannot be reached.',
    )
    .action(
      run(none, async (config, opts: { repair?: boolean; json?: boolean }) => {
        const { doctorCommand } = await import('../doctor/command.ts');
        return doctorCommand(config, opts);
      }),
    );
}
