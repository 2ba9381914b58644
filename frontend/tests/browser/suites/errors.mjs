// Errors said in the user's language from each error item's code and params (docs/errors.md):
// the input the API names is marked (aria-invalid, the message under it by aria-describedby),
// the message names fields by their labels, and no English text of the server is shown.
import { BASE_URL, api, assert, expectAccessible, expectPath, login, screenshot, test, withPage } from '../lib.mjs';

/** An ISO day `days` from today in Vietnam time (the browser's zone in these tests). */
function vnDay(days = 0) {
  const at = new Date(Date.now() + 7 * 3600 * 1000 + days * 86400 * 1000);
  return at.toISOString().slice(0, 10);
}

// Words of the API's English messages and of Pydantic's, none of which a user may see.
const ENGLISH = /\b(is before|required|should|must|characters|role|scope_from|departure_date|Input|Value error)\b/;

/** The message under an input once the API has marked it: waits for aria-invalid="true". */
async function errorUnder(page, input, what) {
  await input.waitFor();
  const deadline = Date.now() + 15_000;
  while ((await input.getAttribute('aria-invalid')) !== 'true') {
    assert(Date.now() < deadline, `${what}: the input is not marked aria-invalid`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const described = ((await input.getAttribute('aria-describedby')) ?? '').split(' ');
  const errorId = described.find((id) => id.endsWith('-error'));
  assert(errorId, `${what}: the input is not described by its error (aria-describedby="${described.join(' ')}")`);
  const text = ((await page.locator(`[id="${errorId}"]`).textContent()) ?? '').trim();
  assert(!ENGLISH.test(text), `${what}: the message holds English: "${text}"`);
  return text;
}

test('errors: a return dated before the departure marks the date and says so in Vietnamese', async () => {
  const { items } = await api('officer', '/placements?status=departed&limit=20');
  const placement = items.find((p) => p.departure_date);
  assert(placement, 'the demo data has no departed placement');
  const before = new Date(`${placement.departure_date}T00:00:00Z`);
  before.setUTCDate(before.getUTCDate() - 1);

  await withPage(async (page) => {
    await login(page, 'officer');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`${BASE_URL}/placements/${placement.id}`);
    await page.getByLabel('Trạng thái mới').selectOption('returned');
    const day = page.locator('#transition-on');
    await day.fill(before.toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Cập nhật trạng thái' }).click();
    // A return is final: the page asks first (its own test in suites/ui.mjs).
    const confirm = page.getByRole('dialog', { name: 'Ghi nhận trạng thái “Đã về nước”?' });
    await confirm.getByRole('button', { name: 'Ghi nhận “Đã về nước”' }).click();
    await confirm.waitFor({ state: 'hidden' });
    const said = await errorUnder(page, day, 'the return date');
    assert(said === 'Ngày về nước không được trước Ngày xuất cảnh.', `the return date says "${said}"`);
    const summary = ((await page.getByRole('alert').first().textContent()) ?? '').trim();
    assert(summary.includes('Ngày về nước không được trước Ngày xuất cảnh.'), `the summary says "${summary}"`);
    assert(!summary.includes('return_date'), `the summary names the API field: "${summary}"`);
    await expectAccessible(page, 'the placement with its return date refused');
    await screenshot(page, 'errors-return-before-departure');
  });
  const after = await api('officer', `/placements/${placement.id}`);
  assert(after.status === 'departed', `the placement moved to ${after.status}`);
});

test('errors: a user form with a short password, then an enterprise account without an enterprise', async () => {
  await withPage(async (page) => {
    await login(page, 'admin');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`${BASE_URL}/users`);
    const stamp = Date.now() % 100000;
    await page.locator('#user-new-username').fill(`loi${stamp}`);
    await page.locator('#user-new-full_name').fill('Nguyễn Văn Lỗi');
    await page.locator('#user-new-role').selectOption('agency');
    const password = page.locator('#user-new-password');
    await password.fill('ngan');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const short = await errorUnder(page, password, 'the password');
    assert(short === 'Mật khẩu phải có ít nhất 10 ký tự.', `the password says "${short}"`);

    await password.fill('mat-khau-du-dai-2026');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    const agency = page.locator('#user-new-agency_id');
    const said = await errorUnder(page, agency, 'the enterprise');
    assert(said === 'Doanh nghiệp: bắt buộc với vai trò “Doanh nghiệp”.', `the enterprise says "${said}"`);
    assert((await password.getAttribute('aria-invalid')) === null, 'the password is still marked');
    await screenshot(page, 'errors-user-agency-role');
  });
});

test('errors: an inspection whose period ends before it starts marks its end in Vietnamese', async () => {
  await withPage(async (page) => {
    await login(page, 'inspector');
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.goto(`${BASE_URL}/inspections/new`);
    const agency = page.getByLabel('Doanh nghiệp');
    const first = await agency.locator('option:not([value=""])').first().getAttribute('value');
    await agency.selectOption(first);
    await page.getByLabel('Số quyết định').fill(`LOI-${Date.now() % 100000}/QĐ-SNV`);
    await page.getByLabel('Ngày quyết định').fill(vnDay(-3));
    await page.getByLabel('Ngày dự kiến').fill(vnDay(-2));
    await page.locator('#inspection-scope_from').fill(vnDay(-30));
    const end = page.locator('#inspection-scope_to');
    await end.fill(vnDay(-60));
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const said = await errorUnder(page, end, 'the end of the period');
    assert(
      said === 'Thời kỳ thanh tra đến ngày không được trước Thời kỳ thanh tra từ ngày.',
      `the end of the period says "${said}"`,
    );
    await expectPath(page, '/inspections/new');
  });
});
