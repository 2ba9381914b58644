// Placements files for people: the import reads the words the app shows, every error of a row is
// listed at once, and the export buttons download labelled files (NDJSON only for developers).
import { readFile } from 'node:fs/promises';
import { BASE_URL, api, assert, csvLine, expectAccessible, expectVisible, loginTo, parseCsv, test, withPage } from '../lib.mjs';

const FILE_INPUT = 'Tệp dữ liệu (.xlsx hoặc .csv)';

/** The rows of a CSV text, with quoted commas, quotes and line breaks inside cells. */
function csvRows(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length) rows.push([...row, cell]);
  return rows;
}

/** An enterprise whose name no other enterprise has, as an officer writes it in a file. */
async function namedEnterprise() {
  const { items } = await api('officer', '/agencies?limit=500');
  const count = (name) => items.filter((a) => a.name.toLowerCase() === name.toLowerCase()).length;
  const agency = items.find((a) => a.status === 'active' && count(a.name) === 1);
  assert(agency, 'the demo data has no active enterprise with a name of its own');
  return agency;
}

/** A one-row CSV from the template, its coded columns in the words the app shows. */
async function wordsFile(cells) {
  const [header, example] = parseCsv(await api('officer', '/placements/import-template?format=csv'));
  const row = [...example];
  for (const [label, value] of Object.entries(cells)) {
    const index = header.indexOf(label);
    assert(index >= 0, `the template has no column "${label}"`);
    row[index] = value;
  }
  return { name: 'ho-so-bang-chu.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csvLine(header)}\n${csvLine(row)}\n`, 'utf8') };
}

test('an officer imports a file whose coded columns hold the words the app shows', async () => {
  const agency = await namedEnterprise();
  const stamp = Date.now() % 1_000_000;
  const name = `Phạm Văn Chữ ${stamp}`;
  const file = await wordsFile({
    'Mã hồ sơ': `CHU-${stamp}`,
    'Doanh nghiệp': agency.name,
    'Hình thức': 'Doanh nghiệp dịch vụ',
    'Trạng thái': 'Đã đăng ký',
    'Đối tượng chính sách': 'Hộ nghèo',
    'Thị trường': 'Nhật Bản',
    'Giới tính': 'Nam',
    'Họ và tên': name,
    'Ngày sinh': '02/04/1995',
    'Số định danh cá nhân': `048095${String(stamp).padStart(6, '0')}`,
    'Lương tháng': '180.000',
    'Ghi chú': '',
  });

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/import`);
    await page.getByText('Giá trị được nhận ở các cột có mã').click();
    await expectVisible(page.getByText('Doanh nghiệp dịch vụ (service_enterprise)'), 'the accepted words of the channel');
    await expectAccessible(page, 'the import page with the accepted values open');
    await page.getByLabel(FILE_INPUT).setInputFiles(file);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await expectVisible(page.getByText('Tệp hợp lệ, sẵn sàng nhập.'), 'the clean check of a file in words');
    await page.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    await expectVisible(page.getByText('Đã thêm mới 1 hồ sơ'), 'the import summary');
  });
  const found = await api('officer', `/placements?q=${encodeURIComponent(name)}`);
  assert(found.items.length === 1, `the import left ${found.items.length} records named ${name}`);
  const [placement] = found.items;
  assert(placement.channel === 'service_enterprise' && placement.status === 'registered', `stored as ${placement.channel}, ${placement.status}`);
  assert(JSON.stringify(placement.worker.policy_groups) === '["poor_household"]', `stored groups ${placement.worker.policy_groups}`);
  assert(placement.agency_id === agency.id && placement.market_code === 'JP', `stored for ${placement.agency_id} in ${placement.market_code}`);
});

test('a file row with two errors lists both at once', async () => {
  const stamp = Date.now() % 1_000_000;
  // Digit 4 (2) says born in the 2000s; the worker was born in 1995. And no contract lasts 0 months.
  const file = await wordsFile({
    'Mã hồ sơ': `HAI-LOI-${stamp}`,
    'Doanh nghiệp': (await namedEnterprise()).name,
    'Số định danh cá nhân': `048295${String(stamp).padStart(6, '0')}`,
    'Thời hạn hợp đồng (tháng)': '0',
    'Ghi chú': '',
  });
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/import`);
    await page.getByLabel(FILE_INPUT).setInputFiles(file);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const errors = page.getByTestId('import-errors');
    await expectVisible(errors, 'the table of errors');
    const rows = await errors.locator('tbody tr').allInnerTexts();
    assert(rows.length === 2, `the table lists ${rows.length} errors: ${rows.join(' | ')}`);
    assert(rows.every((r) => r.trim().startsWith('2')), `an error not of row 2: ${rows.join(' | ')}`);
    assert(rows.some((r) => r.includes('Thời hạn hợp đồng (tháng)')), `no error of the contract length: ${rows.join(' | ')}`);
    assert(rows.some((r) => r.includes('Số định danh cá nhân (CCCD)')), `no error of the national ID: ${rows.join(' | ')}`);
  });
});

