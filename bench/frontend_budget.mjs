// The web app's budgets: the JavaScript a first visit downloads, and how soon the dashboard
// shows its figures. Prints Markdown table rows; exits 1 when a budget is exceeded.
//
//   cd frontend && npm run build
//   OVERSEAS_BASE_URL=http://127.0.0.1:8000 node bench/frontend_budget.mjs
//
//   OVERSEAS_BASE_URL   a running `overseas serve` with data (default http://127.0.0.1:8000)
//   BENCH_USER          who opens the dashboard (default officer; password BENCH_PASSWORD,
//                       default the demo password)
//   BENCH_RUNS          cold page loads per page (default 7)
//   CHROMIUM_PATH       the Chromium binary (default /usr/bin/chromium)
//
// Each run is a fresh browser context (empty HTTP cache), with the session token put in
// place before the page loads, so the time counted is the page's own: from the start of the
// navigation until the five progress figures are on screen.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = join(ROOT, 'frontend', 'dist');
// playwright-core is a dependency of the frontend; resolve it from there.
const { chromium } = createRequire(join(ROOT, 'frontend', 'package.json'))('playwright-core');

const BASE_URL = (process.env.OVERSEAS_BASE_URL || 'http://127.0.0.1:8000').replace(/\/+$/, '');
const USER = process.env.BENCH_USER || 'officer';
const PASSWORD = process.env.BENCH_PASSWORD || 'demo-pass-2026';
const RUNS = Number(process.env.BENCH_RUNS || 7);
const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const BUDGET_JS_KIB = 250;
const BUDGET_DASHBOARD_MS = 1500;

const kib = (bytes) => bytes / 1024;
const fmt = (n, digits = 1) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** The scripts a first visit loads before any page code: the entry and its modulepreloads. */
async function initialJs() {
  const html = await readFile(join(DIST, 'index.html'), 'utf8');
  const urls = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]);
  let raw = 0;
  let gzipped = 0;
  for (const url of urls) {
    const body = await readFile(join(DIST, url.replace(/^\//, '')));
    raw += body.length;
    gzipped += gzipSync(body, { level: 9 }).length;
  }
  return { files: urls.length, raw, gzipped };
}

async function login() {
  const response = await fetch(`${BASE_URL}/api/v1/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'password', username: USER, password: PASSWORD }),
  });
  if (!response.ok) throw new Error(`login as ${USER} answered ${response.status}`);
  return response.json();
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/**
 * Milliseconds from the start of navigation until `ready` holds in the page, for each cold
 * run; `ready` is evaluated in the page and must return true once the page shows its data.
 */
async function timePage(browser, token, path, ready) {
  const times = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'vi-VN' });
    await context.addInitScript((session) => {
      sessionStorage.setItem('overseas.session', JSON.stringify(session));
    }, { token: token.access_token, expiresAt: Date.now() + token.expires_in * 1000 });
    const page = await context.newPage();
    await page.goto(`${BASE_URL}${path}`, { waitUntil: 'commit' });
    await page.waitForFunction(ready, null, { timeout: 30_000, polling: 'raf' });
    // performance.now() counts from the navigation's start (the time origin of the document).
    times.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  return times;
}

function dashboardReady() {
  const ids = ['progress-actual', 'progress-target', 'progress-percent', 'progress-expected', 'progress-required'];
  return ids.every((id) => (document.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').trim() !== '');
}

// Each predicate runs inside the page on its own, so it cannot call the others.
function chartsReady() {
  return document.querySelectorAll('.chart canvas').length >= 4;
}

function placementsReady() {
  return document.querySelectorAll('main tbody tr').length > 0;
}

async function main() {
  const js = await initialJs();
  const health = await fetch(`${BASE_URL}/healthz`).catch(() => null);
  if (!health?.ok) throw new Error(`no server answers at ${BASE_URL}`);
  const token = await login();
  const progress = await fetch(`${BASE_URL}/api/v1/progress`, {
    headers: { Authorization: `Bearer ${token.access_token}` },
  }).then((r) => r.json());
  const total = await fetch(`${BASE_URL}/api/v1/placements?limit=1&include_total=true`, {
    headers: { Authorization: `Bearer ${token.access_token}` },
  })
    .then((r) => r.json())
    .then((page) => page.total);

  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  let figures;
  let charts;
  let placements;
  try {
    // One unmeasured load warms the server (connection pools, caches) as in steady use.
    await timePage(browser, token, '/dashboard', dashboardReady).catch(() => {});
    figures = await timePage(browser, token, '/dashboard', dashboardReady);
    charts = await timePage(browser, token, '/dashboard', chartsReady);
    placements = await timePage(browser, token, '/placements', placementsReady);
  } finally {
    await browser.close();
  }

  const jsOk = kib(js.gzipped) <= BUDGET_JS_KIB;
  const dashOk = median(figures) <= BUDGET_DASHBOARD_MS;
  console.log(`Server: ${BASE_URL} · ${total?.toLocaleString('en-US') ?? '?'} placements · ${progress.actual.toLocaleString('en-US')} departures counted · ${RUNS} cold loads each`);
  console.log('');
  console.log('| measure | budget | median | max | result |');
  console.log('|---|---|---|---|---|');
  console.log(
    `| initial JS (${js.files} files, ${fmt(kib(js.raw))} KiB raw), gzipped | ≤ ${BUDGET_JS_KIB} KiB | ${fmt(kib(js.gzipped))} KiB | | ${jsOk ? 'pass' : 'FAIL'} |`,
  );
  console.log(
    `| dashboard: navigation → progress figures shown | ≤ ${fmt(BUDGET_DASHBOARD_MS / 1000, 1)} s | ${Math.round(median(figures))} ms | ${Math.round(Math.max(...figures))} ms | ${dashOk ? 'pass' : 'FAIL'} |`,
  );
  console.log(`| dashboard: navigation → all four charts drawn | | ${Math.round(median(charts))} ms | ${Math.round(Math.max(...charts))} ms | |`);
  console.log(`| worker list: navigation → first page of rows | | ${Math.round(median(placements))} ms | ${Math.round(Math.max(...placements))} ms | |`);
  process.exit(jsOk && dashOk ? 0 : 1);
}

main().catch((error) => {
  console.error(error.message);
  process.exit(2);
});
