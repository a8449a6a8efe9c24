import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../../../test/support/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';
import { fixedClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { fieldMessage } from '../../platform/validation.ts';
import { DAY_NIGHT, dutyFixture, expectStatus, THREE_SHIFTS, type DutyFixture } from './duty.fixtures.ts';

const WEEK = '2026-02-23';

describe('shift swaps', () => {
  let t: TestApp;
  let f: DutyFixture;
  let gate: { id: string };
  let holder: string;
  let colleague: string;
  let busy: string;
  let holderApp: Client;
  let secretaryB: Client;
  let monday: { id: string; assignmentId: string };
  let tuesday: { id: string; assignmentId: string };
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-02-21T08:00:00Z') });
    f = await dutyFixture(t.app);
    gate = await f.post({ name: '南门卡口', nodeId: f.tree.compoundA, shifts: THREE_SHIFTS });
    const phone = await f.post({ name: '值班电话', kind: 'duty_phone', nodeId: f.tree.communityA, shifts: DAY_NIGHT });
    holder = await f.person(f.tree.compoundA, '马换班');
    colleague = await f.person(f.tree.compoundA, '杨同事');
    busy = await f.person(f.tree.compoundA, '许忙碌');
    holderApp = await f.accountFor(holder, 'holder-ma', f.tree.communityA);
    secretaryB = await loginAs(f.admin, t.app, { username: 'sec-b-swaps', role: 'community_secretary', nodeId: f.tree.communityB });
    for (const post of [gate, phone]) expectStatus(await f.admin.post('/api/duty/roster/generate', { weekStart: WEEK, postId: post.id }), 200, 'gen');
    const mon = await f.shiftOf(gate.id, WEEK, '2026-02-23', '早班');
    const tue = await f.shiftOf(gate.id, WEEK, '2026-02-24', '早班');
    monday = { id: mon.id, assignmentId: expectStatus(await f.assign(mon.id, holder), 201, 'mon').id };
    tuesday = { id: tue.id, assignmentId: expectStatus(await f.assign(tue.id, holder), 201, 'tue').id };
    expectStatus(await f.assign((await f.shiftOf(phone.id, WEEK, '2026-02-23', '白班')).id, busy), 201, 'busy');
  });
  afterAll(async () => { await t.close(); });

  it('the holder proposes, a manager approves; the shift changes hands and the old place is kept as history', async () => {
    const id = newId();
    const proposed = expectStatus(await holderApp.post('/api/duty/swaps', { id, assignmentId: monday.assignmentId, toPersonId: colleague, reason: '家中有事' }), 201, 'propose');
    expect(proposed).toMatchObject({ id, status: 'proposed', fromPersonName: '马换班', toPersonName: '杨同事', shift: { shiftId: monday.id, day: '2026-02-23', shiftName: '早班' } });
    expect(expectStatus(await holderApp.post('/api/duty/swaps', { id, assignmentId: monday.assignmentId, toPersonId: colleague }), 201, 'retry').id).toBe(id);
    const second = await holderApp.post('/api/duty/swaps', { id: newId(), assignmentId: monday.assignmentId, toPersonId: busy });
    expect(second.status).toBe(409);
    expect(second.body.error.details[0]).toEqual({ path: 'assignmentId', message: fieldMessage('duty.swap_pending', 'en') });
    expect((await holderApp.post(`/api/duty/swaps/${id}/approve`, {})).status).toBe(403);
    expect((await secretaryB.post(`/api/duty/swaps/${id}/approve`, {})).status).toBe(404);

    const approved = expectStatus(await f.admin.post(`/api/duty/swaps/${id}/approve`, {}), 200, 'approve');
    expect(approved).toMatchObject({ status: 'approved', decidedAt: '2026-02-21T08:00:00.000Z' });
    const shift = await f.shiftOf(gate.id, WEEK, '2026-02-23', '早班');
    expect(shift.assignments.map((a) => a.personId)).toEqual([colleague]);
    const view = await f.roster(`weekStart=${WEEK}&postId=${gate.id}`);
    const released = view.posts[0].shifts.find((s: { id: string }) => s.id === monday.id).released;
    expect(released).toEqual([expect.objectContaining({ personId: holder, status: 'swapped' })]);
    const again = await f.admin.post(`/api/duty/swaps/${id}/approve`, {});
    expect(again.status).toBe(409);
    expect(again.body.error.details[0].message).toBe(fieldMessage('duty.swap_decided', 'en'));
    const audit = await t.ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['duty_swap.propose', 'duty_swap.approve']);
    const mine = expectStatus(await holderApp.get('/api/duty/swaps'), 200, 'mine');
    expect(mine.map((s: { id: string }) => s.id)).toContain(id);
  });

  it('checks the rules when proposed and again when approved', async () => {
    const overlap = await holderApp.post('/api/duty/swaps', { assignmentId: tuesday.assignmentId, toPersonId: holder });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.details[0]).toEqual({ path: 'toPersonId', message: fieldMessage('duty.swap_same_person', 'en') });
    const monEarly = (await f.shiftOf(gate.id, WEEK, '2026-02-23', '早班')).assignments[0];
    const clash = await f.admin.post('/api/duty/swaps', { assignmentId: monEarly.id, toPersonId: busy });
    expect(clash.status).toBe(409);
    expect(clash.body.error.details).toEqual([{ path: 'toPersonId', message: fieldMessage('duty.overlap', 'en') }]);

    const swap = expectStatus(await holderApp.post('/api/duty/swaps', { assignmentId: tuesday.assignmentId, toPersonId: colleague }), 201, 'propose');
    expectStatus(await f.admin.post('/api/duty/unavailability', { personId: colleague, from: '2026-02-24', to: '2026-02-24', reason: 'leave' }), 201, 'leave');
    const refused = await f.admin.post(`/api/duty/swaps/${swap.id}/approve`, {});
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([{ path: 'toPersonId', message: fieldMessage('duty.unavailable', 'en') }]);
    const rejected = expectStatus(await f.admin.post(`/api/duty/swaps/${swap.id}/reject`, {}), 200, 'reject');
    expect(rejected.status).toBe('rejected');
    expect((await f.shiftOf(gate.id, WEEK, '2026-02-24', '早班')).assignments.map((a) => a.personId)).toEqual([holder]);
  });

  it('a field account cannot propose for someone else\'s assignment', async () => {
    const others = (await f.shiftOf(gate.id, WEEK, '2026-02-23', '早班')).assignments[0];
    const res = await holderApp.post('/api/duty/swaps', { assignmentId: others.id, toPersonId: busy });
    expect(res.status).toBe(404);
    expect(res.body.error.details[0].path).toBe('assignmentId');
    expect((await secretaryB.post('/api/duty/swaps', { assignmentId: others.id, toPersonId: busy })).status).toBe(404);
  });
});
