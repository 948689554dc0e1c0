// @ts-check
/**
 * Upload: drop or pick PDFs (one request per file, so each gets its own answer), an optional password for
 * encrypted ones, then each file's live progress by stage from its job until its course is ready. The list is
 * kept in sessionStorage, so a reload (or a visit to a course) does not lose track of running jobs.
 */
import { ApiError, request } from '../api.js';
import { h, replace } from '../dom.js';
import { plural, stageLine } from '../format.js';
import { followJob } from '../jobs.js';
import { sentenceStart } from '../question-text.js';

const STORE = 'profai.uploads';
/** Uploads in flight at once. */
const PARALLEL = 2;
const POLL_MS = 700;

/**
 * @typedef {{
 *   key: string; file: string; size: number;
 *   state: 'uploading' | 'queued' | 'running' | 'done' | 'failed' | 'rejected' | 'existing';
 *   jobId?: string; line?: string; percent?: number; worker?: string | null;
 *   message?: string; courseId?: string; summary?: string;
 * }} Item
 */

/** @type {Item[]} */
let items = load();
/** @type {Set<() => void>} */
const listeners = new Set();
const polling = new Set();

/** @returns {Item[]} */
function load() {
  try {
    return JSON.parse(sessionStorage.getItem(STORE) ?? '[]');
  } catch {
    return [];
  }
}

function changed() {
  sessionStorage.setItem(STORE, JSON.stringify(items.slice(-50)));
  for (const l of listeners) l();
}

/** @param {Item} item @param {Partial<Item>} patch */
function update(item, patch) {
  Object.assign(item, patch);
  changed();
}

/** `sample.pdf: not a PDF` → `Not a PDF`. @param {string} message @param {string} file */
function reason(message, file) {
  const text = message.startsWith(`${file}: `) ? message.slice(file.length + 2) : message;
  return sentenceStart(text);
}

/** @param {number} bytes */
function size(bytes) {
  return bytes > 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Uploads every file, PARALLEL at a time. @param {File[]} files @param {string} password */
async function uploadAll(files, password) {
  const queue = files.map((file) => {
    /** @type {Item} */
    const item = {
      key: `${Date.now()}-${Math.random()}`,
      file: file.name,
      size: file.size,
      state: 'uploading',
    };
    items.push(item);
    return { file, item };
  });
  changed();
  const next = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) await uploadOne(job.file, job.item, password);
  };
  await Promise.all(Array.from({ length: PARALLEL }, next));
}

/** @param {File} file @param {Item} item @param {string} password */
async function uploadOne(file, item, password) {
  const form = new FormData();
  form.append('file', file, file.name);
  if (password) form.append('password', password);
  try {
    const res = await request('api/pdfs', { method: 'POST', body: form });
    /** @type {{ jobs: { id?: string; existing?: boolean; courseId?: string; state?: string }[] }} */
    const body = await res.json();
    const entry = body.jobs[0];
    if (entry?.courseId && !entry.id)
      update(item, {
        state: 'existing',
        courseId: entry.courseId,
        message: 'Already processed: its course is ready.',
      });
    else if (entry?.id) {
      update(item, { state: 'queued', jobId: entry.id, line: 'waiting for a worker', percent: 0 });
      poll(item);
    }
  } catch (err) {
    const message = err instanceof ApiError ? reason(err.message, file.name) : String(err);
    update(item, { state: 'rejected', message });
  }
}

/**
 * Follows a job until it ends.
 * @param {Item} item
 */
async function poll(item) {
  if (!item.jobId || polling.has(item.key)) return;
  polling.add(item.key);
  try {
    /** @param {import('../jobs.js').JobView} job */
    const show = (job) => {
      if (job.state === 'completed' || job.state === 'failed') return;
      const line =
        job.state === 'waiting'
          ? 'waiting for a worker'
          : job.state === 'delayed'
            ? `retrying soon${job.error ? ` (${job.error})` : ''}`
            : job.stage
              ? stageLine(job)
              : 'starting';
      update(item, {
        state: job.state === 'active' ? 'running' : 'queued',
        line,
        percent: job.progress ?? 0,
        worker: job.worker,
      });
    };
    /** @type {any} */
    let job;
    try {
      job = await followJob(item.jobId, show, { interval: POLL_MS });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 404) throw err;
      update(item, { state: 'failed', message: 'The job is no longer known to the server.' });
      return;
    }
    if (job.state === 'completed') {
      const r = job.result ?? {};
      update(item, {
        state: 'done',
        percent: 100,
        worker: job.worker,
        courseId: r.courseId,
        summary: [
          r.pages !== undefined && plural(r.pages, 'page'),
          r.modules !== undefined && plural(r.modules, 'module'),
          r.lessons !== undefined && plural(r.lessons, 'lesson'),
          r.questions !== undefined && plural(r.questions, 'question'),
        ]
          .filter(Boolean)
          .join(' · '),
      });
      return;
    }
    if (job.state === 'failed') {
      update(item, {
        state: 'failed',
        worker: job.worker,
        message: reason(job.error ?? 'failed', item.file),
      });
      return;
    }
  } finally {
    polling.delete(item.key);
  }
}

