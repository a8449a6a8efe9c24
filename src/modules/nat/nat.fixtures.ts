import { SYSTEM_ACTOR } from '../../platform/policy.ts';
import { newId } from '../../platform/ids.ts';
import type { Executor } from '../../platform/db/database.ts';
import { personInput } from '../../../test/support/factories.ts';
import { idNumber, registryWorld, resident } from '../registry/registry.fixtures.ts';
import { residentCodeToken } from './codes.ts';
import { buildRoster } from './plan-roster.ts';
import type { RoundRow } from './plan.repository.ts';

// A small nucleic-acid world for the tests of all four nat parts (PLAN owns it; others may add <part>.fixtures.ts).
// Clock fixed at 2026-02-21T08:00:00Z (16:00 in Shanghai), the round's first day.
//
// Tree (from registryWorld): district → street → community A (compound 阳光花园: 1号楼 [1单元: 101室, 102室;
// 2单元: 201室], 2号楼 [2101室]) and community B (compound 电力小区: 5号楼 [501室]).
// Residents:
//   h101: wangDa (adult, ID number, phone), wangBaby (born 2024-05-01: infant, exempt under 3)
//   h102: liOld (adult, need 'immobile')
//   h201: zhao (adult)
//   h2101: qianGone (status moved_away: on the roster, not required)
//   hB (community B): sun (adult, phone)
// Round 3 over the street, pool 10, bag 20, certificate 48 h, rule {exemptUnderAgeYears: 3}, status open.
// Sites: siteA (node compound A, areas: compound A) with deskA (pooled) and deskSingle (single);
//        siteB (node compound B, areas: compound B) with deskB (pooled).
// Staff: sampler (person of community A) at deskA for the whole day; siteLead at siteA.
// Roster built (pass { roster: false } to leave nat_round_residents empty).

export const NAT_FIXTURE_NOW = '2026-02-21T08:00:00Z';

export interface NatRoundRowInput {
  name?: string; number?: number; nodeId: string; nodePath: string; startsOn?: string; endsOn?: string;
  poolSize?: number; bagSize?: number; certificateValidHours?: number; exemptUnderAgeYears?: number | null; status?: string;
}

/** Inserts a round row directly (tests of other parts that need a second round). */
export async function insertRound(db: Executor, input: NatRoundRowInput, at = NAT_FIXTURE_NOW): Promise<RoundRow> {
  const row: RoundRow = {
    id: newId(), name: input.name ?? '第三轮全员核酸检测', number: input.number ?? 3, node_id: input.nodeId,
    node_path: input.nodePath, starts_on: input.startsOn ?? '2026-02-21', ends_on: input.endsOn ?? '2026-02-22',
    pool_size: input.poolSize ?? 10, bag_size: input.bagSize ?? 20, certificate_valid_hours: input.certificateValidHours ?? 48,
    required_rule: JSON.stringify({ exemptUnderAgeYears: input.exemptUnderAgeYears === undefined ? 3 : input.exemptUnderAgeYears }),
    status: input.status ?? 'open', roster_built_at: null, created_by: null, created_at: at, updated_at: at,
  };
  await db.insertInto('nat_rounds').values(row).execute();
  return row;
}

export async function insertSite(db: Executor, round: RoundRow, input: { name: string; nodeId: string; poolSize?: number | null; areaNodeIds?: string[] }, at = NAT_FIXTURE_NOW) {
  const node = await db.selectFrom('jurisdiction_nodes').select('path').where('id', '=', input.nodeId).executeTakeFirstOrThrow();
  const id = newId();
  await db.insertInto('nat_sites').values({
    id, round_id: round.id, name: input.name, node_id: input.nodeId, node_path: node.path, address: null,
    opens_at: '07:00', closes_at: '19:00', pool_size: input.poolSize ?? null, created_at: at, updated_at: at,
  }).execute();
  for (const areaId of input.areaNodeIds ?? []) {
    const area = await db.selectFrom('jurisdiction_nodes').select('path').where('id', '=', areaId).executeTakeFirstOrThrow();
    await db.insertInto('nat_site_areas').values({ round_id: round.id, site_id: id, node_id: areaId, node_path: area.path }).execute();
  }
  return id;
}

