// @ts-check
/**
 * `#/course/:id`: a course as a teacher reads it (description, key terms, modules with objectives, lessons with
 * their summary sentences, each citation a button that opens the PDF at that page beside the text), its quizzes
 * (take, review, export) and a form for a new quiz.
 */
import { ApiError, json } from '../api.js';
import { h, replace } from '../dom.js';
import { date, languageName, pages, plural } from '../format.js';
import { followJob } from '../jobs.js';
import { kindTitle, sentenceStart } from '../question-text.js';
import { deleteSection } from './delete.js';
import { KINDS } from './kinds.js';
import { backLink, citation, exportButtons, loadCourse, loadQuizzes, quizScope } from './shared.js';
import { shareButton } from './sharing.js';

/** The server's default mix (src/domain/question-kinds.ts DEFAULT_KIND_SHARES), shown in the new-quiz form. */
const DEFAULT_SHARES = {
  multiple_choice: 4,
  true_false: 2,
  multiple_answer: 1,
  matching: 1,
  short_answer: 1,
  numerical: 1,
  ordering: 1,
};

/** @typedef {import('./shared.js').StoredCourse} StoredCourse */
/** @typedef {import('./shared.js').StoredQuiz} StoredQuiz */

/** @param {HTMLElement} main @param {string} id */
export async function courseView(main, id) {
  const [course, quizzes] = await Promise.all([loadCourse(id), loadQuizzes(id)]);
  document.title = `${course.title} · ProfAI`;
  const c = course.course;
  // The course's own text is in its document's language (the page around it is not): screen readers say it so.
  const lang = c.language && c.language !== 'und' ? c.language : undefined;
  const language = languageName(c.language);
  replace(
    main,
    backLink(null),
    h('h1', { tabindex: -1, lang }, course.title),
    h(
      'p',
      { class: 'meta' },
      `${course.fileName} · ${language ? `${language} · ` : ''}${plural(course.pageCount, 'page')} · ${plural(c.modules.length, 'module')} · ${plural(course.lessons, 'lesson')} · about ${plural(Math.max(1, Math.round(c.readingMinutes)), 'minute')} of reading · added ${date(course.createdAt)}`,
    ),
    accessRow(course),
    h('p', { class: 'lead', lang }, c.description),
    c.keyTerms.length > 0
      ? h(
          'section',
          { 'aria-labelledby': 'terms-title', class: 'terms-block' },
          h('h2', { id: 'terms-title', class: 'small-title' }, 'Key terms'),
          h(
            'ul',
            { class: 'terms', lang },
            c.keyTerms.map((t) => h('li', {}, t)),
          ),
        )
      : null,
    quizSection(course, quizzes),
    contents(course),
    ...c.modules.map((m, i) => moduleSection(course, m, i, lang)),
    // Only owners (and admins, who own every course) may delete; a share, read-only or editing, may not.
    course.access === undefined || course.access === 'owner' ? deleteSection(course) : null,
  );
}

/**
 * Owners share the course; a teacher it is shared with sees how.
 * @param {StoredCourse} course
 */
function accessRow(course) {
  if (course.access === 'owner') return h('div', { class: 'row wrap access-row' }, shareButton(course));
  if (course.access === 'read' || course.access === 'edit')
    return h(
      'p',
      { class: 'access-row' },
      h(
        'span',
        { class: 'badge badge-shared' },
        course.access === 'read' ? 'Shared with you: read only' : 'Shared with you: you can edit its quizzes',
      ),
    );
  return null;
}

/** @param {StoredCourse} course @param {StoredQuiz[]} quizzes */
function quizSection(course, quizzes) {
  const canEdit = course.access !== 'read';
  return h(
    'section',
    { class: 'card quizzes', 'aria-labelledby': 'quizzes-title' },
    h('h2', { id: 'quizzes-title' }, 'Quizzes'),
    quizzes.length === 0 ? h('p', { class: 'muted no-quiz' }, 'No quiz yet.') : null,
    quizList(course, quizzes),
    canEdit ? newQuizForm(course) : null,
  );
}

