import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../src/platform/clock.ts';
import { SYSTEM_ACTOR } from '../../src/platform/policy.ts';
import { browserSuite, screenshot, signIn } from './support.ts';

// A building lead walks their building door to door on a phone: one household visited with a temperature, one
// nobody home, and the task's progress follows. FANGKONG_WEB_DIST points at a build of the web app (default web/dist).

describe('door-to-door screening on a phone', () => {
  const suite = browserSuite();
  let taskId: string;
  let campaignId: string;
  let withResidents: number;
  let another: number;
  const username = 'lead-browser';
  const password = 'Lead-browser-2026';

  beforeAll(async () => {
    const { services, database } = suite.server.ctx;
    const db = database.db;
    const community = await db.selectFrom('jurisdiction_nodes').select(['id', 'name']).where('level_code', '=', 'community').orderBy('path').executeTakeFirstOrThrow();
    const today = shanghaiDay(new Date());
    const campaign = await services.screening.createCampaign(SYSTEM_ACTOR, {
      name: '第一轮入户排查', nodeId: community.id, startDate: today, endDate: today, recordTemperature: true, recordSymptoms: true,
      recordTravel: true, feverThreshold: 37.3,
    });
    campaignId = campaign.id;
    // The building of the first registered resident: a task with at least one household that has people.
    const first = await db.selectFrom('residents as r').innerJoin('screening_task_households as th', 'th.household_id', 'r.household_id')
      .select(['th.task_id', 'th.door_order']).where('th.campaign_id', '=', campaign.id).where('r.status', '=', 'active')
      .orderBy('th.household_path').executeTakeFirstOrThrow();
    taskId = first.task_id;
    withResidents = first.door_order;
    another = withResidents === 1 ? 2 : 1;
    const task = await db.selectFrom('screening_tasks').select(['node_id']).where('id', '=', taskId).executeTakeFirstOrThrow();
    const { account } = await services.accounts.create(SYSTEM_ACTOR, { username, displayName: '张楼长', role: 'building_lead', nodeId: task.node_id, password });
    await services.screening.assign(SYSTEM_ACTOR, taskId, { accountIds: [account.id], personIds: [] });
  });

  it('opens the assigned task, records one household visited with a temperature and one nobody home, and sees progress move', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.server.baseUrl, username, password);
    await page.goto(`${suite.server.baseUrl}/screening/task/mine`);
    await page.getByTestId('my-task').first().tap();
    await page.getByTestId('household-list').waitFor();
    expect(page.url()).toContain(`/screening/task/${taskId}`);
    const todoBefore = Number((await page.getByTestId('count-todo').textContent())!.replace(/\D/g, ''));
    expect(todoBefore).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'screening-task-phone');

    // Household with residents: tick the first person home, type a temperature, tap the big green button.
    await page.getByTestId(`household-${withResidents}`).tap();
    await page.getByTestId('household-visit').waitFor();
    await page.getByTestId('present-0').tap();
    // antd puts the test id on the input itself or on its wrapper, depending on the version.
    await page.locator('input[data-testid="p0-temperature"], [data-testid="p0-temperature"] input').first().fill('36.6');
    const visited = page.getByTestId('visit-visited');
    const box = await visited.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(56);
    expect(box!.y + box!.height).toBeLessThanOrEqual(844);
    await screenshot(page, 'screening-household-phone');
    await visited.tap();
    await page.getByTestId('household-list').waitFor();
    await expect.poll(() => page.getByTestId(`household-status-${withResidents}`).getAttribute('data-outcome')).toBe('visited');

    // Another door: nobody home.
    await page.getByTestId(`household-${another}`).tap();
    await page.getByTestId('visit-nobody-home').tap();
    await page.getByTestId('household-list').waitFor();
    await expect.poll(() => page.getByTestId(`household-status-${another}`).getAttribute('data-outcome')).toBe('nobody_home');
    expect(await page.getByTestId('count-visited').textContent()).toMatch(/1$/);
    expect(await page.getByTestId('count-nobody').textContent()).toMatch(/1$/);
    expect(Number((await page.getByTestId('count-todo').textContent())!.replace(/\D/g, ''))).toBe(todoBefore - 2);
    await screenshot(page, 'screening-progress-phone');

    const stored = await suite.server.ctx.database.db.selectFrom('screening_visit_people').select(['temperature']).execute();
    expect(stored.map((s) => Number(s.temperature))).toEqual([36.6]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the community the live progress and the night tabulation on a desktop', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1366, height: 900 } });
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/screening?campaign=${campaignId}`);
    await page.getByTestId('progress-table').waitFor();
    await expect.poll(async () => (await page.getByTestId('screening-totals').textContent()) ?? '').toContain('已入户1');
    await screenshot(page, 'screening-progress-desktop');
    await page.getByRole('tab', { name: '晚间汇总' }).click();
    await page.getByTestId('tabulation-table').waitFor();
    expect(await page.getByTestId('tabulation-table').textContent()).toContain('合计');
    await screenshot(page, 'screening-tabulation-desktop');
    await page.close();
  });
});
