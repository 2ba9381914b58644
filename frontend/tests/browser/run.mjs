// Browser tests: drive the built SPA, served by the backend, in Debian's Chromium.
//
//   OVERSEAS_BASE_URL  where the backend (with demo data loaded) listens; default http://127.0.0.1:8000
//   CHROMIUM_PATH      the Chromium binary; default /usr/bin/chromium
//   OVERSEAS_BROWSER_ONLY  run only the tests whose name holds this text, or one of several
//                          texts separated by | (while working on them)
//
// The helpers are in lib.mjs; the tests are here and in suites/*.mjs, each file one area of the
// product. Each test gets its own browser profile, so storage never leaks between tests.
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import {
  BASE_URL,
  GUIDE_IMAGES,
  SCREENSHOTS,
  PHONE,
  TIMEOUT_MS,
  api,
  assert,
  chooseArea,
  csvLine,
  expectAccessible,
  expectPath,
  expectText,
  expectVisible,
  guideShot,
  login,
  loginTo,
  parseCsv,
  screenshot,
  setCurrent,
  test,
  tests,
  token,
  vnNumber,
  withPage,
} from './lib.mjs';

// --- tests ----------------------------------------------------------------------------------

test('the public page shows progress, markets and enterprises without login', async () => {
  const progress = await fetch(`${BASE_URL}/api/v1/public/progress`).then((r) => r.json());
  await withPage(async (page) => {
    await page.goto(`${BASE_URL}/`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Thông tin công khai' }), 'public heading');
    await expectText(page.getByTestId('progress-actual'), vnNumber.format(progress.actual), 'public departures');
    await expectVisible(page.getByText('Nhật Bản', { exact: true }), 'market Nhật Bản');
    await expectVisible(page.getByText('Hàn Quốc', { exact: true }), 'market Hàn Quốc');
    const agencyRows = page.locator('section[aria-labelledby="public-agencies"] tbody tr');
    await expectVisible(agencyRows, 'a licensed enterprise');
    await expectVisible(page.getByRole('link', { name: 'Đăng nhập' }), 'login link');
    await screenshot(page, 'public');
    await guideShot(page, 'trang-cong-khai');
  });
  await withPage(
    async (page) => {
      await page.goto(`${BASE_URL}/`);
      await expectVisible(page.getByText('Nhật Bản', { exact: true }), 'market Nhật Bản on a phone');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `the public page scrolls sideways by ${overflow}px`);
      await screenshot(page, 'public-phone');
    },
    { viewport: PHONE },
  );
});

const PHONE_SMALL = { width: 375, height: 740 };
const AGENCY_STATUS_WORDS = { active: 'Đang hoạt động', suspended: 'Bị đình chỉ', revoked: 'Bị thu hồi giấy phép' };

test('on a phone, a worker checks the fee cap for Japan and an enterprise’s licence', async () => {
  const query = new URLSearchParams({
    market_code: 'JP',
    programme: 'TITP',
    channel: 'service_enterprise',
    monthly_salary: '180000',
    salary_currency: 'JPY',
    contract_months: '36',
  });
  const expected = await fetch(`${BASE_URL}/api/v1/public/fee-check?${query}`).then((r) => r.json());
  assert(expected.fee_cap_vnd !== null, `the demo data knows no JPY rate: ${JSON.stringify(expected)}`);
  // An enterprise of the demo data (one whose licence is not active, when there is one),
  // looked up by the last two words of its name, before any "(…)".
  const agencies = (await fetch(`${BASE_URL}/api/v1/public/agencies?limit=50`).then((r) => r.json())).items;
  const agency = agencies.find((a) => a.status !== 'active') ?? agencies[0];
  const part = agency.name.replace(/\s*\(.*\)\s*$/, '').split(' ').slice(-2).join(' ');
  const matches = (await fetch(`${BASE_URL}/api/v1/public/agencies?${new URLSearchParams({ q: part })}`).then((r) => r.json())).items;
  assert(matches.some((a) => a.licence_no === agency.licence_no), `the API does not find ${agency.name} by "${part}"`);

  await withPage(
    async (page) => {
      await page.goto(`${BASE_URL}/`);
      await page.getByRole('link', { name: 'Kiểm tra phí dịch vụ và tiền ký quỹ doanh nghiệp được thu' }).click();
      await expectPath(page, '/kiem-tra-phi');
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Kiểm tra phí' }), 'the fee check heading');
      const market = page.getByLabel(/^Nước đến làm việc/);
      await market.locator('option[value="JP"]', { hasText: 'Nhật Bản' }).waitFor({ state: 'attached' });
      await market.selectOption('JP');
      await page.getByLabel(/^Chương trình/).selectOption('TITP');
      await page.getByLabel(/^Lương tháng theo hợp đồng/).fill('180.000');
      assert((await page.getByLabel(/^Đơn vị tiền lương/).inputValue()) === 'JPY', 'Japan does not default to JPY');
      await page.getByLabel(/^Thời hạn hợp đồng/).fill('36');
      await page.getByRole('button', { name: 'Kiểm tra', exact: true }).click();

      await expectText(page.getByTestId('fee-cap-vnd'), `${vnNumber.format(expected.fee_cap_vnd)} đồng`, 'the fee cap');
      await expectText(
        page.getByTestId('fee-cap'),
        new RegExp(`bằng ${vnNumber.format(expected.fee_cap_months)} tháng lương`),
        'the fee cap in months',
      );
      const basis = page.getByTestId('fee-rules');
      for (const rule of expected.rules) await expectVisible(basis.getByText(rule.source), `the rule ${rule.source}`);
      await expectVisible(page.getByRole('heading', { level: 3, name: 'Căn cứ pháp lý' }), 'the legal basis heading');

      await page.getByLabel('Tên hoặc số giấy phép của doanh nghiệp').fill(part);
      const row = page.locator('tr', { hasText: agency.name });
      await expectVisible(row, `the enterprise ${agency.name} found by "${part}"`);
      await expectVisible(row.getByText(AGENCY_STATUS_WORDS[agency.status], { exact: true }), `its licence status (${agency.status})`);
      await expectVisible(row.getByText(agency.licence_no, { exact: true }), 'its licence number');

      const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `the fee check scrolls sideways by ${overflow}px`);
      await screenshot(page, 'fee-check-phone');
      await expectAccessible(page, 'the fee check with its answer (phone)');
    },
    { viewport: PHONE_SMALL },
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

test('each role lands on its own start page with its own menu', async () => {
  const expected = {
    admin: {
      home: '/dashboard',
      has: ['Tổng quan', 'Tài khoản', 'Kết nối API', 'Hồ sơ người lao động'],
      lacks: ['Nhập từ tệp', 'Đơn thư khiếu nại, phản ánh'],
    },
    officer: {
      home: '/dashboard',
      has: ['Tổng quan', 'Hồ sơ người lao động', 'Nhập từ tệp', 'Chỉ tiêu', 'Theo dõi báo cáo doanh nghiệp', 'Đơn thư khiếu nại, phản ánh'],
      lacks: ['Tài khoản', 'Báo cáo định kỳ'],
    },
    inspector: {
      home: '/dashboard',
      has: ['Thanh tra, kiểm tra', 'Hồ sơ người lao động', 'Theo dõi báo cáo doanh nghiệp', 'Đơn thư khiếu nại, phản ánh'],
      lacks: ['Nhập từ tệp', 'Tài khoản'],
    },
    viewer: {
      home: '/dashboard',
      has: ['Tổng quan', 'Hồ sơ người lao động'],
      lacks: ['Nhập từ tệp', 'Tài khoản', 'Theo dõi báo cáo doanh nghiệp', 'Đơn thư khiếu nại, phản ánh'],
    },
    agency1: {
      home: '/placements',
      has: ['Hồ sơ người lao động', 'Nhập từ tệp', 'Thanh tra, kiểm tra', 'Doanh nghiệp của tôi', 'Báo cáo định kỳ'],
      lacks: ['Tổng quan', 'Chỉ tiêu', 'Tài khoản', 'Doanh nghiệp', 'Theo dõi báo cáo doanh nghiệp', 'Đơn thư khiếu nại, phản ánh'],
    },
  };
  for (const [username, { home, has, lacks }] of Object.entries(expected)) {
    await withPage(async (page) => {
      await loginTo(page, username, home);
      const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
      await expectVisible(menu, `${username}'s menu`);
      for (const name of has) await expectVisible(menu.getByRole('link', { name, exact: true }), `${username}'s menu item ${name}`);
      for (const name of lacks) {
        assert((await menu.getByRole('link', { name, exact: true }).count()) === 0, `${username}'s menu shows ${name}`);
      }
    });
  }
});

test("the dashboard's figures are the API's", async () => {
  const progress = await api('officer', '/progress');
  const byYear = await api('officer', '/progress?by=year');
  const byArea = await api('officer', '/progress?by=area&area_code=49');
  const flags = ['fee_above_cap', 'deposit_above_cap', 'possible_duplicate', 'late_report'];
  const flagTotals = await Promise.all(flags.map((flag) => api('officer', `/placements?flag=${flag}&include_total=true&limit=1`)));
  const overdue = await api('officer', '/inspections?overdue=true&include_total=true&limit=1');
  assert(progress.actual > 0, 'the demo data has no departures');

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    const percent = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });
    await expectText(page.getByTestId('progress-actual'), vnNumber.format(progress.actual), 'departures');
    await expectText(page.getByTestId('progress-target'), vnNumber.format(progress.target), 'target');
    await expectText(page.getByTestId('progress-percent'), percent.format(Number(progress.percent) / 100), 'percent');
    await expectText(page.getByTestId('progress-expected'), vnNumber.format(progress.projection.expected_at_end), 'projection');
    await expectText(page.getByTestId('progress-required'), vnNumber.format(progress.projection.required_per_year), 'yearly pace');
    for (const [i, flag] of flags.entries()) {
      await expectText(page.getByTestId(`alert-flag-${flag}`), vnNumber.format(flagTotals[i].total), `flag ${flag}`);
    }
    await expectText(page.getByTestId('alert-overdue'), vnNumber.format(overdue.total), 'overdue remedies');
    for (const [testId, data] of [
      ['by-year', byYear],
      ['by-area', byArea],
    ]) {
      for (const row of data.rows) {
        const cell = page.locator(`[data-testid="${testId}"] tr[data-key="${row.key}"] td[data-value]`);
        const shown = await cell.getAttribute('data-value');
        assert(Number(shown) === row.actual, `${testId} ${row.key}: page shows ${shown}, API ${row.actual}`);
      }
    }
    await page.locator('.chart canvas').first().waitFor({ state: 'visible' });
    await screenshot(page, 'dashboard');
    await guideShot(page, 'tong-quan');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải báo cáo năm (Excel)' }).click(),
    ]);
    assert(download.suggestedFilename().endsWith('.xlsx'), `annual report file named ${download.suggestedFilename()}`);
  });
});

