/**
 * A "scanned" copy of a PDF: each page drawn by PDFium in grey and written into a new PDF as an image only, with
 * no text layer, as a scanner would make it. For OCR tests and `npm run bench:ocr`, whose answers are the
 * original's text layer.
 *
 *   npx tsx scripts/make-scanned-pdf.ts [IN.pdf] [OUT.pdf] [--dpi 200] [--pages 1-3]
 *   (default: examples/sample.pdf → examples/sample-scanned.pdf at 200 dpi, every page)
 */
import { readFile, writeFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import { checkPdf, openPdf } from '../src/pipeline/load.ts';
import { type GrayImage, renderPageGray } from '../src/pipeline/pdf/render.ts';

/** Options of {@link makeScannedPdf}. */
export interface ScanOptions {
  /** Resolution of the page images. @defaultValue 200 */
  dpi?: number;
  /** 1-based pages to keep, in order. @defaultValue every page */
  pages?: readonly number[];
}

/** `bytes` (a PDF) as an image-only PDF: one grey PNG per page, the page sizes kept, a fixed date. */
export async function makeScannedPdf(bytes: Uint8Array, opts: ScanOptions = {}): Promise<Uint8Array> {
  const dpi = opts.dpi ?? 200;
  const pdf = await openPdf(checkPdf({ bytes, fileName: 'in.pdf' }, { maxFileMb: 100 }), { maxPages: 2000 });
  try {
    const pages = opts.pages ?? Array.from({ length: pdf.pageCount }, (_, i) => i + 1);
    const images: { image: GrayImage; size: { width: number; height: number } }[] = [];
    for (const n of pages)
      images.push({ image: await renderPageGray(pdf, n, dpi), size: pdf.document.pageSize(n - 1) });
    return await writeImagePdf(images);
  } finally {
    await pdf.close();
  }
}

function writeImagePdf(
  pages: { image: GrayImage; size: { width: number; height: number } }[],
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      autoFirstPage: false,
      compress: true,
      info: {
        Title: 'Scanned copy',
        Producer: 'ProfAI make-scanned-pdf',
        CreationDate: new Date(Date.UTC(2025, 0, 1)),
      },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    for (const { image, size } of pages) {
      doc.addPage({ size: [size.width, size.height], margin: 0 });
      doc.image(grayPng(image), 0, 0, { width: size.width, height: size.height });
    }
    doc.end();
  });
}

/** An 8-bit greyscale PNG of `image`. */
export function grayPng(image: GrayImage): Buffer {
  const { width, height, pixels } = image;
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) raw.set(pixels.subarray(y * width, (y + 1) * width), y * (width + 1) + 1);
  return png(width, height, 0, raw);
}

/**
 * An 8-bit PNG of colour type `colourType` (0 grey, 4 grey and alpha) from its scanlines `raw`, each a filter byte
 * (0: none) and the row's samples.
 */
export function png(width: number, height: number, colourType: 0 | 4, raw: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, colourType, 0, 0, 0], 8); // 8 bits, the colour type, deflate, no filter method extension, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** "1-3,5" → [1, 2, 3, 5] */
function parsePages(spec: string): number[] {
  return spec.split(',').flatMap((part) => {
    const [a, b] = part.split('-').map(Number);
    return b === undefined
      ? [a as number]
      : Array.from({ length: b - (a as number) + 1 }, (_, i) => (a as number) + i);
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { dpi: { type: 'string' }, pages: { type: 'string' } },
  });
  const input = positionals[0] ?? 'examples/sample.pdf';
  const output = positionals[1] ?? input.replace(/\.pdf$/i, '-scanned.pdf');
  const bytes = await makeScannedPdf(new Uint8Array(await readFile(input)), {
    ...(values.dpi ? { dpi: Number(values.dpi) } : {}),
    ...(values.pages ? { pages: parsePages(values.pages) } : {}),
  });
  await writeFile(output, bytes);
  console.log(`${basename(output)}: ${bytes.length} bytes, image-only pages from ${basename(input)}`);
}
