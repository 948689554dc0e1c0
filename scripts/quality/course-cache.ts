/**
 * A document's course and chunks, made by the pipeline once (an embedded database in a temporary folder) and kept
 * as JSON in a cache folder: the pipeline takes minutes per manual, the quality scripts read the same course often.
 * The format is eval:refusals' own (`{ course, chunks }` in `DIR/<file>.json`), so the two scripts share a cache.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { loadConfig } from '../../src/config.ts';
import type { Course } from '../../src/domain/course.ts';
import type { Chunk } from '../../src/domain/document.ts';
import { describeError } from '../../src/domain/errors.ts';

export interface Made {
  course: Course;
  chunks: Chunk[];
}

/** A cached course that cannot be used; its message is the line printed. */
export class UnreadableCache extends Error {}

/** The cached course and chunks, checked for the shape the quality scripts read. */
export function readCache(kept: string): Made {
  const unreadable = (reason: string) =>
    new UnreadableCache(`${kept}: unreadable cache (delete it): ${reason}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(kept, 'utf8'));
  } catch (err) {
    throw unreadable(describeError(err));
  }
  const made = parsed as Partial<Made> | null;
  if (typeof made !== 'object' || made === null) throw unreadable('not a JSON object');
  if (!Array.isArray(made.course?.modules)) throw unreadable('no course with modules');
  if (!Array.isArray(made.chunks) || made.chunks.some((c) => typeof c?.text !== 'string'))
    throw unreadable('no list of chunks with text');
  return made as Made;
}

/** The course and chunks of `file`, from `cache` or made and kept there. */
export async function courseOf(file: string, cache: string): Promise<Made> {
  const kept = join(cache, `${basename(file)}.json`);
  if (existsSync(kept)) return readCache(kept);
  const { processDocument } = await import('../../src/workflows/document.ts');
  const { loadChunks, openDatabase, openVectorStore } = await import('../../src/store/index.ts');
  const config = loadConfig({});
  const dir = await mkdtemp(join(tmpdir(), 'profai-cache-'));
  const db = await openDatabase({ ...config, dataDir: dir, databaseUrl: undefined });
  const vectors = await openVectorStore({ ...config, chromaUrl: undefined }, db);
  try {
    const bytes = new Uint8Array(await readFile(file));
    const { course, saved } = await processDocument(
      { bytes, fileName: basename(file) },
      { config, db, vectors },
    );
    const chunks = await loadChunks(db, saved.documentId);
    // Written whole or not at all: a cache cut short by a kill would fail every later run.
    const partial = `${kept}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify({ course, chunks }));
    renameSync(partial, kept);
    return { course, chunks: [...chunks] };
  } finally {
    await vectors.close();
    await db.close();
    await rm(dir, { recursive: true, force: true });
  }
}
