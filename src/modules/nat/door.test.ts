import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { deskWorld, type DeskWorld } from './desk.fixtures.ts';

describe('nat door-to-door sampling', () => {
  let w: DeskWorld;
  beforeAll(async () => {
    w = await deskWorld({ poolSize: 5 });
    // 赵六 is under control after a positive pool: a home visit too.
    await w.db.updateTable('nat_round_residents').set({ control_status: 'controlled' })
      .where('round_id', '=', w.roundId).where('resident_id', '=', w.people.zhao).execute();
    // 李四 came back from a high-risk area: confirmed home isolation over the round's days (the outsiders part's
    // tables); a cancelled measure for 张三 does not count.
    const at = '2026-02-20T00:00:00.000Z';
    const household = await w.db.selectFrom('jurisdiction_nodes').select('path').where('id', '=', w.world.h101).executeTakeFirstOrThrow();
    for (const [residentId, status] of [[w.people.li, 'confirmed'], [w.people.zhang, 'cancelled']] as const) {
      const arrivalId = newId();
      await w.db.insertInto('arrivals').values({
        id: arrivalId, name: '返乡人员', id_type: 'none', id_number_enc: null, id_number_hash: null, phone_enc: null, phone_hash: null,
        from_region: '某市', risk_level: 'high', arrival_date: '2026-02-19', stay_node_id: w.world.h101, stay_text: null,
        scope_node_id: w.world.h101, scope_path: household.path, registered_via: 'community', checkpoint_name: null, resident_id: residentId,
        rule_version_id: null, notes: null, created_by: 'test', created_at: at, updated_at: at,
      }).execute();
      await w.db.insertInto('arrival_measures').values({
        id: newId(), arrival_id: arrivalId, resident_id: residentId, node_path: household.path, scope_path: household.path, kind: 'home_isolation',
        starts_on: '2026-02-19', ends_on: '2026-03-04', test_days: null, status, proposed_kind: 'home_isolation', proposed_starts_on: '2026-02-19',
        proposed_ends_on: '2026-03-04', reason: null, seq: 1, confirmed_by: null, confirmed_at: null, closed_at: null, created_at: at, updated_at: at,
      }).execute();
    }
  });
  afterAll(async () => { await w.t.close(); });

  it('generates one task per homebound or controlled person, by building, and generating again adds nothing', async () => {
    const first = await w.admin.post(`/api/nat/desk/rounds/${w.roundId}/door-tasks/generate`, {});
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 3, existing: 0, byReason: { special_needs: 1, sealed: 1, home_isolation: 1 } });
    const again = await w.admin.post(`/api/nat/desk/rounds/${w.roundId}/door-tasks/generate`, {});
    expect(again.body).toMatchObject({ created: 0, existing: 3 });
    const list = await w.admin.get(`/api/nat/desk/rounds/${w.roundId}/door-tasks`);
    expect(list.body.buildings.map((b: { name: string }) => b.name)).toEqual(['1号楼', '2号楼']);
    const tasks = list.body.buildings[0].tasks.map((x: { name: string; reason: string }) => [x.name, x.reason]);
    expect(tasks.sort()).toEqual([['李四', 'home_isolation'], ['王五', 'special_needs']].sort());
    expect(list.body.buildings[0].tasks.find((x: { name: string }) => x.name === '王五')).toMatchObject({ needs: ['immobile'], status: 'open' });
    // Only the kinds asked for: none of the residents is an infant.
    const infants = await w.admin.post(`/api/nat/desk/rounds/${w.roundId}/door-tasks/generate`, { needKinds: ['infant'], includeControlled: false, includeHomeIsolation: false });
    expect(infants.body).toMatchObject({ created: 0, existing: 0 });
  });

  it('works a task at the door: sampled into a door tube, or nobody home', async () => {
    const list = await w.admin.get(`/api/nat/desk/rounds/${w.roundId}/door-tasks`);
    const wang = list.body.buildings[0].tasks.find((x: { name: string }) => x.name === '王五');
    const [zhao] = list.body.buildings[1].tasks;
    const tube = await w.admin.post(`/api/nat/desk/rounds/${w.roundId}/door-tubes`, { id: newId(), barcode: 'D-0001' });
    expect(tube.body).toMatchObject({ source: 'door', capacity: 5, deskId: null });
    const sampleId = newId();
    const r = await w.admin.post(`/api/nat/desk/door-tasks/${wang.id}/scan`, { id: sampleId, tubeBarcode: 'D-0001' });
    expect(r.status).toBe(200);
    expect(r.body.sample).toMatchObject({ id: sampleId, residentId: w.people.wang, method: 'manual' });
    const retry = await w.admin.post(`/api/nat/desk/door-tasks/${wang.id}/scan`, { id: sampleId, tubeBarcode: 'D-0001' });
    expect(retry.body.sample.id).toBe(sampleId);
    const task = await w.db.selectFrom('nat_door_tasks').selectAll().where('id', '=', wang.id).executeTakeFirstOrThrow();
    expect(task).toMatchObject({ status: 'sampled', sample_id: sampleId });
    const roster = await w.db.selectFrom('nat_round_residents').select('sample_id').where('resident_id', '=', w.people.wang).executeTakeFirstOrThrow();
    expect(roster.sample_id).toBe(sampleId);

    const away = await w.admin.post(`/api/nat/desk/door-tasks/${zhao.id}/outcome`, { status: 'nobody_home', note: '电话无人接' });
    expect(away.body).toMatchObject({ status: 'nobody_home', note: '电话无人接' });
    // A sampled task keeps its outcome.
    expect((await w.admin.post(`/api/nat/desk/door-tasks/${wang.id}/outcome`, { status: 'refused' })).status).toBe(409);
  });

  it('lists only the signed-in worker\'s tasks when asked, and hides other communities', async () => {
    const person = await w.admin.post('/api/people', { name: '志愿者甲', politicalStatus: 'member', category: 'volunteer', homeNodeId: w.world.communityA });
    expect(person.status).toBe(201);
    const list = await w.admin.get(`/api/nat/desk/rounds/${w.roundId}/door-tasks`);
    const building = list.body.buildings[1].id;
    const assign = await w.admin.post(`/api/nat/desk/rounds/${w.roundId}/door-tasks/assign`, { buildingId: building, personId: person.body.id });
    expect(assign.body.updated).toBe(1);
    expect(list.body.buildings[1].name).toBe('2号楼');
    expect(list.body.buildings[1].parentName).toBe(list.body.buildings[1].tasks[0].buildingParent);
    expect(list.body.buildings[1].parentName).toEqual(expect.any(String));
    await w.admin.post('/api/accounts', { username: 'vol-door', displayName: '甲', password: 'Passw0rd-test-1', role: 'volunteer', nodeId: w.world.communityA, personId: person.body.id });
    const { login } = await import('../../../test/support/client.ts');
    const vol = await login(w.t.app, 'vol-door', 'Passw0rd-test-1');
    const mine = await vol.get(`/api/nat/desk/rounds/${w.roundId}/door-tasks?mine=1`);
    expect(mine.status).toBe(200);
    expect(mine.body.buildings.flatMap((b: { tasks: { name: string }[] }) => b.tasks.map((t) => t.name))).toEqual(['赵六']);
    // The list names the assignee, so the planner's table can show who goes.
    expect(mine.body.buildings[0].tasks[0]).toMatchObject({ assigneePersonId: person.body.id, assigneeName: '志愿者甲', teamName: null });
    const secretaryB = await w.as('sec-b3', 'community_secretary', w.world.communityB);
    const other = await secretaryB.get(`/api/nat/desk/rounds/${w.roundId}/door-tasks`);
    expect(other.status).toBe(404);
  });

  it('works a re-sample task (made by the results part) only with a single tube', async () => {
    const at = '2026-02-21T09:00:00.000Z';
    const household = await w.db.selectFrom('jurisdiction_nodes').select('path').where('id', '=', w.world.h101).executeTakeFirstOrThrow();
    const taskId = newId();
    await w.db.insertInto('nat_door_tasks').values({
      id: taskId, round_id: w.roundId, resident_id: w.people.zhang, household_id: w.world.h101, building_id: w.world.a1, node_path: household.path,
      reason: 'resample', source_tube_id: null, team_id: null, assignee_person_id: null, status: 'open', sample_id: null, visited_at: null,
      note: null, created_at: at, updated_at: at,
    }).execute();
    const pooled = await w.admin.post(`/api/nat/desk/door-tasks/${taskId}/scan`, { id: newId(), tubeBarcode: 'D-0001' });
    expect(pooled.status).toBe(400);
    const single = await w.admin.post(`/api/nat/desk/rounds/${w.roundId}/door-tubes`, { id: newId(), barcode: 'R-0001', single: true });
    expect(single.body).toMatchObject({ source: 'resample', capacity: 1 });
    const r = await w.admin.post(`/api/nat/desk/door-tasks/${taskId}/scan`, { id: newId(), tubeBarcode: 'R-0001' });
    expect(r.status).toBe(200);
    expect(r.body.tube).toMatchObject({ status: 'closed', sampleCount: 1 });
    expect((await w.db.selectFrom('nat_door_tasks').select('status').where('id', '=', taskId).executeTakeFirstOrThrow()).status).toBe('sampled');
  });
});
