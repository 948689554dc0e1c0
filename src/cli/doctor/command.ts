/**
 * The body of `profai doctor`: open the database and the vector store, compare them (src/workflows/doctor.ts),
 * and the kept PDFs with the documents (src/workflows/doctor-files.ts); print what differs, and with `--repair`
 * mend it and compare again.
 *
 * Exit codes: 0 they agree (after the repair, with --repair); 1 they differ (orphan PDFs included), or not
 * everything could be repaired; 2 a store (or the embeddings model whose dimension is needed) cannot be reached.
 */
import type { Config } from '../../config.ts';
import { describeError } from '../../domain/errors.ts';
import type { FleetClient } from '../../fleet/queues.ts';
import { redactUrl } from '../../lib/urls.ts';
import type { Database, VectorStore } from '../../store/types.ts';
import { type DoctorDeps, examine, type RepairOutcome, repair } from '../../workflows/doctor.ts';
import type { DoctorReport } from '../../workflows/doctor-compare.ts';
import type { FilesReport } from '../../workflows/doctor-files.ts';
import { SpaceUnknownError } from '../../workflows/errors.ts';
import { printJson, printLine } from '../output.ts';
import { renderFiles, renderRepair, renderReport } from './render.ts';

export const EXIT_AGREE = 0;
export const EXIT_DIFFER = 1;
export const EXIT_UNREACHABLE = 2;

const fail = (message: string) => process.stderr.write(`profai: ${message}\n`);

/** Where the database is, for messages: the URL without its password, or the embedded one's folder. */
const databaseLabel = (config: Config) =>
  config.databaseUrl ? `postgres ${redactUrl(config.databaseUrl)}` : `pglite ${config.dataDir}`;

export async function doctorCommand(
  config: Config,
  opts: { repair?: boolean; json?: boolean },
): Promise<number> {
  const { openDatabase, openVectorStore } = await import('../../store/index.ts');
  let db: Database;
  try {
    db = await openDatabase(config);
  } catch (err) {
    fail(`cannot reach the database (${databaseLabel(config)}): ${describeError(err)}`);
    return EXIT_UNREACHABLE;
  }
  let vectors: VectorStore | undefined;
  let fleet: FleetClient | null = null;
  try {
    try {
      vectors = await openVectorStore(config, db);
    } catch (err) {
      const where = config.chromaUrl ? `chroma ${redactUrl(config.chromaUrl)}` : 'chroma, CHROMA_URL unset';
      fail(`cannot reach the vector store (${where}): ${describeError(err)}`);
      return EXIT_UNREACHABLE;
    }
    fleet = await openFleet(config);
    const deps: DoctorDeps = { db, vectors, config, ...inProgressOf(fleet) };
    const files = await checkFiles(db, config, opts);
    // `postgres (vector)` or `postgres (real[])`: which column the database keeps them in.
    const vectorStore = vectors.kind === 'chroma' ? 'chroma' : `postgres (${db.vectorColumn})`;
    const code = await diagnose(deps, opts, { database: db.kind, vectorStore }, files);
    if ('error' in files) return EXIT_UNREACHABLE;
    return files.report.orphans.length > files.removed ? Math.max(code, EXIT_DIFFER) : code;
  } finally {
    await fleet?.close();
    await vectors?.close();
    await db.close();
  }
}

/**
 * The fleet's Redis, to tell documents being processed from orphans. Only a shared database (DATABASE_URL) can
 * have a fleet writing to it: the embedded one is locked by this process.
 */
async function openFleet(config: Config): Promise<FleetClient | null> {
  if (!config.databaseUrl) return null;
  const { connectOps } = await import('../../ops/connect.ts');
  try {
    const redis = await connectOps(config);
    const { profaiClientOn } = await import('../../tasks/client.ts');
    return profaiClientOn(config, redis);
  } catch (err) {
    fail(
      `${describeError(err)}: documents being processed now cannot be told from orphans (run doctor again once Redis answers)`,
    );
    return null;
  }
}

function inProgressOf(fleet: FleetClient | null): Pick<DoctorDeps, 'inProgress'> {
  if (!fleet) return {};
  return {
    inProgress: async (ids) => {
      const { documentsInProgress } = await import('../../tasks/in-progress.ts');
      return documentsInProgress(fleet, ids);
    },
  };
}

/** The kept PDFs against the documents, or why they could not be read. */
type FilesCheck = { report: FilesReport; removed: number } | { error: string };

/** Compares the kept PDFs with the documents; with --repair, removes the orphans. */
async function checkFiles(db: Database, config: Config, opts: { repair?: boolean }): Promise<FilesCheck> {
  const { openStorage, describeStorage } = await import('../../files/index.ts');
  const { examineFiles, removeOrphanPdfs } = await import('../../workflows/doctor-files.ts');
  const storage = await openStorage(config);
  try {
    const report = await examineFiles(db, storage.documents);
    return { report, removed: opts.repair ? await removeOrphanPdfs(report, storage.documents) : 0 };
  } catch (err) {
    const error = `cannot read the kept PDFs (${describeStorage(config)}): ${describeError(err)}`;
    fail(error);
    return { error };
  } finally {
    await storage.close();
  }
}

async function diagnose(
  deps: DoctorDeps,
  opts: { repair?: boolean; json?: boolean },
  where: { database: string; vectorStore: string },
  files: FilesCheck,
): Promise<number> {
  let before: DoctorReport;
  let repaired: RepairOutcome | undefined;
  let after: DoctorReport | undefined;
  try {
    before = await examine(deps);
    if (opts.repair && !before.agree) {
      repaired = await repair(before, deps);
      after = await examine(deps);
    }
  } catch (err) {
    fail(
      err instanceof SpaceUnknownError
        ? err.message
        : `the database or the vector store stopped answering: ${describeError(err)}`,
    );
    return EXIT_UNREACHABLE;
  }
  const final = after ?? before;
  const agree = final.agree && (repaired?.failures.length ?? 0) === 0;
  if (opts.json) {
    printJson({
      ...where,
      ...before,
      ...(repaired ? { repair: repaired } : {}),
      ...(after ? { after } : {}),
      files:
        'error' in files ? files : { ...files.report, ...(opts.repair ? { removed: files.removed } : {}) },
    });
  } else {
    printLine(renderReport(before, where));
    if ('report' in files) printLine(renderFiles(files.report, files.removed));
    if (repaired && after) {
      printLine(renderRepair(repaired));
      printLine(renderReport(after, where));
    } else if (!before.agree) {
      printLine('Run `profai doctor --repair` to delete the orphans and embed the missing vectors.');
    }
  }
  return agree ? EXIT_AGREE : EXIT_DIFFER;
}
