import type { Executor } from '../../platform/db/database.ts';
import type { UnitTable } from '../../platform/db/schema.ts';
import type { Scope } from '../../platform/policy.ts';
import { countWhere, visibleUnitIds } from './org.scope.ts';
import type { UnitKind, UnitView } from './org.schema.ts';

export type UnitRow = UnitTable;
export type UnitViewRow = UnitView & { nodePath: string | null };

/** Every SQL statement about units (机关单位). */
export class UnitsRepository {
  constructor(private readonly ex: Executor) {}

  private scoped(scope: Scope) {
    let q = this.ex.selectFrom('units as u').leftJoin('jurisdiction_nodes as n', 'n.id', 'u.node_id')
      .select(['u.id', 'u.name', 'u.kind', 'u.node_id', 'n.name as node_name', 'n.path as node_path', 'u.created_at', 'u.updated_at']);
    if (scope.kind !== 'all') q = q.where('u.id', 'in', visibleUnitIds(this.ex, scope));
    return q;
  }

  async list(scope: Scope): Promise<UnitViewRow[]> {
    const rows = await this.scoped(scope).orderBy('u.name').orderBy('u.id').execute();
    return rows.map(toView);
  }

  async find(id: string, scope: Scope): Promise<UnitViewRow | undefined> {
    const r = await this.scoped(scope).where('u.id', '=', id).executeTakeFirst();
    return r && toView(r);
  }

  /** Node names by id, for spelling out location paths. */
  async nodeNames(ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  /** By name across all units: names are unique in the whole deployment. */
  async findByName(name: string): Promise<UnitRow | undefined> {
    return this.ex.selectFrom('units').selectAll().where('name', '=', name).executeTakeFirst();
  }

  async insert(row: UnitRow): Promise<void> {
    await this.ex.insertInto('units').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<UnitRow, 'id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('units').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.ex.deleteFrom('units').where('id', '=', id).execute();
  }

  /** Records that point at a unit; a unit with any of them cannot be deleted. */
  async countDependents(id: string): Promise<Record<string, number>> {
    return {
      partyOrgs: await countWhere(this.ex, 'party_orgs', 'unit_id', id),
      people: await countWhere(this.ex, 'people', 'unit_id', id),
      accounts: await countWhere(this.ex, 'accounts', 'unit_id', id),
      dispatchBatches: await countWhere(this.ex, 'dispatch_batches', 'unit_id', id),
      pairings: await countWhere(this.ex, 'unit_pairings', 'unit_id', id),
      teams: await countWhere(this.ex, 'assault_teams', 'unit_id', id),
      dailyReports: await countWhere(this.ex, 'report_submissions', 'unit_id', id),
      reportReminders: await countWhere(this.ex, 'report_reminders', 'unit_id', id),
      declarations: await countWhere(this.ex, 'declaration_campaigns', 'unit_id', id),
    };
  }
}

function toView(r: {
  id: string; name: string; kind: string; node_id: string | null; node_name: string | null; node_path: string | null;
  created_at: string; updated_at: string;
}): UnitViewRow {
  return {
    id: r.id, name: r.name, kind: r.kind as UnitKind, nodeId: r.node_id, nodeName: r.node_name, nodePath: r.node_path,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
