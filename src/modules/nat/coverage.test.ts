import ExcelJS from '../../platform/transfer/exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import type { Client } from '../../../test/support/client.ts';
import type { TestApp } from '../../../test/support/harness.ts';
import { SlowQueryMemo } from './coverage-memo.ts';
import { calledPaths, queueEstimate } from './coverage-sites.ts';
import { coverageWorld } from './coverage.fixtures.ts';
import { encodeCursor } from './coverage.service.ts';

type World = Awaited<ReturnType<typeof coverageWorld>>;
const counts = (required: number, sampled: number, exempt = 0, sampledNotRequired = 0) =>
  ({ required, sampled, untested: required - sampled, exempt, sampledNotRequired });

describe('nat coverage: totals, sites, untested list, series, export, scope', () => {
  let t: TestApp;
  let admin: Client;
  let w: World;
  let url: string;
  beforeAll(async () => {
    w = await coverageWorld();
    ({ t, admin } = w);
    url = `/api/nat/coverage/rounds/${w.round}`;
  });
  afterAll(async () => { await t.close(); });

  it('counts required / sampled / untested / exempt per node, drilling down from the round root', async () => {
    const top = await admin.get(`${url}/nodes`);
    expect(top.status).toBe(200);
    expect(top.body.node).toMatchObject({ nodeId: w.world.street, ...counts(11, 7, 1) });
    expect(top.body.children.map((c: { name: string }) => c.name)).toEqual(['光明社区', '幸福社区'].sort(new Intl.Collator('zh-CN').compare));
    const byName = (rows: Array<{ name: string }>, name: string) => rows.find((c) => c.name === name);
    expect(byName(top.body.children, '幸福社区')).toMatchObject({ nodeId: w.world.communityA, hasChildren: true, ...counts(8, 5, 1) });
    expect(byName(top.body.children, '光明社区')).toMatchObject({ nodeId: w.world.communityB, ...counts(3, 2) });

    const compound = await admin.get(`${url}/nodes?nodeId=${w.world.compoundA}`);
    expect(compound.body.node).toMatchObject(counts(8, 5, 1));
    expect(compound.body.children.map((c: { name: string }) => c.name)).toEqual(['1号楼', '2号楼']);
    expect(compound.body.children[0]).toMatchObject(counts(7, 4, 1));
    expect(compound.body.children[1]).toMatchObject(counts(1, 1));
    expect(compound.body.trail.map((x: { name: string }) => x.name)).toEqual(['东街街道', '幸福社区', '阳光花园']);

    const entrance = await admin.get(`${url}/nodes?nodeId=${w.world.a1e2}`);
    expect(entrance.body.node).toMatchObject(counts(3, 1));
    expect(entrance.body.children).toMatchObject([{ name: '201室', hasChildren: false, ...counts(3, 1) }]);
    expect((await admin.get(`${url}/untested-count?nodeId=${w.world.a1}`)).body).toEqual({ untested: 3 });
    expect((await admin.get(`${url}/untested-count`)).body).toEqual({ untested: 4 });
  });

  it('an exempt person who is sampled anyway counts apart, never in the required figures', async () => {
    const db = t.ctx.database.db;
    await db.updateTable('nat_round_residents').set({ sampled_at: '2026-02-21T02:00:00.000Z' }).where('round_id', '=', w.round).where('resident_id', '=', w.r.r3).execute();
    try {
      expect((await admin.get(`${url}/nodes?nodeId=${w.world.h101}`)).body.node).toMatchObject(counts(2, 2, 1, 1));
    } finally {
      await db.updateTable('nat_round_residents').set({ sampled_at: null }).where('round_id', '=', w.round).where('resident_id', '=', w.r.r3).execute();
    }
  });

  it('lists the untested in door order with address, masked phone, needs and door task; keyset pages cover each once', async () => {
    const all = await admin.get(`${url}/untested?limit=50`);
    expect(all.status).toBe(200);
    expect(all.body.next).toBeNull();
    expect(all.body.items).toHaveLength(4);
    const r5 = all.body.items.find((i: { id: string }) => i.id === w.r.r5);
    expect(r5).toMatchObject({
      name: '居民r5', householdId: w.world.h102, address: '阳光花园 1号楼 1单元 102室',
      phoneMasked: '139****5678', needs: [{ kind: 'immobile', note: '需上门采样' }], doorTask: { reason: 'special_needs', status: 'open' },
    });
    expect(JSON.stringify(all.body)).not.toContain('13912345678');

    for (const limit of [1, 2, 3]) {
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard++) {
        const page: { status: number; body: { items: Array<{ id: string }>; next: string | null } } =
          await admin.get(`${url}/untested?limit=${limit}${after ? `&after=${after}` : ''}`);
        expect(page.status).toBe(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.items.map((i) => i.id));
        after = page.body.next;
        if (!after) break;
      }
      expect(seen).toEqual(all.body.items.map((i: { id: string }) => i.id));
    }
    expect(new Set(all.body.items.map((i: { id: string }) => i.id))).toEqual(new Set([w.r.r5, w.r.r7, w.r.r9, w.r.r12]));
    // Two untested people in 201室 share a path: the resident id breaks the tie.
    const in201 = all.body.items.filter((i: { householdId: string }) => i.householdId === w.world.h201).map((i: { id: string }) => i.id);
    expect(in201).toEqual([w.r.r7, w.r.r9].sort());

    const building = await admin.get(`${url}/untested?nodeId=${w.world.compoundB}`);
    expect(building.body.items).toMatchObject([{ id: w.r.r12, address: '5号楼 501室', phoneMasked: null, needs: [], doorTask: null }]);
  });

  it('per site: accepted samples per hour (duplicates and undone left out), tubes, and the queue estimate', async () => {
    const res = await admin.get(`${url}/sites`);
    expect(res.status).toBe(200);
    const a = res.body.sites.find((s: { siteId: string }) => s.siteId === w.siteA);
    const b = res.body.sites.find((s: { siteId: string }) => s.siteId === w.siteB);
    expect(a).toMatchObject({
      name: '阳光花园东门', desks: 1, sampled: 5, thisHour: 1, tubesOpen: 1, tubesClosed: 1,
      perHour: [
        { at: '2026-02-21T01:00:00.000Z', count: 2 }, { at: '2026-02-21T02:00:00.000Z', count: 2 }, { at: '2026-02-21T03:00:00.000Z', count: 1 },
      ],
      // 1号楼's slot has started: 7 required there, 4 sampled → 3 waiting; 2 samples in the last 30 minutes.
      queue: { expected: 7, sampled: 4, waiting: 3, ratePerMinute: 0.07, activeDesks: 1, minutesToClear: 45 },
    });
    expect(b).toMatchObject({ sampled: 2, thisHour: 1, tubesOpen: 1, tubesClosed: 0, queue: null });
  });

  it('the sampled-over-time series per hour and per 15 minutes, with the running total', async () => {
    const hourly = await admin.get(`${url}/series`);
    expect(hourly.body).toMatchObject({
      bucketMinutes: 60,
      points: [
        { at: '2026-02-21T01:00:00.000Z', count: 2, cumulative: 2 }, { at: '2026-02-21T02:00:00.000Z', count: 3, cumulative: 5 },
        { at: '2026-02-21T03:00:00.000Z', count: 2, cumulative: 7 },
      ],
    });
    const quarter = await admin.get(`${url}/series?bucket=15&nodeId=${w.world.communityA}`);
    expect(quarter.body.points.map((p: { at: string; count: number }) => [p.at.slice(11, 16), p.count])).toEqual([
      ['01:00', 1], ['01:15', 1], ['02:00', 1], ['02:30', 1], ['03:00', 1],
    ]);
  });

  it('exports the untested list as a workbook with one sheet per building', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${url}/untested.xlsx?lang=zh`, headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['阳光花园 1号楼', '电力小区 5号楼']);
    const values = (i: number) => wb.worksheets[i].getSheetValues().slice(1).map((row) => (row as unknown[]).slice(1));
    expect(values(0)[0]).toEqual(['住址', '姓名', '手机号', '特殊需求', '上门采样', '管控状态']);
    expect(values(0).slice(1).map((r) => r[1])).toEqual(['居民r5', ...[w.r.r7, w.r.r9].sort().map((id) => (id === w.r.r7 ? '居民r7' : '居民r9'))]);
    expect(values(0)[1]).toEqual(['阳光花园 1号楼 1单元 102室', '居民r5', '139****5678', '行动不便', '待上门']);
    expect(values(1).slice(1).map((r) => r.slice(0, 2))).toEqual([['光明社区 电力小区 5号楼 501室', '居民r12']]);
    const audit = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'entity_id']).where('action', '=', 'nat.untested_export').execute();
    expect(audit).toEqual([{ action: 'nat.untested_export', entity_id: w.round }]);
  });

  it('a community secretary sees only their community, within the street round; the other community is not found', async () => {
    const sec = await w.as('cov-sec-b', 'community_secretary', w.world.communityB);
    const rounds = await sec.get('/api/nat/coverage/rounds');
    expect(rounds.body.map((r: { id: string }) => r.id)).toEqual([w.round]);
    const top = await sec.get(`${url}/nodes`);
    expect(top.body.node).toMatchObject({ nodeId: w.world.communityB, ...counts(3, 2) });
    expect(top.body.trail.map((x: { name: string }) => x.name)).toEqual(['光明社区']);
    expect((await sec.get(`${url}/untested`)).body.items.map((i: { id: string }) => i.id)).toEqual([w.r.r12]);
    expect((await sec.get(`${url}/untested-count`)).body).toEqual({ untested: 1 });
    expect((await sec.get(`${url}/series`)).body.points.at(-1).cumulative).toBe(2);
    expect((await sec.get(`${url}/sites`)).body.sites.map((s: { siteId: string }) => s.siteId)).toEqual([w.siteB]);
    expect((await sec.get(`${url}/nodes?nodeId=${w.world.compoundA}`)).status).toBe(404);
    expect((await sec.get(`${url}/untested?nodeId=${w.world.a1}`)).status).toBe(404);
    expect((await sec.get(`/api/nat/coverage/rounds/${w.roundA}/nodes`)).status).toBe(404);
    const leak = await t.app.inject({ method: 'GET', url: `${url}/untested.xlsx?nodeId=${w.world.compoundA}`, headers: { cookie: sec.cookie } });
    expect(leak.statusCode).toBe(404);
    // A cursor pointing into community A is refused, not followed.
    const foreign = encodeCursor(w.paths.get(w.world.h102) as string, w.r.r5);
    expect((await sec.get(`${url}/untested?after=${foreign}`)).status).toBe(400);
  });

  it('refuses bad input clearly: unknown round, node outside the round, bad cursor, bad bucket, no permission', async () => {
    expect((await admin.get(`/api/nat/coverage/rounds/${newId()}/nodes`)).status).toBe(404);
    expect((await admin.get('/api/nat/coverage/rounds/not-an-id/nodes')).status).toBe(400);
    expect((await admin.get(`${url}/nodes?nodeId=${newId()}`)).status).toBe(404);
    const outside = await admin.get(`/api/nat/coverage/rounds/${w.roundA}/nodes?nodeId=${w.world.compoundB}`);
    expect(outside.status).toBe(400);
    expect(outside.body.error.details).toEqual([{ path: 'nodeId', message: 'The place is outside this round' }]);
    for (const bad of ['garbage', encodeCursor('/not/a/path/', w.r.r5), Buffer.from('{"a":1}').toString('base64url')]) {
      const res = await admin.get(`${url}/untested?after=${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'after', message: 'Invalid page cursor; reload from the first page' }]);
    }
    expect((await admin.get(`${url}/series?bucket=7`)).body.error.details[0]).toMatchObject({ path: 'querystring.bucket', message: 'Bucket must be 15 or 60 minutes' });
    expect((await admin.get(`${url}/untested?limit=0`)).status).toBe(400);
    const guard = await w.as('cov-guard', 'gate_guard', w.world.communityA);
    expect((await guard.get(`${url}/nodes`)).status).toBe(403);
  });
});

