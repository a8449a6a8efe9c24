import { describe, expect, it } from 'vitest';
import { browserSuite, screenshot, signIn } from './support.ts';

describe('jurisdiction tree in the browser', () => {
  const suite = browserSuite();

  it('signs in, opens the tree, adds a node and sees it', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.server.baseUrl);
    await page.getByTestId('nav-jurisdiction').click();
    const district = page.locator('[data-testid="tree-node"][data-node-name="新城区"]');
    await district.click();
    await expect.poll(() => page.getByTestId('node-title').textContent()).toContain('新城区');
    await page.getByTestId('node-add').click();
    await page.getByTestId('node-name-input').fill('浏览器测试街道');
    await page.getByTestId('node-submit').click();
    const added = page.locator('[data-testid="tree-node"][data-node-name="浏览器测试街道"]');
    await added.waitFor();
    expect(await added.isVisible()).toBe(true);
    await page.locator('.ant-modal-wrap').waitFor({ state: 'hidden' });
    await screenshot(page, 'jurisdiction');
    const saved = await suite.server.ctx.database.db.selectFrom('jurisdiction_nodes').select(['name', 'level_code']).where('name', '=', '浏览器测试街道').executeTakeFirst();
    expect(saved?.level_code).toBeTruthy();
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a clear error for a duplicate name and keeps the form open', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 375, height: 740 } });
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/jurisdiction`);
    await page.locator('[data-testid="tree-node"][data-node-name="新城区"]').click();
    await page.getByTestId('node-add').click();
    await page.getByTestId('node-name-input').fill('浏览器测试街道');
    await page.getByTestId('node-submit').click();
    await expect.poll(async () => (await page.locator('.ant-form-item-explain-error, [data-testid="api-error"]').allTextContents()).join(' ')).toContain('同一上级下已有同名节点');
    expect(await page.getByTestId('node-name-input').isVisible()).toBe(true);
    await screenshot(page, 'jurisdiction-phone-error');
    await page.close();
  });
});
