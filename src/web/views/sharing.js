// @ts-check
/**
 * Sharing a course (its owners only): a dialog listing who it is shared with, read-only or editing, each with a
 * Remove button, and a form to share it with another user by name. `POST`/`DELETE api/courses/:id/shares`.
 */
import { ApiError, json } from '../api.js';
import { h, replace } from '../dom.js';
import { sentenceStart } from '../question-text.js';

/**
 * @typedef {{ userId: string; name: string; access: 'read' | 'edit' }} Share
 * @typedef {{ courseId: string; shares: Share[] }} Shares
 */

const ACCESS_LABELS = { read: 'Can read and export', edit: 'Can also edit quizzes' };

/**
 * The "Share…" button of a course page and the dialog it opens.
 * @param {{ id: string; title: string }} course
 */
export function shareButton(course) {
  const base = `api/courses/${encodeURIComponent(course.id)}/shares`;
  // The dialog of the course shown before this one.
  document.getElementById('share-dialog')?.remove();
  const list = h('ul', { class: 'share-list', 'aria-live': 'polite' });
  const status = h('p', { class: 'muted', role: 'status' });
  const name = h('input', { id: 'share-user', required: true, autocomplete: 'off', maxlength: 64 });
  const access = h(
    'select',
    { id: 'share-access' },
    h('option', { value: 'read' }, 'Read only'),
    h('option', { value: 'edit' }, 'Can edit quizzes'),
  );
  /** @param {Shares} body */
  const show = (body) => {
    replace(
      list,
      body.shares.length === 0
        ? h('li', { class: 'muted' }, 'Only you (and other owners) can see this course.')
        : body.shares.map((s) =>
            h(
              'li',
              { 'data-user': s.name },
              h('span', { class: 'share-name' }, s.name),
              h('span', { class: 'muted' }, ACCESS_LABELS[s.access]),
              h(
                'button',
                {
                  type: 'button',
                  class: 'link danger',
                  'aria-label': `Stop sharing with ${s.name}`,
                  onclick: () =>
                    void act(
                      () => json(`${base}/${encodeURIComponent(s.userId)}`, { method: 'DELETE' }),
                      `No longer shared with ${s.name}.`,
                    ),
                },
                'Remove',
              ),
            ),
          ),
    );
  };
  /** @param {() => Promise<Shares>} call @param {string} done */
  const act = async (call, done) => {
    status.textContent = '';
    status.classList.remove('error');
    try {
      show(await call());
      status.textContent = done;
    } catch (err) {
      status.textContent = err instanceof ApiError ? sentenceStart(err.message) : String(err);
      status.classList.add('error');
    }
  };
  const form = h(
    'form',
    { class: 'share-form' },
    h(
      'div',
      { class: 'fields' },
      h('div', { class: 'field grow' }, h('label', { for: 'share-user' }, 'User name'), name),
      h('div', { class: 'field' }, h('label', { for: 'share-access' }, 'Access'), access),
    ),
    h('div', { class: 'row end' }, h('button', { type: 'submit', class: 'primary' }, 'Share')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const user = name.value.trim();
    if (!user) return;
    void act(
      () => json(base, { method: 'POST', body: { user, access: access.value } }),
      `Shared with ${user}.`,
    ).then(() => {
      if (!status.classList.contains('error')) name.value = '';
    });
  });
  const dialog = h(
    'dialog',
    { id: 'share-dialog', class: 'share-dialog', 'aria-labelledby': 'share-title' },
    h('h2', { id: 'share-title' }, 'Share this course'),
    h(
      'p',
      { class: 'muted' },
      `Other teachers see “${course.title}”, its quizzes and exports in their list.`,
    ),
    list,
    form,
    status,
    h('div', { class: 'row end' }, h('button', { type: 'button', onclick: () => dialog.close() }, 'Done')),
  );
  const button = h(
    'button',
    {
      type: 'button',
      class: 'button',
      onclick: async () => {
        if (!dialog.isConnected) document.body.append(dialog);
        replace(list, h('li', { class: 'muted' }, 'Loading…'));
        status.textContent = '';
        dialog.showModal();
        name.focus();
        await act(() => json(base), '');
      },
    },
    'Share…',
  );
  return button;
}
