import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { DispatchBatchTable, DispatchMemberTable } from '../../platform/db/tables/mobilization.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import type { DispatchFigures } from './mobilization.schema.ts';
import { never, nodeIdsIn, unitIdsIn } from './reach.repository.ts';

export type BatchRow = DispatchBatchTable;
export type MemberRow = DispatchMemberTable;

export interface BatchJoinedRow extends BatchRow {
  unit_name: string;
  node_name: string;
  node_path: string;
  n_dispatched: number | string | null;
  n_reported: number | string | null;
  n_assigned: number | string | null;
}

export interface MemberJoinedRow extends MemberRow {
  batch_name: string;
  batch_no: string | null;
  starts_on: string;
  ends_on: string | null;
  person_name: string;
  political_status: string;
  phone_enc: string | null;
  unit_name: string;
  node_name: string;
  node_path: string;
  reported_node_name: string | null;
  reported_node_path: string | null;
  assignment_name: string | null;
}

type MemberEb = ExpressionBuilder<DB & { dm: DispatchMemberTable }, 'dm'>;
type BatchEb = ExpressionBuilder<DB & { b: DispatchBatchTable }, 'b'>;

/**
 * Which dispatched people an actor sees: the receiving side (sent into, or reported in at, its subtree), the
 * sending side (people of units located in its subtree; a liaison: its unit's people).
 */
export function memberReadScope(ex: Executor, eb: MemberEb, scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind === 'unit') return eb('dm.unit_id', '=', scope.unitId);
  if (scope.kind === 'none') return never;
  return eb.or([
    eb('dm.node_id', 'in', nodeIdsIn(ex, scope.path)),
    eb('dm.reported_node_id', 'in', nodeIdsIn(ex, scope.path)),
    eb('dm.unit_id', 'in', unitIdsIn(ex, scope.path)),
  ]);
}

/** The receiving side only: a community confirms and assigns the people sent into (or reporting in at) it. */
export function memberReceiveScope(ex: Executor, eb: MemberEb, scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind !== 'subtree') return never;
  return eb.or([eb('dm.node_id', 'in', nodeIdsIn(ex, scope.path)), eb('dm.reported_node_id', 'in', nodeIdsIn(ex, scope.path))]);
}

/** Batches seen by both sides; `send` limits to the sending side (who may change a batch). */
function batchScope(ex: Executor, eb: BatchEb, scope: Scope, send: boolean): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind === 'unit') return eb('b.unit_id', '=', scope.unitId);
  if (scope.kind === 'none') return never;
  const sender = eb('b.unit_id', 'in', unitIdsIn(ex, scope.path));
  return send ? sender : eb.or([sender, eb('b.node_id', 'in', nodeIdsIn(ex, scope.path))]);
}

export function figuresOf(r: { n_dispatched: unknown; n_reported: unknown; n_assigned: unknown }): DispatchFigures {
  return { dispatched: Number(r.n_dispatched ?? 0), reportedIn: Number(r.n_reported ?? 0), assigned: Number(r.n_assigned ?? 0) };
}

export interface MemberFilter {
  nodePath?: string;
  batchId?: string;
  unitId?: string;
  status?: 'expected' | 'reported' | 'assigned';
  after?: string;
  limit?: number;
}

/** Every SQL statement about dispatch batches and the people in them. */
export class DispatchRepository {
  constructor(private readonly ex: Executor) {}

