import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/support/client.ts';
import type { TestApp } from '../../../test/support/harness.ts';
import { seeder, type Place } from './registry-retention-kinds.fixtures.ts';
import { registryWorld, resident } from './registry.fixtures.ts';

// The retention run beyond residents: arrivals, staff declarations, screening visits and case exposures, each cut
// off by its own date against the Shanghai start of `before` (2026-06-30 00:00 +08:00 = 2026-06-29T16:00Z).

const BEFORE = '2026-06-30';
const OLD_TIME = '2026-06-29T15:30:00.000Z'; // 23:30 on the 29th in Shanghai
const NEW_TIME = '2026-06-29T16:30:00.000Z'; // 00:30 on the 30th in Shanghai
const KINDS = ['arrivals', 'declarations', 'declarationVersions', 'screeningVisits', 'natCases'] as const;
const PERSONAL = ['来访', '440524', '13912345678', '13700001111', '电话另记', '孕妇', '姑妈家', '咳嗽', 'K123', '37.9', 'cough', '接触甲', '接触乙', '采样员丙', '138****1111'];

describe('retention of arrivals, declarations, screening visits and case exposure', () => {
  let t: TestApp;
  let admin: Client;
  let w: Awaited<ReturnType<typeof registryWorld>>['world'];
  const ids = { oldA: {} as Record<string, string>, newA: {} as Record<string, string>, oldB: {} as Record<string, string> };
  const db = () => t.ctx.database.db;

  const place = async (household: string, compound: string): Promise<Place> => {
    const paths = await db().selectFrom('jurisdiction_nodes').select(['id', 'path']).where('id', 'in', [household, compound]).execute();
    const path = (id: string) => paths.find((p) => p.id === id)!.path;
    const r = await admin.post('/api/registry/residents', resident(household, { name: '住户' }));
    return { household, householdPath: path(household), compound, compoundPath: path(compound), resident: r.body.id };
  };

  /** Every row of the four capabilities' tables, to compare before and after. */
  const snapshot = async () => {
    const tables = ['arrivals', 'arrival_measures', 'declaration_entries', 'declaration_history', 'screening_visits', 'screening_visit_people', 'nat_cases'] as const;
    const out: Record<string, unknown[]> = {};
    for (const table of tables) out[table] = await db().selectFrom(table).selectAll().execute();
    for (const rows of Object.values(out)) rows.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    return out;
  };

  const rowsOf = async (set: Record<string, string>) => ({
    arrival: await db().selectFrom('arrivals').selectAll().where('id', '=', set.arrival).executeTakeFirstOrThrow(),
    measure: await db().selectFrom('arrival_measures').selectAll().where('arrival_id', '=', set.arrival).executeTakeFirstOrThrow(),
    entry: await db().selectFrom('declaration_entries').selectAll().where('id', '=', set.entry).executeTakeFirstOrThrow(),
    history: await db().selectFrom('declaration_history').selectAll().where('entry_id', '=', set.entry).executeTakeFirstOrThrow(),
    visit: await db().selectFrom('screening_visits').selectAll().where('id', '=', set.visit).executeTakeFirstOrThrow(),
    seen: await db().selectFrom('screening_visit_people').selectAll().where('visit_id', '=', set.visit).executeTakeFirstOrThrow(),
    case: await db().selectFrom('nat_cases').selectAll().where('id', '=', set.case).executeTakeFirstOrThrow(),
  });

  beforeAll(async () => {
    ({ t, admin, world: w } = await registryWorld());
    const seed = seeder(db(), t.ctx.cipher);
    const a = await place(w.h101, w.compoundA);
    const b = await place(w.hB, w.compoundB);
    const district = await db().selectFrom('jurisdiction_nodes').select('path').where('id', '=', w.district).executeTakeFirstOrThrow();
    const round = await seed.natRound(w.district, district.path);
    const unitA = await seed.unit(a, '幸福公司');
    const unitB = await seed.unit(b, '光明工厂');
    const screenA = await seed.screeningCampaign(a);
    const screenB = await seed.screeningCampaign(b);
    ids.oldA = {
      arrival: await seed.arrival(a, '2026-06-29'), entry: await seed.declaration(unitA, '2026-06-29'),
      visit: await seed.visit(a, screenA, OLD_TIME), case: await seed.natCase(a, round, OLD_TIME),
    };
    ids.newA = {
      arrival: await seed.arrival(a, '2026-06-30'), entry: await seed.declaration(unitA, '2026-06-30'),
      visit: await seed.visit(a, screenA, NEW_TIME), case: await seed.natCase(a, round, NEW_TIME),
    };
    ids.oldB = {
      arrival: await seed.arrival(b, '2026-06-28', { stayText: '如家酒店302房' }), entry: await seed.declaration(unitB, '2026-06-01'),
      visit: await seed.visit(b, screenB, '2026-06-10T02:00:00.000Z'), case: await seed.natCase(b, round, '2026-06-10T02:00:00.000Z'),
    };
  });
  afterAll(async () => { await t.close(); });

  it('a dry run counts each kind per community by its own date and changes nothing; the subtree limits it', async () => {
    const before = await snapshot();
    const dry = await admin.post('/api/registry/retention', { before: BEFORE, dryRun: true });
    expect(dry.status).toBe(200);
    const byName = (name: string) => dry.body.communities.find((c: { name: string }) => c.name === name);
    expect(byName('幸福社区')).toMatchObject({ nodeId: w.communityA, arrivals: 1, declarations: 1, declarationVersions: 1, screeningVisits: 1, natCases: 1 });
    expect(byName('光明社区')).toMatchObject({ nodeId: w.communityB, arrivals: 1, declarations: 1, declarationVersions: 1, screeningVisits: 1, natCases: 1 });
    for (const k of KINDS) expect(dry.body.total[k]).toBe(2);
    expect(await snapshot()).toEqual(before);

    const onlyB = await admin.post('/api/registry/retention', { before: BEFORE, nodeId: w.compoundB, dryRun: true });
    expect(onlyB.body.communities.map((c: { name: string }) => c.name)).toEqual(['光明社区']);
    for (const k of KINDS) expect(onlyB.body.total[k]).toBe(1);
    // A day earlier, the records of the 29th are not yet due.
    const earlier = await admin.post('/api/registry/retention', { before: '2026-06-29', nodeId: w.communityA, dryRun: true });
    for (const k of KINDS) expect(earlier.body.total[k]).toBe(0);
    expect(await snapshot()).toEqual(before);
  });

  it('apply in community A clears personal data before the day, keeps kinds, dates and counts; the rest is untouched', async () => {
    const untouchedNew = await rowsOf(ids.newA);
    const untouchedB = await rowsOf(ids.oldB);
    const dry = await admin.post('/api/registry/retention', { before: BEFORE, nodeId: w.communityA, dryRun: true });
    const applied = await admin.post('/api/registry/retention', { before: BEFORE, nodeId: w.communityA, dryRun: false });
    expect(applied.status).toBe(200);
    expect(applied.body.total).toEqual(dry.body.total);
    for (const k of KINDS) expect(applied.body.total[k]).toBe(1);

    const gone = await rowsOf(ids.oldA);
    const text = JSON.stringify(gone);
    for (const p of PERSONAL) expect(text).not.toContain(p);
    expect(gone.arrival).toMatchObject({
      name: '某某', id_number_enc: null, id_number_hash: null, phone_enc: null, phone_hash: null, notes: null, stay_text: null,
      risk_level: 'high', arrival_date: '2026-06-29', id_type: 'id_card', stay_node_id: w.h101,
    });
    expect(gone.measure).toMatchObject({ reason: null, kind: 'home_isolation', starts_on: '2026-06-29', status: 'done', proposed_kind: 'central_isolation' });
    expect(gone.entry).toMatchObject({
      destination: null, left_on: null, return_on: null, symptoms: null, contact_text: null,
      whereabouts: 'left', destination_risk: 'high', health: 'symptoms', risk_contact: 1, flagged: 1, version: 2,
    });
    expect(gone.entry.declared_at).not.toBeNull();
    expect(JSON.parse(gone.history.data)).toEqual({
      whereabouts: 'left', destination: null, leftOn: null, returnOn: null, destinationRisk: 'high', health: 'normal', symptoms: null, riskContact: false, contactText: null,
    });
    expect(gone.visit).toMatchObject({ note: null, outcome: 'visited', people_present: 1, symptomatic: 1, arrivals: 1, visited_at: OLD_TIME });
    expect(gone.seen).toMatchObject({ temperature: null, symptoms: '[]', travel_from: null, symptomatic: 1 });
    expect(JSON.parse(gone.case.exposure)).toEqual({
      anonymised: true, householdCount: 2, staffCount: 1, household: [], staff: [], siteName: '东门广场', deskName: '3号采样台', sampledAt: OLD_TIME,
    });

    expect(await rowsOf(ids.newA)).toEqual(untouchedNew);
    expect(await rowsOf(ids.oldB)).toEqual(untouchedB);

    const rerun = await admin.post('/api/registry/retention', { before: BEFORE, dryRun: true });
    // Nothing personal is left in community A (its residents went too), so it has no row any more.
    expect(rerun.body.communities.map((c: { name: string }) => c.name)).toEqual(['光明社区']);
    for (const k of KINDS) expect(rerun.body.total[k]).toBe(1);
    const audit = await db().selectFrom('audit_log').select('details').where('action', '=', 'registry.retention').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0].details)).toMatchObject({ before: BEFORE, arrivals: 1, declarations: 1, declarationVersions: 1, screeningVisits: 1, natCases: 1 });
  });
});
