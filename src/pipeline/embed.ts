/**
 * Stage 5: chunk texts → vectors, offline and deterministic.
 *
 * {@link HashEmbedder} uses the hashing trick (Weinberger et al. 2009): every feature (word unigram, word bigram,
 * character 3–5-gram of a word) is hashed to one of `dimension` buckets and a second hash bit picks the sign,
 * so collisions cancel out on average instead of piling up. Weights are sublinear term frequencies (1 + ln tf);
 * the vector is L2-normalised. Character n-grams make "photosynthesis" and "photosynthetic" neighbours and give
 * CJK text (no spaces) something to match on.
 */

import type { Chunk, ProgressFn } from '../domain/document.ts';
import type { Embedder } from '../domain/generators.ts';
import { hasCjk, splitCjk, words } from './text/words.ts';

/** The hashing embedder's name: the name of its vector spaces (`hash-ngram-v1/<dimension>`). */
export const HASH_EMBEDDER_NAME = 'hash-ngram-v1';

/** The hashing embedder's vector length when none is given (the HASH_EMBEDDING_DIM setting's default too). */
export const DEFAULT_HASH_DIMENSION = 384;

/** Options of {@link HashEmbedder}. */
export interface HashEmbedderOptions {
  /** Vector length. @defaultValue {@link DEFAULT_HASH_DIMENSION} */
  dimension?: number;
}

const FNV_PRIME = 16777619;
/** Distinct FNV offset bases per feature kind, so "ab" the word and "ab" the n-gram are different features. */
const SEED_WORD = 0x811c9dc5;
const SEED_BIGRAM = 0x050c5d1f;
const SEED_CHARS = 0x1b873593;
const WEIGHT_WORD = 1;
const WEIGHT_BIGRAM = 0.8;
/** A word has many n-grams: each weighs less so they refine rather than drown the word features. */
const WEIGHT_CHARS = 0.35;
const NGRAM_MIN = 3;
const NGRAM_MAX = 5;

/** FNV-1a over the UTF-16 code units `text[start..end)`, continuing from `hash`, finalised. No allocation. */
function fnv(text: string, start: number, end: number, hash: number): number {
  let h = hash;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return mix(h >>> 0);
}

/** murmur3's finaliser: spreads FNV's weak low bits (the table slot, the bucket and the sign use them). */
function mix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** 1 + ln(n) for small counts, the common case, without calling Math.log. */
const SUBLINEAR = Float64Array.from({ length: 64 }, (_, n) => (n === 0 ? 0 : 1 + Math.log(n)));

/** A feature's kind, stored per table slot as an index into {@link KIND_WEIGHT} (a byte, not a double). */
const KIND_WORD = 0;
const KIND_BIGRAM = 1;
const KIND_CHARS = 2;
const KIND_WEIGHT = [WEIGHT_WORD, WEIGHT_BIGRAM, WEIGHT_CHARS] as const;

/**
 * Counts of hashed features for one text: an open-addressing table reused between texts. Counts are whole
 * numbers and kinds are bytes, so a slot takes 10 bytes, not 25: the table of a long chunk stays in cache.
 */
class FeatureCounts {
  private keys = new Uint32Array(1 << 12);
  private counts = new Uint32Array(1 << 12);
  private kinds = new Uint8Array(1 << 12);
  private used = new Uint8Array(1 << 12);
  private slots = new Int32Array(1 << 11);
  private size = 0;

  add(key: number, kind: number, times: number): void {
    if (this.size * 2 >= this.keys.length) this.grow();
    const mask = this.keys.length - 1;
    let slot = key & mask;
    while (this.used[slot] && this.keys[slot] !== key) slot = (slot + 1) & mask;
    if (!this.used[slot]) {
      this.used[slot] = 1;
      this.keys[slot] = key;
      this.kinds[slot] = kind;
      this.counts[slot] = 0;
      this.slots[this.size++] = slot;
    }
    this.counts[slot]! += times;
  }

  /** Adds every feature into `vector`, in the order they were first added, and empties the table. */
  drainInto(vector: Float32Array): void {
    const dim = vector.length;
    for (let s = 0; s < this.size; s++) {
      const slot = this.slots[s]!;
      const h = mix(this.keys[slot]!);
      const count = this.counts[slot]!;
      const tf = count < 64 ? SUBLINEAR[count]! : 1 + Math.log(count);
      const bucket = Math.floor(((h >>> 1) / 0x80000000) * dim);
      vector[bucket]! += (h & 1 ? -1 : 1) * KIND_WEIGHT[this.kinds[slot]!]! * tf;
      this.used[slot] = 0;
    }
    this.size = 0;
  }

  private grow(): void {
    const old = {
      keys: this.keys,
      counts: this.counts,
      kinds: this.kinds,
      slots: this.slots,
      size: this.size,
    };
    const capacity = this.keys.length * 2;
    this.keys = new Uint32Array(capacity);
    this.counts = new Uint32Array(capacity);
    this.kinds = new Uint8Array(capacity);
    this.used = new Uint8Array(capacity);
    this.slots = new Int32Array(capacity / 2);
    this.size = 0;
    const mask = capacity - 1;
    for (let s = 0; s < old.size; s++) {
      const from = old.slots[s]!;
      let slot = old.keys[from]! & mask;
      while (this.used[slot]) slot = (slot + 1) & mask;
      this.used[slot] = 1;
      this.keys[slot] = old.keys[from]!;
      this.counts[slot] = old.counts[from]!;
      this.kinds[slot] = old.kinds[from]!;
      this.slots[this.size++] = slot;
    }
  }
}

