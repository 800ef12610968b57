// The live dashboard: one status document a second from /api/v1/events (server-sent events). Every value from the
// server is put into the page as text (textContent), never as markup.
'use strict';
const MAX_POINTS = 900;
const equity = [];
const drawdown = [];
let previous = null;

const byId = (id) => document.getElementById(id);
const text = (id, value) => { byId(id).textContent = value === null || value === undefined ? '—' : String(value); };
const pct = (v) => v === null || v === undefined ? '—' : Number(v).toFixed(2) + ' %';

function polyline(svg, values, height) {
  while (svg.firstChild) svg.removeChild(svg.firstChild);
  if (values.length < 2) return;
  const lo = Math.min(...values), hi = Math.max(...values), span = hi - lo || 1;
  const points = values.map((v, i) => `${(i / (values.length - 1)) * 600},${height - 4 - ((v - lo) / span) * (height - 8)}`);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points.join(' '));
  svg.appendChild(line);
}

function row(table, cells) {
  const tr = document.createElement('tr');
  cells.forEach((c, i) => {
    const cell = document.createElement(i === 0 ? 'th' : 'td');
    cell.textContent = c;
    tr.appendChild(cell);
  });
  table.appendChild(tr);
}

function show(s) {
  const b = s.breaker;
  const tier = byId('tier');
  tier.textContent = b.tier;
  tier.className = 'tier tier-' + (['NORMAL', 'WARNING', 'CRITICAL', 'EMERGENCY'].includes(b.tier) ? b.tier : 'UNKNOWN');
  text('tier-reason', b.reason);
  text('tier-since', b.sinceMs ? new Date(b.sinceMs).toISOString() : null);
  text('size-multiplier', b.sizeMultiplierPct === null ? null : b.sizeMultiplierPct + ' %');
  text('suspended', b.suspendedStrategies.length ? b.suspendedStrategies.join(', ') : 'none');

  const p = s.portfolio;
  text('equity', p.equity);
  text('drawdown', pct(p.drawdownPct));
  text('daily-loss', pct(p.dailyLossPct));
  text('open-positions', p.openPositions);
  text('fills', p.fills);
  if (p.equity !== null && p.equity !== undefined) {
    equity.push(Number(p.equity));
    drawdown.push(-Number(p.drawdownPct || 0));
    if (equity.length > MAX_POINTS) { equity.shift(); drawdown.shift(); }
    polyline(byId('equity-chart'), equity, 160);
    polyline(byId('drawdown-chart'), drawdown, 80);
  }

  const nodes = byId('nodes');
  while (nodes.rows.length > 1) nodes.deleteRow(1);
  s.nodes.forEach((n) => row(nodes, [n.name, n.serving ? 'serving' : 'DOWN', n.address || (n.via ? 'via ' + n.via : '—')]));

  const f = s.feed;
  text('events-in', f.eventsIn);
  text('subscribers', f.subscribers);
  if (previous) {
    const dt = (s.generatedAtMs - previous.generatedAtMs) / 1000;
    if (dt > 0) {
      text('rate-in', ((f.eventsIn - previous.feed.eventsIn) / dt).toFixed(0));
      text('rate-accepted', ((f.eventsAccepted - previous.feed.eventsAccepted) / dt).toFixed(0));
      text('rate-rejected', ((f.eventsRejected - previous.feed.eventsRejected) / dt).toFixed(0));
    }
  }
  const rejections = byId('rejections');
  while (rejections.rows.length) rejections.deleteRow(0);
  Object.entries(f.rejectedByReason || {}).forEach(([reason, n]) => row(rejections, [reason, n]));
  text('updated', new Date(s.generatedAtMs).toISOString());
  previous = s;
}

// ------------------------------------------------------------------ views from the REST API (read-only)

const time = (ms) => ms ? new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '') : '—';

function fill(table, rows, cells) {
  const t = byId(table);
  while (t.rows.length > 1) t.deleteRow(1);
  rows.forEach((r) => row(t, cells(r)));
}

async function getJson(path) {
  const response = await fetch(path, { headers: { accept: 'application/json' }, cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error ? body.error.message : response.status);
  return body;
}

let refreshing = false;
async function refreshViews() {
  if (refreshing) return;
  refreshing = true;
  try {
    const [positions, fills, decisions, breaker] = await Promise.all([getJson('/api/v1/positions'),
      getJson('/api/v1/fills?limit=10'), getJson('/api/v1/decisions?limit=10'), getJson('/api/v1/breaker?history=10')]);
    fill('positions', positions.positions, (p) => [p.strategy, p.symbol, p.qty, p.averagePrice, p.markPrice || '—',
      p.value, p.unrealizedPnl]);
    fill('recent-fills', fills.fills, (f) => [time(f.fillTimeMs), f.strategy, f.symbol, f.side, f.qty, f.price, f.fee]);
    fill('recent-decisions', decisions.decisions, (d) => [time(d.timeMs), d.strategy, d.symbol, d.purpose, d.verdict,
      d.reason, d.detail]);
    fill('breaker-history', breaker.history.slice().reverse(), (t) => [time(t.timeMs), t.from, t.to,
      t.drawdownPct + ' %', t.dailyLossPct + ' %', t.reason]);
    text('views-status', '');
  } catch (err) {
    text('views-status', 'positions, fills and decisions unavailable: ' + err.message);
  } finally {
    refreshing = false;
  }
}

// ------------------------------------------------------------------ operator actions (need the operator token)

async function act(path, body) {
  const token = byId('admin-token').value.trim();
  const result = byId('admin-result');
  result.className = 'muted';
  if (!token) {
    result.textContent = 'enter the operator token first';
    result.className = 'error';
    return;
  }
  try {
    const response = await fetch(path, { method: 'POST', cache: 'no-store',
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token }, body: JSON.stringify(body) });
    const answer = await response.json();
    if (!response.ok) {
      result.textContent = response.status + ' ' + (answer.error ? answer.error.message : '');
      result.className = 'error';
      return;
    }
    result.textContent = 'breaker now ' + answer.tier + ': ' + answer.reason;
    result.className = 'ok';
    refreshViews();
  } catch (err) {
    result.textContent = 'failed: ' + err.message;
    result.className = 'error';
  }
}

byId('trip-button').addEventListener('click', () => act('/api/v1/breaker/trip',
  { tier: byId('trip-tier').value, reason: byId('admin-reason').value.trim() || 'dashboard trip' }));
byId('reset-button').addEventListener('click', () => act('/api/v1/breaker/reset',
  { reason: byId('admin-reason').value.trim() || 'dashboard reset' }));
byId('admin-form').addEventListener('submit', (e) => e.preventDefault());

function connect() {
  const source = new EventSource('/api/v1/events');
  source.onopen = () => text('connection', 'live');
  source.onmessage = (e) => { try { show(JSON.parse(e.data)); } catch (err) { text('connection', 'bad update: ' + err); } };
  source.onerror = () => text('connection', 'reconnecting…'); // EventSource reconnects by itself
}
connect();
refreshViews();
setInterval(refreshViews, 2000);
