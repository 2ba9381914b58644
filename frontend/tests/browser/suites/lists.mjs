// The registry's list at scale: sorted by the API (names in Vietnamese order), paged by cursor
// both ways with the total, searched by part of an ID, and read by an administrator, masked.
import { api, assert, BASE_URL, expectAccessible, expectPath, expectText, expectVisible, loginTo, test, vnNumber, withPage } from '../lib.mjs';

const ids = async (page) => (await page.locator('tbody td[data-label="Mã"]').allInnerTexts()).map((s) => Number(s.trim()));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

async function expectRows(page, expected, what) {
  const deadline = Date.now() + 15_000;
  let shown = [];
  while (Date.now() < deadline) {
    shown = await ids(page);
    if (same(shown, expected)) return;
    await page.waitForTimeout(100);
  }
  throw new Error(`${what}: the page lists ${shown.slice(0, 5).join(', ')}…, the API ${expected.slice(0, 5).join(', ')}…`);
}

test('lists: an officer sorts by name, pages forward and back by cursor and sees the total', async () => {
  const first = await api('officer', '/placements?sort=full_name&limit=50&include_total=true');
  const second = await api('officer', `/placements?sort=full_name&limit=50&cursor=${encodeURIComponent(first.next_cursor)}`);
  // Given names in order: the last word of each name, in the API's order, never going back.
  const given = first.items.map((p) => p.worker.full_name.split(' ').at(-1));
  assert(given[0].localeCompare(given.at(-1), 'vi') <= 0, `names sorted by given name start at ${given[0]} and end at ${given.at(-1)}`);
  const total = vnNumber.format(first.total);

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/placements`);
    const header = page.getByRole('columnheader', { name: /Họ và tên/ });
    await expectVisible(header, 'the name column');
    assert((await header.getAttribute('aria-sort')) === 'none', 'the list starts sorted by name');
    await header.getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === 'full_name');
    await expectRows(page, first.items.map((p) => p.id), 'the first page by name');
    assert((await header.getAttribute('aria-sort')) === 'ascending', 'the name column does not say it sorts');
    await expectText(page.getByTestId('pager-range'), `1–50 của ${total}`, 'the first page range');

    await page.getByRole('button', { name: 'Trang sau' }).click();
    await expectRows(page, second.items.map((p) => p.id), 'the second page by name');
    await expectText(page.getByTestId('pager-range'), `51–100 của ${total}`, 'the second page range');

    await page.getByRole('button', { name: 'Trang trước' }).click();
    await expectRows(page, first.items.map((p) => p.id), 'the first page again');
    await expectText(page.getByTestId('pager-range'), `1–50 của ${total}`, 'the first page range again');
    assert(await page.getByRole('button', { name: 'Trang trước' }).isDisabled(), 'a page before the first is offered');

    // The browser's Back goes to the page seen before.
    await page.goBack();
    await expectRows(page, second.items.map((p) => p.id), 'the second page after Back');

    // Descending by name: the same order reversed.
    await header.getByRole('button').click();
    await page.waitForURL((url) => url.searchParams.get('sort') === '-full_name');
    const last = await api('officer', '/placements?sort=-full_name&limit=50');
    await expectRows(page, last.items.map((p) => p.id), 'the list by name, descending');
  });
});

test('lists: an officer finds a record by the last digits of its ID', async () => {
  const [record] = (await api('officer', '/placements?sort=-registered_on&limit=1')).items;
  const digits = record.worker.national_id.slice(-6);
  const found = await api('officer', `/placements?q=${digits}&limit=500`);
  assert(found.items.some((p) => p.id === record.id), 'the API does not find the record by its last digits');

  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/placements`);
    await expectVisible(page.getByText('4–6 số cuối của số định danh'), 'the hint that the last digits find a record');
    await page.getByLabel('Tìm theo họ tên hoặc số định danh').fill(digits);
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('q') === digits);
    await expectRows(page, found.items.slice(0, 50).map((p) => p.id), 'the records found by the last digits');
  });
});

test('lists: at 1366×768 no enterprise name takes more than two lines', async () => {
  await withPage(
    async (page) => {
      await loginTo(page, 'officer', '/dashboard');
      await page.goto(`${BASE_URL}/placements`);
      const cells = page.locator('tbody td[data-label="Doanh nghiệp"]');
      await expectVisible(cells, 'the enterprise column');
      // The height of each name as drawn, in lines of the cell's text.
      const tallest = await cells.evaluateAll((tds) =>
        Math.max(
          ...tds.map((td) => {
            const shown = td.querySelector('span') ?? td;
            const range = document.createRange();
            range.selectNodeContents(shown);
            const height = shown === td ? range.getBoundingClientRect().height : shown.getBoundingClientRect().height;
            return height / parseFloat(getComputedStyle(td).lineHeight);
          }),
        ),
      );
      assert(tallest <= 2.05, `an enterprise name takes ${tallest.toFixed(1)} lines`);
      const names = cells.locator('span[title]');
      const title = await names.first().getAttribute('title');
      assert(title && title.length > 20, 'the whole enterprise name is not in a title');
    },
    { viewport: { width: 1366, height: 768 } },
  );
});

test('lists: the administrator reads the register masked, with no write buttons', async () => {
  await withPage(async (page) => {
    await loginTo(page, 'admin', '/dashboard');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Hồ sơ người lao động', exact: true }).click();
    await expectPath(page, '/placements');
    const idCells = page.locator('tbody td[data-label="Số định danh cá nhân (CCCD)"]');
    await expectVisible(idCells, 'the national IDs');
    const shown = await idCells.allInnerTexts();
    assert(shown.length > 0 && shown.every((s) => /^\d{3}\*+\d{2}$/.test(s.trim())), `an ID is not masked: ${shown[0]}`);
    assert((await page.getByRole('link', { name: 'Thêm hồ sơ' }).count()) === 0, 'the administrator may add a record');
    assert((await page.getByRole('button', { name: 'Gán xã, phường' }).count()) === 0, 'the administrator may assign communes');
    assert((await page.getByText('4–6 số cuối').count()) === 0, 'the administrator is told to search by the last digits');
    await expectAccessible(page, 'the register (admin)');

    await page.locator('tbody th a').first().click();
    await page.waitForURL((url) => /^\/placements\/\d+$/.test(url.pathname));
    await expectVisible(page.getByText(/^\d{3}\*+\d{2}$/), 'the masked ID on the record');
    assert((await page.getByRole('link', { name: 'Sửa hồ sơ' }).count()) === 0, 'the administrator may edit the record');
    await expectAccessible(page, 'a record (admin)');
  });
});
