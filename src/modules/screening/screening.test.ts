import ExcelJS from '../../platform/transfer/exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { personInput } from '../../../test/support/factories.ts';
import { account, campaignInput, screeningWorld, visit, type ScreeningWorld } from './screening.fixtures.ts';

type Row = { name: string; householdsTotal: number; visited: number; nobodyHome: number; refused: number; notYet: number; symptomatic: number; arrivals: number; needsFound: number };

describe('screening campaigns: tasks per building, assignment, progress, tabulation, scope', () => {
  let w: ScreeningWorld;
  let campaignId: string;
  let tasks: Array<{ taskId: string; name: string; nodeId: string; householdsTotal: number }>;
  const taskOf = (nodeId: string) => tasks.find((t) => t.nodeId === nodeId)!.taskId;
  beforeAll(async () => { w = await screeningWorld(); });
  afterAll(async () => { await w.t.close(); });

  it('creates one task per building (a village is one task) with households in door order; a retry makes nothing new', async () => {
    const id = newId();
    const res = await w.admin.post('/api/screening/campaigns', { id, ...campaignInput(w.world.street, { feverThreshold: 37.3 }) });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id, name: '第一轮入户排查', nodeName: '东街街道', status: 'open', tasks: 4, householdsTotal: 7, feverThreshold: 37.3 });
    const again = await w.admin.post('/api/screening/campaigns', { id, ...campaignInput(w.world.street) });
    expect(again.status).toBe(201);
    expect(await w.t.ctx.database.db.selectFrom('screening_tasks').select('id').execute()).toHaveLength(4);
    campaignId = id;
    const progress = await w.admin.get(`/api/screening/campaigns/${id}/progress`);
    tasks = progress.body.tasks;
    expect(tasks.map((t) => `${t.name}:${t.householdsTotal}`).sort()).toEqual(
      ['光明社区 电力小区 5号楼:1', '幸福社区 阳光花园 1号楼:3', '幸福社区 阳光花园 2号楼:1', '桃园村:2'].sort());
    const task = await w.admin.get(`/api/screening/tasks/${taskOf(w.world.a1)}`);
    expect(task.body.households.map((h: { name: string; doorOrder: number }) => `${h.doorOrder}:${h.name}`)).toEqual(['1:1单元 101室', '2:1单元 102室', '3:2单元 201室']);
    expect(task.body.households[0].residents.map((r: { name: string }) => r.name).sort()).toEqual(['李阿姨', '王大爷']);
    const audit = await w.t.ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['screening.campaign_create']);
  });

  it('rejects bad campaign input field by field and a subtree without households', async () => {
    const bad = await w.admin.post('/api/screening/campaigns', campaignInput(w.world.a1, { name: '', startDate: '2026-02-25', endDate: '2026-02-20', feverThreshold: 42 }));
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['endDate', 'feverThreshold', 'name']);
    const empty = await w.t.ctx.database.db.selectFrom('jurisdiction_nodes').select('id').where('name', '=', '阳光花园').executeTakeFirstOrThrow();
    const emptyBuilding = (await w.admin.post('/api/jurisdiction/nodes', { parentId: empty.id, levelCode: 'building', name: '空楼' })).body.id;
    const none = await w.admin.post('/api/screening/campaigns', campaignInput(emptyBuilding));
    expect(none.status).toBe(400);
    expect(none.body.error.details).toEqual([{ path: 'nodeId', message: 'No households under this node to screen' }]);
    expect(await w.t.ctx.database.db.selectFrom('screening_campaigns').select('id').execute()).toHaveLength(1);
  });

  it('assigns a task to an account and a person; a worker sees only the tasks assigned to them', async () => {
    const lead = await account(w, 'lead-screen', 'building_lead', w.world.compoundA);
    const person = (await w.admin.post('/api/people', personInput(w.world.communityA, { name: '志愿者小周' }))).body;
    const volunteer = await account(w, 'vol-screen', 'volunteer', w.world.communityA, person.id);
    const assign = await w.admin.put(`/api/screening/tasks/${taskOf(w.world.a1)}/assignees`, { accountIds: [lead.id], personIds: [] });
    expect(assign.status).toBe(200);
    expect(assign.body.assignees).toEqual([{ personId: null, accountId: lead.id, name: 'lead-screen' }]);
    await w.admin.put(`/api/screening/tasks/${taskOf(w.world.a2)}/assignees`, { personIds: [person.id] });
    const unknown = await w.admin.put(`/api/screening/tasks/${taskOf(w.world.a2)}/assignees`, { personIds: [newId()] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details[0].path).toBe('personIds.0');

    const mine = await lead.client.get('/api/screening/my-tasks');
    expect(mine.body.map((t: { taskId: string }) => t.taskId)).toEqual([taskOf(w.world.a1)]);
    expect((await lead.client.get(`/api/screening/tasks/${taskOf(w.world.a2)}`)).status).toBe(404);
    expect((await volunteer.client.get('/api/screening/my-tasks')).body.map((t: { taskId: string }) => t.taskId)).toEqual([taskOf(w.world.a2)]);
    expect((await volunteer.client.get(`/api/screening/tasks/${taskOf(w.world.a1)}`)).status).toBe(404);
    expect((await lead.client.put(`/api/screening/tasks/${taskOf(w.world.a1)}/assignees`, { accountIds: [] })).status).toBe(403);
    await w.admin.put(`/api/screening/tasks/${taskOf(w.world.a1)}/assignees`, { accountIds: [lead.id] });
    const notification = await w.t.ctx.database.db.selectFrom('notifications').select(['kind', 'ref_id']).where('recipient_account_id', '=', lead.id).execute();
    expect(notification).toEqual([{ kind: 'screening.assigned', ref_id: taskOf(w.world.a1) }]);
  });

  it('keeps communities apart: B sees the street campaign with only its own building; cannot close it', async () => {
    const b = await account(w, 'sec-b-screen', 'community_secretary', w.world.communityB);
    const list = await b.client.get('/api/screening/campaigns');
    expect(list.body.map((c: { id: string }) => c.id)).toEqual([campaignId]);
    const progress = await b.client.get(`/api/screening/campaigns/${campaignId}/progress`);
    expect(progress.body.tasks.map((t: { name: string }) => t.name)).toEqual(['光明社区 电力小区 5号楼']);
    expect(progress.body.total.householdsTotal).toBe(1);
    expect((await b.client.get(`/api/screening/tasks/${taskOf(w.world.a1)}`)).status).toBe(404);
    expect((await b.client.post(`/api/screening/campaigns/${campaignId}/close`)).status).toBe(403);
    const own = await b.client.post('/api/screening/campaigns', campaignInput(w.world.compoundB, { name: '电力小区排查' }));
    expect(own.status).toBe(201);
    const a = await account(w, 'sec-a-screen', 'community_secretary', w.world.communityA);
    expect((await a.client.get(`/api/screening/campaigns/${own.body.id}`)).status).toBe(404);
    expect((await a.client.post('/api/screening/campaigns', campaignInput(w.world.compoundB))).status).toBe(404);
  });

  it('tabulates per building, compound and community; the Excel sheets carry the same numbers', async () => {
    await w.admin.post(`/api/screening/tasks/${taskOf(w.world.a1)}/visits`, visit(w.world.h101, 'visited', {
      present: [{ residentId: w.people.wang, temperature: 38.1 }, { residentId: w.people.li, temperature: 36.5, travelFrom: '湖北省武汉市', arrivalDate: '2026-02-19' }],
    }));
    await w.admin.post(`/api/screening/tasks/${taskOf(w.world.a1)}/visits`, visit(w.world.h102, 'nobody_home'));
    await w.admin.post(`/api/screening/tasks/${taskOf(w.world.village)}/visits`, visit(w.world.v3, 'refused'));
    const tab = await w.admin.get(`/api/screening/campaigns/${campaignId}/tabulation`);
    expect(tab.status).toBe(200);
    const line = (r: Row) => `${r.name}:${r.householdsTotal}/${r.visited}/${r.nobodyHome}/${r.refused}/${r.notYet}/${r.symptomatic}/${r.arrivals}`;
    expect(tab.body.buildings.map(line)).toEqual(['1号楼:3/1/1/0/1/1/1', '2号楼:1/0/0/0/1/0/0', '5号楼:1/0/0/0/1/0/0', '桃园村:2/0/0/1/1/0/0']);
    expect(tab.body.compounds.map(line)).toEqual(['阳光花园:4/1/1/0/2/1/1', '电力小区:1/0/0/0/1/0/0']);
    expect(tab.body.communities.map(line)).toEqual(['幸福社区:4/1/1/0/2/1/1', '光明社区:1/0/0/0/1/0/0', '桃园村:2/0/0/1/1/0/0']);
    expect(tab.body.total).toMatchObject({ householdsTotal: 7, visited: 1, nobodyHome: 1, refused: 1, notYet: 4, symptomatic: 1, arrivals: 1, peoplePresent: 2 });

    const xlsx = await w.t.app.inject({ method: 'GET', url: `/api/screening/campaigns/${campaignId}/tabulation.xlsx?lang=zh`, headers: { cookie: w.admin.cookie } });
    expect(xlsx.statusCode).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['楼栋', '小区', '社区']);
    const community = wb.getWorksheet('社区')!;
    expect(community.getRow(2).values).toEqual([undefined, '名称', '应排查户数', '已入户', '无人在家', '拒绝', '未排查', '在家人数', '有症状', '外地返回', '新发现特殊需求', '新登记人员']);
    expect(community.getRow(3).values).toEqual([undefined, '幸福社区', 4, 1, 1, 0, 2, 2, 1, 1, 0, 0]);
    expect(community.getRow(6).values).toEqual([undefined, '合计', 7, 1, 1, 1, 4, 2, 1, 1, 0, 0]);
    const lead = await account(w, 'lead-noexport', 'building_lead', w.world.a1);
    expect((await lead.client.raw({ method: 'GET', url: `/api/screening/campaigns/${campaignId}/tabulation.xlsx` })).status).toBe(403);
  });

  it('a closed campaign takes no more visits but keeps its figures', async () => {
    const closed = await w.admin.post(`/api/screening/campaigns/${campaignId}/close`);
    expect(closed.body.status).toBe('closed');
    const late = await w.admin.post(`/api/screening/tasks/${taskOf(w.world.a2)}/visits`, visit(w.world.h2101, 'visited'));
    expect(late.status).toBe(409);
    expect(late.body.error.details).toEqual([{ path: 'id', message: 'The campaign is closed' }]);
    expect((await w.admin.get(`/api/screening/campaigns/${campaignId}/progress`)).body.total.visited).toBe(1);
  });
});
