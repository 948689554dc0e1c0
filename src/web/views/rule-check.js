// @ts-check
/**
 * Review's part for questions made by rule that wait for a teacher's check (`needsCheck`, see
 * src/domain/rule-check.ts): the badge and "Mark as checked" on such a question, and the filter that shows only
 * those. Only review shows them: taking the quiz, a learner never sees the marker.
 */
import { h } from '../dom.js';
import { plural } from '../format.js';

/** @typedef {import('./shared.js').Question} Question */

/**
 * `1 question made by rule`, `3 questions made by rule`: the subject of every sentence of the app about questions
 * that wait for a check (the server's, for the exports and the CLI, is `madeByRule` in src/export/text.ts).
 */
export const madeByRule = (/** @type {number} */ n) => `${plural(n, 'question')} made by rule`;

/** How many of `questions` wait for a teacher's check. @param {readonly { needsCheck?: string }[]} questions */
export const countToCheck = (questions) => questions.filter((q) => q.needsCheck).length;

export const CHECK_BADGE = 'Made by rule — check before use';

/** The selector of a question's "Mark as checked" button. */
export const CHECK_BUTTON = 'button.mark-checked';

/**
 * The badge and the button that keeps the question as it is, or null when it waits for no check.
 * @param {Question} q @param {number} i @param {() => Promise<void>} markChecked
 */
export function checkNote(q, i, markChecked) {
  if (!q.needsCheck) return null;
  const button = h(
    'button',
    // The name starts with the visible text, so that a voice command saying it works (WCAG 2.5.3).
    { type: 'button', class: 'mark-checked', 'aria-label': `Mark as checked: question ${i + 1}` },
    'Mark as checked',
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    await markChecked();
    button.disabled = false;
  });
  return h(
    'p',
    { class: 'check-note' },
    h('span', { class: 'badge badge-check' }, CHECK_BADGE),
    h(
      'span',
      { class: 'check-why' },
      'Made offline by ProfAI’s rules, of a kind they often get wrong: keep it as it is, edit it or delete it.',
    ),
    button,
  );
}

/**
 * The "to check" filter: a check box showing only the questions that wait for a check, with their count; null
 * when none waits and the filter is off.
 * @param {number} count @param {boolean} on @param {(on: boolean) => void} changed
 */
export function checkFilter(count, on, changed) {
  if (count === 0 && !on) return null;
  const box = h('input', { type: 'checkbox', id: 'only-to-check' });
  box.checked = on;
  box.addEventListener('change', () => changed(box.checked));
  return h(
    'div',
    { class: 'field inline check-filter' },
    box,
    h('label', { for: 'only-to-check' }, `Only questions to check (${count})`),
  );
}

/** What the list says when the filter hides every question. */
export const NOTHING_TO_CHECK = 'No question waits for a check.';

/**
 * Says, before a quiz is marked reviewed, that `count` questions made by rule are not yet checked, with a way to
 * go to them, one to mark it reviewed anyway and one to leave it as it is. Marking never clears a marker: each
 * question is kept on its own.
 * @param {number} count @param {{ showThem: () => void; anyway: () => void; cancel: () => void }} act
 */
export function reviewWarning(count, act) {
  const button = (/** @type {string} */ label, /** @type {() => void} */ click, cls = '') => {
    const b = h('button', { type: 'button', class: cls }, label);
    b.addEventListener('click', click);
    return b;
  };
  const warning = h(
    'div',
    {
      class: 'card review-warning',
      role: 'group',
      'aria-labelledby': 'review-warning-title',
      'aria-describedby': 'review-warning-why',
    },
    h(
      'p',
      { id: 'review-warning-title', class: 'review-warning-title', tabindex: -1 },
      `${madeByRule(count)} ${count === 1 ? 'is' : 'are'} not yet checked.`,
    ),
    h(
      'p',
      { class: 'review-warning-why', id: 'review-warning-why' },
      'Marking the quiz reviewed does not check them: each keeps its badge until you keep, edit or delete it.',
    ),
    h(
      'div',
      { class: 'row wrap' },
      button(count === 1 ? 'Show it' : 'Show them', act.showThem, 'primary'),
      button('Mark as reviewed anyway', act.anyway),
      button('Cancel', act.cancel),
    ),
  );
  // As a dialog would: Escape leaves the quiz as it is.
  warning.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') act.cancel();
  });
  return warning;
}

/** The review status after marking a quiz reviewed with `count` questions made by rule still unchecked. */
export const reviewedWith = (/** @type {number} */ count) =>
  count === 0
    ? 'Marked as reviewed.'
    : `Marked as reviewed. ${madeByRule(count)} ${count === 1 ? 'is' : 'are'} still not checked.`;
