import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { deskWorld } from './desk.fixtures.ts';
import { multipart } from './results.fixtures.ts';

// Across the parts: samples registered through the desk API, results applied through the results API, and the
// completion certificate of a positive person no longer verifying.

type World = Awaited<ReturnType<typeof deskWorld>>;
let w: World | undefined;
afterEach(async () => {
  await w?.t.close();
  w = undefined;
});

describe('desk scans → lab file → roster, re-samples, case, certificate', () => {
  it('applies a lab file to tubes filled at the desk', async () => {
    w = await deskWorld({ poolSize: 3 });
    const { admin, people, ids, roundId } = w;
    const scan = (deskId: string, tubeBarcode: string, idNumber: string) => admin.post('/api/nat/desk/scans', { id: newId(), deskId, tubeBarcode, idNumber });
    expect((await admin.post('/api/nat/desk/tubes', { id: newId(), deskId: w.desk, barcode: 'POOL-0001' })).status).toBeLessThan(300);
    expect((await scan(w.desk, 'POOL-0001', ids.zhang)).status).toBeLessThan(300);
    expect((await scan(w.desk, 'POOL-0001', ids.li)).status).toBeLessThan(300);
    expect((await admin.post('/api/nat/desk/tubes', { id: newId(), deskId: w.singleDesk, barcode: 'SINGLE-0001' })).status).toBeLessThan(300);
    expect((await scan(w.singleDesk, 'SINGLE-0001', ids.wang)).status).toBeLessThan(300);

    const cert = await admin.get(`/api/nat/rounds/${roundId}/certificates/${people.wang}`);
    expect(cert.status).toBe(200);
    const token = cert.body.token as string;
    expect((await admin.post('/api/nat/certificates/verify', { token })).body).toMatchObject({ valid: true });

    const m = multipart('lab.csv', '管码,结果\nPOOL-0001,阳性\nSINGLE-0001,阳性\n');
    const r = await admin.raw({ method: 'POST', url: `/api/nat/results/rounds/${roundId}/import`, payload: m.payload, headers: { ...m.headers, 'x-lang': 'en' } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ changed: 2, casesCreated: 1, resamplesCreated: 2 });

    const roster = await w.db.selectFrom('nat_round_residents').select(['resident_id', 'result', 'control_status']).where('round_id', '=', roundId).execute();
    const by = new Map(roster.map((x) => [x.resident_id, x]));
    expect(by.get(people.zhang)).toMatchObject({ result: 'pool_positive', control_status: 'controlled' });
    expect(by.get(people.li)).toMatchObject({ result: 'pool_positive', control_status: 'controlled' });
    expect(by.get(people.wang)).toMatchObject({ result: 'positive', control_status: 'case' });
    expect(by.get(people.zhao)).toMatchObject({ result: null });

    // The plan part's verification refuses the positive person's certificate (revoked with the case).
    expect((await admin.post('/api/nat/certificates/verify', { token })).body).toEqual({ valid: false, reason: 'revoked' });
    const revoked = await w.db.selectFrom('nat_certificate_revocations').select('resident_id').where('round_id', '=', roundId).execute();
    expect(revoked.map((x) => x.resident_id)).toEqual([people.wang]);
  });
});