test('a placement with a mistake shows the error on its input, keeps the values, then saves', async () => {
  const name = `Trần Thị Kiểm Thử ${Date.now() % 100000}`;
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/placements/new`);
    await page.getByLabel('Họ và tên').fill(name);
    // Born in 1998 but digits 5–6 say 97: the API rejects the identification number.
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('049197001234');
    await page.getByLabel('Ngày sinh').fill('1998-05-20');
    await page.getByLabel('Giới tính').selectOption('female');
    // Registered today: the home is a commune-level unit from 2025-07-01 (docs/places.md).
    await chooseArea(page, /^Quê quán \(địa bàn\)/, 'dai loc', /^Xã Đại Lộc \(từ 01\/07\/2025\) · 20500/);
    await page.getByLabel('Hộ nghèo', { exact: true }).check();
    await page.getByLabel('Doanh nghiệp', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Thị trường').selectOption('JP');
    await page.getByLabel('Chương trình').selectOption('SSW');
    await page.getByLabel('Ngành nghề').fill('Điều dưỡng');
    await page.getByLabel('Thời hạn hợp đồng (tháng)').fill('36');
    await page.getByLabel('Lương tháng').fill('200000');
    await page.getByLabel('Loại tiền lương').fill('JPY');
    await page.getByLabel('Tiền dịch vụ').fill('30.000.000');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();

    const nationalId = page.locator('#placement-worker-national_id');
    await expectVisible(page.locator('#placement-worker-national_id-error'), 'the error under the identification number');
    const message = await page.locator('#placement-worker-national_id-error').innerText();
    assert(message.includes('chữ số thứ 5–6 (97) không khớp với năm sinh 1998'), `the field error reads "${message}"`);
    assert((await nationalId.getAttribute('aria-invalid')) === 'true', 'the input is not marked invalid');
    assert((await page.locator('[aria-invalid="true"]').count()) === 1, 'other inputs are marked invalid too');
    await expectVisible(page.getByRole('alert').filter({ hasText: 'Dữ liệu không hợp lệ' }), 'the error summary');
    await screenshot(page, 'placement-error');
    await page.locator('.error-summary').scrollIntoViewIfNeeded();
    await guideShot(page, 'ho-so-loi');

    // Nothing typed is lost, even across a reload.
    await page.reload();
    await expectVisible(page.getByText('Đã khôi phục dữ liệu bạn nhập trước đó'), 'the restored-draft notice');
    assert((await page.getByLabel('Họ và tên').inputValue()) === name, 'the name was lost on reload');
    assert((await page.getByLabel('Tiền dịch vụ').inputValue()) === '30.000.000', 'the fee was lost on reload');
    await page.waitForFunction(
      () => document.querySelector('#placement-worker-home_area_code')?.value === 'Xã Đại Lộc (20500)',
      null,
      { timeout: TIMEOUT_MS },
    );
    assert(await page.getByLabel('Hộ nghèo', { exact: true }).isChecked(), 'the policy group was lost on reload');

    await page.getByLabel('Số định danh cá nhân (CCCD)').fill('049198001234');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL((url) => /^\/placements\/\d+$/.test(url.pathname));
    await expectVisible(page.getByRole('heading', { level: 1, name }), 'the saved record');
    await expectVisible(page.getByText('Đã lưu.'), 'the saved notice');
    await expectVisible(page.getByText('30.000.000'), 'the fee in VND');
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const saved = await api('officer', `/placements/${id}`);
    assert(saved.worker.national_id === '049198001234' && saved.service_fee_vnd === 30000000, 'the API holds other values');
    assert(saved.worker.policy_groups.includes('poor_household'), 'the policy group was not saved');
    assert(saved.worker.home_area_code === '20500', `the API holds the home ${saved.worker.home_area_code}`);

    // The draft is gone once saved.
    await page.goto(`${BASE_URL}/placements/new`);
    assert((await page.getByLabel('Họ và tên').inputValue()) === '', 'the saved draft came back');

    // A status change, with the history it leaves.
    await page.goto(`${BASE_URL}/placements/${id}`);
    await page.getByLabel('Trạng thái mới').selectOption('contracted');
    await page.getByRole('button', { name: 'Cập nhật trạng thái' }).click();
    await expectVisible(page.getByText('Đã chuyển sang trạng thái “Đã ký hợp đồng”.'), 'the transition notice');
    await expectVisible(page.locator('.timeline').getByText('Đã ký hợp đồng'), 'the history entry');
    await screenshot(page, 'placement-detail');
  });
});

test('a salary typed 180.000 JPY is stored as 180000 and raises no fee flag', async () => {
  const stamp = Date.now() % 100000;
  const name = `Phạm Thị Lương ${stamp}`;
  // The demo's rate is 170 VND/JPY: 36 months at 180,000 JPY allow a fee of 91,800,000 VND
  // (Law 69/2020/QH14 Art. 23), while at 180 JPY the 30,000,000 VND fee would be over the cap.
  const rates = (await api('officer', '/markets/JP/records?kind=wage&limit=100')).items;
  assert(
    rates.some((r) => r.kind === 'wage' && r.unit === 'VND/JPY' && Number(r.value) > 0),
    'the demo data has no VND/JPY rate, so no fee flag could be raised',
  );
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/placements/new`);
    await page.getByLabel('Họ và tên').fill(name);
    await page.getByLabel('Số định danh cá nhân (CCCD)').fill(`049198${String(500000 + stamp).padStart(6, '0')}`);
    await page.getByLabel('Ngày sinh').fill('1998-05-20');
    await page.getByLabel('Giới tính').selectOption('female');
    // Registered today: the home is a commune-level unit from 2025-07-01 (docs/places.md).
    await chooseArea(page, /^Quê quán \(địa bàn\)/, 'dai loc', /^Xã Đại Lộc \(từ 01\/07\/2025\) · 20500/);
    await page.getByLabel('Doanh nghiệp', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Thị trường').selectOption('JP');
    await page.getByLabel('Chương trình').selectOption('TITP');
    await page.getByLabel('Ngành nghề').fill('Chế biến thực phẩm');
    await page.getByLabel('Thời hạn hợp đồng (tháng)').fill('36');
    await page.getByLabel('Loại tiền lương').fill('JPY');
    await page.getByLabel('Tiền dịch vụ').fill('30.000.000');

    // Text that is no number is shown on its input and nothing is sent.
    let posted = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/placements') posted += 1;
    });
    await page.getByLabel('Lương tháng').fill('180k');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await expectText(
      page.locator('#placement-monthly_salary-error'),
      'Lương tháng: “180k” không phải là số. Ghi ví dụ 180000, 180.000 hoặc 1,5.',
      'the error under the salary',
    );
    assert((await page.getByLabel('Lương tháng').getAttribute('aria-invalid')) === 'true', 'the salary is not marked invalid');
    assert(posted === 0, 'a salary that is no number was sent');
    await page.getByLabel('Lương tháng').scrollIntoViewIfNeeded();
    await screenshot(page, 'placement-salary-error');

    await page.getByLabel('Lương tháng').fill('180.000');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL((url) => /^\/placements\/\d+$/.test(url.pathname));
    await expectVisible(page.getByRole('heading', { level: 1, name }), 'the saved record');
    await expectVisible(page.getByText('180.000 JPY'), 'the salary on the detail page');
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const saved = await api('officer', `/placements/${id}`);
    assert(saved.monthly_salary === '180000', `the API holds the salary ${saved.monthly_salary}`);
    assert(saved.service_fee_vnd === 30000000, `the API holds the fee ${saved.service_fee_vnd}`);
    assert(!saved.flags.includes('fee_above_cap'), `the record is flagged ${saved.flags.join(', ')}`);
    assert((await page.getByText('Tiền dịch vụ vượt mức trần').count()) === 0, 'the page shows a fee flag');
    await screenshot(page, 'placement-salary-thousands');
  });
});

