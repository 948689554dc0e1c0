/**
 * The quiz assembler: one loop that owns what every quiz shares (quotas of each kind of item, de-duplication,
 * the order sources are read in, the item rules, the seeded randomness) and hands the making of items to makers.
 * It works in two steps: one-sentence items from the sources (multiple choice, true/false) into a pool larger
 * than the quiz, then the items of every kind picked from the pool and from the group makers by the teacher's
 * shares and levels (picking.ts), no sentence asked twice whatever kind asks it.
 *
 * Glossary:
 * - **source**: a sentence of the course a question may come from (material.ts), with its page and chunk.
 * - **tier**: sources of one kind (lesson summaries, then the chunks' other sentences…), read only when the
 *   tiers before did not give enough questions; a **pass** reads a tier once, strict (`fill: false`: quotas
 *   hold, no answer asked about twice) or filling (`fill: true`: any maker, answers again).
 * - **slot**: a quota, the share of the quiz a group of makers fills (`statement`: true/false, 30%; `choice`:
 *   multiple choice, the rest). Before each source the assembler draws the slot to try first, in proportion to
 *   what each still lacks, then tries the others.
 * - **maker** ({@link ItemMaker}): makes one kind of item from one source (a cloze, a false statement…), or
 *   null when the source gives no safe item of its kind. It checks what only it can (the kinds of its options
 *   while it still has other terms to try); the assembler refuses a prompt asked before, and an item that fails
 *   one of the kit's item rules (rules/quiz/items.ts).
 * - **interleaved maker** ({@link InterleavedMaker}): makes items from material of its own (a glossary's
 *   definitions), offered now and then between sources and after each pass while it has material.
 * - **group maker** ({@link GroupMaker}): makes items of several sentences or of lists (multiple answer,
 *   matching, short answer, numerical, ordering: quiz/kinds/), from its own material and the pool's items, once
 *   the pool is made; its items pass the same item rules and de-duplication.
 * - **kit** ({@link QuizKit}): a language's makers, its tiers and what it checks of a source: English has
 *   analysed makers (quiz/english), other languages plain ones (quiz/plain).
 *
 * Adding a kind of item: write a maker (an object with `id`, `why`, `slot` and `make`), give it a slot with
 * its share in the kit's `slots` (or join an existing slot: makers of a slot are tried in order), and list it
 * in the kit; or, for an item of several sentences, a group maker in the kit's `groups`, its checks as rules
 * (rules/quiz/) and its item check in rules/quiz/kind-items.ts. A maker may read and write the {@link Turn}: the answers asked about so far, the random source,
 * the counts of each slot and of true and false statements. Same material and seed, same quiz.
 */
import type { QuestionDraft as Question } from '../../domain/course.ts';
import type { QuestionFilters, QuestionKind } from '../../domain/questions.ts';
import type { LanguageProfile } from '../language/index.ts';
import { ItemReading, type ItemRule } from '../rules/quiz/items.ts';
import type { Rng } from '../text/rng.ts';
import { AskedSentences, normalise, type Source } from './material.ts';
import { type Made, made, pickQuestions, poolFactor } from './picking.ts';

/** An item as a maker drafts it: the assembler adds its explanation, page, chunk and module. */
export type Draft =
  | { kind: 'multiple_choice'; prompt: string; options: string[]; answerIndex: number }
  | { kind: 'true_false'; prompt: string; answer: boolean };

/** A quota: the share of a quiz its makers fill. */
export interface Slot {
  readonly name: string;
  /**
   * Share of the questions (0–1), rounded to whole questions; the last slot of a kit takes what the others
   * leave.
   */
  readonly share: number;
}

/** What a maker sees of the quiz being assembled, and may change. */
export interface Turn {
  readonly rng: Rng;
  /** Questions wanted. */
  readonly count: number;
  /** Lower-case answers (terms) already asked about: a strict pass asks about each once. */
  readonly answers: Set<string>;
  /** Questions made so far. */
  readonly questions: number;
  /** Questions wanted of a slot, and made of it so far. */
  wanted(slot: string): number;
  made(slot: string): number;
  /** True and false statements made so far. */
  readonly trues: number;
  readonly falses: number;
  /** Questions made by a maker so far. */
  madeBy(maker: string): number;
  /** True when a question already comes from this sentence (or one that says nearly the same). */
  asked(text: string): boolean;
}

