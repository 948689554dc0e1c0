// @ts-check
/**
 * The ProfAI web app: a hash router over the views (courses, upload, a course, a quiz to take, a quiz to
 * review), the API key once per browser session, and the source viewer beside every page.
 */
import { ApiError, takeKeyFromHash, whenKeyChanges } from './api.js';
import { byId, h, replace } from './dom.js';
import { sentenceStart } from './question-text.js';
import { closeViewer, initViewer } from './viewer.js';
import { courseView } from './views/course.js';
import { homeView } from './views/home.js';
import { quizView } from './views/quiz.js';
import { reviewView } from './views/review.js';
import { uploadView } from './views/upload.js';
import { showWho } from './who.js';

/** @type {[RegExp, (main: HTMLElement, ...params: string[]) => Promise<void>, string][]} */
const ROUTES = [
  [/^#?\/?$/, homeView, 'home'],
  [/^#\/upload$/, uploadView, 'upload'],
  [/^#\/course\/([^/]+)$/, courseView, 'home'],
  [/^#\/course\/([^/]+)\/quiz\/([^/]+)$/, quizView, 'home'],
  [/^#\/course\/([^/]+)\/review\/([^/]+)$/, reviewView, 'home'],
];

let lastCourse = '';
/**
 * Counts navigations: a view that is still loading when the user moves on (a slow course, a quiz) must not
 * replace the page they moved to. Each view renders into a page of its own, shown only if it is still the last.
 */
let navigation = 0;

async function render() {
  const mine = ++navigation;
  const main = byId('main');
  const hash = location.hash || '#/';
  const route = ROUTES.find(([pattern]) => pattern.test(hash));
  for (const a of document.querySelectorAll('[data-nav]'))
    a.toggleAttribute(
      'aria-current',
      route?.[2] === /** @type {HTMLElement} */ (a).dataset.nav && !hash.startsWith('#/course'),
    );
  const course = /^#\/course\/([^/]+)/.exec(hash)?.[1] ?? '';
  if (course !== lastCourse) closeViewer();
  lastCourse = course;
  if (!route) {
    replace(
      main,
      h('h1', { tabindex: -1 }, 'Not found'),
      h('p', {}, 'This page does not exist. ', h('a', { href: '#/' }, 'Go to your courses.')),
    );
    return;
  }
  const [pattern, view] = route;
  const params = (pattern.exec(hash) ?? []).slice(1).map(decodeURIComponent);
  main.setAttribute('aria-busy', 'true');
  // The page being left cannot be used while the next one loads (a form about to vanish takes no input).
  main.inert = true;
  const page = h('div', { class: 'page' });
  try {
    await view(page, ...params);
    if (mine !== navigation) return;
    main.replaceChildren(page);
    window.scrollTo({ top: 0 });
    main.querySelector('h1')?.focus({ preventScroll: true });
  } catch (err) {
    if (mine !== navigation) return;
    const message = err instanceof ApiError ? err.message : err instanceof Error ? err.message : String(err);
    const notFound = err instanceof ApiError && err.status === 404;
    // A key whose role does not reach courses (an operator's): the fleet is at /dashboard.
    const forbidden = err instanceof ApiError && err.status === 403;
    // Wrong keys typed past AUTH_FAILURES_PER_MINUTE: the message says how long to wait.
    const heldOut = err instanceof ApiError && err.code === 'too_many_failed_keys';
    replace(
      main,
      h(
        'h1',
        { tabindex: -1 },
        notFound
          ? 'Not found'
          : forbidden
            ? 'Not for this key'
            : heldOut
              ? 'Too many wrong keys'
              : 'Something went wrong',
      ),
      h('p', { class: 'error' }, sentenceStart(message)),
      h(
        'p',
        {},
        forbidden ? [h('a', { href: 'dashboard' }, 'Open the fleet dashboard'), ' · '] : null,
        h('a', { href: '#/' }, 'Back to your courses'),
        ' · ',
        h('button', { type: 'button', class: 'link', onclick: () => void render() }, 'Try again'),
      ),
    );
    main.querySelector('h1')?.focus();
  } finally {
    if (mine === navigation) {
      main.removeAttribute('aria-busy');
      main.inert = false;
    }
  }
}

takeKeyFromHash();
whenKeyChanges(() => void showWho(true));
void showWho();
initViewer();
window.addEventListener('hashchange', () => void render());
void render();