test('the area picker finds a commune typed without diacritics, old and new units alike', async () => {
  const filtered = await api('officer', '/placements?home_area_code=20971&include_total=true&limit=1');
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/placements`);
    const input = page.getByRole('combobox', { name: /^Địa bàn \(quê quán\)/ });
    await input.fill('tam xuan');
    const listbox = page.getByRole('listbox');
    // The list filter offers units of every period: the old communes and the new one.
    await expectVisible(listbox.getByRole('option', { name: /^Xã Tam Xuân I — Huyện Núi Thành \(đến 30\/06\/2025\)/ }), 'the old Xã Tam Xuân I');
    await expectVisible(listbox.getByRole('option', { name: /^Xã Tam Xuân \(từ 01\/07\/2025\) · 20971/ }), 'the new Xã Tam Xuân');
    const names = await listbox.getByRole('option').allInnerTexts();
    assert(names.every((n) => /Tam Xuân/.test(n)), `a suggestion without "Tam Xuân": ${names.join(' | ')}`);
    const marked = await listbox.locator('mark').first().innerText();
    assert(marked === 'Tam Xuân', `the match is marked as "${marked}"`);
    await expectAccessible(page, 'the area picker with its suggestions open');
    assert((await input.getAttribute('aria-expanded')) === 'true', 'the scan closed the suggestions');
    await screenshot(page, 'area-picker');
    // The keyboard alone: down to the new unit, Enter chooses it.
    const target = names.findIndex((n) => n.startsWith('Xã Tam Xuân (từ'));
    for (let i = 0; i <= target; i++) await input.press('ArrowDown');
    const active = await input.getAttribute('aria-activedescendant');
    assert(active && (await page.locator(`[id="${active}"]`).innerText()).startsWith('Xã Tam Xuân (từ'), 'the active option is not the new unit');
    await input.press('Enter');
    assert((await input.getAttribute('aria-expanded')) === 'false', 'the list stays open after Enter');
    assert((await input.inputValue()) === 'Xã Tam Xuân (20971)', `the input shows "${await input.inputValue()}"`);
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('home_area_code') === '20971');
    await expectVisible(
      filtered.total > 0
        ? page.getByText(new RegExp(`của ${vnNumber.format(filtered.total)}$`))
        : page.getByText('Không có hồ sơ nào khớp với bộ lọc.'),
      'the count of the filtered list',
    );
  });
});

test('the list filters, pages with the cursor and exports what it shows', async () => {
  const japan = await api('officer', '/placements?market_code=JP&status=departed&include_total=true&limit=1');
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/placements`);
    await page.getByLabel('Trạng thái', { exact: true }).selectOption('departed');
    await page.getByLabel('Thị trường', { exact: true }).selectOption('JP');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('market_code') === 'JP');
    await expectVisible(page.getByText(`1–50 của ${vnNumber.format(japan.total)}`), 'the count of the filtered list');
    await page.getByRole('button', { name: 'Trang sau' }).click();
    await expectVisible(page.getByText(`51–100 của ${vnNumber.format(japan.total)}`), 'the second page');
    const statuses = await page.locator('tbody td[data-label="Trạng thái"]').allInnerTexts();
    assert(statuses.every((s) => s.trim() === 'Đã xuất cảnh'), 'a row of another status is listed');
    await guideShot(page, 'danh-sach-ho-so');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất CSV' }).click()]);
    const text = await readFile(await download.path(), 'utf8');
    assert(text.startsWith('\uFEFF'), 'the CSV has no byte order mark for Excel');
    const lines = text.trim().split('\n');
    assert(lines.length === japan.total + 1, `the CSV has ${lines.length - 1} rows, the list ${japan.total}`);
  });
});

test('an import with a bad row lists it, then the fixed file is imported', async () => {
  const template = parseCsv(await api('agency1', '/placements/import-template?format=csv'));
  const [header, example] = template;
  const column = (label) => {
    const index = header.indexOf(label);
    assert(index >= 0, `the template has no column "${label}"`);
    return index;
  };
  const stamp = Date.now() % 1_000_000;
  const row = (nationalId) => {
    const cells = [...example];
    cells[column('Mã hồ sơ')] = `KT-${stamp}`;
    cells[column('Họ và tên')] = `Lê Văn Nhập Tệp ${stamp}`;
    cells[column('Số định danh cá nhân')] = nationalId;
    cells[column('Ghi chú')] = '';
    return csvLine(cells);
  };
  const file = (nationalId) => ({
    name: 'ho-so.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${csvLine(header)}\n${row(nationalId)}\n`, 'utf8'),
  });

  await withPage(async (page) => {
    await loginTo(page, 'agency1', '/placements');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhập từ tệp' }).click();
    await expectPath(page, '/import');
    await page.getByLabel('Tệp dữ liệu (.xlsx hoặc .csv)').setInputFiles(file('12345'));
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const errors = page.getByTestId('import-errors');
    await expectVisible(errors, 'the table of bad rows');
    const firstRow = await errors.locator('tbody tr').first().innerText();
    assert(firstRow.includes('2') && firstRow.includes('Số định danh cá nhân (CCCD)'), `the bad row reads "${firstRow}"`);
    assert(await page.getByRole('button', { name: 'Nhập dữ liệu' }).isDisabled(), 'a file with errors can be imported');
    await guideShot(page, 'nhap-tep-loi');

    await page.getByLabel('Tệp dữ liệu (.xlsx hoặc .csv)').setInputFiles(file('048095000001'));
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await expectVisible(page.getByText('Tệp hợp lệ, sẵn sàng nhập.'), 'the clean check');
    await expectVisible(page.getByText('Sẽ thêm mới 1 hồ sơ'), 'the planned summary');
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await expectVisible(page.getByText('Đã thêm mới 1 hồ sơ'), 'the import summary');
    await screenshot(page, 'import-done');
  });
  const found = await api('agency1', `/placements?q=${encodeURIComponent(`Nhập Tệp ${stamp}`)}&include_total=true`);
  assert(found.total === 1 && found.items[0].agency_id === 1, `the import left ${found.total} records`);
});

test("an enterprise sees only its own records and not another's", async () => {
  const others = await api('agency2', '/placements?limit=1');
  const foreignId = others.items[0].id;
  const own = await api('agency1', '/placements?include_total=true&limit=50');
  assert(own.items.every((p) => p.agency_id === 1), "the API lists another enterprise's record");

  await withPage(async (page) => {
    await loginTo(page, 'agency1', '/placements');
    await expectVisible(page.getByText(`1–50 của ${vnNumber.format(own.total)}`), "the enterprise's own count");
    const ids = (await page.locator('tbody td[data-label="Mã"]').allInnerTexts()).map((s) => Number(s.trim()));
    assert(JSON.stringify(ids) === JSON.stringify(own.items.map((p) => p.id)), 'the list differs from the API');
    await guideShot(page, 'doanh-nghiep-ho-so');

    await page.goto(`${BASE_URL}/placements/${foreignId}`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Không tìm thấy hồ sơ' }), 'not found for another enterprise');
    assert((await page.getByText(others.items[0].worker.full_name).count()) === 0, "the other enterprise's worker is shown");

    await page.goto(`${BASE_URL}/agencies/2`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Không tìm thấy doanh nghiệp' }), "another enterprise's page");
    await page.goto(`${BASE_URL}/dashboard`);
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }), 'no dashboard');
    await page.goto(`${BASE_URL}/agencies/1`);
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Mức độ tuân thủ' }), 'its own compliance');
  });
});

