import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { expectStatus, mobilizationFixture, type MobilizationFixture } from './mobilization.fixtures.ts';
import { PUBLIC_LIMITS } from './public.routes.ts';

// 请战 / 志愿者报名: anyone signs up on the public page; the community approves (a person is made, phone
// encrypted and shown masked), declines with a reason, or assigns. Per-address rate limits on the public API.
describe('mobilization: public volunteer sign-up', () => {
  let f: MobilizationFixture;
  const signUp = (body: Record<string, unknown>, ip = '10.0.1.1') => f.anon('POST', '/api/public/volunteers', { id: newId(), ...body }, ip);

  beforeAll(async () => { f = await mobilizationFixture(); });
  afterAll(async () => { await f.t.close(); });

  it('lists communities and villages for the public form: id, name and street only', async () => {
    const all: Array<{ id: string }> = expectStatus(await f.anon('GET', '/api/public/communities'), 200, 'communities');
    expect([...all].sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([
      { id: f.tree.communityA, name: '幸福社区', streetName: '东街街道' },
      { id: f.tree.communityB, name: '光明社区', streetName: '东街街道' },
    ].sort((a, b) => (a.id < b.id ? -1 : 1)));
    expect(expectStatus(await f.anon('GET', `/api/public/communities?q=${encodeURIComponent('幸福')}`), 200, 'search')).toEqual([
      { id: f.tree.communityA, name: '幸福社区', streetName: '东街街道' },
    ]);
  });

  it('rejects bad input field by field with clear messages', async () => {
    const bad = await signUp({ name: '', phone: '1234', politicalStatus: 'boss', nodeId: f.tree.compoundA.slice(0, 10), skills: 'x'.repeat(600) });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'nodeId', 'phone', 'politicalStatus', 'skills']);
    const missing = await f.anon('POST', '/api/public/volunteers', { id: newId() }, '10.0.1.2');
    expect(missing.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['name', 'nodeId', 'phone', 'politicalStatus']);
    // Chinese by default: the messages a person on the street reads.
    const zh = await f.t.app.inject({ method: 'POST', url: '/api/public/volunteers', remoteAddress: '10.0.1.3', payload: { id: newId(), name: '张三', phone: '12345', politicalStatus: 'member', nodeId: f.tree.communityA } });
    expect(JSON.parse(zh.body).error.details).toEqual([{ path: 'phone', message: '手机号应为11位，以1开头' }]);
    // A compound is not a community: the form only offers communities and villages.
    const notCommunity = await signUp({ name: '张三', phone: '13900000001', politicalStatus: 'member', nodeId: f.tree.compoundA }, '10.0.1.4');
    expect(notCommunity.status).toBe(400);
    expect(notCommunity.body.error.details[0].path).toBe('nodeId');
  });

  it('signs up idempotently; the phone is stored only encrypted', async () => {
    const id = newId();
    const body = { id, name: '刘医生', phone: '139 0000 0021', politicalStatus: 'member', skills: '医护、心理疏导', availability: '每天 8:00-12:00', nodeId: f.tree.communityA, note: '滞留在此的外地医生' };
    const first = expectStatus(await f.anon('POST', '/api/public/volunteers', body, '10.0.2.1'), 201, 'sign up');
    expect(first).toEqual({ id, status: 'pending', communityName: '幸福社区', createdAt: '2026-02-21T08:00:00.000Z' });
    expect(expectStatus(await f.anon('POST', '/api/public/volunteers', body, '10.0.2.1'), 201, 'retry')).toEqual(first);
    // The same phone again for the same community while pending: still one sign-up.
    expect(expectStatus(await f.anon('POST', '/api/public/volunteers', { ...body, id: newId() }, '10.0.2.1'), 201, 'again').id).toBe(id);
    const rows = await f.t.ctx.database.db.selectFrom('volunteer_signups').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('13900000021');
    const audit = await f.auditOf(id);
    expect(audit.map((a) => [a.action, a.actor_name])).toEqual([['volunteer.sign_up', 'public']]);
    expect(JSON.stringify(audit)).not.toContain('13900000021');
  });

  it('the community sees pending sign-ups masked, approves: the person appears in the people list, masked', async () => {
    const { secA, secB, t } = f;
    const pending = expectStatus(await secA.get('/api/mobilization/volunteers?status=pending'), 200, 'pending');
    expect(pending.items).toHaveLength(1);
    const v = pending.items[0];
    expect(v).toMatchObject({ name: '刘医生', phoneMasked: '139****0021', skills: ['医护', '心理疏导'], status: 'pending', nodeName: '幸福社区' });
    expect(expectStatus(await secA.get(`/api/mobilization/volunteers/${v.id}/phone`), 200, 'phone')).toEqual({ phone: '13900000021' });
    expect((await f.auditOf(v.id)).map((a) => a.action)).toContain('volunteer.read_unmasked');

    const approved = expectStatus(await secA.post(`/api/mobilization/volunteers/${v.id}/approve`, { category: 'medic' }), 200, 'approve');
    expect(approved).toMatchObject({ status: 'approved', personId: expect.any(String) });
    const again = expectStatus(await secA.post(`/api/mobilization/volunteers/${v.id}/approve`, {}), 200, 'approve again');
    expect(again.personId).toBe(approved.personId);
    const found = expectStatus(await secA.get('/api/people?q=13900000021'), 200, 'people');
    expect(found.items).toEqual([expect.objectContaining({
      id: approved.personId, name: '刘医生', category: 'medic', politicalStatus: 'member', phoneMasked: '139****0021', skills: ['医护', '心理疏导'],
    })]);
    expect(found.items[0].homeNodeName).toContain('幸福社区');
    const person = await t.ctx.database.db.selectFrom('people').selectAll().where('id', '=', approved.personId).executeTakeFirstOrThrow();
    expect(JSON.stringify(person)).not.toContain('13900000021');
    expect((await f.auditOf(approved.personId)).map((a) => a.action)).toEqual(['person.create']);
    expect((await secB.get('/api/people?q=13900000021')).body.items).toEqual([]);

    const declineApproved = await secA.post(`/api/mobilization/volunteers/${v.id}/decline`, { reason: '人员已满' });
    expect(declineApproved.status).toBe(409);
  });

  it('assigns an approved volunteer to a team; declines another with a reason', async () => {
    const { secA, tree } = f;
    const [v] = expectStatus(await secA.get('/api/mobilization/volunteers?status=approved'), 200, 'approved').items;
    const team = await f.create(secA, '/api/mobilization/teams', { kind: 'youth_assault_team', name: '幸福社区青年突击队', nodeId: tree.communityA });
    const assigned = expectStatus(await secA.post(`/api/mobilization/volunteers/${v.id}/assign`, { kind: 'team', targetId: team }), 200, 'assign');
    expect(assigned.assignment).toMatchObject({ kind: 'team', id: team, name: '幸福社区青年突击队' });
    expect(expectStatus(await secA.get(`/api/mobilization/teams/${team}`), 200, 'team').members.map((m: { personName: string }) => m.personName)).toEqual(['刘医生']);

    const student = expectStatus(await signUp({ name: '大学生小吴', phone: '13900000031', politicalStatus: 'activist', nodeId: tree.communityA }, '10.0.3.1'), 201, 'student');
    const notApproved = await secA.post(`/api/mobilization/volunteers/${student.id}/assign`, { kind: 'team', targetId: team });
    expect(notApproved.status).toBe(400);
    expect(notApproved.body.error.details[0].path).toBe('id');
    const noReason = await secA.post(`/api/mobilization/volunteers/${student.id}/decline`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('reason');
    const declined = expectStatus(await secA.post(`/api/mobilization/volunteers/${student.id}/decline`, { reason: '本社区岗位已满，已推荐到光明社区' }), 200, 'decline');
    expect(declined).toMatchObject({ status: 'declined', declineReason: '本社区岗位已满，已推荐到光明社区', personId: null });
    expect((await secA.post(`/api/mobilization/volunteers/${student.id}/approve`, {})).status).toBe(409);
    expect((await f.auditOf(student.id)).map((a) => a.action)).toEqual(['volunteer.sign_up', 'volunteer.decline']);
    const today = expectStatus(await secA.get('/api/mobilization/counts/today'), 200, 'today');
    expect(today).toMatchObject({ volunteersPending: 0, volunteersToday: 2 });
  });

  it('rate-limits each address: the request after the limit in a window answers 429', async () => {
    const { max } = PUBLIC_LIMITS.signUp;
    const ip = '10.9.9.9';
    for (let i = 0; i < max; i++) {
      // Invalid bodies count too: a flood of junk is limited like real sign-ups.
      expect((await signUp({ name: '' }, ip)).status, `request ${i + 1}`).toBe(400);
    }
    const over = await signUp({ name: '超限', phone: '13900000041', politicalStatus: 'member', nodeId: f.tree.communityA }, ip);
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('RATE_LIMITED');
    // Another address is not affected.
    expect((await signUp({ name: '另一人', phone: '13900000042', politicalStatus: 'member', nodeId: f.tree.communityA }, '10.9.9.10')).status).toBe(201);

    const reportIn = PUBLIC_LIMITS.reportIn.max;
    const token = 'B'.repeat(43);
    for (let i = 0; i < reportIn; i++) expect((await f.anon('POST', `/api/public/report-in/${token}`, { name: '某人', phone: '13900000050' }, '10.9.9.11')).status).toBe(404);
    expect((await f.anon('POST', `/api/public/report-in/${token}`, { name: '某人', phone: '13900000050' }, '10.9.9.11')).status).toBe(429);
  });
});
