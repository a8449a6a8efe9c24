import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs } from '../../../test/support/client.ts';
import { DAY, expectStatus, figures, reportsFixture, type ReportsFixture } from './reports.fixtures.ts';

// Community A's account gets nothing of community B; unit A's liaison nothing of unit B: reads and writes of
// the other side's reports answer 404, lists and roll-ups leave them out.
describe('reports: scope isolation', () => {
  let f: ReportsFixture;
  let formId: string;
  let unitFormId: string;
  let reportB: string;
  let reportUnitB: string;

  beforeAll(async () => {
    f = await reportsFixture();
    formId = (await f.createForm(f.accounts.command)).id;
    unitFormId = (await f.createForm(f.accounts.command, { name: '单位日报', reporterLevels: [], unitMode: 'all' })).id;
    expectStatus(await f.accounts.a.post('/api/reports/submissions', { formId, values: figures(1, 1) }), 201, 'A');
    reportB = expectStatus(await f.accounts.b.post('/api/reports/submissions', { formId, values: figures(2, 2) }), 201, 'B').id;
    expectStatus(await f.accounts.liaisonA.post('/api/reports/submissions', { formId: unitFormId, values: figures(3, 3) }), 201, 'unit A');
    reportUnitB = expectStatus(await f.accounts.liaisonB.post('/api/reports/submissions', { formId: unitFormId, values: figures(4, 4) }), 201, 'unit B').id;
  });
  afterAll(async () => {
    await f.t.close();
  });

  it('community A neither reads nor writes community B\'s report', async () => {
    const a = f.accounts.a;
    expect((await a.get(`/api/reports/submissions/${reportB}`)).status).toBe(404);
    expect((await a.post(`/api/reports/submissions/${reportB}/corrections`, { values: figures(0, 0), reason: 'x' })).status).toBe(404);
    const forB = await a.post('/api/reports/submissions', { formId, nodeId: f.tree.communityB, day: '2026-02-20', values: figures(0, 0) });
    expect(forB.status).toBe(404);
    expect(forB.body.error.details.map((d: { path: string }) => d.path)).toEqual(['nodeId']);
    const list = expectStatus(await a.get(`/api/reports/submissions?from=${DAY}&to=${DAY}`), 200, 'list');
    expect(list.items.map((s: { reporterName: string }) => s.reporterName)).toEqual(['幸福社区']);
    expect((await a.get(`/api/reports/rollup?formId=${formId}&day=${DAY}&nodeId=${f.tree.communityB}`)).status).toBe(404);
    expect((await a.get(`/api/reports/rollup?formId=${formId}&day=${DAY}&nodeId=${f.tree.street}`)).status).toBe(404);
    expect((await a.get(`/api/reports/chase?formId=${formId}&nodeId=${f.tree.communityB}`)).status).toBe(404);
    const own = expectStatus(await a.get(`/api/reports/rollup?formId=${formId}&day=${DAY}`), 200, 'own rollup');
    expect(own.total).toMatchObject({ expected: 1, submitted: 1, sums: { close_contacts: 1 } });
    const chase = expectStatus(await a.get(`/api/reports/chase?formId=${formId}`), 200, 'own chase');
    expect(chase).toMatchObject({ expected: 1, submitted: 1, missingCount: 0 });
    // A form set above A is visible to it, but no unit is located in A, so A reads no unit's report.
    const units = expectStatus(await a.get(`/api/reports/rollup?formId=${unitFormId}&day=${DAY}&by=unit`), 200, 'units');
    expect(units.rows).toEqual([]);
    expect(units.total.submitted).toBe(0);
  });

  it('a reminder from community A reaches only its own reporters', async () => {
    const form = (await f.createForm(f.accounts.command, { name: '催报范围测试' })).id;
    const sent = expectStatus(await f.accounts.a.post('/api/reports/chase/remind', { formId: form }), 200, 'remind');
    expect(sent).toEqual({ reminded: 1, alreadyReminded: 0, messages: 1 });
    expect((await f.accounts.b.get('/api/notifications')).body.items).toHaveLength(0);
    expect((await f.accounts.a.get('/api/notifications')).body.items).toHaveLength(1);
    expect((await f.accounts.a.get(`/api/reports/reminders?formId=${form}`)).body.map((r: { reporterName: string }) => r.reporterName)).toEqual(['幸福社区']);
  });

  it('unit A\'s liaison neither reads nor writes unit B\'s report, nor any place\'s', async () => {
    const l = f.accounts.liaisonA;
    expect((await l.get(`/api/reports/submissions/${reportUnitB}`)).status).toBe(404);
    expect((await l.get(`/api/reports/submissions/${reportB}`)).status).toBe(404);
    expect((await l.post(`/api/reports/submissions/${reportUnitB}/corrections`, { values: figures(0, 0), reason: 'x' })).status).toBe(404);
    const forB = await l.post('/api/reports/submissions', { formId: unitFormId, unitId: f.units.unitB, day: '2026-02-20', values: figures(0, 0) });
    expect(forB.status).toBe(404);
    expect(forB.body.error.details.map((d: { path: string }) => d.path)).toEqual(['unitId']);
    const forPlace = await l.post('/api/reports/submissions', { formId, nodeId: f.tree.communityA, day: '2026-02-20', values: figures(0, 0) });
    expect(forPlace.status).toBe(404);
    const units = expectStatus(await l.get(`/api/reports/rollup?formId=${unitFormId}&day=${DAY}&by=unit`), 200, 'units');
    expect(units.rows.map((r: { name: string }) => r.name)).toEqual(['区卫健局']);
    expect(units.total.sums.close_contacts).toBe(3);
    const list = expectStatus(await l.get(`/api/reports/submissions?from=${DAY}&to=${DAY}`), 200, 'list');
    expect(list.items.map((s: { reporterName: string }) => s.reporterName)).toEqual(['区卫健局']);
    const mine = expectStatus(await l.get('/api/reports/mine'), 200, 'mine');
    expect(mine.map((i: { form: { id: string }; status: string }) => [i.form.id, i.status])).toEqual([[unitFormId, 'submitted']]);
    // The place form is not the liaison's.
    expect((await l.get(`/api/reports/forms/${formId}`)).status).toBe(404);
    expect((await l.get(`/api/reports/rollup?formId=${unitFormId}&day=${DAY}&nodeId=${f.tree.communityA}`)).status).toBe(404);
  });

  it('roles without the permission are refused', async () => {
    const guard = await f.t.app.inject({ method: 'GET', url: '/api/reports/forms' });
    expect(guard.statusCode).toBe(401);
    const volunteer = await loginAs(f.admin, f.t.app, { username: 'vol_a', role: 'volunteer', nodeId: f.tree.communityA });
    expect((await volunteer.get('/api/reports/forms')).status).toBe(403);
    expect((await volunteer.post('/api/reports/submissions', { formId, values: figures(0, 0) })).status).toBe(403);
    expect((await volunteer.get('/api/notifications')).status).toBe(200);
  });
});
