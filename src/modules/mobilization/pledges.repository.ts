import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { PledgeFulfilmentTable, PledgeTable } from '../../platform/db/tables/mobilization.ts';
import type { Scope } from '../../platform/policy.ts';
import { never, nodeIdsIn } from './reach.repository.ts';
import type { FulfilmentView, PledgeCounts, PledgeView } from './teams.schema.ts';

export type PledgeRow = PledgeTable;
export type PledgeViewRow = Omit<PledgeView, 'fulfilments'> & { nodePath: string };

type PledgeEb = ExpressionBuilder<DB & { pl: PledgeTable }, 'pl'>;

/** Pledges made for places in the subtree; a liaison: pledges of its unit's people wherever they serve. */
export function pledgeScope(ex: Executor, eb: PledgeEb, scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind === 'unit') return eb('pl.person_id', 'in', ex.selectFrom('people as up').select('up.id').where('up.unit_id', '=', scope.unitId));
  if (scope.kind === 'none') return never;
  return eb('pl.node_id', 'in', nodeIdsIn(ex, scope.path));
}

export interface PledgeFilter {
  personId?: string;
  teamId?: string;
  nodePath?: string;
}

/** Every SQL statement about pledges (亮承诺) and their fulfilment entries (践诺). */
export class PledgesRepository {
  constructor(private readonly ex: Executor) {}

  private filtered(scope: Scope, f: PledgeFilter) {
    let q = this.ex.selectFrom('pledges as pl').where((eb) => pledgeScope(this.ex, eb, scope));
    if (f.personId) q = q.where('pl.person_id', '=', f.personId);
    if (f.teamId) q = q.where('pl.team_id', '=', f.teamId);
    if (f.nodePath) q = q.where('pl.node_id', 'in', nodeIdsIn(this.ex, f.nodePath));
    return q;
  }

  private joined(scope: Scope, f: PledgeFilter) {
    return this.filtered(scope, f)
      .innerJoin('people as p', 'p.id', 'pl.person_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'pl.node_id')
      .leftJoin('units as u', 'u.id', 'p.unit_id')
      .leftJoin('assault_teams as t', 't.id', 'pl.team_id')
      .selectAll('pl')
      .select(['p.name as person_name', 'p.political_status', 'u.name as unit_name', 'n.name as node_name', 'n.path as node_path', 't.name as team_name']);
  }

  /** Newest first (ids sort by creation). */
  async list(scope: Scope, f: PledgeFilter & { after?: string; limit: number }): Promise<PledgeViewRow[]> {
    let q = this.joined(scope, f).orderBy('pl.id', 'desc').limit(f.limit + 1);
    if (f.after) q = q.where('pl.id', '<', f.after);
    return (await q.execute()).map(toView);
  }

  async find(id: string, scope: Scope): Promise<PledgeViewRow | undefined> {
    const r = await this.joined(scope, {}).where('pl.id', '=', id).executeTakeFirst();
    return r && toView(r);
  }

  async findRaw(id: string): Promise<PledgeRow | undefined> {
    return this.ex.selectFrom('pledges').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async counts(scope: Scope, f: PledgeFilter): Promise<PledgeCounts> {
    const r = await this.filtered(scope, f)
      .select((eb) => [eb.fn.countAll<number>().as('pledges'), sql<number>`count(distinct pl.person_id)`.as('people')])
      .executeTakeFirstOrThrow();
    const ids = this.filtered(scope, f).select('pl.id');
    const done = await this.ex.selectFrom('pledge_fulfilments as f')
      .select((eb) => [eb.fn.countAll<number>().as('fulfilments'), sql<number>`count(distinct f.pledge_id)`.as('fulfilled')])
      .where('f.pledge_id', 'in', ids)
      .executeTakeFirstOrThrow();
    return { pledges: Number(r.pledges), people: Number(r.people), fulfilled: Number(done.fulfilled), fulfilments: Number(done.fulfilments) };
  }

  async insert(row: PledgeRow): Promise<void> {
    await this.ex.insertInto('pledges').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<PledgeRow, 'id' | 'person_id' | 'created_at' | 'created_by'>>): Promise<void> {
    await this.ex.updateTable('pledges').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.ex.deleteFrom('pledge_fulfilments').where('pledge_id', '=', id).execute();
    await this.ex.deleteFrom('pledges').where('id', '=', id).execute();
  }

  /** Fulfilment entries of some pledges, newest first, by pledge. */
  async fulfilments(pledgeIds: string[]): Promise<Map<string, FulfilmentView[]>> {
    const out = new Map<string, FulfilmentView[]>();
    if (pledgeIds.length === 0) return out;
    const rows = await this.ex.selectFrom('pledge_fulfilments').selectAll().where('pledge_id', 'in', pledgeIds)
      .orderBy('done_on', 'desc').orderBy('id', 'desc').execute();
    for (const r of rows) {
      const list = out.get(r.pledge_id) ?? [];
      list.push(fulfilmentView(r));
      out.set(r.pledge_id, list);
    }
    return out;
  }

  async findFulfilment(id: string): Promise<PledgeFulfilmentTable | undefined> {
    return this.ex.selectFrom('pledge_fulfilments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insertFulfilment(row: PledgeFulfilmentTable): Promise<void> {
    await this.ex.insertInto('pledge_fulfilments').values(row).execute();
  }

  async deleteFulfilment(id: string): Promise<void> {
    await this.ex.deleteFrom('pledge_fulfilments').where('id', '=', id).execute();
  }
}

export function fulfilmentView(r: PledgeFulfilmentTable): FulfilmentView {
  return { id: r.id, pledgeId: r.pledge_id, doneOn: r.done_on, note: r.note, createdAt: r.created_at };
}

type PledgeQueryRow = PledgeRow & {
  person_name: string; political_status: string; unit_name: string | null; node_name: string; node_path: string; team_name: string | null;
};

function toView(r: PledgeQueryRow): PledgeViewRow {
  return {
    id: r.id, personId: r.person_id, personName: r.person_name, politicalStatus: r.political_status, unitName: r.unit_name,
    nodeId: r.node_id, nodeName: r.node_name, nodePath: r.node_path, teamId: r.team_id, teamName: r.team_name,
    content: r.content, pledgedOn: r.pledged_on, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
