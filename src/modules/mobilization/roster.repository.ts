import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { subtreeEnd } from '../../platform/policy.ts';
import type { RosterRoleKind } from './teams.schema.ts';

export interface RosterFilter {
  /** Only places in this subtree. */
  nodePath?: string;
  /** Only people of this unit. */
  unitId?: string;
}

export interface RosterRow {
  kind: RosterRoleKind;
  personId: string;
  name: string;
  unitName: string | null;
  id: string;
  roleName: string;
  role: string | null;
  nodeId: string;
  nodeName: string;
  parentName: string | null;
}

/**
 * 亮身份: party members on the front line — holding a vanguard post, in an assault team, leading a
 * responsibility area, or reported in after being dispatched — each with the place where they serve.
 */
export class RosterRepository {
  constructor(private readonly ex: Executor) {}

  async rows(f: RosterFilter): Promise<RosterRow[]> {
    const [posts, teams, areas, reports] = await Promise.all([this.posts(f), this.teams(f), this.areas(f), this.reportIns(f)]);
    return [...posts, ...teams, ...areas, ...reports];
  }

  /** Pledges per person, counted within the same places. */
  async pledgeCounts(f: RosterFilter): Promise<Map<string, number>> {
    let q = this.ex.selectFrom('pledges as pl').innerJoin('jurisdiction_nodes as n', 'n.id', 'pl.node_id')
      .select(['pl.person_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('pl.person_id');
    if (f.nodePath) q = q.where('n.path', '>=', f.nodePath).where('n.path', '<', subtreeEnd(f.nodePath));
    const rows = await q.execute();
    return new Map(rows.map((r) => [r.person_id, Number(r.n)]));
  }

  private where<Q extends { where: (...args: any[]) => Q }>(q: Q, f: RosterFilter): Q {
    let out = q.where('p.political_status', '=', 'member');
    if (f.nodePath) out = out.where('n.path', '>=', f.nodePath).where('n.path', '<', subtreeEnd(f.nodePath));
    if (f.unitId) out = out.where('p.unit_id', '=', f.unitId);
    return out;
  }

  private async posts(f: RosterFilter): Promise<RosterRow[]> {
    const q = this.ex.selectFrom('post_members as m')
      .innerJoin('vanguard_posts as x', 'x.id', 'm.post_id')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'x.node_id')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('jurisdiction_nodes as pn', 'pn.id', 'n.parent_id')
      .select(['p.id as personId', 'p.name', 'u.name as unitName', 'x.id', 'x.name as roleName', 'm.role', 'n.id as nodeId', 'n.name as nodeName', 'pn.name as parentName']);
    return (await this.where(q, f).execute()).map((r) => ({ ...r, kind: 'post' as const }));
  }

  private async teams(f: RosterFilter): Promise<RosterRow[]> {
    const q = this.ex.selectFrom('assault_team_members as m')
      .innerJoin('assault_teams as x', 'x.id', 'm.team_id')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'x.node_id')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('jurisdiction_nodes as pn', 'pn.id', 'n.parent_id')
      .select(['p.id as personId', 'p.name', 'u.name as unitName', 'x.id', 'x.name as roleName', 'm.role', 'n.id as nodeId', 'n.name as nodeName', 'pn.name as parentName']);
    return (await this.where(q, f).execute()).map((r) => ({ ...r, kind: 'team' as const }));
  }

  private async areas(f: RosterFilter): Promise<RosterRow[]> {
    const q = this.ex.selectFrom('responsibility_areas as x')
      .innerJoin('people as p', 'p.id', 'x.leader_person_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'x.node_id')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('jurisdiction_nodes as pn', 'pn.id', 'n.parent_id')
      .select(['p.id as personId', 'p.name', 'u.name as unitName', 'x.id', 'x.name as roleName', sql<string>`'leader'`.as('role'), 'n.id as nodeId', 'n.name as nodeName', 'pn.name as parentName']);
    return (await this.where(q, f).execute()).map((r) => ({ ...r, kind: 'area' as const }));
  }

  /** Reported-in people count at the place they reported in (else the place they were sent to). */
  private async reportIns(f: RosterFilter): Promise<RosterRow[]> {
    const q = this.ex.selectFrom('dispatch_members as dm')
      .innerJoin('dispatch_batches as b', 'b.id', 'dm.batch_id')
      .innerJoin('people as p', 'p.id', 'dm.person_id')
      .innerJoin('jurisdiction_nodes as n', (j) => j.on(sql<SqlBool>`n.id = coalesce(dm.reported_node_id, dm.node_id)`))
      .leftJoin('units as u', 'u.id', 'dm.unit_id')
      .leftJoin('jurisdiction_nodes as pn', 'pn.id', 'n.parent_id')
      .leftJoin('assault_teams as at', (j) => j.onRef('at.id', '=', 'dm.assignment_id').on('dm.assignment_kind', '=', 'team'))
      .leftJoin('vanguard_posts as vp', (j) => j.onRef('vp.id', '=', 'dm.assignment_id').on('dm.assignment_kind', '=', 'post'))
      .leftJoin('responsibility_areas as ra', (j) => j.onRef('ra.id', '=', 'dm.assignment_id').on('dm.assignment_kind', '=', 'area'))
      .select(['p.id as personId', 'p.name', 'u.name as unitName', 'dm.id', 'b.name as roleName', 'n.id as nodeId', 'n.name as nodeName', 'pn.name as parentName'])
      .select((eb) => eb.fn.coalesce('at.name', 'vp.name', 'ra.name').as('role'))
      .where('dm.reported_at', 'is not', null);
    return (await this.where(q, f).execute()).map((r) => ({ ...r, kind: 'report_in' as const }));
  }
}
