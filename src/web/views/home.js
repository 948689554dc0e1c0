// @ts-check
/** `#/`: the courses (title, file, pages, modules, date), newest first, with a filter; upload when there are none. */
import { json } from '../api.js';
import { h, replace } from '../dom.js';
import { date, plural } from '../format.js';
import { takeNotice } from './delete.js';
import { uploadPanel } from './upload.js';

/**
 * @typedef {{ id: string; documentId: string; title: string; fileName: string; pageCount: number;
 *   modules: number; lessons: number; createdAt: string;
 *   access?: import('../../domain/users.ts').CourseAccess }} CourseSummary
 */

/** @param {HTMLElement} main */
export async function homeView(main) {
  document.title = 'Courses · ProfAI';
  /** @type {{ courses: CourseSummary[] }} */
  const { courses } = await json('api/courses?limit=500');
  const notice = takeNotice();
  const noticeLine = notice ? h('p', { class: 'notice', role: 'status' }, notice) : null;
  if (courses.length === 0) {
    replace(
      main,
      noticeLine,
      h('h1', { tabindex: -1 }, 'Welcome to ProfAI'),
      h(
        'p',
        { class: 'lead' },
        'No courses yet. Upload a PDF and ProfAI makes a course and a quiz from it; you can read it beside the PDF, review the questions and export them to Moodle, Canvas or Anki.',
      ),
      uploadPanel({ heading: true }),
    );
    return;
  }
  const filter = h('input', {
    id: 'course-filter',
    type: 'search',
    placeholder: 'Title or file name',
    autocomplete: 'off',
  });
  const body = h('tbody');
  const count = h('p', { class: 'muted', 'aria-live': 'polite' });
  const render = () => {
    const q = filter.value.trim().toLowerCase();
    const shown = courses.filter(
      (c) => !q || c.title.toLowerCase().includes(q) || c.fileName.toLowerCase().includes(q),
    );
    replace(
      body,
      ...shown.map((c) =>
        h(
          'tr',
          { 'data-course': c.id },
          h(
            'th',
            { scope: 'row', 'data-label': 'Course' },
            h('a', { href: `#/course/${encodeURIComponent(c.id)}` }, c.title),
            c.access === 'read' || c.access === 'edit'
              ? h(
                  'span',
                  { class: 'badge badge-shared' },
                  c.access === 'read' ? 'Shared, read only' : 'Shared with you',
                )
              : null,
          ),
          h('td', { 'data-label': 'File', class: 'file' }, c.fileName),
          h('td', { 'data-label': 'Pages', class: 'num' }, String(c.pageCount)),
          h('td', { 'data-label': 'Modules', class: 'num' }, String(c.modules)),
          h('td', { 'data-label': 'Added' }, date(c.createdAt)),
        ),
      ),
    );
    count.textContent = q
      ? `${plural(shown.length, 'course')} of ${courses.length}`
      : plural(courses.length, 'course');
  };
  filter.addEventListener('input', render);
  render();
  replace(
    main,
    noticeLine,
    h(
      'div',
      { class: 'row between wrap' },
      h('h1', { tabindex: -1 }, 'Courses'),
      h('a', { class: 'button primary', href: '#/upload' }, 'Upload PDFs'),
    ),
    h(
      'div',
      { class: 'row wrap filter-row' },
      h('label', { for: 'course-filter' }, 'Find a course'),
      filter,
      count,
    ),
    h(
      'table',
      { class: 'courses' },
      h('caption', { class: 'visually-hidden' }, 'Your courses, newest first'),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, 'Course'),
          h('th', { scope: 'col' }, 'File'),
          h('th', { scope: 'col', class: 'num' }, 'Pages'),
          h('th', { scope: 'col', class: 'num' }, 'Modules'),
          h('th', { scope: 'col' }, 'Added'),
        ),
      ),
      body,
    ),
  );
}