describe('nat coverage rules', () => {
  it('reduces the places called by started slots to disjoint paths within reach', () => {
    expect(calledPaths(['/A/B/', '/A/B/C/', '/A/D/'], { kind: 'all' })).toEqual(['/A/B/', '/A/D/']);
    expect(calledPaths(['/A/B/', '/A/D/'], { kind: 'subtree', path: '/A/B/C/' })).toEqual(['/A/B/C/']);
    expect(calledPaths(['/A/D/'], { kind: 'none' })).toEqual([]);
  });
  it('never shows a negative queue and has no time to clear without a rate', () => {
    expect(queueEstimate(5, 7, undefined)).toMatchObject({ waiting: 0, minutesToClear: null, ratePerMinute: 0 });
    expect(queueEstimate(30, 0, { n: 60, desks: 3 })).toMatchObject({ waiting: 30, ratePerMinute: 2, activeDesks: 3, minutesToClear: 15 });
  });
  it('keeps only slow answers, and only for a while', async () => {
    let runs = 0;
    const run = async () => ++runs;
    const keepsAll = new SlowQueryMemo(-1, 60_000);
    expect([await keepsAll.get('k', run), await keepsAll.get('k', run), await keepsAll.get('other', run)]).toEqual([1, 1, 2]);
    const keepsNone = new SlowQueryMemo(Number.POSITIVE_INFINITY, 60_000);
    expect([await keepsNone.get('k', run), await keepsNone.get('k', run)]).toEqual([3, 4]);
    const expired = new SlowQueryMemo(-1, -1);
    expect([await expired.get('k', run), await expired.get('k', run)]).toEqual([5, 6]);
  });
});
