/**
 * The comparison behind `profai doctor`, as a pure function: what the database holds of each document (its
 * chunk ids and the space it was embedded in) against what the vector store holds in each space. Data in,
 * findings out; reading the stores and repairing are in doctor.ts.
 *
 * A document's vectors belong in the space it was embedded in (recorded with it), or in the configured space
 * for documents saved before that was recorded. Every other vector is an orphan: a vector whose chunk does not
 * exist, a document that is only in the vector store, or a document's vectors in a space it was not embedded in.
 */
import type { EmbeddingSpace } from '../domain/generators.ts';
import type { DocumentInventory } from '../store/inventory.ts';

/** What the vector store holds in one space. */
export interface SpaceHoldings {
  space: EmbeddingSpace;
  /** Vectors per document. */
  counts: ReadonlyMap<string, number>;
  /** The stored chunk ids of the documents the database expects in this space (and that have vectors here). */
  ids: ReadonlyMap<string, readonly string[]>;
}

/** One document that differs in one space. */
export interface DocumentFinding {
  documentId: string;
  /** Its file in the database; null when the database has no such document. */
  fileName: string | null;
  space: EmbeddingSpace;
  /** Its chunks in the database, when this is the space it belongs in (else 0). */
  chunks: number;
  /** Its vectors in this space. */
  vectors: number;
  /** Chunk ids that have no vector in this space. */
  missing: string[];
  /** Vector ids whose chunk does not exist (when the rest of the document's vectors belong here). */
  orphans: string[];
  /**
   * Every vector of the document in this space is an orphan: the database has no such document, or it was
   * embedded in another space (`embeddedIn`).
   */
  vectorsOnly: boolean;
  /** For `vectorsOnly` vectors of a stored document: the space its vectors belong in. */
  embeddedIn?: EmbeddingSpace;
  /** Its job is running, waiting, or its LLM stage is staged: vectors come before the database's rows. */
  inProgress: boolean;
}

/** What {@link compareStores} found. */
export interface DoctorReport {
  /** Documents and chunks in the database. */
  documents: number;
  chunks: number;
  /** Every space compared, the configured one first. */
  spaces: EmbeddingSpace[];
  /** Documents that differ, by document id then space. */
  findings: DocumentFinding[];
  /** True when nothing differs but what is in progress. */
  agree: boolean;
}

export interface CompareInput {
  /** The space of the configured embedder: where documents without a recorded space belong. */
  configured: EmbeddingSpace;
  documents: readonly DocumentInventory[];
  /** One entry per space the store holds, and per space a document belongs in. */
  holdings: readonly SpaceHoldings[];
  /** Documents being processed now. @defaultValue none */
  inProgress?: ReadonlySet<string>;
}

/** `name/dimension`, as spaces are written everywhere. */
export const spaceLabel = (space: EmbeddingSpace) => `${space.name}/${space.dimension}`;

const sameSpace = (a: EmbeddingSpace, b: EmbeddingSpace) => a.name === b.name && a.dimension === b.dimension;

/** The space a stored document's vectors belong in. */
export const expectedSpace = (doc: Pick<DocumentInventory, 'space'>, configured: EmbeddingSpace) =>
  doc.space ?? configured;

/** The spaces a comparison must read: the configured one, every space documents belong in, every stored one. */
export function spacesToCompare(
  configured: EmbeddingSpace,
  documents: readonly Pick<DocumentInventory, 'space'>[],
  stored: readonly EmbeddingSpace[],
): EmbeddingSpace[] {
  const all = [configured, ...documents.map((d) => expectedSpace(d, configured)), ...stored];
  return all.filter((s, i) => all.findIndex((t) => sameSpace(s, t)) === i);
}

/** The ids in `a` that are not in `b`. */
function minus(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return a.filter((id) => !other.has(id));
}

/** Compares the database's documents with the store's holdings, space by space. */
export function compareStores(input: CompareInput): DoctorReport {
  const { configured, documents } = input;
  const busy = input.inProgress ?? new Set<string>();
  const byId = new Map(documents.map((d) => [d.documentId, d]));
  const findings: DocumentFinding[] = [];
  const spaces = spacesToCompare(
    configured,
    documents,
    input.holdings.map((h) => h.space),
  );
  for (const space of spaces) {
    const held = input.holdings.find((h) => sameSpace(h.space, space));
    const counts = held?.counts ?? new Map<string, number>();
    const base = (documentId: string, vectors: number) => ({
      documentId,
      space,
      vectors,
      inProgress: busy.has(documentId),
    });
    for (const doc of documents) {
      if (!sameSpace(expectedSpace(doc, configured), space)) continue;
      const stored = counts.has(doc.documentId) ? (held?.ids.get(doc.documentId) ?? []) : [];
      const missing = minus(doc.chunkIds, stored);
      const orphans = minus(stored, doc.chunkIds);
      if (missing.length === 0 && orphans.length === 0) continue;
      findings.push({
        ...base(doc.documentId, stored.length),
        fileName: doc.fileName,
        chunks: doc.chunkIds.length,
        missing,
        orphans,
        vectorsOnly: false,
      });
    }
    for (const [documentId, vectors] of counts) {
      const doc = byId.get(documentId);
      if (doc && sameSpace(expectedSpace(doc, configured), space)) continue;
      findings.push({
        ...base(documentId, vectors),
        fileName: doc?.fileName ?? null,
        chunks: 0,
        missing: [],
        orphans: [],
        vectorsOnly: true,
        ...(doc ? { embeddedIn: expectedSpace(doc, configured) } : {}),
      });
    }
  }
  findings.sort(
    (a, b) =>
      a.documentId.localeCompare(b.documentId) || spaceLabel(a.space).localeCompare(spaceLabel(b.space)),
  );
  return {
    documents: documents.length,
    chunks: documents.reduce((n, d) => n + d.chunkIds.length, 0),
    spaces,
    findings,
    agree: findings.every((f) => f.inProgress),
  };
}

/** Totals of a report's findings that are not in progress: the vectors to embed and to delete. */
export function differenceTotals(report: Pick<DoctorReport, 'findings'>): {
  documents: number;
  missing: number;
  orphans: number;
} {
  const real = report.findings.filter((f) => !f.inProgress);
  return {
    documents: new Set(real.map((f) => f.documentId)).size,
    missing: real.reduce((n, f) => n + f.missing.length, 0),
    orphans: real.reduce((n, f) => n + (f.vectorsOnly ? f.vectors : f.orphans.length), 0),
  };
}
