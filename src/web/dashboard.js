// @ts-check
/**
 * The operators' fleet page at `/dashboard` (dashboard.html): polls `api/fleet` and redraws. The page holds no
 * data itself, so it is public; the data needs the API key when API_KEY is set: open `/dashboard#key=KEY` once
 * (the fragment never reaches the server; the key is kept for the tab, as the teachers' app keeps it), or type it
 * in the form the page shows on a 401.
 *
 * Beside each recent failure, a retry button sends the job back to its queue (`POST api/jobs/:id/retry`); for a
 * failure that asks for a password, the page asks for it first. Every value is inserted as text (file names come
 * from users), never as HTML. No inline script or style: the page's content security policy allows none.
 */
import { authHeaders, rememberKey, takeKeyFromHash } from './api.js';
import { byId, h } from './dom.js';
import { showWho } from './who.js';

/**
 * The API's own types (checked against src/ops and src/fleet, never copied):
 * @typedef {import('../ops/types.ts').FleetSnapshot} FleetSnapshot
 * @typedef {FleetSnapshot['workers'][number]} Worker
 * @typedef {import('../fleet/views.ts').JobView} Job
 */

takeKeyFromHash('');
const interval = Math.max(250, Number(new URLSearchParams(location.search).get('interval')) || 1000);

/** @param {string | number} text @param {string} [cls] */
const td = (text, cls) => h('td', { class: cls }, String(text));

/** @param {HTMLElement} tbody @param {HTMLElement[]} rows @param {number} cols @param {string} emptyText */
function fill(tbody, rows, cols, emptyText) {
  tbody.replaceChildren(
    ...(rows.length ? rows : [h('tr', {}, h('td', { colspan: cols, class: 'empty' }, emptyText))]),
  );
}

/** @param {number} v */
const mb = (v) => `${Math.round(v)} MB`;

/** @param {number} s */
function secs(s) {
  const t = Math.max(0, Math.round(s));
  if (t < 60) return `${t}s`;
  if (t < 3600) return `${Math.floor(t / 60)}m ${t % 60}s`;
  return `${Math.floor(t / 3600)}h ${Math.floor((t % 3600) / 60)}m`;
}

/** A bar of `fraction` (0–1), with a mark at `softAt` when given. @param {number} fraction @param {string} cls @param {number} [softAt] */
function bar(fraction, cls, softAt) {
  const fillEl = h('div', { class: `fill ${cls}` });
  // Widths are set through the CSSOM, which the policy allows; a style attribute it would not.
  fillEl.style.width = `${Math.max(0, Math.min(100, fraction * 100)).toFixed(1)}%`;
  const track = h('div', { class: 'track' }, fillEl);
  if (softAt) {
    const soft = h('div', { class: 'soft' });
    soft.style.left = `${Math.min(100, softAt * 100).toFixed(1)}%`;
    track.append(soft);
  }
  return track;
}

/** @param {string} label @param {number} rss @param {Worker['limits']} limits */
function memRow(label, rss, limits) {
  const max = limits.hardMb > 0 ? limits.hardMb : limits.softMb;
  const cls = rss >= limits.softMb ? 'bad' : rss >= 0.8 * limits.softMb ? 'warn' : '';
  const softAt = limits.hardMb > 0 ? limits.softMb / limits.hardMb : 0;
  return h(
    'div',
    { class: 'mem' },
    h('span', {}, label),
    bar(max ? rss / max : 0, cls, softAt),
    h('span', { class: 'muted' }, `${mb(rss)} / ${mb(max)}`),
  );
}

