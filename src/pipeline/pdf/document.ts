/**
 * A PDF opened in the PDFium engine, and what we read from it: a page's text as runs of characters with their
 * position, font size and weight; the outline; the title and author. Every method is synchronous and calls the
 * engine, so callers run them under {@link runInEngine}'s time limit.
 *
 * The file's bytes live in the engine's heap while the document is open (PDFium reads them lazily); `close()`
 * frees them with the document. Each page and text page is closed before the method that opened it returns.
 */
import type { OutlineEntry } from '../../domain/document.ts';
import { bandBytesFor, bandRows } from './bands.ts';
import { type Engine, engineLimits } from './engine.ts';
import type { RawItem } from './lines.ts';
import { softMaskedSizes } from './soft-masks.ts';
import {
  composeNegations,
  DECODED_NEGATION_SLASH,
  NEGATION_SLASH,
  type TexDecoder,
  texDecoder,
} from './tex-fonts.ts';
import { cleanText, collapseWhitespace } from './text.ts';

/** A page's box as shown (after /Rotate), with PDF's y growing upwards. */
export interface PageBox {
  left: number;
  right: number;
  bottom: number;
  top: number;
}

/** One page's text runs, its box, and how many non-whitespace characters its text layer has. */
export interface PageItems {
  box: PageBox;
  items: RawItem[];
  chars: number;
}

/**
 * A page drawn in grey: `width × height` bytes, one per pixel (0 black, 255 white), row after row. `pixels` is
 * preceded in its buffer by {@link IMAGE_HEADER_ROOM} free bytes, where an image file's header can be written so
 * that the file is made without copying the pixels (ocr.ts's PGM for Tesseract: 8 MB a page at 300 dpi).
 */
export interface GrayImage {
  width: number;
  height: number;
  dpi: number;
  pixels: Uint8Array;
}

/** A page drawn by {@link PdfiumDocument.renderGray}, and in how many calls into PDFium (bands of rows). */
export interface DrawnPage extends GrayImage {
  bands: number;
}

/** How {@link PdfiumDocument.renderGray} draws a page. */
export interface DrawOptions {
  /**
   * Most bytes of stretched image rows one band of rows may need (pdf/bands.ts); `Infinity` draws every page in one
   * call. @defaultValue `bandBytesFor(PDF_MAX_MEMORY_MB)`: a quarter of the engine's cap, at most 40 MB
   */
  bandBytes?: number;
  /**
   * Pixel sizes of the file's images that have a soft mask (pdf/soft-masks.ts `softMaskedSizes`), found once per
   * file by its opener (load.ts `PdfHandle.softMasked`), so that a document opened again in a fresh engine does not
   * read the file again. @defaultValue read from the document's bytes in the engine when a page is first drawn
   */
  softMasked?: ReadonlySet<string>;
}

/** Free bytes before a {@link GrayImage}'s pixels: a PGM header (`P5\n99999 99999\n255\n`, 19 bytes) fits. */
export const IMAGE_HEADER_ROOM = 32;

/** The pixel buffers drawn here, which have {@link IMAGE_HEADER_ROOM} free bytes before their pixels. */
const ROOMY = new WeakSet<ArrayBufferLike>();

/**
 * Whether `pixels` were drawn by {@link PdfiumDocument.renderGray}, with free room before them for a header: an
 * image made elsewhere may be a view into a buffer whose bytes before it belong to something else (Node's pooled
 * Buffers are).
 */
export const hasHeaderRoom = (pixels: Uint8Array): boolean =>
  ROOMY.has(pixels.buffer) && pixels.byteOffset === IMAGE_HEADER_ROOM;

/** FPDFBitmap_Gray: one byte per pixel. */
const BITMAP_GRAY = 1;
const WHITE = 0xffffffff;
/**
 * FPDF_ANNOT (draw annotations, e.g. filled form fields). Not FPDF_GRAYSCALE: the grey bitmap makes the page grey
 * already, and that flag has PDFium convert each image to grey whole, at its full size, 4 bytes a pixel, whatever
 * the page is drawn at: a 9000 × 9000 scan (om-mixed-scan-text.pdf p. 2) asked for 337 MB to be drawn at 72 dpi.
 * Without it the pixels differ by at most 2 of 255 (rounding) on the corpus scans.
 */
