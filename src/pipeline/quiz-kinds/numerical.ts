/**
 * Numerical questions: a quantity a sentence of the text states with its unit ("a page of 4 KB", "within 30
 * minutes"), the number blanked and typed by the learner. Never a page or section number, a version, a year, a
 * number inside code, an identifier or a reference; never a bound ("more than 5", "up to 16", "50% or more") or
 * an example ("i.e., 20 minutes") whose value is no answer; a rounded figure ("about 30 minutes") gets a tolerance of a tenth of it.
 */
import type { DraftOf } from '../../domain/questions.ts';
import type { Source } from '../quiz/material.ts';
import { insideCode } from '../rules/quiz/statements.ts';
import { looksLikeCode } from '../rules/sentences/items.ts';
import { BLANK } from '../text/cloze.ts';
import { type Candidate, candidate, cited, quoted } from './candidate.ts';

/** Units a quantity may have, as written after the number (English). */
const UNITS =
  /^(?:[KMGT]i?B|[kKMGT]?bytes?|bits?|kbit|Mbit|Gbit|[kMG]?Hz|ms|milliseconds?|microseconds?|nanoseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|%|percent|per cent|mm|cm|km|m|kg|mg|g|lines|characters|columns|rows|threads|processes|instructions|entries|records|words|pages|times|digits|levels|copies|users|bytes per second|KB\/s|MB\/s)(?![\p{L}\p{N}])/u;

/** A number as the text writes it: `4`, `2,048`, `1.5`, `0.25`. */
const NUMBER = /(?<![\p{L}\p{N}_.,/:-])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)(?![\p{L}\p{N}_]|[.,]\d)/gu;

/** Words before a number that make it a label or a reference, not a quantity. */
export const LABEL =
  /(?:table|figure|fig|section|chapter|page|pages|p|pp|version|release|step|part|appendix|no|number|item|line|rule|example|equation|eq|article|clause|schedule|option|level|volume|vol|issue|edition|ch|sec|§|v)\.?\s*$/iu;

/** Words before a number that make it a bound or a guess rather than a value. */
const BOUND =
  /(?:more than|less than|fewer than|over|under|up to|at least|at most|above|below|beyond|exceeds?|exceeding|within|than|to|and|or|-|–)\s*$/iu;

/** Words after the unit that make the figure a bound ("50% or more"). */
const BOUND_AFTER =
  /^\s*(?:or (?:more|less|fewer|higher|lower|longer|shorter|above|below|greater|over|under)|and (?:over|above|up|more))\b/iu;

/** An example just before the number ("i.e., 20 minutes"): a value for illustration, not a fact to recall. */
const EXAMPLE = /(?:e\.g\.|i\.e\.|for example|for instance|such as|like|say)[,:]?\s*$/iu;

/**
 * Before the number, a pronoun for a subject the sentence does not name ("It outputs digests of 128 bits") or a
 * modal that makes the figure a possibility ("might be used to extract a 10% sample"): no fact to recall.
 */
const LEANS = /(?:^|[.;:]\s+|,\s*)(?:it|they|this|these|its)\b|\b(?:might|could|would|may)\b/iu;

/** Words that say the figure is rounded: it gets a tolerance. */
const ROUNDED = /(?:about|approximately|approx\.?|around|roughly|nearly|almost|some|~|circa|ca\.)\s*$/iu;

/** A numerical item per quantity found in `sources` (one per sentence, the first quantity fit to ask). */
export function numericalItems(sources: readonly Source[]): Candidate[] {
  const out: Candidate[] = [];
  for (const s of sources) {
    const q = numericalOf(s);
    if (q) out.push(candidate(q, [s.text]));
  }
  return out;
}

/** The sentence's first quantity fit to ask, as a question; null when it has none. */
export function numericalOf(s: Source): DraftOf<'numerical'> | null {
  const text = s.text;
  if (looksLikeCode(text) || /[?？]["'”’)]*$/u.test(text.trim())) return null;
  for (const m of text.matchAll(NUMBER)) {
    const at = m.index!;
    const end = at + m[0].length;
    const after = text.slice(end);
    const unit = UNITS.exec(after.replace(/^\s/, ''))?.[0];
    if (!unit || (after[0] === ' ' && unit === '%') || (unit !== '%' && after[0] !== ' ')) continue;
    const before = text.slice(0, at);
    if (LABEL.test(before) || BOUND.test(before) || EXAMPLE.test(before) || insideCode(text, at, end))
      continue;
    if (LEANS.test(before)) continue;
    if (BOUND_AFTER.test(after.replace(/^\s?/, '').slice(unit.length))) continue;
    const value = Number(m[0].replaceAll(',', ''));
    // 0 says nothing; "100% sure", "100% useless" are figures of speech.
    if (!Number.isFinite(value) || value === 0 || (value === 100 && unit === '%')) continue;
    // Four bare digits from 1900 to 2100 are a year of a date or a citation (2,048 with its comma is a count).
    if (/^\d{4}$/u.test(m[0]) && value >= 1900 && value <= 2100 && !/^years?$/u.test(unit)) continue;
    // The same number twice, or a range ("4 to 8 KB"), makes the blank ambiguous.
    if (
      text.split(m[0]).length > 2 ||
      /^\s*(?:-|–|to|or|and|through)\s*\d/u.test(after.slice(unit.length + 1))
    )
      continue;
    // Inside brackets: usually a reference or an aside ("(p. 12)", "(see 2.3)").
    if ((before.match(/\(/g) ?? []).length > (before.match(/\)/g) ?? []).length) continue;
    const rounded = ROUNDED.test(before);
    const tolerance = rounded ? Number((Math.abs(value) * 0.1).toPrecision(2)) : 0;
    const stem = `${before}${BLANK}${text.slice(end)}`;
    return {
      kind: 'numerical',
      prompt: `Fill in the number: ${stem}`,
      answer: value,
      tolerance,
      unit,
      explanation: `From page ${s.page}: ${quoted(text, 300)}`,
      ...cited(s),
    };
  }
  return null;
}
