import { beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_ADMIN_PASSWORD, browserSuite, screenshot, signIn } from './support.ts';

// A gate guard registers an arrival on a phone (a hotel stay, 2 tests in 3 days proposed); a staff member
// declares whereabouts and health from a personal link without signing in. FANGKONG_WEB_DIST points at a build.

/** A signed-in API session over fetch, for setting the scene. */
async function api(baseUrl: string) {
  const r = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: BROWSER_ADMIN_PASSWORD }),
  });
  const cookie = (r.headers.get('set-cookie') ?? '').split(';')[0];
  const { csrfToken } = (await r.json()) as { csrfToken: string };
  return async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await fetch(baseUrl + url, {
      method, headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined,
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

describe('outsiders and staff declarations on a phone', () => {
  const suite = browserSuite({ residents: 20, seed: 11 });
  beforeAll(async () => {
  }, 60_000);

  it('a guard registers a hotel arrival at the gate and sees the proposed tests', async () => {
    const call = await api(suite.server.baseUrl);
    const hits = await call<Array<{ id: string; levelCode: string }>>('GET', `/api/jurisdiction/search?q=${encodeURIComponent('社区')}`);
    const community = hits.find((h) => h.levelCode === 'community')!;
    await call('POST', '/api/accounts', { username: 'guard1', displayName: '门岗', password: 'Passw0rd-guard-1', role: 'gate_guard', nodeId: community.id });

    const ctx = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await signIn(page, suite.server.baseUrl, 'guard1', 'Passw0rd-guard-1');
    await page.goto(`${suite.server.baseUrl}/outsiders`);
    await page.getByTestId('arrival-add').click();
    await page.getByTestId('arrival-checkpoint').fill('东门卡口');
    await page.getByTestId('arrival-name').fill('周强');
    await page.getByTestId('arrival-phone').fill('13912340001');
    await page.getByTestId('arrival-id-number').fill('');
    await page.getByTestId('arrival-region').locator('input').fill('北京市朝阳区');
    await page.getByTestId('arrival-risk').getByText('低风险').click();
    await page.getByTestId('arrival-proposal').getByText('核酸检测').waitFor();
    await page.getByText('酒店/其他').click();
    await page.getByTestId('arrival-stay-text').fill('如家酒店305房');
    // The default document type is an ID card: with no number the server says which field is wrong.
    await page.getByTestId('arrival-form-submit').click();
    await page.getByText('请填写证件号码').waitFor();
    await page.getByTestId('arrival-id-number').fill('11010519491231002X');
    await page.getByTestId('arrival-form-submit').click();
    const item = page.getByTestId('arrival-item').filter({ hasText: '周强' });
    await item.waitFor();
    await page.getByTestId('arrival-form-form').waitFor({ state: 'hidden' });
    await screenshot(page, 'outsiders-guard-phone');
    expect(await item.textContent()).toContain('如家酒店305房');
    expect(await item.textContent()).toContain('110105********002X');
    expect(await item.textContent()).toContain('待确认');
    await ctx.close();
  }, 60_000);

  it('a staff member declares from a personal link; the liaison list shows it flagged', async () => {
    const call = await api(suite.server.baseUrl);
    const unit = await call<{ id: string }>('POST', '/api/org/units', { name: '测试单位', kind: 'government' });
    for (const name of ['钱一', '钱二']) {
      await call('POST', '/api/people', { name, politicalStatus: 'member', category: 'staff', unitId: unit.id });
    }
    const campaign = await call<{ id: string }>('POST', '/api/declarations/campaigns', { unitId: unit.id, title: '春节期间人员动向和身体状况', startsOn: '2022-01-25', endsOn: '2022-02-15' });
    const links = await call<Array<{ name: string; path: string }>>('GET', `/api/declarations/campaigns/${campaign.id}/links`);
    const link = links.find((l) => l.name === '钱一')!;

    const ctx = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    const page = await ctx.newPage();
    await page.goto(`${suite.server.baseUrl}${link.path}`);
    await page.getByText('钱一，您好').waitFor();
    await page.getByTestId('decl-whereabouts').getByText('离开本地').click();
    await page.getByTestId('decl-destination').fill('上海市浦东新区');
    await page.locator('#leftOn').fill('2022-01-28');
    await page.getByText('中风险').click();
    await page.getByTestId('decl-health').getByText('发热').click();
    await screenshot(page, 'declarations-public-phone');
    await page.getByTestId('declare-submit').click();
    await page.getByTestId('declare-done').waitFor();
    expect(await page.getByTestId('declare-done').textContent()).toContain('上海市浦东新区');

    await page.goto(`${suite.server.baseUrl}/declare/${'x'.repeat(43)}`);
    await page.getByTestId('declare-invalid').waitFor();
    await ctx.close();

    const flagged = await call<Array<{ name: string; flags: string[] }>>('GET', `/api/declarations/campaigns/${campaign.id}/entries?filter=flagged`);
    expect(flagged.map((e) => [e.name, e.flags])).toEqual([['钱一', ['risk_destination', 'fever']]]);
  }, 60_000);
});
