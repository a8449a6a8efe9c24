import { beforeAll, describe, expect, it } from 'vitest';
import { browserSuite, screenshot, signIn } from './support.ts';
import { firstCommunity, openRound } from './nat-fixtures.ts';

// The coverage page: totals, drill-down and the untested list as the server counts them, and the live refresh
// picking up a new sample by itself. FANGKONG_WEB_DIST points at a build of the web app (default web/dist).

describe('nat coverage page', () => {
  const suite = browserSuite();
  let roundId: string;
  let untested: string[];

  beforeAll(async () => {
    const db = suite.server.ctx.database.db;
    const community = await firstCommunity(db);
    const residents = await db.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.household_id', 'h.path']).where('r.status', '=', 'active')
      .where('h.path', '>=', community.path).where('h.path', '<', `${community.path}~`).orderBy('r.id').execute();
    const now = new Date();
    roundId = await openRound(db, community);
    // Two in three sampled over the last hours; the rest untested.
    await db.insertInto('nat_round_residents').values(residents.map((r, i) => ({
      round_id: roundId, resident_id: r.id, household_id: r.household_id, node_path: r.path, required: 1, exempt_reason: null,
      sampled_at: i % 3 === 2 ? null : new Date(now.getTime() - (i + 1) * 5 * 60_000).toISOString(), sample_id: null, result: null, control_status: null,
    }))).execute();
    untested = residents.filter((_, i) => i % 3 === 2).map((r) => r.id);
    expect(untested.length).toBeGreaterThan(3);
  });

  it('shows the server’s totals and untested list, drills down, and refreshes by itself', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/nat/coverage`);
    const cards = page.getByTestId('coverage-cards');
    await cards.waitFor();
    const untestedCard = page.getByTestId('coverage-untested-total').locator('.ant-statistic-content-value');
    await expect.poll(() => untestedCard.innerText()).toBe(String(untested.length));
    await expect.poll(() => page.getByTestId('untested-row').count()).toBe(untested.length);
    await page.getByTestId('coverage-chart').waitFor();
    expect(await page.getByTestId('coverage-updated').innerText()).toMatch(/\d{2}:\d{2}/);
    await screenshot(page, 'nat-coverage-desktop');

    // Someone is sampled at a desk: within the refresh period the page shows one fewer, nobody clicks anything.
    await suite.server.ctx.database.db.updateTable('nat_round_residents').set({ sampled_at: new Date().toISOString() })
      .where('round_id', '=', roundId).where('resident_id', '=', untested[0]).execute();
    await expect.poll(() => page.getByTestId('untested-row').count(), { timeout: 25_000, interval: 500 }).toBe(untested.length - 1);
    expect(await untestedCard.innerText()).toBe(String(untested.length - 1));

    await page.locator('[data-testid=coverage-nodes] tr.ant-table-row').first().click();
    await expect.poll(() => page.getByTestId('coverage-trail').locator('li').count()).toBeGreaterThanOrEqual(2);
    await page.close();
  });

  it('works on a phone-sized screen', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/nat/coverage`);
    await page.getByTestId('coverage-cards').waitFor();
    await expect.poll(() => page.getByTestId('untested-row').count()).toBe(untested.length - 1);
    // A string, so the server-side type check needs no DOM library.
    const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth'));
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'nat-coverage-phone');
    await page.close();
  });
});
