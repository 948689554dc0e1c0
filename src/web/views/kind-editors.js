// @ts-check
/**
 * The part of review's editor that depends on the kind: one block per kind (options and the right ones, pairs,
 * accepted answers, value and tolerance, items in order), each reading back the fields the API's question patch
 * takes (or `{ error }`, said to the teacher before anything is sent). A block starts from the question's own
 * values when it is of that kind, empty otherwise; the API checks what is sent and answers with the reason when
 * something is missing.
 */
import { h } from '../dom.js';
import { LETTERS } from '../question-text.js';
import { parseNumber } from './kinds.js';

/** @typedef {import('./shared.js').Question} Question */
/** @typedef {Question['kind']} Kind */
/** @typedef {{ element: HTMLFieldSetElement; read(): Record<string, unknown> }} Block */

/** A block: a fieldset with its legend. @param {string} legend @param {...any} children */
const block = (legend, ...children) =>
  h('fieldset', { class: 'options-edit' }, h('legend', {}, legend), ...children);

/** A text input with its label (visible or for screen readers only). */
function textInput(/** @type {string} */ id, /** @type {string} */ label, /** @type {string} */ value) {
  const input = h('input', { id, type: 'text', 'aria-label': label });
  input.value = value;
  return input;
}

/** Lines of a textarea, trimmed, empty ones dropped. */
const lines = (/** @type {string} */ text) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/**
 * Options with a radio (one right) or check boxes (several right); rows can be added up to `max`.
 * @param {Question} q @param {(s: string) => string} id @param {'radio' | 'checkbox'} type @param {number} max
 */
function optionsBlock(q, id, type, max) {
  const own = q.kind === 'multiple_choice' ? q.options : q.kind === 'multiple_answer' ? q.options : [];
  const right =
    q.kind === 'multiple_choice' && type === 'radio'
      ? [q.answerIndex]
      : q.kind === 'multiple_answer' && type === 'checkbox'
        ? q.answerIndexes
        : [];
  const rows = h('div', { class: 'option-rows' });
  /** @type {{ text: HTMLInputElement; mark: HTMLInputElement }[]} */
  const options = [];
  const add = (/** @type {string} */ value, /** @type {boolean} */ checked) => {
    const k = options.length;
    const letter = LETTERS[k] ?? String(k + 1);
    const prefix = type === 'radio' ? 'mc' : 'ma';
    const text = textInput(id(`${prefix}-opt${k}`), `Option ${letter}`, value);
    const mark = h('input', {
      type,
      name: id(`${prefix}-right`),
      value: k,
      'aria-label': `Option ${letter} is ${type === 'radio' ? 'the' : 'a'} right answer`,
    });
    mark.checked = checked;
    options.push({ text, mark });
    rows.append(h('div', { class: 'option-row' }, mark, h('span', { class: 'letter' }, `${letter})`), text));
  };
  const count = type === 'radio' ? 4 : Math.max(4, own.length);
  for (let k = 0; k < count; k++) add(own[k] ?? '', right.includes(k));
  const more = type === 'checkbox' ? h('button', { type: 'button', class: 'link' }, 'Add an option') : null;
  more?.addEventListener('click', () => {
    if (options.length < max) add('', false);
    if (options.length >= max) more.hidden = true;
    options.at(-1)?.text.focus();
  });
  return {
    rows,
    more,
    read() {
      if (type === 'radio') {
        const k = options.findIndex((o) => o.mark.checked);
        return { options: options.map((o) => o.text.value), ...(k >= 0 ? { answerIndex: k } : {}) };
      }
      // Empty rows are dropped; the right marks follow their options.
      const kept = options.filter((o) => o.text.value.trim() !== '');
      return {
        options: kept.map((o) => o.text.value),
        answerIndexes: kept.flatMap((o, k) => (o.mark.checked ? [k] : [])),
      };
    },
  };
}

/**
 * The block of each kind for question `q` (its own values where it is of that kind).
 * @param {Question} q @param {(s: string) => string} id
 * @returns {Record<Kind, Block>}
 */
