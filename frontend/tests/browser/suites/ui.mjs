// The web app's confirmations, the inspection page's states and the layouts of the targets
// grid and of phone cards.
import { BASE_URL, PHONE, api, assert, expectAccessible, expectPath, expectText, expectVisible, guideShot, loginTo, screenshot, test, token, withPage } from '../lib.mjs';

const LAPTOP = { width: 1366, height: 768 };

/** A day relative to today in Vietnam, as YYYY-MM-DD. */
function vnDay(offset) {
  const day = new Date(Date.now() + 7 * 3600_000 + offset * 86_400_000);
  return day.toISOString().slice(0, 10);
}

async function post(username, path, body) {
  const response = await fetch(`${BASE_URL}/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${await token(username)}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert(response.ok, `POST ${path} as ${username} answered ${response.status}: ${await response.clone().text()}`);
  return response.json();
}

test('ui: recording a return asks first, says it is final; Cancel and Escape change nothing, Confirm records it', async () => {
  const departed = (await api('officer', '/placements?status=departed&limit=1')).items[0];
  assert(departed, 'the demo data has a departed placement');
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/placements/${departed.id}`);
    await page.getByLabel('Trạng thái mới').selectOption('returned');
    const submit = page.getByRole('button', { name: 'Cập nhật trạng thái' });
    await submit.click();
    const dialog = page.getByRole('dialog', { name: 'Ghi nhận trạng thái “Đã về nước”?' });
    await expectVisible(dialog, 'the confirmation');
    await expectVisible(dialog.getByText('sau khi ghi nhận, hồ sơ không thể chuyển sang trạng thái khác'), 'what cannot be undone');
    assert(await dialog.getByRole('button', { name: 'Huỷ' }).evaluate((b) => b === document.activeElement), 'focus starts on Cancel');
    await guideShot(page, 'xac-nhan-ve-nuoc');
    await expectAccessible(page, 'the confirmation of a return');
    await dialog.getByRole('button', { name: 'Huỷ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert((await api('officer', `/placements/${departed.id}`)).status === 'departed', 'Cancel changed the status');

    await submit.click();
    await expectVisible(dialog, 'the confirmation again');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    assert((await api('officer', `/placements/${departed.id}`)).status === 'departed', 'Escape changed the status');

    await submit.click();
    await dialog.getByRole('button', { name: 'Ghi nhận “Đã về nước”' }).click();
    await expectVisible(page.locator('.status-line').getByText('Đã về nước'), 'the return recorded');
    assert((await api('officer', `/placements/${departed.id}`)).status === 'returned', 'Confirm did not record the return');
  });
});

test('ui: deactivating a user asks first; Cancel keeps the account active, Confirm locks it', async () => {
  const username = `ui-lock-${Date.now() % 1000000}`;
  const user = await post('admin', '/users', { username, full_name: 'Người dùng thử', role: 'viewer', agency_id: null, password: 'mat-khau-thu-2026', active: true });
  await withPage(async (page) => {
    await loginTo(page, 'admin', '/dashboard');
    await page.goto(`${BASE_URL}/users`);
    await page.getByRole('button', { name: `Sửa tài khoản ${username}` }).click();
    const edit = page.getByRole('dialog', { name: `Sửa tài khoản ${username}` });
    await edit.getByLabel('Tình trạng').selectOption('false');
    await edit.getByRole('button', { name: 'Lưu', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: `Khoá tài khoản ${username}?` });
    await expectVisible(confirm.getByText('chỉ quản trị viên kích hoạt lại được'), 'the confirmation says who can undo it');
    await confirm.getByRole('button', { name: 'Huỷ' }).click();
    await confirm.waitFor({ state: 'hidden' });
    assert(await edit.isVisible(), 'cancelling the confirmation closed the edit dialog too');
    assert((await api('admin', `/users/${user.id}`)).active === true, 'Cancel deactivated the user');

    await edit.getByRole('button', { name: 'Lưu', exact: true }).click();
    await confirm.getByRole('button', { name: 'Khoá tài khoản' }).click();
    await edit.waitFor({ state: 'hidden' });
    assert((await api('admin', `/users/${user.id}`)).active === false, 'Confirm did not deactivate the user');
  });
});