/** @param {Worker} w */
function workerCard(w) {
  const r = w.recycled;
  const facts = `pool ${w.pool} · concurrency ${w.concurrency} · ${w.state} · CPU ${Math.round(w.cpuPercent)}% · done ${w.done} · failed ${w.failed} · recycled ${r.total} (tasks ${r.tasks}, memory ${r.memory}, crash ${r.crash}) · up ${secs(w.uptimeS)} · v${w.version}`;
  const waiting = (w.waiting ?? []).map((d) =>
    h(
      'div',
      { class: 'waiting', 'data-waiting': d.dependency },
      `waiting for ${d.dependency} since ${new Date(d.since).toLocaleTimeString()}`,
    ),
  );
  return h(
    'div',
    { class: 'worker', 'data-worker': w.hostname },
    h('div', { class: 'name' }, `${w.hostname}  ·  ${w.active.length} active`),
    h('div', { class: 'facts' }, facts),
    waiting,
    h(
      'div',
      { class: 'mem' },
      h('span', {}, 'supervisor'),
      h('span', { class: 'muted' }, `total ${mb(w.totalRssMb)}`),
      h('span', { class: 'muted' }, mb(w.rssMb)),
    ),
    w.children.map((c) => memRow(`child ${c.pid}${c.busy ? ' (busy)' : ''}`, c.rssMb, w.limits)),
  );
}

/** @param {Job} j */
function jobCell(j) {
  const shortId = j.id.length > 20 ? `${j.id.slice(0, 19)}…` : j.id;
  return h(
    'td',
    { title: `${j.id} · ${j.task}` },
    h('div', { class: 'what' }, j.file || j.task),
    h('div', { class: 'muted id' }, shortId),
  );
}

/** @param {Job} j @param {number} now */
function elapsed(j, now) {
  const t = j.timings;
  if (t.seconds !== undefined) return secs(t.seconds);
  return t.startedAt ? secs((now - Date.parse(t.startedAt)) / 1000) : '';
}

/** Jobs being retried: their buttons stay disabled until the answer. @type {Set<string>} */
const retrying = new Set();

/** @param {FleetSnapshot} s */
function render(s) {
  const now = Date.parse(s.at);
  const redis = byId('redis');
  redis.className = `pill ${s.redis.up ? 'up' : 'down'}`;
  redis.dataset.up = String(s.redis.up);
  redis.textContent = s.redis.up ? 'Redis up' : `Redis down: ${s.redis.error || 'no answer'}`;
  redis.title = s.redis.url;
  const waiting = s.queues.reduce((a, q) => a + q.waiting, 0);
  byId('summary').textContent = s.redis.up
    ? `${s.workers.length} worker${s.workers.length === 1 ? '' : 's'} · ${waiting} waiting`
    : 'fleet unknown while Redis is down';
  byId('updated').textContent = `updated ${new Date(s.at).toLocaleTimeString()}`;

  byId('workers').replaceChildren(
    ...(s.workers.length
      ? s.workers.map(workerCard)
      : [h('div', { class: 'empty' }, s.redis.up ? 'No live workers' : 'Unknown (Redis down)')]),
  );

  const jobs = s.jobs ?? { active: [], recent: [] };
  fill(
    byId('active'),
    jobs.active.map((j) =>
      h(
        'tr',
        { 'data-job': j.id, 'data-state': j.state, 'data-progress': String(j.progress) },
        jobCell(j),
        td(j.worker || ''),
        td(j.stage || 'starting'),
        h(
          'td',
          {},
          bar(j.progress / 100, 'progress'),
          h('span', { class: 'muted' }, `${Math.round(j.progress)}%`),
        ),
        td(elapsed(j, now), 'num'),
      ),
    ),
    5,
    'Nothing running',
  );
  fill(
    byId('queues'),
    s.queues.map((q) =>
      h(
        'tr',
        { 'data-queue': q.name },
        td(q.name),
        td(q.waiting, 'num'),
        td(q.active, 'num'),
        td(q.delayed, 'num'),
        td(q.failed, 'num'),
        td(q.completed, 'num'),
      ),
    ),
    6,
    s.redis.up ? 'No queues' : 'Unknown (Redis down)',
  );
  fill(
    byId('recent'),
    jobs.recent.map((j) =>
      h(
        'tr',
        { 'data-job': j.id, 'data-state': j.state },
        jobCell(j),
        td(j.state, `state-${j.state}`),
        td(elapsed(j, now), 'num'),
        td(j.worker || ''),
      ),
    ),
    4,
    'No finished jobs',
  );

  const failed = jobs.recent.filter((j) => j.state === 'failed');
  const failures = byId('failures');
  // Redrawn only when the failures change, so a retry button is never replaced under the pointer.
  const key = JSON.stringify(failed.map((j) => [j.id, j.error, j.attempts, j.stalls, retrying.has(j.id)]));
  if (failures.dataset.key === key) return;
  failures.dataset.key = key;
  fill(
    failures,
    failed.map((j) =>
      h(
        'tr',
        { 'data-job': j.id },
        jobCell(j),
        td(j.error || 'unknown', 'reason'),
        // A job failed by its stalls used no attempt: `0 + 3 stalled` (JOB_ATTEMPTS=2), not a bare 0.
        td(j.stalls ? `${j.attempts} + ${j.stalls} stalled` : j.attempts, 'num'),
        h(
          'td',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'retry',
              'data-retry': j.id,
              title: 'Send this job back to its queue with fresh attempts',
              disabled: retrying.has(j.id),
              onclick: () => retry(j),
            },
            retrying.has(j.id) ? 'retrying…' : 'retry',
          ),
        ),
      ),
    ),
    4,
    'No recent failures',
  );
}

