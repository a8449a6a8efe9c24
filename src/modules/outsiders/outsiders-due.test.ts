import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../platform/transfer/exceljs.ts';
import { login, loginAs, type Client } from '../../../test/support/client.ts';
import type { TestApp } from '../../../test/support/harness.ts';
import { arrival, outsidersWorld } from './outsiders.fixtures.ts';

type Ctx = Awaited<ReturnType<typeof outsidersWorld>>;

const EIGHTH_LIKE = {
  high: [{ kind: 'central_isolation', days: 14 }, { kind: 'home_monitoring', days: 7, offsetDays: 14 }],
  medium: [{ kind: 'home_isolation', days: 14 }],
  low: [{ kind: 'tests', days: 7, count: 3 }],
  none: [],
};

describe('measures rule set versions and the due-today list', () => {
  let t: TestApp;
  let admin: Client;
  let w: Ctx['world'];
  let as: Ctx['as'];
  let clock: Ctx['clock'];
  beforeAll(async () => { ({ t, admin, world: w, as, clock } = await outsidersWorld()); });
  afterAll(async () => { await t.close(); });

  it('applies the version in force on the arrival day; versions are immutable once effective', async () => {
    let guard = await as('guard-v', 'gate_guard', w.communityA);
    expect((await guard.post('/api/outsiders/rule-versions', { name: 'x', effectiveFrom: '2022-07-15', rules: EIGHTH_LIKE })).status).toBe(403);
    const past = await admin.post('/api/outsiders/rule-versions', { name: '补录', effectiveFrom: '2022-07-01', rules: EIGHTH_LIKE });
    expect(past.status).toBe(400);
    expect(past.body.error.details[0].path).toBe('effectiveFrom');
    const badRule = await admin.post('/api/outsiders/rule-versions', {
      name: '坏规则', effectiveFrom: '2022-07-20', rules: { ...EIGHTH_LIKE, low: [{ kind: 'tests', days: 2, count: 3 }] },
    });
    expect(badRule.status).toBe(400);
    expect(badRule.body.error.details.map((d: { path: string }) => d.path)).toEqual(['rules.low.0.count']);

    const created = await admin.post('/api/outsiders/rule-versions', { name: '新版方案', effectiveFrom: '2022-07-15', rules: EIGHTH_LIKE });
    expect(created.status).toBe(201);
    expect(created.body.state).toBe('pending');
    // Not yet in force: it may still be corrected.
    const edited = await admin.put(`/api/outsiders/rule-versions/${created.body.id}`, { name: '新版方案（修订）', effectiveFrom: '2022-07-15', rules: EIGHTH_LIKE });
    expect(edited.body.name).toBe('新版方案（修订）');

    // Ten days on (sessions have expired meanwhile: sign in again).
    clock.set('2022-07-20T02:00:00Z');
    admin = await login(t.app);
    guard = await login(t.app, 'guard-v', 'Passw0rd-test-1');
    const list = await guard.get('/api/outsiders/rule-versions');
    expect(list.body.map((v: { name: string; state: string }) => [v.name, v.state])).toEqual([
      ['新版方案（修订）', 'in_force'], ['第九版防控方案', 'superseded'],
    ]);
    const immutable = await admin.put(`/api/outsiders/rule-versions/${created.body.id}`, { name: '改', effectiveFrom: '2022-07-25', rules: EIGHTH_LIKE });
    expect(immutable.status).toBe(409);
    expect((await admin.del(`/api/outsiders/rule-versions/${created.body.id}`)).status).toBe(409);

    const before = await guard.post('/api/outsiders/arrivals', arrival(w.hA, { name: '早到', riskLevel: 'high', arrivalDate: '2022-07-14' }));
    expect(before.body.ruleVersion.name).toBe('第九版防控方案');
    expect(before.body.measures.map((m: { kind: string; endsOn: string }) => [m.kind, m.endsOn])).toEqual([['central_isolation', '2022-07-20']]);
    const after = await guard.post('/api/outsiders/arrivals', arrival(w.hA, { name: '晚到', riskLevel: 'high', arrivalDate: '2022-07-15' }));
    expect(after.body.ruleVersion.name).toBe('新版方案（修订）');
    expect(after.body.measures.map((m: { kind: string; startsOn: string; endsOn: string }) => [m.kind, m.startsOn, m.endsOn])).toEqual([
      ['central_isolation', '2022-07-15', '2022-07-28'], ['home_monitoring', '2022-07-29', '2022-08-04'],
    ]);
  });

  it('lists who is due for what today: tests due, isolations ending, monitoring; filtered by subtree; exported', async () => {
    // On 2022-07-20: a low arrival of 07-18 (3 tests in 7 days: 18, 21, 24 under the new version) has no test today;
    // one of 07-14 under the 9th edition (tests 14 and 16) is over; a high arrival of 07-14 ends its isolation today.
    await admin.post('/api/outsiders/arrivals', arrival(w.hA2, { name: '测一', riskLevel: 'low', arrivalDate: '2022-07-18' }));
    await admin.post('/api/outsiders/arrivals', arrival(w.hA2, { name: '测二', riskLevel: 'low', arrivalDate: '2022-07-14' }));
    const test20 = await admin.post('/api/outsiders/arrivals', arrival(w.hB, { name: '光明测', riskLevel: 'low', arrivalDate: '2022-07-17' }));
    expect(test20.body.measures[0].testDays).toEqual(['2022-07-17', '2022-07-20', '2022-07-23']);
    const cancelled = await admin.post('/api/outsiders/arrivals', arrival(w.hA2, { name: '已取消', riskLevel: 'low', arrivalDate: '2022-07-17' }));
    await admin.post(`/api/outsiders/measures/${cancelled.body.measures[0].id}/close`, { status: 'cancelled', reason: '已离开本市' });

    const due = await admin.get('/api/outsiders/due');
    expect(due.body.date).toBe('2022-07-20');
    const rows = due.body.items.map((i: { name: string; due: string; testNo: number | null; dayNo: number }) => [i.name, i.due, i.testNo, i.dayNo]);
    expect(rows).toEqual(expect.arrayContaining([['早到', 'isolation_ends', null, 7], ['光明测', 'test_due', 2, 4]]));
    expect(rows.map((r: unknown[]) => r[0])).not.toContain('测一');
    expect(rows.map((r: unknown[]) => r[0])).not.toContain('测二');
    expect(rows.map((r: unknown[]) => r[0])).not.toContain('已取消');
    // 晚到's monitoring starts 07-29: on 07-30 it is in progress.
    const later = await admin.get('/api/outsiders/due?date=2022-07-30');
    expect(later.body.items.map((i: { name: string; due: string }) => [i.name, i.due])).toEqual([['晚到', 'monitoring']]);
    expect(later.body.counts).toEqual({ test_due: 0, isolation_ends: 0, monitoring: 1 });

    const onlyB = await admin.get(`/api/outsiders/due?nodeId=${w.communityB}`);
    expect(onlyB.body.items.map((i: { name: string }) => i.name)).toEqual(['光明测']);

    const file = await admin.raw({ method: 'GET', url: `/api/outsiders/due/export?nodeId=${w.communityB}`, headers: { 'x-lang': 'zh' } });
    expect(file.status).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: `/api/outsiders/due/export?nodeId=${w.communityB}`, headers: { cookie: admin.cookie, 'x-lang': 'zh' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.worksheets[0];
    expect(sheet.getRow(1).getCell(1).text).toBe('事项');
    expect([sheet.getRow(2).getCell(1).text, sheet.getRow(2).getCell(2).text, sheet.getRow(2).getCell(10).text]).toEqual(['今日应检', '光明测', '第2/3次']);
    const guard = await loginAs(admin, t.app, { username: 'guard-x', role: 'gate_guard', nodeId: w.communityA });
    expect((await guard.raw({ method: 'GET', url: '/api/outsiders/due/export' })).status).toBe(403);
  });
});