export function kindBlocks(q, id) {
  const mc = optionsBlock(q, id, 'radio', 4);
  const ma = optionsBlock(q, id, 'checkbox', 8);

  const tf = ['true', 'false'].map((v) => {
    const radio = h('input', { type: 'radio', name: id('tf'), value: v });
    radio.checked = q.kind === 'true_false' && String(q.answer) === v;
    return radio;
  });

  const pairRows = h('div', { class: 'pair-rows' });
  /** @type {{ term: HTMLInputElement; definition: HTMLInputElement }[]} */
  const pairs = [];
  const addPair = (/** @type {string} */ term, /** @type {string} */ definition) => {
    const k = pairs.length;
    const t = textInput(id(`pair${k}-term`), `Term ${k + 1}`, term);
    const d = textInput(id(`pair${k}-definition`), `Definition ${k + 1}`, definition);
    t.placeholder = 'term';
    d.placeholder = 'its definition';
    pairs.push({ term: t, definition: d });
    pairRows.append(h('div', { class: 'pair-row' }, h('span', { class: 'letter' }, `${k + 1}.`), t, d));
  };
  const own = q.kind === 'matching' ? q.pairs : [];
  for (let k = 0; k < Math.max(3, own.length); k++) addPair(own[k]?.term ?? '', own[k]?.definition ?? '');
  const morePairs = h('button', { type: 'button', class: 'link' }, 'Add a pair');
  morePairs.addEventListener('click', () => {
    if (pairs.length < 6) addPair('', '');
    if (pairs.length >= 6) morePairs.hidden = true;
    pairs.at(-1)?.term.focus();
  });

  const answers = h('textarea', { id: id('answers'), rows: 3 });
  answers.value = q.kind === 'short_answer' ? q.answers.join('\n') : '';

  const value = h('input', { id: id('value'), type: 'text', inputmode: 'decimal' });
  const tolerance = h('input', { id: id('tolerance'), type: 'text', inputmode: 'decimal' });
  const unit = h('input', { id: id('unit'), type: 'text' });
  value.value = q.kind === 'numerical' ? String(q.answer) : '';
  tolerance.value = q.kind === 'numerical' ? String(q.tolerance) : '0';
  unit.value = q.kind === 'numerical' ? (q.unit ?? '') : '';

  const items = h('textarea', { id: id('items'), rows: 5 });
  items.value = q.kind === 'ordering' ? q.items.join('\n') : '';

  const field = (
    /** @type {string} */ label,
    /** @type {HTMLElement} */ control,
    /** @type {string} */ forId,
  ) => h('div', { class: 'field' }, h('label', { for: forId }, label), control);

  return {
    multiple_choice: {
      element: block('Options (choose the right one)', mc.rows),
      read: mc.read,
    },
    true_false: {
      element: block(
        'The right answer',
        h(
          'div',
          { class: 'row' },
          tf.map((radio) =>
            h('label', { class: 'choice' }, radio, h('span', {}, radio.value === 'true' ? 'True' : 'False')),
          ),
        ),
      ),
      read() {
        const picked = tf.find((r) => r.checked);
        return picked ? { answer: picked.value === 'true' } : {};
      },
    },
    multiple_answer: {
      element: block(
        'Options (tick every right one: two or more, and leave one or more wrong)',
        ma.rows,
        ma.more,
      ),
      read: ma.read,
    },
    matching: {
      element: block('Terms and their definitions (3 to 6 pairs)', pairRows, morePairs),
      read() {
        const kept = pairs.filter((p) => p.term.value.trim() || p.definition.value.trim());
        return { pairs: kept.map((p) => ({ term: p.term.value, definition: p.definition.value })) };
      },
    },
    short_answer: {
      element: block(
        'Accepted answers',
        field('One per line, the preferred one first (case does not matter)', answers, id('answers')),
      ),
      read: () => ({ answers: lines(answers.value) }),
    },
    numerical: {
      element: block(
        'The right value',
        h(
          'div',
          { class: 'fields' },
          field('Value', value, id('value')),
          field('Tolerance (±)', tolerance, id('tolerance')),
          field('Unit (optional)', unit, id('unit')),
        ),
      ),
      read() {
        const n = parseNumber(value.value);
        const t = tolerance.value.trim() === '' ? 0 : parseNumber(tolerance.value);
        if (!Number.isFinite(n)) return { error: `The value “${value.value}” is not a number.` };
        if (!Number.isFinite(t) || t < 0)
          return { error: `The tolerance “${tolerance.value}” is not a number of 0 or more.` };
        return { answer: n, tolerance: t, unit: unit.value };
      },
    },
    ordering: {
      element: block(
        'Items in the right order',
        field('One per line, first to last (3 to 8)', items, id('items')),
      ),
      read: () => ({ items: lines(items.value) }),
    },
  };
}