/** Deterministic local embedder: feature hashing of words, word pairs and character n-grams. */
export class HashEmbedder implements Embedder {
  /** Algorithm and version; bump the version whenever vectors change. */
  readonly name = HASH_EMBEDDER_NAME;
  readonly dimension: number;
  private readonly features = new FeatureCounts();
  /** Scratch for {@link addCharGrams}: a token's n-gram hashes, by length then position. */
  private grams = new Uint32Array(64);

  /** @param options - options, or just the dimension. */
  constructor(options: HashEmbedderOptions | number = {}) {
    const dimension = typeof options === 'number' ? options : options.dimension;
    this.dimension = dimension ?? DEFAULT_HASH_DIMENSION;
    if (!Number.isInteger(this.dimension) || this.dimension < 1)
      throw new RangeError(`embedding dimension must be a positive integer, got ${this.dimension}`);
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    return texts.map((t) => this.embedOne(t));
  }

  /** One vector. An empty text maps to a fixed unit vector, so every output has length 1. */
  embedOne(text: string): Float32Array {
    const vector = new Float32Array(this.dimension);
    // Each distinct token once, in order of first use, with its count and word hash (a Map keeps that order).
    const distinct = new Map<string, number>();
    const counts: number[] = [];
    const hashes: number[] = [];
    let previous = -1;
    for (const token of this.tokenize(text)) {
      const seen = distinct.get(token);
      let word: number;
      if (seen === undefined) {
        word = fnv(token, 0, token.length, SEED_WORD);
        distinct.set(token, counts.length);
        counts.push(1);
        hashes.push(word);
      } else {
        word = hashes[seen]!;
        counts[seen]!++;
      }
      if (previous !== -1)
        this.features.add(fnv(token, 0, token.length, bigramSeed(previous)), KIND_BIGRAM, 1);
      previous = word;
    }
    // Words repeat (Zipf): hashing each distinct word's n-grams once, times its count, is the same sum, cheaper.
    let i = 0;
    for (const token of distinct.keys()) {
      this.features.add(hashes[i]!, KIND_WORD, counts[i]!);
      this.addCharGrams(token, counts[i]!);
      i++;
    }
    this.features.drainInto(vector);
    return normalise(vector);
  }

  /** Lower-case words, NFKC-folded (ligatures from PDFs), CJK runs cut into character bigrams. */
  private tokenize(text: string): string[] {
    const found = words(foldCompatible(text).toLowerCase());
    let cjk = false;
    for (const w of found) if (hasCjk(w)) cjk = true;
    if (!cjk) return found;
    const out: string[] = [];
    for (const w of found) {
      if (hasCjk(w)) for (const part of splitCjk(w)) out.push(part);
      else out.push(w);
    }
    return out;
  }

  /**
   * Character n-grams of `<token>` (the angle brackets mark word edges, as in fastText), added by length and
   * then position as always (the order features are first added in is the order their floats are summed). One
   * FNV pass per position yields its 3-, 4- and 5-gram, instead of three passes over a padded copy of the token.
   */
  private addCharGrams(token: string, times: number): void {
    const len = token.length + 2;
    const sizes = NGRAM_MAX - NGRAM_MIN + 1;
    if (this.grams.length < sizes * len) this.grams = new Uint32Array(sizes * len * 2);
    const grams = this.grams;
    for (let i = 0; i + NGRAM_MIN <= len; i++) {
      let h = SEED_CHARS;
      const last = Math.min(len, i + NGRAM_MAX);
      for (let k = i; k < last; k++) {
        h ^= k === 0 ? LEFT_EDGE : k === len - 1 ? RIGHT_EDGE : token.charCodeAt(k - 1);
        h = Math.imul(h, FNV_PRIME);
        const n = k - i + 1;
        if (n >= NGRAM_MIN) grams[(n - NGRAM_MIN) * len + i] = mix(h >>> 0);
      }
    }
    for (let n = NGRAM_MIN; n <= NGRAM_MAX; n++)
      for (let i = 0; i + n <= len; i++)
        this.features.add(grams[(n - NGRAM_MIN) * len + i]!, KIND_CHARS, times);
  }
}

const LEFT_EDGE = '<'.charCodeAt(0);
const RIGHT_EDGE = '>'.charCodeAt(0);

/** Below U+00A0 every character is its own NFKC form: most chunks need no normalisation pass (and copy). */
const FIRST_COMPATIBILITY_CHAR = 0xa0;

/** `text` NFKC-normalised, or itself when no character could change. */
function foldCompatible(text: string): string {
  for (let i = 0; i < text.length; i++)
    if (text.charCodeAt(i) >= FIRST_COMPATIBILITY_CHAR) return text.normalize('NFKC');
  return text;
}

/** The FNV state after hashing the previous word's hash and a separator: a bigram seed without a string. */
function bigramSeed(previousWordHash: number): number {
  return Math.imul((SEED_BIGRAM ^ previousWordHash) >>> 0, FNV_PRIME) >>> 0;
}

function normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const x of vector) sum += x * x;
  if (sum === 0) {
    vector[0] = 1;
    return vector;
  }
  const scale = 1 / Math.sqrt(sum);
  for (let i = 0; i < vector.length; i++) vector[i]! *= scale;
  return vector;
}

/**
 * Stage 5: one vector per chunk, in order, embedded in batches with progress after each.
 * @param batchSize - texts per `embed` call. @defaultValue 64
 */
export async function embedChunks(
  chunks: readonly Chunk[],
  embedder: Embedder,
  onProgress?: ProgressFn,
  batchSize = 64,
): Promise<Float32Array[]> {
  const out: Float32Array[] = [];
  for (let i = 0; i < chunks.length; i += batchSize) {
    const batch = chunks.slice(i, i + batchSize).map((c) => c.text);
    out.push(...(await embedder.embed(batch)));
    onProgress?.('embed', out.length, chunks.length);
  }
  return out;
}
