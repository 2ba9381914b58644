// Progress toward the plan on the dashboard, and one way of writing dates, numbers and places.
import { api, assert, BASE_URL, token, expectText, expectVisible, loginTo, screenshot, test, vnNumber, withPage } from '../lib.mjs';

const VIETNAM = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Ho_Chi_Minh',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** An instant as dd/MM/yyyy HH:mm in Vietnam time; a day (YYYY-MM-DD) as dd/MM/yyyy. */
function vietnamMoment(instant) {
  const p = Object.fromEntries(VIETNAM.formatToParts(new Date(instant)).map((x) => [x.type, x.value]));
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}
const day = (iso) => iso.split('-').reverse().join('/');

test("the year chart draws the plan's path, says the pace needed and marks the average as a reference", async () => {
  const byYear = await api('officer', '/progress?by=year');
  assert(byYear.target !== null, 'the demo data has no plan over the span');
  const thisYear = new Date().getFullYear();
  const span = byYear.year_to - byYear.year_from + 1;
  const average = byYear.target / span;
  const withoutTarget = byYear.rows.find((row) => row.target === null);
  assert(withoutTarget, 'every year of the demo plan has a target: no year shows the reference');
  let planned = 0;
  let actual = 0;
  const expected = byYear.rows.map((row) => {
    planned += row.target ?? average;
    actual += row.actual;
    return { key: row.key, planned: Math.round(planned), actual: Number(row.key) <= thisYear ? actual : null };
  });
  // The path ends at the plan's total only while the yearly targets and the average add up to it;
  // an earlier test edits a yearly target, so the page is compared with the sum, year by year.

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    const panel = page.locator('section[aria-labelledby="by-year-title"]');
    await expectText(
      panel.getByTestId('plan-pace'),
      `Để đạt kế hoạch ${vnNumber.format(byYear.target)} người đến hết năm ${byYear.year_to}, mỗi năm còn lại ` +
        `(${Math.max(thisYear, byYear.year_from)}–${byYear.year_to}) cần đưa đi ${vnNumber.format(byYear.projection.required_per_year)} người.`,
      'the pace needed per remaining year',
    );
    await expectText(panel.getByTestId('plan-reference-note'), /bình quân kế hoạch \(\d[\d.]* người\/năm\) để tham khảo, không phải chỉ tiêu/, 'the reference note');
    const table = page.locator('[data-testid="by-year"]');
    await expectText(table.locator('thead th').first(), 'Năm', "the year table's first header");
    for (const row of expected) {
      const tr = table.locator(`tr[data-key="${row.key}"]`);
      const path = await tr.locator('td[data-cumulative-planned]').getAttribute('data-cumulative-planned');
      assert(Number(path) === row.planned, `${row.key}: the plan's path shows ${path}, expected ${row.planned}`);
      const soFar = await tr.locator('td[data-cumulative-actual]').getAttribute('data-cumulative-actual');
      assert(soFar === (row.actual === null ? '' : String(row.actual)), `${row.key}: departures so far show ${soFar}, expected ${row.actual}`);
    }
    await expectText(
      table.locator(`tr[data-key="${withoutTarget.key}"] td`).nth(1),
      `${vnNumber.format(Math.round(average))} (bình quân kế hoạch, tham khảo)`,
      `the reference in ${withoutTarget.key}, a year without a target`,
    );
    const label = await panel.locator('canvas').getAttribute('aria-label');
    assert(label?.includes('lộ trình kế hoạch'), `the chart's text alternative says nothing of the plan: ${label}`);
    await screenshot(page, 'dashboard-year-plan');
  });
});

test("a placement's page writes dates as dd/MM/yyyy, moments with HH:mm, its number without a separator and the history in words", async () => {
  // A record numbered 1000 or more, where a thousands separator would show.
  let placement;
  for (const id of [1500, 1999, 1200, 1001]) {
    const r = await fetch(`${BASE_URL}/api/v1/placements/${id}`, { headers: { Authorization: `Bearer ${await token('officer')}` } });
    if (r.ok) {
      placement = await r.json();
      break;
    }
  }
  assert(placement, 'the demo data has no placement numbered 1000 or more');
  const history = (await api('officer', `/placements/${placement.id}/history`)).items;
  const created = history.find((entry) => entry.reason === 'created');
  assert(created, `placement ${placement.id} has no "created" history entry`);

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/placements/${placement.id}`);
    await expectVisible(page.getByText(`Mã hồ sơ ${placement.id} ·`), `the record number ${placement.id} without a separator`);
    const dotted = vnNumber.format(placement.id);
    assert((await page.getByText(`Mã hồ sơ ${dotted}`).count()) === 0, `the record number is shown as ${dotted}`);
    const first = page.locator('.timeline__item').first();
    await expectText(first.locator('.timeline__head time'), day(created.on), 'the day of the first history entry');
    await expectText(first.locator('.timeline__meta time'), vietnamMoment(created.at), 'the moment it was recorded, in Vietnam time');
    await expectVisible(first.getByText('Tạo hồ sơ', { exact: true }), '"created" in Vietnamese');
    assert((await page.locator('.timeline').getByText('created', { exact: true }).count()) === 0, 'the history shows "created" untranslated');
    // The demo loader wrote it: its name is said in words, not as the code "demo".
    assert(created.actor === 'demo', `the first entry was written by ${created.actor}, not the demo loader`);
    await expectText(first.locator('.timeline__meta'), /^Người cập nhật: Dữ liệu mẫu/, 'who wrote the first entry');
    for (const text of await page.locator('main time').allTextContents()) {
      assert(/^\d{2}\/\d{2}\/\d{4}( \d{2}:\d{2})?$/.test(text.trim()), `a date on the page is not dd/MM/yyyy: "${text}"`);
    }
  });
});

test('the dashboard names the area as the annual report does, and the report\'s first column is not "Chỉ tiêu"', async () => {
  const year = new Date().getFullYear() - 1;
  const report = await api('officer', `/reports/annual?year=${year}&period=statutory`);
  const byArea = await api('officer', '/progress?by=area&area_code=49');
  const former = report.former_province_plans[0];
  assert(former, `the ${year} report carries no plan of the former province`);
  assert(former.area_name === 'Thành phố Đà Nẵng (địa bàn tỉnh Quảng Nam cũ)', `the report names the former province "${former.area_name}"`);
  assert(byArea.area_name === former.area_name, `progress names 49 "${byArea.area_name}", the report "${former.area_name}"`);

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await expectText(page.getByTestId('annual-area'), new RegExp(`^${report.area_name},`), "the report's area as the API names it");
    await expectText(page.getByTestId('by-area-area'), former.area_name, 'the former districts’ chart names its area as the report does');
    await expectText(
      page.locator(`[data-testid="annual-plans"] tr[data-key="${former.area_code}"] th`),
      former.area_name,
      "the plan's area as the report names it",
    );
    const header = page.locator('[data-testid="annual-summary"] thead th').first();
    await expectText(header, 'Nội dung', "the summary's first column");
    assert((await header.textContent()).trim() !== 'Chỉ tiêu', 'the first column says "Chỉ tiêu" (target)');
  });
});