/** The course's quizzes, each to take, review and export. @param {StoredCourse} course @param {StoredQuiz[]} quizzes */
function quizList(course, quizzes) {
  const canEdit = course.access !== 'read';
  return h(
    'ul',
    { class: 'quiz-list' },
    quizzes.map((q, i) =>
      h(
        'li',
        { class: 'quiz-item', 'data-quiz': q.id },
        h(
          'div',
          { class: 'quiz-head' },
          h('h3', {}, i === 0 ? 'The course quiz' : `Quiz ${i + 1}`),
          q.reviewedAt
            ? h('span', { class: 'badge badge-done' }, 'Reviewed')
            : h('span', { class: 'badge' }, 'Not reviewed'),
          q.editedAt ? h('span', { class: 'badge badge-edited' }, 'Edited') : null,
        ),
        h(
          'p',
          { class: 'muted' },
          `${plural(q.quiz.questions.length, 'question')} · ${quizScope(course, q.quiz)} · seed ${q.quiz.seed} · ${date(q.createdAt)}`,
        ),
        h(
          'div',
          { class: 'row wrap' },
          h(
            'a',
            {
              class: 'button primary',
              href: `#/course/${encodeURIComponent(course.id)}/quiz/${encodeURIComponent(q.id)}`,
            },
            'Take the quiz',
          ),
          canEdit
            ? h(
                'a',
                {
                  class: 'button',
                  href: `#/course/${encodeURIComponent(course.id)}/review/${encodeURIComponent(q.id)}`,
                },
                'Review and edit',
              )
            : null,
        ),
        h(
          'details',
          { class: 'export-details' },
          h('summary', {}, 'Export this quiz with the course'),
          exportButtons(course.id, q.id),
        ),
      ),
    ),
  );
}

