import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { AssaultTeamMemberTable, AssaultTeamTable } from '../../platform/db/tables/mobilization.ts';
import type { Scope } from '../../platform/policy.ts';
import type { TeamKind, TeamRole } from './mobilization.schema.ts';
import { never, nodeIdsIn, unitIdsIn } from './reach.repository.ts';
import type { TeamMemberView, TeamView } from './teams.schema.ts';

export type TeamRow = AssaultTeamTable;
export type TeamViewRow = TeamView & { nodePath: string };

type TeamEb = ExpressionBuilder<DB & { t: AssaultTeamTable }, 't'>;

/** Teams serving in the subtree or formed by a unit located there; a liaison: its unit's teams. */
export function teamScope(ex: Executor, eb: TeamEb, scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind === 'unit') return eb('t.unit_id', '=', scope.unitId);
  if (scope.kind === 'none') return never;
  return eb.or([eb('t.node_id', 'in', nodeIdsIn(ex, scope.path)), eb('t.unit_id', 'in', unitIdsIn(ex, scope.path))]);
}

/** Every SQL statement about assault teams (突击队) and their members. */
export class TeamsRepository {
  constructor(private readonly ex: Executor) {}

  private query() {
    const roleOf = (role: TeamRole, col: 'p.id' | 'p.name') => (eb: ExpressionBuilder<DB & { t: AssaultTeamTable }, 't'>) =>
      eb.selectFrom('assault_team_members as m').innerJoin('people as p', 'p.id', 'm.person_id').select(col)
        .whereRef('m.team_id', '=', 't.id').where('m.role', '=', role).limit(1);
    return this.ex.selectFrom('assault_teams as t')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 't.node_id')
      .leftJoin('units as u', 'u.id', 't.unit_id')
      .selectAll('t')
      .select(['n.name as node_name', 'n.path as node_path', 'u.name as unit_name'])
      .select((eb) => [
        roleOf('leader', 'p.id')(eb).as('leader_id'),
        roleOf('leader', 'p.name')(eb).as('leader_name'),
        roleOf('deputy', 'p.id')(eb).as('deputy_id'),
        roleOf('deputy', 'p.name')(eb).as('deputy_name'),
        eb.selectFrom('assault_team_members as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.team_id', '=', 't.id').as('member_count'),
      ]);
  }

  async list(scope: Scope, f: { kind?: TeamKind; nodePath?: string }): Promise<TeamViewRow[]> {
    let q = this.query().where((eb) => teamScope(this.ex, eb, scope)).orderBy('t.name').orderBy('t.id');
    if (f.kind) q = q.where('t.kind', '=', f.kind);
    if (f.nodePath) q = q.where('t.node_id', 'in', nodeIdsIn(this.ex, f.nodePath));
    return (await q.execute()).map(toView);
  }

  async find(id: string, scope: Scope): Promise<TeamViewRow | undefined> {
    const r = await this.query().where('t.id', '=', id).where((eb) => teamScope(this.ex, eb, scope)).executeTakeFirst();
    return r && toView(r);
  }

  async insert(row: TeamRow): Promise<void> {
    await this.ex.insertInto('assault_teams').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<TeamRow, 'id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('assault_teams').set(patch).where('id', '=', id).execute();
  }

  /** Removes the team with its memberships; pledges made within it keep their place but lose the team. */
  async delete(id: string): Promise<number> {
    const members = await this.ex.deleteFrom('assault_team_members').where('team_id', '=', id).executeTakeFirst();
    await this.ex.updateTable('pledges').set({ team_id: null }).where('team_id', '=', id).execute();
    await this.ex.updateTable('dispatch_members').set({ assignment_kind: null, assignment_id: null, assigned_at: null })
      .where('assignment_kind', '=', 'team').where('assignment_id', '=', id).execute();
    await this.ex.updateTable('volunteer_signups').set({ assignment_kind: null, assignment_id: null })
      .where('assignment_kind', '=', 'team').where('assignment_id', '=', id).execute();
    await this.ex.deleteFrom('assault_teams').where('id', '=', id).execute();
    return Number(members.numDeletedRows);
  }

  private membersQuery() {
    return this.ex.selectFrom('assault_team_members as m').innerJoin('people as p', 'p.id', 'm.person_id')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .select(['m.team_id', 'm.person_id', 'm.role', 'm.created_at', 'p.name', 'p.political_status', 'u.name as unit_name']);
  }

  /** Leader, deputy, then members by name. */
  async listMembers(teamId: string): Promise<TeamMemberView[]> {
    const rows = await this.membersQuery().where('m.team_id', '=', teamId)
      .orderBy(sql`case m.role when 'leader' then 0 when 'deputy' then 1 else 2 end`).orderBy('p.name').orderBy('p.id').execute();
    return rows.map(toMemberView);
  }

  async findMember(teamId: string, personId: string): Promise<TeamMemberView | undefined> {
    const r = await this.membersQuery().where('m.team_id', '=', teamId).where('m.person_id', '=', personId).executeTakeFirst();
    return r && toMemberView(r);
  }

  async holderOf(teamId: string, role: 'leader' | 'deputy'): Promise<string | undefined> {
    const r = await this.ex.selectFrom('assault_team_members').select('person_id').where('team_id', '=', teamId).where('role', '=', role).executeTakeFirst();
    return r?.person_id;
  }

  async insertMember(row: AssaultTeamMemberTable): Promise<void> {
    await this.ex.insertInto('assault_team_members').values(row).execute();
  }

  async setRole(teamId: string, personId: string, role: TeamRole): Promise<void> {
    await this.ex.updateTable('assault_team_members').set({ role }).where('team_id', '=', teamId).where('person_id', '=', personId).execute();
  }

  async deleteMember(teamId: string, personId: string): Promise<void> {
    await this.ex.deleteFrom('assault_team_members').where('team_id', '=', teamId).where('person_id', '=', personId).execute();
  }
}

type TeamQueryRow = TeamRow & {
  node_name: string; node_path: string; unit_name: string | null; leader_id: string | null; leader_name: string | null;
  deputy_id: string | null; deputy_name: string | null; member_count: number | string | null;
};

function toView(r: TeamQueryRow): TeamViewRow {
  return {
    id: r.id, kind: r.kind as TeamKind, name: r.name, nodeId: r.node_id, nodeName: r.node_name, nodePath: r.node_path,
    unitId: r.unit_id, unitName: r.unit_name, duty: r.duty,
    leader: r.leader_id ? { personId: r.leader_id, name: r.leader_name ?? '' } : null,
    deputy: r.deputy_id ? { personId: r.deputy_id, name: r.deputy_name ?? '' } : null,
    memberCount: Number(r.member_count ?? 0), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

function toMemberView(r: { team_id: string; person_id: string; role: string; created_at: string; name: string; political_status: string; unit_name: string | null }): TeamMemberView {
  return {
    teamId: r.team_id, personId: r.person_id, personName: r.name, politicalStatus: r.political_status, unitName: r.unit_name,
    role: r.role as TeamRole, createdAt: r.created_at,
  };
}
