import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { expectStatus, mobilizationFixture, TODAY, type MobilizationFixture } from './mobilization.fixtures.ts';

// 下沉 → 报到 → 安排: a unit sends its people down, they report in (QR or the community's button), the
// community puts them into a team, on a post or in a responsibility area; the counts follow the rows.
describe('mobilization: dispatch, report-in and assignment', () => {
  let f: MobilizationFixture;
  let batchId: string;
  let token: string;
  const member = (batch: { members: Array<{ personId: string; id: string }> }, personId: string) =>
    batch.members.find((m) => m.personId === personId)!;

  beforeAll(async () => { f = await mobilizationFixture(); });
  afterAll(async () => { await f.t.close(); });

  it('a unit liaison sends its people down to a community; a retry with the same id makes one batch', async () => {
    const { liaison1, tree, people, unit1 } = f;
    const id = newId();
    const body = { id, nodeId: tree.communityA, batchNo: '第3批', name: '卫健局第三批下沉', startsOn: TODAY, personIds: [people.wang, people.li, people.zhao] };
    const first = expectStatus(await liaison1.post('/api/mobilization/batches', body), 201, 'create batch');
    expect(first).toMatchObject({ id, unitId: unit1, unitName: '区卫健局', nodeName: '幸福社区', batchNo: '第3批', figures: { dispatched: 3, reportedIn: 0, assigned: 0 } });
    expect(first.members.map((m: { personName: string; status: string }) => [m.personName, m.status])).toEqual([
      ['王建华', 'expected'], ['李秀英', 'expected'], ['赵强', 'expected'],
    ]);
    expect(first.members[0].phoneMasked).toBe('138****0001');
    const retry = expectStatus(await liaison1.post('/api/mobilization/batches', body), 201, 'retry');
    expect(retry.id).toBe(id);
    const rows = await f.t.ctx.database.db.selectFrom('dispatch_members').select('id').where('batch_id', '=', id).execute();
    expect(rows).toHaveLength(3);
    expect((await f.auditOf(id)).map((a) => a.action)).toEqual(['dispatch_batch.create']);
    batchId = id;
  });

  it('rejects bad input field by field, and people of another unit', async () => {
    const { liaison1, tree, people } = f;
    const bad = await liaison1.post('/api/mobilization/batches', { nodeId: 'x', name: '', startsOn: '2026-02-30', endsOn: '2026-01-01', personIds: [] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['endsOn', 'name', 'nodeId', 'personIds', 'startsOn']);
    const range = await liaison1.post('/api/mobilization/batches', { nodeId: tree.communityA, name: '倒序', startsOn: '2026-03-01', endsOn: '2026-02-01', personIds: [people.wang] });
    expect(range.status).toBe(400);
    expect(range.body.error.details).toEqual([{ path: 'endsOn', message: expect.any(String) }]);
    const foreign = await liaison1.post('/api/mobilization/batches', { nodeId: tree.communityA, name: '混入', startsOn: TODAY, personIds: [people.wang, people.chen] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.map((d: { path: string }) => d.path)).toEqual(['personIds.1']);
    const noUnit = await f.admin.post('/api/mobilization/batches', { nodeId: tree.communityA, name: '无单位', startsOn: TODAY, personIds: [people.wang] });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.error.details[0].path).toBe('unitId');
  });

  it('the receiving community sees who is coming; the sending unit cannot be changed by it', async () => {
    const { secA } = f;
    const arrivals = expectStatus(await secA.get('/api/mobilization/arrivals?status=expected'), 200, 'arrivals');
    expect(arrivals.items.map((m: { personName: string }) => m.personName).sort()).toEqual(['李秀英', '王建华', '赵强']);
    expect(expectStatus(await secA.get(`/api/mobilization/batches/${batchId}`), 200, 'batch').name).toBe('卫健局第三批下沉');
    expect((await secA.patch(`/api/mobilization/batches/${batchId}`, { name: '改名' })).status).toBe(403);
  });

  it('reports in by the community QR code: matched by phone and name, idempotent, nothing revealed otherwise', async () => {
    const { secA, anon, people } = f;
    const code = expectStatus(await secA.post(`/api/mobilization/report-in-codes/${f.tree.communityA}`), 200, 'code');
    token = code.token;
    expect(code.path).toBe(`/report-in/${token}`);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(expectStatus(await secA.get(`/api/mobilization/report-in-codes/${f.tree.communityA}`), 200, 'read code').token).toBe(token);
    const stored = await f.t.ctx.database.db.selectFrom('report_in_codes').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(token);

    expect(expectStatus(await anon('GET', `/api/public/report-in/${token}`), 200, 'place')).toEqual({ nodeName: '幸福社区', parentName: '东街街道' });
    const first = expectStatus(await anon('POST', `/api/public/report-in/${token}`, { name: '王 建华', phone: '138-0000-0001' }), 200, 'report in');
    expect(first).toMatchObject({ recorded: true, personName: '王建华', placeName: '幸福社区', reportedAt: '2026-02-21T08:00:00.000Z' });
    f.clock.advance(60_000);
    const again = expectStatus(await anon('POST', `/api/public/report-in/${token}`, { name: '王建华', phone: '13800000001' }), 200, 'again');
    expect(again).toMatchObject({ recorded: false, reportedAt: '2026-02-21T08:00:00.000Z' });

    const stranger = await anon('POST', `/api/public/report-in/${token}`, { name: '王建华', phone: '13900000000' });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('NOT_FOUND');
    expect(stranger.body.error.details).toEqual([{ path: 'phone', message: expect.any(String) }]);
    expect(JSON.stringify(stranger.body)).not.toContain('王建华');
    // Right phone, wrong name; and a real person who is not dispatched here: the same answer.
    expect((await anon('POST', `/api/public/report-in/${token}`, { name: '李秀英', phone: '13800000001' })).status).toBe(404);
    expect((await anon('POST', `/api/public/report-in/${token}`, { name: '陈明', phone: '13800000004' })).status).toBe(404);
    const badPhone = await anon('POST', `/api/public/report-in/${token}`, { name: '王建华', phone: '12345' });
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.details.map((d: { path: string }) => d.path)).toEqual(['phone']);
    expect((await anon('GET', `/api/public/report-in/${'A'.repeat(43)}`)).status).toBe(404);

    const batch = expectStatus(await secA.get(`/api/mobilization/batches/${batchId}`), 200, 'batch');
    const wang = member(batch, people.wang) as unknown as { id: string; status: string; reportMethod: string; reportedNodeName: string };
    expect(wang).toMatchObject({ status: 'reported', reportMethod: 'qr', reportedNodeName: '幸福社区' });
    const audit = await f.auditOf(wang.id);
    expect(audit.map((a) => [a.action, a.actor_name])).toEqual([['dispatch_member.report_in', 'public']]);
  });

  it('a new code replaces the old one', async () => {
    const renewed = expectStatus(await f.secA.post(`/api/mobilization/report-in-codes/${f.tree.communityA}`), 200, 'renew');
    expect(renewed.token).not.toBe(token);
    expect((await f.anon('GET', `/api/public/report-in/${token}`)).status).toBe(404);
    token = renewed.token;
  });

  it('the community confirms a report-in by button, once', async () => {
    const { secA, people } = f;
    const batch = expectStatus(await secA.get(`/api/mobilization/batches/${batchId}`), 200, 'batch');
    const li = member(batch, people.li);
    const first = expectStatus(await secA.post(`/api/mobilization/arrivals/${li.id}/confirm`), 200, 'confirm');
    expect(first).toMatchObject({ status: 'reported', reportMethod: 'confirm', reportedAt: '2026-02-21T08:01:00.000Z' });
    f.clock.advance(60_000);
    const again = expectStatus(await secA.post(`/api/mobilization/arrivals/${li.id}/confirm`), 200, 'confirm again');
    expect(again.reportedAt).toBe(first.reportedAt);
    expect((await f.auditOf(li.id)).map((a) => a.action)).toEqual(['dispatch_member.report_in']);
    // The sending unit reads its people's status but does not confirm for the community.
    expect((await f.liaison1.post(`/api/mobilization/arrivals/${li.id}/confirm`)).status).toBe(403);
    expect(expectStatus(await f.liaison1.get(`/api/mobilization/arrivals/${li.id}`), 200, 'liaison reads').status).toBe('reported');
  });

  it('assigns reported-in people to a team, a vanguard post and a responsibility area', async () => {
    const { secA, admin, tree, people, create } = f;
    const batch = expectStatus(await secA.get(`/api/mobilization/batches/${batchId}`), 200, 'batch');
    const [wang, li, zhao] = [member(batch, people.wang), member(batch, people.li), member(batch, people.zhao)];
    const team = await create(secA, '/api/mobilization/teams', { kind: 'assault_team', name: '幸福社区党员突击队', nodeId: tree.communityA });
    const branch = await create(admin, '/api/org/party-orgs', { kind: 'temporary_branch', name: '阳光花园临时党支部', nodeId: tree.compoundA, placeKind: 'compound', startsOn: TODAY });
    const area = await create(admin, '/api/org/areas', { name: '阳光花园责任区', nodeId: tree.compoundA, branchId: branch });
    const post = await create(admin, '/api/org/posts', { name: '阳光花园北门岗', areaId: area, nodeId: tree.compoundA });

    const notYet = await secA.post(`/api/mobilization/arrivals/${zhao.id}/assign`, { kind: 'team', targetId: team });
    expect(notYet.status).toBe(400);
    expect(notYet.body.error.details[0].path).toBe('id');

    const toTeam = expectStatus(await secA.post(`/api/mobilization/arrivals/${wang.id}/assign`, { kind: 'team', targetId: team, role: 'deputy' }), 200, 'team');
    expect(toTeam).toMatchObject({ status: 'assigned', assignment: { kind: 'team', id: team, name: '幸福社区党员突击队' } });
    expect(expectStatus(await secA.get(`/api/mobilization/teams/${team}`), 200, 'team').deputy).toEqual({ personId: people.wang, name: '王建华' });

    const toPost = expectStatus(await secA.post(`/api/mobilization/arrivals/${li.id}/assign`, { kind: 'post', targetId: post, role: 'leader' }), 200, 'post');
    expect(toPost.assignment).toMatchObject({ kind: 'post', name: '阳光花园北门岗' });
    const holders = expectStatus(await admin.get(`/api/org/posts/${post}/members`), 200, 'post members');
    expect(holders.map((m: { personName: string; role: string }) => [m.personName, m.role])).toEqual([['李秀英', 'leader']]);
    // Again: idempotent, still one holder.
    expectStatus(await secA.post(`/api/mobilization/arrivals/${li.id}/assign`, { kind: 'post', targetId: post, role: 'leader' }), 200, 'post again');
    expect(expectStatus(await admin.get(`/api/org/posts/${post}/members`), 200, 'post members')).toHaveLength(1);

    expectStatus(await secA.post(`/api/mobilization/arrivals/${zhao.id}/confirm`), 200, 'confirm zhao');
    const toArea = expectStatus(await secA.post(`/api/mobilization/arrivals/${zhao.id}/assign`, { kind: 'area', targetId: area }), 200, 'area');
    expect(toArea.assignment).toMatchObject({ kind: 'area', name: '阳光花园责任区' });
    const audit = await f.auditOf(zhao.id);
    expect(audit.map((a) => a.action)).toEqual(['dispatch_member.report_in', 'dispatch_member.assign']);
    expect(JSON.parse(audit[1].details)).toMatchObject({ kind: 'area', targetId: area });

    const badKind = await secA.post(`/api/mobilization/arrivals/${zhao.id}/assign`, { kind: 'desk', targetId: area });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.details[0].path).toBe('kind');
    const deputyOnPost = await secA.post(`/api/mobilization/arrivals/${zhao.id}/assign`, { kind: 'post', targetId: post, role: 'deputy' });
    expect(deputyOnPost.status).toBe(400);
  });

  it('counts equal the rows: per unit, per community and today', async () => {
    const { admin, secA, liaison1, unit1, tree, t } = f;
    const rows = await t.ctx.database.db.selectFrom('dispatch_members').selectAll().execute();
    const expected = {
      dispatched: rows.length,
      reportedIn: rows.filter((r) => r.reported_at).length,
      assigned: rows.filter((r) => r.assignment_kind).length,
    };
    expect(expected).toEqual({ dispatched: 3, reportedIn: 3, assigned: 3 });
    for (const client of [admin, secA, liaison1]) {
      const counts = expectStatus(await client.get('/api/mobilization/counts'), 200, 'counts');
      expect(counts.totals).toEqual(expected);
      expect(counts.byUnit).toEqual([{ unitId: unit1, unitName: '区卫健局', ...expected }]);
      expect(counts.byNode).toEqual([{ nodeId: tree.communityA, nodeName: '幸福社区', ...expected }]);
    }
    const today = expectStatus(await secA.get('/api/mobilization/counts/today'), 200, 'today');
    expect(today).toMatchObject({ day: TODAY, active: expected, reportedToday: 3, assignedToday: 3, teams: 1, teamMembers: 1 });
    // Community B received nobody.
    expect(expectStatus(await f.secB.get('/api/mobilization/counts'), 200, 'counts B').totals).toEqual({ dispatched: 0, reportedIn: 0, assigned: 0 });
  });

  it('a batch with reported-in people cannot be deleted; one without can, with its audit row', async () => {
    const { liaison1, tree, people } = f;
    const refused = await liaison1.del(`/api/mobilization/batches/${batchId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual([{ path: 'reportedIn', message: '3' }]);
    const spare = expectStatus(await liaison1.post('/api/mobilization/batches', {
      nodeId: tree.communityB, name: '备勤', startsOn: '2026-02-22', endsOn: '2026-02-28', personIds: [people.wang],
    }), 201, 'spare');
    expect((await liaison1.del(`/api/mobilization/batches/${spare.id}`)).status).toBe(204);
    expect((await f.auditOf(spare.id)).map((a) => a.action)).toEqual(['dispatch_batch.create', 'dispatch_batch.delete']);
  });
});