/** @param {StoredCourse} course */
function newQuizForm(course) {
  const count = h('input', {
    id: 'nq-count',
    type: 'number',
    min: 1,
    max: 100,
    value: 10,
    required: true,
    inputmode: 'numeric',
  });
  const module = h(
    'select',
    { id: 'nq-module' },
    h('option', { value: '' }, 'The whole course'),
    course.course.modules.map((m, i) => h('option', { value: i }, `Module ${i + 1}: ${m.title}`)),
  );
  const seed = h('input', {
    id: 'nq-seed',
    type: 'number',
    inputmode: 'numeric',
    'aria-describedby': 'nq-seed-hint',
  });
  // The share of each kind (the server's default mix until the teacher changes one), difficulties, a least level.
  const shares = KINDS.map((k) => {
    const input = h('input', {
      id: `nq-kind-${k}`,
      class: 'share-input',
      type: 'number',
      min: 0,
      max: 100,
      value: DEFAULT_SHARES[k],
      inputmode: 'numeric',
      'data-kind': k,
    });
    return { k, input };
  });
  const kindsBlock = h(
    'fieldset',
    { class: 'kinds-edit' },
    h('legend', {}, 'Kinds of question (a share each; 0: none)'),
    h(
      'div',
      { class: 'kind-shares' },
      shares.map(({ k, input }) =>
        h('div', { class: 'field inline' }, h('label', { for: `nq-kind-${k}` }, kindTitle(k)), input),
      ),
    ),
  );
  const levels = ['easy', 'medium', 'hard'].map((d) => {
    const box = h('input', { type: 'checkbox', id: `nq-diff-${d}`, value: d, checked: true });
    return { d, box };
  });
  const difficultyBlock = h(
    'fieldset',
    { class: 'kinds-edit' },
    h('legend', {}, 'Difficulty'),
    h(
      'div',
      { class: 'row wrap' },
      levels.map(({ d, box }) => h('label', { class: 'choice', for: `nq-diff-${d}` }, box, h('span', {}, d))),
    ),
  );
  const bloom = h(
    'select',
    { id: 'nq-bloom' },
    h('option', { value: '' }, 'Any level'),
    h('option', { value: 'understand' }, 'Understand or above'),
    h('option', { value: 'apply' }, 'Apply'),
  );
  const status = h('p', { class: 'muted', 'aria-live': 'polite', id: 'nq-status' });
  const submit = h('button', { type: 'submit', class: 'primary nq-submit' }, 'Make the quiz');
  const form = h(
    'form',
    { class: 'new-quiz', 'aria-labelledby': 'nq-title' },
    h('h3', { id: 'nq-title' }, 'Make a new quiz'),
    h(
      'div',
      { class: 'fields' },
      h('div', { class: 'field' }, h('label', { for: 'nq-count' }, 'Questions'), count),
      h('div', { class: 'field grow' }, h('label', { for: 'nq-module' }, 'Covering'), module),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'nq-seed' }, 'Seed'),
        seed,
        h('span', { class: 'hint', id: 'nq-seed-hint' }, 'Same seed, same quiz. Empty: random.'),
      ),
    ),
    h(
      'details',
      { class: 'nq-more' },
      h('summary', {}, 'Kinds of question, difficulty and Bloom level'),
      kindsBlock,
      difficultyBlock,
      h('div', { class: 'field inline' }, h('label', { for: 'nq-bloom' }, 'Bloom level'), bloom),
    ),
    h('div', { class: 'row' }, submit, status),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    status.textContent = 'Queued…';
    /** @type {Record<string, unknown>} */
    const body = { questions: Number(count.value) };
    if (module.value !== '') body.moduleIndex = Number(module.value);
    if (seed.value !== '') body.seed = Number(seed.value);
    // The mix goes only when the teacher changed it: the default mix is the server's.
    if (shares.some(({ k, input }) => Number(input.value) !== DEFAULT_SHARES[k]))
      body.kinds = Object.fromEntries(
        shares.map(({ k, input }) => [k, Math.max(0, Math.round(Number(input.value) || 0))]),
      );
    const picked = levels.filter(({ box }) => box.checked).map(({ d }) => d);
    if (picked.length < levels.length) body.difficulty = picked;
    if (bloom.value) body.minBloom = bloom.value;
    try {
      /** @type {{ id: string }} */
      const job = await json(`api/courses/${encodeURIComponent(course.id)}/quizzes`, {
        method: 'POST',
        body,
      });
      /** @type {any} */
      const view = await followJob(
        job.id,
        (v) => {
          status.textContent = v.state === 'active' ? 'Writing the questions…' : 'Waiting for a worker…';
        },
        { interval: 600 },
      );
      if (view.state === 'failed')
        throw new ApiError(0, 'failed', view.error ?? 'the quiz could not be made');
      const review = `#/course/${encodeURIComponent(course.id)}/review/${encodeURIComponent(view.result.quizId)}`;
      // Fewer questions than asked: the teacher reads why here, beside the form, to ask again or review it.
      if (view.result.shortfall) {
        const link = h('a', { href: review }, 'Review the quiz');
        status.replaceChildren(`${sentenceStart(view.result.shortfall)}. `, link);
        submit.disabled = false;
        // The page stays, so its list shows the new quiz too; if that reload fails, the shortfall line stays
        // and the failure is said on a line of its own under it.
        try {
          await showQuizzes(form, course);
        } catch (err) {
          const why = (err instanceof Error ? err.message : String(err)).replace(/[.\s]+$/u, '');
          status.append(
            h(
              'span',
              { class: 'nq-reload-error' },
              `The quiz list did not reload (${why}); reload the page.`,
            ),
          );
        }
        // Focus goes to where the teacher goes next, with its ring shown though the last input was a click.
        focusWithRing(link);
      } else location.hash = review;
    } catch (err) {
      status.textContent = err instanceof Error ? err.message : String(err);
      submit.disabled = false;
    }
  });
  return form;
}

/**
 * Focuses `el` with a visible ring: a focus moved by the page after a mouse click gets no :focus-visible in
 * Chromium, so the ring comes from a class the element holds until it loses focus (other clicks show none).
 * @param {HTMLElement} el
 */