const RENDER_FLAGS = 0x01;

/** Why PDFium could not open a file (FPDF_GetLastError). */
export type OpenFailure = 'password' | 'security' | 'format' | 'file' | 'unknown';

/** FPDF_LoadMemDocument failed. */
export class PdfiumOpenError extends Error {
  constructor(readonly reason: OpenFailure) {
    super(`PDFium could not open the file (${reason})`);
  }
}

const LAST_ERROR: Record<number, OpenFailure> = { 2: 'file', 3: 'format', 4: 'password', 5: 'security' };

/**
 * A run ends where the next character is further right than this many font sizes (the line builder splits
 * lines at 0.9: a run must never bridge a column gap), or further left than {@link BACK_EM} (overlapping
 * glyphs, such as a ligature's, stay in the run).
 */
const ITEM_GAP_EM = 0.8;
const BACK_EM = 1;
/** A character this far above or below a run's baseline, in font sizes, starts a new run. */
const BASELINE_EM = 0.45;
/** Outline entries beyond this are ignored: a hostile outline must not make us walk millions of them. */
const MAX_OUTLINE_ENTRIES = 10_000;
const MAX_OUTLINE_DEPTH = 64;
/** Text whose baseline climbs more than this per unit of advance (about 6°) runs at an angle. */
const ANGLED_SLOPE = 0.1;

interface TextStyle {
  size: number;
  bold: boolean;
  angled: boolean;
  /** The font's decoder when it is one of TeX's (pdf/tex-fonts.ts), undefined for every other font. */
  tex: TexDecoder | undefined;
}

/** What is read of a font once per page: bold or not, and its TeX decoder. */
interface FontFacts {
  bold: boolean;
  tex: TexDecoder | undefined;
}

const PLAIN_FONT: FontFacts = { bold: false, tex: undefined };

const BOLD_NAME = /bold|black|heavy|semibold|demi|[-,_]bd$|\bbd\b|bx(?:ti|sl)?\d+$/i;
/** PDF font descriptor flag ForceBold. */
const FORCE_BOLD = 1 << 18;
/** PDFium marks a hyphen it found at a line end with U+0002; it was printed as a hyphen. */
const PDFIUM_LINE_END_HYPHEN = 2;

/** Bytes of scratch memory for out-parameters: doubles, a rectangle, a matrix, a font name. */
const SCRATCH_BYTES = 512;
const NAME_BYTES = 256;

export class PdfiumDocument {
  readonly pageCount: number;
  #closed = false;
  /** Code units of the page being read, reused from page to page (see {@link #readText}). */
  readonly #units: number[] = [];
  /** Pixel sizes of the file's images with a soft mask, read from the file when a page is first drawn without them. */
  #softMasked: Set<string> | undefined;

  private constructor(
    readonly engine: Engine,
    private readonly doc: number,
    private readonly data: number,
    private readonly size: number,
    private readonly scratch: number,
  ) {
    this.pageCount = engine.exports.FPDF_GetPageCount!(doc);
  }

  /**
   * Opens `bytes` (copied into the engine's heap). An encrypted file opens with its user password, or
   * without one when that password is empty.
   * @throws PdfiumOpenError with PDFium's reason.
   */
  static open(engine: Engine, bytes: Uint8Array, password: string | undefined): PdfiumDocument {
    const E = engine.exports;
    const data = E.malloc!(Math.max(1, bytes.length));
    engine.heapU8().set(bytes, data);
    const pass = password === undefined ? 0 : engine.allocString(password);
    const doc = E.FPDF_LoadMemDocument!(data, bytes.length, pass);
    if (pass) E.free!(pass);
    if (!doc) {
      const reason = LAST_ERROR[E.FPDF_GetLastError!()] ?? 'unknown';
      E.free!(data);
      throw new PdfiumOpenError(reason);
    }
    return new PdfiumDocument(engine, doc, data, bytes.length, E.malloc!(SCRATCH_BYTES));
  }

