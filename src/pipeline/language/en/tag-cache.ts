/**
 * The tags of texts the analyser has read, for texts asked for again: the course re-reads the sentence where
 * each key term is first used, the quiz the course's sentences. On the valgrind manual 1.9k of 9.3k calls repeat
 * a text, most of them thousands of calls apart: kept only for the last 1,024 texts, 947k characters were
 * tagged; kept as below, 820k.
 *
 * The latest texts keep their tags outright; older ones through a WeakRef. A WeakRef's target made or read in
 * one synchronous run of code stays alive until that run ends, and a course is built in one: the course keeps
 * every tag it read until it is done (it holds most of them in its sentences anyway), the quiz after it finds
 * those not yet collected, and an idle worker child keeps only the latest texts' tags. Tokens are never changed
 * once returned, so callers share them.
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
