// @ts-check
/** What the course, quiz and review pages share: the stored course and quizzes, citations, export buttons. */
import { ApiError, download, json } from '../api.js';
import { h } from '../dom.js';
import { openViewer } from '../viewer.js';
import { countToCheck, madeByRule } from './rule-check.js';

/**
 * The course and quiz as the API sends them: the types of src/domain/course.ts itself (never copies), and the
 * stored record around each.
 * @typedef {import('../../domain/course.ts').Citation} Citation
 * @typedef {import('../../domain/course.ts').SummarySentence} Sentence
 * @typedef {import('../../domain/course.ts').GlossaryEntry} GlossaryEntry
 * @typedef {import('../../domain/course.ts').Lesson} Lesson
 * @typedef {import('../../domain/course.ts').Module} Module
 * @typedef {import('../../domain/course.ts').Course} Course
 * @typedef {import('../../domain/course.ts').Question} Question
 * @typedef {Extract<Question, { kind: 'multiple_choice' }>} MultipleChoice
 * @typedef {Extract<Question, { kind: 'true_false' }>} TrueFalse
 * @typedef {import('../../domain/course.ts').Quiz} Quiz
 * @typedef {{ id: string; documentId: string; title: string; fileName: string; pageCount: number; modules: number; lessons: number; createdAt: string; course: Course; quizIds: string[]; access?: import('../../domain/users.ts').CourseAccess }} StoredCourse
 * @typedef {import('../../domain/question-kinds.ts').Difficulty} Difficulty
 * @typedef {import('../../domain/question-kinds.ts').BloomLevel} Bloom
 * @typedef {Extract<Question, { kind: 'multiple_answer' }>} MultipleAnswer
 * @typedef {Extract<Question, { kind: 'matching' }>} Matching
 * @typedef {Extract<Question, { kind: 'short_answer' }>} ShortAnswer
 * @typedef {Extract<Question, { kind: 'numerical' }>} Numerical
 * @typedef {Extract<Question, { kind: 'ordering' }>} Ordering
 * @typedef {{ id: string; courseId: string; quiz: Quiz; createdAt: string; revision: number; editedAt: string | null; reviewedAt: string | null; questionKeys: string[] }} StoredQuiz
 */

/** @param {string} id @returns {Promise<StoredCourse>} */
export function loadCourse(id) {
  return json(`api/courses/${encodeURIComponent(id)}`);
}

/** @param {string} courseId @returns {Promise<StoredQuiz[]>} */
export async function loadQuizzes(courseId) {
  /** @type {{ quizzes: StoredQuiz[] }} */
  const body = await json(`api/courses/${encodeURIComponent(courseId)}/quizzes`);
  return body.quizzes;
}

/** @param {string} quizId @returns {Promise<StoredQuiz>} */
export function loadQuiz(quizId) {
  return json(`api/quizzes/${encodeURIComponent(quizId)}`);
}

/**
 * A button that opens the source PDF at `page` in the viewer.
 * @param {StoredCourse} course @param {number} page @param {string} [quote] @param {string} [label]
 */
export function citation(course, page, quote, label) {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'cite',
      'data-page': page,
      'aria-label': `Open page ${page} of ${course.fileName}`,
    },
    label ?? `p. ${page}`,
  );
  button.addEventListener('click', () => {
    for (const el of document.querySelectorAll('button.cite[aria-current]'))
      el.removeAttribute('aria-current');
    for (const el of document.querySelectorAll('.summary li.active')) el.classList.remove('active');
    button.setAttribute('aria-current', 'true');
    button.closest('.summary li')?.classList.add('active');
    openViewer({ documentId: course.documentId, fileName: course.fileName, page, quote, from: button }).catch(
      () => {},
    );
  });
  return button;
}

/**
 * What a teacher calls each export format, keyed by the export module's own names (src/export/names.ts): a
 * format added there and not here fails the type check.
 * @type {Record<import('../../export/names.ts').ExportFormatName, { label: string; hint: string }>}
 */
const FORMAT_LABELS = {
  'moodle-xml': { label: 'Moodle XML', hint: 'Moodle question bank' },
  gift: { label: 'GIFT', hint: 'Moodle question bank' },
  qti: { label: 'QTI 1.2', hint: 'Canvas, Blackboard' },
  cc: { label: 'Common Cartridge', hint: 'the whole course: Canvas, Moodle' },
  anki: { label: 'Anki', hint: 'flashcards' },
  html: { label: 'Printable page', hint: 'HTML' },
  md: { label: 'Markdown', hint: '' },
  json: { label: 'JSON', hint: '' },
};

