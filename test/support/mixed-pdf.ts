/**
 * A PDF as born-digital manuals come with scanned inserts: pages with a text layer, blank pages, drawings (a
 * logo, a figure on its own page) and scanned pages (images of a lecture's pages, no text layer), in the order
 * asked. The OCR page test keeps the scans and drops the blank pages and drawings.
 */
import { grayPng } from '../../scripts/make-scanned-pdf.ts';
import { checkPdf, openPdf } from '../../src/pipeline/load.ts';
import { renderPageGray } from '../../src/pipeline/pdf/render.ts';
import { makeLecturePdf } from './cli-processes.ts';
import { PHOTOSYNTHESIS_PROSE, renderPdf } from './make-pdf.ts';

export type MixedPage = 'text' | 'blank' | 'drawing' | 'scan';

/**
 * `layout`'s pages in order; the `k`-th scan is the `k`-th page of a lecture about `marker` drawn at `dpi` (so
 * every marker gives a different document).
 */
export async function makeMixedPdf(
  layout: readonly MixedPage[],
  { marker = 'mixed', dpi = 150 }: { marker?: string; dpi?: number } = {},
): Promise<Uint8Array> {
  const scans = layout.filter((p) => p === 'scan').length;
  const images: Buffer[] = [];
  if (scans > 0) {
    const lecture = await makeLecturePdf(marker, scans);
    const pdf = await openPdf(checkPdf({ bytes: lecture, fileName: 'lecture.pdf' }, { maxFileMb: 50 }), {
      maxPages: scans,
    });
    try {
      for (let n = 1; n <= scans; n++) images.push(grayPng(await renderPageGray(pdf, n, dpi)));
    } finally {
      await pdf.close();
    }
  }
  return renderPdf(
    (doc) => {
      for (const kind of layout) {
        doc.addPage();
        if (kind === 'text')
          doc
            .font('Helvetica')
            .fontSize(12)
            .text(`${marker}. ${PHOTOSYNTHESIS_PROSE.join(' ')} `.repeat(3), 72, 72, { width: 468 });
        else if (kind === 'drawing')
          doc.circle(300, 300, 120).lineWidth(12).stroke().rect(150, 500, 300, 80).fill();
        else if (kind === 'scan') doc.image(images.shift()!, 0, 0, { width: 612, height: 792 });
      }
    },
    { info: { Title: `Mixed ${marker}`, CreationDate: new Date(0) } },
  );
}
