/**
 * An item as the item rules read it (items.ts, kind-items.ts): its parts, and the kinds of its options judged
 * once, when a rule first asks.
 */
import type { QuestionKind } from '../../../domain/question-kinds.ts';
import { isAnalysed, type LanguageProfile } from '../../language/index.ts';
import { type OptionProblems, optionProblems } from '../../text/kinds.ts';
import type { Rule } from '../rule.ts';

/** The parts of a question the checks read. */
export interface ItemDraft {
  kind: QuestionKind;
  prompt: string;
  options?: readonly string[];
  answerIndex?: number;
  /** A matching item's pairs, an ordering item's steps, a numerical item's value. */
  pairs?: readonly { term: string; definition: string }[];
  items?: readonly string[];
  answer?: number | boolean;
  /** The text a numerical item cites, when known (an example's own; a question's chunk). */
  passage?: string;
}

/** An item as the rules read it; the kinds of its options are judged once, when a rule first asks. */
export class ItemReading {
  private judged?: OptionProblems | null;

  constructor(
    readonly item: ItemDraft,
    readonly lang: LanguageProfile,
    /** The text the item cites, when known. */
    readonly passage: string | undefined = item.passage,
  ) {}

  get options(): readonly string[] {
    return this.item.options ?? [];
  }

  get answer(): number {
    return this.item.answerIndex ?? -1;
  }

  /** The blank of a fill-in-the-blank stem, if it has one. */
  get blank(): string | undefined {
    return BLANK.exec(this.item.prompt)?.[0];
  }

  /** How its options fit the blank, where the language has an analyser; null otherwise. */
  get optionKinds(): OptionProblems | null {
    if (this.judged === undefined) {
      const blank = this.blank;
      this.judged =
        blank && isAnalysed(this.lang)
          ? optionProblems(
              this.item.prompt.replace(/^fill in the blank:\s*/iu, ''),
              blank,
              this.options,
              this.answer,
              this.lang,
            )
          : null;
    }
    return this.judged;
  }
}

export interface ItemRule extends Rule<ItemDraft> {
  /** Why the item fails the rule, in words a model can act on; null when it passes. */
  problem(item: ItemReading): string | null;
}

const BLANK = /_{3,}/u;
