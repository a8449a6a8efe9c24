import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { browserSuite, screenshot, signIn } from './support.ts';

// The party chain's lists (units, party organisations, areas, posts) share one list-and-dialog component.

describe('party chain lists in the browser', () => {
  const suite = browserSuite();

  const unitNames = () => suite.server.ctx.database.db.selectFrom('units').select('name').execute().then((r) => r.map((u) => u.name));
  const rowOf = (page: Page, name: string) => page.locator('[data-testid="org-units"] tr', { hasText: name });

  it('adds, renames and deletes a unit; an empty name is refused in place', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/org?tab=units`);
    await page.getByTestId('unit-add').click();
    await page.getByTestId('unit-submit').click();
    await expect.poll(async () => (await page.locator('.ant-form-item-explain-error').allTextContents()).join(' ')).toContain('必填');
    expect(await unitNames()).not.toContain('浏览器测试单位');

    await page.getByTestId('unit-name').fill('浏览器测试单位');
    await page.getByTestId('unit-submit').click();
    await rowOf(page, '浏览器测试单位').waitFor();
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    expect(await unitNames()).toContain('浏览器测试单位');

    await rowOf(page, '浏览器测试单位').getByTestId('row-edit').click();
    expect(await page.getByTestId('unit-name').inputValue()).toBe('浏览器测试单位');
    await page.getByTestId('unit-name').fill('浏览器测试单位（改）');
    await page.getByTestId('unit-submit').click();
    await rowOf(page, '浏览器测试单位（改）').waitFor();
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await screenshot(page, 'org-units');

    await rowOf(page, '浏览器测试单位（改）').getByTestId('row-delete').click();
    await page.locator('.ant-popconfirm .ant-btn-dangerous, .ant-popconfirm .ant-btn-primary').last().click();
    await rowOf(page, '浏览器测试单位（改）').waitFor({ state: 'detached' });
    expect(await unitNames()).not.toContain('浏览器测试单位（改）');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lists the demo areas and posts, and opens a post\'s members', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/org?tab=areas`);
    const areas = await suite.server.ctx.database.db.selectFrom('responsibility_areas as a').innerJoin('party_orgs as b', 'b.id', 'a.branch_id')
      .select(['a.name', 'b.name as branch']).orderBy('a.name').execute();
    expect(areas.length).toBeGreaterThan(0);
    const row = page.locator('[data-testid="org-areas"] tr', { hasText: areas[0]!.name }).first();
    await row.getByTestId('row-edit').click();
    // The dialog opens with the area as it is stored, its branch and place shown by name.
    expect(await page.getByTestId('area-name').inputValue()).toBe(areas[0]!.name);
    await page.getByTestId('area-form').getByText(areas[0]!.branch).waitFor();
    await page.waitForTimeout(400); // the dialog fades in
    await screenshot(page, 'org-area-edit');
    await page.keyboard.press('Escape');
    await page.goto(`${suite.server.baseUrl}/org?tab=posts`);
    await page.getByTestId('post-members').first().click();
    await page.locator('.ant-drawer-open').waitFor();
    await page.waitForTimeout(400); // the drawer slides in
    await screenshot(page, 'org-post-members');
    await page.close();
  });

  it('imports a units sheet: a bad row is listed with its line, then the valid rows go in on request', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/org?tab=units`);
    await page.getByTestId('units-import').click();
    const csv = '单位名称,单位类型\n浏览器导入单位甲,事业单位\n浏览器导入单位乙,不存在的类型\n';
    await page.locator('.ant-modal input[type=file]').setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-start').click();
    const errorRows = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
    await errorRows.first().waitFor();
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.first().textContent()).toContain('3');
    expect(await unitNames()).not.toContain('浏览器导入单位甲');
    await page.waitForTimeout(300);
    await screenshot(page, 'org-units-import-errors');
    await page.getByTestId('import-accept-valid').click();
    await page.getByTestId('import-result').waitFor();
    expect(await unitNames()).toContain('浏览器导入单位甲');
    expect(await unitNames()).not.toContain('浏览器导入单位乙');
    await page.close();
  });
});