test('an officer edits a target in the grid', async () => {
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/targets`);
    const cell = page.getByRole('button', { name: 'Sửa Chỉ tiêu của Thành phố Tam Kỳ năm 2026' });
    await cell.click();
    const input = page.getByLabel('Chỉ tiêu của Thành phố Tam Kỳ năm 2026');
    await input.fill('80');
    await input.press('Enter');
    await expectText(cell, /^80,/, 'the saved cell');
    const saved = (await api('officer', '/targets?limit=500')).items.find(
      (t) => t.area_code === '502' && t.year_from === 2026 && t.year_to === 2026 && t.market_code === null,
    );
    assert(saved?.value === 80, `the API holds ${JSON.stringify(saved)}`);

    // A second edit goes through If-Match with the new version.
    await cell.click();
    await input.fill('85');
    await input.press('Enter');
    await expectText(cell, /^85,/, 'the cell after a second edit');
    await guideShot(page, 'chi-tieu');
  });
});

test('the dashboard counts the records without a commune, and an officer assigns some in bulk', async () => {
  const count = async (query) => (await api('officer', `/placements?${query}&include_total=true&limit=1`)).total;
  const before = await count('unallocated=true');
  // The former district of Đại Lộc (506): its records of before the reform still lack a commune.
  const subset = await count('unallocated=true&home_area_code=506');
  assert(before > 0 && subset > 0, `the demo data has ${before} unallocated records, ${subset} in Đại Lộc`);
  assert((await count('unallocated=true&home_area_code=506&registered_from=2025-07-01')) === 0, 'Đại Lộc has unallocated records after the reform');
  const alreadyInDaiLanh = await count('home_area_code=20506&registered_to=2025-06-30');

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await expectText(page.getByTestId('alert-unallocated'), vnNumber.format(before), 'the unallocated count on the dashboard');
    await page.getByRole('link', { name: 'hồ sơ chưa gán xã, phường' }).click();
    await page.waitForURL((url) => url.pathname === '/placements' && url.searchParams.get('unallocated') === 'true');
    assert(await page.getByLabel('Chỉ hồ sơ chưa gán xã, phường').isChecked(), 'the unallocated filter is not ticked');
    await expectText(page.getByTestId('pager-range'), new RegExp(`của ${vnNumber.format(before)}$`), 'the count of unallocated records in the list');

    await chooseArea(page, /^Địa bàn \(quê quán\)/, 'dai loc', /^Huyện Đại Lộc — Tỉnh Quảng Nam \(đến 30\/06\/2025\)/);
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('home_area_code') === '506' && url.searchParams.get('unallocated') === 'true');
    await expectText(page.getByTestId('pager-range'), new RegExp(`của ${vnNumber.format(subset)}$`), 'the count of the filtered list');

    await page.getByRole('button', { name: 'Gán xã, phường' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gán xã, phường cho các hồ sơ đang lọc' });
    await expectVisible(dialog, 'the assignment dialog');
    await dialog.getByLabel('hồ sơ đăng ký trước 01/07/2025').check();
    // Before the reform the picker offers the old communes only (level=commune, on 2025-06-30).
    await chooseArea(dialog, /^Xã, phường được gán/, 'dai lanh', /^Xã Đại Lãnh — Huyện Đại Lộc \(đến 30\/06\/2025\) · 20506/);
    const offered = await dialog.getByRole('option').count();
    assert(offered === 0, 'the suggestions stay open after the choice');
    await dialog.getByRole('button', { name: 'Kiểm tra trước' }).click();
    await expectText(dialog.getByTestId('assign-matched'), `${vnNumber.format(subset)} hồ sơ sẽ được gán.`, 'the dry run');
    assert((await count('unallocated=true')) === before, 'the dry run wrote');
    await expectAccessible(page, 'the assignment dialog after its dry run');
    await screenshot(page, 'assign-commune');
    await dialog.getByRole('button', { name: `Gán ${vnNumber.format(subset)} hồ sơ` }).click();
    await expectVisible(dialog.getByText(`Đã gán xã, phường cho ${vnNumber.format(subset)} hồ sơ.`), 'the assignment notice');
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    await expectVisible(page.getByText('Không có hồ sơ nào khớp với bộ lọc.'), 'the refreshed list, now empty');

    assert((await count('unallocated=true')) === before - subset, 'the API still counts the assigned records as unallocated');
    const inDaiLanh = await count('home_area_code=20506&registered_to=2025-06-30');
    assert(inDaiLanh === alreadyInDaiLanh + subset, `Xã Đại Lãnh holds ${inDaiLanh} records, expected ${alreadyInDaiLanh} + ${subset}`);
    await page.goto(`${BASE_URL}/dashboard`);
    await expectText(page.getByTestId('alert-unallocated'), vnNumber.format(before - subset), 'the unallocated count after the assignment');
  });
});

test('the progress map draws every commune inside its frame, with its inset, legend and links', async () => {
  const headline = await api('officer', '/progress');
  const byCommune = await api('officer', `/progress?by=commune&area_code=48&year_from=${headline.year_from}&year_to=${headline.year_to}`);
  assert(byCommune.rows.filter((row) => row.key !== null).length === 94, 'the API has no 94 communes');

  /** The drawing in svg coordinates: the frame, each unit's box, the inset's frame. */
  const measure = (page) =>
    page.evaluate(() => {
      const svg = document.querySelector('[data-testid="progress-map"]');
      const box = (el) => {
        const b = el.getBBox();
        return { x: b.x, y: b.y, width: b.width, height: b.height };
      };
      const units = (group) =>
        [...svg.querySelectorAll(`[data-testid="${group}"] path[data-code]`)].map((p) => ({ code: p.dataset.code, ...box(p) }));
      const view = svg.viewBox.baseVal;
      return {
        frame: { x: view.x, y: view.y, width: view.width, height: view.height },
        main: units('map-main'),
        inset: units('map-inset'),
        insetFrame: box(svg.querySelector('.progress-map__inset-frame')),
      };
    });

  const checkDrawing = (drawing, where) => {
    const { frame, main, inset, insetFrame } = drawing;
    assert(main.length === 93, `${where}: the main map draws ${main.length} communes, not 93`);
    assert(inset.length === 1 && inset[0].code === '20333', `${where}: the inset draws ${inset.map((u) => u.code).join(', ')}`);
    const inside = (b, f) => b.x >= f.x - 0.5 && b.y >= f.y - 0.5 && b.x + b.width <= f.x + f.width + 0.5 && b.y + b.height <= f.y + f.height + 0.5;
    for (const unit of [...main, ...inset]) {
      assert(unit.width > 0 && unit.height > 0, `${where}: ${unit.code} draws nothing`);
      assert(inside(unit, frame), `${where}: ${unit.code} (${JSON.stringify(unit)}) leaves the frame`);
      // A polygon wound the wrong way fills the whole frame.
      assert(unit.width * unit.height < frame.width * frame.height * 0.25, `${where}: ${unit.code} covers most of the frame`);
    }
    assert(inside(inset[0], insetFrame), `${where}: Hoàng Sa lies outside its inset`);
    const overlapsInset = main.filter(
      (u) => u.x < insetFrame.x + insetFrame.width && u.x + u.width > insetFrame.x && u.y < insetFrame.y + insetFrame.height && u.y + u.height > insetFrame.y,
    );
    assert(overlapsInset.length === 0, `${where}: ${overlapsInset.map((u) => u.code).join(', ')} lie under the inset`);
  };

  /** A point of the screen inside the unit's drawn shape (not only its box), where a click lands on it. */
  const pointIn = (page, code) =>
    page.evaluate((code) => {
      const path = document.querySelector(`[data-testid="progress-map"] path[data-code="${code}"]`);
      const b = path.getBBox();
      const matrix = path.getScreenCTM();
      const svg = path.ownerSVGElement;
      for (let i = 1; i < 20; i++) {
        for (let j = 1; j < 20; j++) {
          const p = svg.createSVGPoint();
          p.x = b.x + (b.width * i) / 20;
          p.y = b.y + (b.height * j) / 20;
          if (!path.isPointInFill(p)) continue;
          const s = p.matrixTransform(matrix);
          if (document.elementFromPoint(s.x, s.y) === path) return { x: s.x, y: s.y };
        }
      }
      return null;
    }, code);

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    const map = page.getByTestId('progress-map');
    await expectVisible(map, 'the map on the dashboard');
    await map.scrollIntoViewIfNeeded();
    checkDrawing(await measure(page), 'dashboard');
    await expectVisible(page.getByTestId('map-legend').getByText('Chưa có số liệu'), 'the legend');
    await expectVisible(page.getByTestId('map-inset').getByText('Đặc khu Hoàng Sa'), 'the inset label');
    const links = page.getByRole('link', { name: /^Xã Đại Lộc: đã xuất cảnh/ });
    assert((await links.count()) === 1, 'Xã Đại Lộc is not a link named with its figures');
    for (const row of byCommune.rows) {
      const cell = page.locator(`[data-testid="map-table"] tr[data-key="${row.key ?? ''}"] td[data-value]`);
      const shown = await cell.getAttribute('data-value');
      assert(Number(shown) === row.actual, `map table ${row.key}: page shows ${shown}, API ${row.actual}`);
    }

    // Keyboard: the focus shows the tooltip, Enter opens the unit's records.
    await links.focus();
    const daiLoc = byCommune.rows.find((row) => row.key === '20500');
    await expectText(page.getByTestId('map-tooltip'), new RegExp(`^Xã Đại Lộc.*Đã xuất cảnh: ${vnNumber.format(daiLoc.actual)}`), 'the tooltip on focus');
    await screenshot(page, 'dashboard-map');
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => url.pathname === '/placements' && url.searchParams.get('home_area_code') === '20500');

    // Pointer: hovering shows the tooltip, a click opens the unit's records.
    await page.goto(`${BASE_URL}/dashboard`);
    await expectVisible(map, 'the map again');
    await map.scrollIntoViewIfNeeded();
    const point = await pointIn(page, '20242');
    assert(point, 'no point of Phường Hải Châu (20242) can be clicked');
    await page.mouse.move(point.x, point.y);
    await expectText(page.getByTestId('map-tooltip'), /^Phường Hải Châu/, 'the tooltip on hover');
    await page.mouse.click(point.x, point.y);
    await page.waitForURL((url) => url.pathname === '/placements' && url.searchParams.get('home_area_code') === '20242');
  });

  await withPage(async (page) => {
    await page.goto(`${BASE_URL}/`);
    const map = page.getByTestId('progress-map');
    await expectVisible(map, 'the map on the public page');
    checkDrawing(await measure(page), 'public page');
    await expectVisible(page.getByTestId('map-legend'), 'the public legend');
    assert((await map.getByRole('link').count()) === 0, 'the public map links to records');
    assert((await map.getByRole('img', { name: /^Xã Đại Lộc: đã xuất cảnh/ }).count()) === 1, 'the public map does not name Xã Đại Lộc with its figures');
    await screenshot(page, 'public-map');
  });
});

/** An ISO day `days` from today in Vietnam time (the browser's zone in these tests). */
function vnDay(days = 0) {
  const at = new Date(Date.now() + 7 * 3600 * 1000 + days * 86400 * 1000);
  return at.toISOString().slice(0, 10);
}

test('an inspector runs the sanctioning procedure from decision to close, with the printable records; the enterprise reads it', async () => {
  const stamp = Date.now() % 100000;
  const agencyId = (await api('agency1', '/auth/me')).agency_id;
  let inspectionId = 0;
  await withPage(async (page) => {
    await loginTo(page, 'inspector', '/dashboard');
    await page.goto(`${BASE_URL}/inspections/priorities`);
    await expectVisible(page.locator('.priority').first(), 'the ranking');
    await page.locator('.priority').first().getByText('Xem các yếu tố rủi ro').click();
    await expectVisible(page.getByRole('rowheader', { name: 'Biện pháp khắc phục quá hạn' }).first(), 'a risk factor');
    await guideShot(page, 'uu-tien-thanh-tra');

    // 1. The decision: planned, then its signer and team added on the inspection's page (If-Match).
    await page.goto(`${BASE_URL}/inspections/new`);
    await page.getByLabel('Doanh nghiệp').selectOption(String(agencyId));
    await page.getByLabel('Số quyết định').fill(`KT-${stamp}/QĐ-SNV`);
    await page.getByLabel('Ngày quyết định').fill(vnDay(-3));
    await page.getByLabel('Ngày dự kiến').fill(vnDay(-2));
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL((url) => /^\/inspections\/\d+$/.test(url.pathname));
    inspectionId = Number(new URL(page.url()).pathname.split('/')[2]);
    await expectVisible(page.getByRole('heading', { level: 1, name: `Thanh tra theo quyết định KT-${stamp}/QĐ-SNV` }), 'the new inspection');
    await page.getByLabel('Người ký quyết định').fill('Giám đốc Sở Nội vụ (ví dụ)');
    await page.getByLabel('Thành viên đoàn kiểm tra').fill('Trưởng đoàn (ví dụ)\nThành viên (ví dụ)');
    await page.getByRole('button', { name: 'Lưu quyết định kiểm tra' }).click();
    await expectVisible(page.locator('#inspection-decision').locator('..').getByRole('status').getByText('Đã lưu.'), 'the decision saved');
    const decided = await api('inspector', `/inspections/${inspectionId}`);
    assert(decided.decision_signer === 'Giám đốc Sở Nội vụ (ví dụ)', `signer saved: ${decided.decision_signer}`);
    assert(decided.team_members.length === 2, `team saved: ${decided.team_members}`);

    await page.getByRole('button', { name: 'Bắt đầu thanh tra' }).click();
    await expectVisible(page.locator('.status-line').getByText('Đang tiến hành'), 'started');

    // 2. The check record, its time typed in Vietnam time.
    await page.getByLabel('Thời gian lập biên bản').fill(`${vnDay(0)}T09:00`);
    await page.getByLabel('Địa điểm').fill('Trụ sở doanh nghiệp (ví dụ)');
    await page.getByLabel('Người đại diện doanh nghiệp').fill('Nguyễn Văn A (ví dụ)');
    await page.getByLabel('Chức vụ người đại diện').fill('Giám đốc');
    await page.getByLabel('Số hồ sơ người lao động đã kiểm tra').fill('12');
    await page.locator('#check-record-findings').fill('Đưa người lao động đi vượt số lượng đã đăng ký (ví dụ).');
    await page.getByRole('button', { name: 'Lưu biên bản kiểm tra' }).click();
    await expectVisible(page.getByRole('button', { name: 'Lưu thay đổi biên bản' }), 'the check record saved');
    const recorded = await api('inspector', `/inspections/${inspectionId}`);
    assert(recorded.check_record.held_at.startsWith(`${vnDay(0)}T02:00`), `held at 09:00 Vietnam time: ${recorded.check_record.held_at}`);

    // 3. A violation from the catalogue: Art. 49(7)(b), 80-120 million for an organisation.
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Thêm vi phạm' }) });
    await form.getByLabel('Tìm hành vi').fill('khoản 7 điểm b');
    await form.getByLabel('Hành vi vi phạm').selectOption('d283-49-7-b');
    await expectVisible(form.getByText('Khung phạt: từ 80.000.000 đến 120.000.000 đồng.'), 'the fine range hint');
    await form.getByLabel('Tiền phạt (VND)').fill('50.000.000');
    await form.getByRole('button', { name: 'Thêm biện pháp khắc phục' }).click();
    await form.getByLabel('Nội dung (biện pháp 1)').fill('Báo cáo Sở Nội vụ danh sách người lao động đưa đi vượt số lượng');
    await form.getByLabel('Hạn thực hiện (biện pháp 1)').fill(vnDay(30));
    await form.getByRole('button', { name: 'Thêm vi phạm' }).click();
    await expectText(
      form.locator('[id$="-fine_vnd-error"]'),
      /^Tiền phạt \(VND\) phải từ 80\.000\.000 đến 120\.000\.000 đồng\.$/,
      'the fine out of range, said on its input',
    );
    await form.getByLabel('Tìm hành vi').evaluate((input) => input.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -60));
    await guideShot(page, 'thanh-tra-vi-pham');
    await form.getByLabel('Tiền phạt (VND)').fill('90.000.000');
    await form.getByRole('button', { name: 'Thêm vi phạm' }).click();
    await expectVisible(page.getByRole('heading', { name: '3. Vi phạm (1)' }), 'the violation');
    await expectVisible(page.locator('.remedy').getByText('Báo cáo Sở Nội vụ danh sách'), 'its remedy item');

    await page.locator('#inspection-step-result').selectOption('violations');
    await page.getByRole('button', { name: 'Ban hành kết luận' }).click();
    await page.getByRole('dialog', { name: 'Ban hành kết luận thanh tra?' }).getByRole('button', { name: 'Ban hành kết luận' }).click();
    await expectVisible(page.locator('.status-line').getByText('Đã kết luận'), 'concluded');

    // Closing is blocked, and the page says by what.
    const close = page.getByRole('button', { name: 'Kết thúc cuộc thanh tra' });
    assert(await close.isDisabled(), 'the close button is disabled while a remedy is open');
    await expectText(page.locator('#inspection-close-blockers li'), /^Báo cáo Sở Nội vụ danh sách.*\(hạn \d{2}\/\d{2}\/\d{4}\)$/, 'the blocker named with its due date');

    // 4. The sanction decision: a signer without the power first, then one with it.
    await page.getByLabel('Số quyết định xử phạt').fill(`XP-${stamp}/QĐ-XPHC`);
    await page.getByLabel('Người có thẩm quyền ký').selectOption('d283-55-1');
    await page.getByLabel('Họ tên người ký').fill('Trần Thị B (ví dụ)');
    await page.getByRole('button', { name: 'Lưu quyết định xử phạt' }).click();
    await expectText(page.locator('#sanction-signer_power-error'), /vượt thẩm quyền 100\.000\.000 đồng/, 'the signer without the power, said on its input');
    await page.getByLabel('Người có thẩm quyền ký').selectOption('d283-61-1');
    await page.getByRole('button', { name: 'Lưu quyết định xử phạt' }).click();
    await expectVisible(page.locator('#inspection-sanction').locator('..').getByText('Chưa nộp phạt'), 'the decision saved, unpaid');

    // 5. A signed scan attached.
    await page.getByLabel('Loại văn bản').selectOption('sanction_decision');
    await page.getByLabel('Tệp', { exact: true }).setInputFiles({
      name: 'quyet-dinh-xu-phat.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4\n% synthetic scan for the browser test\n'),
    });
    await page.getByRole('button', { name: 'Đính kèm tệp' }).click();
    await expectVisible(page.getByRole('button', { name: 'Tải xuống quyet-dinh-xu-phat.pdf' }), 'the file listed');
    await expectAccessible(page, 'the inspection with every step recorded');

    // The printable records.
    await page.getByRole('link', { name: 'In biên bản kiểm tra' }).click();
    await expectPath(page, `/inspections/${inspectionId}/print/check-record`);
    const record = page.locator('.print-doc');
    await expectVisible(record.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), 'the motto on the check record');
    await expectVisible(record.getByText('Độc lập - Tự do - Hạnh phúc'), 'the motto line two');
    await expectVisible(record.getByRole('heading', { name: 'BIÊN BẢN KIỂM TRA' }), 'the check record title');
    const day = vnDay(0).split('-');
    const dateLine = `ngày ${day[2]} tháng ${Number(day[1]) <= 2 ? day[1] : Number(day[1])} năm ${day[0]}`;
    await expectVisible(record.getByText(`Đà Nẵng, ${dateLine}`), 'the place and date line');
    await expectVisible(record.getByText(`09 giờ 00 phút, ${dateLine}`), 'the time in Vietnam time');
    await expectVisible(record.getByText(`Căn cứ Quyết định số KT-${stamp}/QĐ-SNV`), 'the decision it follows');
    await expectVisible(record.getByText('Bản được tạo từ Hệ thống'), 'marked as generated');
    await expectAccessible(page, 'the printable check record');
    await screenshot(page, 'print-check-record');
    await page.getByRole('link', { name: 'Về cuộc thanh tra' }).click();
    await page.getByRole('link', { name: 'In quyết định xử phạt' }).click();
    await expectPath(page, `/inspections/${inspectionId}/print/sanction-decision`);
    const decision = page.locator('.print-doc');
    await expectVisible(decision.getByText('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), 'the motto on the decision');
    await expectVisible(decision.getByRole('heading', { name: 'QUYẾT ĐỊNH', exact: true }), 'the decision title');
    await expectVisible(decision.getByText(`Số: XP-${stamp}/QĐ-XPHC`), 'the decision number');
    await expectVisible(decision.getByText(/Luật Xử lý vi phạm hành chính/), 'the law it rests on');
    await expectVisible(decision.getByText(/Nghị định số 283\/2026\/NĐ-CP/), 'the decree it rests on');
    await expectVisible(decision.getByText(/Điều 49 khoản 7 điểm b/), 'the citation of the act');
    await expectVisible(decision.getByText('tổng số tiền phạt: 90.000.000 đồng', { exact: false }), 'the total');
    await expectVisible(decision.getByText(/phải nộp số tiền phạt 90\.000\.000 đồng trong thời hạn đến hết ngày/), 'the payment deadline');
    await expectVisible(decision.getByText('GIÁM ĐỐC SỞ NỘI VỤ').last(), 'the signature block');
    await expectAccessible(page, 'the printable sanction decision');
    await screenshot(page, 'print-sanction-decision');
    await guideShot(page, 'in-quyet-dinh-xu-phat');
    // On paper, only the document: the app's header, menu and buttons are hidden.
    await page.emulateMedia({ media: 'print' });
    assert(!(await page.locator('.site-header').isVisible()), 'the header is hidden in print');
    assert(!(await page.getByRole('button', { name: 'In', exact: true }).isVisible()), 'the print button is hidden in print');
    assert(await decision.getByText('QUYẾT ĐỊNH', { exact: true }).isVisible(), 'the document prints');
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: 'Về cuộc thanh tra' }).click();

    // The remedy done (confirmed), then the close button opens; closing is confirmed too.
    page.once('dialog', (dialog) => void dialog.accept());
    await page.locator('.remedy').getByRole('button', { name: 'Đã thực hiện' }).click();
    await expectVisible(page.locator('.remedy').getByText(/Đã thực hiện ngày/), 'the remedy done');
    await expectVisible(page.getByRole('button', { name: 'Kết thúc cuộc thanh tra', disabled: false }), 'the close button enabled');
    await page.evaluate(() => window.scrollTo(0, 0));
    await guideShot(page, 'thanh-tra');
    await page.getByRole('button', { name: 'Kết thúc cuộc thanh tra' }).click();
    const closing = page.getByRole('dialog', { name: 'Kết thúc cuộc thanh tra?' });
    await expectVisible(closing.getByText('không thể thay đổi hay mở lại'), 'the confirmation says it cannot be undone');
    await closing.getByRole('button', { name: 'Kết thúc cuộc thanh tra' }).click();
    await expectVisible(page.locator('.status-line').getByText('Đã kết thúc'), 'closed');
  });

  // The enterprise reads its concluded inspection: every step, nothing to write, its files.
  await withPage(async (page) => {
    await loginTo(page, 'agency1', '/placements');
    await page.goto(`${BASE_URL}/inspections/${inspectionId}`);
    await expectVisible(page.getByRole('heading', { name: '4. Quyết định xử phạt' }), 'the procedure for the enterprise');
    await expectVisible(page.getByText(`XP-${stamp}/QĐ-XPHC`), 'the sanction decision');
    await expectVisible(page.getByText('Nguyễn Văn A (ví dụ)'), 'the check record');
    assert((await page.locator('main form').count()) === 0, 'no form for the enterprise');
    assert((await page.getByRole('button', { name: 'Đã thực hiện' }).count()) === 0, 'no remedy button for the enterprise');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải xuống quyet-dinh-xu-phat.pdf' }).click(),
    ]);
    assert(download.suggestedFilename() === 'quyet-dinh-xu-phat.pdf', `downloaded ${download.suggestedFilename()}`);
    await expectAccessible(page, 'the inspection as its enterprise sees it');
    await page.getByRole('link', { name: 'In quyết định xử phạt' }).click();
    await expectVisible(page.locator('.print-doc').getByText(`Số: XP-${stamp}/QĐ-XPHC`), 'the printable decision for the enterprise');
    await expectVisible(page.locator('.print-doc').getByText('GIÁM ĐỐC SỞ NỘI VỤ').last(), 'who signed, for the enterprise');
  });
});

test('an officer records a complaint about a demo enterprise, starts an inspection from it and lands on the inspection', async () => {
  const stamp = Date.now() % 100000;
  const summary = `Gia đình phản ánh doanh nghiệp giữ hộ chiếu (kiểm thử ${stamp})`;
  const enterprise = (await api('officer', '/agencies?q=DEMO-001')).items[0];
  let complaintId;
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Đơn thư khiếu nại, phản ánh' }).click();
    await expectPath(page, '/complaints');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Đơn thư khiếu nại, phản ánh' }), 'the register');
    await page.getByRole('link', { name: 'Ghi nhận đơn thư' }).click();
    await expectPath(page, '/complaints/new');

    await page.getByLabel('Nguồn đơn').selectOption('family');
    await page.getByLabel('Doanh nghiệp bị phản ánh').selectOption(String(enterprise.id));
    await page.getByLabel('Nhóm nội dung').selectOption('documents');
    await chooseArea(page, /^Xã, phường nơi gửi đơn/, 'tam xuan', /^Xã Tam Xuân \(từ 01\/07\/2025\) · 20971/);
    await page.getByLabel(/^Tóm tắt nội dung/).fill(summary);
    await page.getByLabel('Họ và tên người gửi đơn').fill('Người phản ánh (kiểm thử)');
    await page.getByLabel('Số điện thoại người gửi đơn').fill('0905 000 111');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL((url) => /^\/complaints\/\d+$/.test(url.pathname));
    complaintId = Number(new URL(page.url()).pathname.split('/').pop());
    await expectVisible(page.getByRole('heading', { level: 1, name: `Đơn thư số ${complaintId}` }), 'the new complaint');
    await expectVisible(page.locator('.status-line').getByText('Mới tiếp nhận'), 'received');
    await expectVisible(page.getByText('0905000111'), 'the complainant’s phone, as stored');
    await screenshot(page, 'complaint');

    await page.getByLabel('Số quyết định').fill(`KN-${stamp}/QĐ-TTr`);
    await page.getByRole('button', { name: 'Lập đoàn kiểm tra theo đơn' }).click();
    await page.waitForURL((url) => /^\/inspections\/\d+$/.test(url.pathname));
    await expectVisible(page.getByRole('heading', { level: 1, name: `Thanh tra theo quyết định KN-${stamp}/QĐ-TTr` }), 'the inspection started');
    await expectVisible(page.getByText('Theo khiếu nại, tố cáo'), 'its kind');
    await expectVisible(page.getByRole('link', { name: enterprise.name }), 'its enterprise');
    const inspectionId = Number(new URL(page.url()).pathname.split('/').pop());

    const complaint = await api('officer', `/complaints/${complaintId}`);
    assert(
      complaint.status === 'investigating' && complaint.inspection_id === inspectionId && complaint.area_code === '20971',
      `the API has the complaint as ${JSON.stringify(complaint)}`,
    );
    await page.goto(`${BASE_URL}/complaints?status=investigating`);
    await expectVisible(page.getByRole('rowheader', { name: `Đơn số ${complaintId}` }), 'the complaint under investigation in the register');
  });
  // The enterprise complained about learns nothing of it.
  const agencyToken = await token('agency1');
  const response = await fetch(`${BASE_URL}/api/v1/complaints/${complaintId}`, { headers: { Authorization: `Bearer ${agencyToken}` } });
  assert(response.status === 403, `the enterprise reads the complaint: ${response.status}`);
});

test('an administrator creates an API client and sees its secret once', async () => {
  await withPage(async (page) => {
    await loginTo(page, 'admin', '/dashboard');
    await page.goto(`${BASE_URL}/api-clients`);
    await page.getByLabel('Tên kết nối').fill(`Phần mềm kiểm thử ${Date.now() % 100000}`);
    await page.getByLabel('Doanh nghiệp').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Tạo kết nối' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kết nối đã được tạo' });
    await expectVisible(dialog, 'the secret dialog');
    const clientId = (await dialog.getByTestId('client-id').innerText()).trim();
    const secret = (await dialog.getByTestId('client-secret').innerText()).trim();
    await expectVisible(dialog.getByRole('button', { name: 'Sao chép Mã bí mật (client_secret)' }), 'the copy button');
    const response = await fetch(`${BASE_URL}/api/v1/auth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: secret }),
    });
    assert(response.ok, `the shown secret does not log in (${response.status})`);
    await dialog.getByRole('button', { name: 'Đóng' }).click();
    assert((await page.getByText(secret).count()) === 0, 'the secret is still on the page');
    await expectVisible(page.getByRole('cell', { name: clientId }), 'the new client in the list');
  });
});

