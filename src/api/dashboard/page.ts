/**
 * The fleet page served at `/dashboard`: one self-contained HTML document (no CDN, no build step) that polls
 * `api/fleet` and redraws. It holds no data itself, so it is public; the data endpoint needs the API key
 * when API_KEY is set: open `/dashboard#key=KEY` once (the fragment never reaches the server or its logs;
 * the page keeps the key in sessionStorage), or type it in the form the page shows on a 401.
 *
 * Beside each recent failure, a retry button sends the job back to its queue (`POST api/jobs/:id/retry`, with the
 * same key); for a failure that asks for a password, the page asks for it first.
 *
 * Every value is inserted as text (file names come from users), never as HTML.
 * The page's script avoids backticks and dollar-brace so it can live in this template literal.
 */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>ProfAI fleet</title>
<style>
  :root { --bg:#f6f7f9; --card:#fff; --ink:#1d2330; --muted:#6b7385; --line:#e2e5ea;
          --ok:#2f9e58; --warn:#d99a1e; --bad:#d2453b; --bar:#4a7bd6; }
  * { box-sizing: border-box; }
  body { margin:0; font:14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background:var(--bg); color:var(--ink); }
  header { display:flex; gap:16px; align-items:baseline; padding:14px 20px; background:var(--card); border-bottom:1px solid var(--line); }
  header h1 { font-size:18px; margin:0; }
  .pill { padding:2px 10px; border-radius:999px; font-weight:600; font-size:12px; }
  .pill.up { background:#e3f4ea; color:var(--ok); } .pill.down { background:#fbe5e3; color:var(--bad); }
  .muted { color:var(--muted); }
  main { display:grid; grid-template-columns: repeat(auto-fit, minmax(460px, 1fr)); gap:16px; padding:16px 20px; }
  section { background:var(--card); border:1px solid var(--line); border-radius:8px; padding:12px 14px; }
  section h2 { font-size:13px; text-transform:uppercase; letter-spacing:.06em; color:var(--muted); margin:0 0 8px; }
  table { width:100%; border-collapse:collapse; }
  th, td { text-align:left; padding:4px 5px; border-bottom:1px solid var(--line); vertical-align:middle; }
  th { font-weight:600; color:var(--muted); font-size:12px; }
  td.num, th.num { text-align:right; font-variant-numeric: tabular-nums; }
  .worker { border:1px solid var(--line); border-radius:6px; padding:8px 10px; margin-bottom:8px; }
  .worker .name { font-weight:600; }
  .worker .waiting { color:var(--bad); font-weight:600; }
  .facts { color:var(--muted); font-size:12px; margin:2px 0 6px; }
  .mem { display:grid; grid-template-columns: 150px 1fr 130px; gap:8px; align-items:center; font-size:12px; margin:3px 0; }
  .track { position:relative; height:10px; background:#eceff3; border-radius:5px; overflow:hidden; }
  .fill { height:100%; background:var(--ok); }
  .fill.warn { background:var(--warn); } .fill.bad { background:var(--bad); } .fill.progress { background:var(--bar); }
  .soft { position:absolute; top:0; bottom:0; width:2px; background:var(--ink); opacity:.5; }
  .state-completed { color:var(--ok); font-weight:600; } .state-failed { color:var(--bad); font-weight:600; }
  .state-active { color:var(--bar); font-weight:600; }
  .reason { color:var(--bad); }
  .empty { color:var(--muted); font-style:italic; padding:4px 0; }
  form#keyform { display:none; gap:8px; padding:12px 20px; background:#fff6e0; border-bottom:1px solid var(--line); }
  .id { font-size:11px; font-family: ui-monospace, monospace; }
  .what { overflow-wrap:anywhere; }
  button.retry { font:inherit; font-size:12px; padding:2px 10px; border:1px solid var(--bar); color:var(--bar); background:#fff; border-radius:4px; cursor:pointer; }
  button.retry:hover { background:#eef3fc; } button.retry:disabled { opacity:.5; cursor:default; }
  #notice { font-size:12px; } #notice.bad { color:var(--bad); } #notice.ok { color:var(--ok); }
</style>
</head>
<body>
<header>
  <h1>ProfAI fleet</h1>
  <span id="redis" class="pill">…</span>
  <span id="summary" class="muted"></span>
  <span id="notice" role="status"></span>
  <span id="updated" class="muted" style="margin-left:auto"></span>
</header>
<form id="keyform"><label>API key <input id="keyinput" type="password" autocomplete="off"></label><button>Use key</button>
  <span class="muted">The fleet data needs the API key (API_KEY).</span></form>
<main>
  <section id="workers-section"><h2>Workers</h2><div id="workers"></div></section>
  <section><h2>Active tasks</h2><table><thead><tr><th>Job</th><th>Worker</th><th>Stage</th><th style="width:35%">Progress</th><th class="num">Time</th></tr></thead><tbody id="active"></tbody></table></section>
  <section><h2>Queues</h2><table><thead><tr><th>Queue</th><th class="num">Waiting</th><th class="num">Active</th><th class="num">Delayed</th><th class="num">Failed</th><th class="num">Completed</th></tr></thead><tbody id="queues"></tbody></table></section>
  <section><h2>Recent jobs</h2><table><thead><tr><th>Job</th><th>State</th><th class="num">Time</th><th>Worker</th></tr></thead><tbody id="recent"></tbody></table></section>
  <section><h2>Recent failures</h2><table><thead><tr><th>Job</th><th>Reason</th><th class="num">Attempts</th><th></th></tr></thead><tbody id="failures"></tbody></table></section>
</main>
<script>
(function () {
  'use strict';
  var STORE = 'profai.apiKey';
  var hash = new URLSearchParams(location.hash.slice(1));
  if (hash.get('key')) {
    sessionStorage.setItem(STORE, hash.get('key'));
    history.replaceState(null, '', location.pathname + location.search);
  }
  var interval = Math.max(250, Number(new URLSearchParams(location.search).get('interval')) || 1000);

  function h(tag, attrs, children) {
    var el = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') el.textContent = attrs[k];
      else if (k === 'style') el.style.cssText = attrs[k];
      else el.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) el.appendChild(c); });
    return el;
  }
  function td(text, cls) { return h('td', { text: String(text), class: cls || '' }); }
  function fill(tbody, rows, cols, emptyText) {
    tbody.replaceChildren.apply(tbody, rows.length ? rows : [h('tr', {}, [h('td', { colspan: cols, class: 'empty', text: emptyText })])]);
  }
  function mb(v) { return Math.round(v) + ' MB'; }
  function secs(s) {
    s = Math.max(0, Math.round(s));
    return s < 60 ? s + 's' : s < 3600 ? Math.floor(s / 60) + 'm ' + (s % 60) + 's' : Math.floor(s / 3600) + 'h ' + Math.floor((s % 3600) / 60) + 'm';
  }
  function bar(fraction, cls, softAt) {
    var pct = Math.max(0, Math.min(100, fraction * 100));
    var track = h('div', { class: 'track' }, [h('div', { class: 'fill ' + cls, style: 'width:' + pct.toFixed(1) + '%' })]);
    if (softAt) track.appendChild(h('div', { class: 'soft', style: 'left:' + Math.min(100, softAt * 100).toFixed(1) + '%' }));
    return track;
  }
  function memRow(label, rss, limits) {
    var max = limits.hardMb > 0 ? limits.hardMb : limits.softMb;
    var cls = rss >= limits.softMb ? 'bad' : rss >= 0.8 * limits.softMb ? 'warn' : '';
    var softAt = limits.hardMb > 0 ? limits.softMb / limits.hardMb : 0;
    var limitText = mb(rss) + ' / ' + mb(max);
    return h('div', { class: 'mem' }, [h('span', { text: label }), bar(max ? rss / max : 0, cls, softAt), h('span', { class: 'muted', text: limitText })]);
  }
  function workerCard(w) {
    var r = w.recycled;
    var facts = 'pool ' + w.pool + ' · concurrency ' + w.concurrency + ' · ' + w.state + ' · CPU ' + Math.round(w.cpuPercent) + '%' +
      ' · done ' + w.done + ' · failed ' + w.failed + ' · recycled ' + r.total + ' (tasks ' + r.tasks + ', memory ' + r.memory + ', crash ' + r.crash + ')' +
      ' · up ' + secs(w.uptimeS) + ' · v' + w.version;
    var waiting = (w.waiting || []).map(function (d) {
      return h('div', { class: 'waiting', 'data-waiting': d.dependency, text: 'waiting for ' + d.dependency + ' since ' + new Date(d.since).toLocaleTimeString() });
    });
    var rows = [h('div', { class: 'mem' }, [h('span', { text: 'supervisor' }), h('span', { class: 'muted', text: 'total ' + mb(w.totalRssMb) }), h('span', { class: 'muted', text: mb(w.rssMb) })])];
    w.children.forEach(function (c) {
      rows.push(memRow('child ' + c.pid + (c.busy ? ' (busy)' : ''), c.rssMb, w.limits));
    });
    return h('div', { class: 'worker', 'data-worker': w.hostname }, [
      h('div', { class: 'name', text: w.hostname + '  ·  ' + w.active.length + ' active' }),
      h('div', { class: 'facts', text: facts }),
    ].concat(waiting, rows));
  }
  function jobCell(j) {
    var shortId = j.id.length > 20 ? j.id.slice(0, 19) + '…' : j.id;
    return h('td', { title: j.id + ' · ' + j.task }, [
      h('div', { class: 'what', text: j.file || j.task }),
      h('div', { class: 'muted id', text: shortId }),
    ]);
  }
  function elapsed(j, now) {
    var t = j.timings;
    if (t.seconds !== undefined) return secs(t.seconds);
    return t.startedAt ? secs((now - Date.parse(t.startedAt)) / 1000) : '';
  }

  function render(s) {
    var now = Date.parse(s.at);
    var redis = document.getElementById('redis');
    redis.className = 'pill ' + (s.redis.up ? 'up' : 'down');
    redis.dataset.up = String(s.redis.up);
    redis.textContent = s.redis.up ? 'Redis up' : 'Redis down: ' + (s.redis.error || 'no answer');
    redis.title = s.redis.url;
    var waiting = s.queues.reduce(function (a, q) { return a + q.waiting; }, 0);
    document.getElementById('summary').textContent = s.redis.up
      ? s.workers.length + ' worker' + (s.workers.length === 1 ? '' : 's') + ' · ' + waiting + ' waiting'
      : 'fleet unknown while Redis is down';
    document.getElementById('updated').textContent = 'updated ' + new Date(s.at).toLocaleTimeString();

    var workers = document.getElementById('workers');
    workers.replaceChildren.apply(workers, s.workers.length ? s.workers.map(workerCard)
      : [h('div', { class: 'empty', text: s.redis.up ? 'No live workers' : 'Unknown (Redis down)' })]);

    var jobs = s.jobs || { active: [], recent: [] };
    fill(document.getElementById('active'), jobs.active.map(function (j) {
      return h('tr', { 'data-job': j.id, 'data-state': j.state, 'data-progress': String(j.progress) }, [
        jobCell(j), td(j.worker || ''), td(j.stage || 'starting'),
        h('td', {}, [bar(j.progress / 100, 'progress'), h('span', { class: 'muted', text: Math.round(j.progress) + '%' })]),
        td(elapsed(j, now), 'num'),
      ]);
    }), 5, 'Nothing running');

    fill(document.getElementById('queues'), s.queues.map(function (q) {
      return h('tr', { 'data-queue': q.name }, [td(q.name), td(q.waiting, 'num'), td(q.active, 'num'), td(q.delayed, 'num'), td(q.failed, 'num'), td(q.completed, 'num')]);
    }), 6, s.redis.up ? 'No queues' : 'Unknown (Redis down)');

    fill(document.getElementById('recent'), jobs.recent.map(function (j) {
      return h('tr', { 'data-job': j.id, 'data-state': j.state }, [jobCell(j), td(j.state, 'state-' + j.state), td(elapsed(j, now), 'num'), td(j.worker || '')]);
    }), 4, 'No finished jobs');

    var failed = jobs.recent.filter(function (j) { return j.state === 'failed'; });
    var failures = document.getElementById('failures');
    // Redrawn only when the failures change, so a retry button is never replaced under the pointer.
    var key = JSON.stringify(failed.map(function (j) { return [j.id, j.error, j.attempts, !!retrying[j.id]]; }));
    if (failures.dataset.key === key) return;
    failures.dataset.key = key;
    fill(failures, failed.map(function (j) {
      var button = h('button', { type: 'button', class: 'retry', 'data-retry': j.id, text: retrying[j.id] ? 'retrying…' : 'retry',
        title: 'Send this job back to its queue with fresh attempts' });
      if (retrying[j.id]) button.disabled = true;
      button.addEventListener('click', function () { retry(j); });
      return h('tr', { 'data-job': j.id }, [jobCell(j), td(j.error || 'unknown', 'reason'), td(j.attempts, 'num'), h('td', {}, [button])]);
    }), 4, 'No recent failures');
  }

  var retrying = {};
  function notice(text, cls) {
    var el = document.getElementById('notice');
    el.className = cls;
    el.textContent = text;
  }
  function headers(json) {
    var key = sessionStorage.getItem(STORE);
    var out = json ? { 'Content-Type': 'application/json' } : {};
    if (key) out['X-API-Key'] = key;
    return out;
  }
  function retry(j) {
    var body = {};
    if (/password/i.test(j.error || '')) {
      var password = prompt('Password of ' + (j.file || j.task) + ' (leave empty to retry without one)');
      if (password === null) return;
      if (password) body.password = password;
    }
    retrying[j.id] = true;
    setRetryButton(j.id, true);
    fetch('api/jobs/' + encodeURIComponent(j.id) + '/retry', { method: 'POST', headers: headers(true), body: JSON.stringify(body), cache: 'no-store' })
      .then(function (res) {
        if (res.status === 401) { form.style.display = 'flex'; throw new Error('the API key is needed'); }
        return res.json().then(function (answer) {
          if (res.status !== 202) throw new Error(answer.message || ('HTTP ' + res.status));
          notice('Retried ' + (j.file || j.task) + ': ' + answer.state, 'ok');
        });
      })
      .catch(function (err) { notice('Not retried: ' + err.message, 'bad'); })
      .finally(function () {
        delete retrying[j.id];
        setRetryButton(j.id, false);
      });
  }
  // Set at once, not at the next poll: a button must not stay usable while its request runs, nor stay dead after it.
  function setRetryButton(id, busy) {
    var failures = document.getElementById('failures');
    failures.dataset.key = '';
    failures.querySelectorAll('button[data-retry]').forEach(function (button) {
      if (button.dataset.retry !== id) return;
      button.disabled = busy;
      button.textContent = busy ? 'retrying…' : 'retry';
    });
  }

  var form = document.getElementById('keyform');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    sessionStorage.setItem(STORE, document.getElementById('keyinput').value);
    form.style.display = 'none';
  });

  function tick() {
    fetch('api/fleet', { headers: headers(false), cache: 'no-store' })
      .then(function (res) {
        if (res.status === 401) { form.style.display = 'flex'; return null; }
        if (!res.ok) throw new Error('HTTP ' + res.status);
        return res.json();
      })
      .then(function (s) { if (s) render(s); })
      .catch(function (err) {
        var redis = document.getElementById('redis');
        redis.className = 'pill down';
        redis.textContent = 'API not answering: ' + err.message;
      })
      .finally(function () { setTimeout(tick, interval); });
  }
  tick();
})();
</script>
</body>
</html>
`;
