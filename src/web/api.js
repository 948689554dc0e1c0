// @ts-check
/**
 * The API client: every request goes to this server's /api (relative URLs, so the app works behind a proxy
 * path too), with the API key when one is set. The key is asked once (on the first 401) and kept in
 * sessionStorage, like the dashboard's #key=; `#key=…` in the address works too and is removed from it.
 */
import { byId } from './dom.js';

const KEY = 'profai.apiKey';

/** An error answer of the API: `{ error, message }` with its status. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** @returns {string | null} */
export function apiKey() {
  return sessionStorage.getItem(KEY);
}

/** Keeps the API key for this browser tab. @param {string} key */
export function rememberKey(key) {
  sessionStorage.setItem(KEY, key);
}

/**
 * Takes `#key=…` from the address (then removes it, leaving `after`): how a link passes the key.
 * @param {string} [after] what the address's fragment becomes: the app's home route by default
 */
export function takeKeyFromHash(after = '#/') {
  const m = /^#key=([^&]+)/.exec(location.hash);
  if (!m) return;
  rememberKey(decodeURIComponent(m[1] ?? ''));
  history.replaceState(null, '', `${location.pathname}${location.search}${after}`);
}

/** Forgets this tab's key (sign out). */
export function forgetKey() {
  sessionStorage.removeItem(KEY);
}

/** Called after a new key was entered (the header shows who it is). @type {() => void} */
let onNewKey = () => {};
/** @param {() => void} fn */
export function whenKeyChanges(fn) {
  onNewKey = fn;
}

/** @returns {Record<string, string>} */
export function authHeaders() {
  const key = apiKey();
  return key ? { Authorization: `Bearer ${key}` } : {};
}

/** @type {Promise<void> | null} */
let asking = null;

/**
 * Shows the key dialog until a key is entered; resolves once one is stored.
 * @param {string} [problem]
 */
function askForKey(problem) {
  asking ??= new Promise((resolve) => {
    const dialog = /** @type {HTMLDialogElement} */ (byId('key-dialog'));
    const form = /** @type {HTMLFormElement} */ (byId('key-form'));
    const input = /** @type {HTMLInputElement} */ (byId('key-input'));
    const error = byId('key-error');
    error.hidden = !problem;
    error.textContent = problem ?? '';
    input.value = '';
    /** @param {SubmitEvent} event */
    const onSubmit = (event) => {
      event.preventDefault();
      if (!input.value.trim()) return;
      sessionStorage.setItem(KEY, input.value.trim());
      form.removeEventListener('submit', onSubmit);
      dialog.close();
      asking = null;
      onNewKey();
      resolve();
    };
    form.addEventListener('submit', onSubmit);
    // The dialog cannot be dismissed without a key: nothing works without one.
    dialog.addEventListener('cancel', (e) => e.preventDefault(), { once: true });
    dialog.showModal();
    input.focus();
  });
  return asking;
}

/**
 * `fetch` on the API with the key; on 401 asks for the key and tries again. Rejects with {@link ApiError} for
 * an error answer, and with a readable ApiError when the server cannot be reached.
 * @param {string} path - relative to the app, e.g. `api/courses`
 * @param {RequestInit} [init]
 * @returns {Promise<Response>}
 */
export async function request(path, init = {}) {
  for (;;) {
    /** @type {Response} */
    let res;
    try {
      res = await fetch(path, { ...init, headers: { ...authHeaders(), ...(init.headers ?? {}) } });
    } catch {
      throw new ApiError(0, 'offline', 'The ProfAI server does not answer. Is it running?');
    }
    if (res.status === 401) {
      const hadKey = apiKey() !== null;
      sessionStorage.removeItem(KEY);
      await askForKey(hadKey ? 'That key was not accepted. Try again.' : undefined);
      continue;
    }
    if (!res.ok) {
      /** @type {{ error?: string; message?: string }} */
      let body = {};
      try {
        body = await res.json();
      } catch {}
      throw new ApiError(
        res.status,
        body.error ?? 'error',
        body.message ?? `the server answered ${res.status}`,
      );
    }
    return res;
  }
}

/**
 * GET (or another method with a JSON body) and the JSON answer.
 * @template T
 * @param {string} path
 * @param {{ method?: string; body?: unknown; headers?: Record<string, string> }} [opts]
 * @returns {Promise<T>}
 */
export async function json(path, opts = {}) {
  /** @type {RequestInit} */
  const init = { method: opts.method ?? 'GET', headers: { ...(opts.headers ?? {}) } };
  if (opts.body !== undefined) {
    init.body = JSON.stringify(opts.body);
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
  }
  const res = await request(path, init);
  return /** @type {Promise<T>} */ (res.json());
}

/**
 * Downloads an export through the API (so the key goes with it) and saves it under the server's file name.
 * @param {string} path
 * @returns {Promise<{ name: string; notice: string | null }>} the file name, and what the format left out
 */
export async function download(path) {
  const res = await request(path);
  const name = fileNameOf(res.headers.get('content-disposition')) ?? 'export';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { name, notice: res.headers.get('x-profai-notice') };
}

/**
 * The file name of a Content-Disposition header: `filename*=UTF-8''…` first, else `filename="…"`.
 * @param {string | null} header
 */
export function fileNameOf(header) {
  if (!header) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(header);
  if (star?.[1]) return decodeURIComponent(star[1]);
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}
