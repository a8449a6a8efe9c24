import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../platform/transfer/exceljs.ts';
import { fixedClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { login, loginAs, type Client } from '../../../test/support/client.ts';
import { buildTree, personInput, type Tree } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';

const STAYED = { whereabouts: 'stayed', health: 'normal', riskContact: false };
const LEFT_TO_RISK = {
  whereabouts: 'left', destination: '上海市浦东新区', leftOn: '2022-01-28', returnOn: '2022-02-06', destinationRisk: 'medium',
  health: 'normal', riskContact: false,
};

describe('staff declarations: campaigns, personal links, non-declared list, scope', () => {
  let t: TestApp;
  let admin: Client;
  let tree: Tree;
  let unitA: string;
  let unitB: string;
  let liaisonA: Client;
  let liaisonB: Client;
  let campaign: { id: string };
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2022-01-30T02:00:00Z') });
    admin = await login(t.app);
    tree = await buildTree(admin);
    unitA = (await admin.post('/api/org/units', { name: '区财政局', kind: 'government', nodeId: tree.communityA })).body.id;
    unitB = (await admin.post('/api/org/units', { name: '区教育局', kind: 'government', nodeId: tree.communityB })).body.id;
    for (const [name, phone] of [['甲一', '13800000001'], ['甲二', '13800000002'], ['甲三', '13800000003']]) {
      const r = await admin.post('/api/people', personInput(tree.communityA, { name, unitId: unitA, category: 'staff', phone }));
      if (r.status !== 201) throw new Error(JSON.stringify(r.body));
    }
    await admin.post('/api/people', personInput(tree.communityB, { name: '乙一', unitId: unitB, category: 'staff' }));
    liaisonA = await loginAs(admin, t.app, { username: 'liaison-a', role: 'unit_liaison', unitId: unitA });
    liaisonB = await loginAs(admin, t.app, { username: 'liaison-b', role: 'unit_liaison', unitId: unitB });
  });
  afterAll(async () => { await t.close(); });

  it('a liaison opens a campaign over the unit staff; a retry answers the same campaign', async () => {
    const id = newId();
    const body = { id, title: '春节期间人员动向和身体状况', startsOn: '2022-01-25', endsOn: '2022-02-15' };
    const res = await liaisonA.post('/api/declarations/campaigns', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ id, unitId: unitA, unitName: '区财政局', status: 'open', counts: { staff: 3, declared: 0, notDeclared: 3, flagged: 0 } });
    expect((await liaisonA.post('/api/declarations/campaigns', body)).body.counts.staff).toBe(3);
    expect((await t.ctx.database.db.selectFrom('declaration_entries').selectAll().execute()).length).toBe(3);
    const bad = await liaisonA.post('/api/declarations/campaigns', { title: 'x', startsOn: '2022-02-15', endsOn: '2022-01-25' });
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['endsOn']);
    // A liaison cannot open a campaign for another unit.
    expect((await liaisonA.post('/api/declarations/campaigns', { ...body, id: newId(), unitId: unitB })).status).toBe(404);
    campaign = res.body;
  });

  it('declarations by the liaison and by personal link; corrections keep history; flags and the non-declared list', async () => {
    const entries = (await liaisonA.get(`/api/declarations/campaigns/${campaign.id}/entries`)).body;
    expect(entries.map((e: { name: string; phoneMasked: string }) => [e.name, e.phoneMasked])).toEqual([
      ['甲一', '138****0001'], ['甲三', '138****0003'], ['甲二', '138****0002'],
    ].sort((a, b) => a[0].localeCompare(b[0])));
    const byName = new Map(entries.map((e: { name: string; id: string }) => [e.name, e.id]));
    const first = await liaisonA.put(`/api/declarations/entries/${byName.get('甲一')}`, STAYED);
    expect(first.body).toMatchObject({ declared: true, declaredVia: 'liaison', version: 1, flags: [] });
    expect((await liaisonA.put(`/api/declarations/entries/${byName.get('甲一')}`, STAYED)).body.version).toBe(1);
    const missing = await liaisonA.put(`/api/declarations/entries/${byName.get('甲一')}`, { whereabouts: 'left', health: 'symptoms', riskContact: true });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['contactText', 'destination', 'destinationRisk', 'leftOn', 'symptoms']);

    const links = (await liaisonA.get(`/api/declarations/campaigns/${campaign.id}/links`)).body;
    expect(links.map((l: { name: string }) => l.name).sort()).toEqual(['甲三', '甲二']);
    const link = links.find((l: { name: string }) => l.name === '甲二').path as string;
    const token = link.replace('/declare/', '');
    const raw = JSON.stringify(await t.ctx.database.db.selectFrom('declaration_entries').selectAll().execute());
    expect(raw).not.toContain(token);
    const page = await t.app.inject({ method: 'GET', url: `/api/public/declare/${token}` });
    expect(JSON.parse(page.body)).toMatchObject({ unitName: '区财政局', name: '甲二', open: true, declaration: null });
    const declared = await t.app.inject({ method: 'POST', url: `/api/public/declare/${token}`, payload: LEFT_TO_RISK });
    expect(declared.statusCode).toBe(200);
    const corrected = await t.app.inject({ method: 'POST', url: `/api/public/declare/${token}`, payload: { ...LEFT_TO_RISK, health: 'fever' } });
    expect(JSON.parse(corrected.body).declaration).toMatchObject({ whereabouts: 'left', health: 'fever', destinationRisk: 'medium' });

    const bad = await t.app.inject({ method: 'GET', url: `/api/public/declare/${'x'.repeat(43)}` });
    expect(bad.statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: '/api/public/declare/short', payload: STAYED })).statusCode).toBe(400);

    const flagged = (await liaisonA.get(`/api/declarations/campaigns/${campaign.id}/entries?filter=flagged`)).body;
    expect(flagged.map((e: { name: string; flags: string[]; version: number; declaredVia: string }) => [e.name, e.flags, e.version, e.declaredVia]))
      .toEqual([['甲二', ['risk_destination', 'fever'], 2, 'link']]);
    const history = (await liaisonA.get(`/api/declarations/entries/${flagged[0].id}/history`)).body;
    expect(history).toMatchObject([{ version: 1, declaredVia: 'link', declaration: { health: 'normal' } }]);
    const notDeclared = (await liaisonA.get(`/api/declarations/campaigns/${campaign.id}/entries?filter=not_declared`)).body;
    expect(notDeclared.map((e: { name: string }) => e.name)).toEqual(['甲三']);
    expect((await liaisonA.get(`/api/declarations/campaigns/${campaign.id}`)).body.counts).toEqual({ staff: 3, declared: 2, notDeclared: 1, flagged: 1 });
  });

  it('reminds the non-declared through the outbox once a day', async () => {
    const first = await liaisonA.post(`/api/declarations/campaigns/${campaign.id}/remind`, {});
    expect(first.body).toEqual({ reminded: 1, alreadyReminded: 0 });
    expect((await liaisonA.post(`/api/declarations/campaigns/${campaign.id}/remind`, {})).body).toEqual({ reminded: 0, alreadyReminded: 1 });
    const outbox = await t.ctx.database.db.selectFrom('notifications').selectAll().where('kind', '=', 'declaration.reminder').execute();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ recipient_unit_id: unitA });
    expect(outbox[0].body).toContain('甲三');
  });

  it('keeps units apart; higher levels see counts only; exports; a closed campaign takes no declaration', async () => {
    expect((await liaisonB.get('/api/declarations/campaigns')).body).toEqual([]);
    expect((await liaisonB.get(`/api/declarations/campaigns/${campaign.id}`)).status).toBe(404);
    expect((await liaisonB.get(`/api/declarations/campaigns/${campaign.id}/entries`)).status).toBe(404);
    const entryId = (await liaisonA.get(`/api/declarations/campaigns/${campaign.id}/entries?filter=not_declared`)).body[0].id;
    expect((await liaisonB.put(`/api/declarations/entries/${entryId}`, STAYED)).status).toBe(404);

    const street = await loginAs(admin, t.app, { username: 'street-1', role: 'street', nodeId: tree.street });
    const secB = await loginAs(admin, t.app, { username: 'sec-b', role: 'community_secretary', nodeId: tree.communityB });
    expect((await street.get('/api/declarations/campaigns')).body.map((c: { unitName: string; counts: { declared: number } }) => [c.unitName, c.counts.declared]))
      .toEqual([['区财政局', 2]]);
    expect((await secB.get('/api/declarations/campaigns')).body).toEqual([]);
    expect((await street.get(`/api/declarations/campaigns/${campaign.id}/entries`)).status).toBe(403);

    const file = await t.app.inject({ method: 'GET', url: `/api/declarations/campaigns/${campaign.id}/export`, headers: { cookie: liaisonA.cookie, 'x-lang': 'zh' } });
    expect(file.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0].getSheetValues().slice(2).map((r) => (r as string[])[1]);
    expect(rows.sort()).toEqual(['甲一', '甲三', '甲二'].sort());
    expect(JSON.stringify(wb.worksheets[0].getSheetValues())).not.toContain('13800000001');

    expect((await liaisonA.post(`/api/declarations/campaigns/${campaign.id}/close`, {})).body.status).toBe('closed');
    const late = await liaisonA.put(`/api/declarations/entries/${entryId}`, STAYED);
    expect(late.status).toBe(409);
  });
});
