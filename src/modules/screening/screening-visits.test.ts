import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import type { Client } from '../../../test/support/client.ts';
import { personInput } from '../../../test/support/factories.ts';
import { idNumber } from '../registry/registry.fixtures.ts';
import { account, campaignInput, screeningWorld, visit, type ScreeningWorld } from './screening.fixtures.ts';

describe('screening visits at the doors: outcomes, people, new residents, needs, retries, revisits', () => {
  let w: ScreeningWorld;
  let lead: Client;
  let taskId: string;
  let campaignId: string;
  const post = (body: unknown) => lead.post(`/api/screening/tasks/${taskId}/visits`, body);
  const counts = async () => (await lead.get(`/api/screening/tasks/${taskId}`)).body.counts;

  beforeAll(async () => {
    w = await screeningWorld();
    const c = await w.admin.post('/api/screening/campaigns', campaignInput(w.world.compoundA, { feverThreshold: 37.3 }));
    campaignId = c.body.id;
    const progress = await w.admin.get(`/api/screening/campaigns/${campaignId}/progress`);
    taskId = progress.body.tasks.find((t: { nodeId: string }) => t.nodeId === w.world.a1).taskId;
    const acc = await account(w, 'lead-visits', 'building_lead', w.world.a1);
    lead = acc.client;
    await w.admin.put(`/api/screening/tasks/${taskId}/assignees`, { accountIds: [acc.id] });
  });
  afterAll(async () => { await w.t.close(); });

  it('records a visit with temperatures, symptoms and travel; counts symptomatic and arrivals; a retry changes nothing', async () => {
    const body = visit(w.world.h101, 'visited', {
      present: [
        { residentId: w.people.wang, temperature: 37.26, symptoms: [] },
        { residentId: w.people.li, temperature: 36.6, symptoms: ['cough'], travelFrom: '广东省深圳市', arrivalDate: '2026-02-18' },
      ],
      note: '家中两人',
    });
    const first = await post(body);
    expect(first.status).toBe(200);
    expect(first.body.visit).toMatchObject({ outcome: 'visited', actorName: 'lead-visits', note: '家中两人' });
    const wang = first.body.visit.people.find((p: { residentId: string }) => p.residentId === w.people.wang);
    expect(wang).toMatchObject({ name: '王大爷', temperature: 37.3, symptomatic: true });
    expect(first.body.counts).toMatchObject({ householdsTotal: 3, visited: 1, notYet: 2, peoplePresent: 2, symptomatic: 2, arrivals: 1 });
    const again = await post(body);
    expect(again.status).toBe(200);
    expect(again.body.visit.id).toBe(body.id);
    expect(await w.t.ctx.database.db.selectFrom('screening_visits').select('id').execute()).toHaveLength(1);
    expect((await counts()).visited).toBe(1);
    const audit = await w.t.ctx.database.db.selectFrom('audit_log').select(['action', 'details']).where('entity_id', '=', w.world.h101).where('action', 'like', 'screening.%').execute();
    expect(audit.map((a) => a.action)).toEqual(['screening.visit']);
  });

  it('rejects a temperature out of 34–43 °C, a person of another household and people at a closed door; nothing stored', async () => {
    const hot = await post(visit(w.world.h102, 'visited', { present: [{ residentId: w.people.zhao, temperature: 45 }] }));
    expect(hot.status).toBe(400);
    expect(hot.body.error.details).toEqual([{ path: 'present.0.temperature', message: 'Temperature must be between 34 and 43 °C' }]);
    const stranger = await post(visit(w.world.h102, 'visited', { present: [{ residentId: w.people.wang }] }));
    expect(stranger.status).toBe(400);
    expect(stranger.body.error.details).toEqual([{ path: 'present.0.residentId', message: 'Not a resident of this household' }]);
    const closedDoor = await post(visit(w.world.h102, 'nobody_home', { present: [{ residentId: w.people.zhao }] }));
    expect(closedDoor.status).toBe(400);
    expect(closedDoor.body.error.details[0].path).toBe('present');
    const future = await post(visit(w.world.h102, 'visited', { present: [{ residentId: w.people.zhao, arrivalDate: '2026-03-01' }] }));
    expect(future.body.error.details[0].path).toBe('present.0.arrivalDate');
    const otherTask = await post(visit(w.world.h2101, 'visited'));
    expect(otherTask.status).toBe(404);
    expect(otherTask.body.error.details[0].path).toBe('householdId');
    expect(await w.t.ctx.database.db.selectFrom('screening_visits').select('id').execute()).toHaveLength(1);
  });

  it('nobody home, then visited later: the outcome is overwritten, both visits stay in the history', async () => {
    const first = await post(visit(w.world.h102, 'nobody_home'));
    expect(first.body.counts).toMatchObject({ visited: 1, nobodyHome: 1, notYet: 1 });
    w.clock.advance(3 * 3600_000);
    const later = await post(visit(w.world.h102, 'visited', { present: [{ residentId: w.people.zhao, temperature: 36.4 }] }));
    expect(later.body.counts).toMatchObject({ visited: 2, nobodyHome: 0, notYet: 1, symptomatic: 2 });
    const history = await lead.get(`/api/screening/tasks/${taskId}/households/${w.world.h102}/visits`);
    expect(history.body.map((v: { outcome: string }) => v.outcome)).toEqual(['visited', 'nobody_home']);
    const task = await lead.get(`/api/screening/tasks/${taskId}`);
    expect(task.body.households.find((h: { householdId: string }) => h.householdId === w.world.h102)).toMatchObject({ outcome: 'visited', visits: 2 });
  });

  it('a late retry of an earlier visit is counted but does not overwrite the newer outcome', async () => {
    const earlier = newId();
    await new Promise((r) => setTimeout(r, 5));
    const later = visit(w.world.h201, 'refused');
    expect((await post(later)).status).toBe(200);
    const late = await post({ id: earlier, householdId: w.world.h201, outcome: 'nobody_home' });
    expect(late.status).toBe(200);
    const row = (await lead.get(`/api/screening/tasks/${taskId}`)).body.households.find((h: { householdId: string }) => h.householdId === w.world.h201);
    expect(row).toMatchObject({ outcome: 'refused', visits: 2 });
  });

  it('registers a new person found through the registry rules, and adds special needs found; bad ID is a field error', async () => {
    const badId = await post(visit(w.world.h201, 'visited', {
      newPeople: [{ id: newId(), name: '新来的', idType: 'id_card', idNumber: '110105194912310021', relation: 'tenant', residenceType: 'temporary' }],
    }));
    expect(badId.status).toBe(400);
    expect(badId.body.error.details).toEqual([{ path: 'newPeople.0.idNumber', message: 'ID number check digit is wrong' }]);
    expect(await w.t.ctx.database.db.selectFrom('residents').select('id').where('name', '=', '新来的').execute()).toHaveLength(0);

    const idn = idNumber('420106', '19900512', '013');
    const personId = newId();
    const body = visit(w.world.h201, 'visited', {
      newPeople: [{
        id: personId, name: '新来的', idType: 'id_card', idNumber: idn, phone: '13612345678', relation: 'tenant', residenceType: 'temporary',
        temperature: 36.8, travelFrom: '湖北省武汉市', arrivalDate: '2026-02-20', needs: [{ kind: 'chronic_illness', note: '需胰岛素' }],
      }],
    });
    const ok = await post(body);
    expect(ok.status).toBe(200);
    expect(ok.body.visit.people).toMatchObject([{ residentId: personId, name: '新来的', isNew: true, needsAdded: ['chronic_illness'], travelFrom: '湖北省武汉市' }]);
    expect((await post(body)).status).toBe(200);
    const registered = await w.admin.get(`/api/registry/residents/${personId}`);
    expect(registered.body).toMatchObject({ householdId: w.world.h201, birthDate: '1990-05-12', sex: 'M', idNumberMasked: `420106********${idn.slice(-4)}`, phoneMasked: '136****5678' });
    expect(await w.t.ctx.database.db.selectFrom('residents').select('id').where('name', '=', '新来的').execute()).toHaveLength(1);

    const needs = await post(visit(w.world.h101, 'visited', { present: [{ residentId: w.people.wang, needsFound: ['immobile', 'lives_alone'] }] }));
    expect(needs.status).toBe(200);
    expect(needs.body.counts).toMatchObject({ needsFound: 3, newPeople: 1, arrivals: 1 });
    const wang = await w.admin.get(`/api/registry/residents/${w.people.wang}`);
    expect(wang.body.needs.map((n: { kind: string }) => n.kind).sort()).toEqual(['immobile', 'lives_alone']);
    const task = await lead.get(`/api/screening/tasks/${taskId}`);
    expect(task.body.households.find((h: { householdId: string }) => h.householdId === w.world.h201).residents[0]).toMatchObject({ name: '新来的', idNumberMasked: `420106********${idn.slice(-4)}` });
    expect(JSON.stringify(task.body)).not.toContain(idn);
  });

  it('a volunteer works an assigned task by their linked person, but registering new people needs registry rights', async () => {
    const person = (await w.admin.post('/api/people', personInput(w.world.communityA))).body;
    const vol = await account(w, 'vol-visits', 'volunteer', w.world.communityA, person.id);
    const progress = await w.admin.get(`/api/screening/campaigns/${campaignId}/progress`);
    const a2Task = progress.body.tasks.find((t: { nodeId: string }) => t.nodeId === w.world.a2).taskId;
    expect((await vol.client.post(`/api/screening/tasks/${a2Task}/visits`, visit(w.world.h2101, 'refused'))).status).toBe(404);
    await w.admin.put(`/api/screening/tasks/${a2Task}/assignees`, { personIds: [person.id] });
    const refused = await vol.client.post(`/api/screening/tasks/${a2Task}/visits`, visit(w.world.h2101, 'refused'));
    expect(refused.status).toBe(200);
    expect(refused.body.counts).toMatchObject({ householdsTotal: 1, refused: 1, notYet: 0 });
    const found = await vol.client.post(`/api/screening/tasks/${a2Task}/visits`, visit(w.world.h2101, 'visited', {
      newPeople: [{ id: newId(), name: '某人', idType: 'none', relation: 'other', residenceType: 'temporary' }],
    }));
    expect(found.status).toBe(403);
    expect((await vol.client.get(`/api/screening/campaigns/${campaignId}/progress`)).status).toBe(403);
  });

  it('refuses visits before the campaign starts', async () => {
    const c = await w.admin.post('/api/screening/campaigns', campaignInput(w.world.a1, { name: '下周排查', startDate: '2026-03-01', endDate: '2026-03-02' }));
    const task = (await w.admin.get(`/api/screening/campaigns/${c.body.id}/progress`)).body.tasks[0].taskId;
    const early = await w.admin.post(`/api/screening/tasks/${task}/visits`, visit(w.world.h101, 'nobody_home'));
    expect(early.status).toBe(409);
    expect(early.body.error.details[0].message).toBe('Today is outside the campaign dates');
  });
});
