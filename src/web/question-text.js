// @ts-check
/**
 * A question's words as people read them, written once for the app and the exports: the app loads this file as
 * it is (no build step: it cannot import TypeScript), the exporters (src/export/text.ts) and the pipeline's
 * numbers (src/lib/numbers.ts) import it too, so the answer a student sees in review and the one in a Moodle,
 * Anki or Markdown export cannot drift apart. Plain data in, strings out; it imports nothing.
 *
 * Its types are declared in question-text.d.ts (what TypeScript reads); each export below is typed by its
 * declaration, so tsconfig.web.json checks this file against it.
 */

/** @typedef {typeof import('./question-text.js')} Declared */

/** Option letters: four for multiple choice, up to eight for multiple answer. @type {Declared['LETTERS']} */
export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];

/** What a teacher calls each kind (lower case, as in a sentence). @type {Declared['KIND_LABELS']} */
export const KIND_LABELS = {
  multiple_choice: 'multiple choice',
  true_false: 'true or false',
  multiple_answer: 'multiple answer',
  matching: 'matching',
  short_answer: 'short answer',
  numerical: 'numerical',
  ordering: 'ordering',
};

/** A line as a sentence begins: `made 3 of 10…` → `Made 3 of 10…`. @type {Declared['sentenceStart']} */
export const sentenceStart = (line) => line.charAt(0).toUpperCase() + line.slice(1);

/** The kind's label as a heading or a field's label begins: `Multiple choice`. @type {Declared['kindTitle']} */
export const kindTitle = (kind) => sentenceStart(KIND_LABELS[kind]);

/** A number as a text writes it: `1024`, `0.5`, `-3.25` (no exponent, no separators). @type {Declared['numberText']} */
export const numberText = (n) => {
  if (Number.isInteger(n) || Math.abs(n) >= 1e-6) return String(Number(n.toPrecision(15)));
  // Below 1e-12 fixed notation keeps no digit: such a number reads as 0, never as "0." or "-0.".
  const fixed = n.toFixed(12).replace(/\.?0+$/, '');
  return fixed === '' || fixed === '-0' ? '0' : fixed;
};

/** `1024 MB`, `3.5 s (± 0.5)`: a numerical question's answer as a person reads it. @type {Declared['quantityText']} */
export const quantityText = (q) => {
  const unit = q.unit ? ` ${q.unit}` : '';
  return q.tolerance > 0
    ? `${numberText(q.answer)}${unit} (± ${numberText(q.tolerance)})`
    : `${numberText(q.answer)}${unit}`;
};

/**
 * The right answer as a list of parts for the kinds that have several (the right options, the pairs, the items
 * in order), else null. @type {Declared['answerParts']}
 */
export const answerParts = (q) => {
  switch (q.kind) {
    case 'multiple_answer':
      return q.answerIndexes.map((k) => `${LETTERS[k]}) ${q.options[k]}`);
    case 'matching':
      return q.pairs.map((p) => `${p.term} → ${p.definition}`);
    case 'ordering':
      return q.items.map((item, k) => `${k + 1}. ${item}`);
    default:
      return null;
  }
};

/**
 * The right answer as a person reads it: `True`, `C) table scan`, `A) x; C) y`, `table scan (also: scans)`,
 * `1024 MB`, `term → definition; …`, `1. first; 2. second; …`. @type {Declared['answerText']}
 */
export const answerText = (q) => {
  switch (q.kind) {
    case 'true_false':
      return q.answer ? 'True' : 'False';
    case 'multiple_choice':
      return `${LETTERS[q.answerIndex]}) ${q.options[q.answerIndex]}`;
    case 'short_answer':
      return q.answers.length > 1
        ? `${q.answers[0]} (also: ${q.answers.slice(1).join(', ')})`
        : (q.answers[0] ?? '');
    case 'numerical':
      return quantityText(q);
    default:
      return answerParts(q)?.join('; ') ?? '';
  }
};

/** `medium · understand`: a question's levels, for the places that show them. @type {Declared['levelsText']} */
export const levelsText = (q) => `${q.difficulty} · ${q.bloom}`;
