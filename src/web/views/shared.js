// @ts-check
/** What the course, quiz and review pages share: the stored course and quizzes, citations, export buttons. */
import { ApiError, download, json } from '../api.js';
import { h } from '../dom.js';
import { openViewer } from '../viewer.js';

/**
 * @typedef {{ page: number }} Citation
 * @typedef {{ text: string; citations: Citation[] }} Sentence
 * @typedef {{ title: string; pageStart: number; pageEnd: number; summary: Sentence[]; keyTerms: string[]; readingMinutes: number }} Lesson
 * @typedef {{ title: string; pageStart: number; pageEnd: number; objectives: string[]; keyTerms: string[]; lessons: Lesson[]; readingMinutes: number }} Module
 * @typedef {{ title: string; language?: string; description: string; keyTerms: string[]; modules: Module[]; readingMinutes: number; generator: { name: string } }} Course
 * @typedef {{ id: string; documentId: string; title: string; fileName: string; pageCount: number; modules: number; lessons: number; createdAt: string; course: Course; quizIds: string[] }} StoredCourse
 * @typedef {'easy' | 'medium' | 'hard'} Difficulty
 * @typedef {'remember' | 'understand' | 'apply'} Bloom
 * @typedef {{ prompt: string; explanation: string; sourcePage: number; moduleIndex?: number; difficulty: Difficulty; bloom: Bloom }} Common
 * @typedef {Common & { kind: 'multiple_choice'; options: string[]; answerIndex: number }} MultipleChoice
 * @typedef {Common & { kind: 'true_false'; answer: boolean }} TrueFalse
 * @typedef {Common & { kind: 'multiple_answer'; options: string[]; answerIndexes: number[] }} MultipleAnswer
 * @typedef {Common & { kind: 'matching'; pairs: { term: string; definition: string }[] }} Matching
 * @typedef {Common & { kind: 'short_answer'; answers: string[] }} ShortAnswer
 * @typedef {Common & { kind: 'numerical'; answer: number; tolerance: number; unit?: string }} Numerical
 * @typedef {Common & { kind: 'ordering'; items: string[] }} Ordering
 * @typedef {MultipleChoice | TrueFalse | MultipleAnswer | Matching | ShortAnswer | Numerical | Ordering} Question
 * @typedef {{ title: string; seed: number; moduleIndex?: number; questions: Question[] }} Quiz
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

/** The export formats, as the API names them, with what a teacher calls them. */
export const FORMATS = [
  { name: 'moodle-xml', label: 'Moodle XML', hint: 'Moodle question bank' },
  { name: 'gift', label: 'GIFT', hint: 'Moodle question bank' },
  { name: 'qti', label: 'QTI 1.2', hint: 'Canvas, Blackboard' },
  { name: 'cc', label: 'Common Cartridge', hint: 'the whole course: Canvas, Moodle' },
  { name: 'anki', label: 'Anki', hint: 'flashcards' },
  { name: 'html', label: 'Printable page', hint: 'HTML' },
  { name: 'md', label: 'Markdown', hint: '' },
  { name: 'json', label: 'JSON', hint: '' },
];

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
      try {
        const saved = await download(path);
        status.textContent = saved.notice
          ? `Downloaded ${saved.name}. ${saved.notice}`
          : `Downloaded ${saved.name}`;
      } catch (err) {
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
