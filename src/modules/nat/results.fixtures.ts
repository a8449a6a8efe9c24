import type { Db } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';
import type { Client } from '../../../test/support/client.ts';
import { registryWorld, resident } from '../registry/registry.fixtures.ts';

// A round with sites, desks, staff, tubes and samples inserted straight into the tables, so the results part is
// tested on its own: the street's round; site A (阳光花园) with a pooled desk and a single-tube desk, site B
// (电力小区) with one desk; residents in households of both communities, all on the roster.

const T0 = '2026-02-21T08:00:00.000Z';

export function multipart(filename: string, content: string | Buffer) {
  const boundary = '----fangkongnatresults';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(content), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function createResident(admin: Client, householdId: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const r = await admin.post('/api/registry/residents', resident(householdId, { name, ...extra }));
  if (r.status !== 201) throw new Error(`resident ${name}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

async function pathOf(db: Db, nodeId: string): Promise<string> {
  const row = await db.selectFrom('jurisdiction_nodes').select('path').where('id', '=', nodeId).executeTakeFirstOrThrow();
  return row.path;
}

async function insertPerson(db: Db, name: string, phone?: string): Promise<string> {
  const id = newId();
  await db.insertInto('people').values({
    id, name, sex: null, political_status: 'member', category: 'volunteer', unit_id: null, branch_id: null, home_node_id: null,
    phone_enc: null, phone_hash: phone ?? null, id_number_enc: null, id_number_hash: null, skills: '', created_at: T0, updated_at: T0,
  }).execute();
  return id;
}

export async function resultsWorld() {
  const base = await registryWorld();
  const { t, admin, world } = base;
  const db = t.ctx.database.db;
  const people = {
    zhang: await createResident(admin, world.h101, '张三'),
    li: await createResident(admin, world.h101, '李四', { relation: 'spouse' }),
    wang: await createResident(admin, world.h102, '王五'),
    zhao: await createResident(admin, world.h201, '赵六'),
    qian: await createResident(admin, world.h2101, '钱七'),
    sun: await createResident(admin, world.hB, '孙八'),
  };

  const roundId = newId();
  await db.insertInto('nat_rounds').values({
    id: roundId, name: '第三轮全员核酸检测', number: 3, node_id: world.street, node_path: await pathOf(db, world.street),
    starts_on: '2026-02-21', ends_on: '2026-02-22', pool_size: 10, bag_size: 20, certificate_valid_hours: 48,
    required_rule: '{}', status: 'open', roster_built_at: T0, created_by: null, created_at: T0, updated_at: T0,
  }).execute();
  const site = async (nodeId: string, name: string) => {
    const id = newId();
    await db.insertInto('nat_sites').values({
      id, round_id: roundId, name, node_id: nodeId, node_path: await pathOf(db, nodeId), address: null,
      opens_at: '07:00', closes_at: '20:00', pool_size: null, created_at: T0, updated_at: T0,
    }).execute();
    return id;
  };
  const desk = async (siteId: string, name: string, kind: 'pooled' | 'single') => {
    const id = newId();
    await db.insertInto('nat_desks').values({ id, round_id: roundId, site_id: siteId, name, kind, created_at: T0 }).execute();
    return id;
  };
  const siteA = await site(world.compoundA, '阳光花园东门广场');
  const siteB = await site(world.compoundB, '电力小区篮球场');
  const deskA1 = await desk(siteA, '1号采样台', 'pooled');
  const deskA2 = await desk(siteA, '2号采样台', 'single');
  const deskB1 = await desk(siteB, '1号采样台', 'pooled');

  const staffPeople = {
    morning: await insertPerson(db, '早班采样员'),
    afternoon: await insertPerson(db, '午班采样员'),
    lead: await insertPerson(db, '点位负责人'),
    otherDesk: await insertPerson(db, '二号台采样员'),
    siteBLead: await insertPerson(db, '电力小区点位长'),
  };
  const staff = async (siteId: string, deskId: string | null, personId: string, role: string, fromAt: string | null, toAt: string | null) =>
    db.insertInto('nat_site_staff').values({ id: newId(), round_id: roundId, site_id: siteId, desk_id: deskId, person_id: personId, role, from_at: fromAt, to_at: toAt, created_at: T0 }).execute();
  await staff(siteA, deskA1, staffPeople.morning, 'sampler', '2026-02-21T00:00:00.000Z', '2026-02-21T02:00:00.000Z');
  await staff(siteA, deskA1, staffPeople.afternoon, 'sampler', '2026-02-21T02:00:00.000Z', '2026-02-21T04:00:00.000Z');
  await staff(siteA, null, staffPeople.lead, 'site_lead', null, null);
  await staff(siteA, deskA2, staffPeople.otherDesk, 'sampler', null, null);
  await staff(siteB, null, staffPeople.siteBLead, 'site_lead', null, null);

  // The roster: everyone must be tested.
  const residents = await db.selectFrom('residents as r').innerJoin('jurisdiction_nodes as n', 'n.id', 'r.household_id')
    .select(['r.id', 'r.household_id', 'n.path']).execute();
  const homes = new Map(residents.map((r) => [r.id, r]));
  for (const r of residents) {
    await db.insertInto('nat_round_residents').values({
      round_id: roundId, resident_id: r.id, household_id: r.household_id, node_path: r.path, required: 1,
      exempt_reason: null, sampled_at: null, sample_id: null, result: null, control_status: null,
    }).execute();
  }

  const tube = async (barcode: string, deskId: string, capacity: number, source = 'desk') => {
    const id = newId();
    const d = await db.selectFrom('nat_desks').select('site_id').where('id', '=', deskId).executeTakeFirstOrThrow();
    await db.insertInto('nat_tubes').values({
      id, round_id: roundId, barcode, site_id: d.site_id, desk_id: deskId, source, capacity, status: 'closed', sample_count: 0,
      bag_id: null, result: 'pending', result_at: null, opened_by: null, opened_at: T0, closed_at: T0,
    }).execute();
    return id;
  };
  /** A sample as the desk writes it: a second scan of someone already sampled is flagged duplicate_of. */
  const sample = async (tubeId: string, residentId: string, opts: { at?: string; undone?: boolean; doorTaskId?: string } = {}) => {
    const id = newId();
    const at = opts.at ?? '2026-02-21T01:30:00.000Z';
    const tubeRow = await db.selectFrom('nat_tubes').select(['site_id', 'desk_id', 'source']).where('id', '=', tubeId).executeTakeFirstOrThrow();
    const roster = await db.selectFrom('nat_round_residents').select('sample_id').where('round_id', '=', roundId).where('resident_id', '=', residentId).executeTakeFirstOrThrow();
    const duplicateOf = !opts.undone && roster.sample_id ? roster.sample_id : null;
    const home = homes.get(residentId)!;
    await db.insertInto('nat_samples').values({
      id, round_id: roundId, tube_id: tubeId, resident_id: residentId, household_id: home.household_id, node_path: home.path,
      site_id: tubeRow.site_id, desk_id: tubeRow.desk_id, door_task_id: opts.doorTaskId ?? null, method: 'code', sampled_at: at,
      duplicate_of: duplicateOf, undone_at: opts.undone ? at : null, registrar_id: null, created_at: at,
    }).execute();
    if (!opts.undone && !duplicateOf) {
      await db.updateTable('nat_tubes').set((eb) => ({ sample_count: eb('sample_count', '+', 1) })).where('id', '=', tubeId).execute();
      await db.updateTable('nat_round_residents').set({ sampled_at: at, sample_id: id }).where('round_id', '=', roundId).where('resident_id', '=', residentId).execute();
    }
    return id;
  };
  const roster = (residentId: string) => db.selectFrom('nat_round_residents').selectAll()
    .where('round_id', '=', roundId).where('resident_id', '=', residentId).executeTakeFirstOrThrow();
  const tubeRow = (id: string) => db.selectFrom('nat_tubes').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const resampleTasks = () => db.selectFrom('nat_door_tasks').selectAll().where('round_id', '=', roundId).where('reason', '=', 'resample').orderBy('resident_id').execute();
  const upload = (client: Client, filename: string, content: string | Buffer, query = '') => {
    const m = multipart(filename, content);
    return client.raw({ method: 'POST', url: `/api/nat/results/rounds/${roundId}/import${query}`, payload: m.payload, headers: { ...m.headers, 'x-lang': 'en' } });
  };
  return {
    ...base, db, people, roundId, siteA, siteB, deskA1, deskA2, deskB1, staffPeople, tube, sample, roster, tubeRow, resampleTasks, upload,
  };
}
