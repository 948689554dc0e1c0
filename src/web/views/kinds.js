// @ts-check
/**
 * What each kind of question looks like in the app, in one place: the controls a student answers with (radio
 * buttons, check boxes, a drop-down per definition, a text box, a number box, a list to reorder with buttons),
 * how an answer is checked, the right answer in words, and how review shows it. Every control has a label a
 * screen reader announces and works from the keyboard. The answer in words is ../question-text.js's, which the
 * exports use too.
 */
import { h, replace } from '../dom.js';
import { answerText, KIND_LABELS, LETTERS } from '../question-text.js';

/** @typedef {import('./shared.js').Question} Question */
/** @typedef {Question['kind']} Kind */

/** The kinds, in the order the app lists them. @type {Kind[]} */
export const KINDS = /** @type {Kind[]} */ (Object.keys(KIND_LABELS));

/**
 * A fixed order to show `n` parts in (terms to match, items to order), from a seed: the same question shows the
 * same order every time, and never the right one when there are two parts or more.
 * @param {number} n @param {string} seed
 */
export function mixedOrder(n, seed) {
  let x = 2166136261;
  for (const c of seed) x = Math.imul(x ^ c.charCodeAt(0), 16777619) >>> 0;
  const order = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    x = Math.imul(x ^ (x >>> 15), 2246822507) >>> 0;
    const j = x % (i + 1);
    [order[i], order[j]] = [/** @type {number} */ (order[j]), /** @type {number} */ (order[i])];
  }
  if (n > 1 && order.every((v, i) => v === i)) order.push(/** @type {number} */ (order.shift()));
  return order;
}

/** Lower case, blanks collapsed, outer punctuation and quotes dropped: how a typed answer is compared. */
const normal = (/** @type {string} */ s) =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'“”‘’.,;:!?()]+|[\s"'“”‘’.,;:!?()]+$/g, '');

/** A number as people type it: `1,024`, `1 024`, `3,5` (a decimal comma), `-2.5`; NaN when it is none. */
export function parseNumber(/** @type {string} */ text) {
  let t = text.trim().replace(/[\s\u00a0]/g, '');
  if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) t = t.replaceAll(',', '');
  else if (/^[-+]?\d+,\d+$/.test(t)) t = t.replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t) ? Number(t) : Number.NaN;
}

/**
 * @typedef {object} Widget
 * @property {HTMLElement} element the controls
 * @property {() => 'right' | 'wrong' | 'unanswered'} check the answer given, checked (and shown on the controls)
 * @property {() => void} reset back to unanswered
 */

/**
 * The controls a student answers question `q` (the `i`-th of its quiz) with.
 * @param {Question} q @param {number} i @param {string} seed
 * @returns {Widget}
 */
export function answerWidget(q, i, seed) {
  switch (q.kind) {
    case 'multiple_choice':
    case 'true_false':
      return choices(
        q.kind === 'true_false'
          ? [
              { value: 'true', label: 'True', right: q.answer },
              { value: 'false', label: 'False', right: !q.answer },
            ]
          : q.options.map((o, k) => ({
              value: String(k),
              label: `${LETTERS[k]}) ${o}`,
              right: k === q.answerIndex,
            })),
        'radio',
        i,
      );
    case 'multiple_answer':
      return choices(
        q.options.map((o, k) => ({
          value: String(k),
          label: `${LETTERS[k]}) ${o}`,
          right: q.answerIndexes.includes(k),
        })),
        'checkbox',
        i,
        'Select all that apply.',
      );
    case 'matching':
      return matching(q, i, seed);
    case 'short_answer':
      return typed(i, 'Your answer', 'text', (v) => q.answers.some((a) => normal(a) === normal(v)));
    case 'numerical':
      return typed(
        i,
        'Your answer',
        'decimal',
        (v) => {
          const n = parseNumber(v);
          return (
            Number.isFinite(n) &&
            Math.abs(n - q.answer) <= q.tolerance + 1e-9 * Math.max(1, Math.abs(q.answer))
          );
        },
        q.unit,
      );
    case 'ordering':
      return ordering(q, seed);
  }
}

/**
 * Radio buttons (one answer) or check boxes (every right one), each a label around its input.
 * @param {{ value: string; label: string; right: boolean }[]} options @param {'radio' | 'checkbox'} type
 * @param {number} i @param {string} [hint]
 * @returns {Widget}
 */
