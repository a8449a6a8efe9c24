import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/platform/ids.ts';
import { browserSuite, screenshot, signIn } from './support.ts';
import { firstCommunity, openRound, siteWithDesk } from './nat-fixtures.ts';

const TEAM_KIND = 'assault_team';

// The bag page on a phone (a site lead at an outdoor table): open a bag by scanning, put two closed tubes in (one by
// the keyboard-wedge scanner's Enter, one by a tap), then hand it to the courier with one tube not scanned — the
// mismatch must be plain. And the round page's door-to-door tab on a desktop. FANGKONG_WEB_DIST points at a build of
// the web app (default web/dist).

describe('nat bags page on a phone, door-to-door tab on a desktop', () => {
  const suite = browserSuite();
  let roundId: string;
  let siteId: string;

  beforeAll(async () => {
    const db = suite.server.ctx.database.db;
    const community = await firstCommunity(db);
    const now = new Date().toISOString();
    roundId = await openRound(db, community);
    const desk = await siteWithDesk(db, roundId, community);
    siteId = desk.siteId;
    const deskId = desk.deskId;
    // Two full tubes closed at the desk (registration itself is the desk page's test).
    await db.insertInto('nat_tubes').values(['TB-100001', 'TB-100002'].map((barcode) => ({
      id: newId(), round_id: roundId, barcode, site_id: siteId, desk_id: deskId, source: 'desk', capacity: 10, status: 'closed', sample_count: 10,
      bag_id: null, result: 'pending', result_at: null, opened_by: null, opened_at: now, closed_at: now,
    }))).execute();
  });

  it('opens a bag, packs two closed tubes, and shows the mismatch when the courier scans only one', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/nat/bags/${siteId}`);
    await page.getByTestId('natbags-page').waitFor();
    expect(await page.getByTestId('natbags-loose-tube').count()).toBe(2);
    const input = page.getByTestId('natbags-input');
    const fill = page.getByTestId('natbags-fill');

    // The scanner types the bag's barcode and Enter: the bag opens.
    await input.fill('bag-2026-0001');
    await input.press('Enter');
    await expect.poll(() => page.getByTestId('natbags-current-barcode').textContent()).toBe('BAG-2026-0001');
    expect(await fill.textContent()).toBe('0/20');
    // A tube by scan, the other by a tap on the waiting list.
    await input.fill('TB-100001');
    await input.press('Enter');
    await expect.poll(() => fill.textContent()).toBe('1/20');
    await page.getByTestId('natbags-loose-tube').filter({ hasText: 'TB-100002' }).tap();
    await expect.poll(() => fill.textContent()).toBe('2/20');
    await expect.poll(() => page.getByTestId('natbags-loose-tube').count()).toBe(0);
    const seal = await page.getByTestId('natbags-seal').boundingBox();
    expect(seal!.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'nat-bags-packed');
    const db = suite.server.ctx.database.db;
    const bag = await db.selectFrom('nat_bags').selectAll().where('barcode', '=', 'BAG-2026-0001').executeTakeFirstOrThrow();
    expect(bag).toMatchObject({ status: 'open', tube_count: 2, site_id: siteId });

    // Handover: the courier scans the bag and only one of its tubes.
    await page.getByTestId('natbags-mode').getByText('交接转运').tap();
    const bagInput = page.getByTestId('handover-bag');
    await bagInput.fill('BAG-2026-0001');
    await bagInput.press('Enter');
    expect(await page.getByTestId('handover-expected').textContent()).toContain('2 管');
    const tubeInput = page.getByTestId('handover-tube');
    await tubeInput.fill('TB-100001');
    await tubeInput.press('Enter');
    expect(await page.getByTestId('handover-scanned').textContent()).toContain('已扫 1 管 / 2');
    await page.getByTestId('handover-courier').fill('顺丰 刘师傅');
    await screenshot(page, 'nat-bags-handover-form');
    await page.getByTestId('handover-submit').tap();
    await page.getByTestId('handover-mismatch').waitFor();
    expect(await page.getByTestId('handover-mismatch').textContent()).toContain('系统 2 管，清点 1 管');
    expect(await page.getByTestId('handover-missing').textContent()).toContain('TB-100002');
    expect(await page.getByTestId('handover-unexpected').count()).toBe(0);
    await screenshot(page, 'nat-bags-mismatch');
    const after = await db.selectFrom('nat_bags').selectAll().where('id', '=', bag.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({ status: 'handed_over', courier_name: '顺丰 刘师傅', handed_tube_count: 1, tube_count: 2 });
    // The bag list keeps the short count visible.
    await expect.poll(() => page.getByTestId('natbags-bag').first().textContent()).toContain('清点 1 管');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('lists home visits by building with counts in the round page, and links to the worker page', async () => {
    const db = suite.server.ctx.database.db;
    const people = await db.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.household_id', 'h.path', 'h.parent_id']).where('r.status', '=', 'active').orderBy('r.id').limit(3).execute();
    const now = new Date().toISOString();
    await db.insertInto('nat_door_tasks').values(people.map((p, i) => ({
      id: newId(), round_id: roundId, resident_id: p.id, household_id: p.household_id, building_id: p.parent_id!, node_path: p.path,
      reason: 'special_needs', source_tube_id: null, team_id: null, assignee_person_id: null, status: i === 0 ? 'nobody_home' : 'open',
      sample_id: null, visited_at: i === 0 ? now : null, note: null, created_at: now, updated_at: now,
    }))).execute();
    const context = await suite.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/nat?round=${roundId}&tab=door`);
    await page.getByTestId('nat-door-tab').waitFor();
    await expect.poll(() => page.getByTestId('nat-door-totals').textContent()).toContain('共 3 条');
    expect(await page.getByTestId('nat-door-totals').textContent()).toContain('无人在家 1');
    expect(await page.getByTestId('nat-door-worker-link').getAttribute('href')).toBe(`/nat/door/${roundId}`);
    await screenshot(page, 'nat-door-tab-desktop');

    // Assign a whole building to a mobilisation team (picked from the team picker).
    const teamId = newId();
    const community = await db.selectFrom('jurisdiction_nodes').select('id').where('level_code', '=', 'community').orderBy('path').executeTakeFirstOrThrow();
    await db.insertInto('assault_teams').values({ id: teamId, kind: TEAM_KIND, name: '敲门突击队', node_id: community.id, unit_id: null, duty: null, created_at: now, updated_at: now }).execute();
    await page.reload();
    await page.getByTestId('nat-door-team').click();
    await page.getByText('敲门突击队', { exact: false }).last().click();
    const building = people[0].parent_id!;
    await page.getByTestId(`nat-door-assign-building-${building}`).click();
    await expect.poll(async () => (await db.selectFrom('nat_door_tasks').select('team_id').where('building_id', '=', building).execute()).map((r) => r.team_id))
      .toEqual(expect.arrayContaining([teamId]));
    await expect.poll(() => page.getByTestId('nat-door-tab').textContent()).toContain('敲门突击队');
    await screenshot(page, 'nat-door-tab-assigned');
    await context.close();
  });

  it('refuses a lab file with an unknown tube line by line, applying nothing, then applies a good one', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/nat/results?round=${roundId}`);
    const upload = async (csv: string) => {
      await page.getByTestId('nat-results-import').click();
      await page.locator('.ant-modal input[type=file]').setInputFiles({ name: 'lab.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
      await page.getByTestId('lab-import-start').click();
    };
    const results = () => suite.server.ctx.database.db.selectFrom('nat_tubes').select(['barcode', 'result']).where('round_id', '=', roundId)
      .orderBy('barcode').execute();
    await upload('管码,结果\nTB-100001,阴性\nTB-999999,阴性\n');
    const errorRows = page.getByTestId('lab-import-errors').locator('tbody tr.ant-table-row');
    await errorRows.first().waitFor();
    expect(await errorRows.count()).toBe(1);
    expect(await errorRows.first().textContent()).toContain('TB-999999');
    expect((await results()).every((r) => r.result === 'pending')).toBe(true);
    await page.waitForTimeout(300);
    await screenshot(page, 'nat-lab-import-errors');
    await page.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
    await upload('管码,结果\nTB-100001,阴性\n');
    await page.getByTestId('lab-import-result').waitFor();
    expect((await results()).find((r) => r.barcode === 'TB-100001')?.result).toBe('negative');
    await page.close();
  });
});