/** @param {string} text @param {'ok' | 'bad'} cls */
function notice(text, cls) {
  const el = byId('notice');
  el.className = cls;
  el.textContent = text;
}

const form = /** @type {HTMLFormElement} */ (byId('keyform'));
const showKeyForm = () => {
  form.style.display = 'flex';
};

/** @param {Job} j */
async function retry(j) {
  /** @type {{ password?: string }} */
  const body = {};
  if (/password/i.test(j.error || '')) {
    const password = prompt(`Password of ${j.file || j.task} (leave empty to retry without one)`);
    if (password === null) return;
    if (password) body.password = password;
  }
  retrying.add(j.id);
  setRetryButton(j.id, true);
  try {
    const res = await fetch(`api/jobs/${encodeURIComponent(j.id)}/retry`, {
      method: 'POST',
      headers: { ...authHeaders(), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
    if (res.status === 401) {
      showKeyForm();
      throw new Error('the API key is needed');
    }
    const answer = await res.json();
    if (res.status !== 202) throw new Error(answer.message || `HTTP ${res.status}`);
    notice(`Retried ${j.file || j.task}: ${answer.state}`, 'ok');
  } catch (err) {
    notice(`Not retried: ${err instanceof Error ? err.message : String(err)}`, 'bad');
  } finally {
    retrying.delete(j.id);
    setRetryButton(j.id, false);
  }
}

/**
 * Set at once, not at the next poll: a button must not stay usable while its request runs, nor stay dead after it.
 * @param {string} id @param {boolean} busy
 */
function setRetryButton(id, busy) {
  const failures = byId('failures');
  failures.dataset.key = '';
  for (const button of failures.querySelectorAll('button[data-retry]')) {
    if (!(button instanceof HTMLButtonElement) || button.dataset.retry !== id) continue;
    button.disabled = busy;
    button.textContent = busy ? 'retrying…' : 'retry';
  }
}

form.addEventListener('submit', (e) => {
  e.preventDefault();
  rememberKey(/** @type {HTMLInputElement} */ (byId('keyinput')).value);
  form.style.display = 'none';
  void showWho(true);
});

async function tick() {
  try {
    const res = await fetch('api/fleet', { headers: authHeaders(), cache: 'no-store' });
    if (res.status === 401) showKeyForm();
    else if (res.status === 403) {
      // A teacher's key: the fleet is for operators and admins.
      const body = await res.json().catch(() => ({}));
      throw new Error(body.message ?? 'this key does not reach the fleet');
    } else if (!res.ok) throw new Error(`HTTP ${res.status}`);
    else render(await res.json());
  } catch (err) {
    const redis = byId('redis');
    redis.className = 'pill down';
    redis.textContent = `API not answering: ${err instanceof Error ? err.message : String(err)}`;
  } finally {
    setTimeout(tick, interval);
  }
}

void showWho();
void tick();