function choices(options, type, i, hint) {
  const labels = options.map((c) =>
    h(
      'label',
      { class: 'choice', 'data-value': c.value },
      h('input', { type, name: `q${i}`, value: c.value }),
      h('span', {}, c.label),
      h('span', { class: 'tag' }),
    ),
  );
  const inputs = labels.map((l) => /** @type {HTMLInputElement} */ (l.querySelector('input')));
  const element = h(
    'div',
    { class: 'choices' },
    hint ? h('p', { class: 'hint', id: `q${i}-hint` }, hint) : null,
    labels,
  );
  return {
    element,
    check() {
      const picked = inputs.map((input) => input.checked);
      const ok = options.every((c, k) => c.right === picked[k]);
      labels.forEach((label, k) => {
        const right = /** @type {{ right: boolean }} */ (options[k]).right;
        const isWrong = !right && picked[k];
        label.classList.toggle('is-answer', right);
        label.classList.toggle('is-wrong', Boolean(isWrong));
        /** @type {HTMLElement} */ (label.querySelector('.tag')).textContent = right
          ? type === 'radio'
            ? '✓ right answer'
            : '✓ a right answer'
          : isWrong
            ? '✗ your answer'
            : '';
      });
      for (const input of inputs) input.disabled = true;
      return ok ? 'right' : picked.some(Boolean) ? 'wrong' : 'unanswered';
    },
    reset() {
      for (const input of inputs) {
        input.checked = false;
        input.disabled = false;
      }
      for (const label of labels) {
        label.classList.remove('is-answer', 'is-wrong');
        /** @type {HTMLElement} */ (label.querySelector('.tag')).textContent = '';
      }
    },
  };
}

/**
 * A drop-down of the terms for each definition (terms in a mixed order), each labelled by its definition.
 * @param {import('./shared.js').Matching} q @param {number} i @param {string} seed
 * @returns {Widget}
 */
function matching(q, i, seed) {
  const order = mixedOrder(q.pairs.length, seed);
  const rows = q.pairs.map((p, k) => {
    const select = h(
      'select',
      { id: `q${i}-m${k}`, 'data-pair': k },
      h('option', { value: '' }, 'Choose a term…'),
      order.map((j) => h('option', { value: j }, /** @type {{ term: string }} */ (q.pairs[j]).term)),
    );
    const mark = h('span', { class: 'tag' });
    return {
      select,
      mark,
      row: h(
        'div',
        { class: 'match-row' },
        h('label', { for: `q${i}-m${k}`, class: 'match-definition' }, p.definition),
        select,
        mark,
      ),
    };
  });
  return {
    element: h(
      'div',
      { class: 'choices matching' },
      h('p', { class: 'hint' }, 'Choose the term of each definition.'),
      rows.map((r) => r.row),
    ),
    check() {
      let right = 0;
      let answered = 0;
      rows.forEach((r, k) => {
        const ok = r.select.value === String(k);
        if (r.select.value !== '') answered++;
        if (ok) right++;
        r.row.classList.toggle('is-answer', ok);
        r.row.classList.toggle('is-wrong', !ok);
        r.mark.textContent = ok ? '✓' : `✗ ${/** @type {{ term: string }} */ (q.pairs[k]).term}`;
        r.select.disabled = true;
      });
      return right === rows.length ? 'right' : answered === 0 ? 'unanswered' : 'wrong';
    },
    reset() {
      for (const r of rows) {
        r.select.value = '';
        r.select.disabled = false;
        r.row.classList.remove('is-answer', 'is-wrong');
        r.mark.textContent = '';
      }
    },
  };
}

/**
 * A text box (a term) or a number box (a quantity, with its unit after it).
 * @param {number} i @param {string} label @param {'text' | 'decimal'} mode
 * @param {(value: string) => boolean} isRight @param {string} [unit]
 * @returns {Widget}
 */
function typed(i, label, mode, isRight, unit) {
  const input = h('input', {
    id: `q${i}-answer`,
    class: 'answer-box',
    type: 'text',
    inputmode: mode,
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': unit ? `q${i}-unit` : null,
  });
  const mark = h('span', { class: 'tag' });
  const row = h(
    'div',
    { class: 'typed-answer' },
    h('label', { for: `q${i}-answer` }, label),
    input,
    unit ? h('span', { id: `q${i}-unit`, class: 'unit' }, unit) : null,
    mark,
  );
  return {
    element: h('div', { class: 'choices' }, row),
    check() {
      const value = input.value.trim();
      const ok = value !== '' && isRight(value);
      row.classList.toggle('is-answer', ok);
      row.classList.toggle('is-wrong', !ok && value !== '');
      mark.textContent = ok ? '✓' : value ? '✗' : '';
      input.disabled = true;
      return ok ? 'right' : value ? 'wrong' : 'unanswered';
    },
    reset() {
      input.value = '';
      input.disabled = false;
      row.classList.remove('is-answer', 'is-wrong');
      mark.textContent = '';
    },
  };
}

/**
 * The items in a mixed order, each with buttons to move it up or down (the keyboard's way to reorder); a live
 * line says where the moved item now stands.
 * @param {import('./shared.js').Ordering} q @param {string} seed
 * @returns {Widget}
 */
