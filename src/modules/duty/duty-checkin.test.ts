import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Client } from '../../../test/support/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';
import { fixedClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { fieldMessage } from '../../platform/validation.ts';
import { DAY_NIGHT, dutyFixture, expectStatus, type DutyFixture } from './duty.fixtures.ts';

// Saturday 2026-02-21. The night shift runs 20:00 Saturday → 08:00 Sunday, Shanghai time (12:00Z → 00:00Z).
const WEEK = '2026-02-16';

describe('check-in at the post, alerts and hours', () => {
  const clock = fixedClock('2026-02-21T08:00:00Z');
  let t: TestApp;
  let f: DutyFixture;
  let post: { id: string; token: string };
  let guard: string;
  let other: string;
  let guardApp: Client;
  let night: { id: string };
  beforeAll(async () => {
    // Sessions outlive the jumps of the clock (a day and more).
    t = await createTestApp({ clock, env: { FANGKONG_SESSION_HOURS: '240' } });
    f = await dutyFixture(t.app);
    post = await f.post({ name: '幸福社区东门卡口', nodeId: f.tree.compoundA, shifts: DAY_NIGHT.map((s) => ({ ...s, required: 2 })) });
    guard = await f.person(f.tree.compoundA, '刘守门', { sex: 'M' });
    other = await f.person(f.tree.compoundA, '陈同班', { sex: 'M' });
    guardApp = await f.accountFor(guard, 'guard-liu', f.tree.communityA);
    expectStatus(await f.admin.post('/api/duty/roster/generate', { weekStart: WEEK, postId: post.id }), 200, 'gen');
    night = await f.shiftOf(post.id, WEEK, '2026-02-21', '夜班');
    for (const person of [guard, other]) expectStatus(await f.assign(night.id, person), 201, 'assign night');
  });
  afterAll(async () => { await t.close(); });

  it('shows the scanned post with the next shift before the window opens, and refuses a check-in then', async () => {
    const ctx = expectStatus(await guardApp.get(`/api/duty/checkin/${post.token}`), 200, 'context');
    expect(ctx).toMatchObject({ post: { id: post.id, name: '幸福社区东门卡口' }, person: { id: guard, name: '刘守门' }, current: null });
    expect(ctx.next).toMatchObject({ shiftId: night.id, name: '夜班', startsAt: '2026-02-21T12:00:00.000Z', endsAt: '2026-02-22T00:00:00.000Z' });
    const early = await guardApp.post('/api/duty/checkins', { id: newId(), kind: 'in', token: post.token });
    expect(early.status).toBe(400);
    expect(early.body.error.details).toEqual([{ path: 'token', message: fieldMessage('duty.no_shift_now', 'en') }]);
    expect((await guardApp.get('/api/duty/checkin/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(404);
  });

  it('checks in by QR across midnight; a retry answers the same record; late after the grace period', async () => {
    clock.set('2026-02-21T12:20:00Z'); // 20:20 Shanghai: 20 minutes after the start, grace is 15
    const id = newId();
    const first = expectStatus(await guardApp.post('/api/duty/checkins', { id, kind: 'in', token: post.token }), 201, 'check in');
    expect(first).toMatchObject({ id, shiftId: night.id, personId: guard, day: '2026-02-21', lateMinutes: 20, method: 'qr', checkedOutAt: null });
    const retry = expectStatus(await guardApp.post('/api/duty/checkins', { id, kind: 'in', token: post.token }), 201, 'retry');
    expect(retry).toEqual(first);
    const twice = expectStatus(await guardApp.post('/api/duty/checkins', { id: newId(), kind: 'in', token: post.token }), 201, 'second tap');
    expect(twice.id).toBe(id);
    expect(await t.ctx.database.db.selectFrom('duty_attendance').select('id').where('shift_id', '=', night.id).execute()).toHaveLength(1);
    const audit = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['duty_attendance.check_in']);
    const ctx = expectStatus(await guardApp.get(`/api/duty/checkin/${post.token}`), 200, 'context');
    expect(ctx.current).toMatchObject({ shiftId: night.id, attendance: { id, checkedOutAt: null, lateMinutes: 20 } });
  });

  it('raises late, uncovered and missed alerts for now, computed from shifts and check-ins', async () => {
    clock.set('2026-02-21T12:30:00Z');
    const now = expectStatus(await f.admin.get(`/api/duty/alerts?nodeId=${f.tree.communityA}`), 200, 'alerts');
    const kinds = now.alerts.map((a: { kind: string; personName: string | null; shiftName: string | null; day: string | null }) => [a.kind, a.personName, a.shiftName, a.day]);
    expect(kinds).toContainEqual(['late', '陈同班', '夜班', '2026-02-21']);
    expect(kinds).toContainEqual(['uncovered', null, '白班', '2026-02-22']);
    expect(kinds.filter((k: string[]) => k[0] === 'late')).toHaveLength(1);

    clock.set('2026-02-22T00:30:00Z'); // 08:30 Sunday: the night is over
    const after = expectStatus(await f.admin.get(`/api/duty/alerts?nodeId=${f.tree.communityA}`), 200, 'after');
    const missed = after.alerts.filter((a: { kind: string }) => a.kind === 'missed');
    expect(missed.map((a: { personName: string; shiftId: string }) => [a.personName, a.shiftId])).toEqual([['陈同班', night.id]]);
    clock.set('2026-02-21T12:30:00Z');
  });

  it('checks out by QR, also after midnight; a missing check-out counts until the shift end', async () => {
    clock.set('2026-02-21T23:30:00Z'); // 07:30 Sunday, still in the night shift
    const outId = newId();
    const out = expectStatus(await guardApp.post('/api/duty/checkins', { id: outId, kind: 'out', token: post.token }), 200, 'out');
    expect(out).toMatchObject({ shiftId: night.id, checkedInAt: '2026-02-21T12:20:00.000Z', checkedOutAt: '2026-02-21T23:30:00.000Z' });
    expect(expectStatus(await guardApp.post('/api/duty/checkins', { id: outId, kind: 'out', token: post.token }), 200, 'retry out')).toEqual(out);
    const none = await guardApp.post('/api/duty/checkins', { id: newId(), kind: 'out', token: post.token });
    expect(none.status).toBe(400);
    expect(none.body.error.details[0].message).toBe(fieldMessage('duty.not_checked_in', 'en'));

    // A manager records the colleague's arrival with the roster's button, late; he never checks out.
    clock.set('2026-02-21T13:00:00Z');
    const button = expectStatus(await f.admin.post('/api/duty/checkins', { id: newId(), kind: 'in', shiftId: night.id, personId: other }), 201, 'button');
    expect(button).toMatchObject({ method: 'button', lateMinutes: 60 });

    clock.set('2026-02-22T02:00:00Z');
    const hours = expectStatus(await f.admin.get(`/api/duty/hours?from=2026-02-21&to=2026-02-22&nodeId=${f.tree.communityA}`), 200, 'hours');
    const byName = Object.fromEntries(hours.people.map((p: { personName: string }) => [p.personName, p]));
    expect(byName['刘守门']).toMatchObject({ assigned: 1, attended: 1, late: 1, missed: 0, hours: 11.17 });
    expect(byName['陈同班']).toMatchObject({ assigned: 1, attended: 1, late: 1, hours: 11 });
    expect(hours.totalHours).toBe(22.17);
  });

  it('an account without a person cannot check in; one not holding a shift gets a clear refusal', async () => {
    clock.set('2026-02-22T00:10:00Z');
    const plain = await f.accountFor(await f.person(f.tree.compoundA, '无班人员'), 'guard-none', f.tree.communityA);
    const ctx = expectStatus(await plain.get(`/api/duty/checkin/${post.token}`), 200, 'ctx');
    expect(ctx.current).toBeNull();
    expect(ctx.next).toBeNull();
    const refused = await plain.post('/api/duty/checkins', { id: newId(), kind: 'in', token: post.token });
    expect(refused.status).toBe(400);
    const password = 'Passw0rd-test-1';
    expectStatus(await f.admin.post('/api/accounts', { username: 'no-person', displayName: 'x', password, role: 'gate_guard', nodeId: f.tree.communityA }), 201, 'acct');
    const unlinked = await login(t.app, 'no-person', password);
    const noPerson = await unlinked.post('/api/duty/checkins', { id: newId(), kind: 'in', token: post.token });
    expect(noPerson.status).toBe(400);
    expect(noPerson.body.error.details).toEqual([{ path: 'token', message: fieldMessage('duty.no_person', 'en') }]);
    // A person declares their own availability; someone else's is for duty managers.
    const own = expectStatus(await guardApp.put(`/api/duty/availability/${guard}`, { windows: [{ weekday: 6, start: '20:00', end: '08:00' }] }), 200, 'own windows');
    expect(own).toEqual({ personId: guard, personName: '刘守门', windows: [{ weekday: 6, start: '20:00', end: '08:00' }] });
    expect((await guardApp.put(`/api/duty/availability/${other}`, { windows: [] })).status).toBe(403);
    const bad = await guardApp.post('/api/duty/checkins', { id: 'nope', kind: 'sideways' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['id', 'kind']));
  });
});
