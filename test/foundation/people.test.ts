import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/harness.ts';
import { loginAs, type Client } from '../support/client.ts';
import { appWithTree, personInput, type Tree } from '../support/factories.ts';

describe('people of the workforce', () => {
  let t: TestApp;
  let admin: Client;
  let tree: Tree;
  beforeAll(async () => { ({ t, admin, tree } = await appWithTree()); });
  afterAll(async () => { await t.close(); });

  it('creates a person with masked phone and ID number; the database holds neither in plain text', async () => {
    const res = await admin.post('/api/people', personInput(tree.compoundA, {
      name: '王红梅', sex: 'F', phone: '138 0013 5678', idNumber: '11010519491231002x', skills: '驾驶、医护',
    }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '王红梅', phoneMasked: '138****5678', idNumberMasked: '110105********002X', skills: ['驾驶', '医护'],
      homeNodeName: '新城区 东街街道 幸福社区 阳光花园',
    });
    const raw = await t.ctx.database.db.selectFrom('people').selectAll().where('id', '=', res.body.id).executeTakeFirstOrThrow();
    const dump = JSON.stringify(raw);
    expect(dump).not.toContain('11010519491231002X');
    expect(dump).not.toContain('13800135678');
    const audit = await t.ctx.database.db.selectFrom('audit_log').select('details').where('entity_id', '=', res.body.id).execute();
    expect(JSON.stringify(audit)).not.toContain('13800135678');
  });

  it('finds a person by exact phone, by exact ID number (15-digit form too) and by name fragment', async () => {
    await admin.post('/api/people', personInput(tree.compoundA, { name: '李建国', phone: '13912345678', idNumber: '130503670401001' }));
    expect((await admin.get('/api/people?q=13912345678')).body.items.map((p: { name: string }) => p.name)).toEqual(['李建国']);
    expect((await admin.get('/api/people?q=130503196704010016')).body.items.map((p: { name: string }) => p.name)).toEqual(['李建国']);
    expect((await admin.get(`/api/people?q=${encodeURIComponent('建国')}`)).body.items).toHaveLength(1);
    expect((await admin.get('/api/people?q=13900000000')).body.items).toHaveLength(0);
  });

  it('rejects bad input field by field, in the user\'s language', async () => {
    const bad = await admin.post('/api/people', { name: '', politicalStatus: 'boss', category: 'volunteer', phone: '12345', idNumber: '110105194912310021' });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['idNumber', 'name', 'phone', 'politicalStatus']);
    const zh = await t.app.inject({
      method: 'POST', url: '/api/people', payload: { name: '张三', politicalStatus: 'member', category: 'volunteer', idNumber: '110105194912310021', homeNodeId: tree.compoundA },
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'x-lang': 'zh' },
    });
    const body = JSON.parse(zh.body);
    expect(body.error.details).toEqual([{ path: 'idNumber', message: '身份证号校验位错误' }]);
    const dup = await admin.post('/api/people', personInput(tree.compoundA, { idNumber: '11010519491231002X' }));
    expect(dup.status).toBe(409);
  });

  it('pages with a keyset cursor that never repeats or skips', async () => {
    for (let i = 0; i < 7; i++) await admin.post('/api/people', personInput(tree.compoundB, { name: `分页${i}` }));
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { status: number; body: { items: { id: string }[]; next: string | null } } =
        await admin.get(`/api/people?nodeId=${tree.communityB}&limit=3${after ? `&after=${after}` : ''}`);
      seen.push(...page.body.items.map((p) => p.id));
      after = page.body.next;
    } while (after);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect([...seen].sort()).toEqual(seen);
  });

  it('keeps community A and community B apart', async () => {
    const inB = (await admin.post('/api/people', personInput(tree.compoundB, { name: '光明居民' }))).body.id;
    const a = await loginAs(admin, t.app, { username: 'sec-a-people', role: 'community_secretary', nodeId: tree.communityA });
    const list = await a.get('/api/people?limit=200');
    expect(list.body.items.map((p: { name: string }) => p.name)).not.toContain('光明居民');
    expect((await a.get(`/api/people/${inB}`)).status).toBe(404);
    expect((await a.patch(`/api/people/${inB}`, { name: 'x' })).status).toBe(404);
    expect((await a.del(`/api/people/${inB}`)).status).toBe(404);
    const placeOutside = await a.post('/api/people', personInput(tree.compoundB));
    expect(placeOutside.status).toBe(404);
    expect(placeOutside.body.error.details[0].path).toBe('homeNodeId');
    expect((await a.post('/api/people', personInput(tree.compoundA))).status).toBe(201);
  });

  it('updates and deletes, refusing to delete a person an account is bound to', async () => {
    const p = (await admin.post('/api/people', personInput(tree.compoundA, { name: '待删' }))).body;
    const upd = await admin.patch(`/api/people/${p.id}`, { category: 'medic', phone: '13700001111' });
    expect(upd.body).toMatchObject({ category: 'medic', phoneMasked: '137****1111' });
    expect((await admin.del(`/api/people/${p.id}`)).status).toBe(204);
    expect((await admin.get(`/api/people/${p.id}`)).status).toBe(404);
  });

  it('refuses to delete a person later capabilities still refer to (a duty lead, site staff), naming what', async () => {
    const p = (await admin.post('/api/people', personInput(tree.compoundA, { name: '赵卫东' }))).body;
    const db = t.ctx.database.db;
    const now = new Date().toISOString();
    await db.insertInto('duty_posts').values({
      id: '01JPOST000000000000000000A', name: '东门卡口', kind: 'checkpoint', node_id: tree.compoundA, vanguard_post_id: null,
      phone: null, note: null, token: 'bench-token-people-dependents', min_rest_minutes: null, late_grace_minutes: null,
      active: 1, created_at: now, updated_at: now,
    }).execute();
    await db.insertInto('duty_post_leads').values({ post_id: '01JPOST000000000000000000A', rank: 1, person_id: p.id, created_at: now }).execute();
    const refused = await admin.del(`/api/people/${p.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('HAS_DEPENDENTS');
    expect(JSON.stringify(refused.body.error)).toContain('dutyLeads');
    expect((await admin.get(`/api/people/${p.id}`)).status).toBe(200);
  });
});
