import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { Scope } from '../../platform/policy.ts';
import { figuresOf, memberReadScope } from './dispatch.repository.ts';
import type { DispatchFigures } from './mobilization.schema.ts';
import { pledgeScope } from './pledges.repository.ts';
import { nodeIdsIn } from './reach.repository.ts';
import { teamScope } from './teams.repository.ts';
import { signupScope } from './volunteers.repository.ts';

export interface CountFilter {
  unitId?: string;
  nodePath?: string;
}

const figures = [
  sql<number>`count(*)`.as('n_dispatched'),
  sql<number>`sum(case when dm.reported_at is not null then 1 else 0 end)`.as('n_reported'),
  sql<number>`sum(case when dm.assignment_kind is not null then 1 else 0 end)`.as('n_assigned'),
] as const;

/** The figures of mobilisation, counted in SQL over exactly the rows the actor's lists show. */
export class CountsRepository {
  constructor(private readonly ex: Executor) {}

  private members(scope: Scope, f: CountFilter) {
    let q = this.ex.selectFrom('dispatch_members as dm').where((eb) => memberReadScope(this.ex, eb, scope));
    if (f.unitId) q = q.where('dm.unit_id', '=', f.unitId);
    if (f.nodePath) {
      const path = f.nodePath;
      q = q.where((eb) => eb.or([eb('dm.node_id', 'in', nodeIdsIn(this.ex, path)), eb('dm.reported_node_id', 'in', nodeIdsIn(this.ex, path))]));
    }
    return q;
  }

  async byUnit(scope: Scope, f: CountFilter): Promise<Array<DispatchFigures & { unitId: string; unitName: string }>> {
    const rows = await this.members(scope, f).innerJoin('units as u', 'u.id', 'dm.unit_id')
      .select(['dm.unit_id', 'u.name', ...figures]).groupBy(['dm.unit_id', 'u.name']).orderBy('u.name').execute();
    return rows.map((r) => ({ unitId: r.unit_id, unitName: r.name, ...figuresOf(r) }));
  }

  async byNode(scope: Scope, f: CountFilter): Promise<Array<DispatchFigures & { nodeId: string; nodeName: string }>> {
    const rows = await this.members(scope, f).innerJoin('jurisdiction_nodes as n', 'n.id', 'dm.node_id')
      .select(['dm.node_id', 'n.name', ...figures]).groupBy(['dm.node_id', 'n.name']).orderBy('n.name').execute();
    return rows.map((r) => ({ nodeId: r.node_id, nodeName: r.name, ...figuresOf(r) }));
  }

  /** People in batches running on `day` (started on or before it, not ended before it). */
  async active(scope: Scope, f: CountFilter, day: string): Promise<DispatchFigures> {
    const r = await this.members(scope, f).innerJoin('dispatch_batches as b', 'b.id', 'dm.batch_id')
      .where('b.starts_on', '<=', day)
      .where((eb) => eb.or([eb('b.ends_on', 'is', null), eb('b.ends_on', '>=', day)]))
      .select([...figures]).executeTakeFirstOrThrow();
    return figuresOf(r);
  }

  /** Members whose `column` instant lies in [from, to). */
  async within(scope: Scope, f: CountFilter, column: 'dm.reported_at' | 'dm.assigned_at', from: string, to: string): Promise<number> {
    const r = await this.members(scope, f).where(column, '>=', from).where(column, '<', to)
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async teams(scope: Scope, nodePath?: string): Promise<{ teams: number; members: number }> {
    let q = this.ex.selectFrom('assault_teams as t').where((eb) => teamScope(this.ex, eb, scope));
    if (nodePath) q = q.where('t.node_id', 'in', nodeIdsIn(this.ex, nodePath));
    const teams = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const members = await this.ex.selectFrom('assault_team_members as m').where('m.team_id', 'in', q.select('t.id'))
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { teams: Number(teams.n), members: Number(members.n) };
  }

  async pledges(scope: Scope, nodePath: string | undefined, day: string): Promise<{ pledges: number; fulfilmentsToday: number }> {
    let q = this.ex.selectFrom('pledges as pl').where((eb) => pledgeScope(this.ex, eb, scope));
    if (nodePath) q = q.where('pl.node_id', 'in', nodeIdsIn(this.ex, nodePath));
    const pledges = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const today = await this.ex.selectFrom('pledge_fulfilments as f').where('f.pledge_id', 'in', q.select('pl.id')).where('f.done_on', '=', day)
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { pledges: Number(pledges.n), fulfilmentsToday: Number(today.n) };
  }

  async volunteers(scope: Scope, nodePath: string | undefined, from: string, to: string): Promise<{ pending: number; today: number }> {
    let q = this.ex.selectFrom('volunteer_signups as v').where((eb) => signupScope(this.ex, eb, scope));
    if (nodePath) q = q.where('v.node_id', 'in', nodeIdsIn(this.ex, nodePath));
    const r = await q.select([
      sql<number>`sum(case when v.status = 'pending' then 1 else 0 end)`.as('pending'),
      sql<number>`sum(case when v.created_at >= ${from} and v.created_at < ${to} then 1 else 0 end)`.as('today'),
    ]).executeTakeFirstOrThrow();
    return { pending: Number(r.pending ?? 0), today: Number(r.today ?? 0) };
  }
}
