// @ts-check
/**
 * `#/course/:id/review/:quizId`: review a quiz before export. Each question shows its answer, explanation and
 * source page, difficulty and Bloom level; "Edit" turns it into a form (stem, kind, what the kind needs: options and
 * the right ones, pairs, accepted answers, a value, items in order (./kind-editors.js); explanation, page, levels),
 * "Delete" removes it, "Mark as reviewed" records that a teacher checked the quiz. A question made by rule that waits
 * for a check carries a badge and "Mark as checked" (./rule-check.js); a filter shows only those; "Mark as reviewed"
 * says first how many still wait, and marks none checked. Every change is stored through the API
 * (validated there) with the revision it was based on, and every export uses the stored quiz.
 */
import { ApiError, json } from '../api.js';
import { h, replace } from '../dom.js';
import { dateTime, plural } from '../format.js';
import { KIND_LABELS, kindTitle, sentenceStart } from '../question-text.js';
import { kindBlocks } from './kind-editors.js';
import { KINDS, reviewAnswer } from './kinds.js';
import {
  CHECK_BUTTON,
  checkFilter,
  checkNote,
  countToCheck,
  NOTHING_TO_CHECK,
  reviewedWith,
  reviewWarning,
} from './rule-check.js';
import {
  backLink,
  citation,
  exportButtons,
  exportsOutdated,
  loadCourse,
  loadQuiz,
  quizScope,
} from './shared.js';

/** @typedef {import('./shared.js').StoredQuiz} StoredQuiz */
/** @typedef {import('./shared.js').StoredCourse} StoredCourse */
/** @typedef {import('./shared.js').Question} Question */
/** @typedef {Question['kind']} Kind */

