import { afterEach, describe, expect, it } from 'vitest';
import { resultsWorld } from './results.fixtures.ts';

type World = Awaited<ReturnType<typeof resultsWorld>>;
let w: World | undefined;
afterEach(async () => {
  await w?.t.close();
  w = undefined;
});

describe('applying lab results to a round', () => {
  it('a negative tube clears its members for the round', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1, roundId } = w;
    const t1 = await w.tube('T-NEG-0001', deskA1, 10);
    await w.sample(t1, people.zhang);
    await w.sample(t1, people.li);
    const r = await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-NEG-0001', result: 'negative' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ changed: true, members: 2, result: 'negative' });
    expect((await w.roster(people.zhang)).result).toBe('negative');
    expect((await w.roster(people.li)).result).toBe('negative');
    expect((await w.roster(people.wang)).result).toBeNull();
    expect((await w.tubeRow(t1)).result).toBe('negative');
    // Entering the same result again changes nothing and writes no second audit row.
    const again = await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-NEG-0001', result: 'negative' });
    expect(again.body).toMatchObject({ changed: false });
    const audits = await w.db.selectFrom('audit_log').select('action').where('action', '=', 'nat.result.enter').execute();
    expect(audits).toHaveLength(1);
    const summary = await admin.get(`/api/nat/results/rounds/${roundId}/summary`);
    expect(summary.body.tubes).toEqual({ pending: 0, negative: 1, positive: 0, invalid: 0 });
  });

  it('a positive pool puts exactly its accepted members under control with one re-sample task each, idempotently', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1, roundId, world } = w;
    const first = await w.tube('T-POOL-0001', deskA1, 10);
    await w.sample(first, people.zhang); // zhang's accepted sample is here
    const pool = await w.tube('T-POOL-0002', deskA1, 10);
    await w.sample(pool, people.wang);
    await w.sample(pool, people.zhao);
    await w.sample(pool, people.qian, { undone: true }); // undone at the desk: not in the pool
    await w.sample(pool, people.zhang); // scanned twice in the round: flagged duplicate, not in the pool

    const csv = '管码,结果\nT-POOL-0002,阳性\n';
    const r = await w.upload(admin, 'lab.csv', csv);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'applied', changed: 1, resamplesCreated: 2, casesCreated: 0 });
    for (const id of [people.wang, people.zhao]) {
      expect(await w.roster(id)).toMatchObject({ result: 'pool_positive', control_status: 'controlled' });
    }
    expect(await w.roster(people.qian)).toMatchObject({ result: null, control_status: null });
    expect(await w.roster(people.zhang)).toMatchObject({ result: null, control_status: null });
    const tasks = await w.resampleTasks();
    expect(tasks.map((t) => t.resident_id).sort()).toEqual([people.wang, people.zhao].sort());
    expect(tasks.every((t) => t.source_tube_id === pool && t.status === 'open')).toBe(true);
    expect(tasks.find((t) => t.resident_id === people.wang)!.building_id).toBe(world.a1);

    // Re-applying (hand entry of the same result, or the file with a different name/bytes) adds nothing.
    const again = await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-POOL-0002', result: 'positive' });
    expect(again.body).toMatchObject({ changed: false, resamplesCreated: 0 });
    const r2 = await w.upload(admin, 'lab-again.csv', '管码,结果\r\nT-POOL-0002,positive\r\n');
    expect(r2.body).toMatchObject({ status: 'applied', changed: 0, unchanged: 1, resamplesCreated: 0 });
    expect(await w.resampleTasks()).toHaveLength(2);

    const summary = await admin.get(`/api/nat/results/rounds/${roundId}/summary`);
    expect(summary.body).toMatchObject({ resamplesOutstanding: 2, controlled: 2, canApply: true });
    expect(summary.body.tubes).toMatchObject({ positive: 1, pending: 1 });
  });

  it('a person in two positive tubes (the second a duplicate scan) is re-sampled once', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1 } = w;
    const a = await w.tube('T-TWO-0001', deskA1, 10);
    const b = await w.tube('T-TWO-0002', deskA1, 10);
    await w.sample(a, people.qian);
    await w.sample(b, people.wang);
    await w.sample(b, people.qian); // duplicate_of the sample in tube a
    const r = await w.upload(admin, 'lab.csv', '试管编号,检测结果\nT-TWO-0001,阳性\nT-TWO-0002,阳性\n');
    expect(r.status).toBe(200);
    const tasks = await w.resampleTasks();
    expect(tasks.filter((t) => t.resident_id === people.qian)).toHaveLength(1);
    expect(tasks.find((t) => t.resident_id === people.qian)!.source_tube_id).toBe(a);
    expect(tasks).toHaveLength(2);
  });

  it('a negative single-tube re-sample clears the pool control; a positive single tube opens a case with exposure', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1, deskA2, roundId, staffPeople } = w;
    const pool = await w.tube('T-RS-0001', deskA1, 10);
    await w.sample(pool, people.wang);
    await w.sample(pool, people.zhang);
    await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-RS-0001', result: 'positive' });
    const tasks = await w.resampleTasks();
    expect(tasks).toHaveLength(2);

    // Wang's re-sample at the single desk is negative: control lifted (rule releaseOnNegativeResample).
    const wangTube = await w.tube('T-RS-0002', deskA2, 1, 'resample');
    await w.sample(wangTube, people.wang, { at: '2026-02-21T05:00:00.000Z' });
    await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-RS-0002', result: 'negative' });
    expect(await w.roster(people.wang)).toMatchObject({ result: 'negative', control_status: null });

    // Zhang's single tube at the pooled desk 1 at 09:30 Shanghai (01:30Z) is positive: a case.
    const single = await w.tube('T-RS-0003', deskA1, 1, 'resample');
    await w.sample(single, people.zhang, { at: '2026-02-21T01:30:00.000Z' });
    const r = await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-RS-0003', result: 'positive' });
    expect(r.body).toMatchObject({ changed: true, casesCreated: 1 });
    expect(await w.roster(people.zhang)).toMatchObject({ result: 'positive', control_status: 'case' });
    const cases = await admin.get(`/api/nat/results/rounds/${roundId}/cases`);
    expect(cases.body.items).toHaveLength(1);
    const c = cases.body.items[0];
    expect(c).toMatchObject({ residentName: '张三', tubeBarcode: 'T-RS-0003', status: 'open' });
    expect(c.address).toContain('101室');
    expect(c.exposure.household.map((h: { name: string }) => h.name)).toEqual(['李四']);
    const staffIds = c.exposure.staff.map((s: { personId: string }) => s.personId).sort();
    // The morning sampler of desk 1 and the site lead (no span); not the afternoon shift, not desk 2.
    expect(staffIds).toEqual([staffPeople.morning, staffPeople.lead].sort());
    const revoked = await w.db.selectFrom('nat_certificate_revocations').selectAll().where('round_id', '=', roundId).execute();
    expect(revoked.map((x) => x.resident_id)).toEqual([people.zhang]);
    const audit = await w.db.selectFrom('audit_log').select(['entity_id']).where('action', '=', 'nat.case.create').execute();
    expect(audit.map((a) => a.entity_id)).toEqual([c.id]);
    // Applying it again opens no second case.
    const again = await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-RS-0003', result: 'positive' });
    expect(again.body.casesCreated).toBe(0);
    expect((await w.db.selectFrom('nat_cases').select('id').execute())).toHaveLength(1);
    // Zhang's pool re-sample task is still open (the case takes over), Wang's was sampled elsewhere.
    const close = await admin.post(`/api/nat/results/cases/${c.id}/status`, { status: 'closed' });
    expect(close.body).toEqual({ id: c.id, status: 'closed' });
  });

  it('one file holding a person\'s pool and re-sample tubes applies them in line order', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1, deskA2 } = w;
    const pool = await w.tube('T-ORD-0001', deskA1, 10);
    await w.sample(pool, people.wang);
    const wangSingle = await w.tube('T-ORD-0002', deskA2, 1, 'resample');
    await w.sample(wangSingle, people.wang, { at: '2026-02-21T05:00:00.000Z' });
    const negPool = await w.tube('T-ORD-0003', deskA1, 10);
    await w.sample(negPool, people.zhang);
    await w.sample(negPool, people.li);
    const zhangSingle = await w.tube('T-ORD-0004', deskA2, 1, 'resample');
    await w.sample(zhangSingle, people.zhang, { at: '2026-02-21T05:00:00.000Z' });
    const csv = '管码,结果\nT-ORD-0001,阳性\nT-ORD-0002,阴性\nT-ORD-0003,阴性\nT-ORD-0004,阳性\n';
    const r = await w.upload(admin, 'lab.csv', csv);
    expect(r.body).toMatchObject({ changed: 4, casesCreated: 1, resamplesCreated: 1 });
    expect(await w.roster(people.wang)).toMatchObject({ result: 'negative', control_status: null });
    expect(await w.roster(people.li)).toMatchObject({ result: 'negative', control_status: null });
    // The later positive single tube wins over the earlier negative pool in the same file.
    expect(await w.roster(people.zhang)).toMatchObject({ result: 'positive', control_status: 'case' });
    expect((await w.tubeRow(zhangSingle)).result).toBe('positive');
    expect((await w.tubeRow(negPool)).result).toBe('negative');
  });

  it('an invalid tube asks for a re-sample of its members without control', async () => {
    w = await resultsWorld();
    const { admin, people, deskB1 } = w;
    const t = await w.tube('T-INV-0001', deskB1, 10);
    await w.sample(t, people.sun);
    const r = await w.upload(admin, 'lab.csv', 'barcode,result\nT-INV-0001,invalid\n');
    expect(r.body).toMatchObject({ resamplesCreated: 1 });
    expect(await w.roster(people.sun)).toMatchObject({ result: 'invalid', control_status: null });
  });

  it('the control statuses come from the rule set an administrator edits', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1, roundId } = w;
    const rules = await admin.get('/api/nat/results/rules');
    expect(rules.body).toMatchObject({ poolPositive: 'controlled', positive: 'case' });
    const put = await admin.put('/api/nat/results/rules', { ...rules.body, poolPositive: 'home_isolation' });
    expect(put.status).toBe(200);
    const t = await w.tube('T-RULE-0001', deskA1, 10);
    await w.sample(t, people.wang);
    await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-RULE-0001', result: 'positive' });
    expect(await w.roster(people.wang)).toMatchObject({ control_status: 'home_isolation' });
    const bad = await admin.put('/api/nat/results/rules', { ...rules.body, poolPositive: '' });
    expect(bad.status).toBe(400);
    const secretary = await w.as('sec-a', 'community_secretary', w.world.communityA);
    expect((await secretary.put('/api/nat/results/rules', rules.body)).status).toBe(403);
  });
});
