import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Client } from '../../../test/support/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';
import { expectStatus, orgFixture, shape } from './org.fixtures.ts';

describe('org: the five-level chain', () => {
  let t: TestApp;
  let admin: Client;
  let f: Awaited<ReturnType<typeof orgFixture>>;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app);
    f = await orgFixture(admin);
  });
  afterAll(async () => { await t.close(); });

  /** unit → party group → (branch, temporary branch at a compound → area → post → two members). */
  async function buildChain(prefix: string) {
    const { tree, create, person } = f;
    const unit = await create(admin, '/api/org/units', { name: `${prefix}文物保护中心`, kind: 'institution', nodeId: tree.street });
    const group = await create(admin, '/api/org/party-orgs', { kind: 'party_group', name: `${prefix}中心党组`, unitId: unit });
    const branch = await create(admin, '/api/org/party-orgs', { kind: 'branch', name: '第一党支部', unitId: unit, parentId: group });
    const temp = await create(admin, '/api/org/party-orgs', {
      kind: 'temporary_branch', name: '阳光花园临时党支部', unitId: unit, parentId: group, nodeId: tree.compoundA,
      placeKind: 'compound', placeName: '阳光花园', startsOn: '2022-04-01', endsOn: '2022-05-15',
    });
    const leader = await person(tree.compoundA, `${prefix}张学仲`);
    const member = await person(tree.communityA, `${prefix}李明`);
    const area = await create(admin, '/api/org/areas', { name: '1-5号楼责任区', nodeId: tree.compoundA, branchId: temp, leaderPersonId: leader });
    const post = await create(admin, '/api/org/posts', { name: '东门卡口先锋岗', areaId: area, nodeId: tree.compoundA, duty: '测温、扫码' });
    expectStatus(await admin.post(`/api/org/posts/${post}/members`, { personId: member }), 201, 'member');
    expectStatus(await admin.post(`/api/org/posts/${post}/members`, { personId: leader, role: 'leader' }), 201, 'leader');
    return { unit, group, branch, temp, area, post, leader, member };
  }

  it('builds unit → party group → branch → area → post → members, and the chain returns exactly that tree', async () => {
    const c = await buildChain('甲');

    const unit = await admin.get(`/api/org/units/${c.unit}`);
    expect(unit.body).toMatchObject({ id: c.unit, name: '甲文物保护中心', kind: 'institution', nodeId: f.tree.street, nodeName: '东街街道' });
    expect(unit.body).not.toHaveProperty('nodePath');
    const temp = await admin.get(`/api/org/party-orgs/${c.temp}`);
    expect(temp.body).toMatchObject({
      kind: 'temporary_branch', unitName: '甲文物保护中心', parentId: c.group, parentName: '甲中心党组', nodeName: '阳光花园',
      placeKind: 'compound', placeName: '阳光花园', startsOn: '2022-04-01', endsOn: '2022-05-15', secretaryPersonId: null,
    });
    const areas = await admin.get(`/api/org/areas?branchId=${c.temp}`);
    expect(areas.body).toEqual([expect.objectContaining({
      id: c.area, nodeName: '阳光花园', branchName: '阳光花园临时党支部', branchKind: 'temporary_branch', leaderName: '甲张学仲', postCount: 1,
    })]);
    const posts = await admin.get(`/api/org/posts?areaId=${c.area}`);
    expect(posts.body).toEqual([expect.objectContaining({ id: c.post, areaName: '1-5号楼责任区', nodeName: '阳光花园', duty: '测温、扫码', memberCount: 2 })]);
    const members = await admin.get(`/api/org/posts/${c.post}/members`);
    expect(members.body.map((m: { personName: string; role: string }) => [m.personName, m.role])).toEqual([['甲张学仲', 'leader'], ['甲李明', 'member']]);

    const chain = await admin.get(`/api/org/chain?unitId=${c.unit}`);
    expect(chain.status).toBe(200);
    expect(shape(chain.body)).toEqual([
      { kind: 'party_group', name: '甲中心党组', children: [
        { kind: 'branch', name: '第一党支部', children: [] },
        { kind: 'temporary_branch', name: '阳光花园临时党支部', children: [
          { kind: 'area', name: '1-5号楼责任区', children: [
            { kind: 'post', name: '东门卡口先锋岗', children: [
              { kind: 'member', name: '甲张学仲', children: [] },
              { kind: 'member', name: '甲李明', children: [] },
            ] },
          ] },
        ] },
      ] },
    ]);
    const tempNode = chain.body[0].children[1];
    expect(tempNode).toMatchObject({ key: `temporary_branch:${c.temp}`, id: c.temp, detail: '甲文物保护中心 · 阳光花园 · 2022-04-01~2022-05-15' });
    const postNode = tempNode.children[0].children[0];
    expect(postNode).toMatchObject({ key: `post:${c.post}`, detail: '阳光花园 · 测温、扫码' });
    expect(postNode.children[0]).toMatchObject({ key: `member:${c.post}:${c.leader}`, id: c.leader, detail: 'leader' });

    // By place: only what is placed in community A (the temporary branch), with everything below it.
    const byNode = await admin.get(`/api/org/chain?nodeId=${f.tree.communityA}`);
    const mine = byNode.body.filter((n: { id: string }) => n.id === c.temp);
    expect(shape(mine)).toEqual([shape([tempNode])[0]]);
    expect(byNode.body.some((n: { id: string }) => n.id === c.group)).toBe(false);
  });

  it('adds a member idempotently: the same person again changes the role, and removes members', async () => {
    const c = await buildChain('乙');
    const again = await admin.post(`/api/org/posts/${c.post}/members`, { personId: c.member, role: 'leader' });
    expect(again.status).toBe(201);
    expect(again.body).toMatchObject({ postId: c.post, personId: c.member, personName: '乙李明', role: 'leader', politicalStatus: 'member' });
    const same = await admin.post(`/api/org/posts/${c.post}/members`, { personId: c.member, role: 'leader' });
    expect(same.body.role).toBe('leader');
    const members = await admin.get(`/api/org/posts/${c.post}/members`);
    expect(members.body).toHaveLength(2);
    expect((await admin.del(`/api/org/posts/${c.post}/members/${c.member}`)).status).toBe(204);
    expect((await admin.del(`/api/org/posts/${c.post}/members/${c.member}`)).status).toBe(404);
    expect((await admin.get(`/api/org/posts/${c.post}/members`)).body).toHaveLength(1);
  });

  it('answers invalid input with 400 and details naming the field', async () => {
    const c = await buildChain('丙');
    const paths = (r: { body: { error: { details: Array<{ path: string }> } } }) => r.body.error.details.map((d) => d.path);

    const badKind = await admin.post('/api/org/party-orgs', { kind: 'bogus', name: '某组织' });
    expect(badKind.status).toBe(400);
    expect(paths(badKind)).toContain('kind');
    const badUnitKind = await admin.post('/api/org/units', { name: '某单位', kind: 'ministry' });
    expect(badUnitKind.status).toBe(400);
    expect(paths(badUnitKind)).toEqual(['kind']);

    const noPlace = await admin.post('/api/org/party-orgs', { kind: 'temporary_branch', name: '无地点临时党支部' });
    expect(noPlace.status).toBe(400);
    expect(paths(noPlace).sort()).toEqual(['nodeId', 'placeKind', 'startsOn']);

    const backwards = await admin.post('/api/org/party-orgs', {
      kind: 'temporary_group', name: '倒序临时党小组', nodeId: f.tree.compoundA, placeKind: 'checkpoint', startsOn: '2022-05-01', endsOn: '2022-04-30',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.details).toEqual([{ path: 'endsOn', message: 'End date is before start date' }]);
    const badDate = await admin.post('/api/org/party-orgs', { kind: 'branch', name: '日期错', startsOn: '2022-02-30' });
    expect(paths(badDate)).toEqual(['startsOn']);

    // The same rules on update, applied to the record as it would become.
    const patchBack = await admin.patch(`/api/org/party-orgs/${c.temp}`, { endsOn: '2022-03-01' });
    expect(patchBack.status).toBe(400);
    expect(paths(patchBack)).toEqual(['endsOn']);
    const clearPlace = await admin.patch(`/api/org/party-orgs/${c.temp}`, { nodeId: null });
    expect(paths(clearPlace)).toEqual(['nodeId']);

    const branchUnderBranch = await admin.post('/api/org/party-orgs', { kind: 'branch', name: '支部下支部', parentId: c.branch });
    expect(branchUnderBranch.status).toBe(400);
    expect(paths(branchUnderBranch)).toEqual(['parentId']);
    const groupUnderPartyGroup = await admin.post('/api/org/party-orgs', {
      kind: 'temporary_group', name: '党组下小组', parentId: c.group, nodeId: f.tree.compoundA, placeKind: 'compound', startsOn: '2022-04-01',
    });
    expect(paths(groupUnderPartyGroup)).toEqual(['parentId']);
    const tempGroup = await admin.post('/api/org/party-orgs', {
      kind: 'temporary_group', name: '东门临时党小组', parentId: c.temp, nodeId: f.tree.compoundA, placeKind: 'checkpoint', startsOn: '2022-04-02',
    });
    expect(tempGroup.status).toBe(201);

    const kindWithAreas = await admin.patch(`/api/org/party-orgs/${c.temp}`, { kind: 'party_committee' });
    expect(kindWithAreas.status).toBe(400);
    expect(paths(kindWithAreas)).toEqual(['kind']);

    const committee = await f.create(admin, '/api/org/party-orgs', { kind: 'party_committee', name: '丙党委', parentId: c.group });
    const cycle = await admin.patch(`/api/org/party-orgs/${c.group}`, { parentId: committee });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error).toMatchObject({ code: 'INVALID_MOVE', details: [{ path: 'parentId' }] });
    const self = await admin.patch(`/api/org/party-orgs/${c.group}`, { parentId: c.group });
    expect(self.status).toBe(409);

    const areaOnGroup = await admin.post('/api/org/areas', { name: '党组责任区', nodeId: f.tree.compoundA, branchId: c.group });
    expect(areaOnGroup.status).toBe(400);
    expect(paths(areaOnGroup)).toEqual(['branchId']);
    const postOutside = await admin.post('/api/org/posts', { name: '越界先锋岗', areaId: c.area, nodeId: f.tree.compoundB });
    expect(postOutside.status).toBe(400);
    expect(paths(postOutside)).toEqual(['nodeId']);
    const areaAway = await admin.patch(`/api/org/areas/${c.area}`, { nodeId: f.tree.compoundB });
    expect(paths(areaAway)).toEqual(['nodeId']);

    const unknownNode = await admin.post('/api/org/areas', { name: '无此地', nodeId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', branchId: c.branch });
    expect(unknownNode.status).toBe(404);
    expect(paths(unknownNode)).toEqual(['nodeId']);
    const dupUnit = await admin.post('/api/org/units', { name: '丙文物保护中心', kind: 'other' });
    expect(dupUnit.status).toBe(409);
    expect(paths(dupUnit)).toEqual(['name']);
  });

  it('refuses to delete while anything depends on it (HAS_DEPENDENTS), then deletes bottom-up with audit rows', async () => {
    const c = await buildChain('丁');
    const inBranch = expectStatus(await admin.post('/api/people', { name: '丁支部党员', politicalStatus: 'member', category: 'cadre', homeNodeId: f.tree.communityA, branchId: c.branch }), 201, 'person');
    const refused = async (url: string, details: Array<{ path: string; message: string }>) => {
      const r = await admin.del(url);
      expect(r.status, url).toBe(409);
      expect(r.body.error.code).toBe('HAS_DEPENDENTS');
      expect(r.body.error.details).toEqual(details);
    };
    await refused(`/api/org/units/${c.unit}`, [{ path: 'partyOrgs', message: '3' }]);
    await refused(`/api/org/party-orgs/${c.group}`, [{ path: 'childOrgs', message: '2' }]);
    await refused(`/api/org/party-orgs/${c.temp}`, [{ path: 'areas', message: '1' }]);
    await refused(`/api/org/party-orgs/${c.branch}`, [{ path: 'people', message: '1' }]);
    await refused(`/api/org/areas/${c.area}`, [{ path: 'posts', message: '1' }]);
    await refused(`/api/org/posts/${c.post}`, [{ path: 'members', message: '2' }]);

    for (const p of [c.leader, c.member]) expect((await admin.del(`/api/org/posts/${c.post}/members/${p}`)).status).toBe(204);
    expect((await admin.patch(`/api/people/${inBranch.id}`, { branchId: null })).status).toBe(200);
    for (const url of [
      `/api/org/posts/${c.post}`, `/api/org/areas/${c.area}`, `/api/org/party-orgs/${c.temp}`, `/api/org/party-orgs/${c.branch}`,
      `/api/org/party-orgs/${c.group}`, `/api/org/units/${c.unit}`,
    ]) expect((await admin.del(url)).status, url).toBe(204);
    expect((await admin.get(`/api/org/party-orgs/${c.group}`)).status).toBe(404);
    expect((await admin.get(`/api/org/chain?unitId=${c.unit}`)).body).toEqual([]);

    const audit = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'entity_id', 'actor_name', 'scope_path'])
      .where('entity_id', 'in', [c.unit, c.group, c.branch, c.temp, c.area, c.post]).orderBy('id').execute();
    const actions = (id: string) => audit.filter((a) => a.entity_id === id).map((a) => a.action);
    expect(actions(c.unit)).toEqual(['unit.create', 'unit.delete']);
    expect(actions(c.temp)).toEqual(['party_org.create', 'party_org.delete']);
    expect(actions(c.area)).toEqual(['area.create', 'area.delete']);
    expect(actions(c.post)).toEqual(['post.create', 'post.member_add', 'post.member_add', 'post.member_remove', 'post.member_remove', 'post.delete']);
    expect(audit.every((a) => a.actor_name === 'admin')).toBe(true);
    const tempCreate = audit.find((a) => a.entity_id === c.temp && a.action === 'party_org.create')!;
    expect(tempCreate.scope_path).toMatch(new RegExp(`/${f.tree.compoundA}/$`));
  });

  it('writes an audit row for each update, with before and after', async () => {
    const c = await buildChain('戊');
    expect((await admin.patch(`/api/org/units/${c.unit}`, { kind: 'government' })).body.kind).toBe('government');
    expect((await admin.patch(`/api/org/party-orgs/${c.branch}`, { name: '第二党支部' })).body.name).toBe('第二党支部');
    expect((await admin.patch(`/api/org/areas/${c.area}`, { name: '6-9号楼责任区' })).body.name).toBe('6-9号楼责任区');
    expect((await admin.patch(`/api/org/posts/${c.post}`, { duty: null })).body.duty).toBeNull();
    const rows = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'details'])
      .where('action', 'in', ['unit.update', 'party_org.update', 'area.update', 'post.update'])
      .where('entity_id', 'in', [c.unit, c.branch, c.area, c.post]).orderBy('id').execute();
    expect(rows.map((r) => r.action)).toEqual(['unit.update', 'party_org.update', 'area.update', 'post.update']);
    expect(JSON.parse(rows[1].details)).toMatchObject({ before: { name: '第一党支部' }, after: { name: '第二党支部' } });
  });
});
