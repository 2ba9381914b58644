// The browser tests' shared helpers: drive the built SPA, served by the backend, in Debian's Chromium.
//
//   OVERSEAS_BASE_URL  where the backend (with demo data loaded) listens; default http://127.0.0.1:8000
//   CHROMIUM_PATH      the Chromium binary; default /usr/bin/chromium
//   OVERSEAS_BROWSER_ONLY  run only the tests whose name holds this text (while working on one)
//
// Each test gets its own browser profile, so storage never leaks between tests. A screenshot
// of every page visited is saved in tests/browser/screenshots/. The user guide's pictures
// (1280×800) go to docs/images/ only with OVERSEAS_GUIDE_IMAGES=1 (make guide-images), so
// that an ordinary run leaves the committed pictures alone.
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE_URL = (process.env.OVERSEAS_BASE_URL || 'http://127.0.0.1:8000').replace(/\/+$/, '');
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
export const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
export const GUIDE_IMAGES = process.env.OVERSEAS_GUIDE_IMAGES
  ? fileURLToPath(new URL('../../../docs/images/', import.meta.url))
  : join(SCREENSHOTS, 'guide');
const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
export const PASSWORD = 'demo-pass-2026';
export const TIMEOUT_MS = 15_000;
export const vnNumber = new Intl.NumberFormat('vi-VN');

export const tests = [];
const ONLY = process.env.OVERSEAS_BROWSER_ONLY;
export function test(name, fn) {
  if (!ONLY || ONLY.split('|').some((part) => name.includes(part))) tests.push({ name, fn });
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

let current = 'test';

/** Names the test now running, for the screenshot taken when it fails. */
export function setCurrent(name) {
  current = name;
}

/** Runs `fn` with a page in a fresh browser profile; fails on any uncaught page error. */
export async function withPage(fn, { viewport = DESKTOP } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'overseas-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  const pageErrors = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(TIMEOUT_MS);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await fn(page);
    } catch (error) {
      // What the page showed when the test failed, to read next to the error.
      await screenshot(page, `failed-${current}`).catch(() => {});
      throw error;
    }
    assert(pageErrors.length === 0, `errors in the page: ${pageErrors.join('; ')}`);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** A picture for the user guide: the visible 1280×800 window, after drawing has settled. */
export async function guideShot(page, name) {
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(GUIDE_IMAGES, `${name}.png`) });
}

export async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  } catch {
    throw new Error(`not visible: ${what}`);
  }
}

export async function expectPath(page, pathname) {
  try {
    await page.waitForURL((url) => url.pathname === pathname, { timeout: TIMEOUT_MS });
  } catch {
    throw new Error(`expected path ${pathname}, at ${new URL(page.url()).pathname}`);
  }
}

export async function expectText(locator, expected, what) {
  try {
    await locator.first().waitFor({ state: 'attached', timeout: TIMEOUT_MS });
    const deadline = Date.now() + TIMEOUT_MS;
    let text = '';
    while (Date.now() < deadline) {
      text = (await locator.first().textContent())?.trim() ?? '';
      if (expected instanceof RegExp ? expected.test(text) : text === expected) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${what}: page shows "${text}", expected "${expected}"`);
  } catch (error) {
    throw error instanceof Error && error.message.startsWith(what) ? error : new Error(`${what}: ${error.message}`);
  }
}

/** Logs in through the form using only the keyboard. */
export async function login(page, username, password = PASSWORD) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('Tên đăng nhập').focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

/** Logs in and waits for the role's start page. */
export async function loginTo(page, username, home) {
  await login(page, username);
  await expectPath(page, home);
}

/** Chooses a unit in an area picker: types part of its name, then clicks the suggestion. */
export async function chooseArea(page, label, typed, option) {
  const input = page.getByRole('combobox', { name: label });
  await input.fill(typed);
  const choice = page.getByRole('listbox').getByRole('option', { name: option });
  await expectVisible(choice, `the suggestion ${option} for "${typed}"`);
  await choice.first().click();
}

// --- the API, called directly to check what the pages show --------------------------------

const tokens = new Map();

export async function token(username) {
  if (!tokens.has(username)) {
    const response = await fetch(`${BASE_URL}/api/v1/auth/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'password', username, password: PASSWORD }),
    });
    assert(response.ok, `login of ${username} through the API answered ${response.status}`);
    tokens.set(username, (await response.json()).access_token);
  }
  return tokens.get(username);
}

export async function api(username, path) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, { headers: { Authorization: `Bearer ${await token(username)}` } });
  assert(response.ok, `GET ${path} as ${username} answered ${response.status}`);
  const type = response.headers.get('Content-Type') ?? '';
  return type.includes('json') ? response.json() : response.text();
}

/** No serious or critical accessibility findings on the page as it is now (axe-core). */
export async function expectAccessible(page, what) {
  await page.waitForLoadState('networkidle');
  await page.locator('.loading').first().waitFor({ state: 'detached', timeout: TIMEOUT_MS }).catch(() => {});
  if (!(await page.evaluate(() => 'axe' in window))) {
    // Evaluated by the browser's debugging protocol: an inline <script> would be refused by the
    // app's Content Security Policy (script-src 'self', docs/security.md), which stays on.
    await page.evaluate(await readFile(AXE_SOURCE, 'utf8'));
  }
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
  });
  assert(violations.length === 0, `accessibility findings on ${what}:\n    ${violations.join('\n    ')}`);
}

/** A CSV line, quoting what needs it. */
export function csvLine(cells) {
  return cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');
}

/** The rows of a small CSV text (quotes and commas inside quotes handled; no line breaks in cells). */
export function parseCsv(text) {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells = [];
      let cell = '';
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted && c === '"' && line[i + 1] === '"') {
          cell += '"';
          i++;
        } else if (c === '"') quoted = !quoted;
        else if (c === ',' && !quoted) {
          cells.push(cell);
          cell = '';
        } else cell += c;
      }
      cells.push(cell);
      return cells;
    });
}

