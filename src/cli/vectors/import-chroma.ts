/**
 * The body of `profai vectors import-chroma`: open the database and read Chroma, copy (src/workflows/
 * import-chroma.ts), say where it is on stderr and what it did on stdout.
 *
 * Exit codes: 0 imported (also when Chroma held nothing); 1 no Chroma named; 2 Chroma or the database cannot be
 * reached (a one-line reason; running the command again goes on where it stopped, rewriting what it had copied).
 */
import { type Config, ConfigError } from '../../config.ts';
import { describeError, unreachableDependency } from '../../domain/errors.ts';
import { redactUrl } from '../../lib/urls.ts';
import type { Database } from '../../store/types.ts';
import type { ImportProgress } from '../../workflows/import-chroma.ts';
import { printJson, printLine } from '../output.ts';

export const EXIT_UNREACHABLE = 2;

const fail = (message: string) => process.stderr.write(`profai: ${message}\n`);
const spaceLabel = (p: Pick<ImportProgress, 'space'>) => `${p.space.name}/${p.space.dimension}`;

/** A progress line per page: `hash-ngram-v1/384: 1500/4210 vectors (36%)`. */
function progressLine(p: ImportProgress): string {
  const percent = p.total === 0 ? 100 : Math.floor((100 * p.done) / p.total);
  return `${spaceLabel(p)}: ${p.done}/${p.total} vectors (${percent}%)`;
}

export async function importChromaCommand(config: Config, opts: { json?: boolean }): Promise<number> {
  if (!config.chromaUrl)
    throw new ConfigError('import-chroma reads from Chroma: set CHROMA_URL or give --from http://HOST:8000');
  const chroma = redactUrl(config.chromaUrl);
  const { openDatabase } = await import('../../store/index.ts');
  const { postgresVectorStore } = await import('../../store/vectors/postgres.ts');
  const { chromaExport } = await import('../../store/vectors/chroma-export.ts');
  const { importChroma } = await import('../../workflows/import-chroma.ts');
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (err) {
    fail(`cannot reach the database: ${describeError(err)}`);
    return EXIT_UNREACHABLE;
  }
  try {
    const outcome = await importChroma(chromaExport(config.chromaUrl), postgresVectorStore(db), (p) =>
      process.stderr.write(`${progressLine(p)}\n`),
    ).catch((err: unknown) => {
      const reason = describeError(err);
      if (unreachableDependency(err) === 'chroma') fail(`cannot read Chroma at ${chroma}: ${reason}`);
      else fail(`import stopped (run it again to go on): ${reason}`);
      return null;
    });
    if (!outcome) return EXIT_UNREACHABLE;
    if (opts.json) printJson({ from: chroma, database: db.kind, vectorColumn: db.vectorColumn, ...outcome });
    else
      printLine(
        `imported ${outcome.vectors} vectors of ${outcome.spaces.length} space(s) from Chroma at ${chroma} into the database (${db.vectorColumn} column); ` +
          'run the fleet with VECTOR_STORE=postgres (the default), then `profai doctor`',
      );
    return 0;
  } finally {
    await db.close();
  }
}
