/**
 * `profai doctor`'s work on the stores: read what the database and the vector store hold (doctor-compare.ts
 * compares them), and repair what differs: orphan vectors deleted, missing ones embedded again with their
 * space's embedder. Documents being processed are reported, never repaired: their vectors are written before
 * their rows (the rows' transaction then commits them all at once), so for a while they look like orphans.
 */
import { usesEmbeddingsApi } from '../config.ts';
import { describeError } from '../domain/errors.ts';
import type { Embedder, EmbeddingSpace } from '../domain/generators.ts';
import type { LlmSettings } from '../llm/settings.ts';
import { embedChunks, HASH_EMBEDDER_NAME } from '../pipeline/embed.ts';
import { loadChunks } from '../store/documents.ts';
import { type DocumentInventory, documentExists, documentInventory } from '../store/inventory.ts';
import type { Database, VectorStore } from '../store/types.ts';
import {
  compareStores,
  type DoctorReport,
  type DocumentFinding,
  expectedSpace,
  type SpaceHoldings,
  spaceLabel,
  spacesToCompare,
} from './doctor-compare.ts';
import { SpaceUnknownError } from './errors.ts';
import { embedderForSpace } from './generators.ts';
import { vectorRecords } from './vector-records.ts';

export interface DoctorDeps {
  db: Database;
  vectors: VectorStore;
  /** The embedder settings: the configured space, and the embedders of repairs. */
  config: LlmSettings;
  /** Which of these documents are being processed now. @defaultValue none known */
  inProgress?: (documentIds: string[]) => Promise<ReadonlySet<string>>;
}

/** Documents whose stored chunk ids are read at once from the vector store. */
const READ_CONCURRENCY = 8;

/** Runs `fn` on every item, at most `limit` at a time. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * The space of the configured embedder. For an embeddings model without EMBEDDINGS_DIM the dimension is the
 * one its stored vectors have, else the length of one vector it is asked for.
 * @throws SpaceUnknownError when the model cannot be asked.
 */
export async function configuredSpace(
  config: LlmSettings,
  stored: readonly EmbeddingSpace[],
): Promise<EmbeddingSpace> {
  if (!usesEmbeddingsApi(config)) return { name: HASH_EMBEDDER_NAME, dimension: config.hashEmbeddingDim };
  const { createEmbedder } = await import('../llm/index.ts');
  const embedder = createEmbedder(config);
  if (embedder.dimension > 0) return { name: embedder.name, dimension: embedder.dimension };
  const known = stored.filter((s) => s.name === embedder.name);
  if (known.length === 1) return known[0]!;
  try {
    await embedder.embed(['profai doctor']);
  } catch (err) {
    throw new SpaceUnknownError(embedder.name, describeError(err), err);
  }
  return { name: embedder.name, dimension: embedder.dimension };
}

/** Reads both stores and compares them. */
export async function examine(deps: DoctorDeps): Promise<DoctorReport> {
  const { vectors } = deps;
  const documents = await documentInventory(deps.db);
  const stored = await vectors.spaces();
  const configured = await configuredSpace(deps.config, stored);
  const holdings: SpaceHoldings[] = [];
  for (const space of spacesToCompare(configured, documents, stored)) {
    const held = stored.some((s) => s.name === space.name && s.dimension === space.dimension);
    holdings.push(await holdingsOf(vectors, space, held, documents, configured));
  }
  const first = compareStores({ configured, documents, holdings });
  const suspects = first.findings
    .filter((f) => f.vectorsOnly || f.orphans.length > 0)
    .map((f) => f.documentId);
  if (suspects.length === 0 || !deps.inProgress) return first;
  const inProgress = await deps.inProgress([...new Set(suspects)]);
  return compareStores({ configured, documents, holdings, inProgress });
}

