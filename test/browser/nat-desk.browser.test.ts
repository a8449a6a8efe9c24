import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/platform/ids.ts';
import { browserSuite, screenshot, signIn } from './support.ts';
import { firstCommunity, openRound, siteWithDesk } from './nat-fixtures.ts';

// The desk page on a phone: open a tube, scan by typing ID numbers, and keep working offline — the queued scans
// reach the server exactly once when the network is back. FANGKONG_WEB_DIST points at a build of the web app
// (default web/dist).

describe('nat desk page on a phone', () => {
  const suite = browserSuite();
  let deskId: string;
  let roundId: string;
  let people: { id: string; idNumber: string }[];

  beforeAll(async () => {
    const { database, cipher } = suite.server.ctx;
    const db = database.db;
    const community = await firstCommunity(db);
    const residents = await db.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.household_id', 'r.id_number_enc', 'h.path']).where('r.id_type', '=', 'id_card').where('r.status', '=', 'active')
      .where('h.path', '>=', community.path).where('h.path', '<', `${community.path}~`).orderBy('r.id').execute();
    people = residents.filter((r) => r.id_number_enc).map((r) => ({ id: r.id, idNumber: cipher.decrypt(r.id_number_enc!) }));
    expect(people.length).toBeGreaterThanOrEqual(4);
    roundId = await openRound(db, community);
    ({ deskId } = await siteWithDesk(db, roundId, community));
    await db.insertInto('nat_round_residents').values(residents.map((r) => ({
      round_id: roundId, resident_id: r.id, household_id: r.household_id, node_path: r.path, required: 1, exempt_reason: null,
      sampled_at: null, sample_id: null, result: null, control_status: null,
    }))).execute();
  });

  const samples = () => suite.server.ctx.database.db.selectFrom('nat_samples').select(['id', 'resident_id']).where('round_id', '=', roundId).execute();

  it('opens a tube, registers people by ID number, and syncs offline scans exactly once', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/nat/desk/${deskId}`);
    await page.getByTestId('natdesk-page').waitFor();
    const input = page.getByTestId('natdesk-input');
    const waiting = page.getByTestId('natdesk-waiting');
    const fill = page.getByTestId('natdesk-fill');

    await input.fill('tb-000001');
    await input.press('Enter');
    await expect.poll(() => fill.textContent()).toBe('0/10');
    expect(await page.getByTestId('natdesk-tube-barcode').textContent()).toBe('TB-000001');
    await input.fill(people[0].idNumber);
    await input.press('Enter');
    await expect.poll(() => fill.textContent()).toBe('1/10');
    await expect.poll(() => waiting.textContent(), { timeout: 10_000 }).toContain('已全部上传');
    await expect.poll(async () => (await samples()).length).toBe(1);
    // The big targets a thumb needs.
    const undo = await page.getByTestId('natdesk-undo').boundingBox();
    expect(undo!.height).toBeGreaterThanOrEqual(44);
    await screenshot(page, 'nat-desk-phone');

    await context.setOffline(true);
    for (const p of people.slice(1, 4)) {
      await input.fill(p.idNumber);
      await input.press('Enter');
    }
    await expect.poll(() => waiting.textContent()).toContain('3 条待上传');
    expect(await fill.textContent()).toBe('4/10');
    expect(await page.getByTestId('natdesk-line').count()).toBe(4);
    await screenshot(page, 'nat-desk-offline');
    expect((await samples()).length).toBe(1);

    await context.setOffline(false);
    await expect.poll(() => waiting.textContent(), { timeout: 45_000 }).toContain('已全部上传');
    const rows = await samples();
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.resident_id))).toEqual(new Set(people.slice(0, 4).map((p) => p.id)));
    // A reload keeps the picture: the tube and its count come back from the suite.server.
    await page.reload();
    await expect.poll(() => page.getByTestId('natdesk-fill').textContent()).toBe('4/10');
    await screenshot(page, 'nat-desk-synced');
    expect((await samples()).length).toBe(4);

    // The same person again: stored, flagged as a duplicate, not counted twice.
    await input.fill(people[0].idNumber);
    await input.press('Enter');
    await page.getByTestId('natdesk-notice').waitFor();
    expect(await page.getByTestId('natdesk-notice').textContent()).toContain('本轮已采过样');
    const roster = await suite.server.ctx.database.db.selectFrom('nat_round_residents').select('sample_id')
      .where('round_id', '=', roundId).where('sample_id', 'is not', null).execute();
    expect(roster).toHaveLength(4);
    // A laptop at the desk with a hand scanner: the same page, centred.
    await page.setViewportSize({ width: 1280, height: 800 });
    await screenshot(page, 'nat-desk-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows home visits by building on a phone and records "nobody home"', async () => {
    const db = suite.server.ctx.database.db;
    const person = await db.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.household_id', 'h.path', 'h.parent_id']).where('r.id', '=', people[5].id).executeTakeFirstOrThrow();
    const now = new Date().toISOString();
    await db.insertInto('nat_door_tasks').values({
      id: newId(), round_id: roundId, resident_id: person.id, household_id: person.household_id, building_id: person.parent_id!, node_path: person.path,
      reason: 'special_needs', source_tube_id: null, team_id: null, assignee_person_id: null, status: 'open', sample_id: null, visited_at: null,
      note: null, created_at: now, updated_at: now,
    }).execute();
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await signIn(page, suite.server.baseUrl);
    await page.goto(`${suite.server.baseUrl}/nat/door/${roundId}`);
    await page.getByTestId('natdoor-page').waitFor();
    // The administrator has no tasks of their own: show all.
    await page.getByText('只看分配给我的').click();
    await page.getByTestId('natdoor-task').first().waitFor();
    await screenshot(page, 'nat-door-phone');
    await page.getByTestId('natdoor-task').first().getByRole('button', { name: '无人在家' }).tap();
    await expect.poll(async () => (await db.selectFrom('nat_door_tasks').select('status').where('round_id', '=', roundId).executeTakeFirstOrThrow()).status)
      .toBe('nobody_home');
    await context.close();
  });
});
