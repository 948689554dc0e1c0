/**
 * Judged ordering items (ordering.jsonl) asked of today's ordering rules: the rules of rules/quiz/steps.ts, in the
 * maker's order, and the maker's own title test (quiz/kinds/ordering.ts: a title that is a line of prose goes).
 *
 * An item is what a reading printed: its title (the section heading) and its steps, most of them paraphrased
 * ("configure the DNS server", `abbreviated` in the data), so the instruction test reads the reading's words, not the
 * text's. What cannot be asked from an item alone, because it needs the list's source text:
 * - the lead-in (the paragraph before the list), which `steps/advice`, `steps/completed-lead`, `steps/any-order`,
 *   `steps/to-do-list`, `steps/alternatives` and the sequence lead-in of `steps/no-order` read: an item's `lead` is
 *   passed when the reading quotes it, else the lead-in is empty;
 * - whether the list is whole (a list that runs to the text's end, its last item cut, is not asked), which the maker
 *   decides from the paragraphs after it;
 * - the run-in parting (rules/quiz/run-in-items.ts) and the first sentence of a step the maker keeps.
 * So refusals here are a lower bound of what today's rules would refuse of the real lists. Where the set's course is
 * cached, an item's `source` holds the real list (lead-in, heading, steps) at its page, and that is asked instead.
 */
import { loadEnglishProfile } from '../../../src/pipeline/language/index.ts';
import { headingShaped, instructionOf, stepProblem } from '../../../src/pipeline/rules/quiz/steps.ts';

export interface JudgedOrdering {
  title: string;
  steps: string[];
  /** The lead-in, when the reading quotes it. */
  lead?: string;
  /** The reading paraphrases the steps (lower case, shortened): only what it shows is kept. */
  abbreviated?: boolean;
  /**
   * The list as today's maker finds it in the set's cached course at the item's page (sets with a cache only):
   * its lead-in, its section's heading and its steps as the maker asks them. Asked instead of the reading's words.
   */
  source?: { lead: string; section?: string; steps: string[] };
}

/**
 * A step as the text would give it, near enough: the reading's elisions ("…") dropped (they are the reading's, and
 * `steps/points-ahead` reads a closing "…" as a pointer), and a paraphrased step opened with a capital as list items
 * are ("configure the DNS server" → "Configure the DNS server").
 */
function asWritten(step: string, abbreviated: boolean): string {
  const text = step
    .replace(/\s*…\s*/gu, ' ')
    .replace(/\s+([.,;:)])/gu, '$1')
    .trim();
  if (!abbreviated) return text;
  // A paraphrase quotes the text's words inside it (replace tabs "… ; and finally"): the quotes are the reading's.
  const unquoted = text.replace(/"/gu, '').trim();
  return unquoted.charAt(0).toUpperCase() + unquoted.slice(1);
}

const lang = await loadEnglishProfile();
const words = lang.quizWords!;
const isInstruction = instructionOf(lang);

export function refusedBy(item: JudgedOrdering): string | undefined {
  const title = item.source ? item.source.section : item.title;
  const section = title !== undefined && headingShaped(title) ? title : undefined;
  const rule = stepProblem({
    lead: item.source?.lead ?? item.lead ?? '',
    ...(section ? { section } : {}),
    items:
      item.source?.steps ??
      item.steps.map((step) => asWritten(step, item.abbreviated === true)).filter(Boolean),
    isInstruction,
    words,
  });
  return rule?.id;
}
