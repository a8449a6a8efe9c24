import type { Executor } from '../../platform/db/database.ts';
import { DEFAULT_DUTY_RULES, DutyRulesInput, type DutyRules } from './duty.schema.ts';

const KEY = 'duty.rules';

/** The global duty rules live in `settings` as JSON; missing or unreadable values fall back to the defaults. */
export class DutyRulesRepository {
  constructor(private readonly ex: Executor) {}

  async load(): Promise<DutyRules> {
    const row = await this.ex.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
    if (!row) return { ...DEFAULT_DUTY_RULES };
    try {
      const parsed = DutyRulesInput.partial().safeParse(JSON.parse(row.value));
      return { ...DEFAULT_DUTY_RULES, ...(parsed.success ? parsed.data : {}) };
    } catch {
      return { ...DEFAULT_DUTY_RULES };
    }
  }

  async save(rules: DutyRules, at: string): Promise<void> {
    const value = JSON.stringify(rules);
    const updated = await this.ex.updateTable('settings').set({ value, updated_at: at }).where('key', '=', KEY).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) await this.ex.insertInto('settings').values({ key: KEY, value, updated_at: at }).execute();
  }
}
