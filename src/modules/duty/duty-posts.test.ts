import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/support/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';
import { fixedClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { fieldMessage } from '../../platform/validation.ts';
import { dutyFixture, expectStatus, THREE_SHIFTS, type DutyFixture } from './duty.fixtures.ts';

describe('duty posts and their coverage requirement', () => {
  let t: TestApp;
  let f: DutyFixture;
  let lead: string;
  let deputy: string;
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-02-21T08:00:00Z') });
    f = await dutyFixture(t.app);
    lead = await f.person(f.tree.compoundA, '王队长', { sex: 'M' });
    deputy = await f.person(f.tree.compoundA, '李副队', { sex: 'F' });
  });
  afterAll(async () => { await t.close(); });

  it('creates a post with shifts as data and a lead chain; a retried create answers the same post', async () => {
    const id = newId();
    const body = { id, name: '阳光花园北门卡口', kind: 'gate', nodeId: f.tree.compoundA, phone: '0731-88886666', shifts: THREE_SHIFTS, leadPersonIds: [lead, deputy] };
    const created = expectStatus(await f.admin.post('/api/duty/posts', body), 201, 'create');
    expect(created).toMatchObject({
      id, name: '阳光花园北门卡口', kind: 'gate', nodeName: '阳光花园', phone: '0731-88886666',
      currentLead: { personId: lead, personName: '王队长', acting: false },
    });
    expect(created.shifts.map((s: { name: string; start: string; end: string; night: boolean; weekdays: number[] }) => [s.name, s.start, s.end, s.night, s.weekdays.length]))
      .toEqual([['早班', '08:00', '16:00', false, 7], ['中班', '16:00', '24:00', false, 7], ['夜班', '00:00', '08:00', true, 7]]);
    expect(created.leads.map((l: { rank: number; personName: string }) => [l.rank, l.personName])).toEqual([[0, '王队长'], [1, '李副队']]);
    expect(created.token).toMatch(/^[A-Za-z0-9_-]{32}$/);

    const again = expectStatus(await f.admin.post('/api/duty/posts', body), 201, 'retry');
    expect(again.id).toBe(id);
    const audit = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'scope_path']).where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['duty_post.create']);
    expect(audit[0].scope_path).toContain(f.tree.compoundA);
  });

  it('rejects bad input field by field', async () => {
    const bad = await f.admin.post('/api/duty/posts', {
      name: ' ', kind: 'tower', nodeId: f.tree.compoundA,
      shifts: [{ name: '白班', start: '8:00', end: '16:00', required: 1 }, { name: '白班', start: '16:00', end: '25:00', required: 0 }],
      leadPersonIds: [lead, lead],
    });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['kind', 'leadPersonIds.1', 'name', 'shifts.0.start', 'shifts.1.end', 'shifts.1.name', 'shifts.1.required']);
    const time = bad.body.error.details.find((d: { path: string }) => d.path === 'shifts.0.start');
    // The key is rendered through FIELD_MESSAGES (DUTY_FIELD_MESSAGES merged there).
    expect(time.message).toBe(fieldMessage('duty.time_invalid', 'en'));
    const noNode = await f.admin.post('/api/duty/posts', { name: '无处', kind: 'gate', nodeId: newId() });
    expect(noNode.status).toBe(404);
    expect(noNode.body.error.details[0].path).toBe('nodeId');
  });

  it('edits the requirement keeping the ids of the shifts it names; deletes a post without history', async () => {
    const post = await f.post({ name: '采样点', kind: 'sampling', nodeId: f.tree.compoundA, shifts: THREE_SHIFTS });
    const keep = post.shifts[0];
    const updated = expectStatus(await f.admin.patch(`/api/duty/posts/${post.id}`, {
      shifts: [{ ...keep, required: 3 }, { name: '24小时轮守', start: '08:00', end: '08:00', required: 1, weekdays: [6, 7] }],
      minRestHours: 12, lateGraceMinutes: 5,
    }), 200, 'update');
    expect(updated.shifts.map((s: { id: string; required: number }) => [s.id === keep.id, s.required])).toEqual([[true, 3], [false, 1]]);
    expect(updated.shifts[1].weekdays).toEqual([6, 7]);
    expect(updated).toMatchObject({ minRestHours: 12, lateGraceMinutes: 5 });
    expect((await f.admin.del(`/api/duty/posts/${post.id}`)).status).toBe(204);
    expect((await f.admin.get(`/api/duty/posts/${post.id}`)).status).toBe(404);
  });

  it('keeps the global rules as data; only an account over everything may change them', async () => {
    expect(expectStatus(await f.admin.get('/api/duty/rules'), 200, 'rules')).toEqual({ minRestHours: 8, lateGraceMinutes: 15, checkinEarlyMinutes: 30, nightPreferMen: true });
    const changed = expectStatus(await f.admin.put('/api/duty/rules', { minRestHours: 10, lateGraceMinutes: 10, checkinEarlyMinutes: 30, nightPreferMen: false }), 200, 'put');
    expect(changed.minRestHours).toBe(10);
    const stored = await t.ctx.database.db.selectFrom('settings').select('value').where('key', '=', 'duty.rules').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value).minRestHours).toBe(10);
    const secretary = await loginAs(f.admin, t.app, { username: 'sec-rules', role: 'community_secretary', nodeId: f.tree.communityA });
    expect((await secretary.put('/api/duty/rules', { minRestHours: 1, lateGraceMinutes: 1, checkinEarlyMinutes: 1, nightPreferMen: false })).status).toBe(403);
    expect((await f.admin.put('/api/duty/rules', { minRestHours: 99, lateGraceMinutes: 10, checkinEarlyMinutes: 30, nightPreferMen: false })).status).toBe(400);
    await f.admin.put('/api/duty/rules', { minRestHours: 8, lateGraceMinutes: 15, checkinEarlyMinutes: 30, nightPreferMen: true });
  });
});
