// @ts-check
/**
 * Deleting a course from its page: a button that asks first, in a dialog that says what goes (the course, its
 * quizzes and reviews, and the PDF with everything made from it when no other course uses it) and that it cannot
 * be undone. Deleted: back to the courses, which say so once.
 */
import { ApiError, request } from '../api.js';
import { h } from '../dom.js';

const NOTICE = 'profai.notice';

/** The one-time notice the courses page shows (then forgets), if any. */
export function takeNotice() {
  const notice = sessionStorage.getItem(NOTICE);
  sessionStorage.removeItem(NOTICE);
  return notice;
}

/** @param {{ id: string; title: string; fileName: string }} course */
export function deleteSection(course) {
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const confirmButton = h('button', { type: 'button', class: 'danger solid' }, 'Delete for good');
  const keep = h('button', { type: 'button', class: 'primary', autofocus: true }, 'Keep it');
  const dialog = /** @type {HTMLDialogElement} */ (
    h(
      'dialog',
      { id: 'delete-dialog', 'aria-labelledby': 'delete-title', 'aria-describedby': 'delete-what' },
      h('h2', { id: 'delete-title' }, `Delete “${course.title}”?`),
      h(
        'p',
        { id: 'delete-what' },
        `The course, its quizzes and your reviews go, and so do the PDF (${course.fileName}) and everything made from it unless another course uses it. This cannot be undone. If another teacher uploaded the same PDF, only your part goes: it stays theirs.`,
      ),
      error,
      h('div', { class: 'row end' }, keep, confirmButton),
    )
  );
  keep.addEventListener('click', () => dialog.close());
  confirmButton.addEventListener('click', async () => {
    confirmButton.setAttribute('disabled', '');
    error.hidden = true;
    try {
      await request(`api/courses/${encodeURIComponent(course.id)}`, { method: 'DELETE' });
    } catch (err) {
      // Gone already (deleted in another tab): what was asked is done.
      if (!(err instanceof ApiError && err.status === 404)) {
        error.textContent = err instanceof Error ? err.message : String(err);
        error.hidden = false;
        confirmButton.removeAttribute('disabled');
        return;
      }
    }
    dialog.close();
    sessionStorage.setItem(NOTICE, `“${course.title}” was deleted.`);
    location.hash = '#/';
  });
  const open = h('button', { type: 'button', class: 'danger', id: 'delete-course' }, 'Delete this course');
  open.addEventListener('click', () => dialog.showModal());
  return h(
    'section',
    { class: 'card danger-zone', 'aria-labelledby': 'danger-title' },
    h('h2', { id: 'danger-title' }, 'Delete this course'),
    h(
      'p',
      { class: 'muted' },
      'Removes the course and its quizzes for good, and its PDF when no other course uses it.',
    ),
    open,
    dialog,
  );
}
