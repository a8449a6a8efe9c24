import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import type { Client } from '../../../test/support/client.ts';
import { residentCodeToken } from './codes.ts';
import { deskWorld, type DeskWorld } from './desk.fixtures.ts';

describe('nat desk: tubes, scans, undo, idempotence', () => {
  let w: DeskWorld;
  let admin: Client;
  beforeAll(async () => { w = await deskWorld(); admin = w.admin; });
  afterAll(async () => { await w.t.close(); });

  const openTube = (barcode: string, deskId = w.desk, id = newId()) => admin.post('/api/nat/desk/tubes', { id, deskId, barcode });
  const scanId = (tubeBarcode: string, idNumber: string, id = newId(), deskId = w.desk) =>
    admin.post('/api/nat/desk/scans', { id, deskId, tubeBarcode, idNumber });
  const roster = (residentId: string) => w.db.selectFrom('nat_round_residents').selectAll()
    .where('round_id', '=', w.roundId).where('resident_id', '=', residentId).executeTakeFirstOrThrow();
  const samplesOf = (residentId: string) => w.db.selectFrom('nat_samples').selectAll().where('resident_id', '=', residentId).orderBy('created_at').execute();

  it('fills a pooled tube to the pool size, closes it, and refuses a fourth scan', async () => {
    const tube = await openTube('T-0001');
    expect(tube.status).toBe(200);
    expect(tube.body).toMatchObject({ barcode: 'T-0001', capacity: 3, sampleCount: 0, status: 'open', source: 'desk' });
    const a = await scanId('t-0001', w.ids.zhang);
    expect(a.status).toBe(200);
    expect(a.body.sample).toMatchObject({ residentId: w.people.zhang, name: '张三', method: 'id_number', duplicateOf: null });
    expect(a.body.tube).toMatchObject({ sampleCount: 1, status: 'open' });
    // 同行人员: the other member of the household, to add with one tap.
    expect(a.body.household).toEqual([{ residentId: w.people.li, name: '李四', sampled: false }]);
    const b = await admin.post('/api/nat/desk/scans', { id: newId(), deskId: w.desk, tubeBarcode: 'T-0001', residentId: w.people.li });
    expect(b.body.sample.method).toBe('household');
    const c = await scanId('T-0001', w.ids.wang);
    expect(c.body.tube).toMatchObject({ sampleCount: 3, status: 'closed' });
    expect(c.body.tube.closedAt).not.toBeNull();
    const d = await scanId('T-0001', w.ids.zhao);
    expect(d.status).toBe(409);
    expect(d.body.error.code).toBe('NAT_TUBE_CLOSED');
    expect(await samplesOf(w.people.zhao)).toHaveLength(0);
    expect((await roster(w.people.zhang)).sample_id).toBe(a.body.sample.id);
  });

  it('flags a person scanned into a second tube as a duplicate, counted once; undo moves the count to the other sample', async () => {
    await openTube('T-0002');
    const first = (await samplesOf(w.people.zhang))[0];
    const again = await scanId('T-0002', w.ids.zhang);
    expect(again.status).toBe(200);
    expect(again.body.sample.duplicateOf).toBe(first.id);
    expect(again.body.tube.sampleCount).toBe(1);
    expect((await roster(w.people.zhang)).sample_id).toBe(first.id);
    const desk = await admin.get(`/api/nat/desk/desks/${w.desk}`);
    expect(desk.body).toMatchObject({ sampledCount: 3, capacity: 3, tube: { barcode: 'T-0002' } });

    // Undo the first (tube T-0001 closed itself): the tube opens again and the second sample now counts.
    const undo = await admin.post(`/api/nat/desk/samples/${first.id}/undo`);
    expect(undo.status).toBe(200);
    expect(undo.body.undone).toBe(true);
    const t1 = await w.db.selectFrom('nat_tubes').selectAll().where('barcode', '=', 'T-0001').executeTakeFirstOrThrow();
    expect(t1).toMatchObject({ status: 'open', sample_count: 2, closed_at: null });
    const r = await roster(w.people.zhang);
    expect(r.sample_id).toBe(again.body.sample.id);
    const second = await w.db.selectFrom('nat_samples').selectAll().where('id', '=', again.body.sample.id).executeTakeFirstOrThrow();
    expect(second.duplicate_of).toBeNull();
    // Undoing again answers the same and changes nothing.
    const twice = await admin.post(`/api/nat/desk/samples/${first.id}/undo`);
    expect(twice.body.undone).toBe(true);
    expect((await w.db.selectFrom('nat_tubes').select('sample_count').where('id', '=', t1.id).executeTakeFirstOrThrow()).sample_count).toBe(2);
    // Undo the only remaining sample: the person is untested again.
    await admin.post(`/api/nat/desk/samples/${again.body.sample.id}/undo`);
    expect(await roster(w.people.zhang)).toMatchObject({ sample_id: null, sampled_at: null });
    const audit = await w.db.selectFrom('audit_log').select('action').where('action', '=', 'nat.sample.undo').execute();
    expect(audit).toHaveLength(3 - 1);
  });

  it('answers a retried scan (same client id) with the same result and no second row, also when sent concurrently', async () => {
    await openTube('T-0003');
    const id = newId();
    const one = await scanId('T-0003', w.ids.zhao, id);
    const two = await scanId('T-0003', w.ids.zhao, id);
    expect(two.status).toBe(200);
    expect(two.body).toEqual(one.body);
    const cid = newId();
    const burst = await Promise.all(Array.from({ length: 6 }, () => scanId('T-0003', w.ids.zhang, cid)));
    expect(burst.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(new Set(burst.map((r) => r.body.sample.id))).toEqual(new Set([cid]));
    expect(await w.db.selectFrom('nat_samples').select('id').where('id', '=', cid).execute()).toHaveLength(1);
    const tube = await w.db.selectFrom('nat_tubes').selectAll().where('barcode', '=', 'T-0003').executeTakeFirstOrThrow();
    expect(tube.sample_count).toBe(2);
    // Re-opening the same tube id, or scanning the open tube's barcode again at this desk, resumes it.
    expect((await openTube('T-0003')).body.id).toBe(tube.id);
    expect((await openTube('T-0003', w.singleDesk)).body.error.code).toBe('NAT_TUBE_TAKEN');
  });

  it('applies a batch of queued desk operations exactly once, in order, with per-item answers', async () => {
    const tubeId = newId();
    const s1 = newId();
    const s2 = newId();
    const items = [
      { op: 'open_tube', input: { id: tubeId, deskId: w.desk, barcode: 'T-0004' } },
      { op: 'scan', input: { id: s1, deskId: w.desk, tubeBarcode: 'T-0004', idNumber: w.ids.wang } },
      { op: 'scan', input: { id: newId(), deskId: w.desk, tubeBarcode: 'T-0004', idNumber: '110105198001010010' } },
      { op: 'scan', input: { id: s2, deskId: w.desk, tubeBarcode: 'T-0004', idNumber: w.ids.li } },
      { op: 'undo', sampleId: s2 },
      { op: 'close_tube', tubeId },
    ];
    const first = await admin.post('/api/nat/desk/sync', { items });
    expect(first.status).toBe(200);
    expect(first.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, true, false, true, true, true]);
    expect(first.body.results[2].error).toMatchObject({ code: 'VALIDATION', details: [{ path: 'idNumber', message: 'id_number.check_digit' }] });
    const again = await admin.post('/api/nat/desk/sync', { items });
    // The same items again: the same answers (each for the same stored row), nothing written twice.
    const idsOf = (results: { ok: boolean; result?: { id?: string; sample?: { id: string } }; error?: { code: string } }[]) =>
      results.map((r) => (r.ok ? r.result?.sample?.id ?? r.result?.id : r.error?.code));
    expect(idsOf(again.body.results)).toEqual(idsOf(first.body.results));
    expect(idsOf(first.body.results)).toEqual([tubeId, s1, 'VALIDATION', s2, s2, tubeId]);
    const rows = await w.db.selectFrom('nat_samples').selectAll().where('tube_id', '=', tubeId).execute();
    expect(rows.map((r) => r.id).sort()).toEqual([s1, s2].sort());
    const tube = await w.db.selectFrom('nat_tubes').selectAll().where('id', '=', tubeId).executeTakeFirstOrThrow();
    expect(tube).toMatchObject({ status: 'closed', sample_count: 1 });
  });

  it('refuses bad input with specific field errors and writes nothing', async () => {
    const before = (await w.db.selectFrom('nat_samples').select('id').execute()).length;
    const badBarcode = await admin.post('/api/nat/desk/tubes', { id: newId(), deskId: w.desk, barcode: 'AB' });
    expect(badBarcode.status).toBe(400);
    expect(badBarcode.body.error.details[0]).toMatchObject({ path: 'barcode' });
    await openTube('T-0005');
    const check = await scanId('T-0005', w.ids.zhao.slice(0, 17) + (w.ids.zhao.endsWith('1') ? '2' : '1'));
    expect(check.status).toBe(400);
    expect(check.body.error.details[0]).toMatchObject({ path: 'idNumber', message: 'ID number check digit is wrong' });
    const outside = await scanId('T-0005', w.ids.qian);
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('NAT_NOT_IN_ROUND');
    const two = await admin.post('/api/nat/desk/scans', { id: newId(), deskId: w.desk, tubeBarcode: 'T-0005', idNumber: w.ids.zhao, residentId: w.people.zhao });
    expect(two.status).toBe(400);
    const unknownTube = await scanId('T-9999', w.ids.zhao);
    expect(unknownTube.body.error.details[0]).toMatchObject({ path: 'tubeBarcode' });
    const forged = await admin.post('/api/nat/desk/scans', { id: newId(), deskId: w.desk, tubeBarcode: 'T-0005', code: 'FK1.e30.AAAA' });
    expect(forged.body.error.code).toBe('NAT_CODE_INVALID');
    expect((await w.db.selectFrom('nat_samples').select('id').execute()).length).toBe(before);
  });

  it('scans a personal code; a single desk takes one person per tube', async () => {
    const tube = await openTube('S-0001', w.singleDesk);
    expect(tube.body.capacity).toBe(1);
    const token = residentCodeToken(w.t.ctx.signer, w.people.wang, 1);
    const r = await admin.post('/api/nat/desk/scans', { id: newId(), deskId: w.singleDesk, tubeBarcode: 'S-0001', code: token });
    expect(r.status).toBe(200);
    expect(r.body.sample.method).toBe('code');
    expect(r.body.tube.status).toBe('closed');
  });

  it('counts a person scanned at two desks at the same moment once', async () => {
    await openTube('T-0006');
    await openTube('S-0002', w.singleDesk);
    await admin.post(`/api/nat/desk/samples/${(await roster(w.people.li)).sample_id}/undo`);
    const [a, b] = await Promise.all([scanId('T-0006', w.ids.li), scanId('S-0002', w.ids.li, newId(), w.singleDesk)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const flagged = [a.body.sample.duplicateOf, b.body.sample.duplicateOf];
    expect(flagged.filter((x) => x === null)).toHaveLength(1);
    const counted = a.body.sample.duplicateOf === null ? a.body.sample.id : b.body.sample.id;
    expect((await roster(w.people.li)).sample_id).toBe(counted);
    expect(flagged.filter((x) => x !== null)).toEqual([counted]);
  });

  it('keeps desks of other communities out of reach', async () => {
    const secretaryB = await w.as('sec-b', 'community_secretary', w.world.communityB);
    expect((await secretaryB.get(`/api/nat/desk/desks/${w.desk}`)).status).toBe(404);
    expect((await secretaryB.post('/api/nat/desk/tubes', { id: newId(), deskId: w.desk, barcode: 'X-000001' })).status).toBe(404);
    const sample = (await samplesOf(w.people.wang))[0];
    expect((await secretaryB.post(`/api/nat/desk/samples/${sample.id}/undo`)).status).toBe(404);
    const volunteerA = await w.as('vol-a', 'volunteer', w.world.communityA);
    const mine = await volunteerA.get(`/api/nat/desk/desks/${w.desk}`);
    expect(mine.status).toBe(200);
    expect(mine.body.siteName).toBe('阳光花园东门广场');
    expect((await volunteerA.get(`/api/nat/desk/desks/${w.deskB}`)).status).toBe(404);
    const resident = await w.as('res-a', 'resident', w.world.communityA);
    expect((await resident.get(`/api/nat/desk/desks/${w.desk}`)).status).toBe(403);
  });
});

describe('nat desk: a round that is not open', () => {
  let w: DeskWorld;
  beforeAll(async () => { w = await deskWorld({ status: 'planned' }); });
  afterAll(async () => { await w.t.close(); });

  it('refuses tubes before the round opens', async () => {
    const r = await w.admin.post('/api/nat/desk/tubes', { id: newId(), deskId: w.desk, barcode: 'T-0001' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('NAT_ROUND_NOT_OPEN');
  });
});
