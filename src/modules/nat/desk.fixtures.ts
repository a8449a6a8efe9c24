import { newId } from '../../platform/ids.ts';
import { idNumber, registryWorld, resident } from '../registry/registry.fixtures.ts';

// A round over community A (幸福社区 / 阳光花园) with one site, a pooled desk (pool of 3) and a single desk, bags of 2,
// and residents in and out of the round. Rows of the plan part are inserted directly (its API is another part's).

export async function deskWorld(opts: { poolSize?: number; bagSize?: number; status?: string } = {}) {
  const base = await registryWorld();
  const { t, admin, world: w } = base;
  const db = t.ctx.database.db;
  const ids = {
    zhang: idNumber('110105', '19800101', '011'),
    li: idNumber('110105', '19820202', '022'),
    wang: idNumber('110105', '19500303', '033'),
    zhao: idNumber('110105', '19900404', '044'),
    qian: idNumber('110105', '19700505', '055'),
  };
  const make = async (householdId: string, name: string, idn: string, extra: Record<string, unknown> = {}) => {
    const r = await admin.post('/api/registry/residents', resident(householdId, { name, idType: 'id_card', idNumber: idn, ...extra }));
    if (r.status !== 201) throw new Error(`resident ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const people = {
    zhang: await make(w.h101, '张三', ids.zhang),
    li: await make(w.h101, '李四', ids.li, { relation: 'spouse' }),
    wang: await make(w.h102, '王五', ids.wang, { needs: [{ kind: 'immobile', note: '卧床' }] }),
    zhao: await make(w.h2101, '赵六', ids.zhao),
    // Community B: outside the round.
    qian: await make(w.hB, '钱七', ids.qian),
  };
  const node = async (id: string) => db.selectFrom('jurisdiction_nodes').select(['id', 'path']).where('id', '=', id).executeTakeFirstOrThrow();
  const now = '2026-02-21T00:00:00.000Z';
  const communityA = await node(w.communityA);
  const compoundA = await node(w.compoundA);
  const compoundB = await node(w.compoundB);
  const roundId = newId();
  await db.insertInto('nat_rounds').values({
    id: roundId, name: '第三轮全员核酸检测', number: 3, node_id: communityA.id, node_path: communityA.path, starts_on: '2026-02-21',
    ends_on: '2026-02-22', pool_size: opts.poolSize ?? 3, bag_size: opts.bagSize ?? 2, certificate_valid_hours: 48, required_rule: '{}',
    status: opts.status ?? 'open', roster_built_at: now, created_by: null, created_at: now, updated_at: now,
  }).execute();
  const siteId = newId();
  await db.insertInto('nat_sites').values({
    id: siteId, round_id: roundId, name: '阳光花园东门广场', node_id: compoundA.id, node_path: compoundA.path, address: null,
    opens_at: '07:00', closes_at: '19:00', pool_size: null, created_at: now, updated_at: now,
  }).execute();
  const desk = newId();
  const singleDesk = newId();
  await db.insertInto('nat_desks').values([
    { id: desk, round_id: roundId, site_id: siteId, name: '1号采样台', kind: 'pooled', created_at: now },
    { id: singleDesk, round_id: roundId, site_id: siteId, name: '单管台', kind: 'single', created_at: now },
  ]).execute();
  // A second round-less site in community B, to check scope isolation of desks.
  const siteB = newId();
  const deskB = newId();
  await db.insertInto('nat_sites').values({
    id: siteB, round_id: roundId, name: '电力小区门口', node_id: compoundB.id, node_path: compoundB.path, address: null,
    opens_at: '07:00', closes_at: '19:00', pool_size: null, created_at: now, updated_at: now,
  }).execute();
  await db.insertInto('nat_desks').values({ id: deskB, round_id: roundId, site_id: siteB, name: 'B台', kind: 'pooled', created_at: now }).execute();
  // The roster: the four residents of community A must be tested.
  const inRound = await db.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
    .select(['r.id', 'r.household_id', 'h.path']).where('r.id', 'in', [people.zhang, people.li, people.wang, people.zhao]).execute();
  await db.insertInto('nat_round_residents').values(inRound.map((r) => ({
    round_id: roundId, resident_id: r.id, household_id: r.household_id, node_path: r.path, required: 1, exempt_reason: null,
    sampled_at: null, sample_id: null, result: null, control_status: null,
  }))).execute();
  return { ...base, db, ids, people, roundId, siteId, desk, singleDesk, siteB, deskB };
}

export type DeskWorld = Awaited<ReturnType<typeof deskWorld>>;