  private batchQuery() {
    return this.ex.selectFrom('dispatch_batches as b')
      .innerJoin('units as u', 'u.id', 'b.unit_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'b.node_id')
      .selectAll('b')
      .select(['u.name as unit_name', 'n.name as node_name', 'n.path as node_path'])
      .select((eb) => [
        eb.selectFrom('dispatch_members as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.batch_id', '=', 'b.id').as('n_dispatched'),
        eb.selectFrom('dispatch_members as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.batch_id', '=', 'b.id')
          .where('c.reported_at', 'is not', null).as('n_reported'),
        eb.selectFrom('dispatch_members as c').select((e) => e.fn.countAll<number>().as('n')).whereRef('c.batch_id', '=', 'b.id')
          .where('c.assignment_kind', 'is not', null).as('n_assigned'),
      ]);
  }

  async listBatches(scope: Scope, f: { unitId?: string; nodePath?: string; after?: string; limit: number }): Promise<BatchJoinedRow[]> {
    let q = this.batchQuery().where((eb) => batchScope(this.ex, eb, scope, false)).orderBy('b.id', 'desc').limit(f.limit + 1);
    if (f.after) q = q.where('b.id', '<', f.after);
    if (f.unitId) q = q.where('b.unit_id', '=', f.unitId);
    if (f.nodePath) q = q.where('b.node_id', 'in', nodeIdsIn(this.ex, f.nodePath));
    return q.execute();
  }

  async findBatch(id: string, scope: Scope, send = false): Promise<BatchJoinedRow | undefined> {
    return this.batchQuery().where('b.id', '=', id).where((eb) => batchScope(this.ex, eb, scope, send)).executeTakeFirst();
  }

  async insertBatch(row: BatchRow): Promise<void> {
    await this.ex.insertInto('dispatch_batches').values(row).execute();
  }

  async updateBatch(id: string, patch: Partial<Omit<BatchRow, 'id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('dispatch_batches').set(patch).where('id', '=', id).execute();
  }

  async deleteBatch(id: string): Promise<void> {
    await this.ex.deleteFrom('dispatch_members').where('batch_id', '=', id).execute();
    await this.ex.deleteFrom('dispatch_batches').where('id', '=', id).execute();
  }

  private memberQuery() {
    return this.ex.selectFrom('dispatch_members as dm')
      .innerJoin('dispatch_batches as b', 'b.id', 'dm.batch_id')
      .innerJoin('people as p', 'p.id', 'dm.person_id')
      .innerJoin('units as u', 'u.id', 'dm.unit_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'dm.node_id')
      .leftJoin('jurisdiction_nodes as rpn', 'rpn.id', 'dm.reported_node_id')
      .leftJoin('assault_teams as at', (j) => j.onRef('at.id', '=', 'dm.assignment_id').on('dm.assignment_kind', '=', 'team'))
      .leftJoin('vanguard_posts as vp', (j) => j.onRef('vp.id', '=', 'dm.assignment_id').on('dm.assignment_kind', '=', 'post'))
      .leftJoin('responsibility_areas as ra', (j) => j.onRef('ra.id', '=', 'dm.assignment_id').on('dm.assignment_kind', '=', 'area'))
      .selectAll('dm')
      .select([
        'b.name as batch_name', 'b.batch_no', 'b.starts_on', 'b.ends_on', 'p.name as person_name', 'p.political_status',
        'p.phone_enc', 'u.name as unit_name', 'n.name as node_name', 'n.path as node_path', 'rpn.name as reported_node_name',
        'rpn.path as reported_node_path',
      ])
      .select((eb) => eb.fn.coalesce('at.name', 'vp.name', 'ra.name').as('assignment_name'));
  }

  async listMembers(scope: Scope, f: MemberFilter, receiveOnly = false): Promise<MemberJoinedRow[]> {
    let q = this.memberQuery()
      .where((eb) => (receiveOnly ? memberReceiveScope(this.ex, eb, scope) : memberReadScope(this.ex, eb, scope)))
      .orderBy('dm.id', 'desc');
    if (f.limit) q = q.limit(f.limit + 1);
    if (f.after) q = q.where('dm.id', '<', f.after);
    if (f.batchId) q = q.where('dm.batch_id', '=', f.batchId);
    if (f.unitId) q = q.where('dm.unit_id', '=', f.unitId);
    if (f.nodePath) {
      const path = f.nodePath;
      q = q.where((eb) => eb.or([eb('dm.node_id', 'in', nodeIdsIn(this.ex, path)), eb('dm.reported_node_id', 'in', nodeIdsIn(this.ex, path))]));
    }
    if (f.status === 'expected') q = q.where('dm.reported_at', 'is', null);
    if (f.status === 'reported') q = q.where('dm.reported_at', 'is not', null).where('dm.assignment_kind', 'is', null);
    if (f.status === 'assigned') q = q.where('dm.assignment_kind', 'is not', null);
    return q.execute();
  }

  /** A unit's dispatched people whose place (where they reported in, else where they were sent) is in a subtree. */
  async unitMembersIn(unitId: string, nodePath: string, limit: number): Promise<MemberJoinedRow[]> {
    return this.memberQuery()
      .where('dm.unit_id', '=', unitId)
      .where(sql<SqlBool>`coalesce(rpn.path, n.path) >= ${nodePath} and coalesce(rpn.path, n.path) < ${subtreeEnd(nodePath)}`)
      .orderBy('dm.id', 'desc').limit(limit)
      .execute();
  }

  /** Members of one batch, in the order they were added. */
  async batchMembers(batchId: string): Promise<MemberJoinedRow[]> {
    return this.memberQuery().where('dm.batch_id', '=', batchId).orderBy('dm.id').execute();
  }

  async findMember(id: string, scope: Scope, receiveOnly: boolean): Promise<MemberJoinedRow | undefined> {
    return this.memberQuery().where('dm.id', '=', id)
      .where((eb) => (receiveOnly ? memberReceiveScope(this.ex, eb, scope) : memberReadScope(this.ex, eb, scope)))
      .executeTakeFirst();
  }

  async memberPersonIds(batchId: string): Promise<Set<string>> {
    const rows = await this.ex.selectFrom('dispatch_members').select('person_id').where('batch_id', '=', batchId).execute();
    return new Set(rows.map((r) => r.person_id));
  }

  async findMemberByPerson(batchId: string, personId: string): Promise<MemberRow | undefined> {
    return this.ex.selectFrom('dispatch_members').selectAll().where('batch_id', '=', batchId).where('person_id', '=', personId).executeTakeFirst();
  }

  async insertMembers(rows: MemberRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.ex.insertInto('dispatch_members').values(rows).execute();
  }

  async deleteMember(id: string): Promise<void> {
    await this.ex.deleteFrom('dispatch_members').where('id', '=', id).execute();
  }

  async updateMember(id: string, patch: Partial<Omit<MemberRow, 'id' | 'batch_id' | 'person_id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('dispatch_members').set(patch).where('id', '=', id).execute();
  }

  /**
   * Members a report-in at a place can match: people with this phone's blind index sent to the place itself,
   * to a place above it (a street sends them on to its communities) or below it, in a batch not yet ended.
   */
  async reportInCandidates(phoneHash: string, placeAndAncestors: string[], placePath: string, today: string) {
    return this.ex.selectFrom('dispatch_members as dm')
      .innerJoin('dispatch_batches as b', 'b.id', 'dm.batch_id')
      .innerJoin('people as p', 'p.id', 'dm.person_id')
      .select(['dm.id', 'dm.reported_at', 'dm.person_id', 'p.name as person_name'])
      .where('p.phone_hash', '=', phoneHash)
      .where((eb) => eb.or([eb('dm.node_id', 'in', placeAndAncestors), eb('dm.node_id', 'in', nodeIdsIn(this.ex, placePath))]))
      .where((eb) => eb.or([eb('b.ends_on', 'is', null), eb('b.ends_on', '>=', today)]))
      .orderBy('dm.id')
      .execute();
  }
}