  /** Page `index` (from 0): its text runs in content order, its box and character count. */
  readPage(index: number): PageItems {
    const E = this.engine.exports;
    const page = E.FPDF_LoadPage!(this.doc, index);
    if (!page) throw new Error('the page cannot be loaded');
    try {
      const box = this.#pageBox(page);
      const text = E.FPDFText_LoadPage!(page);
      if (!text) return { box: box.shown, items: [], chars: 0 };
      try {
        return { box: box.shown, ...this.#readText(text, box) };
      } finally {
        E.FPDFText_ClosePage!(text);
      }
    } finally {
      E.FPDF_ClosePage!(page);
    }
  }

  /** The page box in user space, the box as shown, and the rotation (quarter turns clockwise). */
  #pageBox(page: number): { user: PageBox; shown: PageBox; rotation: number } {
    const E = this.engine.exports;
    const r = this.scratch;
    let user: PageBox;
    if (E.FPDF_GetPageBoundingBox!(page, r)) {
      const f = this.engine.heapF32();
      const k = r >> 2;
      // FS_RECTF: left, top, right, bottom (read by index: destructuring a subarray goes through its iterator).
      const left = f[k] as number;
      const top = f[k + 1] as number;
      const right = f[k + 2] as number;
      const bottom = f[k + 3] as number;
      user = {
        left: Math.min(left, right),
        right: Math.max(left, right),
        bottom: Math.min(bottom, top),
        top: Math.max(bottom, top),
      };
    } else user = { left: 0, right: 612, bottom: 0, top: 792 };
    const rotation = E.FPDFPage_GetRotation!(page) & 3;
    if (rotation === 0) return { user, shown: user, rotation };
    const width = user.right - user.left;
    const height = user.top - user.bottom;
    const turned = rotation % 2 === 1;
    return {
      user,
      shown: { left: 0, bottom: 0, right: turned ? height : width, top: turned ? width : height },
      rotation,
    };
  }