function focusWithRing(el) {
  el.classList.add('focus-ring');
  el.addEventListener('blur', () => el.classList.remove('focus-ring'), { once: true });
  // `focusVisible` is honoured where the browser has it (Firefox); elsewhere the class draws the ring.
  el.focus(/** @type {FocusOptions} */ ({ focusVisible: true }));
}

/**
 * The quiz list beside `form`, loaded again (the course page stays after a short quiz is made).
 * @param {HTMLElement} form @param {StoredCourse} course
 */
async function showQuizzes(form, course) {
  const section = form.closest('section.quizzes');
  const fresh = quizList(course, await loadQuizzes(course.id));
  section?.querySelector('.no-quiz')?.remove();
  section?.querySelector('.quiz-list')?.replaceWith(fresh);
}

/** @param {StoredCourse} course */
function contents(course) {
  return h(
    'nav',
    { class: 'card contents', 'aria-labelledby': 'contents-title' },
    h('h2', { id: 'contents-title', class: 'small-title' }, 'Contents'),
    h(
      'ol',
      {},
      course.course.modules.map((m, i) =>
        h(
          'li',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'link',
              onclick: () => {
                const target = document.getElementById(`module-${i + 1}`);
                target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                target?.querySelector('h2')?.focus({ preventScroll: true });
              },
            },
            m.title,
          ),
          h('span', { class: 'muted' }, ` ${pages(m.pageStart, m.pageEnd)}`),
        ),
      ),
    ),
  );
}

/**
 * @param {StoredCourse} course
 * @param {import('./shared.js').Module} m
 * @param {number} i
 * @param {string | undefined} lang the language of the document's own text (titles, summaries)
 */
function moduleSection(course, m, i, lang) {
  return h(
    'section',
    { class: 'module', id: `module-${i + 1}`, 'aria-labelledby': `module-${i + 1}-title` },
    h(
      'h2',
      { id: `module-${i + 1}-title`, tabindex: -1 },
      h('span', { class: 'module-number' }, `Module ${i + 1}`),
      h('span', { lang }, m.title),
    ),
    h(
      'p',
      { class: 'meta' },
      `${pages(m.pageStart, m.pageEnd)} · about ${plural(Math.max(1, Math.round(m.readingMinutes)), 'minute')}`,
    ),
    h(
      'div',
      { class: 'objectives' },
      h('h3', { class: 'small-title' }, 'Learning objectives'),
      h(
        'ul',
        {},
        m.objectives.map((o) => h('li', {}, o)),
      ),
    ),
    m.glossary && m.glossary.length > 0
      ? h(
          'details',
          { class: 'glossary' },
          h('summary', { class: 'small-title' }, `Terms defined here (${m.glossary.length})`),
          h(
            'dl',
            { lang },
            m.glossary.flatMap((g) => [
              h('dt', {}, g.term),
              h(
                'dd',
                {},
                `${g.definition} `,
                [...new Set(g.citations.map((c) => c.page))].map((p) => citation(course, p, g.definition)),
              ),
            ]),
          ),
        )
      : null,
    m.lessons.map((l, j) =>
      h(
        'article',
        { class: 'lesson' },
        h(
          'h3',
          {},
          h('span', { class: 'lesson-number' }, `Lesson ${i + 1}.${j + 1}`),
          h('span', { lang }, l.title),
        ),
        h(
          'p',
          { class: 'meta' },
          pages(l.pageStart, l.pageEnd),
          l.keyTerms.length ? ` · ${l.keyTerms.join(', ')}` : '',
        ),
        h(
          'ul',
          { class: 'summary', lang },
          l.summary.map((s) => {
            const cited = [...new Set(s.citations.map((x) => x.page))].sort((a, b) => a - b);
            return h(
              'li',
              {},
              `${s.text} `,
              cited.map((p) => citation(course, p, s.text)),
            );
          }),
        ),
      ),
    ),
  );
}
