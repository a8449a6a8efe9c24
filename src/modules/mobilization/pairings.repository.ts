import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { UnitPairingTable } from '../../platform/db/tables/mobilization.ts';
import type { Scope } from '../../platform/policy.ts';
import { figuresOf } from './dispatch.repository.ts';
import type { PairingView } from './dispatch.schema.ts';
import { never, nodeIdsIn, unitIdsIn } from './reach.repository.ts';

export type PairingRow = UnitPairingTable;
export type PairingViewRow = PairingView & { nodePath: string };

type PairingEb = ExpressionBuilder<DB & { pr: UnitPairingTable }, 'pr'>;

/** Both sides of a pair see it: the community's accounts and the unit's (its liaison, managers above it). */
function pairingScope(ex: Executor, eb: PairingEb, scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind === 'unit') return eb('pr.unit_id', '=', scope.unitId);
  if (scope.kind === 'none') return never;
  return eb.or([eb('pr.node_id', 'in', nodeIdsIn(ex, scope.path)), eb('pr.unit_id', 'in', unitIdsIn(ex, scope.path))]);
}

/** Every SQL statement about unit–community pairs (结对共建). */
export class PairingsRepository {
  constructor(private readonly ex: Executor) {}

  private query() {
    // A person counts for the place they reported in at, or else the place they were sent to.
    const inPair = sql<SqlBool>`c.unit_id = pr.unit_id and coalesce(cr.path, cn.path) >= n.path and coalesce(cr.path, cn.path) < n.path || '~'`;
    const count = (extra: ReturnType<typeof sql<SqlBool>> | null) =>
      sql<number>`(select count(*) from dispatch_members c inner join jurisdiction_nodes cn on cn.id = c.node_id
        left join jurisdiction_nodes cr on cr.id = c.reported_node_id where ${inPair}${extra ? sql` and ${extra}` : sql``})`;
    return this.ex.selectFrom('unit_pairings as pr')
      .innerJoin('units as u', 'u.id', 'pr.unit_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'pr.node_id')
      .selectAll('pr')
      .select(['u.name as unit_name', 'n.name as node_name', 'n.path as node_path'])
      .select([
        count(null).as('n_dispatched'),
        count(sql<SqlBool>`c.reported_at is not null`).as('n_reported'),
        count(sql<SqlBool>`c.assignment_kind is not null`).as('n_assigned'),
      ]);
  }

  async list(scope: Scope, f: { unitId?: string; nodePath?: string }): Promise<PairingViewRow[]> {
    let q = this.query().where((eb) => pairingScope(this.ex, eb, scope)).orderBy('u.name').orderBy('n.name').orderBy('pr.id');
    if (f.unitId) q = q.where('pr.unit_id', '=', f.unitId);
    if (f.nodePath) q = q.where('pr.node_id', 'in', nodeIdsIn(this.ex, f.nodePath));
    return (await q.execute()).map(toView);
  }

  async find(id: string, scope: Scope): Promise<PairingViewRow | undefined> {
    const r = await this.query().where('pr.id', '=', id).where((eb) => pairingScope(this.ex, eb, scope)).executeTakeFirst();
    return r && toView(r);
  }

  async findByPair(unitId: string, nodeId: string): Promise<PairingRow | undefined> {
    return this.ex.selectFrom('unit_pairings').selectAll().where('unit_id', '=', unitId).where('node_id', '=', nodeId).executeTakeFirst();
  }

  async findRaw(id: string): Promise<PairingRow | undefined> {
    return this.ex.selectFrom('unit_pairings').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(row: PairingRow): Promise<void> {
    await this.ex.insertInto('unit_pairings').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<PairingRow, 'id' | 'unit_id' | 'node_id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('unit_pairings').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.ex.deleteFrom('unit_pairings').where('id', '=', id).execute();
  }

  /** The unit's people in teams serving in the paired place. */
  async teamMembers(unitId: string, nodePath: string) {
    return this.ex.selectFrom('assault_team_members as m')
      .innerJoin('assault_teams as t', 't.id', 'm.team_id')
      .innerJoin('people as p', 'p.id', 'm.person_id')
      .select(['t.id as teamId', 't.name as teamName', 'p.id as personId', 'p.name as personName', 'm.role'])
      .where('p.unit_id', '=', unitId)
      .where('t.node_id', 'in', nodeIdsIn(this.ex, nodePath))
      .orderBy('t.name').orderBy('p.name')
      .execute();
  }

  /** Pledges of the unit's people made for the paired place, and their fulfilment entries. */
  async pledgeCounts(unitId: string, nodePath: string): Promise<{ pledges: number; fulfilments: number }> {
    const base = this.ex.selectFrom('pledges as pl').innerJoin('people as p', 'p.id', 'pl.person_id')
      .where('p.unit_id', '=', unitId).where('pl.node_id', 'in', nodeIdsIn(this.ex, nodePath));
    const pledges = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const fulfilments = await base.innerJoin('pledge_fulfilments as f', 'f.pledge_id', 'pl.id')
      .select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return { pledges: Number(pledges.n), fulfilments: Number(fulfilments.n) };
  }
}

function toView(r: PairingRow & { unit_name: string; node_name: string; node_path: string; n_dispatched: unknown; n_reported: unknown; n_assigned: unknown }): PairingViewRow {
  return {
    id: r.id, unitId: r.unit_id, unitName: r.unit_name, nodeId: r.node_id, nodeName: r.node_name, nodePath: r.node_path,
    startsOn: r.starts_on, endsOn: r.ends_on, note: r.note, figures: figuresOf(r), createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
