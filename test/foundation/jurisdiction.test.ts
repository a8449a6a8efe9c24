import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/harness.ts';
import { loginAs, type Client } from '../support/client.ts';
import { appWithTree, type Tree } from '../support/factories.ts';

describe('jurisdiction tree', () => {
  let t: TestApp;
  let admin: Client;
  let tree: Tree;
  beforeAll(async () => { ({ t, admin, tree } = await appWithTree()); });
  afterAll(async () => { await t.close(); });

  it('lists levels as data and lets an administrator add one', async () => {
    const levels = await admin.get('/api/jurisdiction/levels');
    expect(levels.body.map((l: { code: string }) => l.code)).toEqual(expect.arrayContaining(['district', 'street', 'town', 'village', 'household']));
    const put = await admin.put('/api/jurisdiction/levels', { code: 'grid', nameZh: '网格', nameEn: 'Grid', rank: 35 });
    expect(put.status).toBe(200);
    const grid = await admin.post('/api/jurisdiction/nodes', { parentId: tree.communityA, levelCode: 'grid', name: '第一网格' });
    expect(grid.status).toBe(201);
    expect((await admin.del('/api/jurisdiction/levels/grid')).status).toBe(409);
  });

  it('opens lazily: top nodes, then children with counts', async () => {
    const top = await admin.get('/api/jurisdiction/nodes');
    expect(top.body.map((n: { name: string }) => n.name)).toContain('新城区');
    const children = await admin.get(`/api/jurisdiction/nodes?parentId=${tree.street}`);
    expect(children.body.map((n: { name: string }) => n.name).sort()).toEqual(['光明社区', '幸福社区']);
    expect(children.body.find((n: { name: string }) => n.name === '光明社区').childCount).toBe(1);
  });

  it('refuses a level that does not sit below its parent, duplicate siblings and blank names', async () => {
    const wrongLevel = await admin.post('/api/jurisdiction/nodes', { parentId: tree.compoundA, levelCode: 'street', name: '错层' });
    expect(wrongLevel.status).toBe(422);
    expect(wrongLevel.body.error.code).toBe('INVALID_LEVEL');
    const dup = await admin.post('/api/jurisdiction/nodes', { parentId: tree.street, levelCode: 'community', name: '幸福社区' });
    expect(dup.status).toBe(409);
    const blank = await admin.post('/api/jurisdiction/nodes', { parentId: tree.street, levelCode: 'community', name: '   ' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.details[0].path).toBe('name');
  });

  it('treats a retried create with the same client id as one create', async () => {
    const { newId } = await import('../../src/platform/ids.ts');
    const id = newId();
    const a = await admin.post('/api/jurisdiction/nodes', { id, parentId: tree.compoundA, levelCode: 'building', name: '1号楼' });
    const b = await admin.post('/api/jurisdiction/nodes', { id, parentId: tree.compoundA, levelCode: 'building', name: '1号楼' });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).toBe(id);
    const children = await admin.get(`/api/jurisdiction/nodes?parentId=${tree.compoundA}`);
    expect(children.body.filter((n: { name: string }) => n.name === '1号楼')).toHaveLength(1);
  });

  it('renames, moves a subtree (paths follow) and refuses a move under itself', async () => {
    const b = await tree.node(tree.compoundB, 'building', '2号楼');
    const e = await tree.node(b, 'entrance', '1单元');
    expect((await admin.patch(`/api/jurisdiction/nodes/${b}`, { name: '2栋' })).body.name).toBe('2栋');
    const moved = await admin.post(`/api/jurisdiction/nodes/${b}/move`, { newParentId: tree.compoundA });
    expect(moved.status).toBe(200);
    const detail = await admin.get(`/api/jurisdiction/nodes/${e}`);
    expect(detail.body.ancestors.map((a: { name: string }) => a.name)).toEqual(['新城区', '东街街道', '幸福社区', '阳光花园', '2栋']);
    const rows = await t.ctx.database.db.selectFrom('jurisdiction_nodes').select(['path', 'depth']).where('id', '=', e).executeTakeFirstOrThrow();
    expect(rows.path.startsWith(`/${tree.district}/${tree.street}/${tree.communityA}/${tree.compoundA}/${b}/`)).toBe(true);
    expect(rows.depth).toBe(5);
    const cycle = await admin.post(`/api/jurisdiction/nodes/${b}/move`, { newParentId: e });
    expect(cycle.status).toBe(409);
    expect(cycle.body.error.code).toBe('INVALID_MOVE');
  });

  it('refuses to delete a node with children, then deletes a leaf, with audit rows', async () => {
    const refused = await admin.del(`/api/jurisdiction/nodes/${tree.communityB}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('HAS_DEPENDENTS');
    expect(refused.body.error.details).toEqual([{ path: 'children', message: '1' }]);
    const leaf = await tree.node(tree.compoundB, 'building', '临时楼');
    expect((await admin.del(`/api/jurisdiction/nodes/${leaf}`)).status).toBe(204);
    expect((await admin.get(`/api/jurisdiction/nodes/${leaf}`)).status).toBe(404);
    const audit = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', leaf).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['node.create', 'node.delete']);
    expect(audit[0].actor_name).toBe('admin');
  });

  it('searches by name within reach and gives the path of names', async () => {
    const hits = await admin.get(`/api/jurisdiction/search?q=${encodeURIComponent('光明')}`);
    expect(hits.body[0]).toMatchObject({ name: '光明社区', pathNames: ['新城区', '东街街道', '光明社区'] });
  });

  it('keeps a community account inside its own subtree, for reads and writes', async () => {
    const a = await loginAs(admin, t.app, { username: 'sec-a', role: 'community_secretary', nodeId: tree.communityA });
    const top = await a.get('/api/jurisdiction/nodes');
    expect(top.body.map((n: { id: string }) => n.id)).toEqual([tree.communityA]);
    expect((await a.get(`/api/jurisdiction/nodes/${tree.communityB}`)).status).toBe(404);
    expect((await a.get(`/api/jurisdiction/nodes?parentId=${tree.communityB}`)).status).toBe(404);
    expect((await a.post('/api/jurisdiction/nodes', { parentId: tree.compoundB, levelCode: 'building', name: 'X' })).status).toBe(404);
    expect((await a.patch(`/api/jurisdiction/nodes/${tree.compoundB}`, { name: 'hacked' })).status).toBe(404);
    expect((await a.del(`/api/jurisdiction/nodes/${tree.compoundB}`)).status).toBe(404);
    expect((await a.post(`/api/jurisdiction/nodes/${tree.compoundA}/move`, { newParentId: tree.communityB })).status).toBe(404);
    const search = await a.get(`/api/jurisdiction/search?q=${encodeURIComponent('社区')}`);
    expect(search.body.map((h: { id: string }) => h.id)).toEqual([tree.communityA]);
    const detail = await a.get(`/api/jurisdiction/nodes/${tree.compoundA}`);
    expect(detail.body.ancestors.map((x: { name: string }) => x.name)).toEqual(['幸福社区']);
    expect((await a.post('/api/jurisdiction/nodes', { parentId: tree.compoundA, levelCode: 'building', name: '9号楼' })).status).toBe(201);
    expect((await a.put('/api/jurisdiction/levels', { code: 'xx', nameZh: 'x', nameEn: 'x', rank: 5 })).status).toBe(403);
  });

  it('gives field roles read access only', async () => {
    const guard = await loginAs(admin, t.app, { username: 'guard-a', role: 'gate_guard', nodeId: tree.compoundA });
    expect((await guard.get('/api/jurisdiction/nodes')).status).toBe(200);
    const write = await guard.post('/api/jurisdiction/nodes', { parentId: tree.compoundA, levelCode: 'building', name: 'G' });
    expect(write.status).toBe(403);
    expect(write.body.error.code).toBe('FORBIDDEN');
  });
});