/** @param {HTMLElement} main @param {string} courseId @param {string} quizId */
export async function reviewView(main, courseId, quizId) {
  const [course, first] = await Promise.all([loadCourse(courseId), loadQuiz(quizId)]);
  document.title = `Review the quiz: ${course.title} · ProfAI`;
  let stored = first;
  const status = h('p', { class: 'review-status', id: 'review-status', 'aria-live': 'polite' });
  const list = h('ol', { class: 'review-list' });
  const header = h('div', { class: 'review-head' });
  const nothingToCheck = h('p', { class: 'muted', id: 'nothing-to-check', hidden: true }, NOTHING_TO_CHECK);
  let onlyToCheck = false;
  /** True while "Mark as reviewed" waits for the teacher's answer to the warning of questions still to check. */
  let warning = false;
  /** True while the request marking the quiz (or not) waits for its answer. */
  let marking = false;
  const exports = exportButtons(course.id, quizId);
  const toCheck = () => countToCheck(stored.quiz.questions);

  /** @param {StoredQuiz} next @param {string} [message] */
  const show = (next, message) => {
    // A file downloaded before a change of the questions no longer holds the quiz as shown: its status line says
    // so. Marking the quiz reviewed changes no question (nor `editedAt`).
    if (next.editedAt !== stored.editedAt) exportsOutdated(exports, next.quiz.questions);
    stored = next;
    warning = false;
    renderHeader();
    replace(list, ...stored.quiz.questions.map((q, i) => card(q, i)));
    filter();
    status.textContent = message ?? '';
  };

  /** With "to check" on, the questions that wait for no check are hidden (their numbers stay theirs). */
  const filter = () => {
    const questions = stored.quiz.questions;
    const cards = /** @type {HTMLElement[]} */ ([...list.children]);
    for (const [i, li] of cards.entries()) li.hidden = onlyToCheck && !questions[i]?.needsCheck;
    nothingToCheck.hidden = !onlyToCheck || questions.some((q) => q.needsCheck);
  };

  /**
   * Focuses the first `selector` of the next visible question after `i`, or else the "to check" filter.
   * @param {number} i @param {string} selector
   */
  const focusAfter = (i, selector) => {
    const cards = /** @type {HTMLElement[]} */ ([...list.children]);
    const next = cards
      .filter((li) => !li.hidden && Number(li.dataset.question) > i)
      .map((li) => /** @type {HTMLElement | null} */ (li.querySelector(selector)))
      .find((b) => b !== null);
    (next ?? document.getElementById('only-to-check'))?.focus();
  };

  /** @param {unknown} err */
  const failed = (err) => {
    if (err instanceof ApiError && err.status === 409) {
      replace(
        status,
        `${err.message} `,
        h(
          'button',
          { type: 'button', class: 'link', onclick: async () => show(await loadQuiz(quizId), 'Reloaded.') },
          'Reload',
        ),
      );
    } else status.textContent = err instanceof Error ? err.message : String(err);
  };

  const renderHeader = () => {
    const reviewed = stored.reviewedAt !== null;
    const toggle = h(
      'button',
      {
        type: 'button',
        class: reviewed ? '' : 'primary',
        id: 'mark-reviewed',
        'aria-pressed': reviewed ? 'true' : 'false',
      },
      reviewed ? 'Mark as not reviewed' : 'Mark as reviewed',
    );
    const mark = async () => {
      // One request at a time: a second click would send the same revision (a 409), a Cancel would hide the
      // warning of a quiz being marked. The toggle and the warning's buttons wait for the answer.
      if (marking) return;
      marking = true;
      const buttons = [...header.querySelectorAll('button')];
      for (const b of buttons) b.disabled = true;
      try {
        /** @type {StoredQuiz} */
        const next = await json(`api/quizzes/${encodeURIComponent(quizId)}`, {
          method: 'PATCH',
          body: { reviewed: !reviewed },
          headers: { 'If-Match': `"${stored.revision}"` },
        });
        marking = false;
        show(next, next.reviewedAt ? reviewedWith(toCheck()) : 'Marked as not reviewed.');
        // The button clicked ("anyway" or the toggle) is gone with the header drawn again: the focus stays here.
        document.getElementById('mark-reviewed')?.focus();
      } catch (err) {
        marking = false;
        failed(err);
        for (const b of buttons) b.disabled = false;
      }
    };
    toggle.addEventListener('click', () => {
      // Questions made by rule still to check: the teacher hears it before the quiz is marked, never after.
      if (reviewed || toCheck() === 0) return void mark();
      warning = true;
      renderHeader();
      document.getElementById('review-warning-title')?.focus();
    });
    const warned = warning
      ? reviewWarning(toCheck(), {
          showThem: () => {
            onlyToCheck = true;
            warning = false;
            renderHeader();
            filter();
            focusAfter(-1, CHECK_BUTTON);
          },
          anyway: () => void mark(),
          cancel: () => {
            if (marking) return; // the quiz is being marked: the warning stays until the answer
            warning = false;
            renderHeader();
            document.getElementById('mark-reviewed')?.focus();
          },
        })
      : null;
    replace(
      header,
      h(
        'p',
        { class: 'meta' },
        `${plural(stored.quiz.questions.length, 'question')} · ${quizScope(course, stored.quiz)}`,
        stored.editedAt ? ` · edited ${dateTime(stored.editedAt)}` : ' · as generated',
        reviewed ? ` · reviewed ${dateTime(stored.reviewedAt)}` : '',
      ),
      h(
        'div',
        { class: 'row wrap' },
        toggle,
        h(
          'a',
          {
            class: 'button',
            href: `#/course/${encodeURIComponent(course.id)}/quiz/${encodeURIComponent(quizId)}`,
          },
          'Take the quiz',
        ),
      ),
      warned,
      checkFilter(toCheck(), onlyToCheck, (on) => {
        onlyToCheck = on;
        filter();
      }),
    );
  };

  /** Keeps question `i` as it is: it no longer waits for a check. @param {number} i */
  const markChecked = async (i) => {
    try {
      /** @type {StoredQuiz} */
      const next = await json(`api/quizzes/${encodeURIComponent(quizId)}/questions/${i}`, {
        method: 'PATCH',
        body: { checked: true },
        headers: { 'If-Match': `"${stored.revision}"` },
      });
      // A check that changed nothing found the question kept, or another one at its place (a question deleted
      // before it: one revision on, too, so the key tells): the answer is the stored quiz, shown as a reload would.
      if (next.revision !== stored.revision + 1 || next.questionKeys[i] !== stored.questionKeys[i]) {
        show(next, 'Already kept, or the quiz changed meanwhile: reloaded.');
        focusAfter(i - 1, CHECK_BUTTON);
        return;
      }
      show(next, `Question ${i + 1} marked as checked.`);
      focusAfter(i, CHECK_BUTTON);
    } catch (err) {
      failed(err);
    }
  };

  /** @param {Question} q @param {number} i */
  const card = (q, i) => {
    const li = h('li', { class: 'card review-card', 'data-question': i });
    const view = () => {
      const edit = h('button', { type: 'button', 'aria-label': `Edit question ${i + 1}` }, 'Edit');
      const del = h(
        'button',
        { type: 'button', class: 'danger', 'aria-label': `Delete question ${i + 1}` },
        'Delete',
      );
      edit.addEventListener('click', () => editor());
      del.addEventListener('click', async () => {
        if (!window.confirm(`Delete question ${i + 1}? "${q.prompt.slice(0, 80)}"`)) return;
        try {
          /** @type {StoredQuiz} */
          const next = await json(`api/quizzes/${encodeURIComponent(quizId)}/questions/${i}`, {
            method: 'DELETE',
            headers: { 'If-Match': `"${stored.revision}"` },
          });
          show(next, `Question ${i + 1} deleted.`);
        } catch (err) {
          failed(err);
        }
      });
      replace(
        li,
        h(
          'div',
          { class: 'row between' },
          h('span', { class: 'qnum' }, `Question ${i + 1} · ${KIND_LABELS[q.kind]}`),
          h('div', { class: 'row' }, edit, del),
        ),
        checkNote(q, i, () => markChecked(i)),
        h('p', { class: 'prompt' }, q.prompt),
        reviewAnswer(q),
        h(
          'p',
          { class: 'explanation' },
          h('span', { class: 'muted' }, 'Explanation: '),
          q.explanation,
          ' ',
          citation(course, q.sourcePage, undefined, `p. ${q.sourcePage}`),
        ),
        h(
          'p',
          { class: 'levels' },
          h('span', { class: 'badge', 'data-difficulty': q.difficulty }, q.difficulty),
          ' ',
          h('span', { class: 'badge', 'data-bloom': q.bloom }, q.bloom),
          h('span', { class: 'visually-hidden' }, ` (difficulty ${q.difficulty}, Bloom level ${q.bloom})`),
        ),
      );
    };
    const editor = () => {
      const id = (/** @type {string} */ s) => `q${i}-${s}`;
      const kind = h(
        'select',
        { id: id('kind') },
        KINDS.map((k) => h('option', { value: k }, kindTitle(k))),
      );
      kind.value = q.kind;
      const prompt = h('textarea', { id: id('prompt'), rows: 3, required: true });
      prompt.value = q.prompt;
      const blocks = kindBlocks(q, id);
      const syncKind = () => {
        for (const k of KINDS) blocks[k].element.hidden = kind.value !== k;
      };
      kind.addEventListener('change', syncKind);
      syncKind();
      const level = (
        /** @type {string} */ name,
        /** @type {readonly string[]} */ values,
        /** @type {string} */ current,
      ) => {
        const select = h(
          'select',
          { id: id(name) },
          values.map((v) => h('option', { value: v }, v)),
        );
        select.value = current;
        return select;
      };
      const difficulty = level('difficulty', ['easy', 'medium', 'hard'], q.difficulty);
      const bloom = level('bloom', ['remember', 'understand', 'apply'], q.bloom);
      const explanation = h('textarea', { id: id('explanation'), rows: 3, required: true });
      explanation.value = q.explanation;
      const page = h('input', {
        id: id('page'),
        type: 'number',
        min: 1,
        max: course.pageCount,
        value: q.sourcePage,
        inputmode: 'numeric',
      });
      const error = h('p', { class: 'error', role: 'alert', hidden: true });
      const save = h('button', { type: 'submit', class: 'primary' }, 'Save');
      const cancel = h('button', { type: 'button' }, 'Cancel');
      cancel.addEventListener('click', () => view());
      const form = h(
        'form',
        { class: 'edit-form', 'aria-label': `Edit question ${i + 1}` },
        h(
          'div',
          { class: 'row between' },
          h('span', { class: 'qnum' }, `Question ${i + 1}`),
          h('div', { class: 'field inline' }, h('label', { for: id('kind') }, 'Kind'), kind),
        ),
        h('div', { class: 'field' }, h('label', { for: id('prompt') }, 'Question'), prompt),
        KINDS.map((k) => blocks[k].element),
        h(
          'div',
          { class: 'field' },
          h('label', { for: id('explanation') }, 'Explanation (shown after answering)'),
          explanation,
        ),
        h(
          'div',
          { class: 'row wrap' },
          h('div', { class: 'field inline' }, h('label', { for: id('page') }, 'Source page'), page),
          h(
            'div',
            { class: 'field inline' },
            h('label', { for: id('difficulty') }, 'Difficulty'),
            difficulty,
          ),
          h('div', { class: 'field inline' }, h('label', { for: id('bloom') }, 'Bloom level'), bloom),
        ),
        error,
        h('div', { class: 'row' }, save, cancel),
      );
      form.addEventListener('submit', async (event) => {
        event.preventDefault();
        const own = blocks[/** @type {Kind} */ (kind.value)].read();
        if (typeof own.error === 'string') {
          error.hidden = false;
          error.textContent = own.error;
          return;
        }
        /** @type {Record<string, unknown>} */
        const patch = {
          kind: kind.value,
          prompt: prompt.value,
          explanation: explanation.value,
          sourcePage: Number(page.value),
          ...own,
        };
        // Levels go only when the teacher changed them: a change of kind otherwise takes the rule's for it.
        if (difficulty.value !== q.difficulty) patch.difficulty = difficulty.value;
        if (bloom.value !== q.bloom) patch.bloom = bloom.value;
        save.disabled = true;
        try {
          /** @type {StoredQuiz} */
          const next = await json(`api/quizzes/${encodeURIComponent(quizId)}/questions/${i}`, {
            method: 'PATCH',
            body: patch,
            headers: { 'If-Match': `"${stored.revision}"` },
          });
          show(next, `Question ${i + 1} saved.`);
          // With "to check" on, the kept question is hidden now: the focus goes on, never to a hidden button.
          const own = /** @type {HTMLElement | null} */ (
            list.querySelector(`[data-question="${i}"]:not([hidden]) button`)
          );
          if (own) own.focus();
          else focusAfter(i, 'button');
        } catch (err) {
          save.disabled = false;
          error.hidden = false;
          error.textContent = err instanceof ApiError ? readable(err.message) : String(err);
          if (err instanceof ApiError && err.status === 409) failed(err);
        }
      });
      replace(li, form);
      prompt.focus();
    };
    view();
    return li;
  };

  show(stored);
  replace(
    main,
    backLink(course),
    h('h1', { tabindex: -1 }, 'Review the quiz'),
    header,
    status,
    nothingToCheck,
    list,
    h(
      'section',
      { class: 'card', 'aria-labelledby': 'export-title' },
      h('h2', { id: 'export-title' }, 'Export'),
      h(
        'p',
        { class: 'muted' },
        'The course with this quiz, as it is now: every edit above is in the files.',
      ),
      exports,
    ),
  );
}

/** The API's reason, as a sentence: `quiz: duplicate question "…"` → `Duplicate question "…"`. */
function readable(/** @type {string} */ message) {
  return sentenceStart(message.replace(/^quiz: /, ''));
}
