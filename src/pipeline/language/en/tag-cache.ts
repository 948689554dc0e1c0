/**
 * The tags of texts the analyser has read, for texts asked for again: the course re-reads the sentence where
 * each key term is first used, the quiz the course's sentences (on the valgrind manual 1.9k of 9.3k calls
 * repeat a text, most of them thousands of calls apart).
 *
 * The latest texts keep their tags outright; older ones only as long as someone else holds them (a sentence of
 * the course in progress), so the cache never keeps a document's tags alive by itself, and an idle worker child
 * keeps little. Tokens are never changed once returned, so callers share them.
 */
import type { Token } from '../analyser.ts';

export interface TagCacheOptions {
  /** Texts whose tags are kept outright, the oldest going first. @defaultValue 1024 */
  recent?: number;
  /** Texts remembered in all, the oldest going first. @defaultValue 16384 */
  remembered?: number;
}

export class TagCache {
  private readonly recent = new Map<string, readonly Token[]>();
  private readonly held = new Map<string, WeakRef<readonly Token[]>>();
  private readonly recentSize: number;
  private readonly rememberedSize: number;

  constructor(options: TagCacheOptions = {}) {
    this.recentSize = options.recent ?? 1024;
    this.rememberedSize = options.remembered ?? 16384;
  }

  get(text: string): readonly Token[] | undefined {
    return this.recent.get(text) ?? this.held.get(text)?.deref();
  }

  set(text: string, tokens: readonly Token[]): void {
    if (this.recent.size >= this.recentSize) this.recent.delete(this.recent.keys().next().value!);
    this.recent.set(text, tokens);
    if (this.held.size >= this.rememberedSize) this.held.delete(this.held.keys().next().value!);
    this.held.set(text, new WeakRef(tokens));
  }
}