test('the export buttons download labelled files, and NDJSON is only for developers', async () => {
  const agency = await namedEnterprise();
  const departed = await api('officer', `/placements?agency_id=${agency.id}&status=departed&market_code=JP&include_total=true&limit=1`);
  assert(departed.total > 0, `enterprise ${agency.id} has no departed worker in Japan`);
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/placements?agency_id=${agency.id}&status=departed&market_code=JP`);
    const main = page.getByRole('group', { name: 'Xuất danh sách' });
    await expectVisible(main, 'the export buttons');
    const labels = (await main.getByRole('button').allInnerTexts()).map((s) => s.trim());
    assert(JSON.stringify(labels) === '["Xuất Excel","Xuất CSV"]', `the main export buttons are ${labels}`);
    assert(!(await page.getByRole('button', { name: 'Tải NDJSON' }).isVisible()), 'NDJSON is offered before the developers open their section');

    const [download] = await Promise.all([page.waitForEvent('download'), main.getByRole('button', { name: 'Xuất CSV' }).click()]);
    const [header, ...rows] = csvRows(await readFile(await download.path(), 'utf8'));
    for (const heading of ['Mã hồ sơ', 'Doanh nghiệp', 'Thị trường', 'Trạng thái', 'Hình thức', 'Tên địa bàn']) {
      assert(header.includes(heading), `the CSV has no heading "${heading}": ${header.join(', ')}`);
    }
    assert(rows.length === departed.total, `the CSV has ${rows.length} rows, the list ${departed.total}`);
    const cell = (row, heading) => row[header.indexOf(heading)];
    assert(rows.every((r) => cell(r, 'Doanh nghiệp') === agency.name), `an enterprise is not named ${agency.name}`);
    assert(rows.every((r) => cell(r, 'Trạng thái') === 'Đã xuất cảnh'), 'a status is not in words');
    assert(rows.every((r) => cell(r, 'Thị trường') === 'Nhật Bản'), 'a market is not named');
    assert(rows.every((r) => /^\d{2}\/\d{2}\/\d{4}$/.test(cell(r, 'Ngày xuất cảnh'))), 'a departure date is not dd/mm/yyyy');

    const [excel] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/placements/export') && r.url().includes('format=xlsx')),
      main.getByRole('button', { name: 'Xuất Excel' }).click(),
    ]);
    assert(new URL(excel.url()).searchParams.get('labels') === 'true', `Excel asked for ${excel.url()}`);

    await page.getByText('Cho lập trình viên').click();
    await expectVisible(page.getByRole('button', { name: 'Tải NDJSON' }), 'the NDJSON file for developers');
    await expectVisible(page.getByText('/api/v1/placements/export?', { exact: false }).first(), 'how a program asks for the list');
  });
});
