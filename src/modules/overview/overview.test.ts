import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personInput } from '../../../test/support/factories.ts';
import { newId } from '../../platform/ids.ts';
import { DAY, expectStatus, figures, reportsFixture, type ReportsFixture } from '../reports/reports.fixtures.ts';

// The overview adds the day's figures of every capability up by community and by unit. Mobilisation and duty
// rows are written straight into their tables (their own modules test how they get there).
describe('overview', () => {
  let f: ReportsFixture;
  const at = '2026-02-20T01:00:00.000Z';

  beforeAll(async () => {
    f = await reportsFixture();
    const { admin, tree, units } = f;
    const db = f.t.ctx.database.db;
    const person = async (home: string, unitId?: string) =>
      expectStatus(await admin.post('/api/people', personInput(home, unitId ? { unitId, category: 'cadre' } : {})), 201, 'person').id as string;
    const [p1, p2, p3, p4, p5] = [
      await person(tree.compoundA, units.unitA), await person(tree.compoundA, units.unitA), await person(tree.compoundA, units.unitA),
      await person(tree.communityC, units.unitB), await person(tree.communityC, units.unitB),
    ];
    // Organisation: unit A's branch holds an area and a post in community A; a second area and post in C.
    const branch = expectStatus(await admin.post('/api/org/party-orgs', { kind: 'branch', name: '卫健局党支部', unitId: units.unitA }), 201, 'branch').id;
    const areaA = expectStatus(await admin.post('/api/org/areas', { name: '阳光花园责任区', nodeId: tree.compoundA, branchId: branch }), 201, 'area A').id;
    expectStatus(await admin.post('/api/org/posts', { name: '北门先锋岗', areaId: areaA, nodeId: tree.compoundA }), 201, 'post A');
    const areaC = expectStatus(await admin.post('/api/org/areas', { name: '和平责任区', nodeId: tree.communityC, branchId: branch }), 201, 'area C').id;
    expectStatus(await admin.post('/api/org/posts', { name: '和平先锋岗', areaId: areaC, nodeId: tree.communityC }), 201, 'post C');

    // Mobilisation: unit A sent 3 people to community A (2 reported in); unit B sent 2 to community C, one of
    // whom reported in at community D; an ended batch does not count.
    const batch = async (unitId: string, nodeId: string, endsOn: string | null) => {
      const id = newId();
      await db.insertInto('dispatch_batches').values({ id, unit_id: unitId, node_id: nodeId, batch_no: null, name: '第一批', starts_on: '2026-02-01', ends_on: endsOn, note: null, created_at: at, updated_at: at }).execute();
      return id;
    };
    const member = async (batchId: string, personId: string, unitId: string, nodeId: string, reportedAt: string | null, reportedNode: string | null = null) =>
      db.insertInto('dispatch_members').values({
        id: newId(), batch_id: batchId, person_id: personId, unit_id: unitId, node_id: nodeId, reported_at: reportedAt,
        report_method: reportedAt ? 'qr' : null, reported_node_id: reportedAt ? (reportedNode ?? nodeId) : null, reported_by: null,
        assignment_kind: null, assignment_id: null, assigned_at: null, created_at: at,
      }).execute();
    const bA = await batch(units.unitA, tree.communityA, null);
    await member(bA, p1, units.unitA, tree.communityA, '2026-02-20T02:00:00.000Z');
    await member(bA, p2, units.unitA, tree.communityA, '2026-02-21T03:00:00.000Z');
    await member(bA, p3, units.unitA, tree.communityA, null);
    const bB = await batch(units.unitB, tree.west, null);
    await member(bB, p4, units.unitB, tree.west, '2026-02-21T01:00:00.000Z', tree.communityD);
    await member(bB, p5, units.unitB, tree.west, null);
    const ended = await batch(units.unitB, tree.communityC, '2026-02-10');
    await member(ended, p5, units.unitB, tree.communityC, null);

    // Teams and pledges in community A.
    const team = newId();
    await db.insertInto('assault_teams').values({ id: team, kind: 'assault_team', name: '党员突击队', node_id: tree.communityA, unit_id: units.unitA, duty: null, created_at: at, updated_at: at }).execute();
    await db.insertInto('assault_team_members').values([
      { team_id: team, person_id: p1, role: 'leader', created_at: at }, { team_id: team, person_id: p2, role: 'member', created_at: at },
    ]).execute();
    const pledge = newId();
    await db.insertInto('pledges').values({ id: pledge, person_id: p1, node_id: tree.compoundA, team_id: team, content: '每天值守北门', pledged_on: '2026-02-20', created_by: null, created_at: at, updated_at: at }).execute();
    await db.insertInto('pledge_fulfilments').values({ id: newId(), pledge_id: pledge, done_on: DAY, note: '值守', created_by: null, created_at: at }).execute();

    // Duty: a gate in compound A, today's 08:00–20:00 shift; p1 is on duty at 16:00, p2 has checked out.
    const post = newId();
    await db.insertInto('duty_posts').values({ id: post, name: '北门卡口', kind: 'gate', node_id: tree.compoundA, vanguard_post_id: null, phone: null, note: null, token: newId(), min_rest_minutes: null, late_grace_minutes: null, active: 1, created_at: at, updated_at: at }).execute();
    const shift = newId();
    await db.insertInto('duty_shifts').values({ id: shift, post_id: post, template_id: null, day: DAY, name: '白班', starts_at: '2026-02-21T00:00:00.000Z', ends_at: '2026-02-21T12:00:00.000Z', required: 2, night: 0, created_at: at, updated_at: at }).execute();
    const attend = (personId: string, out: string | null) => db.insertInto('duty_attendance').values({
      id: newId(), shift_id: shift, person_id: personId, checked_in_at: '2026-02-21T00:05:00.000Z', check_in_method: 'qr', late_minutes: 5,
      checked_out_at: out, check_out_id: out ? newId() : null, recorded_by: null, created_at: at, updated_at: at,
    }).execute();
    await attend(p1, null);
    await attend(p2, '2026-02-21T06:00:00.000Z');

    // Reports: community A reported, the others have not.
    const form = (await f.createForm(f.accounts.command)).id;
    expectStatus(await f.accounts.a.post('/api/reports/submissions', { formId: form, values: figures(1, 2) }), 201, 'A');
  });
  afterAll(async () => {
    await f.t.close();
  });

  it('counts the day for the whole district, by community and by unit', async () => {
    const view = expectStatus(await f.accounts.command.get('/api/overview'), 200, 'overview');
    expect(view).toMatchObject({ day: DAY, isToday: true, node: { id: f.tree.district } });
    expect(view.totals).toEqual({
      dispatched: 5, reportedIn: 3, onDuty: 1, teams: 1, teamMembers: 2, posts: 2, areas: 2, pledges: 1, pledgeActions: 1,
      reportsSubmitted: 1, reportsMissing: 3,
    });
    const row = (name: string) => view.byCommunity.find((c: { name: string }) => c.name === name).figures;
    expect(view.byCommunity.map((c: { name: string }) => c.name).sort()).toEqual(['光明社区', '和平社区', '团结社区', '幸福社区'].sort());
    expect(row('幸福社区')).toMatchObject({ dispatched: 3, reportedIn: 2, onDuty: 1, teams: 1, posts: 1, areas: 1, pledges: 1, reportsSubmitted: 1, reportsMissing: 0 });
    expect(row('团结社区')).toMatchObject({ dispatched: 1, reportedIn: 1, reportsMissing: 1 });
    expect(row('和平社区')).toMatchObject({ dispatched: 0, posts: 1, areas: 1, reportsMissing: 1 });
    expect(view.byCommunity.find((c: { name: string }) => c.name === '和平社区').parentName).toBe('西街街道');
    const unit = (name: string) => view.byUnit.find((u: { name: string }) => u.name === name).figures;
    expect(unit('区卫健局')).toMatchObject({ dispatched: 3, reportedIn: 2, onDuty: 1, teams: 1, posts: 2, areas: 2, pledges: 1 });
    expect(unit('区教育局')).toMatchObject({ dispatched: 2, reportedIn: 1 });
    expect(view.forms).toEqual([expect.objectContaining({ name: '疫情防控日报', expected: 4, submitted: 1, missing: 3, late: 0 })]);
  });

  it('another day: on duty means checked in on that day\'s shifts; report-ins after that day do not count', async () => {
    const view = expectStatus(await f.accounts.command.get('/api/overview?day=2026-02-20'), 200, 'yesterday');
    expect(view.isToday).toBe(false);
    expect(view.totals).toMatchObject({ dispatched: 5, reportedIn: 1, onDuty: 0, pledgeActions: 0, reportsSubmitted: 0, reportsMissing: 4 });
  });

  it('a community sees its own row only; a liaison its unit\'s figures; out of reach is 404', async () => {
    const a = expectStatus(await f.accounts.a.get('/api/overview'), 200, 'A');
    expect(a.byCommunity.map((c: { name: string }) => c.name)).toEqual(['幸福社区']);
    expect(a.totals).toMatchObject({ dispatched: 3, posts: 1, reportsMissing: 0, reportsSubmitted: 1 });
    expect((await f.accounts.a.get(`/api/overview?nodeId=${f.tree.communityB}`)).status).toBe(404);
    const liaison = expectStatus(await f.accounts.liaisonB.get('/api/overview'), 200, 'liaison B');
    expect(liaison.byUnit.map((u: { name: string }) => u.name)).toEqual(['区教育局']);
    expect(liaison.totals).toMatchObject({ dispatched: 2, reportedIn: 1, teams: 0, posts: 0 });
    expect(liaison.byCommunity.map((c: { name: string }) => c.name)).toEqual(['团结社区']);
    const street = expectStatus(await f.accounts.command.get(`/api/overview?nodeId=${f.tree.west}`), 200, 'west');
    expect(street.totals).toMatchObject({ dispatched: 2, reportedIn: 1, posts: 1, reportsMissing: 2 });
  });
});