/** Makes one kind of item from one source. */
export interface ItemMaker {
  /** Stable name: `cloze`, `true-false`, … (a kind, and a language where makers differ: `cloze-plain`). */
  readonly id: string;
  /** What it makes and why it is safe. */
  readonly why: string;
  /** The slot its items count against. */
  readonly slot: string;
  /** An item from `source`, or null when it gives none (`fill`: the quiz is filling up, answers may repeat). */
  make(source: Source, fill: boolean, turn: Turn): Draft | null;
}

/** An item of an interleaved maker, with the source it cites. */
export interface Offer {
  draft: Draft;
  source: Source;
}

/** Makes items from material of its own (a glossary), interleaved with the sources. */
export interface InterleavedMaker {
  readonly id: string;
  readonly why: string;
  readonly slot: string;
  /** Prepares its material when the first tier is read (after the kit's `startTier`). */
  start(turn: Turn): void;
  /** Whether to offer an item before this source (it may draw from `turn.rng`). */
  wantsTurn(turn: Turn): boolean;
  /** Whether it still has material and room. */
  hasMore(turn: Turn): boolean;
  /**
   * Its next item, or null when that material gives none (the material is used up either way). It checks
   * `turn.asked` itself, before it spends randomness on the item.
   */
  next(turn: Turn): Offer | null;
}

/** Makes items of one kind from several sentences or lists, once the one-sentence items are made. */
export interface GroupMaker {
  /** Stable name: `matching`, `numerical`, … */
  readonly id: string;
  readonly why: string;
  /** The kind of its items (its quota is that kind's share). */
  readonly kind: QuestionKind;
  /** Its items, best first, from its own material and the one-sentence items of the pool (`made`). */
  make(made: readonly Question[], rng: Rng): Made[];
}

/** A language's way of making quizzes. */
export interface QuizKit {
  /** Slots in the order they are tried when both still lack questions; the last takes the remainder. */
  readonly slots: readonly Slot[];
  /** Makers of items from one source, tried in this order within a slot. */
  readonly makers: readonly ItemMaker[];
  /** Makers of items from their own material, interleaved with the sources. */
  readonly interleaved: readonly InterleavedMaker[];
  /** The passes over the sources, in order: each names its tier (read once, lazily) and whether it fills. */
  readonly passes: readonly { tier: () => readonly Source[]; fill: boolean }[];
  /** Whether a source may give a question at all (judged once, when its tier is first read). */
  usable(source: Source): boolean;
  /** Makers of items of several sentences or lists, in the order their items are offered. */
  readonly groups: readonly GroupMaker[];
  /** The item rules every item must pass, whoever made it (rules/quiz/items.ts). */
  readonly itemRules: readonly ItemRule[];
  /** The language, for the item rules. */
  readonly lang: LanguageProfile;
  /** Called with a tier's usable sources when it is first read (makers rebuild what they share). */
  startTier?(sources: readonly Source[]): void;
  /**
   * The last resort of a course too thin for any checked item: sources to call true as they stand (read only
   * when no question at all was made).
   */
  lastResort(): readonly Source[];
}

/**
 * Builds one quiz: `count` questions of the kinds, difficulties and levels of `filters`, or as many as the
 * material gives; `made` says how many items of any kind the material gave before they were picked.
 */
export function assembleQuiz(
  kit: QuizKit,
  count: number,
  rng: Rng,
  filters: QuestionFilters = {},
  /** The text a question cites, for the item rules (a numerical item's value must be there). */
  passageOf: (q: Question) => string | undefined = () => undefined,
): { questions: Question[]; made: number } {
  const pool = new QuizAssembler(kit, Math.ceil(count * poolFactor(filters)), rng).assemble();
  const items = pool.map((q) => made(q, [sourceSentence(q)]));
  for (const maker of kit.groups)
    for (const item of maker.make(pool, rng)) {
      const reading = new ItemReading(item.q, kit.lang, passageOf(item.q));
      if (!kit.itemRules.some((rule) => rule.problem(reading) !== null)) items.push(item);
    }
  return { questions: pickQuestions(items, count, filters, rng), made: items.length };
}

/** The sentence a one-sentence item asks about: the quote of its explanation (`From page N: "…"`). */
const sourceSentence = (q: Question) => /"(.*)"$/su.exec(q.explanation)?.[1] ?? q.prompt;

/** Builds the pool of one-sentence items: `count` of them or as many as the sources give. */
export class QuizAssembler implements Turn {
  private readonly out: Question[] = [];
  private readonly prompts = new Set<string>();
  private readonly used = new AskedSentences();
  readonly answers = new Set<string>();
  private readonly bySlot = new Map<string, number>();
  private readonly byMaker = new Map<string, number>();
  private readonly wants = new Map<string, number>();
  trues = 0;
  falses = 0;

