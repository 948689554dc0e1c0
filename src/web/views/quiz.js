// @ts-check
/**
 * `#/course/:id/quiz/:quizId`: take a quiz, all questions on one page or one at a time, whatever their kind (the
 * controls of each kind are in ./kinds.js); "Check my answers" gives the score and, per question, whether it was
 * right, the right answer, its explanation and a button to its source page.
 */
import { h, replace } from '../dom.js';
import { answerParts, answerText, KIND_LABELS } from '../question-text.js';
import { answerWidget } from './kinds.js';
import { backLink, citation, loadCourse, loadQuiz, quizScope } from './shared.js';

/** @typedef {import('./kinds.js').Widget} Widget */
/** @typedef {import('./shared.js').Question} Question */

/** ` The answer is X.` (a period only where the answer has none), or ` The answer:` before a list of parts. */
function rightAnswer(/** @type {Question} */ q) {
  if (answerParts(q)) return ' The answer:';
  const text = answerText(q);
  return [' The answer is ', h('strong', {}, text), /[.!?]$/.test(text) ? '' : '.'];
}

/** The parts of a right answer (options, pairs, items in order) as a list, for the kinds that have several. */
function answerList(/** @type {Question} */ q) {
  const parts = answerParts(q);
  if (!parts) return null;
  return h(
    q.kind === 'ordering' ? 'ol' : 'ul',
    { class: 'answer-parts' },
    parts.map((p) => h('li', {}, h('strong', {}, q.kind === 'ordering' ? p.replace(/^\d+\. /, '') : p))),
  );
}

