import { beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/platform/policy.ts';
import { browserSuite, screenshot, signIn } from './support.ts';
import { firstCommunity } from './nat-fixtures.ts';

// A team's drawer on the mobilisation page: a member is added by searching the people register and removed again.

describe('mobilisation team drawer in the browser', () => {
  const suite = browserSuite();
  let teamId = '';
  let person = { id: '', name: '' };

  beforeAll(async () => {
    const { services, database } = suite.server.ctx;
    const community = await firstCommunity(database.db);
    teamId = (await services.mobilization.teams.create(SYSTEM_ACTOR, { kind: 'assault_team', name: '浏览器测试突击队', nodeId: community.id })).id;
    person = await database.db.selectFrom('people').select(['id', 'name']).orderBy('name').executeTakeFirstOrThrow();
  });

  const members = () => suite.server.ctx.database.db.selectFrom('assault_team_members').select('person_id').where('team_id', '=', teamId).execute();

  it('adds a member found by name and removes them', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/mobilization?tab=teams`);
    await page.getByTestId('team-card').filter({ hasText: '浏览器测试突击队' }).click();
    const drawer = page.getByTestId('team-drawer');
    await drawer.getByTestId('team-member-person').click();
    await page.keyboard.type(person.name);
    await page.locator('.ant-select-item-option', { hasText: person.name }).first().click();
    await drawer.getByTestId('team-member-add').click();
    await drawer.getByTestId('team-members').getByText(person.name).waitFor();
    await expect.poll(async () => (await members()).map((m) => m.person_id)).toEqual([person.id]);
    await page.waitForTimeout(300); // the drawer's list settles
    await screenshot(page, 'mobilization-team-member');

    await drawer.getByTestId('team-members').getByRole('button', { name: /删\s*除/ }).click();
    await page.locator('.ant-popconfirm .ant-btn-primary').last().click();
    await expect.poll(async () => (await members()).length).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