export async function insertDesk(db: Executor, round: RoundRow, siteId: string, name: string, kind: 'pooled' | 'single' = 'pooled', at = NAT_FIXTURE_NOW) {
  const id = newId();
  await db.insertInto('nat_desks').values({ id, round_id: round.id, site_id: siteId, name, kind, created_at: at }).execute();
  return id;
}

export async function natWorld(opts: { roster?: boolean } = {}) {
  const base = await registryWorld();
  const { t, admin, world: w } = base;
  const db = t.ctx.database.db;
  const services = t.ctx.services;

  const addResident = async (householdId: string, extra: Record<string, unknown>) => {
    const res = await admin.post('/api/registry/residents', resident(householdId, extra));
    if (res.status !== 201) throw new Error(`resident: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const wangDaIdNumber = idNumber('110105', '19750310', '013');
  const residents = {
    wangDa: await addResident(w.h101, { name: '王大明', idType: 'id_card', idNumber: wangDaIdNumber, phone: '13800001111' }),
    wangBaby: await addResident(w.h101, { name: '王小宝', relation: 'child', birthDate: '2024-05-01', needs: [{ kind: 'infant' }] }),
    liOld: await addResident(w.h102, { name: '李秀兰', birthDate: '1938-09-09', needs: [{ kind: 'immobile', note: '需上门采样' }] }),
    zhao: await addResident(w.h201, { name: '赵建国', birthDate: '1980-01-01' }),
    qianGone: await addResident(w.h2101, { name: '钱永安', birthDate: '1990-06-06' }),
    sun: await addResident(w.hB, { name: '孙丽', birthDate: '1985-12-12', phone: '13900002222' }),
  };
  await db.updateTable('residents').set({ status: 'moved_away', status_date: '2026-02-01' }).where('id', '=', residents.qianGone).execute();

  const sampler = (await services.people.create(SYSTEM_ACTOR, personInput(w.communityA, { name: '采样员甲', category: 'medic' }) as never)).id;
  const siteLead = (await services.people.create(SYSTEM_ACTOR, personInput(w.communityA, { name: '点位长乙' }) as never)).id;

  const streetPath = (await db.selectFrom('jurisdiction_nodes').select('path').where('id', '=', w.street).executeTakeFirstOrThrow()).path;
  const round = await insertRound(db, { nodeId: w.street, nodePath: streetPath });
  const siteA = await insertSite(db, round, { name: '阳光花园东门广场', nodeId: w.compoundA, areaNodeIds: [w.compoundA] });
  const siteB = await insertSite(db, round, { name: '电力小区篮球场', nodeId: w.compoundB, areaNodeIds: [w.compoundB] });
  const deskA = await insertDesk(db, round, siteA, '1号采样台');
  const deskSingle = await insertDesk(db, round, siteA, '单采台', 'single');
  const deskB = await insertDesk(db, round, siteB, '1号采样台');
  await db.insertInto('nat_site_staff').values([
    { id: newId(), round_id: round.id, site_id: siteA, desk_id: deskA, person_id: sampler, role: 'sampler', from_at: null, to_at: null, created_at: NAT_FIXTURE_NOW },
    { id: newId(), round_id: round.id, site_id: siteA, desk_id: null, person_id: siteLead, role: 'site_lead', from_at: null, to_at: null, created_at: NAT_FIXTURE_NOW },
  ]).execute();
  if (opts.roster !== false) await buildRoster(db, round, NAT_FIXTURE_NOW);

  /** The personal code (QR content) of a resident at its current serial (1 unless re-issued). */
  const codeOf = (residentId: string, serial = 1) => residentCodeToken(t.ctx.signer, residentId, serial);
  return {
    ...base, db, round, sites: { siteA, siteB }, desks: { deskA, deskSingle, deskB }, people: { sampler, siteLead },
    residents, wangDaIdNumber, codeOf,
  };
}

export type NatWorld = Awaited<ReturnType<typeof natWorld>>;