test('switching to English shows Japan and survives a reload', async () => {
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/markets`);
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
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Dashboard' }).click();
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Progress towards the 2023–2030 target' }), 'English dashboard');
    await screenshot(page, 'dashboard-en');
  });
});

test('the pages fit a phone screen', async () => {
  await withPage(
    async (page) => {
      await loginTo(page, 'officer', '/dashboard');
      for (const path of ['/dashboard', '/placements', '/placements/1', '/targets', '/markets', '/rules', '/report-tracking']) {
        await page.goto(`${BASE_URL}${path}`);
        await page.waitForLoadState('networkidle');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert(overflow <= 0, `${path} scrolls sideways by ${overflow}px`);
      }
      await page.getByRole('button', { name: 'Danh mục' }).click();
      await page.getByRole('link', { name: 'Hồ sơ người lao động' }).click();
      await expectPath(page, '/placements');
      await screenshot(page, 'placements-phone');
    },
    { viewport: PHONE },
  );
});

test('logging out returns to the public page', async () => {
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
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

test('an officer reads the legal rules with their sources; an administrator confirms an act', async () => {
  const acts = (await api('officer', '/rules/violation-types')).items;
  const act = acts.find((a) => !a.confirmed);
  assert(act, 'the demo data has no unconfirmed act of Decree 283/2026');
  const citation = `Điều ${act.article} khoản ${act.clause}${act.point ? ` điểm ${act.point}` : ''}`;
  const actRow = (page) => page.locator(`tr[data-code="${act.code}"]`);

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Quy định pháp lý' }).click();
    await expectPath(page, '/rules');
    const fees = page.getByRole('table', { name: 'Mức trần tiền dịch vụ' });
    const general = fees
      .locator('tbody tr')
      .filter({ has: page.locator('th', { hasText: 'Mọi thị trường' }) })
      .filter({ has: page.locator('th', { hasText: 'Mọi chương trình · Mọi hình thức' }) });
    await expectVisible(general, 'the general fee cap row');
    await expectVisible(general.getByRole('cell', { name: 'Law 69/2020/QH14 Art. 23', exact: true }), 'the general cap’s source');
    await expectText(general.locator('td').first(), '1 tháng lương cho mỗi 12 tháng làm việc, tối đa 3 tháng lương', 'the general cap');
    await expectVisible(actRow(page).getByText('Chờ xác nhận', { exact: true }), `the badge on ${citation}`);
    assert((await page.getByRole('button', { name: `Xác nhận ${citation}` }).count()) === 0, 'an officer is offered to confirm an act');
    await screenshot(page, 'rules');
  });

  await withPage(async (page) => {
    await loginTo(page, 'admin', '/dashboard');
    await page.goto(`${BASE_URL}/rules`);
    await page.getByRole('button', { name: `Xác nhận ${citation}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Xác nhận hành vi vi phạm' });
    await expectVisible(dialog.getByText(/đã được đối chiếu với văn bản Nghị định 283\/2026\/NĐ-CP đã ký/), 'the confirmation text');
    await dialog.getByRole('button', { name: 'Đã đối chiếu, xác nhận' }).click();
    await expectVisible(page.getByText(`Đã xác nhận ${citation}.`), 'the confirmation message');
    await expectText(actRow(page).locator('td').last(), 'Đã xác nhận', `${citation} confirmed in the table`);
    assert((await actRow(page).getByText('Chờ xác nhận', { exact: true }).count()) === 0, `the badge stays on ${citation}`);
  });
  const after = (await api('officer', '/rules/violation-types')).items.find((a) => a.code === act.code);
  assert(after.confirmed === true && after.version === act.version + 1, `the API has ${act.code} as ${JSON.stringify(after)}`);
});

