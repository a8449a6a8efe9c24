import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../app.ts';
import { createKeyring } from '../../platform/crypto/field-cipher.ts';
import { buildServer } from '../../server.ts';
import { login, loginAs, type Client } from '../../../test/support/client.ts';
import type { TestApp } from '../../../test/support/harness.ts';
import { rotateFieldKeys } from './registry-keys.ts';
import { idNumber, registryWorld, resident } from './registry.fixtures.ts';

type Setup = Awaited<ReturnType<typeof registryWorld>>;

describe('household registry: unmasking, exports, key rotation, retention', () => {
  let t: TestApp;
  let admin: Client;
  let w: Setup['world'];
  let as: Setup['as'];
  let clock: Setup['clock'];
  const idn = idNumber('440524', '19800101', '014');
  let residentId: string;
  beforeAll(async () => {
    ({ t, admin, world: w, as, clock } = await registryWorld());
    residentId = (await admin.post('/api/registry/residents', resident(w.h101, {
      name: '陈明', idType: 'id_card', idNumber: idn, phone: '13512345678', notes: '租住', needs: [{ kind: 'disabled', note: '轮椅' }],
    }))).body.id;
    await admin.post('/api/registry/residents', resident(w.hB, { name: '光明人', phone: '13600001234' }));
  });
  afterAll(async () => { await t.close(); });

  it('unmasks only with registry.unmask and a reason, writing an audit row each time', async () => {
    const lead = await as('lead-a1', 'building_lead', w.a1);
    const list = await lead.get(`/api/registry/residents?nodeId=${w.a1}`);
    expect(list.body.items[0]).toMatchObject({ idNumberMasked: `440524********${idn.slice(-4)}`, phoneMasked: '135****5678' });
    expect(JSON.stringify(list.body)).not.toContain(idn);
    expect((await lead.post(`/api/registry/residents/${residentId}/unmask`, { fields: ['idNumber'], reason: '核酸登记核对' })).status).toBe(403);
    const noReason = await admin.post(`/api/registry/residents/${residentId}/unmask`, { fields: ['idNumber'], reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('reason');
    const sec = await as('sec-a-unmask', 'community_secretary', w.communityA);
    const shown = await sec.post(`/api/registry/residents/${residentId}/unmask`, { fields: ['idNumber', 'phone'], reason: '核酸登记核对' });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ idNumber: idn, phone: '13512345678' });
    const audit = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'resident.unmask').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_name: 'sec-a-unmask', entity_id: residentId, at: '2026-02-21T08:00:00.000Z' });
    expect(JSON.parse(audit[0].details)).toEqual({ fields: ['idNumber', 'phone'], reason: '核酸登记核对' });
  });

  it('exports masked by default; unmasked only for an allowed role with a reason, audited', async () => {
    const masked = await admin.get(`/api/registry/export?nodeId=${w.compoundA}&format=csv`);
    expect(masked.status).toBe(200);
    expect(masked.headers['content-type']).toContain('text/csv');
    const text = String(masked.body);
    expect(text).toContain('陈明');
    expect(text).toContain(`440524********${idn.slice(-4)}`);
    expect(text).toContain('135****5678');
    expect(text).toContain('Disabled (轮椅)');
    expect(text).not.toContain(idn);
    expect(text).not.toContain('光明人');
    const noReason = await admin.get(`/api/registry/export?nodeId=${w.compoundA}&format=csv&unmasked=1`);
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.details[0].path).toBe('reason');
    const full = await admin.get(`/api/registry/export?nodeId=${w.compoundA}&format=csv&unmasked=1&reason=${encodeURIComponent('移交疾控')}`);
    expect(String(full.body)).toContain(idn);
    expect(String(full.body)).toContain('13512345678');
    const xlsx = await admin.raw({ method: 'GET', url: `/api/registry/export?nodeId=${w.compoundA}` });
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    const lead = await as('lead-export', 'building_lead', w.a1);
    expect((await lead.get(`/api/registry/export?nodeId=${w.a1}&format=csv`)).status).toBe(403);
    const sec = await as('sec-b-export', 'community_secretary', w.communityB);
    expect((await sec.get(`/api/registry/export?nodeId=${w.compoundA}&format=csv`)).status).toBe(404);
    const audit = await t.ctx.database.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'resident.export%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['resident.export', 'resident.export_unmasked', 'resident.export']);
    expect(JSON.parse(audit[1].details)).toMatchObject({ unmasked: true, reason: '移交疾控', format: 'csv' });
  });

  it('rotates the field key: resumable, every ciphertext under the new version, search and unmask still work', async () => {
    const person = await admin.post('/api/people', {
      name: '工作人员', politicalStatus: 'member', category: 'volunteer', homeNodeId: w.compoundA,
      idNumber: idNumber('110105', '19750505', '017'), phone: '13811112222',
    });
    expect(person.status).toBe(201);
    for (let i = 0; i < 4; i++) await admin.post('/api/registry/residents', resident(w.h2101, { name: `轮换${i}`, phone: `1390000000${i}` }));
    const keyring = createKeyring({ v1: t.ctx.cipher, v2: randomBytes(32).toString('hex') }, 'v2');
    const db = t.ctx.database.db;
    // A run that stops after its first batch leaves a mix of versions; running again finishes the job.
    await expect(rotateFieldKeys(db, clock, keyring, { batchSize: 2, onBatch: () => { throw new Error('interrupted'); } })).rejects.toThrow('interrupted');
    const mixed = await db.selectFrom('residents').select('phone_enc').where('phone_enc', 'is not', null).execute();
    expect(mixed.filter((r) => r.phone_enc!.startsWith('v2.')).length).toBe(2);
    const result = await rotateFieldKeys(db, clock, keyring, { batchSize: 2 });
    expect(result.tables.residents.remaining).toBe(0);
    expect(result.tables.people).toEqual({ rewritten: 1, remaining: 0 });
    const again = await rotateFieldKeys(db, clock, keyring, { batchSize: 2 });
    expect(again.tables.residents.rewritten).toBe(0);
    for (const table of ['residents', 'people'] as const) {
      const rows = await db.selectFrom(table).select(['id_number_enc', 'phone_enc']).execute();
      const values = rows.flatMap((r) => [r.id_number_enc, r.phone_enc]).filter((v): v is string => !!v);
      expect(values.length).toBeGreaterThan(0);
      expect(values.every((v) => v.startsWith('v2.'))).toBe(true);
    }
    expect((await db.selectFrom('audit_log').select('action').where('action', '=', 'keys.rotate').execute()).length).toBe(2);

    // The app restarted with the new keyring finds by the recomputed blind indexes and decrypts.
    const ctx = { ...t.ctx, cipher: keyring, services: createServices(t.ctx.database, clock, keyring, t.ctx.config, t.ctx.signer) };
    const app = await buildServer(ctx);
    await app.ready();
    try {
      const admin2 = await login(app);
      const found = await admin2.get(`/api/registry/residents?q=${idn}`);
      expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([residentId]);
      expect((await admin2.get('/api/registry/residents?q=13900000003')).body.items).toHaveLength(1);
      const shown = await admin2.post(`/api/registry/residents/${residentId}/unmask`, { fields: ['idNumber'], reason: '轮换后核对' });
      expect(shown.body.idNumber).toBe(idn);
      expect((await admin2.get('/api/people?q=13811112222')).body.items.map((p: { name: string }) => p.name)).toEqual(['工作人员']);
      const created = await admin2.post('/api/registry/residents', resident(w.h102, { name: '新钥匙', phone: '13700009999' }));
      expect((await db.selectFrom('residents').select('phone_enc').where('id', '=', created.body.id).executeTakeFirstOrThrow()).phone_enc).toMatch(/^v2\./);
    } finally {
      await app.close();
    }
  });

  it('retention: a dry run changes nothing; apply anonymises what was registered before the day, counts stay', async () => {
    clock.set('2026-07-02T02:00:00Z');
    admin = await login(t.app); // the earlier session expired with the jump in time
    const later = (await admin.post('/api/registry/residents', resident(w.h102, { name: '七月登记', phone: '13300001111' }))).body.id;
    const db = t.ctx.database.db;
    const before = await db.selectFrom('residents').selectAll().orderBy('id').execute();
    const summaryBefore = (await admin.get(`/api/registry/summary?nodeId=${w.compoundA}`)).body;
    const sec = await loginAs(admin, t.app, { username: 'sec-a-retention', role: 'community_secretary', nodeId: w.communityA });
    expect((await sec.post('/api/registry/retention', { before: '2026-06-30', dryRun: true })).status).toBe(403);

    const dry = await admin.post('/api/registry/retention', { before: '2026-06-30', dryRun: true });
    expect(dry.status).toBe(200);
    const a = dry.body.communities.find((c: { name: string }) => c.name === '幸福社区');
    const b = dry.body.communities.find((c: { name: string }) => c.name === '光明社区');
    expect(a).toMatchObject({ withIdNumber: 1 });
    expect(b).toMatchObject({ residents: 1, withIdNumber: 0, withPhone: 1, moves: 0 });
    expect(dry.body.total.residents).toBe(before.length - 1);
    expect(await db.selectFrom('residents').selectAll().orderBy('id').execute()).toEqual(before);
    const onlyB = await admin.post('/api/registry/retention', { before: '2026-06-30', nodeId: w.communityB, dryRun: true });
    expect(onlyB.body.communities.map((c: { name: string }) => c.name)).toEqual(['光明社区']);

    const applied = await admin.post('/api/registry/retention', { before: '2026-06-30', dryRun: false });
    expect(applied.body.total).toEqual(dry.body.total);
    const gone = await db.selectFrom('residents').selectAll().where('id', '=', residentId).executeTakeFirstOrThrow();
    expect(gone).toMatchObject({
      name: '某某', id_number_enc: null, id_number_hash: null, phone_enc: null, phone_hash: null, birth_date: null, birth_year: 1980, notes: null,
    });
    expect(await db.selectFrom('resident_needs').select(['kind', 'note']).where('resident_id', '=', residentId).execute()).toEqual([{ kind: 'disabled', note: null }]);
    expect((await db.selectFrom('residents').select('name').where('id', '=', later).executeTakeFirstOrThrow()).name).toBe('七月登记');
    expect((await admin.get(`/api/registry/summary?nodeId=${w.compoundA}`)).body).toEqual(summaryBefore);
    expect((await admin.get(`/api/registry/residents?q=${idn}`)).body.items).toHaveLength(0);
    const audit = await db.selectFrom('audit_log').select('details').where('action', '=', 'registry.retention').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ before: '2026-06-30', residents: dry.body.total.residents });
    const rerun = await admin.post('/api/registry/retention', { before: '2026-06-30', dryRun: true });
    expect(rerun.body.total.residents).toBe(0);
  });
});
