import { sql, type ExpressionBuilder, type SelectQueryBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB, JurisdictionNodeTable } from '../../platform/db/schema.ts';
import type { ResidentEventTable, ResidentNeedTable, ResidentTable } from '../../platform/db/tables/registry.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import type { NeedKind, ResidentStatus } from './registry.schema.ts';

export type ResidentRow = ResidentTable;
export type EventRow = ResidentEventTable;
export type NeedRow = ResidentNeedTable;
export type NodeRow = JurisdictionNodeTable;

export interface ResidentJoinedRow extends ResidentRow {
  household_path: string;
  household_name: string;
}

export interface ResidentSearch {
  limit: number;
  after?: string;
  nodePath?: string;
  statuses?: ResidentStatus[];
  nameLike?: string;
  addressLike?: string;
  idNumberHash?: string;
  phoneHash?: string;
  needKind?: NeedKind;
}

type Joined = DB & { r: ResidentTable; h: JurisdictionNodeTable };

function likePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Path range of a subtree as a WHERE condition on the household alias `h`. */
function inSubtree(eb: ExpressionBuilder<Joined, 'r' | 'h'>, path: string) {
  return eb.and([eb('h.path', '>=', path), eb('h.path', '<', subtreeEnd(path))]);
}

/** Residents of households. Every query joins the household node so the actor's scope is a path range in SQL. */
export class RegistryRepository {
  constructor(private readonly ex: Executor) {}

  private scoped(scope: Scope): SelectQueryBuilder<Joined, 'r' | 'h', object> {
    let q = this.ex.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id');
    // Residents belong to places; a unit-bound account (or one without a node) reaches none of them.
    if (scope.kind === 'subtree') q = q.where((eb) => inSubtree(eb, scope.path));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    return q;
  }

  private joined(scope: Scope) {
    return this.scoped(scope).selectAll('r').select(['h.path as household_path', 'h.name as household_name']);
  }

  /** Keyset page ordered by id; fetches limit + 1 rows so the caller knows whether another page exists. */
  async search(scope: Scope, s: ResidentSearch): Promise<ResidentJoinedRow[]> {
    let q = this.joined(scope).orderBy('r.id').limit(s.limit + 1);
    if (s.after) q = q.where('r.id', '>', s.after);
    if (s.nodePath) { const path = s.nodePath; q = q.where((eb) => inSubtree(eb, path)); }
    if (s.statuses) q = q.where('r.status', 'in', s.statuses);
    if (s.idNumberHash) q = q.where('r.id_number_hash', '=', s.idNumberHash);
    if (s.phoneHash) q = q.where('r.phone_hash', '=', s.phoneHash);
    if (s.nameLike) q = q.where(sql<boolean>`r.name like ${likePattern(s.nameLike)} escape '\\'`);
    if (s.addressLike) {
      const pattern = likePattern(s.addressLike);
      // The household's own name, or the name of any place above it (building, compound…).
      q = q.where((eb) => eb.or([
        sql<boolean>`h.name like ${pattern} escape '\\'`,
        eb.exists(eb.selectFrom('jurisdiction_nodes as a').select('a.id')
          .where(sql<boolean>`a.name like ${pattern} escape '\\'`)
          .whereRef('h.path', '>', 'a.path')
          .where(sql<boolean>`h.path < a.path || '~'`)),
      ]));
    }
    if (s.needKind) {
      const kind = s.needKind;
      q = q.where((eb) => eb.exists(eb.selectFrom('resident_needs as n').select('n.kind')
        .whereRef('n.resident_id', '=', 'r.id').where('n.kind', '=', kind)));
    }
    return q.execute();
  }

  async find(id: string, scope: Scope): Promise<ResidentJoinedRow | undefined> {
    return this.joined(scope).where('r.id', '=', id).executeTakeFirst();
  }

