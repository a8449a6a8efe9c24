import { newId } from '../../platform/ids.ts';
import { registryWorld, resident } from '../registry/registry.fixtures.ts';

// A hand-built small round for the coverage tests, written straight into the nat tables (the plan and desk parts
// are not needed to test the read side). Clock: 2026-02-21T03:10Z = 11:10 in Shanghai.
//
// Street round. 阳光花园 (community A): 1号楼 entrance 1: 101室 r1 ✓ r2 ✓ r3 (infant, exempt); 102室 r4 ✓ r5 (immobile,
// open door task); entrance 2: 201室 r6 ✓ (+ a duplicate scan) r7 (one undone scan) r9; 2号楼 2101室 r8 ✓.
// 电力小区 (community B): 5号楼 501室 r10 ✓ r11 ✓ r12. ✓ = sampled: 7 of 11 required, 4 untested, 1 exempt.

export const NOW = '2026-02-21T03:10:00.000Z';
const at = NOW;

export async function coverageWorld() {
  const base = await registryWorld();
  const { t, admin, world: w } = base;
  base.clock.set(NOW);
  const db = t.ctx.database.db;
  const r: Record<string, string> = {};
  const add = async (key: string, household: string, extra: Record<string, unknown> = {}) => {
    const res = await admin.post('/api/registry/residents', resident(household, { name: `居民${key}`, ...extra }));
    if (res.status !== 201) throw new Error(`resident ${key}: ${res.status} ${JSON.stringify(res.body)}`);
    r[key] = res.body.id;
  };
  await add('r1', w.h101, { phone: '13800001111' });
  await add('r2', w.h101);
  await add('r3', w.h101, { birthDate: '2025-06-01', relation: 'child', needs: [{ kind: 'infant', note: null }] });
  await add('r4', w.h102);
  await add('r5', w.h102, { phone: '13912345678', needs: [{ kind: 'immobile', note: '需上门采样' }] });
  await add('r6', w.h201);
  await add('r7', w.h201);
  await add('r9', w.h201);
  await add('r8', w.h2101);
  await add('r10', w.hB);
  await add('r11', w.hB);
  await add('r12', w.hB);

  const paths = new Map((await db.selectFrom('jurisdiction_nodes').select(['id', 'path']).execute()).map((n) => [n.id, n.path]));
  const round = newId();
  const roundRow = (id: string, nodeId: string, name: string) => ({
    id, name, number: 3, node_id: nodeId, node_path: paths.get(nodeId) as string, starts_on: '2026-02-21', ends_on: '2026-02-21',
    pool_size: 10, bag_size: 20, certificate_valid_hours: 48, required_rule: '{"exemptUnderAgeYears":3}', status: 'open',
    roster_built_at: at, created_by: null, created_at: at, updated_at: at,
  });
  await db.insertInto('nat_rounds').values(roundRow(round, w.street, '第三轮全员核酸检测')).execute();
  // A second round over community A only: community B's accounts must not see it.
  const roundA = newId();
  await db.insertInto('nat_rounds').values(roundRow(roundA, w.communityA, '阳光社区加测')).execute();

  const household: Record<string, string> = {
    r1: w.h101, r2: w.h101, r3: w.h101, r4: w.h102, r5: w.h102, r6: w.h201, r7: w.h201, r9: w.h201, r8: w.h2101, r10: w.hB, r11: w.hB, r12: w.hB,
  };
  const sampledAt: Record<string, string> = {
    r1: '2026-02-21T01:05:00.000Z', r2: '2026-02-21T01:20:00.000Z', r4: '2026-02-21T02:10:00.000Z', r6: '2026-02-21T02:40:00.000Z',
    r8: '2026-02-21T03:05:00.000Z', r10: '2026-02-21T02:15:00.000Z', r11: '2026-02-21T03:08:00.000Z',
  };
  const sampleIds: Record<string, string> = Object.fromEntries(Object.keys(sampledAt).map((k) => [k, newId()]));
  await db.insertInto('nat_round_residents').values(Object.entries(household).map(([k, h]) => ({
    round_id: round, resident_id: r[k], household_id: h, node_path: paths.get(h) as string,
    required: k === 'r3' ? 0 : 1, exempt_reason: k === 'r3' ? 'under_age' : null,
    sampled_at: sampledAt[k] ?? null, sample_id: sampleIds[k] ?? null, result: null, control_status: null,
  }))).execute();
  await db.insertInto('nat_round_residents').values(['r1', 'r5'].map((k) => ({
    round_id: roundA, resident_id: r[k], household_id: household[k], node_path: paths.get(household[k]) as string,
    required: 1, exempt_reason: null, sampled_at: null, sample_id: null, result: null, control_status: null,
  }))).execute();

  const site = (id: string, nodeId: string, name: string) => ({
    id, round_id: round, name, node_id: nodeId, node_path: paths.get(nodeId) as string, address: null, opens_at: '08:00',
    closes_at: '17:00', pool_size: null, created_at: at, updated_at: at,
  });
  const siteA = newId();
  const siteB = newId();
  await db.insertInto('nat_sites').values([site(siteA, w.communityA, '阳光花园东门'), site(siteB, w.communityB, '电力小区广场')]).execute();
  const deskA = newId();
  const deskB = newId();
  await db.insertInto('nat_desks').values([
    { id: deskA, round_id: round, site_id: siteA, name: '1号采样台', kind: 'pooled', created_at: at },
    { id: deskB, round_id: round, site_id: siteB, name: '1号采样台', kind: 'pooled', created_at: at },
  ]).execute();
  const tube = (id: string, siteId: string, deskId: string, status: string, n: number) => ({
    id, round_id: round, barcode: `T${id.slice(-8)}`, site_id: siteId, desk_id: deskId, source: 'desk', capacity: 10, status,
    sample_count: n, bag_id: null, result: 'pending', result_at: null, opened_by: null, opened_at: at, closed_at: status === 'open' ? null : at,
  });
  const [tA1, tA2, tB1] = [newId(), newId(), newId()];
  await db.insertInto('nat_tubes').values([tube(tA1, siteA, deskA, 'closed', 4), tube(tA2, siteA, deskA, 'open', 1), tube(tB1, siteB, deskB, 'open', 2)]).execute();
  const sample = (id: string, k: string, tubeId: string, siteId: string, deskId: string, time: string, extra: { duplicate_of?: string; undone_at?: string } = {}) => ({
    id, round_id: round, tube_id: tubeId, resident_id: r[k], household_id: household[k], node_path: paths.get(household[k]) as string,
    site_id: siteId, desk_id: deskId, door_task_id: null, method: 'code', sampled_at: time, duplicate_of: extra.duplicate_of ?? null,
    undone_at: extra.undone_at ?? null, registrar_id: null, created_at: time,
  });
  await db.insertInto('nat_samples').values([
    ...['r1', 'r2', 'r4', 'r6'].map((k) => sample(sampleIds[k], k, tA1, siteA, deskA, sampledAt[k])),
    sample(sampleIds.r8, 'r8', tA2, siteA, deskA, sampledAt.r8),
    sample(newId(), 'r6', tA2, siteA, deskA, '2026-02-21T02:50:00.000Z', { duplicate_of: sampleIds.r6 }),
    sample(newId(), 'r7', tA2, siteA, deskA, '2026-02-21T03:00:00.000Z', { undone_at: '2026-02-21T03:01:00.000Z' }),
    ...['r10', 'r11'].map((k) => sample(sampleIds[k], k, tB1, siteB, deskB, sampledAt[k])),
  ]).execute();
  // Site A calls 1号楼 from 09:00 (started) and 2号楼 from 12:00 (not yet); site B has no batch slots.
  await db.insertInto('nat_slots').values([
    { id: newId(), round_id: round, site_id: siteA, node_id: w.a1, node_path: paths.get(w.a1) as string, starts_at: '2026-02-21T01:00:00.000Z', ends_at: '2026-02-21T02:00:00.000Z', note: null, created_at: at },
    { id: newId(), round_id: round, site_id: siteA, node_id: w.a2, node_path: paths.get(w.a2) as string, starts_at: '2026-02-21T04:00:00.000Z', ends_at: '2026-02-21T05:00:00.000Z', note: null, created_at: at },
  ]).execute();
  await db.insertInto('nat_door_tasks').values({
    id: newId(), round_id: round, resident_id: r.r5, household_id: w.h102, building_id: w.a1, node_path: paths.get(w.h102) as string,
    reason: 'special_needs', source_tube_id: null, team_id: null, assignee_person_id: null, status: 'open', sample_id: null,
    visited_at: null, note: null, created_at: at, updated_at: at,
  }).execute();
  return { ...base, r, round, roundA, siteA, siteB, paths };
}
