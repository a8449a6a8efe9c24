import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/support/client.ts';
import { newId } from '../../platform/ids.ts';
import { expectStatus, mobilizationFixture, TODAY, type MobilizationFixture } from './mobilization.fixtures.ts';

// Reach: a community's accounts get nothing of another community; a unit's liaison nothing of another unit.
// Reads and writes by id answer 404, lists leave the rows out. Pairing lets a unit follow its people's work.
describe('mobilization: scope isolation and pairing', () => {
  let f: MobilizationFixture;
  const ids = {} as Record<'batchA' | 'batchB' | 'memberA' | 'memberB' | 'teamA' | 'pledgeA' | 'signupA' | 'pairing', string>;

  beforeAll(async () => {
    f = await mobilizationFixture();
    const { liaison1, liaison2, secA, tree, people, create } = f;
    const batchA = expectStatus(await liaison1.post('/api/mobilization/batches', {
      nodeId: tree.communityA, name: '卫健局下沉', startsOn: TODAY, personIds: [people.wang, people.li],
    }), 201, 'batch A');
    const batchB = expectStatus(await liaison2.post('/api/mobilization/batches', {
      nodeId: tree.communityB, name: '交通局下沉', startsOn: TODAY, personIds: [people.chen],
    }), 201, 'batch B');
    ids.batchA = batchA.id;
    ids.batchB = batchB.id;
    ids.memberA = batchA.members[0].id;
    ids.memberB = batchB.members[0].id;
    expectStatus(await secA.post(`/api/mobilization/arrivals/${ids.memberA}/confirm`), 200, 'confirm A');
    ids.teamA = await create(secA, '/api/mobilization/teams', { kind: 'youth_assault_team', name: '幸福社区青年突击队', nodeId: tree.communityA });
    expectStatus(await secA.post(`/api/mobilization/arrivals/${ids.memberA}/assign`, { kind: 'team', targetId: ids.teamA }), 200, 'assign A');
    ids.pledgeA = await create(secA, '/api/mobilization/pledges', { personId: people.wang, teamId: ids.teamA, content: '每天巡查楼栋两次', pledgedOn: TODAY });
    ids.signupA = newId();
    expectStatus(await f.anon('POST', '/api/public/volunteers', {
      id: ids.signupA, name: '孙悦', phone: '13900000011', politicalStatus: 'non_member', nodeId: tree.communityA,
    }), 201, 'sign-up A');
  });
  afterAll(async () => { await f.t.close(); });

  it('community B reads nothing of community A', async () => {
    const { secB } = f;
    for (const url of [
      `/api/mobilization/batches/${ids.batchA}`, `/api/mobilization/arrivals/${ids.memberA}`, `/api/mobilization/teams/${ids.teamA}`,
      `/api/mobilization/pledges/${ids.pledgeA}`, `/api/mobilization/volunteers/${ids.signupA}`, `/api/mobilization/volunteers/${ids.signupA}/phone`,
      `/api/mobilization/report-in-codes/${f.tree.communityA}`, `/api/mobilization/roster?nodeId=${f.tree.communityA}`,
    ]) {
      const r = await secB.get(url);
      expect(r.status, url).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    const listIds = async (url: string) => {
      const body = expectStatus(await secB.get(url), 200, url);
      return (Array.isArray(body) ? body : body.items).map((x: { id: string }) => x.id);
    };
    expect(await listIds('/api/mobilization/batches')).toEqual([ids.batchB]);
    expect(await listIds('/api/mobilization/arrivals')).toEqual([ids.memberB]);
    expect(await listIds('/api/mobilization/teams')).toEqual([]);
    expect(await listIds('/api/mobilization/pledges')).toEqual([]);
    expect(await listIds('/api/mobilization/volunteers')).toEqual([]);
    expect(await listIds(`/api/mobilization/arrivals?nodeId=${f.tree.communityA}`)).toEqual([]);
    const counts = expectStatus(await secB.get('/api/mobilization/counts'), 200, 'counts');
    expect(counts.totals).toEqual({ dispatched: 1, reportedIn: 0, assigned: 0 });
    const today = expectStatus(await secB.get('/api/mobilization/counts/today'), 200, 'today');
    expect(today).toMatchObject({ teams: 0, pledges: 0, volunteersPending: 0 });
  });

  it('community B changes nothing of community A: 404 for every write by id', async () => {
    const { secB, tree, people } = f;
    const writes: Array<[string, Promise<{ status: number }>]> = [
      ['confirm', secB.post(`/api/mobilization/arrivals/${ids.memberA}/confirm`)],
      ['assign', secB.post(`/api/mobilization/arrivals/${ids.memberA}/assign`, { kind: 'team', targetId: ids.teamA })],
      ['patch batch', secB.patch(`/api/mobilization/batches/${ids.batchA}`, { name: '改' })],
      ['delete batch', secB.del(`/api/mobilization/batches/${ids.batchA}`)],
      ['new code', secB.post(`/api/mobilization/report-in-codes/${tree.communityA}`)],
      ['patch team', secB.patch(`/api/mobilization/teams/${ids.teamA}`, { name: '改' })],
      ['delete team', secB.del(`/api/mobilization/teams/${ids.teamA}`)],
      ['team member', secB.post(`/api/mobilization/teams/${ids.teamA}/members`, { personId: people.chen })],
      ['patch pledge', secB.patch(`/api/mobilization/pledges/${ids.pledgeA}`, { content: '改' })],
      ['fulfil', secB.post(`/api/mobilization/pledges/${ids.pledgeA}/fulfilments`, { doneOn: TODAY, note: '巡查' })],
      ['delete pledge', secB.del(`/api/mobilization/pledges/${ids.pledgeA}`)],
      ['approve', secB.post(`/api/mobilization/volunteers/${ids.signupA}/approve`, {})],
      ['decline', secB.post(`/api/mobilization/volunteers/${ids.signupA}/decline`, { reason: '不需要' })],
      ['team in A', secB.post('/api/mobilization/teams', { kind: 'assault_team', name: '越界', nodeId: tree.communityA })],
      ['pledge in A', secB.post('/api/mobilization/pledges', { personId: people.chen, nodeId: tree.communityA, content: '越界', pledgedOn: TODAY })],
    ];
    for (const [what, call] of writes) expect((await call).status, what).toBe(404);
    // Nothing changed.
    const batch = expectStatus(await f.admin.get(`/api/mobilization/batches/${ids.batchA}`), 200, 'batch');
    expect(batch.name).toBe('卫健局下沉');
    expect(expectStatus(await f.admin.get(`/api/mobilization/volunteers/${ids.signupA}`), 200, 'sign-up').status).toBe('pending');
  });

  it('a unit liaison sees and changes only its own unit\'s batches', async () => {
    const { liaison1, liaison2, tree, people, unit2 } = f;
    expect(expectStatus(await liaison1.get('/api/mobilization/batches'), 200, 'list').items.map((b: { id: string }) => b.id)).toEqual([ids.batchA]);
    expect(expectStatus(await liaison2.get('/api/mobilization/arrivals'), 200, 'arrivals').items.map((m: { id: string }) => m.id)).toEqual([ids.memberB]);
    for (const [what, r] of [
      ['read', await liaison2.get(`/api/mobilization/batches/${ids.batchA}`)],
      ['read member', await liaison2.get(`/api/mobilization/arrivals/${ids.memberA}`)],
      ['patch', await liaison2.patch(`/api/mobilization/batches/${ids.batchA}`, { name: '改' })],
      ['add people', await liaison2.post(`/api/mobilization/batches/${ids.batchA}/members`, { personIds: [people.chen] })],
      ['delete', await liaison2.del(`/api/mobilization/batches/${ids.batchA}`)],
      ['team', await liaison2.get(`/api/mobilization/teams/${ids.teamA}`)],
    ] as const) expect(r.status, what).toBe(404);
    const otherUnit = await liaison1.post('/api/mobilization/batches', { unitId: unit2, nodeId: tree.communityA, name: 'x', startsOn: TODAY, personIds: [people.wang] });
    expect(otherUnit.status).toBe(404);
    expect(otherUnit.body.error.details[0].path).toBe('unitId');
    const otherPeople = await liaison1.post('/api/mobilization/batches', { nodeId: tree.communityA, name: 'x', startsOn: TODAY, personIds: [people.chen] });
    expect(otherPeople.status).toBe(400);
    expect(otherPeople.body.error.details[0].path).toBe('personIds.0');
    expect(expectStatus(await liaison2.get('/api/mobilization/counts'), 200, 'counts').totals).toEqual({ dispatched: 1, reportedIn: 0, assigned: 0 });
    // The liaison adds people of its own unit to its batch: idempotent.
    const added = expectStatus(await liaison1.post(`/api/mobilization/batches/${ids.batchA}/members`, { personIds: [people.zhao, people.zhao, people.li] }), 200, 'add');
    expect(added.members).toHaveLength(3);
    const again = expectStatus(await liaison1.post(`/api/mobilization/batches/${ids.batchA}/members`, { personIds: [people.zhao] }), 200, 'add again');
    expect(again.members).toHaveLength(3);
    expect((await f.auditOf(ids.batchA)).map((a) => a.action)).toEqual(['dispatch_batch.create', 'dispatch_batch.member_add']);
  });

  it('pairing: the paired unit follows its people in the community; other units and communities do not', async () => {
    const { secA, secB, liaison1, liaison2, unit1, tree, people } = f;
    const pairing = expectStatus(await secA.post('/api/mobilization/pairings', { id: newId(), unitId: unit1, nodeId: tree.communityA, startsOn: '2026-02-01' }), 201, 'pair');
    ids.pairing = pairing.id;
    expect(pairing).toMatchObject({ unitName: '区卫健局', nodeName: '幸福社区', figures: { dispatched: 3, reportedIn: 1, assigned: 1 } });
    const dup = await secA.post('/api/mobilization/pairings', { unitId: unit1, nodeId: tree.communityA, startsOn: '2026-02-01' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details[0].path).toBe('nodeId');

    expect(expectStatus(await liaison1.get('/api/mobilization/pairings'), 200, 'liaison pairs').map((p: { id: string }) => p.id)).toEqual([ids.pairing]);
    const activity = expectStatus(await liaison1.get(`/api/mobilization/pairings/${ids.pairing}/activity`), 200, 'activity');
    expect(activity.members.map((m: { personName: string; status: string }) => [m.personName, m.status]).sort()).toEqual([
      ['李秀英', 'expected'], ['王建华', 'assigned'], ['赵强', 'expected'],
    ]);
    expect(activity.teamMembers).toEqual([{ teamId: ids.teamA, teamName: '幸福社区青年突击队', personId: people.wang, personName: '王建华', role: 'member' }]);
    expect(activity).toMatchObject({ pledges: 1, fulfilments: 0 });

    expect(expectStatus(await liaison2.get('/api/mobilization/pairings'), 200, 'other unit')).toEqual([]);
    expect((await liaison2.get(`/api/mobilization/pairings/${ids.pairing}`)).status).toBe(404);
    expect((await liaison2.get(`/api/mobilization/pairings/${ids.pairing}/activity`)).status).toBe(404);
    expect((await secB.get(`/api/mobilization/pairings/${ids.pairing}`)).status).toBe(404);
    expect((await secB.patch(`/api/mobilization/pairings/${ids.pairing}`, { note: '改' })).status).toBe(404);
    expect((await liaison2.post('/api/mobilization/pairings', { unitId: unit1, nodeId: tree.communityB, startsOn: TODAY })).status).toBe(404);

    const ended = expectStatus(await liaison1.patch(`/api/mobilization/pairings/${ids.pairing}`, { endsOn: '2026-03-31' }), 200, 'end');
    expect(ended.endsOn).toBe('2026-03-31');
    const backwards = await liaison1.patch(`/api/mobilization/pairings/${ids.pairing}`, { endsOn: '2026-01-01' });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details[0].path).toBe('endsOn');
    expect((await f.auditOf(ids.pairing)).map((a) => a.action)).toEqual(['pairing.create', 'pairing.update']);
  });

  it('a community finds its residents and the people sent to it, for teams and pledges; no one else', async () => {
    const names = (await f.secA.get('/api/mobilization/people')).body.map((p: { name: string }) => p.name);
    expect(names).toEqual(expect.arrayContaining(['王建华', '李秀英', '周丽']));
    expect(names).not.toContain('陈明');
    expect((await f.secA.get('/api/mobilization/people?q=13800000001')).body).toEqual([
      { id: f.people.wang, name: '王建华', politicalStatus: 'member', unitName: '区卫健局' },
    ]);
    expect((await f.secA.get('/api/mobilization/people?q=13800000004')).body).toEqual([]);
    expect((await f.liaison2.get('/api/mobilization/people')).body.map((p: { name: string }) => p.name)).toEqual(['陈明']);
  });

  it('names every unit for pickers, so a community can pair with a unit located elsewhere', async () => {
    const names = expectStatus(await f.secA.get('/api/mobilization/unit-options'), 200, 'units').map((u: { name: string }) => u.name);
    expect(names.sort()).toEqual(['区交通局', '区卫健局'].sort());
  });

  it('a street account sees both communities and both sides', async () => {
    const { admin, t, tree } = f;
    const street = await loginAs(admin, t.app, { username: 'street1', role: 'street', nodeId: tree.street });
    const items = expectStatus(await street.get('/api/mobilization/batches'), 200, 'street').items.map((b: { id: string }) => b.id).sort();
    expect(items).toEqual([ids.batchA, ids.batchB].sort());
    expect(expectStatus(await street.get('/api/mobilization/volunteers?status=pending'), 200, 'volunteers').items).toHaveLength(1);
  });
});