  /**
   * The page's characters as runs (RawItems): a run is characters of one style on one line with no wide gap,
   * positioned on the page as shown. Text drawn at an angle on the page as shown (a rotated label)
   * is one run per text object, placed at its first character, as pdf.js reported it.
   */
  #readText(text: number, box: { user: PageBox; rotation: number }): { items: RawItem[]; chars: number } {
    const E = this.engine.exports;
    const getUnicode = E.FPDFText_GetUnicode!;
    const textObject = E.FPDFText_GetTextObject!;
    const looseBox = E.FPDFText_GetLooseCharBox!;
    const isHyphen = E.FPDFText_IsHyphen!;
    const rect = this.scratch;
    const show = shownPoint(box.rotation, box.user);
    const { user } = box;
    const fonts = new Map<number, FontFacts>();
    const items: RawItem[] = [];
    const count = E.FPDFText_CountChars!(text);
    let chars = 0;
    let item: RawItem | undefined;
    /**
     * The page's UTF-16 code units, run after run, in one array kept from page to page (an array per run was most
     * of what extraction allocated); run `i`'s are `units[starts[i]]` up to the next run's start. Each run's
     * `str` is made once, at the end.
     */
    const units = this.#units;
    let end = 0;
    const starts: number[] = [];
    /** The current run's vertical middle and right end (horizontal runs), or its first origin (angled ones). */
    let itemMid = 0;
    let right = 0;
    let startX = 0;
    let startY = 0;
    let object = 0;
    let style: TextStyle = { size: 1, bold: false, angled: false, tex: undefined };
    /** A decoded TeX character's text when it is not one code point (a ligature, or '' for none). */
    let several: string | undefined;
    /** Whether a TeX negation slash was read on the page (composed with its sign at the end). */
    let negated = false;
    for (let i = 0; i < count; i++) {
      let u = getUnicode(text, i);
      // PDFium gives a character past U+FFFF (a mathematical italic letter) as two, its UTF-16 surrogates: read
      // whole, at the first one's place; alone, each became U+FFFD.
      const low = u >= 0xd800 && u < 0xdc00 && i + 1 < count ? getUnicode(text, i + 1) : 0;
      const paired = low >= 0xdc00 && low <= 0xdfff;
      if (paired) u = 0x10000 + ((u - 0xd800) << 10) + (low - 0xdc00);
      several = undefined;
      /** Whether u is already what the character stands for (decoded, or PDFium's hyphen): not decoded again. */
      let read = false;
      // A control character is a TeX font's raw code (Δ is code 1 in CMR) or PDFium's own (line ends, which belong
      // to no text object; U+0002, a hyphen it found at a line end): decoded here, before it is taken for white
      // space, a line end or a hyphen. Code 2 of a TeX font (MSBM's ≰, CMEX's big "[") is told from PDFium's
      // hyphen by asking PDFium.
      if (u < 0x20) {
        const obj = textObject(text, i);
        const tex = obj ? this.#font(obj, fonts).tex : undefined;
        const d = u === PDFIUM_LINE_END_HYPHEN && isHyphen(text, i) ? undefined : tex?.get(u);
        if (d !== undefined) {
          read = true;
          if (typeof d === 'number') u = d;
          else if (d === '') continue;
          else [u, several] = [d.codePointAt(0) as number, d];
        }
      }
      if (u === 0x0d || u === 0x0a) {
        item = undefined;
        continue;
      }
      if (u === 0x20 || u === 0x09 || u === 0xa0 || u === 0) {
        if (item && units[end - 1] !== SPACE) units[end++] = SPACE;
        continue;
      }
      if (u === PDFIUM_LINE_END_HYPHEN && !read) [u, read] = [0x2d, true];
      const obj = textObject(text, i);
      if (obj !== object) {
        object = obj;
        const next = this.#style(text, i, obj, box.rotation, fonts);
        // A run goes on across text objects of one style (a line drawn word by word, dot leaders), as far as
        // the gap and baseline tests below allow.
        if (next.angled || style.angled || next.size !== style.size || next.bold !== style.bold)
          item = undefined;
        style = next;
      }
      // A TeX font's raw code as a Latin letter ('h' for ⟨): decided per text object, one test per character.
      if (style.tex !== undefined && !read) {
        const d = style.tex.get(u);
        if (d !== undefined) {
          read = true;
          if (typeof d === 'number') u = d;
          else if (d === '') continue;
          else [u, several] = [d.codePointAt(0) as number, d];
        }
      }
      // A decoded negation slash is marked, so that only TeX's are moved after the sign they strike.
      if (read && u === NEGATION_SLASH) [u, negated] = [DECODED_NEGATION_SLASH, true];
      chars++;
      const { size } = style;
      if (style.angled) {
        const [x, y] = this.#origin(text, i, show);
        if (item === undefined) {
          item = { str: '', x, y, width: 0, size, bold: style.bold };
          items.push(item);
          starts.push(end);
          [startX, startY] = [x, y];
        }
        end = several === undefined ? pushChar(units, end, u) : pushText(units, end, several);
        if (paired) i++;
        item.width = Math.hypot(x - startX, y - startY) + size * 0.5;
        continue;
      }
      looseBox(text, i, rect);
      const f32 = this.engine.heapF32();
      const k = rect >> 2;
      // FS_RECTF: left, top, right, bottom, in user space; turned as shown without allocating (hot loop).
      const l = f32[k] as number;
      const t = f32[k + 1] as number;
      const r = f32[k + 2] as number;
      const b = f32[k + 3] as number;
      let x0 = l;
      let x1 = r;
      let mid = (t + b) / 2;
      if (box.rotation === 1) [x0, x1, mid] = [b - user.bottom, t - user.bottom, user.right - (l + r) / 2];
      else if (box.rotation === 2) [x0, x1, mid] = [user.right - r, user.right - l, user.top - (t + b) / 2];
      else if (box.rotation === 3) [x0, x1, mid] = [user.top - t, user.top - b, (l + r) / 2 - user.left];
      if (item !== undefined) {
        const gap = x0 - right;
        if (gap > size * ITEM_GAP_EM || gap < -size * BACK_EM || Math.abs(mid - itemMid) > size * BASELINE_EM)
          item = undefined;
      }
      if (item === undefined) {
        const [, y] = this.#origin(text, i, show);
        item = { str: '', x: x0, y, width: 0, size, bold: style.bold };
        items.push(item);
        starts.push(end);
        itemMid = mid;
        right = x1;
      }
      end = several === undefined ? pushChar(units, end, u) : pushText(units, end, several);
      if (paired) i++;
      if (x1 > right) right = x1;
      if (x0 < item.x) item.x = x0;
      item.width = right - item.x;
    }
    starts.push(end);
    items.forEach((run, i) => {
      run.str = fromCodeUnits(units, starts[i] as number, starts[i + 1] as number);
      if (negated) run.str = composeNegations(run.str);
    });
    return { items, chars };
  }

  /** A character's origin (on its baseline), on the page as shown. */
  #origin(text: number, i: number, show: (x: number, y: number) => [number, number]): [number, number] {
    const point = this.scratch + 16;
    this.engine.exports.FPDFText_GetCharOrigin!(text, i, point, point + 8);
    const f64 = this.engine.heapF64();
    return show(f64[point >> 3] as number, f64[(point >> 3) + 1] as number);
  }

  /**
   * The style of a text object, from its first character: the size it is drawn at (its nominal size scaled by
   * its text and page matrices), bold or not, and whether it runs at an angle on the page as shown.
   */
  #style(text: number, i: number, obj: number, rotation: number, fonts: Map<number, FontFacts>): TextStyle {
    const E = this.engine.exports;
    const nominal = E.FPDFText_GetFontSize!(text, i);
    const { bold, tex } = this.#font(obj, fonts);
    const m = this.scratch + 32;
    if (!E.FPDFText_GetMatrix!(text, i, m)) return { size: nominal || 1, bold, angled: false, tex };
    const f = this.engine.heapF32();
    const k = m >> 2;
    // Read by index: destructuring a subarray goes through its iterator, which allocated per text object.
    const a = f[k] as number;
    const b = f[k + 1] as number;
    const c = f[k + 2] as number;
    const d = f[k + 3] as number;
    // The run's direction (a, b) as shown: a quarter turn swaps and negates its components.
    const [dx, dy] = rotation % 2 === 0 ? [a, b] : [b, a];
    const angled = Math.abs(dy) > Math.abs(dx) * ANGLED_SLOPE;
    return { size: nominal * Math.hypot(c, d) || nominal || 1, bold, angled, tex };
  }

  /**
   * A text object's font: bold or not (by name, weight 600 and up, or ForceBold) and its decoder when it is one of
   * TeX's; read once per font per page.
   */
  #font(obj: number, cache: Map<number, FontFacts>): FontFacts {
    const E = this.engine.exports;
    const font = E.FPDFTextObj_GetFont!(obj);
    if (!font) return PLAIN_FONT;
    let facts = cache.get(font);
    if (facts === undefined) {
      const name = this.scratch + SCRATCH_BYTES - NAME_BYTES;
      const length = E.FPDFFont_GetBaseFontName!(font, name, NAME_BYTES);
      const fontName = length > 0 ? utf8(this.engine.heapU8(), name, Math.min(length, NAME_BYTES)) : '';
      const baseName = fontName.replace(/^[A-Z]{6}\+/, '');
      const weight = E.FPDFFont_GetWeight!(font);
      const flags = E.FPDFFont_GetFlags!(font);
      facts = {
        bold: BOLD_NAME.test(baseName) || weight >= 600 || (flags & FORCE_BOLD) !== 0,
        tex: texDecoder(baseName),
      };
      cache.set(font, facts);
    }
    return facts;
  }

  /** The outline flattened in document order; an entry without a page destination gets `page: null`. */
  outline(): OutlineEntry[] {
    const E = this.engine.exports;
    const out: OutlineEntry[] = [];
    const seen = new Set<number>();
    const walk = (first: number, level: number) => {
      for (let bm = first; bm && out.length < MAX_OUTLINE_ENTRIES && !seen.has(bm); ) {
        seen.add(bm);
        out.push({ title: this.#bookmarkTitle(bm), level, page: this.#bookmarkPage(bm) });
        if (level < MAX_OUTLINE_DEPTH) walk(E.FPDFBookmark_GetFirstChild!(this.doc, bm), level + 1);
        bm = E.FPDFBookmark_GetNextSibling!(this.doc, bm);
      }
    };
    walk(E.FPDFBookmark_GetFirstChild!(this.doc, 0), 1);
    return out;
  }

  #bookmarkTitle(bm: number): string {
    const E = this.engine.exports;
    return collapseWhitespace(cleanText(this.#utf16((buf, len) => E.FPDFBookmark_GetTitle!(bm, buf, len))));
  }

  #bookmarkPage(bm: number): number | null {
    const E = this.engine.exports;
    let dest = E.FPDFBookmark_GetDest!(this.doc, bm);
    if (!dest) {
      const action = E.FPDFBookmark_GetAction!(bm);
      // PDFACTION_GOTO: a destination in this document.
      if (action && E.FPDFAction_GetType!(action) === 1) dest = E.FPDFAction_GetDest!(this.doc, action);
    }
    if (!dest) return null;
    const index = E.FPDFDest_GetDestPageIndex!(this.doc, dest);
    return index >= 0 && index < this.pageCount ? index + 1 : null;
  }

  /** Title and author of the document information dictionary; only non-empty values. */
  metadata(): { title?: string; author?: string } {
    const title = this.metaText('Title');
    const author = this.metaText('Author');
    return { ...(title ? { title } : {}), ...(author ? { author } : {}) };
  }

  /** An entry of the document information dictionary (`Title`, `Subject`, `CreationDate`…), '' when absent. */
  metaText(key: string): string {
    const E = this.engine.exports;
    const tag = this.engine.allocString(key);
    try {
      return collapseWhitespace(
        cleanText(this.#utf16((buf, len) => E.FPDF_GetMetaText!(this.doc, tag, buf, len))),
      );
    } finally {
      E.free!(tag);
    }
  }

  /** A UTF-16LE string from a PDFium getter that returns the bytes it needs (with the terminator). */
  #utf16(get: (buffer: number, length: number) => number): string {
    const E = this.engine.exports;
    const needed = get(0, 0);
    if (needed <= 2) return '';
    const bytes = Math.min(needed, 1 << 20);
    const buf = E.malloc!(bytes);
    try {
      get(buf, bytes);
      const heap = this.engine.heapU8();
      return new TextDecoder('utf-16le').decode(heap.subarray(buf, buf + bytes - 2));
    } finally {
      E.free!(buf);
    }
  }

  /** Page `index`'s size in points, as shown (after /Rotate). */
  pageSize(index: number): { width: number; height: number } {
    const E = this.engine.exports;
    const size = this.scratch;
    if (!E.FPDF_GetPageSizeByIndexF!(this.doc, index, size)) return { width: 612, height: 792 };
    const f = this.engine.heapF32();
    return { width: f[size >> 2] as number, height: f[(size >> 2) + 1] as number };
  }

  /**
   * Page `index` (from 0) drawn in 8-bit grey on white at `dpi`, as shown (after /Rotate), with annotations.
   * Drawn in bands of rows when its images are large (pdf/bands.ts), each band's bitmap freed before the next;
   * the pixels are a copy, row after row.
   * @throws Error when the page cannot be loaded or the bitmap cannot be made.
   */
  renderGray(index: number, dpi: number, options: DrawOptions = {}): DrawnPage {
    const bandBytes = options.bandBytes ?? bandBytesFor(engineLimits().maxMemoryMb);
    const E = this.engine.exports;
    const page = E.FPDF_LoadPage!(this.doc, index);
    if (!page) throw new Error('the page cannot be loaded');
    try {
      const scale = dpi / 72;
      const width = Math.max(1, Math.round(E.FPDF_GetPageWidthF!(page) * scale));
      const height = Math.max(1, Math.round(E.FPDF_GetPageHeightF!(page) * scale));
      const softMasked = options.softMasked ?? this.#ownSoftMasked();
      const size = { width, height, dpi };
      const rows = bandRows(this.engine, page, size, bandBytes, softMasked, this.scratch);
      const pixels = new Uint8Array(IMAGE_HEADER_ROOM + width * height).subarray(IMAGE_HEADER_ROOM);
      ROOMY.add(pixels.buffer);
      for (let top = 0; top < height; top += rows)
        this.drawBand(page, { width, height }, top, Math.min(rows, height - top), pixels);
      return { width, height, dpi, pixels, bands: Math.ceil(height / rows) };
    } finally {
      E.FPDF_ClosePage!(page);
    }
  }

  /** The file's soft-masked image sizes, read from the document's bytes in the engine once. */
  #ownSoftMasked(): Set<string> {
    this.#softMasked ??= softMaskedSizes(this.engine.heapU8().subarray(this.data, this.data + this.size));
    return this.#softMasked;
  }

  /**
   * Rows `top` to `top + rows` of the page drawn `size.width` × `size.height` (see pdf/bands.ts), copied into
   * `pixels` (the whole page's, row after row). The band's bitmap is freed before this returns.
   */
  private drawBand(
    page: number,
    size: { width: number; height: number },
    top: number,
    rows: number,
    pixels: Uint8Array,
  ): void {
    const E = this.engine.exports;
    const { width, height } = size;
    const bitmap = E.FPDFBitmap_CreateEx!(width, rows, BITMAP_GRAY, 0, 0);
    if (!bitmap) throw new Error(`a ${width}×${rows} bitmap cannot be made`);
    try {
      E.FPDFBitmap_FillRect!(bitmap, 0, 0, width, rows, WHITE);
      // The page placed `top` rows above the bitmap: PDFium draws only what falls on it.
      E.FPDF_RenderPageBitmap!(bitmap, page, 0, -top, width, height, 0, RENDER_FLAGS);
      const buffer = E.FPDFBitmap_GetBuffer!(bitmap);
      const stride = E.FPDFBitmap_GetStride!(bitmap);
      const heap = this.engine.heapU8();
      for (let y = 0; y < rows; y++)
        pixels.set(heap.subarray(buffer + y * stride, buffer + y * stride + width), (top + y) * width);
    } finally {
      E.FPDFBitmap_Destroy!(bitmap);
    }
  }

  /** Closes the document and frees its bytes; safe to call twice. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const E = this.engine.exports;
    E.FPDF_CloseDocument!(this.doc);
    E.free!(this.data);
    E.free!(this.scratch);
  }

  /** The PDFium handle of the document (for rendering). */
  get handle(): number {
    return this.doc;
  }
}

