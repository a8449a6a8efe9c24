import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../../../test/support/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';
import { fixedClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { fieldMessage } from '../../platform/validation.ts';
import { DAY_NIGHT, dutyFixture, expectStatus, type DutyFixture } from './duty.fixtures.ts';

// Saturday 2026-02-21 16:00 Shanghai. The 白班 (08:00–20:00) is running: 00:00Z–12:00Z.
const WEEK = '2026-02-16';

describe('daily notes and service hours', () => {
  const clock = fixedClock('2026-02-21T08:00:00Z');
  let t: TestApp;
  let f: DutyFixture;
  let unit: string;
  let a1: string;
  let a2: string;
  let loner: string;
  let memberApp: Client;
  let secretaryB: Client;
  beforeAll(async () => {
    t = await createTestApp({ clock, env: { FANGKONG_SESSION_HOURS: '240' } });
    f = await dutyFixture(t.app);
    unit = expectStatus(await f.admin.post('/api/org/units', { name: '市税务局', kind: 'government', nodeId: f.tree.communityA }), 201, 'unit').id;
    a1 = await f.person(f.tree.compoundA, '税务一', { unitId: unit });
    a2 = await f.person(f.tree.compoundA, '税务二', { unitId: unit });
    loner = await f.person(f.tree.compoundA, '志愿者丙');
    memberApp = await f.accountFor(a1, 'member-a1', f.tree.communityA, 'volunteer');
    secretaryB = await loginAs(f.admin, t.app, { username: 'sec-b-records', role: 'community_secretary', nodeId: f.tree.communityB });
    const post = await f.post({ name: '核酸采样点', kind: 'sampling', nodeId: f.tree.compoundA, shifts: DAY_NIGHT.map((s) => ({ ...s, required: 3 })) });
    expectStatus(await f.admin.post('/api/duty/roster/generate', { weekStart: WEEK, postId: post.id }), 200, 'gen');
    const day = await f.shiftOf(post.id, WEEK, '2026-02-21', '白班');
    for (const p of [a1, a2, loner]) expectStatus(await f.assign(day.id, p), 201, 'assign');
    for (const p of [a1, a2]) expectStatus(await f.admin.post('/api/duty/checkins', { id: newId(), kind: 'in', shiftId: day.id, personId: p }), 201, 'in');
    clock.set('2026-02-21T10:00:00Z');
    expectStatus(await f.admin.post('/api/duty/checkins', { id: newId(), kind: 'out', shiftId: day.id, personId: a1 }), 200, 'out');
    clock.set('2026-02-21T09:00:00Z');
  });
  afterAll(async () => { await t.close(); });

  it('one note per person per Shanghai day, editable that day only', async () => {
    const id = newId();
    const first = expectStatus(await memberApp.put('/api/duty/notes', { id, content: '上午卡口值守，测温登记86人\n下午入户排查' }), 200, 'note');
    expect(first).toMatchObject({ id, personId: a1, day: '2026-02-21', editable: true });
    const edited = expectStatus(await memberApp.put('/api/duty/notes', { content: '卡口值守，测温登记 92 人' }), 200, 'edit');
    expect(edited).toMatchObject({ id, content: '卡口值守，测温登记 92 人' });
    const closed = await memberApp.put('/api/duty/notes', { day: '2026-02-20', content: '补写' });
    expect(closed.status).toBe(400);
    expect(closed.body.error.details).toEqual([{ path: 'day', message: fieldMessage('duty.note_closed', 'en') }]);
    expect((await memberApp.put('/api/duty/notes', { content: 'a\u0007b' })).status).toBe(400);
    expect((await memberApp.put('/api/duty/notes', { personId: a2, content: '代写' })).status).toBe(403);
    expectStatus(await f.admin.put('/api/duty/notes', { personId: a2, content: '采样点秩序维护' }), 200, 'for a2');
    expect((await secretaryB.put('/api/duty/notes', { personId: a2, content: 'x' })).status).toBe(404);

    const today = expectStatus(await f.admin.get(`/api/duty/notes?nodeId=${f.tree.communityA}`), 200, 'list');
    expect(today.map((n: { personName: string }) => n.personName).sort()).toEqual(['税务一', '税务二']);
    expect(expectStatus(await secretaryB.get('/api/duty/notes'), 200, 'b')).toEqual([]);
    expect(expectStatus(await memberApp.get('/api/duty/notes?mine=1'), 200, 'mine')).toHaveLength(1);
    const audit = await t.ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['duty_note.create', 'duty_note.update']);

    clock.set('2026-02-21T16:30:00Z'); // 00:30 Sunday in Shanghai: a new day
    const sunday = expectStatus(await memberApp.put('/api/duty/notes', { content: '夜间巡查' }), 200, 'sunday');
    expect(sunday.day).toBe('2026-02-22');
    expect(sunday.id).not.toBe(id);
    clock.set('2026-02-21T09:00:00Z');
  });

  it('counts hours from check-in/out pairs per person and per unit; a missing check-out counts until the shift end', async () => {
    clock.set('2026-02-21T13:00:00Z');
    const people = expectStatus(await f.admin.get('/api/duty/hours?from=2026-02-21&to=2026-02-21'), 200, 'hours');
    expect(people.people.map((p: { personName: string; attended: number; missed: number; hours: number }) => [p.personName, p.attended, p.missed, p.hours]))
      .toEqual([['税务二', 1, 0, 4], ['税务一', 1, 0, 2], ['志愿者丙', 0, 1, 0]]);
    expect(people.units).toEqual([
      { unitId: unit, unitName: '市税务局', people: 2, assigned: 2, attended: 2, hours: 6 },
      { unitId: null, unitName: null, people: 1, assigned: 1, attended: 0, hours: 0 },
    ]);
    expect(people.totalHours).toBe(6);
    const liaison = await loginAs(f.admin, t.app, { username: 'liaison-tax', role: 'unit_liaison', unitId: unit });
    const own = expectStatus(await liaison.get('/api/duty/hours?from=2026-02-21&to=2026-02-21&groupBy=unit'), 200, 'liaison');
    expect(own.people.map((p: { personName: string }) => p.personName).sort()).toEqual(['税务一', '税务二']);
    // A liaison sees the posts where the unit's people serve, read-only.
    expect(expectStatus(await liaison.get('/api/duty/posts'), 200, 'liaison posts').map((p: { name: string; token: string | null }) => [p.name, p.token]))
      .toEqual([['核酸采样点', null]]);
    expect((await liaison.post('/api/duty/roster/generate', { weekStart: WEEK })).status).toBe(403);
    expect(expectStatus(await secretaryB.get('/api/duty/hours?from=2026-02-21&to=2026-02-21'), 200, 'b').people).toEqual([]);
    const bad = await f.admin.get('/api/duty/hours?from=2026-02-21&to=2026-02-01');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('querystring.to');
    clock.set('2026-02-21T09:00:00Z');
  });

  it('exports the service record as CSV and XLSX', async () => {
    clock.set('2026-02-21T13:00:00Z');
    const csv = await f.admin.raw({ method: 'GET', url: '/api/duty/hours/export?from=2026-02-21&to=2026-02-21&format=csv', headers: { 'x-lang': 'zh' } });
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const text = String(csv.body).replace(/^\uFEFF/, '');
    expect(text.split(/\r?\n/)[0]).toBe('姓名,单位,排班数,到岗数,迟到次数,缺勤次数,服务时长(小时)');
    expect(text).toContain('税务二,市税务局,1,1,1,0,4');
    const units = await f.admin.raw({ method: 'GET', url: '/api/duty/hours/export?from=2026-02-21&to=2026-02-21&format=csv&groupBy=unit', headers: { 'x-lang': 'en' } });
    expect(String(units.body)).toContain('Unit,People,Shifts held,Shifts attended,Hours');
    const xlsx = await t.app.inject({
      method: 'GET', url: '/api/duty/hours/export?from=2026-02-21&to=2026-02-21', headers: { cookie: f.admin.cookie },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(String(xlsx.headers['content-disposition'])).toContain('duty-hours-2026-02-21-2026-02-21.xlsx');
    const guard = await f.accountFor(loner, 'guard-loner', f.tree.communityA);
    const refused = await guard.get('/api/duty/hours/export?from=2026-02-21&to=2026-02-21');
    expect(refused.status).toBe(403);
    clock.set('2026-02-21T09:00:00Z');
  });
});
