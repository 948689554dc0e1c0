/**
 * Numerical items: a quantity a sentence of the text states with its unit ("a page of 4 KB"), the number
 * blanked and typed by the learner; a rounded figure ("about 30 minutes") gets a tolerance of a tenth of it.
 * Which number may be asked is the rules' to say (rules/quiz/quantities.ts); the words they read are the
 * language's (`quizWords`): a language without them gets no numerical item.
 */
import type { DraftOf } from '../../../domain/questions.ts';
import type { QuizWords } from '../../language/index.ts';
import {
  QUANTITY_RULES,
  type QuantityPlace,
  type QuantityRule,
  quantityPlace,
} from '../../rules/quiz/quantities.ts';
import { BOUND_BEFORE } from '../../rules/quiz/sure-words.ts';
import { BLANK } from '../../text/cloze.ts';
import type { GroupMaker } from '../assembler.ts';
import type { Source } from '../material.ts';
import { cited, type Made, made, quoted } from '../picking.ts';

/**
 * A number as the text writes it: `4`, `2,048`, `1.5`, `0.25`, also with letters after it (`12GB`, `2nd`): the
 * rules tell a unit glued to it from a name (quantity/glued-to-name).
 */
const NUMBER = /(?<![\p{L}\p{N}_.,/:-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\p{N}_]|[.,]\d)/gu;

/** Sentences with a digit read for quantities at most (the course's summaries first): enough for a quiz, bounded in time. */
export const NUMERICAL_SOURCES = 600;

/** Each number of the sentence in turn, with the first rule of QUANTITY_RULES that refuses it (none: fit to ask). */
export function* quantitiesOf(
  text: string,
  words: QuizWords,
): Generator<{ place: QuantityPlace; refusedBy: QuantityRule | undefined }> {
  for (const m of text.matchAll(NUMBER)) {
    const place = quantityPlace(text, m.index!, m.index! + m[0].length, words);
    yield { place, refusedBy: QUANTITY_RULES.find((rule) => rule.fails(place)) };
  }
}

/** The sentence's first quantity fit to ask (no rule of QUANTITY_RULES catches it); null when it has none. */
export function askedQuantity(text: string, words: QuizWords): QuantityPlace | null {
  for (const { place, refusedBy } of quantitiesOf(text, words)) if (!refusedBy) return place;
  return null;
}

/**
 * Why a quantity fit to ask makes no false statement, or null when it makes one: a quantity of one ("1 day"), its
 * unit being singular; a number not whole; a bound ("at least 8 characters", "up to 100 Mbit/s"), which a larger
 * number may still meet.
 */
export function unchangeable(place: QuantityPlace): 'one' | 'not-integer' | 'bound' | null {
  if (place.value === 1) return 'one';
  if (!Number.isInteger(place.value)) return 'not-integer';
  return BOUND_BEFORE.test(place.before) ? 'bound' : null;
}

/**
 * The sentence made false by its quantity fit to ask, changed (a small number raised by two, a larger one doubled:
 * "256 bytes" → "512 bytes"; a share halved where doubling would pass 100%: "60%" → "30%"), written as the text
 * writes it ("1,000" → "2,000", "1000.0" → "2000.0"), or null. The quantity is one a numerical item would ask, so the
 * false statement is plainly false to a reader of the text. Left alone: a quantity of one ("1 day"), its unit being
 * singular, and a bound ("at least 8 characters", "up to 100 Mbit/s"), which a larger number may still meet.
 */
export function falseByQuantity(text: string, words: QuizWords): string | null {
  const place = askedQuantity(text, words);
  if (!place || unchangeable(place)) return null;
  const percent = /^\s?(?:%|percent\b)/u.test(text.slice(place.end));
  const raised = place.value <= 10 ? place.value + 2 : place.value * 2;
  const next = percent && place.value <= 100 && raised > 100 ? Math.round(place.value / 2) : raised;
  const decimals = place.written.split('.')[1]?.length ?? 0;
  const written = next.toLocaleString('en-US', {
    useGrouping: place.written.includes(','),
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return text.slice(0, place.start) + written + text.slice(place.end);
}

/** The text after a blanked number, a unit glued to it set apart ("12GB" → "_____ GB"): the blank holds the number alone. */
const gluedUnitApart = (after: string) => (/^\p{L}/u.test(after) ? ` ${after}` : after);

/** The sentence's first quantity fit to ask, as a question; null when it has none. */
export function numericalOf(s: Source, words: QuizWords): DraftOf<'numerical'> | null {
  const text = s.text;
  const place = askedQuantity(text, words);
  if (!place) return null;
  const rounded = words.roundedBefore.test(place.before);
  const tolerance = rounded ? Number((Math.abs(place.value) * 0.1).toPrecision(2)) : 0;
  return {
    kind: 'numerical',
    prompt: `Fill in the number: ${place.before}${BLANK}${gluedUnitApart(text.slice(place.end))}`,
    answer: place.value,
    tolerance,
    unit: place.unit!,
    explanation: `From page ${s.page}: ${quoted(text, 300)}`,
    ...cited(s),
  };
}

/**
 * A numerical item per sentence of `sources()` that states a quantity fit to ask and, when `standsAlone` is given,
 * that it accepts: a sentence with a blank must stand on its own as much as a statement listed among others.
 */
export function numericalMaker(
  sources: () => readonly Source[],
  words: QuizWords,
  standsAlone: (text: string) => boolean = () => true,
): GroupMaker {
  return {
    id: 'numerical',
    kind: 'numerical',
    why: 'A quantity the text states with its unit, typed back: recall of a fact the text gives, checked against the cited sentence.',
    make() {
      const out: Made[] = [];
      for (const s of sources()) {
        const q = numericalOf(s, words);
        if (q && standsAlone(s.text)) out.push(made(q, [s.text]));
      }
      return out;
    },
  };
}