// --- periodic reports (Circular 20/2021/TT-BLĐTBXH Art. 11, Circular 21/2021/TT-BLĐTBXH Art. 15) ---

/** Today in Vietnam as YYYY-MM-DD: the day the API judges deadlines by. */
const vietnamToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const monthWords = (periodFrom) => `Tháng ${periodFrom.slice(5, 7)}/${periodFrom.slice(0, 4)}`;
const DUTY_WORDS = { upcoming: 'Chưa đến hạn', submitted: 'Đã nộp đúng hạn', late: 'Nộp muộn', missing: 'Quá hạn chưa nộp' };

test('an enterprise files its monthly report with a signed PDF and sees the duty filed', async () => {
  const day = vietnamToday();
  const thisYear = Number(day.slice(0, 4));
  // The latest month of this year or the last whose period is over and that is not filed yet
  // (the demo data leaves the latest ended month of each enterprise to file).
  let duty = null;
  for (const year of [thisYear, thisYear - 1]) {
    const items = (await api('agency1', `/reports/obligations?year=${year}&kind=monthly_changes&limit=50`)).items;
    duty = items.filter((d) => d.report_id === null && d.period_to <= day).pop() ?? null;
    if (duty) break;
  }
  assert(duty, 'the demo data leaves agency1 no monthly report to file');
  const expected = day <= duty.due_on ? 'submitted' : 'late';
  const period = monthWords(duty.period_from);
  const pdf = Buffer.from('%PDF-1.4\n% Bao cao thang (kiem thu, du lieu mau)\n%%EOF\n');

  await withPage(async (page) => {
    await loginTo(page, 'agency1', '/placements');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    await expectPath(page, '/reports');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' }), 'the reports page');
    if (Number(duty.period_from.slice(0, 4)) !== thisYear) await page.getByLabel('Năm', { exact: true }).selectOption(duty.period_from.slice(0, 4));
    const row = page.getByTestId('report-duties').locator(`tr[data-period="${duty.period_from}"][data-kind="monthly_changes"]`);
    await expectText(row.locator('td[data-label="Tình trạng"]'), DUTY_WORDS[duty.status], `the status of ${period} before filing`);
    await expectText(row.locator('td[data-label="Hạn nộp"]'), `${duty.due_on.slice(8)}/${duty.due_on.slice(5, 7)}/${duty.due_on.slice(0, 4)}`, 'the due date');

    await row.getByRole('button', { name: `Nộp báo cáo: Báo cáo biến động tháng, ${period}` }).click();
    const dialog = page.getByRole('dialog', { name: `Nộp báo cáo: Báo cáo biến động tháng – ${period}` });
    await expectVisible(dialog, 'the filing form');
    await dialog.getByLabel('Số người xuất cảnh').fill('12');
    await dialog.getByLabel('Số người về nước', { exact: true }).fill('3');
    await dialog.getByLabel('Ghi chú, giải trình').fill('Báo cáo thử nghiệm trên dữ liệu mẫu.');
    await dialog.getByLabel(/^Tệp báo cáo đã ký/).setInputFiles({ name: 'bao-cao-thang.pdf', mimeType: 'application/pdf', buffer: pdf });
    await guideShot(page, 'nop-bao-cao');
    await dialog.getByRole('button', { name: 'Nộp báo cáo', exact: true }).click();

    await expectVisible(
      page.getByText(`Đã nộp báo cáo (Báo cáo biến động tháng – ${period}). Tình trạng: ${DUTY_WORDS[expected]}.`),
      'the filed notice',
    );
    await expectText(row.locator('td[data-label="Tình trạng"]'), DUTY_WORDS[expected], `the status of ${period} after filing`);
    await expectVisible(row.getByRole('button', { name: `Nộp bổ sung/điều chỉnh: Báo cáo biến động tháng, ${period}` }), 'the amendment button');
    assert((await row.getByRole('button', { name: /^Nộp báo cáo:/ }).count()) === 0, 'the duty can still be filed as new');

    const filing = page.getByTestId('report-filings').locator(`tr[data-period="${duty.period_from}"]`).first();
    await expectText(filing.locator('td[data-label="Lần nộp"]'), 'Lần đầu', 'the filing in the list');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      filing.getByRole('button', { name: 'Tải tệp bao-cao-thang.pdf' }).click(),
    ]);
    assert(download.suggestedFilename() === 'bao-cao-thang.pdf', `the file downloads as ${download.suggestedFilename()}`);
    assert((await readFile(await download.path())).equals(pdf), 'the downloaded file differs from the one sent');
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'reports-filed');
    await guideShot(page, 'bao-cao-dinh-ky');
  });

  const filed = (await api('agency1', `/agencies/1/reports?kind=monthly_changes&period_from=${duty.period_from}`)).items;
  assert(filed.length === 1, `the API holds ${filed.length} filings of ${period}`);
  const [report] = filed;
  assert(report.submitted_by === 'agency1' && report.file_name === 'bao-cao-thang.pdf', `the API holds ${JSON.stringify(report)}`);
  assert(report.figures.departed === 12 && report.figures.returned === 3, `the API holds the figures ${JSON.stringify(report.figures)}`);
  const after = (await api('agency1', `/reports/obligations?year=${duty.period_from.slice(0, 4)}&kind=monthly_changes&limit=50`)).items;
  const settled = after.find((d) => d.period_from === duty.period_from);
  assert(settled.status === expected && settled.report_id === report.id, `the API has the duty as ${JSON.stringify(settled)}`);
});

