/**
 * What a quiz is made of: sentences of the course (lesson summaries first, then the chunks' other sentences),
 * each with its page, chunk and module, and the key terms that can be blanked out or swapped.
 */
import type { Course, Module } from '../../domain/course.ts';
import type { Chunk } from '../../domain/document.ts';
import { isGoodSentence } from '../rules/sentences/shape.ts';
import { splitSentences } from '../text/sentences.ts';
import { hasCjk, scan, squashedText } from '../text/words.ts';

/** A sentence a question can be made from. */
export interface Source {
  text: string;
  page: number;
  chunkId?: string;
  moduleIndex?: number;
}

/** Modules a quiz covers, with their index in the course. */
export type Scope = { module: Module; index: number }[];

/** Summary sentences of the scope, in course order; `good` ones only unless `anyQuality`. */
export function summarySources(scope: Scope, anyQuality = false): Source[] {
  return scope.flatMap(({ module, index }) =>
    module.lessons.flatMap((l) =>
      l.summary
        .filter((s) => anyQuality || isGoodSentence(s.text))
        .map((s) => ({
          text: s.text,
          page: s.citations[0]!.page,
          chunkId: s.citations[0]!.chunkId,
          moduleIndex: index,
        })),
    ),
  );
}

/** Which chunks {@link chunkSources} reads. */
export interface ChunkSourceOptions {
  /** Also list items without terminal punctuation (slides). @defaultValue false */
  listItems?: boolean;
  /**
   * `one`: only chunks on one page, whose sentences' page is known; `several`: only the others, where it is
   * estimated from the sentence's place in the chunk. @defaultValue every chunk
   */
  pages?: 'one' | 'several';
}

/** Good sentences of the chunks inside the scope's modules, with their page. */
export function chunkSources(
  scope: Scope,
  chunks: readonly Chunk[],
  { listItems = false, pages: span }: ChunkSourceOptions = {},
): Source[] {
  const out: Source[] = [];
  let previous: Chunk | undefined;
  for (const chunk of chunks) {
    const before = previous;
    previous = chunk;
    const onePage = chunk.pageStart === chunk.pageEnd;
    if ((span === 'one' && !onePage) || (span === 'several' && onePage)) continue;
    const owner = scope.find(
      ({ module }) => chunk.pageStart >= module.pageStart && chunk.pageEnd <= module.pageEnd,
    );
    // Only the text of the module's lessons: front and back matter, which no lesson shows, gives no question.
    if (!owner?.module.lessons.some((l) => startsWith(chunk.sectionPath, l.sectionPath))) continue;
    const text = squashedText(chunk);
    // A chunk that continues its section may open mid-sentence ("U.S.C. 1533); and (2) animal…"); when it
    // overlaps the chunk before, that one has the whole sentence.
    const opensMidText =
      before?.sectionIndex === chunk.sectionIndex && squashedText(before).includes(text.slice(0, 40));
    let offset = 0;
    for (const [i, sentence] of splitSentences(chunk.text).entries()) {
      const at = text.indexOf(sentence, offset);
      if (at >= 0) offset = at;
      if ((i === 0 && opensMidText) || !isGoodSentence(sentence, scan(sentence), listItems)) continue;
      const pages = chunk.pageEnd - chunk.pageStart + 1;
      const page = Math.min(
        chunk.pageEnd,
        chunk.pageStart + Math.floor((offset / (text.length || 1)) * pages),
      );
      out.push({ text: sentence, page, chunkId: chunk.id, moduleIndex: owner.index });
    }
  }
  return out;
}

/**
 * The sources of one quiz's scope, each list made once however many tiers and makers read it (the numerical
 * maker reads the summaries and the one-page chunks' sentences the assembler's tiers read too). The lists are
 * shared: shuffle a copy.
 */
export class ScopeSources {
  private readonly lists = new Map<string, readonly Source[]>();

  constructor(
    readonly scope: Scope,
    readonly chunks: readonly Chunk[],
  ) {}

  /** {@link summarySources} of the scope (good ones). */
  summaries(): readonly Source[] {
    return this.memo('summaries', () => summarySources(this.scope));
  }

  /** {@link chunkSources} of the scope. */
  ofChunks(options: ChunkSourceOptions = {}): readonly Source[] {
    const key = `chunks ${options.listItems ?? false} ${options.pages ?? 'any'}`;
    return this.memo(key, () => chunkSources(this.scope, this.chunks, options));
  }

  private memo(key: string, make: () => readonly Source[]): readonly Source[] {
    let list = this.lists.get(key);
    if (!list) {
      list = make();
      this.lists.set(key, list);
    }
    return list;
  }
}

const startsWith = (path: readonly string[], prefix: readonly string[]) =>
  prefix.length > 0 && prefix.length <= path.length && prefix.every((p, i) => path[i] === p);

/**
 * Key terms of the course, its modules and lessons, each once (first spelling wins), most general first; none
 * shorter than three letters (two in Japanese: 文字, 縦組).
 */
export function termPool(course: Course): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  const all = [
    ...course.keyTerms,
    ...course.modules.flatMap((m) => m.keyTerms),
    ...course.modules.flatMap((m) => m.lessons.flatMap((l) => l.keyTerms)),
  ];
  for (const t of all) {
    const key = t.toLowerCase();
    if (t.trim().length < (hasCjk(t) ? 2 : 3) || seen.has(key)) continue;
    seen.add(key);
    out.push(t);
  }
  return out;
}

/** Normal form for comparing prompts and sentences: lower case, letters and digits only. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Share of their words two sentences may have in common before a question about each is one too many. */
const NEAR_DUPLICATE = 0.8;

/**
 * Sentences a quiz already asks about. One that says nearly the same as another ("Donations … to GPF #509",
 * "Donations … to GPF #515") counts as asked: two such questions test one thing, or nothing a reader can know.
 */
export class AskedSentences {
  private readonly exact = new Set<string>();
  private readonly words: Set<string>[] = [];

  has(text: string): boolean {
    const key = normalise(text);
    if (this.exact.has(key)) return true;
    const words = likenessWords(key);
    return this.words.some((other) => {
      let shared = 0;
      for (const w of words) if (other.has(w)) shared++;
      return shared >= NEAR_DUPLICATE * Math.max(words.size, other.size);
    });
  }

  add(text: string): void {
    const key = normalise(text);
    this.exact.add(key);
    this.words.push(likenessWords(key));
  }
}

/** The words of a normalised sentence, every number the same word. */
const likenessWords = (key: string) => new Set(key.replace(/\p{N}+/gu, '0').split(' '));

/**
 * True when `rest`, the text after a word, opens with a label: "paragraph (i)", "section 106", "Definition 81".
 * That word names a part of the text, not what it says: no blank for it.
 */
export const opensWithLabel = (rest: string): boolean => LABEL.test(rest);

/** "(b)", "(iv)", "(A)", "(12a)" or a number; not an acronym in brackets ("adenosine triphosphate (ATP)"). */
const LABEL = /^\s*(?:\((?:[a-z]|[ivx]{1,4}|[A-Z]|[0-9]{1,3}[a-z]?)\)|[0-9])/u;
