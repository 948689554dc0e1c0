/**
 * The PDF outline (bookmarks) flattened in document order, with each entry's page resolved.
 */
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { OutlineEntry } from '../types.ts';

type OutlineNode = Awaited<ReturnType<PDFDocumentProxy['getOutline']>>[number];

/** Entries beyond this are ignored: a hostile outline must not make us resolve millions of destinations. */
const MAX_ENTRIES = 10_000;

/** Flattened outline; an entry whose destination cannot be resolved gets `page: null`. Never throws. */
export async function readOutline(doc: PDFDocumentProxy): Promise<OutlineEntry[]> {
  const roots = await doc.getOutline().catch(() => null);
  if (!roots) return [];
  const flat: { node: OutlineNode; level: number }[] = [];
  const walk = (nodes: readonly OutlineNode[], level: number) => {
    for (const node of nodes) {
      if (flat.length >= MAX_ENTRIES) return;
      flat.push({ node, level });
      if (node.items?.length) walk(node.items, level + 1);
    }
  };
  walk(roots, 1);
  const pages = await Promise.all(flat.map(({ node }) => resolvePage(doc, node.dest)));
  return flat.map(({ node, level }, i) => ({
    title: (node.title ?? '').replace(/\s+/g, ' ').trim(),
    level,
    page: pages[i] ?? null,
  }));
}

/** 1-based page of a destination (named or explicit), or null. */
async function resolvePage(doc: PDFDocumentProxy, dest: OutlineNode['dest']): Promise<number | null> {
  try {
    const explicit = typeof dest === 'string' ? await doc.getDestination(dest) : dest;
    const target = explicit?.[0];
    if (target === undefined || target === null) return null;
    if (typeof target === 'number') return Number.isInteger(target) && target >= 0 ? target + 1 : null;
    if (typeof target === 'object' && 'num' in target) return (await doc.getPageIndex(target as never)) + 1;
    return null;
  } catch {
    return null;
  }
}