test('an officer sees an enterprise with an overdue report and filters the reports by status', async () => {
  const thisYear = Number(vietnamToday().slice(0, 4));
  let year = null;
  let missing = null;
  for (const y of [thisYear, thisYear - 1]) {
    missing = await api('officer', `/reports/obligations?year=${y}&status=missing&include_total=true&limit=500`);
    if (missing.total > 0) {
      year = y;
      break;
    }
  }
  assert(year !== null, 'the demo data has no overdue report this year or last');
  const late = await api('officer', `/reports/obligations?year=${year}&status=late&include_total=true&limit=1`);
  const onTime = await api('officer', `/reports/obligations?year=${year}&status=submitted&include_total=true&limit=500`);
  const overdue = missing.items[0];
  const overdueRow = (page) =>
    page.locator(`tr[data-agency="${overdue.agency_id}"][data-period="${overdue.period_from}"][data-kind="${overdue.kind}"]`);

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Theo dõi báo cáo doanh nghiệp' }).click();
    await expectPath(page, '/report-tracking');
    if (year !== thisYear) {
      await page.getByLabel('Năm', { exact: true }).selectOption(String(year));
      await page.getByRole('button', { name: 'Lọc', exact: true }).click();
      await page.waitForURL((url) => url.searchParams.get('year') === String(year));
    }
    await expectText(page.getByTestId('count-missing'), vnNumber.format(missing.total), 'the count of overdue reports');
    await expectText(page.getByTestId('count-late'), vnNumber.format(late.total), 'the count of late reports');
    await expectText(page.getByTestId('count-submitted'), vnNumber.format(onTime.total), 'the count of reports on time');
    // By default the overdue and the late, each in a list of its own.
    const row = page.getByTestId('duties-missing').locator(overdueRow(page));
    await expectVisible(row.getByRole('link', { name: overdue.agency_name }), `${overdue.agency_name} among the overdue`);
    await expectText(row.locator('td[data-label="Tình trạng"]'), 'Quá hạn chưa nộp', 'its status');
    await expectVisible(page.getByTestId('duties-late'), 'the list of late reports');
    await page.evaluate(() => window.scrollTo(0, 0));
    await guideShot(page, 'theo-doi-bao-cao');

    await page.getByLabel('Tình trạng', { exact: true }).selectOption('submitted');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'submitted');
    const listed = page.getByTestId('duties-submitted');
    await expectVisible(listed, 'the list of reports filed on time');
    assert((await page.getByTestId('duties-missing').count()) === 0, 'the overdue list stays under another filter');
    const statuses = await listed.locator('td[data-label="Tình trạng"]').allInnerTexts();
    assert(statuses.length === Math.min(onTime.total, 50), `${statuses.length} rows listed, the API has ${onTime.total}`);
    assert(statuses.every((s) => s.trim() === 'Đã nộp đúng hạn'), `a row of another status: ${statuses.join(', ')}`);
    assert((await overdueRow(page).count()) === 0, 'the overdue report is listed as filed on time');

    await page.getByLabel('Tình trạng', { exact: true }).selectOption('missing');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('status') === 'missing');
    await expectVisible(page.getByTestId('duties-missing').locator(overdueRow(page)), 'the overdue report under its own filter');
    await page.getByTestId('duties-missing').locator(overdueRow(page)).getByRole('link', { name: overdue.agency_name }).click();
    await expectPath(page, `/agencies/${overdue.agency_id}`);
    await expectVisible(page.getByRole('heading', { level: 3, name: 'Báo cáo định kỳ trong 12 tháng qua' }), "the enterprise's reporting record");
  });
});

