/**
 * Writes ProfAI's example PDF, the document a new user first runs through `npx profai process`.
 *
 * Usage: `npm run example` (writes examples/sample.pdf) or `tsx scripts/make-example-pdf.ts OUT.pdf`.
 *
 * The output is byte-for-byte reproducible: fixed dates (pdfkit derives the file ID from them), standard
 * fonts (nothing embedded) and uncompressed streams, because deflate output may differ between the zlib
 * builds of different Node versions. test/examples/sample-pdf.test.ts checks the committed file matches.
 */
import { writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';
import {
  type Block,
  CHAPTERS,
  DOCUMENT,
  type ExampleChapter,
  type ExampleTable,
  GLOSSARY,
} from './example-pdf-content.ts';

type Doc = PDFKit.PDFDocument;
type OutlineItem = PDFKit.PDFOutline;

/** The date written as CreationDate and ModDate; changing it changes every byte of the file ID. */
export const EXAMPLE_PDF_DATE = new Date('2025-01-01T00:00:00Z');

/** Where `npm run example` writes, relative to the project root. */
export const EXAMPLE_PDF_PATH = 'examples/sample.pdf';

const MARGIN = 72;
const BODY = { font: 'Times-Roman', size: 11, lineGap: 2.5, paragraphGap: 7 } as const;
const CHAPTER_SIZE = 18;
const SECTION_SIZE = 14;
const CODE = { font: 'Courier', size: 9.5, lineGap: 2, pad: 6 } as const;

/** Renders the whole example document and resolves with the PDF bytes. */
export function renderExamplePdf(): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    compress: false,
    autoFirstPage: false,
    displayTitle: true,
    lang: 'en-GB',
    info: {
      Title: DOCUMENT.title,
      Author: DOCUMENT.author,
      Subject: DOCUMENT.subject,
      Keywords: DOCUMENT.keywords,
      Creator: 'ProfAI scripts/make-example-pdf.ts',
      CreationDate: EXAMPLE_PDF_DATE,
      ModDate: EXAMPLE_PDF_DATE,
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  drawTitlePage(doc);
  for (const [index, chapter] of CHAPTERS.entries()) drawChapter(doc, chapter, index + 1);
  drawGlossary(doc);
  drawRunningHeadsAndPageNumbers(doc);
  doc.end();
  return done;
}

function drawTitlePage(doc: Doc): void {
  doc.addPage();
  const width = textWidth(doc);
  doc.font('Times-Bold').fontSize(26).text(DOCUMENT.title, MARGIN, 230, { width, align: 'center' });
  doc.moveDown(0.8);
  doc.font('Times-Italic').fontSize(15).text(DOCUMENT.subtitle, { width, align: 'center' });
  doc.moveDown(2.5);
  doc.font('Times-Roman').fontSize(13).text(DOCUMENT.author, { width, align: 'center' });
  const noteY = doc.page.height - MARGIN - 40;
  doc.font('Helvetica').fontSize(9).text(DOCUMENT.note, MARGIN, noteY, { width, align: 'center' });
}

function drawChapter(doc: Doc, chapter: ExampleChapter, number: number): void {
  doc.addPage();
  const item = addOutlineItem(doc, doc.outline, `${number} ${chapter.title}`);
  heading(doc, `${number} ${chapter.title}`, CHAPTER_SIZE);
  drawBlocks(doc, chapter.blocks);
  chapter.sections.forEach((section, index) => {
    const title = `${number}.${index + 1} ${section.title}`;
    doc.moveDown(0.6);
    keepWithNext(doc, SECTION_SIZE * 2 + 4 * lineHeight(doc, BODY.size));
    addOutlineItem(doc, item, title);
    heading(doc, title, SECTION_SIZE);
    drawBlocks(doc, section.blocks);
  });
}

function drawGlossary(doc: Doc): void {
  doc.addPage();
  addOutlineItem(doc, doc.outline, 'Glossary');
  heading(doc, 'Glossary', CHAPTER_SIZE);
  for (const [term, definition] of GLOSSARY) {
    doc.font('Times-Bold').fontSize(BODY.size).text(`${term}. `, { continued: true, lineGap: BODY.lineGap });
    doc.font(BODY.font).text(definition, { paragraphGap: 4, lineGap: BODY.lineGap });
  }
}

/**
 * Adds a bookmark pointing at the current position. pdfkit computes the destination's left edge as
 * `page width - options.left`, so passing the page width puts it at the left margin of the page.
 */
function addOutlineItem(doc: Doc, parent: OutlineItem, title: string): OutlineItem {
  // @types/pdfkit declares only `expanded`, but pdfkit reads `top` and `left` too.
  const destination: { expanded?: boolean } = { top: doc.y, left: doc.page.width } as { expanded?: boolean };
  return parent.addItem(title, destination);
}

function heading(doc: Doc, text: string, size: number): void {
  doc
    .font('Times-Bold')
    .fontSize(size)
    .text(text, MARGIN, doc.y, { width: textWidth(doc) });
  doc.moveDown(0.5);
}

function drawBlocks(doc: Doc, blocks: Block[]): void {
  for (const block of blocks) {
    if (typeof block === 'string') paragraph(doc, block);
    else if ('code' in block) codeBlock(doc, block.code);
    else table(doc, block.table);
  }
}

function paragraph(doc: Doc, text: string): void {
  keepWithNext(doc, 2 * lineHeight(doc, BODY.size));
  doc
    .font(BODY.font)
    .fontSize(BODY.size)
    .text(text, MARGIN, doc.y, {
      width: textWidth(doc),
      align: 'justify',
      lineGap: BODY.lineGap,
      paragraphGap: BODY.paragraphGap,
    });
}

function codeBlock(doc: Doc, code: string): void {
  doc.font(CODE.font).fontSize(CODE.size);
  const x = MARGIN + 18;
  const width = textWidth(doc) - 36;
  const height = doc.heightOfString(code, { width, lineGap: CODE.lineGap }) + 2 * CODE.pad;
  keepWithNext(doc, height + BODY.paragraphGap);
  const top = doc.y;
  doc.rect(x - CODE.pad, top, width + 2 * CODE.pad, height).fill('#f2f2f2');
  doc.fillColor('black').text(code, x, top + CODE.pad, { width, lineGap: CODE.lineGap, lineBreak: false });
  doc.x = MARGIN;
  doc.y = top + height + BODY.paragraphGap + 2;
}

function table(doc: Doc, spec: ExampleTable): void {
  const size = 10.5;
  const rowHeight = 17;
  const width = textWidth(doc) * 0.85;
  const left = MARGIN + (textWidth(doc) - width) / 2;
  keepWithNext(doc, rowHeight * (spec.rows.length + 2) + 20);
  doc.font('Times-Italic').fontSize(size).text(spec.caption, left, doc.y, { width, align: 'center' });
  doc.moveDown(0.4);
  const xs = columnStarts(left, width, spec.widths);
  let y = doc.y;
  rule(doc, left, width, y);
  y = tableRow(doc, spec.columns, xs, y, rowHeight, 'Times-Bold', size);
  rule(doc, left, width, y, 0.5);
  for (const row of spec.rows) y = tableRow(doc, row, xs, y, rowHeight, 'Times-Roman', size);
  rule(doc, left, width, y);
  doc.x = MARGIN;
  doc.y = y + BODY.paragraphGap + 4;
}

function columnStarts(left: number, width: number, shares: number[]): number[] {
  let x = left;
  return shares.map((share) => {
    const start = x;
    x += share * width;
    return start;
  });
}

function tableRow(
  doc: Doc,
  cells: string[],
  xs: number[],
  y: number,
  height: number,
  font: string,
  size: number,
) {
  doc.font(font).fontSize(size);
  cells.forEach((cell, index) => {
    doc.text(cell, (xs[index] ?? 0) + 4, y + (height - size) / 2, { lineBreak: false });
  });
  return y + height;
}

function rule(doc: Doc, left: number, width: number, y: number, lineWidth = 1): void {
  doc
    .moveTo(left, y)
    .lineTo(left + width, y)
    .lineWidth(lineWidth)
    .stroke('black');
}

/** Running header (the document title) and page number on every page but the title page. */
function drawRunningHeadsAndPageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start + 1; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const { width, height } = doc.page;
    doc.font('Times-Italic').fontSize(9).fillColor('#444444');
    doc.text(DOCUMENT.title, MARGIN, MARGIN - 34, { lineBreak: false });
    rule(doc, MARGIN, width - 2 * MARGIN, MARGIN - 22, 0.4);
    const number = String(index + 1);
    doc.font('Times-Roman').fontSize(10).fillColor('black');
    doc.text(number, (width - doc.widthOfString(number)) / 2, height - MARGIN + 30, { lineBreak: false });
  }
}

/** Starts a new page unless `height` more points fit above the bottom margin. */
function keepWithNext(doc: Doc, height: number): void {
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function lineHeight(doc: Doc, size: number): number {
  return doc.font(BODY.font).fontSize(size).currentLineHeight(true) + BODY.lineGap;
}

function textWidth(doc: Doc): number {
  return doc.page.width - 2 * MARGIN;
}

async function main(): Promise<void> {
  const out = process.argv[2] ?? EXAMPLE_PDF_PATH;
  const bytes = await renderExamplePdf();
  await writeFile(out, bytes);
  console.log(`wrote ${out} (${bytes.length} bytes)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main();
}