  async findRaw(id: string): Promise<ResidentRow | undefined> {
    return this.ex.selectFrom('residents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** An active resident holding this document number, anywhere: one person is registered once. */
  async findActiveByIdNumberHash(hash: string): Promise<ResidentRow | undefined> {
    return this.ex.selectFrom('residents').selectAll().where('id_number_hash', '=', hash).where('status', '=', 'active').executeTakeFirst();
  }

  async residentsOfHousehold(householdId: string, statuses: ResidentStatus[] | null): Promise<ResidentJoinedRow[]> {
    let q = this.ex.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .selectAll('r').select(['h.path as household_path', 'h.name as household_name'])
      .where('r.household_id', '=', householdId).orderBy('r.id');
    if (statuses) q = q.where('r.status', 'in', statuses);
    return q.execute();
  }

  async insert(row: ResidentRow): Promise<void> {
    await this.ex.insertInto('residents').values(row).execute();
  }

  async update(id: string, patch: Partial<ResidentRow>): Promise<void> {
    await this.ex.updateTable('residents').set(patch).where('id', '=', id).execute();
  }

  async needsOf(ids: string[]): Promise<Map<string, NeedRow[]>> {
    const map = new Map<string, NeedRow[]>();
    if (ids.length === 0) return map;
    const rows = await this.ex.selectFrom('resident_needs').selectAll().where('resident_id', 'in', ids).orderBy('resident_id').orderBy('kind').execute();
    for (const r of rows) map.set(r.resident_id, [...(map.get(r.resident_id) ?? []), r]);
    return map;
  }

  async replaceNeeds(residentId: string, needs: Array<{ kind: string; note: string | null }>): Promise<void> {
    await this.ex.deleteFrom('resident_needs').where('resident_id', '=', residentId).execute();
    if (needs.length > 0) {
      await this.ex.insertInto('resident_needs').values(needs.map((n) => ({ resident_id: residentId, kind: n.kind, note: n.note }))).execute();
    }
  }

  async insertEvent(row: EventRow): Promise<void> {
    await this.ex.insertInto('resident_events').values(row).execute();
  }

  async findEvent(id: string): Promise<EventRow | undefined> {
    return this.ex.selectFrom('resident_events').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async eventsOf(residentId: string): Promise<EventRow[]> {
    return this.ex.selectFrom('resident_events').selectAll().where('resident_id', '=', residentId).orderBy('id').execute();
  }

  /** A node the scope reaches, or undefined: out of scope reads as not found. */
  async findNode(id: string, scope: Scope): Promise<NodeRow | undefined> {
    if (scope.kind !== 'all' && scope.kind !== 'subtree') return undefined;
    let q = this.ex.selectFrom('jurisdiction_nodes').selectAll().where('id', '=', id);
    if (scope.kind === 'subtree') q = q.where('path', '>=', scope.path).where('path', '<', subtreeEnd(scope.path));
    return q.executeTakeFirst();
  }

  async nodeNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async nodePaths(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'path']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.path]));
  }

  /** Active residents with at least one special need in a subtree, with their needs; at most `cap` rows. */
  async specialNeeds(path: string, kind: NeedKind | undefined, cap: number): Promise<ResidentJoinedRow[]> {
    const q = this.ex.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .selectAll('r').select(['h.path as household_path', 'h.name as household_name'])
      .where((eb) => inSubtree(eb, path))
      .where('r.status', '=', 'active')
      .where((eb) => eb.exists(eb.selectFrom('resident_needs as n').select('n.kind').whereRef('n.resident_id', '=', 'r.id')
        .$if(!!kind, (sq) => sq.where('n.kind', '=', kind!))))
      .orderBy('h.path').orderBy('r.id').limit(cap + 1);
    return q.execute();
  }

  /** The node's children with resident counts of their subtrees (all residents, active ones, active with needs). */
  async childCounts(node: NodeRow): Promise<Array<{ id: string; name: string; level_code: string; path: string; residents: number; active: number; special_needs: number }>> {
    const rows = await this.ex.selectFrom('jurisdiction_nodes as c')
      .leftJoin('jurisdiction_nodes as h', (j) => j.on(sql<boolean>`h.path >= c.path and h.path < c.path || '~'`))
      .leftJoin('residents as r', 'r.household_id', 'h.id')
      .select(['c.id', 'c.name', 'c.level_code', 'c.path'])
      .select((eb) => [
        eb.fn.count<number>('r.id').as('residents'),
        sql<number>`sum(case when r.status = 'active' then 1 else 0 end)`.as('active'),
        sql<number>`sum(case when r.status = 'active' and exists (select 1 from resident_needs n where n.resident_id = r.id) then 1 else 0 end)`.as('special_needs'),
      ])
      .where((eb) => eb.or([eb('c.parent_id', '=', node.id), eb('c.id', '=', node.id)]))
      .groupBy(['c.id', 'c.name', 'c.level_code', 'c.path'])
      .orderBy('c.path')
      .execute();
    return rows.map((r) => ({ ...r, residents: Number(r.residents ?? 0), active: Number(r.active ?? 0), special_needs: Number(r.special_needs ?? 0) }));
  }
}
