import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import type { Client } from '../../../test/support/client.ts';
import type { TestApp } from '../../../test/support/harness.ts';
import { idNumber, registryWorld, resident } from './registry.fixtures.ts';

type World = Awaited<ReturnType<typeof registryWorld>>['world'];

describe('household registry: residents, search, moves, scope', () => {
  let t: TestApp;
  let admin: Client;
  let w: World;
  let as: Awaited<ReturnType<typeof registryWorld>>['as'];
  beforeAll(async () => { ({ t, admin, world: w, as } = await registryWorld()); });
  afterAll(async () => { await t.close(); });

  it('registers a resident with a mainland ID: birth date and sex derived, numbers masked, nothing plain in the row', async () => {
    const idn = idNumber('110105', '19491231', '002');
    const res = await admin.post('/api/registry/residents', resident(w.h101, {
      name: '王秀英', idType: 'id_card', idNumber: idn.toLowerCase(), phone: '138 0013 5678',
      needs: [{ kind: 'immobile', note: '需上门采样' }, { kind: 'chronic_illness', note: '每周送降压药' }],
    }));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '王秀英', sex: 'F', birthDate: '1949-12-31', birthYear: 1949, idType: 'id_card',
      idNumberMasked: `110105********${idn.slice(-4)}`, phoneMasked: '138****5678', status: 'active',
      address: '阳光花园 1号楼 1单元 101室',
    });
    expect(res.body.needs.map((n: { kind: string }) => n.kind).sort()).toEqual(['chronic_illness', 'immobile']);
    expect(res.body.history).toMatchObject([{ kind: 'registered', toHouseholdId: w.h101 }]);
    const raw = await t.ctx.database.db.selectFrom('residents').selectAll().execute();
    const dump = JSON.stringify(raw);
    expect(dump).not.toContain(idn);
    expect(dump).not.toContain('13800135678');
    expect(raw[0].id_number_enc).toMatch(/^v1\./);
    const audit = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('entity_id', '=', res.body.id).execute();
    expect(audit.map((a) => a.action)).toEqual(['resident.create']);
    expect(JSON.stringify(audit)).not.toContain('13800135678');
    expect(JSON.stringify(audit)).not.toContain('王秀英');
  });

  it('converts a 15-digit number to 18 and accepts agreeing birth date/sex; a mismatch is a field error', async () => {
    const legacy = '130503670401001';
    const ok = await admin.post('/api/registry/residents', resident(w.h102, {
      name: '李建国', idType: 'id_card', idNumber: legacy, birthDate: '1967-04-01', sex: 'M',
    }));
    expect(ok.status).toBe(201);
    expect(ok.body.idNumberMasked).toBe('130503********0016');
    const found = await admin.get('/api/registry/residents?q=130503196704010016');
    expect(found.body.items.map((r: { name: string }) => r.name)).toEqual(['李建国']);
    expect((await admin.get(`/api/registry/residents?q=${legacy}`)).body.items).toHaveLength(1);

    const mismatch = await admin.post('/api/registry/residents', resident(w.h102, {
      idType: 'id_card', idNumber: idNumber('110105', '19800101', '011'), birthDate: '1980-01-02', sex: 'F',
    }));
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['birthDate', 'sex']);
  });

  it('rejects a wrong check digit with the Chinese message, and bad fields with their paths', async () => {
    const zh = await t.app.inject({
      method: 'POST', url: '/api/registry/residents',
      payload: resident(w.h101, { idType: 'id_card', idNumber: '110105194912310021' }),
      headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'x-lang': 'zh' },
    });
    expect(zh.statusCode).toBe(400);
    expect(JSON.parse(zh.body).error.details).toEqual([{ path: 'idNumber', message: '身份证号校验位错误' }]);
    const bad = await admin.post('/api/registry/residents', {
      householdId: w.h101, name: '', idType: 'visa', relation: 'head', residenceType: 'permanent', phone: '12345',
      needs: [{ kind: 'flying' }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['idType', 'name', 'needs.0.kind', 'phone']);
    const noNumber = await admin.post('/api/registry/residents', resident(w.h101, { idType: 'passport' }));
    expect(noNumber.body.error.details).toEqual([{ path: 'idNumber', message: 'Enter the document number' }]);
    const notHousehold = await admin.post('/api/registry/residents', resident(w.a1));
    expect(notHousehold.status).toBe(422);
    expect(notHousehold.body.error.details[0].path).toBe('householdId');
  });

  it('answers a retried create (same client id) with the same record, and refuses a second active registration', async () => {
    const id = newId();
    const body = resident(w.h201, { id, name: '重试', idType: 'passport', idNumber: 'e1234 5678' });
    const first = await admin.post('/api/registry/residents', body);
    const again = await admin.post('/api/registry/residents', body);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    expect(await t.ctx.database.db.selectFrom('residents').select('id').where('name', '=', '重试').execute()).toHaveLength(1);
    const found = await admin.get('/api/registry/residents?q=E12345678&idType=passport');
    expect(found.body.items.map((r: { id: string }) => r.id)).toEqual([id]);
    const dup = await admin.post('/api/registry/residents', resident(w.h101, { idType: 'passport', idNumber: 'E12345678' }));
    expect(dup.status).toBe(409);
  });

  it('searches by name fragment, phone, household name and subtree, with a keyset cursor', async () => {
    for (let i = 0; i < 5; i++) await admin.post('/api/registry/residents', resident(w.h2101, { name: `二号楼住户${i}` }));
    await admin.post('/api/registry/residents', resident(w.h2101, { name: '电话人', phone: '13912345678' }));
    expect((await admin.get('/api/registry/residents?q=13912345678')).body.items.map((r: { name: string }) => r.name)).toEqual(['电话人']);
    expect((await admin.get(`/api/registry/residents?q=${encodeURIComponent('二号楼')}`)).body.items).toHaveLength(5);
    expect((await admin.get(`/api/registry/residents?address=${encodeURIComponent('2101')}`)).body.items).toHaveLength(6);
    expect((await admin.get(`/api/registry/residents?address=${encodeURIComponent('2号楼')}`)).body.items).toHaveLength(6);
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page: { body: { items: { id: string }[]; next: string | null } } =
        await admin.get(`/api/registry/residents?nodeId=${w.a2}&limit=4${after ? `&after=${after}` : ''}`);
      seen.push(...page.body.items.map((r) => r.id));
      after = page.body.next;
    } while (after);
    expect(seen).toHaveLength(6);
    expect([...seen].sort()).toEqual(seen);
  });

  it('moves a resident between households with history; moved-away and deceased leave the default lists', async () => {
    const r = (await admin.post('/api/registry/residents', resident(w.h201, { name: '搬家人' }))).body;
    const moveId = newId();
    const moved = await admin.post(`/api/registry/residents/${r.id}/move`, { id: moveId, toHouseholdId: w.h102, reason: '购房迁入', date: '2026-02-20' });
    expect(moved.status).toBe(200);
    expect(moved.body.householdId).toBe(w.h102);
    expect(moved.body.history.map((e: { kind: string }) => e.kind)).toEqual(['registered', 'moved']);
    expect(moved.body.history[1]).toMatchObject({ fromHouseholdId: w.h201, toHouseholdId: w.h102, reason: '购房迁入', date: '2026-02-20', actorName: 'admin' });
    expect(moved.body.history[1].fromAddress).toBe('阳光花园 1号楼 2单元 201室');
    const retry = await admin.post(`/api/registry/residents/${r.id}/move`, { id: moveId, toHouseholdId: w.h102, reason: '购房迁入' });
    expect(retry.status).toBe(200);
    expect(retry.body.history).toHaveLength(2);
    expect((await admin.post(`/api/registry/residents/${r.id}/move`, { toHouseholdId: w.h102, reason: 'x同' })).status).toBe(409);
    expect((await admin.post(`/api/registry/residents/${r.id}/move`, { toHouseholdId: w.h201, reason: '明天', date: '2026-03-01' })).status).toBe(400);

    const gone = await admin.post(`/api/registry/residents/${r.id}/status`, { status: 'moved_away', date: '2026-02-21', reason: '迁往外省' });
    expect(gone.body).toMatchObject({ status: 'moved_away', statusDate: '2026-02-21' });
    const household = await admin.get(`/api/registry/households/${w.h102}`);
    expect(household.body.residents.map((x: { name: string }) => x.name)).not.toContain('搬家人');
    expect((await admin.get(`/api/registry/households/${w.h102}?includeInactive=1`)).body.residents.map((x: { name: string }) => x.name)).toContain('搬家人');
    expect((await admin.get(`/api/registry/residents?q=${encodeURIComponent('搬家人')}`)).body.items).toHaveLength(0);
    expect((await admin.get(`/api/registry/residents?q=${encodeURIComponent('搬家人')}&status=moved_away`)).body.items).toHaveLength(1);
    expect((await admin.post(`/api/registry/residents/${r.id}/move`, { toHouseholdId: w.h201, reason: '不可' })).status).toBe(409);
    const audits = await t.ctx.database.db.selectFrom('audit_log').select('action').where('entity_id', '=', r.id).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['resident.create', 'resident.move', 'resident.status']);
  });

  it('lists special needs of a building in building/entrance/household order with what each needs', async () => {
    await admin.post('/api/registry/residents', resident(w.h201, { name: '独居老人', needs: [{ kind: 'lives_alone', note: '每日电话问候' }] }));
    await admin.post('/api/registry/residents', resident(w.h102, { name: '婴儿', needs: [{ kind: 'infant' }] }));
    await admin.post('/api/registry/residents', resident(w.hB, { name: '别处', needs: [{ kind: 'disabled' }] }));
    const list = await admin.get(`/api/registry/special-needs?nodeId=${w.a1}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { name: string; address: string }) => `${i.address}:${i.name}`)).toEqual([
      '1单元 101室:王秀英', '1单元 102室:婴儿', '2单元 201室:独居老人',
    ]);
    expect(list.body.items[0].needs).toContainEqual({ kind: 'chronic_illness', note: '每周送降压药' });
    const infants = await admin.get(`/api/registry/special-needs?nodeId=${w.compoundA}&kind=infant`);
    expect(infants.body.items.map((i: { name: string }) => i.name)).toEqual(['婴儿']);
    const summary = await admin.get(`/api/registry/summary?nodeId=${w.compoundA}`);
    expect(summary.body.children.map((c: { name: string; specialNeeds: number }) => `${c.name}:${c.specialNeeds}`)).toEqual(['1号楼:3', '2号楼:0']);
  });

  it('keeps community A and B apart: reads, writes and exact-ID search of a B resident give nothing', async () => {
    const idn = idNumber('110105', '19700101', '031');
    const inB = (await admin.post('/api/registry/residents', resident(w.hB, { name: '光明居民', idType: 'id_card', idNumber: idn, phone: '13700001111' }))).body;
    const a = await as('sec-a-registry', 'community_secretary', w.communityA);
    expect((await a.get(`/api/registry/residents/${inB.id}`)).status).toBe(404);
    expect((await a.get(`/api/registry/households/${w.hB}`)).status).toBe(404);
    expect((await a.get(`/api/registry/residents?q=${idn}`)).body.items).toHaveLength(0);
    expect((await a.get('/api/registry/residents?q=13700001111')).body.items).toHaveLength(0);
    expect((await a.get('/api/registry/residents?status=all&limit=200')).body.items.map((r: { name: string }) => r.name)).not.toContain('光明居民');
    expect((await a.get(`/api/registry/residents?nodeId=${w.communityB}`)).body.items).toHaveLength(0);
    expect((await a.get(`/api/registry/special-needs?nodeId=${w.compoundB}`)).status).toBe(404);
    expect((await a.patch(`/api/registry/residents/${inB.id}`, { name: 'x' })).status).toBe(404);
    expect((await a.post(`/api/registry/residents/${inB.id}/status`, { status: 'deceased' })).status).toBe(404);
    expect((await a.post(`/api/registry/residents/${inB.id}/unmask`, { fields: ['idNumber'], reason: '核实身份' })).status).toBe(404);
    const intoB = await a.post('/api/registry/residents', resident(w.hB));
    expect(intoB.status).toBe(404);
    expect(intoB.body.error.details[0].path).toBe('householdId');
    const mine = (await a.post('/api/registry/residents', resident(w.h101, { name: '幸福居民' }))).body;
    expect((await a.post(`/api/registry/residents/${mine.id}/move`, { toHouseholdId: w.hB, reason: '搬到光明' })).status).toBe(404);
    const lead = await as('lead-b-registry', 'building_lead', w.b1);
    expect((await lead.get(`/api/registry/residents/${mine.id}`)).status).toBe(404);
    expect((await lead.get(`/api/registry/residents/${inB.id}`)).status).toBe(200);
  });

  it('updates fields; a changed mainland number brings its birth date and must agree with a given one', async () => {
    const r = (await admin.post('/api/registry/residents', resident(w.h2101, { name: '改号' }))).body;
    const idn = idNumber('320102', '20240315', '022');
    const upd = await admin.patch(`/api/registry/residents/${r.id}`, { idType: 'id_card', idNumber: idn, needs: [{ kind: 'infant', note: '奶粉' }] });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ birthDate: '2024-03-15', sex: 'F', needs: [{ kind: 'infant', note: '奶粉' }] });
    const bad = await admin.patch(`/api/registry/residents/${r.id}`, { birthDate: '2024-03-16' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'birthDate', message: 'Birth date does not match the ID number' }]);
  });
});
