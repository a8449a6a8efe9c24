import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/support/client.ts';
import { natWorld, type NatWorld } from './nat.fixtures.ts';

describe('nat planning: rounds, roster, sites, slots, reminders, codes', () => {
  let w: NatWorld;
  let admin: Client;
  let secA: Client;
  let secB: Client;
  beforeAll(async () => {
    w = await natWorld();
    admin = w.admin;
    secA = await w.as('sec_a', 'community_secretary', w.world.communityA);
    secB = await w.as('sec_b', 'community_secretary', w.world.communityB);
  });
  afterAll(async () => { await w.t.close(); });

  it('creates a round copying the defaults from settings, and refuses bad input field by field', async () => {
    const put = await admin.put('/api/nat/defaults', { poolSize: 20, bagSize: 15, certificateValidHours: 72, exemptUnderAgeYears: 1 });
    expect(put.status).toBe(200);
    const made = await admin.post('/api/nat/rounds', { nodeId: w.world.communityA, name: '第四轮', number: 4, startsOn: '2026-02-24', endsOn: '2026-02-25' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ poolSize: 20, bagSize: 15, certificateValidHours: 72, requiredRule: { exemptUnderAgeYears: 1 }, status: 'planned' });
    // A retried create with the same client id answers the same round.
    const again = await admin.post('/api/nat/rounds', { id: made.body.id, nodeId: w.world.communityA, name: '第四轮', number: 4, startsOn: '2026-02-24', endsOn: '2026-02-25' });
    expect(again.body.id).toBe(made.body.id);
    expect((await admin.get('/api/nat/rounds')).body.filter((r: { id: string }) => r.id === made.body.id)).toHaveLength(1);

    const bad = await admin.post('/api/nat/rounds', { nodeId: w.world.communityA, name: '', number: 5, startsOn: '2026-02-26', endsOn: '2026-02-25', poolSize: 7 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path).sort()).toEqual(['endsOn', 'name', 'poolSize']);
    expect(bad.body.error.details.find((d: { path: string }) => d.path === 'poolSize').message).toBe('Pool size must be 1, 5, 10 or 20');
    const outside = await secB.post('/api/nat/rounds', { nodeId: w.world.communityA, name: 'x', number: 5, startsOn: '2026-02-26', endsOn: '2026-02-26' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details[0].path).toBe('nodeId');
    const site = await admin.post(`/api/nat/rounds/${made.body.id}/sites`, { name: '点位', nodeId: w.world.compoundA, opensAt: '18:00', closesAt: '07:00' });
    expect(site.status).toBe(400);
    expect(site.body.error.details).toEqual([{ path: 'closesAt', message: 'Closing time must be after opening time' }]);
    const farSite = await admin.post(`/api/nat/rounds/${made.body.id}/sites`, { name: '点位', nodeId: w.world.compoundB, opensAt: '07:00', closesAt: '18:00' });
    expect(farSite.body.error.details).toEqual([{ path: 'nodeId', message: 'The chosen place is outside the round\'s area' }]);
    expect(await w.db.selectFrom('nat_sites').select('id').where('round_id', '=', made.body.id).execute()).toEqual([]);
  });

  it('builds the roster by rule: infant exempt by age, moved-away not required; a refresh is idempotent and keeps samples', async () => {
    const first = await admin.post(`/api/nat/rounds/${w.round.id}/roster`);
    expect(first.body).toMatchObject({ total: 6, required: 4, exempt: 2, byReason: { under_age: 1, moved_away: 1 } });
    const rows = await w.db.selectFrom('nat_round_residents').select(['resident_id', 'required', 'exempt_reason']).where('round_id', '=', w.round.id).execute();
    const byId = new Map(rows.map((r) => [r.resident_id, r]));
    expect(byId.get(w.residents.wangBaby)).toMatchObject({ required: 0, exempt_reason: 'under_age' });
    expect(byId.get(w.residents.qianGone)).toMatchObject({ required: 0, exempt_reason: 'moved_away' });
    expect(byId.get(w.residents.liOld)).toMatchObject({ required: 1, exempt_reason: null });

    await w.db.updateTable('nat_round_residents').set({ sampled_at: '2026-02-21T08:30:00.000Z', sample_id: 'S1' })
      .where('round_id', '=', w.round.id).where('resident_id', '=', w.residents.zhao).execute();
    const second = await admin.post(`/api/nat/rounds/${w.round.id}/roster`);
    expect(second.body).toEqual({ ...first.body, sampled: 1 });
    const zhao = await w.db.selectFrom('nat_round_residents').selectAll().where('round_id', '=', w.round.id).where('resident_id', '=', w.residents.zhao).executeTakeFirstOrThrow();
    expect(zhao).toMatchObject({ sampled_at: '2026-02-21T08:30:00.000Z', sample_id: 'S1', required: 1 });

    // A resident moving out of the round's area stays on the roster, no longer required.
    const outsideStreet = await admin.post('/api/jurisdiction/nodes', { parentId: w.world.district, levelCode: 'street', name: '西街街道' });
    const c = await admin.post('/api/jurisdiction/nodes', { parentId: outsideStreet.body.id, levelCode: 'community', name: '西社区' });
    const cp = await admin.post('/api/jurisdiction/nodes', { parentId: c.body.id, levelCode: 'compound', name: '西苑' });
    const b = await admin.post('/api/jurisdiction/nodes', { parentId: cp.body.id, levelCode: 'building', name: '1号楼' });
    const h = await admin.post('/api/jurisdiction/nodes', { parentId: b.body.id, levelCode: 'household', name: '101室' });
    expect((await admin.post(`/api/registry/residents/${w.residents.sun}/move`, { toHouseholdId: h.body.id, date: '2026-02-21', reason: '搬家' })).status).toBe(200);
    const third = await admin.post(`/api/nat/rounds/${w.round.id}/roster`);
    expect(third.body).toMatchObject({ total: 6, required: 3, byReason: { under_age: 1, moved_away: 1, not_in_area: 1 } });
  });

  it('keeps communities apart: sites, roster counts and writes are scoped', async () => {
    const roundForB = await secB.get(`/api/nat/rounds/${w.round.id}`);
    expect(roundForB.status).toBe(200);
    const sitesB = await secB.get(`/api/nat/rounds/${w.round.id}/sites`);
    expect(sitesB.body.map((s: { id: string }) => s.id)).toEqual([w.sites.siteB]);
    expect((await secB.get(`/api/nat/sites/${w.sites.siteA}`)).status).toBe(404);
    expect((await secB.patch(`/api/nat/sites/${w.sites.siteA}`, { name: 'hijack' })).status).toBe(404);
    expect((await secB.post(`/api/nat/rounds/${w.round.id}/roster`)).status).toBe(404);
    const countsA = await secA.get(`/api/nat/rounds/${w.round.id}/roster`);
    expect(countsA.body).toMatchObject({ required: 3, exempt: 2 });
    const unbound = await w.as('vol_a', 'volunteer', w.world.communityA);
    expect((await unbound.post('/api/nat/rounds', { nodeId: w.world.communityA, name: 'x', number: 9, startsOn: '2026-02-26', endsOn: '2026-02-26' })).status).toBe(403);
  });

  it('plans sites: desks, staff from the workforce, areas (one site per place), idempotent creates', async () => {
    const site = await secA.post(`/api/nat/rounds/${w.round.id}/sites`, { name: '2号楼前空地', nodeId: w.world.compoundA, opensAt: '07:00', closesAt: '12:00', poolSize: 5 });
    expect(site.status).toBe(201);
    expect(site.body).toMatchObject({ effectivePoolSize: 5, desks: [], staff: [] });
    const desk = await secA.post(`/api/nat/sites/${site.body.id}/desks`, { name: '1号台', kind: 'single' });
    expect(desk.body).toMatchObject({ name: '1号台', kind: 'single' });
    const deskAgain = await secA.post(`/api/nat/sites/${site.body.id}/desks`, { id: desk.body.id, name: '1号台', kind: 'single' });
    expect(deskAgain.body.id).toBe(desk.body.id);
    const staff = await secA.post(`/api/nat/sites/${site.body.id}/staff`, { personId: w.people.sampler, role: 'sampler', deskId: desk.body.id });
    expect(staff.status).toBe(201);
    expect(staff.body).toMatchObject({ personName: '采样员甲', role: 'sampler', deskId: desk.body.id });
    const wrongDesk = await secA.post(`/api/nat/sites/${site.body.id}/staff`, { personId: w.people.sampler, role: 'sampler', deskId: w.desks.deskA });
    expect(wrongDesk.body.error.details[0]).toMatchObject({ path: 'deskId' });
    const taken = await secA.put(`/api/nat/sites/${site.body.id}/areas`, { nodeIds: [w.world.a2, w.world.compoundA] });
    expect(taken.status).toBe(400);
    expect(taken.body.error.details).toEqual([{ path: 'nodeIds.1', message: 'This place is already assigned to another site' }]);
    const areas = await secA.put(`/api/nat/sites/${site.body.id}/areas`, { nodeIds: [w.world.a2] });
    expect(areas.body.areas.map((a: { nodeName: string }) => a.nodeName)).toEqual(['2号楼']);
    const outsideArea = await secA.put(`/api/nat/sites/${site.body.id}/areas`, { nodeIds: [w.world.b1] });
    expect(outsideArea.body.error.details[0]).toMatchObject({ path: 'nodeIds.0', message: 'The chosen record is outside your jurisdiction' });
    expect((await secA.del(`/api/nat/sites/${site.body.id}/desks/${desk.body.id}`)).status).toBe(204);
    expect((await secA.del(`/api/nat/sites/${site.body.id}`)).status).toBe(204);
    expect((await secA.get(`/api/nat/sites/${site.body.id}`)).status).toBe(404);
  });

  it('schedules slots within the round and the site\'s areas; reminders go out once per household and slot', async () => {
    const outside = await admin.post(`/api/nat/sites/${w.sites.siteA}/slots`, { nodeId: w.world.a1, startsAt: '2026-02-23T01:00:00Z', endsAt: '2026-02-23T02:00:00Z' });
    expect(outside.status).toBe(400);
    expect(outside.body.error.details).toEqual([{ path: 'startsAt', message: 'The slot must fall within the round\'s dates' }]);
    const otherArea = await admin.post(`/api/nat/sites/${w.sites.siteA}/slots`, { nodeId: w.world.b1, startsAt: '2026-02-21T01:00:00Z', endsAt: '2026-02-21T02:00:00Z' });
    expect(otherArea.body.error.details[0]).toMatchObject({ path: 'nodeId' });
    const backwards = await admin.post(`/api/nat/sites/${w.sites.siteA}/slots`, { nodeId: w.world.a1, startsAt: '2026-02-21T02:00:00Z', endsAt: '2026-02-21T01:00:00Z' });
    expect(backwards.body.error.details[0]).toMatchObject({ path: 'endsAt' });

    const slot = await admin.post(`/api/nat/sites/${w.sites.siteA}/slots`, { nodeId: w.world.a1, startsAt: '2026-02-21T00:00:00+00:00', endsAt: '2026-02-21T00:30:00Z', note: '1号楼先做' });
    expect(slot.status).toBe(201);
    // 1号楼: 101 (王大明; the infant is exempt), 102 (李秀兰), 201 (赵建国).
    expect(slot.body).toMatchObject({ households: 3, residents: 3, siteName: '阳光花园东门广场', nodeName: '1号楼' });
    const list = await admin.get(`/api/nat/slots/${slot.body.id}/reminders`);
    expect(list.body.households.map((h: { address: string }) => h.address)).toEqual(['1号楼 1单元 101室', '1号楼 1单元 102室', '1号楼 2单元 201室']);
    expect(list.body.households[0].residents).toEqual([{ id: w.residents.wangDa, name: '王大明', phoneMasked: '138****1111' }]);
    expect(list.body.sentAt).toBeNull();

    expect((await admin.post(`/api/nat/slots/${slot.body.id}/reminders/send`)).body).toEqual({ sent: 3, alreadySent: 0 });
    expect((await admin.post(`/api/nat/slots/${slot.body.id}/reminders/send`)).body).toEqual({ sent: 0, alreadySent: 3 });
    const outbox = await w.db.selectFrom('notifications').selectAll().where('ref_id', '=', slot.body.id).execute();
    expect(outbox.map((n) => n.recipient_node_id).sort()).toEqual([w.world.h101, w.world.h102, w.world.h201].sort());
    expect(outbox[0]!.body).toContain('08:00–08:30');

    const xlsx = await admin.raw({ method: 'GET', url: `/api/nat/slots/${slot.body.id}/reminders.xlsx` });
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
    const listed = await admin.get(`/api/nat/rounds/${w.round.id}/slots`);
    expect(listed.body.map((s: { id: string }) => s.id)).toEqual([slot.body.id]);
    expect((await secB.get(`/api/nat/slots/${slot.body.id}/reminders`)).status).toBe(404);
  });

  it('prints code sheets per building and re-issue revokes the old code', async () => {
    const sheet = await admin.get(`/api/nat/codes/sheet?nodeId=${w.world.a1}`);
    expect(sheet.status).toBe(200);
    expect(sheet.body.entries.map((e: { nameMasked: string }) => e.nameMasked).sort()).toEqual(['李*兰', '王*宝', '王*明', '赵*国'].sort());
    const wang = sheet.body.entries.find((e: { residentId: string }) => e.residentId === w.residents.wangDa);
    expect(wang).toMatchObject({ household: '1单元 101室', serial: 1 });
    const codes = await w.db.selectFrom('resident_codes').selectAll().execute();
    expect(codes).toHaveLength(4);

    const desk = await w.as('desk_vol', 'volunteer', w.world.communityA);
    expect((await desk.get(`/api/nat/codes/sheet?nodeId=${w.world.a1}`)).status).toBe(403);
    expect((await secB.get(`/api/nat/codes/sheet?nodeId=${w.world.a1}`)).status).toBe(404);

    const me = await w.t.app.inject({ method: 'POST', url: '/api/nat/me', payload: { code: wang.token } });
    expect(me.statusCode).toBe(200);
    const re = await admin.post(`/api/nat/codes/${w.residents.wangDa}/reissue`, { reason: '纸质码丢失' });
    expect(re.body).toMatchObject({ serial: 2, nameMasked: '王*明' });
    expect(re.body.token).not.toBe(wang.token);
    const old = await w.t.app.inject({ method: 'POST', url: '/api/nat/me', payload: { code: wang.token } });
    expect(old.statusCode).toBe(422);
    expect(JSON.parse(old.body).error.code).toBe('NAT_CODE_REVOKED');
    const fresh = await w.t.app.inject({ method: 'POST', url: '/api/nat/me', payload: { code: re.body.token } });
    expect(JSON.parse(fresh.body)).toMatchObject({ residentId: w.residents.wangDa, nameMasked: '王*明' });
    expect((await secB.post(`/api/nat/codes/${w.residents.wangDa}/reissue`, {})).status).toBe(404);
  });
});
