import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { expectStatus, mobilizationFixture, TODAY, type MobilizationFixture } from './mobilization.fixtures.ts';

// 突击队 (leader, deputy, members), 亮承诺 / 践诺 with their counts, and the 亮身份 roster per place.
describe('mobilization: assault teams, pledges and the show-identity roster', () => {
  let f: MobilizationFixture;
  let teamId: string;
  let pledgeId: string;

  beforeAll(async () => { f = await mobilizationFixture(); });
  afterAll(async () => { await f.t.close(); });

  it('forms a team with leader and deputy; a retry with the same id answers with the same team', async () => {
    const { secB, tree, people } = f;
    const id = newId();
    const body = { id, kind: 'assault_team', name: '光明社区党员突击队', nodeId: tree.communityB, duty: '核酸检测秩序维护', leaderPersonId: people.wang, deputyPersonId: people.li };
    const team = expectStatus(await secB.post('/api/mobilization/teams', body), 201, 'team');
    expect(team).toMatchObject({
      id, kind: 'assault_team', nodeName: '光明社区', leader: { personId: people.wang, name: '王建华' }, deputy: { personId: people.li, name: '李秀英' }, memberCount: 2,
    });
    expect(expectStatus(await secB.post('/api/mobilization/teams', body), 201, 'retry').id).toBe(id);
    expect(expectStatus(await secB.get('/api/mobilization/teams'), 200, 'list')).toHaveLength(1);
    teamId = id;
    expect((await f.auditOf(id)).map((a) => a.action)).toEqual(['team.create']);
  });

  it('validates teams: fields, same leader and deputy, people out of reach', async () => {
    const { secB, secA, tree, people } = f;
    const bad = await secB.post('/api/mobilization/teams', { kind: 'army', name: ' ', nodeId: 'nowhere' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['kind', 'name', 'nodeId']);
    const same = await secB.post('/api/mobilization/teams', { kind: 'assault_team', name: '同一人', nodeId: tree.communityB, leaderPersonId: people.wang, deputyPersonId: people.wang });
    expect(same.status).toBe(400);
    expect(same.body.error.details.map((d: { path: string }) => d.path)).toEqual(['deputyPersonId']);
    // Community A does not reach people living in B who were never sent to A.
    const far = await secA.post('/api/mobilization/teams', { kind: 'youth_assault_team', name: '幸福社区青年突击队', nodeId: tree.communityA, leaderPersonId: people.chen });
    expect(far.status).toBe(404);
    expect(far.body.error.details[0].path).toBe('leaderPersonId');
  });

  it('adds members idempotently; a new leader makes the old one a member', async () => {
    const { secB, people } = f;
    const added = expectStatus(await secB.post(`/api/mobilization/teams/${teamId}/members`, { personId: people.zhao }), 201, 'add');
    expect(added).toMatchObject({ personName: '赵强', role: 'member', unitName: '区卫健局' });
    expectStatus(await secB.post(`/api/mobilization/teams/${teamId}/members`, { personId: people.zhao }), 201, 'again');
    expectStatus(await secB.post(`/api/mobilization/teams/${teamId}/members`, { personId: people.chen, role: 'leader' }), 201, 'new leader');
    const team = expectStatus(await secB.get(`/api/mobilization/teams/${teamId}`), 200, 'team');
    expect(team.members.map((m: { personName: string; role: string }) => [m.personName, m.role])).toEqual([
      ['陈明', 'leader'], ['李秀英', 'deputy'], ['王建华', 'member'], ['赵强', 'member'],
    ]);
    const swapped = expectStatus(await secB.patch(`/api/mobilization/teams/${teamId}`, { leaderPersonId: people.li, deputyPersonId: people.chen }), 200, 'swap');
    expect([swapped.leader.name, swapped.deputy.name]).toEqual(['李秀英', '陈明']);
    const actions = (await f.auditOf(teamId)).map((a) => a.action);
    expect(actions).toEqual(['team.create', 'team.member_add', 'team.member_add', 'team.update']);
  });

  it('records pledges and their fulfilment; counts per person, team and place', async () => {
    const { secB, people, tree } = f;
    const id = newId();
    const pledge = expectStatus(await secB.post('/api/mobilization/pledges', { id, personId: people.wang, teamId, content: '每日值守北门卡口', pledgedOn: '2026-02-20' }), 201, 'pledge');
    expect(pledge).toMatchObject({ id, personName: '王建华', nodeId: tree.communityB, teamName: '光明社区党员突击队', fulfilments: [] });
    expectStatus(await secB.post('/api/mobilization/pledges', { id, personId: people.wang, teamId, content: '每日值守北门卡口', pledgedOn: '2026-02-20' }), 201, 'retry');
    pledgeId = id;
    await f.create(secB, '/api/mobilization/pledges', { personId: people.li, nodeId: tree.compoundB, content: '为独居老人送药', pledgedOn: TODAY });
    const entryId = newId();
    const fulfilled = expectStatus(await secB.post(`/api/mobilization/pledges/${id}/fulfilments`, { id: entryId, doneOn: TODAY, note: '北门值守12小时' }), 201, 'fulfil');
    expect(fulfilled.fulfilments).toEqual([expect.objectContaining({ id: entryId, doneOn: TODAY, note: '北门值守12小时' })]);
    expectStatus(await secB.post(`/api/mobilization/pledges/${id}/fulfilments`, { id: entryId, doneOn: TODAY, note: '北门值守12小时' }), 201, 'fulfil again');
    await f.create(secB, `/api/mobilization/pledges/${id}/fulfilments`, { doneOn: '2026-02-20', note: '协助核酸检测' });

    expect(expectStatus(await secB.get('/api/mobilization/pledges/counts'), 200, 'counts')).toEqual({ pledges: 2, fulfilled: 1, fulfilments: 2, people: 2 });
    expect(expectStatus(await secB.get(`/api/mobilization/pledges/counts?teamId=${teamId}`), 200, 'team counts')).toEqual({ pledges: 1, fulfilled: 1, fulfilments: 2, people: 1 });
    expect(expectStatus(await secB.get(`/api/mobilization/pledges?personId=${people.li}`), 200, 'by person').items.map((p: { content: string }) => p.content)).toEqual(['为独居老人送药']);
    expect(expectStatus(await secB.get(`/api/mobilization/pledges?nodeId=${tree.compoundB}`), 200, 'by place').items).toHaveLength(1);
    const today = expectStatus(await secB.get('/api/mobilization/counts/today'), 200, 'today');
    expect(today).toMatchObject({ pledges: 2, fulfilmentsToday: 1, teams: 1, teamMembers: 4 });
    expect((await f.auditOf(id)).map((a) => a.action)).toEqual(['pledge.create', 'pledge.fulfil', 'pledge.fulfil']);

    const bad = await secB.post('/api/mobilization/pledges', { personId: people.wang, content: '', pledgedOn: '21/02/2026' });
    expect(bad.status).toBe(400);
    expect([...new Set(bad.body.error.details.map((d: { path: string }) => d.path))].sort()).toEqual(['content', 'pledgedOn']);
    const noPlace = await secB.post('/api/mobilization/pledges', { personId: people.wang, content: '无地点', pledgedOn: TODAY });
    expect(noPlace.status).toBe(400);
    expect(noPlace.body.error.details[0].path).toBe('nodeId');
  });

  it('shows the members on the front line per place, with their post, team and report-in', async () => {
    const { secB, admin, liaison2, tree, people, create } = f;
    const branch = await create(admin, '/api/org/party-orgs', { kind: 'temporary_branch', name: '电力小区临时党支部', nodeId: tree.compoundB, placeKind: 'compound', startsOn: TODAY });
    const area = await create(admin, '/api/org/areas', { name: '电力小区责任区', nodeId: tree.compoundB, branchId: branch, leaderPersonId: people.li });
    const post = await create(admin, '/api/org/posts', { name: '电力小区南门岗', areaId: area, nodeId: tree.compoundB });
    expectStatus(await admin.post(`/api/org/posts/${post}/members`, { personId: people.wang }), 201, 'post member');
    const batch = expectStatus(await liaison2.post('/api/mobilization/batches', { nodeId: tree.communityB, name: '交通局下沉', startsOn: TODAY, personIds: [people.chen] }), 201, 'batch');
    expectStatus(await secB.post(`/api/mobilization/arrivals/${batch.members[0].id}/confirm`), 200, 'confirm');

    const roster = expectStatus(await secB.get('/api/mobilization/roster'), 200, 'roster');
    const byPlace = Object.fromEntries(roster.map((p: { nodeName: string; members: Array<{ name: string; roles: Array<{ kind: string; name: string }> }> }) =>
      [p.nodeName, p.members.map((m) => `${m.name}:${m.roles.map((r) => `${r.kind}/${r.name}`).sort().join('+')}`)]));
    expect(byPlace).toEqual({
      光明社区: ['陈明:report_in/交通局下沉+team/光明社区党员突击队', '李秀英:team/光明社区党员突击队', '王建华:team/光明社区党员突击队'],
      电力小区: ['李秀英:area/电力小区责任区', '王建华:post/电力小区南门岗'],
    });
    // 赵强 is in the team but not a party member, so he is not on the roster.
    expect(JSON.stringify(roster)).not.toContain('赵强');
    const wang = roster.find((p: { nodeName: string }) => p.nodeName === '光明社区').members.find((m: { name: string }) => m.name === '王建华');
    expect(wang.pledges).toBe(1);
    expect(expectStatus(await secB.get(`/api/mobilization/roster?nodeId=${tree.compoundB}`), 200, 'compound').map((p: { nodeName: string }) => p.nodeName)).toEqual(['电力小区']);
  });

  it('deleting a team removes its memberships and keeps its pledges, with an audit row', async () => {
    const { secB } = f;
    expect((await secB.del(`/api/mobilization/teams/${teamId}`)).status).toBe(204);
    expect((await secB.get(`/api/mobilization/teams/${teamId}`)).status).toBe(404);
    const left = await f.t.ctx.database.db.selectFrom('assault_team_members').selectAll().where('team_id', '=', teamId).execute();
    expect(left).toEqual([]);
    const pledge = expectStatus(await secB.get(`/api/mobilization/pledges/${pledgeId}`), 200, 'pledge');
    expect(pledge).toMatchObject({ teamId: null, nodeName: '光明社区' });
    const audit = await f.auditOf(teamId);
    expect(audit.at(-1)?.action).toBe('team.delete');
    expect(JSON.parse(audit.at(-1)!.details).members).toHaveLength(4);
  });
});
