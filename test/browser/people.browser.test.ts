import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/policy.ts';
import { browserSuite, screenshot, signIn } from './support.ts';

// The person and account forms (side drawers on one FormDrawer): a bad value is shown under its field and nothing
// is stored; a good one is saved once.

describe('people and accounts drawers in the browser', () => {
  const suite = browserSuite();

  const errorsShown = (page: import('playwright-core').Page) =>
    page.locator('.ant-form-item-explain-error, [data-testid="api-error"]').allTextContents().then((t) => t.join(' '));

  it('adds a person; a wrong ID number is refused under its field', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/people`);
    await page.getByTestId('person-add').click();
    await page.getByTestId('person-name').fill('浏览器测试人员');
    await page.getByTestId('person-id-number').fill('110105194912310021');
    await page.getByTestId('person-submit').click();
    await expect.poll(() => errorsShown(page)).toMatch(/身份证|校验/);
    const stored = () => suite.server.ctx.database.db.selectFrom('people').select('name').where('name', '=', '浏览器测试人员').execute();
    expect(await stored()).toHaveLength(0);

    await page.getByTestId('person-id-number').fill('');
    await page.getByTestId('person-submit').click();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => undefined);
    await expect.poll(async () => (await stored()).length).toBe(1);
    await screenshot(page, 'people-added');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('opens the account drawer with the account as stored and requires a user name for a new one', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 375, height: 740 } });
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/accounts`);
    await page.getByTestId('account-add').click();
    await page.getByTestId('account-submit').click();
    await expect.poll(() => errorsShown(page)).toContain('必填');
    await page.waitForTimeout(300); // the messages slide in
    await screenshot(page, 'accounts-add-phone');
    await page.getByRole('button', { name: /取\s*消/ }).click();
    await page.getByTestId('account-edit').first().click();
    await expect.poll(() => page.getByTestId('account-username').inputValue()).not.toBe('');
    await page.close();
  });

  it('makes an account with a temporary password change it first; a wrong current password is refused', async () => {
    const { services } = suite.server.ctx;
    const { temporaryPassword } = await services.accounts.create(SYSTEM_ACTOR, { username: 'browser-temp', displayName: '临时账号', role: 'admin' });
    expect(temporaryPassword).toBeTruthy();
    const page = await suite.browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(`${suite.server.baseUrl}/login`);
    await page.getByTestId('login-username').fill('browser-temp');
    await page.getByTestId('login-password').fill(temporaryPassword!);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('password-current').waitFor();
    await page.getByTestId('password-current').fill('Not-the-password-1');
    await page.getByTestId('password-new').fill('Browser-new-2026');
    await page.getByTestId('password-confirm').fill('Browser-new-2026');
    await page.getByTestId('password-submit').click();
    await expect.poll(() => errorsShown(page)).not.toBe('');
    await page.getByTestId('password-current').fill(temporaryPassword!);
    await page.getByTestId('password-submit').click();
    await page.getByTestId('password-current').waitFor({ state: 'detached' });
    const login = await fetch(`${suite.server.baseUrl}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'browser-temp', password: 'Browser-new-2026' }),
    });
    expect(login.status).toBe(200);
    await page.close();
  });
});
