import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';
import { fixedClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { SYSTEM_ACTOR } from '../../platform/policy.ts';
import { fieldMessage } from '../../platform/validation.ts';
import { dutyFixture, expectStatus, THREE_SHIFTS, type DutyFixture } from './duty.fixtures.ts';

// Saturday 2026-02-21 16:00 Shanghai: the 中班 (16:00–24:00) has just begun.
const THIS_WEEK = '2026-02-16';
const NEXT_WEEK = '2026-02-23';

describe('unavailability and isolation release shifts; the lead chain takes over', () => {
  let t: TestApp;
  let f: DutyFixture;
  let gate: { id: string };
  let lonely: { id: string };
  let lead: string;
  let deputy: string;
  let next: string;
  let nowShift: { id: string };
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-02-21T08:00:00Z') });
    f = await dutyFixture(t.app);
    lead = await f.person(f.tree.compoundA, '黄点长', { sex: 'M' });
    deputy = await f.person(f.tree.compoundA, '林副点长', { sex: 'F' });
    next = await f.person(f.tree.compoundA, '何接替', { sex: 'M' });
    gate = await f.post({ name: '北门卡口', nodeId: f.tree.compoundA, shifts: THREE_SHIFTS, leadPersonIds: [lead, deputy, next] });
    lonely = await f.post({ name: '隔离点', kind: 'isolation_site', nodeId: f.tree.communityA, shifts: [], leadPersonIds: [lead] });
    for (const week of [THIS_WEEK, NEXT_WEEK]) expectStatus(await f.admin.post('/api/duty/roster/generate', { weekStart: week, postId: gate.id }), 200, 'gen');
    nowShift = await f.shiftOf(gate.id, THIS_WEEK, '2026-02-21', '中班');
    expectStatus(await f.assign(nowShift.id, lead), 201, 'now');
    expectStatus(await f.assign((await f.shiftOf(gate.id, NEXT_WEEK, '2026-02-23', '早班')).id, lead), 201, 'mon');
    expectStatus(await f.assign((await f.shiftOf(gate.id, NEXT_WEEK, '2026-02-25', '早班')).id, lead), 201, 'wed');
    expectStatus(await f.assign((await f.shiftOf(gate.id, NEXT_WEEK, '2026-03-01', '早班')).id, lead), 201, 'sun, after the period');
    // The deputy is on sick leave over the same days: the chain skips her.
    expectStatus(await f.admin.post('/api/duty/unavailability', { personId: deputy, from: '2026-02-20', to: '2026-02-28', reason: 'sick' }), 201, 'deputy sick');
  });
  afterAll(async () => { await t.close(); });

  it('releases the open shifts in the period, flags them, and installs the next available in line as acting lead', async () => {
    const id = newId();
    const body = { id, personId: lead, from: '2026-02-21', to: '2026-02-27', reason: 'isolation', note: '密接，集中隔离' };
    const res = expectStatus(await f.admin.post('/api/duty/unavailability', body), 201, 'isolate');
    expect(res.unavailability).toMatchObject({ id, personName: '黄点长', reason: 'isolation', releasedCount: 3, from: '2026-02-20T16:00:00.000Z', to: '2026-02-27T16:00:00.000Z' });
    expect(res.released.map((r: { day: string; shiftName: string }) => `${r.day} ${r.shiftName}`)).toEqual(['2026-02-21 中班', '2026-02-23 早班', '2026-02-25 早班']);
    expect(res.successions).toEqual([
      expect.objectContaining({ postId: gate.id, fromPersonId: lead, toPersonId: next, toPersonName: '何接替' }),
      expect.objectContaining({ postId: lonely.id, fromPersonId: lead, toPersonId: null }),
    ]);

    const shift = await f.shiftOf(gate.id, THIS_WEEK, '2026-02-21', '中班');
    expect(shift.missing).toBe(1);
    const roster = await f.roster(`weekStart=${THIS_WEEK}&postId=${gate.id}`);
    const flagged = roster.posts[0].shifts.find((s: { id: string }) => s.id === nowShift.id).released;
    expect(flagged).toEqual([expect.objectContaining({ personId: lead, status: 'released', releasedReason: 'isolation' })]);
    expect((await f.shiftOf(gate.id, NEXT_WEEK, '2026-03-01', '早班')).assignments.map((a) => a.personId)).toEqual([lead]);

    const post = expectStatus(await f.admin.get(`/api/duty/posts/${gate.id}`), 200, 'post');
    expect(post.currentLead).toEqual({ personId: next, personName: '何接替', acting: true });
    expect(post.leads.map((l: { personName: string; unavailable: boolean }) => [l.personName, l.unavailable])).toEqual([['黄点长', true], ['林副点长', true], ['何接替', false]]);
    const successions = expectStatus(await f.admin.get(`/api/duty/successions?postId=${gate.id}`), 200, 'successions');
    expect(successions).toEqual([expect.objectContaining({ fromPersonName: '黄点长', toPersonName: '何接替', reason: 'isolation', fromAt: '2026-02-21T08:00:00.000Z', untilAt: '2026-02-27T16:00:00.000Z' })]);

    const alerts = expectStatus(await f.admin.get(`/api/duty/alerts?nodeId=${f.tree.communityA}`), 200, 'alerts');
    expect(alerts.alerts).toContainEqual(expect.objectContaining({ kind: 'uncovered', shiftId: nowShift.id, count: 1 }));
    expect(alerts.alerts).toContainEqual(expect.objectContaining({ kind: 'no_lead', postId: lonely.id, personName: '黄点长' }));

    const audit = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'in', ['duty_unavailability.create', 'duty_post.succession']).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['duty_post.succession', 'duty_post.succession', 'duty_unavailability.create', 'duty_unavailability.create']);
    expect(audit.map((a) => a.details).join()).not.toContain('密接');

    const retry = expectStatus(await f.admin.post('/api/duty/unavailability', body), 201, 'retry');
    expect(retry.released.map((r: { assignmentId: string }) => r.assignmentId)).toEqual(res.released.map((r: { assignmentId: string }) => r.assignmentId));
    expect(retry.successions).toHaveLength(2);
    expect(await t.ctx.database.db.selectFrom('duty_successions').select('id').execute()).toHaveLength(2);
  });

  it('refuses to put the person on a shift in the period; ending the period early restores the lead', async () => {
    const thursday = await f.shiftOf(gate.id, NEXT_WEEK, '2026-02-26', '中班');
    const refused = await f.assign(thursday.id, lead);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([{ path: 'personId', message: fieldMessage('duty.unavailable', 'en') }]);

    const list = expectStatus(await f.admin.get(`/api/duty/unavailability?nodeId=${f.tree.communityA}&current=1`), 200, 'list');
    const isolation = list.find((u: { reason: string }) => u.reason === 'isolation');
    const ended = expectStatus(await f.admin.post(`/api/duty/unavailability/${isolation.id}/end`, {}), 200, 'end');
    expect(ended.to).toBe('2026-02-21T08:00:00.000Z');
    const post = expectStatus(await f.admin.get(`/api/duty/posts/${gate.id}`), 200, 'post');
    expect(post.currentLead).toEqual({ personId: lead, personName: '黄点长', acting: false });
    expectStatus(await f.assign(thursday.id, lead), 201, 'assign again');
  });

  it('rejects a period that ends before it starts, and bad reasons', async () => {
    const bad = await f.admin.post('/api/duty/unavailability', { personId: lead, from: '2026-03-05', to: '2026-03-01', reason: 'holiday' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['reason']);
    const backwards = await f.admin.post('/api/duty/unavailability', { personId: lead, from: '2026-03-05', to: '2026-03-01T08:00:00+08:00', reason: 'leave' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual([{ path: 'to', message: fieldMessage('duty.period_range', 'en') }]);
    const garbage = await f.admin.post('/api/duty/unavailability', { personId: lead, from: 'tomorrow', to: '2026-03-01', reason: 'leave' });
    expect(garbage.body.error.details[0].path).toBe('from');
  });

  it('is callable by other capabilities inside their own transaction', async () => {
    const person = await f.person(f.tree.compoundA, '服务调用');
    const result = await t.ctx.database.db.transaction().execute((trx) =>
      t.ctx.services.duty.markUnavailable(SYSTEM_ACTOR, { personId: person, from: '2026-03-02', to: '2026-03-03', reason: 'isolation' }, trx));
    expect(result.unavailability).toMatchObject({ personId: person, reason: 'isolation', releasedCount: 0 });
  });
});