/** What the store holds in `space`; nothing is read from a space the store does not have (`held` false). */
async function holdingsOf(
  vectors: VectorStore,
  space: EmbeddingSpace,
  held: boolean,
  documents: readonly DocumentInventory[],
  configured: EmbeddingSpace,
): Promise<SpaceHoldings> {
  const ids = new Map<string, string[]>();
  if (!held) return { space, counts: new Map(), ids };
  const counts = await vectors.documentCounts(space);
  const here = (d: DocumentInventory) => {
    const s = expectedSpace(d, configured);
    return s.name === space.name && s.dimension === space.dimension && counts.has(d.documentId);
  };
  await eachLimited(documents.filter(here), READ_CONCURRENCY, async (d) => {
    ids.set(d.documentId, await vectors.chunkIds(space, d.documentId));
  });
  return { space, counts, ids };
}

/** A finding that could not be repaired, and why. */
export interface RepairFailure {
  documentId: string;
  space: EmbeddingSpace;
  reason: string;
}

/** What {@link repair} did. */
export interface RepairOutcome {
  /** Orphan vectors deleted. */
  deleted: number;
  /** Missing vectors embedded and stored. */
  embedded: number;
  failures: RepairFailure[];
}

/**
 * Deletes the orphans and embeds the missing vectors of every finding that is not in progress. An embedder that
 * fails, or a space no configured embedder makes, is a {@link RepairFailure}; a store that fails throws.
 */
export async function repair(report: DoctorReport, deps: DoctorDeps): Promise<RepairOutcome> {
  const outcome: RepairOutcome = { deleted: 0, embedded: 0, failures: [] };
  const embedders = new Map<string, Promise<Embedder | null>>();
  const embedderOf = (space: EmbeddingSpace) => {
    const key = spaceLabel(space);
    let e = embedders.get(key);
    if (!e) {
      e = embedderForSpace(deps.config, space);
      embedders.set(key, e);
    }
    return e;
  };
  for (const finding of report.findings) {
    if (finding.inProgress) continue;
    await deleteOrphans(finding, deps, outcome);
    if (finding.missing.length === 0) continue;
    const embedded = await embedMissing(finding, deps, await embedderOf(finding.space));
    if (typeof embedded === 'string')
      outcome.failures.push({ documentId: finding.documentId, space: finding.space, reason: embedded });
    else outcome.embedded += embedded;
  }
  return outcome;
}

async function deleteOrphans(finding: DocumentFinding, deps: DoctorDeps, outcome: RepairOutcome) {
  const { vectors } = deps;
  if (finding.vectorsOnly) {
    // Stored since it was examined (its job finished meanwhile): its vectors are no longer orphans.
    if (finding.fileName === null && (await documentExists(deps.db, finding.documentId))) return;
    await vectors.deleteDocument(finding.space, finding.documentId);
    outcome.deleted += finding.vectors;
  } else if (finding.orphans.length > 0) {
    await vectors.deleteChunks(finding.space, finding.orphans);
    outcome.deleted += finding.orphans.length;
  }
}

/** Embeds and stores the finding's missing chunks: how many, or why not. */
async function embedMissing(
  finding: DocumentFinding,
  deps: DoctorDeps,
  embedder: Embedder | null,
): Promise<number | string> {
  const label = spaceLabel(finding.space);
  if (!embedder)
    return `no embedder makes ${label}: the offline one makes ${HASH_EMBEDDER_NAME}/<dimension>, the embeddings API openai:<EMBEDDINGS_MODEL>`;
  const missing = new Set(finding.missing);
  const chunks = (await loadChunks(deps.db, finding.documentId)).filter((c) => missing.has(c.id));
  let embeddings: Float32Array[];
  try {
    embeddings = await embedChunks(chunks, embedder);
  } catch (err) {
    return `embedding for ${label} failed: ${describeError(err)}`;
  }
  const wrong = embeddings.find((e) => e.length !== finding.space.dimension);
  if (wrong) return `the embedder of ${label} made vectors of dimension ${wrong.length}`;
  await deps.vectors.upsert(finding.space, vectorRecords(chunks, embeddings));
  return chunks.length;
}
