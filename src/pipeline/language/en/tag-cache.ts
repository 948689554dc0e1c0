/**
 * The tags of texts the analyser has read, for texts asked for again: the course re-reads the sentence where
 * each key term is first used, the quiz the course's sentences. On the valgrind manual 1.9k of 9.3k calls repeat
 * a text, most of them thousands of calls apart: kept only for the last 1,024 texts, 947k characters were
 * tagged; kept as below, 820k.
 *
 * Texts keep their tags up to a number of tokens in all (about a long manual's sentences, which its course holds
 * anyway), the oldest text going first, and all are dropped once nothing has been tagged for a moment: the
 * next document's extraction, or an idle worker child, does not carry the last one's tags. (A WeakRef per text
 * cost as much CPU as the repeats saved.) Tokens are never changed once returned, so callers share them.
 */
import type { Token } from '../analyser.ts';

export interface TagCacheOptions {
  /** Tokens kept in all, the oldest text's going first. @defaultValue 150000 (about 10 MB) */
  tokens?: number;
  /**
   * Milliseconds without a text tagged after which every tag kept is dropped. A timer cannot run while a course
   * or a quiz is being made (each is one synchronous run), so this only decides how soon after the quiz the
   * tags go: soon, or a worker child doing document after document grows by the tags it keeps (2 s cost ~15 MB
   * of peak RSS over the 10 bench manuals). @defaultValue 250
   */
  idleMs?: number;
  /** The clock, in milliseconds. @defaultValue performance.now */
  now?: () => number;
}

/** Texts dropped from the front of the order before it is cut back to the texts still kept. */
const COMPACT_AFTER = 1024;

export class TagCache {
  private readonly kept = new Map<string, readonly Token[]>();
  /**
   * The texts kept, oldest first, from `next` on. Not the map's own order: once full, every text tagged drops
   * the oldest, and a map walked from its start steps over every entry deleted since it was last rebuilt (a
   * long manual's tagging spent more time there than in the map's lookups).
   */
  private order: string[] = [];
  private next = 0;
  private keptTokens = 0;
  private readonly maxTokens: number;
  private readonly idleMs: number;
  private readonly now: () => number;
  private lastUse = 0;
  private watching = false;

  constructor(options: TagCacheOptions = {}) {
    this.maxTokens = options.tokens ?? 150_000;
    this.idleMs = options.idleMs ?? 250;
    this.now = options.now ?? (() => performance.now());
  }

  get(text: string): readonly Token[] | undefined {
    this.lastUse = this.now();
    return this.kept.get(text);
  }

  set(text: string, tokens: readonly Token[]): void {
    const replaced = this.kept.get(text);
    if (replaced) this.keptTokens -= replaced.length + 1;
    else this.order.push(text);
    this.kept.set(text, tokens);
    this.keptTokens += tokens.length + 1;
    while (this.keptTokens > this.maxTokens) {
      const oldest = this.order[this.next++]!;
      this.keptTokens -= this.kept.get(oldest)!.length + 1;
      this.kept.delete(oldest);
    }
    if (this.next > COMPACT_AFTER && this.next * 2 > this.order.length) {
      this.order.splice(0, this.next);
      this.next = 0;
    }
    if (!this.watching) {
      this.watching = true;
      setTimeout(this.forgetWhenIdle, this.idleMs).unref();
    }
  }

  /** Drops every tag kept. */
  clear(): void {
    this.kept.clear();
    this.order = [];
    this.next = 0;
    this.keptTokens = 0;
  }

  /** How many texts keep their tags (for tests). */
  get size(): number {
    return this.kept.size;
  }

  private readonly forgetWhenIdle = (): void => {
    const idle = this.now() - this.lastUse;
    if (idle < this.idleMs) setTimeout(this.forgetWhenIdle, this.idleMs - idle).unref();
    else {
      this.clear();
      this.watching = false;
    }
  };
}