function ordering(q, seed) {
  const start = mixedOrder(q.items.length, seed);
  let order = [...start];
  let touched = false;
  const list = h('ol', { class: 'order-list', 'aria-label': 'Items, in your order' });
  const status = h('p', { class: 'visually-hidden', 'aria-live': 'polite' });
  /** @type {number[] | null} */
  let marks = null;
  const draw = (/** @type {number | null} */ focusItem, /** @type {'up' | 'down'} */ dir = 'up') => {
    replace(
      list,
      order.map((item, pos) => {
        const text = /** @type {string} */ (q.items[item]);
        const up = h(
          'button',
          {
            type: 'button',
            class: 'move',
            'aria-label': `Move “${text}” up`,
            'data-move': 'up',
            disabled: pos === 0 || marks !== null,
          },
          '↑',
        );
        const down = h(
          'button',
          {
            type: 'button',
            class: 'move',
            'aria-label': `Move “${text}” down`,
            'data-move': 'down',
            disabled: pos === order.length - 1 || marks !== null,
          },
          '↓',
        );
        up.addEventListener('click', () => move(pos, -1));
        down.addEventListener('click', () => move(pos, 1));
        const right = marks ? item === pos : null;
        return h(
          'li',
          {
            class: right === null ? 'order-item' : right ? 'order-item is-answer' : 'order-item is-wrong',
            'data-item': item,
          },
          h('span', { class: 'order-pos', 'aria-hidden': 'true' }, `${pos + 1}.`),
          h('span', { class: 'order-text' }, text),
          right === null ? null : h('span', { class: 'tag' }, right ? '✓' : `✗ belongs at ${item + 1}`),
          h('span', { class: 'order-buttons' }, up, down),
        );
      }),
    );
    if (focusItem !== null) {
      const li = list.querySelector(`[data-item="${focusItem}"]`);
      const button = /** @type {HTMLButtonElement | null} */ (
        li?.querySelector(`[data-move="${dir}"]:not([disabled])`) ??
          li?.querySelector('button:not([disabled])') ??
          null
      );
      button?.focus();
    }
  };
  const move = (/** @type {number} */ pos, /** @type {number} */ by) => {
    const to = pos + by;
    if (to < 0 || to >= order.length) return;
    const item = /** @type {number} */ (order[pos]);
    order.splice(pos, 1);
    order.splice(to, 0, item);
    touched = true;
    draw(item, by < 0 ? 'up' : 'down');
    status.textContent = `“${q.items[item]}” is now ${to + 1} of ${order.length}.`;
  };
  draw(null);
  return {
    element: h(
      'div',
      { class: 'choices ordering' },
      h('p', { class: 'hint' }, 'Put them in order: move an item with its ↑ and ↓ buttons.'),
      list,
      status,
    ),
    check() {
      marks = order;
      draw(null);
      const ok = order.every((item, pos) => item === pos);
      return ok ? 'right' : touched ? 'wrong' : 'unanswered';
    },
    reset() {
      order = [...start];
      touched = false;
      marks = null;
      draw(null);
    },
  };
}

/**
 * The answer part of a question as review shows it: the options with the right ones marked, the pairs, the
 * accepted answers, the value, the items in order.
 * @param {Question} q
 */
export function reviewAnswer(q) {
  const rightMark = h('span', { class: 'visually-hidden' }, ' (a right answer)');
  switch (q.kind) {
    case 'true_false':
      return h('p', {}, 'Answer: ', h('strong', { class: 'right' }, q.answer ? 'True' : 'False'));
    case 'multiple_choice':
    case 'multiple_answer': {
      const right = q.kind === 'multiple_choice' ? [q.answerIndex] : q.answerIndexes;
      return h(
        'ol',
        { class: 'options' },
        q.options.map((o, k) =>
          h(
            'li',
            { class: right.includes(k) ? 'right' : '' },
            h('span', { class: 'letter' }, `${LETTERS[k]})`),
            ` ${o}`,
            right.includes(k) ? rightMark.cloneNode(true) : null,
          ),
        ),
      );
    }
    case 'matching':
      return h(
        'dl',
        { class: 'pairs' },
        q.pairs.flatMap((p) => [h('dt', {}, p.term), h('dd', {}, p.definition)]),
      );
    case 'short_answer':
      return h(
        'p',
        {},
        'Accepted answers: ',
        q.answers.flatMap((a, k) => [k > 0 ? ', ' : '', h('strong', { class: 'right' }, a)]),
      );
    case 'numerical':
      return h('p', {}, 'Answer: ', h('strong', { class: 'right' }, answerText(q)));
    case 'ordering':
      return h(
        'ol',
        { class: 'in-order' },
        q.items.map((item) => h('li', {}, item)),
      );
  }
}
