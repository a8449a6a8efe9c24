// SQL of the resident import: the places of the chosen subtree, households by parent, residents matched by
// natural key, and multi-row inserts (chunked under both dialects' bound-parameter limits).
import type { Executor } from '../../platform/db/database.ts';
import type { JurisdictionNodeTable } from '../../platform/db/schema.ts';
import { subtreeEnd } from '../../platform/policy.ts';
import type { ResidentEventTable, ResidentNeedTable, ResidentTable } from '../../platform/db/tables/registry.ts';

export type PlaceRow = Pick<JurisdictionNodeTable, 'id' | 'parent_id' | 'level_code' | 'name' | 'path'>;

/** SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535: stay well under both. */
const MAX_PARAMS = 30_000;

function chunks<T>(rows: T[], columns: number): T[][] {
  const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

export class ResidentImportRepository {
  constructor(private readonly ex: Executor) {}

  /** Compounds, buildings and entrances of a subtree (a few thousand rows even for a whole street). */
  async places(path: string): Promise<PlaceRow[]> {
    return this.ex.selectFrom('jurisdiction_nodes').select(['id', 'parent_id', 'level_code', 'name', 'path'])
      .where('path', '>=', path).where('path', '<', subtreeEnd(path))
      .where('level_code', 'in', ['compound', 'building', 'entrance'])
      .execute();
  }

  /** Names and levels of places, for the export's 小区/楼栋/单元/门牌号 columns. */
  async placesById(ids: string[]): Promise<Map<string, { name: string; level: string }>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name', 'level_code']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, { name: r.name, level: r.level_code }]));
  }

  async householdsUnder(parentIds: string[]): Promise<PlaceRow[]> {
    if (parentIds.length === 0) return [];
    return this.ex.selectFrom('jurisdiction_nodes').select(['id', 'parent_id', 'level_code', 'name', 'path'])
      .where('parent_id', 'in', parentIds).where('level_code', '=', 'household').execute();
  }

  async insertNodes(rows: JurisdictionNodeTable[]): Promise<void> {
    for (const part of chunks(rows, 9)) await this.ex.insertInto('jurisdiction_nodes').values(part).execute();
  }

  /** Active residents holding one of these document numbers (one active record per number). */
  async activeByIdHash(hashes: string[]): Promise<ResidentTable[]> {
    if (hashes.length === 0) return [];
    return this.ex.selectFrom('residents').selectAll().where('id_number_hash', 'in', hashes).where('status', '=', 'active').execute();
  }

  /** Active residents without a document number in these households (matched by name and birth date). */
  async activeWithoutIdIn(householdIds: string[]): Promise<ResidentTable[]> {
    if (householdIds.length === 0) return [];
    return this.ex.selectFrom('residents').selectAll().where('household_id', 'in', householdIds)
      .where('id_number_hash', 'is', null).where('status', '=', 'active').execute();
  }

  async needsOf(ids: string[]): Promise<ResidentNeedTable[]> {
    if (ids.length === 0) return [];
    return this.ex.selectFrom('resident_needs').selectAll().where('resident_id', 'in', ids).execute();
  }

  async insertResidents(rows: ResidentTable[]): Promise<void> {
    for (const part of chunks(rows, 20)) await this.ex.insertInto('residents').values(part).execute();
  }

  async insertNeeds(rows: ResidentNeedTable[]): Promise<void> {
    for (const part of chunks(rows, 3)) await this.ex.insertInto('resident_needs').values(part).execute();
  }

  async deleteNeeds(ids: string[]): Promise<void> {
    if (ids.length > 0) await this.ex.deleteFrom('resident_needs').where('resident_id', 'in', ids).execute();
  }

  async insertEvents(rows: ResidentEventTable[]): Promise<void> {
    for (const part of chunks(rows, 10)) await this.ex.insertInto('resident_events').values(part).execute();
  }

  async updateResident(id: string, patch: Partial<ResidentTable>): Promise<void> {
    await this.ex.updateTable('residents').set(patch).where('id', '=', id).execute();
  }
}