  constructor(
    private readonly kit: QuizKit,
    readonly count: number,
    readonly rng: Rng,
  ) {
    let left = count;
    kit.slots.forEach((slot, i) => {
      const want = i === kit.slots.length - 1 ? left : Math.round(count * slot.share);
      this.wants.set(slot.name, want);
      left -= want;
    });
  }

  get questions(): number {
    return this.out.length;
  }

  wanted = (slot: string) => this.wants.get(slot) ?? 0;
  made = (slot: string) => this.bySlot.get(slot) ?? 0;
  madeBy = (maker: string) => this.byMaker.get(maker) ?? 0;
  asked = (text: string) => this.used.has(text);

  private get full(): boolean {
    return this.out.length >= this.count;
  }

  /** The quiz's questions: every pass in order until the quiz is full, then the last resort if none was made. */
  assemble(): Question[] {
    const tiers = new Map<() => readonly Source[], readonly Source[]>();
    let started = false;
    for (const pass of this.kit.passes) {
      if (this.full) break;
      let sources = tiers.get(pass.tier);
      if (!sources) {
        sources = pass.tier().filter((s) => this.kit.usable(s));
        tiers.set(pass.tier, sources);
        this.kit.startTier?.(sources);
        if (!started) for (const maker of this.kit.interleaved) maker.start(this);
        started = true;
      }
      for (const source of sources) {
        if (this.full) break;
        for (const maker of this.kit.interleaved)
          if (maker.hasMore(this) && maker.wantsTurn(this)) this.offerFrom(maker);
        if (!this.full) this.offer(source, pass.fill);
      }
      for (const maker of this.kit.interleaved)
        while (!this.full && maker.hasMore(this)) this.offerFrom(maker);
    }
    if (this.out.length === 0)
      for (const source of this.kit.lastResort()) {
        if (this.full) break;
        if (this.used.has(source.text) || !/\p{L}/u.test(source.text)) continue;
        this.add(
          { kind: 'true_false', prompt: `True or false: ${source.text}`, answer: true },
          source,
          'true',
        );
      }
    return this.out;
  }

  private offerFrom(maker: InterleavedMaker): void {
    const offer = maker.next(this);
    if (offer) this.add(offer.draft, offer.source, maker.id, maker.slot);
  }

  /**
   * Tries one item from `source`, of a slot still short of its quota (drawn at random in proportion to what is
   * left of each), then the other slots; `fill` drops the quotas.
   */
  private offer(source: Source, fill: boolean): void {
    if (this.used.has(source.text)) return;
    const slots = this.kit.slots;
    const left = slots.map((s) => Math.max(0, this.wanted(s.name) - this.made(s.name)));
    const total = left.reduce((a, b) => a + b, 0);
    const draw = this.rng() * total;
    let first = slots.length - 1;
    for (let i = 0, end = 0; i < slots.length; i++) {
      end += left[i]!;
      if (draw < end) {
        first = i;
        break;
      }
    }
    const order = [first, ...slots.keys()].filter((i, at, all) => all.indexOf(i) === at);
    for (const i of order) {
      if (!fill && left[i] === 0) continue;
      for (const maker of this.kit.makers) {
        if (maker.slot !== slots[i]!.name) continue;
        const draft = maker.make(source, fill, this);
        if (draft && this.add(draft, source, maker.id, maker.slot)) return;
      }
    }
  }

  /** Adds the item unless its prompt was asked before or it fails one of the kit's item rules. */
  private add(draft: Draft, source: Source, maker: string, slot?: string): boolean {
    const key = normalise(draft.prompt);
    if (this.prompts.has(key)) return false;
    const reading = new ItemReading(draft, this.kit.lang);
    if (this.kit.itemRules.some((rule) => rule.problem(reading) !== null)) return false;
    this.prompts.add(key);
    this.used.add(source.text);
    const counted = slot ?? (draft.kind === 'true_false' ? 'statement' : 'choice');
    this.bySlot.set(counted, this.made(counted) + 1);
    this.byMaker.set(maker, this.madeBy(maker) + 1);
    if (draft.kind === 'true_false') {
      if (draft.answer) this.trues++;
      else this.falses++;
    }
    this.out.push({
      ...draft,
      explanation: `From page ${source.page}: "${source.text}"`,
      sourcePage: source.page,
      ...(source.chunkId ? { chunkId: source.chunkId } : {}),
      ...(source.moduleIndex !== undefined ? { moduleIndex: source.moduleIndex } : {}),
    });
    return true;
  }
}
