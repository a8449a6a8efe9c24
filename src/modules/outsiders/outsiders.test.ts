import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import type { Client } from '../../../test/support/client.ts';
import type { TestApp } from '../../../test/support/harness.ts';
import { arrival, idNumber, outsidersWorld } from './outsiders.fixtures.ts';

type Ctx = Awaited<ReturnType<typeof outsidersWorld>>;

describe('outsiders and arrivals: registration, proposed measures, confirmation, scope', () => {
  let t: TestApp;
  let admin: Client;
  let w: Ctx['world'];
  let as: Ctx['as'];
  beforeAll(async () => { ({ t, admin, world: w, as } = await outsidersWorld()); });
  afterAll(async () => { await t.close(); });

  it('a guard registers an arrival at the gate: numbers encrypted at rest, masked in the view, measures proposed', async () => {
    const guard = await as('guard-a', 'gate_guard', w.communityA);
    const idn = idNumber('420102', '19850312', '013');
    const id = newId();
    const body = arrival(w.hA, {
      id, name: '钱七', idType: 'id_card', idNumber: idn, phone: '139 1234 5678', fromRegion: '湖北省武汉市', riskLevel: 'high',
      registeredVia: 'checkpoint', checkpointName: '阳光花园东门',
    });
    const res = await guard.post('/api/outsiders/arrivals', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id, name: '钱七', idNumberMasked: `420102********${idn.slice(-4)}`, phoneMasked: '139****5678', riskLevel: 'high',
      stay: '幸福社区 阳光花园 1号楼 101室', registeredVia: 'checkpoint', checkpointName: '阳光花园东门', ruleVersion: { name: '第九版防控方案' },
      measures: [{ kind: 'central_isolation', startsOn: '2022-07-10', endsOn: '2022-07-16', status: 'proposed', testDays: null }],
    });
    const raw = JSON.stringify(await t.ctx.database.db.selectFrom('arrivals').selectAll().execute());
    expect(raw).not.toContain(idn);
    expect(raw).not.toContain('13912345678');
    const measures = await t.ctx.database.db.selectFrom('arrival_measures').selectAll().where('arrival_id', '=', id).execute();
    expect(measures).toMatchObject([{ kind: 'central_isolation', status: 'proposed', starts_on: '2022-07-10', ends_on: '2022-07-16', resident_id: null }]);
    expect(measures[0].node_path).toMatch(/\/$/);

    // A retry (same client id) answers the same record and writes nothing more.
    const again = await guard.post('/api/outsiders/arrivals', body);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    expect(await t.ctx.database.db.selectFrom('arrival_measures').selectAll().where('arrival_id', '=', id).execute()).toHaveLength(1);
    // Another registration of the same document and day is a duplicate.
    const dup = await guard.post('/api/outsiders/arrivals', { ...body, id: newId(), idNumber: idn.toLowerCase() });
    expect(dup.status).toBe(409);
    expect(dup.body.error.details).toEqual([{ path: 'idNumber', message: 'This person is already registered as arriving that day' }]);
    // Search: exact ID number and phone through the blind index; name fragment; region; date range.
    expect((await guard.get(`/api/outsiders/arrivals?q=${idn}`)).body.items.map((a: { id: string }) => a.id)).toEqual([id]);
    expect((await guard.get('/api/outsiders/arrivals?q=13912345678')).body.items).toHaveLength(1);
    expect((await guard.get(`/api/outsiders/arrivals?q=${encodeURIComponent('钱')}`)).body.items).toHaveLength(1);
    expect((await guard.get(`/api/outsiders/arrivals?fromRegion=${encodeURIComponent('武汉')}`)).body.items).toHaveLength(1);
    expect((await guard.get('/api/outsiders/arrivals?from=2022-07-11&to=2022-07-12')).body.items).toHaveLength(0);
  });

  it('proposes 7 days home isolation for medium and 2 tests in 3 days for low; none gets no measure', async () => {
    const medium = await admin.post('/api/outsiders/arrivals', arrival(w.hA2, { name: '孙八', riskLevel: 'medium', arrivalDate: '2022-07-09' }));
    expect(medium.body.measures).toMatchObject([{ kind: 'home_isolation', startsOn: '2022-07-09', endsOn: '2022-07-15' }]);
    const low = await admin.post('/api/outsiders/arrivals', arrival(w.hA2, { name: '周九', riskLevel: 'low', arrivalDate: '2022-07-08' }));
    expect(low.body.measures).toMatchObject([{ kind: 'tests', startsOn: '2022-07-08', endsOn: '2022-07-10', testDays: ['2022-07-08', '2022-07-10'] }]);
    const none = await admin.post('/api/outsiders/arrivals', arrival(w.hA2, { name: '吴十', riskLevel: 'none' }));
    expect(none.body.measures).toEqual([]);
    const proposal = await admin.get('/api/outsiders/proposal?riskLevel=low&arrivalDate=2022-07-10');
    expect(proposal.body).toMatchObject({ version: { name: '第九版防控方案' }, measures: [{ kind: 'tests', testDays: ['2022-07-10', '2022-07-12'] }] });
  });

  it('takes the risk level from the region risk list when not entered; unknown regions need a level', async () => {
    const saved = await admin.post('/api/outsiders/region-risks', { region: '广东省广州市海珠区', riskLevel: 'medium', since: '2022-07-01' });
    expect(saved.status).toBe(201);
    const res = await admin.post('/api/outsiders/arrivals', arrival(w.hA2, { name: '郑一', fromRegion: '广东省广州市海珠区', riskLevel: undefined }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ riskLevel: 'medium', measures: [{ kind: 'home_isolation' }] });
    const unknown = await admin.post('/api/outsiders/arrivals', arrival(w.hA2, { name: '郑二', fromRegion: '某某县', riskLevel: undefined }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details).toEqual([{ path: 'riskLevel', message: 'The region is not in the risk list; choose its risk level' }]);
    const listed = await admin.get('/api/outsiders/region-risks?date=2022-07-10');
    expect(listed.body.map((r: { region: string }) => r.region)).toEqual(['广东省广州市海珠区']);
  });

  it('rejects bad input and changes nothing: check digit, future arrival, unknown level, no place', async () => {
    const before = (await t.ctx.database.db.selectFrom('arrivals').selectAll().execute()).length;
    const badId = await admin.post('/api/outsiders/arrivals', arrival(w.hA, { idType: 'id_card', idNumber: '110105194912310021' }));
    expect(badId.status).toBe(400);
    expect(badId.body.error.details).toEqual([{ path: 'idNumber', message: 'ID number check digit is wrong' }]);
    const future = await admin.post('/api/outsiders/arrivals', arrival(w.hA, { arrivalDate: '2022-07-11' }));
    expect(future.status).toBe(400);
    expect(future.body.error.details).toEqual([{ path: 'arrivalDate', message: 'The arrival date cannot be after today' }]);
    const level = await admin.post('/api/outsiders/arrivals', arrival(w.hA, { riskLevel: 'extreme' }));
    expect(level.status).toBe(400);
    expect(level.body.error.details.map((d: { path: string }) => d.path)).toEqual(['riskLevel']);
    const noStay = await admin.post('/api/outsiders/arrivals', arrival(w.hA, { stayNodeId: null }));
    expect(noStay.body.error.details.map((d: { path: string }) => d.path)).toEqual(['stayNodeId']);
    const noGate = await admin.post('/api/outsiders/arrivals', arrival(w.hA, { registeredVia: 'checkpoint' }));
    expect(noGate.body.error.details.map((d: { path: string }) => d.path)).toEqual(['checkpointName']);
    const notHousehold = await admin.post('/api/outsiders/arrivals', arrival(w.a1));
    expect(notHousehold.status).toBe(422);
    // A hotel stay by an admin (no node of its own) must name the place that answers for it.
    const hotel = await admin.post('/api/outsiders/arrivals', arrival(w.hA, { stayNodeId: null, stayText: '如家酒店302房' }));
    expect(hotel.body.error.details).toEqual([{ path: 'nodeId', message: 'Choose the community or compound that answers for the record' }]);
    expect((await t.ctx.database.db.selectFrom('arrivals').selectAll().execute()).length).toBe(before);
  });

  it('the community confirms, adjusts with a reason, marks done or cancelled; closed measures stay closed', async () => {
    const secretary = await as('sec-a', 'community_secretary', w.communityA);
    const created = await secretary.post('/api/outsiders/arrivals', arrival(w.hA, { name: '冯二', riskLevel: 'low', arrivalDate: '2022-07-10' }));
    const measure = created.body.measures[0];
    const noReason = await secretary.post(`/api/outsiders/measures/${measure.id}/confirm`, { startsOn: '2022-07-11', endsOn: '2022-07-13' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('reason');
    const adjusted = await secretary.post(`/api/outsiders/measures/${measure.id}/confirm`, { startsOn: '2022-07-11', endsOn: '2022-07-13', reason: '当日已在外地检测' });
    expect(adjusted.status).toBe(200);
    expect(adjusted.body.measures[0]).toMatchObject({
      status: 'confirmed', startsOn: '2022-07-11', endsOn: '2022-07-13', testDays: ['2022-07-11', '2022-07-13'], reason: '当日已在外地检测',
      proposed: { kind: 'tests', startsOn: '2022-07-10', endsOn: '2022-07-12' }, confirmedBy: 'sec-a',
    });
    const again = await secretary.post(`/api/outsiders/measures/${measure.id}/confirm`, {});
    expect(again.body.measures[0].status).toBe('confirmed');
    const cancelNoReason = await secretary.post(`/api/outsiders/measures/${measure.id}/close`, { status: 'cancelled' });
    expect(cancelNoReason.status).toBe(400);
    const done = await secretary.post(`/api/outsiders/measures/${measure.id}/close`, { status: 'done' });
    expect(done.body.measures[0].status).toBe('done');
    expect((await secretary.post(`/api/outsiders/measures/${measure.id}/close`, { status: 'done' })).status).toBe(200);
    const reopen = await secretary.post(`/api/outsiders/measures/${measure.id}/confirm`, {});
    expect(reopen.status).toBe(409);
    // Confirm-all confirms what is still proposed, as proposed.
    const high = await secretary.post('/api/outsiders/arrivals', arrival(w.hA, { name: '陈三', riskLevel: 'high' }));
    const all = await secretary.post(`/api/outsiders/arrivals/${high.body.id}/confirm`, {});
    expect(all.body.measures.map((m: { status: string }) => m.status)).toEqual(['confirmed']);
    const audit = await t.ctx.database.db.selectFrom('audit_log').select('action').where('action', 'like', 'arrival_measure.%').execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['arrival_measure.adjust', 'arrival_measure.confirm', 'arrival_measure.done']);
  });

  it('keeps community A and B apart: lists, reads, measures and due lists', async () => {
    const secB = await as('sec-b', 'community_secretary', w.communityB);
    const guardA = await as('guard-a2', 'gate_guard', w.communityA);
    const inB = await secB.post('/api/outsiders/arrivals', arrival(w.hB, { name: '光明甲', riskLevel: 'low' }));
    expect(inB.status).toBe(201);
    const listA = await guardA.get('/api/outsiders/arrivals?limit=200');
    expect(listA.body.items.map((a: { name: string }) => a.name)).not.toContain('光明甲');
    expect((await guardA.get(`/api/outsiders/arrivals/${inB.body.id}`)).status).toBe(404);
    // Guards register; deciding measures is the community's (403), and another community's measure is not found.
    expect((await guardA.post(`/api/outsiders/measures/${inB.body.measures[0].id}/close`, { status: 'done' })).status).toBe(403);
    const secA = await as('sec-a2', 'community_secretary', w.communityA);
    expect((await secA.post(`/api/outsiders/measures/${inB.body.measures[0].id}/close`, { status: 'done' })).status).toBe(404);
    const intoB = await guardA.post('/api/outsiders/arrivals', arrival(w.hB, { name: '越界' }));
    expect(intoB.status).toBe(404);
    expect(intoB.body.error.details[0].path).toBe('stayNodeId');
    expect((await guardA.get('/api/outsiders/due?date=2022-07-10')).body.items.map((i: { name: string }) => i.name)).not.toContain('光明甲');
    expect((await secB.get('/api/outsiders/due?date=2022-07-10')).body.items.map((i: { name: string }) => i.name)).toEqual(['光明甲']);
    expect((await secB.get(`/api/outsiders/due?nodeId=${w.communityA}`)).status).toBe(404);
    // A hotel stay answers to the guard's own community.
    const hotel = await guardA.post('/api/outsiders/arrivals', arrival(w.hA, { name: '住酒店', stayNodeId: null, stayText: '如家酒店302房' }));
    expect(hotel.body).toMatchObject({ stay: '如家酒店302房', scopeNodeId: w.communityA, scopeName: '幸福社区' });
    // A household with arrivals answering to it is not deleted from under them.
    const del = await admin.del(`/api/jurisdiction/nodes/${w.hB}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('HAS_DEPENDENTS');
  });
});
