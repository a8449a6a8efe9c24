import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { deskWorld, type DeskWorld } from './desk.fixtures.ts';

describe('nat desk: bags and courier handover', () => {
  let w: DeskWorld;
  beforeAll(async () => { w = await deskWorld({ poolSize: 1, bagSize: 2 }); });
  afterAll(async () => { await w.t.close(); });

  /** A tube with one person in it: closed at once (pool of 1). */
  async function fullTube(barcode: string, idNumber: string): Promise<void> {
    await w.admin.post('/api/nat/desk/tubes', { id: newId(), deskId: w.desk, barcode });
    const r = await w.admin.post('/api/nat/desk/scans', { id: newId(), deskId: w.desk, tubeBarcode: barcode, idNumber });
    expect(r.body.tube.status).toBe('closed');
  }

  it('takes closed tubes up to the bag size, seals itself, refuses more and open tubes', async () => {
    await fullTube('B-T-001', w.ids.zhang);
    await fullTube('B-T-002', w.ids.li);
    await fullTube('B-T-003', w.ids.wang);
    await w.admin.post('/api/nat/desk/tubes', { id: newId(), deskId: w.desk, barcode: 'B-T-OPEN' });
    const bagId = newId();
    const bag = await w.admin.post('/api/nat/desk/bags', { id: bagId, siteId: w.siteId, barcode: 'BAG-0001' });
    expect(bag.body).toMatchObject({ capacity: 2, status: 'open', tubeCount: 0 });
    expect((await w.admin.post('/api/nat/desk/bags', { id: bagId, siteId: w.siteId, barcode: 'BAG-0001' })).body.id).toBe(bagId);
    const open = await w.admin.post(`/api/nat/desk/bags/${bagId}/tubes`, { tubeBarcode: 'B-T-OPEN' });
    expect(open.status).toBe(400);
    expect(open.body.error.details[0].path).toBe('tubeBarcode');
    await w.admin.post(`/api/nat/desk/bags/${bagId}/tubes`, { tubeBarcode: 'B-T-001' });
    // Adding the same tube twice changes nothing.
    expect((await w.admin.post(`/api/nat/desk/bags/${bagId}/tubes`, { tubeBarcode: 'B-T-001' })).body.tubeCount).toBe(1);
    const full = await w.admin.post(`/api/nat/desk/bags/${bagId}/tubes`, { tubeBarcode: 'B-T-002' });
    expect(full.body).toMatchObject({ status: 'sealed', tubeCount: 2, tubes: ['B-T-001', 'B-T-002'] });
    const third = await w.admin.post(`/api/nat/desk/bags/${bagId}/tubes`, { tubeBarcode: 'B-T-003' });
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('NAT_BAG_STATE');
    const t3 = await w.db.selectFrom('nat_tubes').select(['status', 'bag_id']).where('barcode', '=', 'B-T-003').executeTakeFirstOrThrow();
    expect(t3).toEqual({ status: 'closed', bag_id: null });
  });

  it('hands a bag to the courier by scan; a missing tube is reported and recorded', async () => {
    const r = await w.admin.post('/api/nat/desk/handover', {
      roundId: w.roundId, bagBarcode: 'BAG-0001', courierName: '顺丰 刘师傅', tubeBarcodes: ['B-T-001', 'B-T-009'],
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ expected: 2, counted: 2, match: false, missing: ['B-T-002'], unexpected: ['B-T-009'] });
    const bag = await w.db.selectFrom('nat_bags').selectAll().where('barcode', '=', 'BAG-0001').executeTakeFirstOrThrow();
    expect(bag).toMatchObject({ status: 'handed_over', courier_name: '顺丰 刘师傅', handed_tube_count: 2, tube_count: 2 });
    const tubes = await w.db.selectFrom('nat_tubes').select('status').where('bag_id', '=', bag.id).execute();
    expect(tubes.map((t) => t.status)).toEqual(['handed_over', 'handed_over']);
    const audit = await w.db.selectFrom('audit_log').select('details').where('action', '=', 'nat.bag.handover').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.details)).toMatchObject({ expected: 2, counted: 2, missing: ['B-T-002'] });

    // A second bag handed over by count: a short count is a mismatch too.
    const bag2 = newId();
    await w.admin.post('/api/nat/desk/bags', { id: bag2, siteId: w.siteId, barcode: 'BAG-0002' });
    await w.admin.post(`/api/nat/desk/bags/${bag2}/tubes`, { tubeBarcode: 'B-T-003' });
    expect((await w.admin.post(`/api/nat/desk/bags/${bag2}/seal`)).body.status).toBe('sealed');
    const ok = await w.admin.post('/api/nat/desk/handover', { roundId: w.roundId, bagBarcode: 'BAG-0002', courierName: '刘师傅', tubeCount: 1 });
    expect(ok.body).toMatchObject({ expected: 1, counted: 1, match: true });
  });

  it("lists a site's bags and its closed tubes not yet bagged", async () => {
    await fullTube('B-T-004', w.ids.zhao);
    const bag4 = newId();
    await w.admin.post('/api/nat/desk/bags', { id: bag4, siteId: w.siteId, barcode: 'BAG-0004' });
    const r = await w.admin.get(`/api/nat/desk/sites/${w.siteId}/bags`);
    expect(r.status).toBe(200);
    expect(r.body.site).toMatchObject({ id: w.siteId, roundId: w.roundId, bagSize: 2 });
    // Open and sealed bags first, then the handed-over ones, newest first.
    expect(r.body.bags.map((b: { barcode: string; status: string }) => `${b.barcode}:${b.status}`))
      .toEqual(['BAG-0004:open', 'BAG-0002:handed_over', 'BAG-0001:handed_over']);
    expect(r.body.bags[2]).toMatchObject({ tubeCount: 2, handedTubeCount: 2, courierName: '顺丰 刘师傅' });
    // Closed and loose: B-T-004 only (B-T-001..003 are bagged, B-T-OPEN is still open).
    expect(r.body.looseTubes).toEqual([expect.objectContaining({ barcode: 'B-T-004', deskName: '1号采样台', sampleCount: 1 })]);
    await w.admin.post(`/api/nat/desk/bags/${bag4}/tubes`, { tubeBarcode: 'B-T-004' });
    expect((await w.admin.get(`/api/nat/desk/sites/${w.siteId}/bags`)).body.looseTubes).toEqual([]);
    const secretaryB = await w.as('sec-b3', 'community_secretary', w.world.communityB);
    expect((await secretaryB.get(`/api/nat/desk/sites/${w.siteId}/bags`)).status).toBe(404);
    expect((await secretaryB.get(`/api/nat/desk/sites/${w.siteB}/bags`)).status).toBe(200);
  });

  it('keeps bags of another community out of reach', async () => {
    const secretaryB = await w.as('sec-b2', 'community_secretary', w.world.communityB);
    const bag = await w.db.selectFrom('nat_bags').select('id').where('barcode', '=', 'BAG-0001').executeTakeFirstOrThrow();
    expect((await secretaryB.get(`/api/nat/desk/bags/${bag.id}`)).status).toBe(404);
    expect((await secretaryB.post('/api/nat/desk/bags', { id: newId(), siteId: w.siteId, barcode: 'BAG-0003' })).status).toBe(404);
  });
});
