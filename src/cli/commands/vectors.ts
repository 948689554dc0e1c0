/** `profai vectors import-chroma [--from URL] [--json]`: move a deployment's vectors from Chroma into PostgreSQL. */
import type { Command } from 'commander';
import { run } from '../command-kit.ts';

export function register(program: Command): void {
  const vectors = program.command('vectors').description('act on the chunk vectors');
  vectors
    .command('import-chroma')
    .description(
      "copy every vector ProfAI stored in Chroma into the database's chunk_vectors (VECTOR_STORE=postgres); safe to run again",
    )
    .option('--from <url>', 'the Chroma server (CHROMA_URL)')
    .option('--json', 'print what was imported as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 imported, 1 bad settings, 2 Chroma or the database cannot be reached.\nSee docs/vectors.md for moving a running fleet.',
    )
    .action(
      run(
        (opts) => ({ chromaUrl: opts.from }),
        async (config, opts: { json?: boolean }) => {
          const { importChromaCommand } = await import('../vectors/import-chroma.ts');
          return importChromaCommand(config, opts);
        },
      ),
    );
}