test('ui: deleting a target from the grid asks first', async () => {
  const cellName = 'Chỉ tiêu của Thành phố Hội An năm 2029';
  const find = async () =>
    (await api('officer', '/targets?limit=500')).items.find((t) => t.year_from === 2029 && t.year_to === 2029 && t.value === 77 && t.market_code === null);
  await withPage(async (page) => {
    await loginTo(page, 'officer', '/dashboard');
    await page.goto(`${BASE_URL}/targets`);
    const cell = page.getByRole('button', { name: `Sửa ${cellName}` });
    const input = page.getByLabel(cellName, { exact: true });
    await cell.click();
    await input.fill('77');
    await input.press('Enter');
    await expectText(cell, /^77,/, 'the new target');
    assert(await find(), 'the target was not saved');

    await cell.click();
    await input.fill('');
    await input.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Xoá chỉ tiêu này?' });
    await expectVisible(dialog.getByText(`${cellName} (77 người) sẽ bị xoá`), 'what will be deleted');
    await dialog.getByRole('button', { name: 'Huỷ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert(await find(), 'Cancel deleted the target');
    await input.press('Enter');
    await dialog.getByRole('button', { name: 'Xoá chỉ tiêu' }).click();
    await expectText(cell, /^—,/, 'the emptied cell');
    assert(!(await find()), 'Confirm did not delete the target');
  });
});

test('ui: the inspection page chooses no result, offers no "compliant" with violations, confirms the conclusion, then drops the add-violation form and stale messages', async () => {
  const stamp = Date.now() % 100000;
  const agencyId = (await api('agency1', '/auth/me')).agency_id;
  await withPage(async (page) => {
    await loginTo(page, 'inspector', '/dashboard');
    await page.goto(`${BASE_URL}/inspections/new`);
    await page.getByLabel('Doanh nghiệp').selectOption(String(agencyId));
    await page.getByLabel('Số quyết định').fill(`UI-${stamp}/QĐ-SNV`);
    await page.getByLabel('Ngày quyết định').fill(vnDay(-3));
    await page.getByLabel('Ngày dự kiến').fill(vnDay(-2));
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL((url) => /^\/inspections\/\d+$/.test(url.pathname));
    const id = Number(new URL(page.url()).pathname.split('/')[2]);
    const savedMessage = page.locator('main [role="status"]').filter({ hasText: 'Đã lưu.' });
    await expectVisible(savedMessage, 'the created inspection saved');
    await page.getByRole('button', { name: 'Bắt đầu thanh tra' }).click();
    await expectVisible(page.locator('.status-line').getByText('Đang tiến hành'), 'started');
    assert((await savedMessage.count()) === 0, 'the "saved" of the creation still shows after the inspection started');

    // A violation of the catalogue: Art. 49(7)(b), 80-120 million for an organisation.
    const form = page.locator('form').filter({ has: page.getByRole('button', { name: 'Thêm vi phạm' }) });
    await form.getByLabel('Tìm hành vi').fill('khoản 7 điểm b');
    await form.getByLabel('Hành vi vi phạm').selectOption('d283-49-7-b');
    await form.getByLabel('Tiền phạt (VND)').fill('90.000.000');
    await form.getByRole('button', { name: 'Thêm vi phạm' }).click();
    await expectVisible(page.getByRole('heading', { name: '3. Vi phạm (1)' }), 'the violation');
    await expectVisible(form.getByRole('status').getByText('Đã lưu.'), 'the violation saved');

    const result = page.locator('#inspection-step-result');
    assert((await result.inputValue()) === '', `the result is chosen for the inspector: ${await result.inputValue()}`);
    const offered = await result.locator('option').evaluateAll((options) => options.map((o) => o.value));
    assert(!offered.includes('compliant'), `"compliant" is offered with a violation recorded: ${offered}`);
    await expectVisible(page.getByText('Đã ghi nhận 1 vi phạm nên không thể kết luận “Chấp hành đúng quy định”.'), 'why');

    const conclude = page.getByRole('button', { name: 'Ban hành kết luận' });
    await conclude.click();
    await expectText(page.locator('#inspection-step-result-error'), 'Kết quả: vui lòng nhập thông tin này.', 'the missing result, said on its input');
    assert((await api('inspector', `/inspections/${id}`)).status === 'in_progress', 'concluded without a result');

    await result.selectOption('violations');
    await conclude.click();
    const dialog = page.getByRole('dialog', { name: 'Ban hành kết luận thanh tra?' });
    await expectVisible(dialog.getByText('không thể đổi kết quả hay thêm vi phạm mới'), 'what cannot be undone');
    await dialog.getByRole('button', { name: 'Huỷ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    assert((await api('inspector', `/inspections/${id}`)).status === 'in_progress', 'Cancel concluded the inspection');
    await conclude.click();
    await dialog.getByRole('button', { name: 'Ban hành kết luận' }).click();
    await expectVisible(page.locator('.status-line').getByText('Đã kết luận'), 'concluded');
    assert((await api('inspector', `/inspections/${id}`)).result === 'violations', 'the result stored');

    assert((await page.getByRole('heading', { name: 'Ghi nhận vi phạm' }).count()) === 0, 'the add-violation form shows after the conclusion');
    assert((await page.getByRole('button', { name: 'Thêm vi phạm' }).count()) === 0, 'the add-violation button shows after the conclusion');
    assert((await page.locator('main').getByText('Đã lưu.').count()) === 0, 'a stale "Đã lưu." shows after the conclusion');
    await screenshot(page, 'ui-inspection-concluded');
  });
});

test('ui: the targets grid shows 2023-2030 at 1366 px without sideways scroll, the areas on two lines at most', async () => {
  await withPage(
    async (page) => {
      await loginTo(page, 'officer', '/dashboard');
      await page.goto(`${BASE_URL}/targets`);
      const grid = page.getByTestId('target-grid');
      await expectVisible(grid.getByRole('columnheader', { name: '2030' }), 'the year 2030');
      await page.waitForLoadState('networkidle');
      const found = await grid.evaluate((table) => {
        const box = table.parentElement;
        const page = document.scrollingElement;
        const right = box.getBoundingClientRect().right;
        const hidden = [...table.querySelectorAll('thead th')]
          .filter((th) => th.getBoundingClientRect().right > right + 0.5)
          .map((th) => th.textContent);
        const tall = [...table.querySelectorAll('tbody th')]
          .map((th) => {
            const range = document.createRange();
            range.selectNodeContents(th);
            const lines = range.getBoundingClientRect().height / parseFloat(getComputedStyle(th).lineHeight);
            return { name: th.textContent, lines: Math.round(lines) };
          })
          .filter((area) => area.lines > 2);
        return { page: page.scrollWidth - page.clientWidth, box: box.scrollWidth - box.clientWidth, hidden, tall };
      });
      assert(found.page <= 0, `the page scrolls sideways by ${found.page}px`);
      assert(found.box <= 0, `the grid scrolls sideways by ${found.box}px`);
      assert(found.hidden.length === 0, `years out of sight: ${found.hidden}`);
      assert(found.tall.length === 0, `areas on more than two lines: ${JSON.stringify(found.tall)}`);
      await screenshot(page, 'ui-targets-1366');
    },
    { viewport: LAPTOP },
  );
});

test('ui: on a phone the targets grid is a card per area, every figure inside its cell', async () => {
  await withPage(
    async (page) => {
      await loginTo(page, 'officer', '/dashboard');
      await page.goto(`${BASE_URL}/targets`);
      const grid = page.getByTestId('target-grid');
      await expectVisible(grid.locator('tbody th').first(), 'the grid');
      await page.waitForLoadState('networkidle');
      const found = await grid.evaluate((table) => {
        const page = document.scrollingElement;
        const caption = table.querySelector('caption').getBoundingClientRect();
        const narrow = [];
        for (const td of table.querySelectorAll('tbody td')) {
          const cell = td.getBoundingClientRect();
          for (const part of td.querySelectorAll('.target-cell__value, .target-cell__actual')) {
            const r = part.getBoundingClientRect();
            if (r.left < cell.left - 0.5 || r.right > cell.right + 0.5 || part.scrollWidth > part.clientWidth + 1)
              narrow.push(`${td.dataset.label}: ${part.textContent}`);
          }
        }
        const row = table.querySelector('tbody tr').getBoundingClientRect();
        return { page: page.scrollWidth - page.clientWidth, caption: caption.width / table.getBoundingClientRect().width, narrow, rowHeight: row.height };
      });
      assert(found.page <= 0, `the page scrolls sideways by ${found.page}px`);
      assert(found.caption > 0.8, `the caption is squeezed to ${Math.round(found.caption * 100)}% of the grid`);
      assert(found.narrow.length === 0, `figures wider than their cells: ${found.narrow.slice(0, 5)}`);
      // Eight years two by two: an area's card is far shorter than eight rows of one year each.
      assert(found.rowHeight < 400, `an area's card is ${found.rowHeight}px tall`);
      await screenshot(page, 'ui-targets-phone');
    },
    { viewport: PHONE },
  );
});

/** Badges sticking out of their card or row, and monospace text with Vietnamese letters. */
async function phoneFindings(page) {
  return page.evaluate(() => {
    const out = [];
    for (const badge of document.querySelectorAll('main .badge')) {
      const card = badge.closest('.card, tr, li');
      const r = badge.getBoundingClientRect();
      if (!card || r.width === 0) continue;
      const c = card.getBoundingClientRect();
      if (r.left < c.left - 0.5 || r.right > c.right + 0.5) out.push(`badge "${badge.textContent}" overflows its card by ${Math.round(r.right - c.right)}px`);
    }
    for (const el of document.querySelectorAll('main *')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('');
      if (/[^\x00-\x7f]/.test(own) && /mono/i.test(getComputedStyle(el).fontFamily)) out.push(`monospace "${own.trim()}"`);
    }
    return out;
  });
}

test('ui: on a phone no badge overflows its card and no Vietnamese text is in the code font', async () => {
  await withPage(
    async (page) => {
      await loginTo(page, 'officer', '/dashboard');
      const paths = ['/dashboard', '/placements', '/inspections', '/recruitment-notices', '/report-tracking', '/complaints', '/kiem-tra-thong-bao'];
      const findings = [];
      for (const path of paths) {
        await page.goto(`${BASE_URL}${path}`);
        await expectPath(page, path);
        await expectVisible(page.locator('h1'), `the heading of ${path}`);
        await page.waitForLoadState('networkidle');
        await page.locator('.loading').first().waitFor({ state: 'detached' }).catch(() => {});
        if (path === '/kiem-tra-thong-bao') await expectVisible(page.locator('.notice-card'), 'a notice card');
        else if (path !== '/dashboard') await expectVisible(page.locator('main .badge'), `a badge on ${path}`);
        findings.push(...(await phoneFindings(page)).map((f) => `${path}: ${f}`));
      }
      await page.goto(`${BASE_URL}/placements`);
      await expectVisible(page.locator('main .badge--flag'), 'a flag badge');
      await screenshot(page, 'ui-placements-phone');
      assert(findings.length === 0, `on a phone:\n    ${findings.slice(0, 12).join('\n    ')}`);
    },
    { viewport: PHONE },
  );
});
