// Browser tests: drive the built SPA, served by the backend, in Debian's Chromium.
//
//   OVERSEAS_BASE_URL  where the backend (with demo data loaded) listens; default http://127.0.0.1:8000
//   CHROMIUM_PATH      the Chromium binary; default /usr/bin/chromium
//
// Each test gets its own browser profile, so storage never leaks between tests. A screenshot
// of every page visited is saved in tests/browser/screenshots/ for the user guide.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE_URL = (process.env.OVERSEAS_BASE_URL || 'http://127.0.0.1:8000').replace(/\/+$/, '');
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
const SCREENSHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));
const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };
const PASSWORD = 'demo-pass-2026';
const TIMEOUT_MS = 15_000;

const tests = [];
function test(name, fn) {
  tests.push({ name, fn });
}

function assert(condition, message) {
  if (!condition) throw new Error(message);
}

let current = 'test';

/** Runs `fn` with a page in a fresh browser profile; fails on any uncaught page error. */
async function withPage(fn, { viewport = DESKTOP } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'overseas-browser-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
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

async function screenshot(page, name) {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

async function expectVisible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  } catch {
    throw new Error(`not visible: ${what}`);
  }
}

async function expectPath(page, pathname) {
  try {
    await page.waitForURL((url) => url.pathname === pathname, { timeout: TIMEOUT_MS });
  } catch {
    throw new Error(`expected path ${pathname}, at ${new URL(page.url()).pathname}`);
  }
}

/** Logs in through the form using only the keyboard. */
async function login(page, username, password = PASSWORD) {
  await page.goto(`${BASE_URL}/login`);
  await page.getByLabel('Tên đăng nhập').focus();
  await page.keyboard.type(username);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
}

test('the public landing lists markets and enterprises without login', async () => {
  await withPage(async (page) => {
    await page.goto(`${BASE_URL}/`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Thông tin công khai' }), 'public heading');
    await expectVisible(page.getByText('Nhật Bản', { exact: true }), 'market Nhật Bản');
    await expectVisible(page.getByText('Hàn Quốc', { exact: true }), 'market Hàn Quốc');
    const agencyRows = page.locator('section[aria-labelledby="public-agencies"] tbody tr');
    await expectVisible(agencyRows, 'a licensed enterprise');
    await expectVisible(page.getByRole('link', { name: 'Đăng nhập' }), 'login link');
    await screenshot(page, 'public');
  });
  await withPage(
    async (page) => {
      await page.goto(`${BASE_URL}/`);
      await expectVisible(page.getByText('Nhật Bản', { exact: true }), 'market Nhật Bản on a phone');
      await screenshot(page, 'public-phone');
    },
    { viewport: PHONE },
  );
});

test('a wrong password shows the translated error', async () => {
  await withPage(async (page) => {
    // A name of its own for each run: five failures lock a username for 15 minutes.
    await login(page, `nobody${Date.now()}`, 'wrong-password');
    await expectVisible(
      page.getByRole('alert').filter({ hasText: 'Tên đăng nhập hoặc mật khẩu không đúng.' }),
      'translated invalid_credentials message',
    );
    await expectPath(page, '/login');
    await screenshot(page, 'login-error');
  });
});

test('an officer logs in and sees the markets page', async () => {
  await withPage(async (page) => {
    await page.goto(`${BASE_URL}/markets`);
    await expectPath(page, '/login');
    await screenshot(page, 'login');
    await login(page, 'officer');
    await expectPath(page, '/markets');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Thị trường' }), 'markets heading');
    await expectVisible(page.getByRole('rowheader', { name: 'Nhật Bản' }), 'row Nhật Bản');
    const whoami = page.getByTestId('whoami');
    await expectVisible(whoami, 'whoami badge');
    const badge = await whoami.innerText();
    assert(badge.includes('officer') && badge.includes('Cán bộ nghiệp vụ'), `whoami badge reads "${badge}"`);
    await screenshot(page, 'markets');
  });
});

test('the markets page fits a phone screen', async () => {
  await withPage(
    async (page) => {
      await login(page, 'officer');
      await expectVisible(page.getByRole('rowheader', { name: 'Nhật Bản' }), 'row Nhật Bản');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
      await screenshot(page, 'markets-phone');
    },
    { viewport: PHONE },
  );
});

test('switching to English shows Japan and survives a reload', async () => {
  await withPage(async (page) => {
    await login(page, 'officer');
    await expectVisible(page.getByRole('rowheader', { name: 'Nhật Bản' }), 'row Nhật Bản');
    await page.getByLabel('Ngôn ngữ').selectOption('en');
    await expectVisible(page.getByRole('rowheader', { name: 'Japan' }), 'row Japan');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Markets' }), 'English heading');
    assert((await page.getAttribute('html', 'lang')) === 'en', 'html lang is not en');
    await page.reload();
    await expectVisible(page.getByRole('rowheader', { name: 'Japan' }), 'row Japan after reload');
    await expectVisible(page.getByText('Overseas Work Registry'), 'English product name');
    const whoami = await page.getByTestId('whoami').innerText();
    assert(whoami.includes('Officer'), `whoami badge reads "${whoami}"`);
    await screenshot(page, 'markets-en');
  });
});

test('logging out returns to the public page', async () => {
  await withPage(async (page) => {
    await login(page, 'officer');
    await expectPath(page, '/markets');
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expectPath(page, '/');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Thông tin công khai' }), 'public heading');
    await expectVisible(page.getByRole('link', { name: 'Đăng nhập' }), 'login link');
    const token = await page.evaluate(() => sessionStorage.getItem('overseas.session'));
    assert(token === null, 'the token is still in sessionStorage');
    await page.goto(`${BASE_URL}/markets`);
    await expectPath(page, '/login');
  });
});

async function main() {
  try {
    const health = await fetch(`${BASE_URL}/healthz`);
    assert(health.ok, `GET /healthz answered ${health.status}`);
  } catch (error) {
    console.error(`The backend is not reachable at ${BASE_URL}: ${error.message}`);
    console.log(`0 passed, ${tests.length} failed`);
    process.exit(1);
  }
  await mkdir(SCREENSHOTS, { recursive: true });

  let passed = 0;
  let failed = 0;
  for (const [index, { name, fn }] of tests.entries()) {
    current = String(index + 1);
    const started = Date.now();
    try {
      await fn();
      passed += 1;
      console.log(`ok - ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failed += 1;
      console.log(`not ok - ${name}\n  ${String(error?.stack ?? error).split('\n').join('\n  ')}`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

await main();