test('an enterprise files a recruitment notice, an officer acknowledges it, and a worker finds it on a phone', async () => {
  // An occupation of this run only, so that the notice is told apart from the demo data's.
  const occupation = `Hàn kết cấu thép ${Date.now()}`;
  let noticeId = 0;
  await withPage(async (page) => {
    await loginTo(page, 'agency1', '/placements');
    const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await menu.getByRole('link', { name: 'Thông báo tuyển dụng', exact: true }).click();
    await expectPath(page, '/recruitment-notices');
    await expectVisible(page.getByRole('heading', { level: 2, name: 'Gửi thông báo mới' }), 'the new notice form');
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Gửi thông báo', exact: true }) });
    const market = form.getByLabel(/^Thị trường/);
    await market.locator('option[value="JP"]').waitFor({ state: 'attached' });
    await market.selectOption('JP');
    await form.getByLabel(/^Ngành nghề/).fill(occupation);
    await form.getByLabel(/^Số lượng cần tuyển/).fill('25');
    await form.getByLabel(/^Số hợp đồng cung ứng/).fill('BT-01/2026/HĐCU');
    await chooseArea(page, 'Thêm xã, phường', 'thuong duc', /Xã Thượng Đức/);
    await expectVisible(form.getByRole('button', { name: /^Bỏ Xã Thượng Đức/ }), 'the chosen commune');
    await form.getByRole('button', { name: 'Gửi thông báo', exact: true }).click();
    await expectVisible(page.getByText(/^Đã gửi thông báo số \d+/), 'the notice filed');
    const mine = (await api('agency1', '/recruitment-notices?limit=20')).items.find((n) => n.occupation === occupation);
    assert(mine && mine.status === 'submitted', `the API has ${JSON.stringify(mine)}`);
    assert(mine.area_codes.join(',') === '20506' && mine.quota === 25, `stored as ${JSON.stringify(mine)}`);
    noticeId = mine.id;
    await expectVisible(page.locator(`tr[data-notice="${noticeId}"]`).getByText('Chờ xác nhận'), 'its status in the list');
    await screenshot(page, 'notices-agency');
  });

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/recruitment-notices`);
    await page.getByLabel('Trạng thái').selectOption('submitted');
    const row = page.locator(`tr[data-notice="${noticeId}"]`);
    await expectVisible(row, 'the submitted notice in the officer list');
    await row.getByRole('button', { name: `Xác nhận thông báo số ${noticeId}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Xác nhận thông báo tuyển dụng' });
    await expectVisible(dialog, 'the confirmation dialog');
    await dialog.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await expectVisible(page.getByText(`Đã xác nhận thông báo số ${noticeId}.`), 'the acknowledgement');
    const stored = (await api('officer', `/recruitment-notices/${noticeId}`));
    assert(stored.status === 'acknowledged', `the API has the notice ${stored.status}`);
    await screenshot(page, 'notices-officer');
  });

  await withPage(
    async (page) => {
      await page.goto(`${BASE_URL}/`);
      await page.getByRole('link', { name: 'Kiểm tra thông báo tuyển dụng' }).click();
      await expectPath(page, '/kiem-tra-thong-bao');
      await expectVisible(page.getByRole('heading', { level: 1, name: 'Kiểm tra thông báo tuyển dụng' }), 'the check heading');
      const commune = page.getByLabel('Xã, phường nơi bạn ở');
      await commune.locator('option[value="20506"]').waitFor({ state: 'attached' });
      await commune.selectOption('20506');
      await page.getByLabel('Nước đến làm việc').selectOption('JP');
      const card = page.locator(`li[data-notice="${noticeId}"]`);
      await expectVisible(card.getByText(occupation), 'the acknowledged notice for Xã Thượng Đức');
      await expectVisible(card.getByText('DEMO-001/LĐTBXH-GP'), 'the enterprise’s licence number');
      // A neighbouring commune the notice does not name does not show it.
      await commune.selectOption('20500');
      await expectVisible(page.getByRole('heading', { level: 2, name: 'Doanh nghiệp đang được tuyển dụng' }), 'the results');
      await page.waitForLoadState('networkidle');
      assert((await card.count()) === 0, 'the notice shows for a commune it does not name');
      await commune.selectOption('20506');
      await expectVisible(card, 'the notice again');
      const overflow = await page.evaluate(() => document.scrollingElement.scrollWidth - window.innerWidth);
      assert(overflow <= 0, `the notice check scrolls sideways by ${overflow}px`);
      await screenshot(page, 'notice-check-phone');
      await expectAccessible(page, 'the notice check with a result (phone)');
    },
    { viewport: PHONE_SMALL },
  );
});

test('every page passes an axe-core scan without serious or critical findings', async () => {
  const inspection = (await api('officer', '/inspections?limit=1')).items[0].id;
  const complaint = (await api('officer', '/complaints?limit=1')).items[0].id;
  const pages = {
    none: ['/', '/login', '/kiem-tra-phi', '/kiem-tra-thong-bao'],
    officer: [
      '/dashboard',
      '/placements',
      '/placements/1',
      '/placements/1/edit',
      '/placements/new',
      '/import',
      '/targets',
      '/inspections',
      `/inspections/${inspection}`,
      // The print views; with their records filled in they are scanned in the procedure's test.
      `/inspections/${inspection}/print/check-record`,
      `/inspections/${inspection}/print/sanction-decision`,
      '/inspections/new',
      '/inspections/priorities',
      '/complaints',
      '/complaints/new',
      `/complaints/${complaint}`,
      '/markets',
      '/markets/JP',
      '/agencies',
      '/agencies/1',
      '/rules',
      '/report-tracking',
      '/report-tracking?status=all',
      '/recruitment-notices',
    ],
    admin: ['/users', '/api-clients', '/working-days', '/rules', '/placements'],
    agency1: ['/placements', '/agencies/1', '/inspections', `/inspections/${inspection}`, '/reports', '/recruitment-notices'],
  };
  for (const [username, paths] of Object.entries(pages)) {
    await withPage(async (page) => {
      if (username !== 'none') {
        await login(page, username);
        await page.waitForURL((url) => url.pathname !== '/login');
      }
      for (const path of paths) {
        await page.goto(`${BASE_URL}${path}`);
        await expectVisible(page.locator('h1'), `the heading of ${path}`);
        await expectAccessible(page, `${path} (${username})`);
      }
    });
  }
});

// The suites: every module in suites/ registers its tests when imported, in the order of their names.
const SUITES = new URL('./suites/', import.meta.url);
for (const file of (await readdir(fileURLToPath(SUITES)).catch(() => [])).filter((f) => f.endsWith('.mjs')).sort()) {
  await import(new URL(file, SUITES).href);
}

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
  await mkdir(GUIDE_IMAGES, { recursive: true });

  let passed = 0;
  let failed = 0;
  for (const [index, { name, fn }] of tests.entries()) {
    setCurrent(String(index + 1));
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
