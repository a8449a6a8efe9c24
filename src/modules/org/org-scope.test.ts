import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, loginAs, type Client } from '../../../test/support/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';
import { SYSTEM_ACTOR, type Actor } from '../../platform/policy.ts';
import { expectStatus, orgFixture } from './org.fixtures.ts';

// Reach: a community account sees and changes only what lies in its community; a unit liaison only its unit's.
describe('org: scope', () => {
  let t: TestApp;
  let admin: Client;
  let a: Client;
  let liaison: Client;
  let f: Awaited<ReturnType<typeof orgFixture>>;
  const ids = {} as Record<'unitA' | 'unitB' | 'orgA' | 'areaA' | 'postA' | 'personA' | 'orgB' | 'areaB' | 'postB' | 'personB' | 'orgOther', string>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app);
    f = await orgFixture(admin);
    const { tree, create, person } = f;
    ids.unitA = await create(admin, '/api/org/units', { name: '幸福社区卫生服务站', kind: 'institution', nodeId: tree.communityA });
    ids.unitB = await create(admin, '/api/org/units', { name: '光明社区物业公司', kind: 'enterprise', nodeId: tree.communityB });
    // Community A's branch belongs to a unit located there (it has no place of its own).
    ids.orgA = await create(admin, '/api/org/party-orgs', { kind: 'branch', name: '卫生服务站党支部', unitId: ids.unitA });
    ids.areaA = await create(admin, '/api/org/areas', { name: '阳光花园责任区', nodeId: tree.compoundA, branchId: ids.orgA });
    ids.postA = await create(admin, '/api/org/posts', { name: '阳光花园北门岗', areaId: ids.areaA, nodeId: tree.compoundA });
    ids.personA = await person(tree.compoundA, '王甲');
    // Community B's temporary branch is placed at its compound.
    ids.orgB = await create(admin, '/api/org/party-orgs', {
      kind: 'temporary_branch', name: '电力小区临时党支部', nodeId: tree.compoundB, placeKind: 'compound', startsOn: '2022-04-01',
    });
    ids.areaB = await create(admin, '/api/org/areas', { name: '电力小区责任区', nodeId: tree.compoundB, branchId: ids.orgB });
    ids.postB = await create(admin, '/api/org/posts', { name: '电力小区南门岗', areaId: ids.areaB, nodeId: tree.compoundB });
    ids.personB = await person(tree.compoundB, '赵乙');
    expectStatus(await admin.post(`/api/org/posts/${ids.postB}/members`, { personId: ids.personB }), 201, 'member B');
    ids.orgOther = await create(admin, '/api/org/party-orgs', { kind: 'party_committee', name: '东街街道党工委', nodeId: tree.street });

    a = await loginAs(admin, t.app, { username: 'sec_a', role: 'community_secretary', nodeId: tree.communityA });
    liaison = await loginAs(admin, t.app, { username: 'liaison', role: 'unit_liaison', unitId: ids.unitA });
  });
  afterAll(async () => { await t.close(); });

  const idsOf = (r: { body: Array<{ id: string }> }) => r.body.map((x) => x.id);
  const chainIds = (nodes: Array<{ id: string; children: any[] }>): string[] => nodes.flatMap((n) => [n.id, ...chainIds(n.children)]);

  it('a community account reads none of another community\'s orgs, areas, posts or units', async () => {
    for (const url of [
      `/api/org/party-orgs/${ids.orgB}`, `/api/org/areas/${ids.areaB}`, `/api/org/posts/${ids.postB}`,
      `/api/org/posts/${ids.postB}/members`, `/api/org/units/${ids.unitB}`, `/api/org/party-orgs/${ids.orgOther}`,
    ]) {
      const r = await a.get(url);
      expect(r.status, url).toBe(404);
      expect(r.body.error.code).toBe('NOT_FOUND');
    }
    expect(idsOf(await a.get('/api/org/party-orgs'))).toEqual([ids.orgA]);
    expect(idsOf(await a.get('/api/org/areas'))).toEqual([ids.areaA]);
    expect(idsOf(await a.get('/api/org/posts'))).toEqual([ids.postA]);
    expect(idsOf(await a.get('/api/org/units'))).toEqual([ids.unitA]);
    expect(idsOf(await a.get(`/api/org/party-orgs?nodeId=${f.tree.communityB}`))).toEqual([]);
    expect(idsOf(await a.get(`/api/org/posts?areaId=${ids.areaB}`))).toEqual([]);
    expect(chainIds((await a.get('/api/org/chain')).body)).toEqual([ids.orgA, ids.areaA, ids.postA]);
    expect(chainIds((await a.get(`/api/org/chain?nodeId=${f.tree.communityB}`)).body)).toEqual([]);
    // The administrator sees both.
    expect(idsOf(await admin.get('/api/org/party-orgs'))).toEqual(expect.arrayContaining([ids.orgA, ids.orgB, ids.orgOther]));
  });

  it('a community account changes none of them: 404 for every write by id', async () => {
    const writes: Array<[string, Promise<{ status: number }>]> = [
      ['patch org', a.patch(`/api/org/party-orgs/${ids.orgB}`, { name: '改名' })],
      ['delete org', a.del(`/api/org/party-orgs/${ids.orgB}`)],
      ['patch area', a.patch(`/api/org/areas/${ids.areaB}`, { name: '改名' })],
      ['delete area', a.del(`/api/org/areas/${ids.areaB}`)],
      ['patch post', a.patch(`/api/org/posts/${ids.postB}`, { name: '改名' })],
      ['delete post', a.del(`/api/org/posts/${ids.postB}`)],
      ['add member', a.post(`/api/org/posts/${ids.postB}/members`, { personId: ids.personA })],
      ['remove member', a.del(`/api/org/posts/${ids.postB}/members/${ids.personB}`)],
      ['patch unit', a.patch(`/api/org/units/${ids.unitB}`, { kind: 'other' })],
      ['delete unit', a.del(`/api/org/units/${ids.unitB}`)],
    ];
    for (const [what, call] of writes) expect((await call).status, what).toBe(404);
    expect((await admin.get(`/api/org/party-orgs/${ids.orgB}`)).body.name).toBe('电力小区临时党支部');
    expect((await admin.get(`/api/org/posts/${ids.postB}/members`)).body).toHaveLength(1);
  });

  it('a community account cannot point a new record at another community: NOT_FOUND naming the field', async () => {
    const { tree } = f;
    const refused = async (r: Promise<{ status: number; body: any }>, field: string) => {
      const res = await r;
      expect(res.status, field).toBe(404);
      expect(res.body.error.details).toEqual([{ path: field, message: expect.any(String) }]);
    };
    await refused(a.post('/api/org/areas', { name: '越界', nodeId: tree.compoundB, branchId: ids.orgA }), 'nodeId');
    await refused(a.post('/api/org/areas', { name: '越界', nodeId: tree.compoundA, branchId: ids.orgB }), 'branchId');
    await refused(a.post('/api/org/posts', { name: '越界', areaId: ids.areaB, nodeId: tree.compoundB }), 'areaId');
    await refused(a.post('/api/org/posts', { name: '越界', areaId: ids.areaA, nodeId: tree.compoundB }), 'nodeId');
    await refused(a.post(`/api/org/posts/${ids.postA}/members`, { personId: ids.personB }), 'personId');
    await refused(a.post('/api/org/party-orgs', { kind: 'branch', name: '越界', unitId: ids.unitB }), 'unitId');
    await refused(a.post('/api/org/party-orgs', { kind: 'branch', name: '越界', nodeId: tree.communityA, parentId: ids.orgOther }), 'parentId');
    await refused(a.post('/api/org/party-orgs', { kind: 'branch', name: '越界', nodeId: tree.communityA, secretaryPersonId: ids.personB }), 'secretaryPersonId');
    await refused(a.patch(`/api/org/party-orgs/${ids.orgA}`, { nodeId: tree.compoundB }), 'nodeId');
    await refused(a.post('/api/org/units', { name: '越界单位', kind: 'other', nodeId: tree.communityB }), 'nodeId');
    // A record that would belong to no place of the account's is refused too.
    const nowhere = await a.post('/api/org/party-orgs', { kind: 'branch', name: '无处' });
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.details[0].path).toBe('nodeId');
  });

  it('a community account works inside its own community', async () => {
    const { tree, create } = f;
    const temp = await create(a, '/api/org/party-orgs', {
      kind: 'temporary_branch', name: '幸福社区卡口临时党支部', nodeId: tree.compoundA, placeKind: 'checkpoint', startsOn: '2022-04-03',
    });
    const area = await create(a, '/api/org/areas', { name: '卡口责任区', nodeId: tree.compoundA, branchId: temp });
    const post = await create(a, '/api/org/posts', { name: '卡口先锋岗', areaId: area, nodeId: tree.compoundA });
    expectStatus(await a.post(`/api/org/posts/${post}/members`, { personId: ids.personA, role: 'leader' }), 201, 'member');
    expect((await a.patch(`/api/org/party-orgs/${ids.orgA}`, { secretaryPersonId: ids.personA })).body.secretaryName).toBe('王甲');
    expect(chainIds((await a.get(`/api/org/chain?nodeId=${tree.compoundA}`)).body)).toEqual(expect.arrayContaining([temp, area, post, ids.personA]));
  });

  it('a unit liaison sees and changes only its own unit\'s orgs and reads only its unit', async () => {
    const { tree } = f;
    expect(idsOf(await liaison.get('/api/org/units'))).toEqual([ids.unitA]);
    expect((await liaison.get(`/api/org/units/${ids.unitB}`)).status).toBe(404);
    expect((await liaison.post('/api/org/units', { name: '新单位', kind: 'other' })).status).toBe(403);
    expect((await liaison.patch(`/api/org/units/${ids.unitA}`, { kind: 'other' })).status).toBe(403);

    expect(idsOf(await liaison.get('/api/org/party-orgs'))).toEqual([ids.orgA]);
    expect(idsOf(await liaison.get('/api/org/areas'))).toEqual([ids.areaA]);
    expect(idsOf(await liaison.get('/api/org/posts'))).toEqual([ids.postA]);
    expect((await liaison.get(`/api/org/party-orgs/${ids.orgB}`)).status).toBe(404);
    expect((await liaison.patch(`/api/org/areas/${ids.areaB}`, { name: 'x' })).status).toBe(404);

    // Its new orgs always belong to its unit; another unit is out of reach.
    const own = expectStatus(await liaison.post('/api/org/party-orgs', { kind: 'party_group', name: '服务站党组' }), 201, 'org');
    expect(own).toMatchObject({ unitId: ids.unitA, unitName: '幸福社区卫生服务站' });
    const other = await liaison.post('/api/org/party-orgs', { kind: 'branch', name: '别家', unitId: ids.unitB });
    expect(other.status).toBe(404);
    expect(other.body.error.details[0].path).toBe('unitId');
    // A unit sent down sets up temporary branches wherever it serves.
    const sentDown = await liaison.post('/api/org/party-orgs', {
      kind: 'temporary_branch', name: '下沉电力小区临时党支部', parentId: own.id, nodeId: tree.compoundB, placeKind: 'compound', startsOn: '2022-04-05',
    });
    expect(sentDown.status).toBe(201);
    expect(chainIds((await liaison.get('/api/org/chain')).body).sort()).toEqual([ids.orgA, ids.areaA, ids.postA, own.id, sentDown.body.id].sort());

    // The liaison account is among what depends on its unit.
    const del = await admin.del(`/api/org/units/${ids.unitA}`);
    expect(del.status).toBe(409);
    expect(del.body.error.details).toEqual(expect.arrayContaining([{ path: 'accounts', message: '1' }]));
  });

  it('imports units idempotently by name and exports only the units within reach', async () => {
    const org = t.ctx.services.org;
    const input = { name: '市文物保护中心', kind: 'institution' as const, nodeId: f.tree.street };
    expect(await org.importUnit(SYSTEM_ACTOR, input)).toBe('created');
    expect(await org.importUnit(SYSTEM_ACTOR, input)).toBe('unchanged');
    expect(await org.importUnit(SYSTEM_ACTOR, { ...input, nodeId: undefined })).toBe('unchanged');
    expect(await org.importUnit(SYSTEM_ACTOR, { ...input, kind: 'government' })).toBe('updated');

    const node = await t.ctx.database.db.selectFrom('jurisdiction_nodes').select('path').where('id', '=', f.tree.communityA).executeTakeFirstOrThrow();
    const actorA: Actor = { accountId: '', username: 'sec_a', displayName: 'sec_a', role: 'community_secretary', nodeId: f.tree.communityA, nodePath: node.path, unitId: null };
    await expect(org.importUnit(actorA, { name: '光明社区物业公司', kind: 'other' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(org.importUnit(actorA, { name: '新单位甲', kind: 'other', nodeId: f.tree.communityB })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await org.importUnit(actorA, { name: '新单位甲', kind: 'other', nodeId: f.tree.compoundA })).toBe('created');

    const exported = await org.listUnitsForExport(actorA);
    expect(exported.map((u) => [u.name, u.locationNames.join('/')])).toEqual([
      ['幸福社区卫生服务站', '新城区/东街街道/幸福社区'],
      ['新单位甲', '新城区/东街街道/幸福社区/阳光花园'],
    ].sort((x, y) => (x[0] < y[0] ? -1 : 1)));
    const audit = await t.ctx.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'unit.import%').execute();
    expect(audit.map((r) => r.action).sort()).toEqual(['unit.import_create', 'unit.import_create', 'unit.import_update']);
  });
});