/** @param {Item} item */
function row(item) {
  const status =
    item.state === 'uploading'
      ? 'uploading…'
      : item.state === 'queued' || item.state === 'running'
        ? item.line
        : item.state === 'done'
          ? `done: ${item.summary ?? ''}`
          : item.message;
  const passwordHint =
    (item.state === 'failed' || item.state === 'rejected') && /password/i.test(item.message ?? '')
      ? 'Type its password in the box above and upload the file again.'
      : null;
  return h(
    'li',
    { class: `upload state-${item.state}`, 'data-file': item.file, 'data-state': item.state },
    h(
      'div',
      { class: 'upload-head' },
      h('span', { class: 'upload-name' }, item.file),
      h('span', { class: 'muted' }, size(item.size)),
      h('span', { class: `badge badge-${item.state}` }, badge(item.state)),
    ),
    item.state === 'queued' || item.state === 'running' || item.state === 'uploading'
      ? h('progress', {
          max: 100,
          value: Math.round(item.percent ?? 0),
          'aria-label': `${item.file}: ${status}`,
        })
      : null,
    h(
      'p',
      { class: 'upload-status' },
      status,
      item.worker ? h('span', { class: 'muted' }, ` · ${item.worker}`) : null,
    ),
    passwordHint ? h('p', { class: 'hint' }, passwordHint) : null,
    item.courseId
      ? h(
          'a',
          { class: 'button', href: `#/course/${encodeURIComponent(item.courseId)}` },
          'Open the course →',
        )
      : null,
  );
}

/** @param {Item['state']} state */
function badge(state) {
  return {
    uploading: 'Uploading',
    queued: 'Queued',
    running: 'Working',
    done: 'Done',
    failed: 'Failed',
    rejected: 'Rejected',
    existing: 'Ready',
  }[state];
}

/**
 * The upload panel (drop zone, password, the list of uploads): on the upload page and on an empty home.
 * @param {{ heading?: boolean }} [opts] - heading: give the panel its own "Upload PDFs" title (the home page)
 */
export function uploadPanel(opts = {}) {
  const input = h('input', {
    id: 'file-input',
    type: 'file',
    accept: 'application/pdf,.pdf',
    multiple: true,
    class: 'visually-hidden',
  });
  const password = h('input', { id: 'pdf-password', type: 'password', autocomplete: 'off' });
  const list = h('ul', { class: 'uploads', id: 'uploads', 'aria-live': 'polite', 'aria-label': 'Uploads' });
  const clear = h(
    'button',
    {
      type: 'button',
      class: 'link',
      onclick: () => {
        items = items.filter((i) => i.state === 'uploading' || i.state === 'queued' || i.state === 'running');
        changed();
      },
    },
    'Clear finished',
  );
  /** @param {FileList | File[] | null} files */
  const start = (files) => {
    if (files && files.length > 0) void uploadAll([...files], password.value);
  };
  input.addEventListener('change', () => {
    start(input.files);
    input.value = '';
  });
  const zone = h(
    'label',
    { class: 'dropzone', for: 'file-input' },
    h(
      'span',
      { class: 'dropzone-icon' },
      h('img', { src: 'app/upload.svg', alt: '', width: 40, height: 40 }),
    ),
    h('strong', {}, 'Drop PDFs here, or choose files'),
    h('span', { class: 'muted' }, 'Textbooks, lecture notes, papers: each becomes a course and a quiz.'),
    input,
  );
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('dragging');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('dragging'));
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    zone.classList.remove('dragging');
    start(e.dataTransfer?.files ?? null);
  });
  const render = () => {
    replace(list, ...[...items].reverse().map(row));
    clear.hidden = !items.some(
      (i) => i.state !== 'uploading' && i.state !== 'queued' && i.state !== 'running',
    );
  };
  listeners.add(render);
  render();
  for (const item of items) if (item.state === 'queued' || item.state === 'running') void poll(item);
  const panel = h(
    'section',
    { class: 'card upload-panel', 'aria-label': 'Upload PDFs' },
    opts.heading ? h('h2', {}, 'Upload PDFs') : null,
    zone,
    h(
      'div',
      { class: 'field inline' },
      h(
        'label',
        { for: 'pdf-password' },
        'Password ',
        h('span', { class: 'muted' }, '(only for encrypted PDFs)'),
      ),
      password,
    ),
    h('div', { class: 'row between' }, h('h3', { class: 'small-title' }, 'Your uploads'), clear),
    list,
  );
  // Stop re-rendering once the panel has left the page.
  const observer = new MutationObserver(() => {
    if (!panel.isConnected) {
      listeners.delete(render);
      observer.disconnect();
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return panel;
}

/** `#/upload` @param {HTMLElement} main */
export async function uploadView(main) {
  document.title = 'Upload · ProfAI';
  replace(
    main,
    h('h1', { tabindex: -1 }, 'Upload'),
    h(
      'p',
      { class: 'lead' },
      'Each PDF becomes a course (modules, lessons, key terms, summaries that cite their pages) and a quiz you can review and export to Moodle, Canvas or Anki.',
    ),
    uploadPanel(),
  );
}