/** @param {HTMLElement} main @param {string} courseId @param {string} quizId */
export async function quizView(main, courseId, quizId) {
  const [course, stored] = await Promise.all([loadCourse(courseId), loadQuiz(quizId)]);
  const quiz = stored.quiz;
  document.title = `Quiz: ${course.title} · ProfAI`;
  const score = h('div', { class: 'score', id: 'score', role: 'status', tabindex: -1, hidden: true });
  const widgets = quiz.questions.map((q, i) =>
    answerWidget(q, i, `${stored.id}:${stored.questionKeys[i] ?? i}`),
  );
  const fieldsets = quiz.questions.map((q, i) =>
    h(
      'fieldset',
      { class: 'question', 'data-question': i, 'data-kind': q.kind },
      h(
        'legend',
        {},
        h(
          'span',
          { class: 'qnum' },
          `Question ${i + 1} of ${quiz.questions.length} · ${KIND_LABELS[q.kind]}`,
        ),
        h('span', { class: 'prompt' }, q.prompt),
      ),
      /** @type {Widget} */ (widgets[i]).element,
      h('div', { class: 'feedback', hidden: true }),
    ),
  );
  const check = h('button', { type: 'submit', class: 'primary' }, 'Check my answers');
  const again = h('button', { type: 'button', hidden: true }, 'Try again');
  const prev = h('button', { type: 'button', hidden: true }, '← Previous');
  const next = h('button', { type: 'button', class: 'primary', hidden: true }, 'Next →');
  const position = h('span', { class: 'muted', 'aria-live': 'polite' });
  const form = h(
    'form',
    { class: 'take-quiz', novalidate: true },
    fieldsets,
    h('div', { class: 'row wrap sticky-actions' }, prev, next, check, again, position),
  );

  // One question at a time (a phone, a student) or all on one page (a teacher checking the quiz).
  let single = sessionStorage.getItem('profai.quizMode') === 'single';
  let current = 0;
  let checked = false;
  const modeAll = h('button', { type: 'button', 'aria-pressed': 'false' }, 'All on one page');
  const modeSingle = h('button', { type: 'button', 'aria-pressed': 'false' }, 'One at a time');
  const layout = () => {
    const paged = single && !checked;
    modeAll.setAttribute('aria-pressed', String(!single));
    modeSingle.setAttribute('aria-pressed', String(single));
    fieldsets.forEach((fs, i) => {
      fs.hidden = paged && i !== current;
    });
    prev.hidden = !paged || current === 0;
    next.hidden = !paged || current === fieldsets.length - 1;
    check.hidden = checked || (paged && current !== fieldsets.length - 1);
    position.textContent = paged ? `Question ${current + 1} of ${fieldsets.length}` : '';
  };
  /** @param {number} to */
  const go = (to) => {
    current = Math.max(0, Math.min(fieldsets.length - 1, to));
    layout();
    /** @type {HTMLElement | null | undefined} */ (
      fieldsets[current]?.querySelector('input, select, button')
    )?.focus();
  };
  prev.addEventListener('click', () => go(current - 1));
  next.addEventListener('click', () => go(current + 1));
  /** @param {boolean} value */
  const setMode = (value) => {
    single = value;
    sessionStorage.setItem('profai.quizMode', value ? 'single' : 'all');
    layout();
  };
  modeAll.addEventListener('click', () => setMode(false));
  modeSingle.addEventListener('click', () => setMode(true));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    let right = 0;
    quiz.questions.forEach((q, i) => {
      const fs = fieldsets[i];
      if (!fs) return;
      const result = /** @type {Widget} */ (widgets[i]).check();
      const ok = result === 'right';
      if (ok) right++;
      fs.classList.toggle('correct', ok);
      fs.classList.toggle('wrong', !ok);
      fs.dataset.result = result === 'right' ? 'correct' : result;
      const feedback = /** @type {HTMLElement} */ (fs.querySelector('.feedback'));
      replace(
        feedback,
        h(
          'p',
          { class: 'verdict' },
          ok ? '✓ Right.' : result === 'wrong' ? '✗ Not quite.' : '✗ Not answered.',
          ok ? null : rightAnswer(q),
        ),
        ok ? null : answerList(q),
        h(
          'p',
          {},
          q.explanation,
          ' ',
          citation(
            course,
            q.sourcePage,
            q.explanation.replace(/^From page \d+:\s*/, '').replace(/^"|"$/g, ''),
            `See page ${q.sourcePage}`,
          ),
        ),
      );
      feedback.hidden = false;
    });
    const n = quiz.questions.length;
    replace(
      score,
      h('strong', {}, `${right} of ${n} right`),
      ` (${Math.round((100 * right) / n)}%)`,
      h(
        'span',
        { class: 'muted' },
        right === n ? ' · well done!' : ' · the answers are shown under each question.',
      ),
    );
    score.hidden = false;
    score.dataset.right = String(right);
    checked = true;
    layout();
    again.hidden = false;
    score.scrollIntoView({ block: 'center' });
    score.focus({ preventScroll: true });
  });
  again.addEventListener('click', () => {
    form.reset();
    for (const widget of widgets) widget.reset();
    for (const fs of fieldsets) {
      fs.classList.remove('correct', 'wrong');
      delete fs.dataset.result;
      const feedback = /** @type {HTMLElement} */ (fs.querySelector('.feedback'));
      feedback.hidden = true;
    }
    score.hidden = true;
    checked = false;
    again.hidden = true;
    go(0);
  });

  replace(
    main,
    backLink(course),
    h(
      'div',
      { class: 'row between wrap' },
      h('h1', { tabindex: -1 }, 'Quiz'),
      h(
        'a',
        {
          class: 'button',
          href: `#/course/${encodeURIComponent(course.id)}/review/${encodeURIComponent(stored.id)}`,
        },
        'Review and edit',
      ),
    ),
    h('p', { class: 'meta' }, `${quiz.questions.length} questions · ${quizScope(course, quiz)}`),
    h(
      'div',
      { class: 'row wrap quiz-mode', role: 'group', 'aria-label': 'How to show the questions' },
      modeAll,
      modeSingle,
    ),
    score,
    form,
  );
  layout();
}