/** The export formats, as the API names them, with what a teacher calls them. */
export const FORMATS = Object.entries(FORMAT_LABELS).map(([name, f]) => ({ name, ...f }));

/**
 * A button per export format for a course and one of its quizzes, with a status line.
 * @param {string} courseId @param {string | undefined} quizId
 */
export function exportButtons(courseId, quizId) {
  const status = h('p', { class: 'muted export-status', 'aria-live': 'polite' });
  const buttons = FORMATS.map((f) => {
    const button = h(
      'button',
      { type: 'button', class: 'export', 'data-format': f.name },
      h('strong', {}, f.label),
      f.hint ? h('span', { class: 'muted' }, f.hint) : null,
    );
    button.addEventListener('click', async () => {
      const path = `api/courses/${encodeURIComponent(courseId)}/export?format=${f.name}${quizId ? `&quiz=${encodeURIComponent(quizId)}` : ''}`;
      button.disabled = true;
      status.textContent = `Preparing ${f.label}…`;
      // The file asked for now is not yet the one downloaded; a change while it comes may or may not be in it.
      delete status.dataset.downloaded;
      const changes = status.dataset.changes;
      try {
        const saved = await download(path);
        status.dataset.downloaded = saved.name;
        if (status.dataset.changes !== changes) {
          status.textContent = outdatedLine(saved.name, Number(status.dataset.toCheck));
        } else {
          status.textContent = saved.notice
            ? `Downloaded ${saved.name}. ${saved.notice}`
            : `Downloaded ${saved.name}`;
        }
      } catch (err) {
        delete status.dataset.downloaded;
        status.textContent = err instanceof ApiError ? err.message : String(err);
      } finally {
        button.disabled = false;
      }
    });
    return button;
  });
  return h(
    'div',
    { class: 'exports' },
    h('div', { class: 'export-grid' }, buttons),
    status,
    h(
      'ul',
      { class: 'import-help' },
      h(
        'li',
        {},
        h('strong', {}, 'Moodle: '),
        'Question bank › Import, choose “Moodle XML format” (or “GIFT format”), upload the file.',
      ),
      h(
        'li',
        {},
        h('strong', {}, 'Canvas: '),
        'Settings › Import course content › “QTI .zip file”; the quiz appears under Quizzes. The whole course: “Common Cartridge 1.x Package” with the .imscc file.',
      ),
      h(
        'li',
        {},
        h('strong', {}, 'Anki: '),
        'File › Import, choose the .txt file: deck, note type and fields are set by the file; importing a newer export updates the same cards.',
      ),
    ),
  );
}

/**
 * After a change to the quiz, the status line of {@link exportButtons} that told of a downloaded file says that the
 * file is older than the change, and how many questions made by rule wait for a check now: the notice it showed
 * counted them as they were.
 * @param {HTMLElement} exports @param {readonly { needsCheck?: string }[]} questions the quiz as it is now
 */
export function exportsOutdated(exports, questions) {
  const status = /** @type {HTMLElement | null} */ (exports.querySelector('.export-status'));
  if (!status) return;
  // Counted for a download under way, which tells on completion that a change came while it did.
  const n = countToCheck(questions);
  status.dataset.changes = String(Number(status.dataset.changes ?? 0) + 1);
  status.dataset.toCheck = String(n);
  const name = status.dataset.downloaded;
  if (name) status.textContent = outdatedLine(name, n);
}

/** The status line of file `name`, older than the quiz now, which has `n` questions made by rule to check. */
function outdatedLine(/** @type {string} */ name, /** @type {number} */ n) {
  const now =
    n === 0
      ? 'No question made by rule waits for a check now.'
      : `${madeByRule(n)} still ${n === 1 ? 'waits' : 'wait'} for a check.`;
  return `${name} was downloaded before your last change: download it again to have the quiz as it is now. ${now}`;
}

/** The module a quiz covers, in words. @param {StoredCourse} course @param {Quiz} quiz */
export function quizScope(course, quiz) {
  if (quiz.moduleIndex === undefined) return 'whole course';
  const m = course.course.modules[quiz.moduleIndex];
  return m ? `module ${quiz.moduleIndex + 1}: ${m.title}` : `module ${quiz.moduleIndex + 1}`;
}

/** Breadcrumb back to a course (or to the list). @param {StoredCourse | null} course */
export function backLink(course) {
  return h(
    'nav',
    { class: 'crumbs', 'aria-label': 'Breadcrumb' },
    h('a', { href: '#/' }, 'Courses'),
    course ? [' › ', h('a', { href: `#/course/${encodeURIComponent(course.id)}` }, course.title)] : null,
  );
}
