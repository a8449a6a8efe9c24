import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DeclarationCampaignTable, DeclarationEntryTable, DeclarationHistoryTable } from '../../platform/db/tables/declarations.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';

export type CampaignRow = DeclarationCampaignTable;
export type EntryRow = DeclarationEntryTable;
export type HistoryRow = DeclarationHistoryTable;
export interface CampaignJoinedRow extends CampaignRow { unit_name: string }
export interface EntryJoinedRow extends EntryRow { name: string; phone_enc: string | null }
export interface CountRow { campaign_id: string; staff: number; declared: number; flagged: number }

/**
 * Campaigns, entries and history. The scope is SQL: a unit account reaches its unit's campaigns; an account of a
 * place reaches the campaigns of units standing in its subtree (units.node_id); 'all' reaches every one.
 */
export class DeclarationsRepository {
  constructor(private readonly ex: Executor) {}

  private campaigns(scope: Scope) {
    let q = this.ex.selectFrom('declaration_campaigns as c').innerJoin('units as u', 'u.id', 'c.unit_id')
      .leftJoin('jurisdiction_nodes as n', 'n.id', 'u.node_id');
    if (scope.kind === 'unit') q = q.where('c.unit_id', '=', scope.unitId);
    else if (scope.kind === 'subtree') q = q.where('n.path', '>=', scope.path).where('n.path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    return q.selectAll('c').select('u.name as unit_name');
  }

  async listCampaigns(scope: Scope, unitId?: string): Promise<CampaignJoinedRow[]> {
    let q = this.campaigns(scope).orderBy('c.starts_on', 'desc').orderBy('c.id', 'desc').limit(500);
    if (unitId) q = q.where('c.unit_id', '=', unitId);
    return q.execute();
  }

  async findCampaign(id: string, scope: Scope): Promise<CampaignJoinedRow | undefined> {
    return this.campaigns(scope).where('c.id', '=', id).executeTakeFirst();
  }

  async findCampaignRaw(id: string): Promise<CampaignRow | undefined> {
    return this.ex.selectFrom('declaration_campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findUnit(id: string, scope: Scope): Promise<{ id: string; name: string } | undefined> {
    let q = this.ex.selectFrom('units as u').leftJoin('jurisdiction_nodes as n', 'n.id', 'u.node_id').select(['u.id', 'u.name']).where('u.id', '=', id);
    if (scope.kind === 'unit') q = q.where('u.id', '=', scope.unitId);
    else if (scope.kind === 'subtree') q = q.where('n.path', '>=', scope.path).where('n.path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    return q.executeTakeFirst();
  }

  async insertCampaign(row: CampaignRow): Promise<void> {
    await this.ex.insertInto('declaration_campaigns').values(row).execute();
  }

  async updateCampaign(id: string, patch: Partial<CampaignRow>): Promise<void> {
    await this.ex.updateTable('declaration_campaigns').set(patch).where('id', '=', id).execute();
  }

  /** People of the unit without an entry in the campaign yet (the staff at opening, or joined since). */
  async staffWithoutEntry(campaignId: string, unitId: string): Promise<string[]> {
    const rows = await this.ex.selectFrom('people as p').select('p.id').where('p.unit_id', '=', unitId)
      .where((eb) => eb.not(eb.exists(eb.selectFrom('declaration_entries as e').select('e.id')
        .where('e.campaign_id', '=', campaignId).whereRef('e.person_id', '=', 'p.id'))))
      .orderBy('p.id').execute();
    return rows.map((r) => r.id);
  }

  async insertEntry(row: EntryRow): Promise<void> {
    await this.ex.insertInto('declaration_entries').values(row).execute();
  }

  async counts(campaignIds: string[]): Promise<Map<string, CountRow>> {
    if (campaignIds.length === 0) return new Map();
    const rows = await this.ex.selectFrom('declaration_entries').select('campaign_id')
      .select((eb) => [
        eb.fn.countAll<number>().as('staff'),
        eb.fn.count<number>('declared_at').as('declared'),
        eb.fn.sum<number>('flagged').as('flagged'),
      ])
      .where('campaign_id', 'in', campaignIds).groupBy('campaign_id').execute();
    return new Map(rows.map((r) => [r.campaign_id, { campaign_id: r.campaign_id, staff: Number(r.staff), declared: Number(r.declared), flagged: Number(r.flagged ?? 0) }]));
  }

  async entries(campaignId: string, filter: 'all' | 'declared' | 'not_declared' | 'flagged'): Promise<EntryJoinedRow[]> {
    let q = this.ex.selectFrom('declaration_entries as e').innerJoin('people as p', 'p.id', 'e.person_id')
      .selectAll('e').select(['p.name', 'p.phone_enc']).where('e.campaign_id', '=', campaignId).orderBy('p.name').orderBy('e.id');
    if (filter === 'declared') q = q.where('e.declared_at', 'is not', null);
    if (filter === 'not_declared') q = q.where('e.declared_at', 'is', null);
    if (filter === 'flagged') q = q.where('e.flagged', '=', 1);
    return q.execute();
  }

  /** An entry through the scope of its campaign. */
  async findEntry(id: string, scope: Scope): Promise<EntryJoinedRow | undefined> {
    let q = this.ex.selectFrom('declaration_entries as e').innerJoin('people as p', 'p.id', 'e.person_id')
      .innerJoin('units as u', 'u.id', 'e.unit_id').leftJoin('jurisdiction_nodes as n', 'n.id', 'u.node_id')
      .selectAll('e').select(['p.name', 'p.phone_enc']).where('e.id', '=', id);
    if (scope.kind === 'unit') q = q.where('e.unit_id', '=', scope.unitId);
    else if (scope.kind === 'subtree') q = q.where('n.path', '>=', scope.path).where('n.path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') q = q.where(sql<boolean>`1 = 0`);
    return q.executeTakeFirst();
  }

  async findEntryByTokenHash(hash: string): Promise<EntryJoinedRow | undefined> {
    return this.ex.selectFrom('declaration_entries as e').innerJoin('people as p', 'p.id', 'e.person_id')
      .selectAll('e').select(['p.name', 'p.phone_enc']).where('e.token_hash', '=', hash).executeTakeFirst();
  }

  async updateEntry(id: string, patch: Partial<EntryRow>): Promise<void> {
    await this.ex.updateTable('declaration_entries').set(patch).where('id', '=', id).execute();
  }

  async insertHistory(row: HistoryRow): Promise<void> {
    await this.ex.insertInto('declaration_history').values(row).execute();
  }

  async history(entryId: string): Promise<HistoryRow[]> {
    return this.ex.selectFrom('declaration_history').selectAll().where('entry_id', '=', entryId).orderBy('version').execute();
  }

  /** Accounts linked to these people (a reminder goes to their in-app list). */
  async accountsOf(personIds: string[]): Promise<Map<string, string>> {
    if (personIds.length === 0) return new Map();
    const rows = await this.ex.selectFrom('accounts').select(['id', 'person_id']).where('person_id', 'in', personIds).where('active', '=', 1).execute();
    return new Map(rows.filter((r) => r.person_id).map((r) => [r.person_id!, r.id]));
  }
}
