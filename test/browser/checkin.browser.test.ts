import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../../src/platform/clock.ts';
import { newId } from '../../src/platform/ids.ts';
import { SYSTEM_ACTOR } from '../../src/platform/policy.ts';
import { browserSuite, screenshot, signIn } from './support.ts';

// A guard with a shift running now scans the post's QR code on a phone and taps 签到.
describe('check-in at the post on a phone', () => {
  const suite = browserSuite();
  let token: string;
  let personId: string;
  const username = 'guard-browser';
  const password = 'Guard-browser-2026';

  beforeAll(async () => {
    const { services, database } = suite.server.ctx;
    const db = database.db;
    const community = await db.selectFrom('jurisdiction_nodes').select(['id']).where('level_code', '=', 'community').orderBy('path').executeTakeFirstOrThrow();
    const person = await db.selectFrom('people').innerJoin('jurisdiction_nodes as h', 'h.id', 'people.home_node_id')
      .select(['people.id', 'people.name']).where('h.path', 'like', `%/${community.id}/%`).orderBy('people.id').executeTakeFirstOrThrow();
    personId = person.id;
    // A 24-hour rotation that began five minutes ago (Shanghai wall clock), so a shift is running now.
    const began = new Date(Date.now() - 5 * 60_000);
    const day = shanghaiDay(began);
    const hhmm = new Date(began.getTime() + 8 * 3600_000).toISOString().slice(11, 16);
    const post = await services.duty.posts.create(SYSTEM_ACTOR, {
      name: '浏览器测试卡口', kind: 'gate', nodeId: community.id, phone: '0731-12345678',
      shifts: [{ name: '24小时班', start: hhmm, end: hhmm, required: 1, night: false }], leadPersonIds: [person.id],
    });
    token = post.token!;
    await services.duty.roster.generate(SYSTEM_ACTOR, { weekStart: day, postId: post.id });
    const roster = await services.duty.roster.roster(SYSTEM_ACTOR, { weekStart: day, postId: post.id });
    const shift = roster.posts[0].shifts.find((s) => s.day === day)!;
    await services.duty.roster.assign(SYSTEM_ACTOR, { id: newId(), shiftId: shift.id, personId: person.id });
    await services.accounts.create(SYSTEM_ACTOR, { username, displayName: person.name, role: 'gate_guard', nodeId: community.id, personId: person.id, password });
  });

  it('opens /checkin/<token>, taps 签到 and sees the success state', async () => {
    const page = await suite.browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await signIn(page, suite.server.baseUrl, username, password);
    await page.goto(`${suite.server.baseUrl}/checkin/${token}`);
    await page.getByTestId('checkin-shift').waitFor();
    expect(await page.getByTestId('checkin-post').textContent()).toContain('浏览器测试卡口');
    const button = page.getByTestId('checkin-in');
    const box = await button.boundingBox();
    // Big enough for a cold thumb: the whole width and tall.
    expect(box!.height).toBeGreaterThanOrEqual(80);
    expect(box!.width).toBeGreaterThanOrEqual(300);
    await button.tap();
    await page.getByTestId('checkin-success').waitFor();
    expect(await page.getByTestId('checkin-success').textContent()).toContain('签到成功');
    await page.getByTestId('checkin-out').waitFor();
    await screenshot(page, 'checkin');
    const rows = await suite.server.ctx.database.db.selectFrom('duty_attendance').select(['person_id', 'check_in_method']).execute();
    expect(rows).toEqual([{ person_id: personId, check_in_method: 'qr' }]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