/** A point in user space → the same point on the page as shown, for `rotation` quarter turns clockwise. */
function shownPoint(rotation: number, box: PageBox): (x: number, y: number) => [number, number] {
  switch (rotation) {
    case 1:
      return (x, y) => [y - box.bottom, box.right - x];
    case 2:
      return (x, y) => [box.right - x, box.top - y];
    case 3:
      return (x, y) => [box.top - y, x - box.left];
    default:
      return (x, y) => [x, y];
  }
}

const SPACE = 0x20;
/** Code units per `String.fromCharCode` call: far below any engine's limit on arguments. */
const CODE_UNITS_PER_CALL = 4096;

/**
 * Writes code point `u` as UTF-16 at `units[end]` and returns the new end; a lone surrogate or a value past
 * U+10FFFF becomes U+FFFD.
 */
function pushChar(units: number[], end: number, u: number): number {
  if (u > 0x10ffff || (u >= 0xd800 && u <= 0xdfff)) units[end++] = 0xfffd;
  else if (u > 0xffff) {
    units[end++] = 0xd800 + ((u - 0x10000) >> 10);
    units[end++] = 0xdc00 + ((u - 0x10000) & 0x3ff);
  } else units[end++] = u;
  return end;
}

/** Writes `text`'s code units at `units[end]` and returns the new end. */
function pushText(units: number[], end: number, text: string): number {
  for (let k = 0; k < text.length; k++) units[end++] = text.charCodeAt(k);
  return end;
}

/**
 * The text of `units[from]` up to `units[to]`, in one string (characters appended one by one make a rope to
 * flatten).
 */
function fromCodeUnits(units: number[], from: number, to: number): string {
  let out = '';
  for (let i = from; i < to; i += CODE_UNITS_PER_CALL)
    out += String.fromCharCode.apply(null, units.slice(i, Math.min(to, i + CODE_UNITS_PER_CALL)));
  return out;
}

function utf8(heap: Uint8Array, ptr: number, length: number): string {
  let end = ptr;
  while (end < ptr + length && heap[end] !== 0) end++;
  return new TextDecoder().decode(heap.subarray(ptr, end));
}
