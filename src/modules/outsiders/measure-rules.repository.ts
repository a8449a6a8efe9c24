import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { MeasureRuleVersionTable, RegionRiskTable } from '../../platform/db/tables/outsiders.ts';

export type RuleVersionRow = MeasureRuleVersionTable;
export type RegionRiskRow = RegionRiskTable;

function likePattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** SQL of the measures rule set and the region risk list: data of the whole deployment, not of a place. */
export class MeasureRulesRepository {
  constructor(private readonly ex: Executor) {}

  async versions(): Promise<RuleVersionRow[]> {
    return this.ex.selectFrom('measure_rule_versions').selectAll().orderBy('effective_from', 'desc').execute();
  }

  async version(id: string): Promise<RuleVersionRow | undefined> {
    return this.ex.selectFrom('measure_rule_versions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The version in force on `day`: the latest effective on or before it. */
  async inForce(day: string): Promise<RuleVersionRow | undefined> {
    return this.ex.selectFrom('measure_rule_versions').selectAll().where('effective_from', '<=', day)
      .orderBy('effective_from', 'desc').limit(1).executeTakeFirst();
  }

  async byEffectiveFrom(day: string): Promise<RuleVersionRow | undefined> {
    return this.ex.selectFrom('measure_rule_versions').selectAll().where('effective_from', '=', day).executeTakeFirst();
  }

  async insertVersion(row: RuleVersionRow): Promise<void> {
    await this.ex.insertInto('measure_rule_versions').values(row).execute();
  }

  async updateVersion(id: string, patch: Partial<RuleVersionRow>): Promise<void> {
    await this.ex.updateTable('measure_rule_versions').set(patch).where('id', '=', id).execute();
  }

  async deleteVersion(id: string): Promise<void> {
    await this.ex.deleteFrom('measure_rule_versions').where('id', '=', id).execute();
  }

  async regionRisks(q: { q?: string; date?: string }): Promise<RegionRiskRow[]> {
    let query = this.ex.selectFrom('region_risks').selectAll().orderBy('region').orderBy('since', 'desc').limit(500);
    if (q.q) query = query.where(sql<boolean>`region like ${likePattern(q.q)} escape '\\'`);
    if (q.date) {
      const day = q.date;
      query = query.where('since', '<=', day).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', day)]));
    }
    return query.execute();
  }

  async regionRisk(id: string): Promise<RegionRiskRow | undefined> {
    return this.ex.selectFrom('region_risks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The level of exactly this region on `day` (the latest period covering it). */
  async regionLevelOn(region: string, day: string): Promise<string | undefined> {
    const r = await this.ex.selectFrom('region_risks').select('risk_level').where('region', '=', region)
      .where('since', '<=', day).where((eb) => eb.or([eb('until', 'is', null), eb('until', '>=', day)]))
      .orderBy('since', 'desc').limit(1).executeTakeFirst();
    return r?.risk_level;
  }

  async insertRegionRisk(row: RegionRiskRow): Promise<void> {
    await this.ex.insertInto('region_risks').values(row).execute();
  }

  async updateRegionRisk(id: string, patch: Partial<RegionRiskRow>): Promise<void> {
    await this.ex.updateTable('region_risks').set(patch).where('id', '=', id).execute();
  }

  async deleteRegionRisk(id: string): Promise<void> {
    await this.ex.deleteFrom('region_risks').where('id', '=', id).execute();
  }

  async versionUsed(id: string): Promise<boolean> {
    const r = await this.ex.selectFrom('arrivals').select('id').where('rule_version_id', '=', id).limit(1).executeTakeFirst();
    return !!r;
  }
}
