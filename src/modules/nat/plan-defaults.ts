import type { Executor } from '../../platform/db/database.ts';
import { DEFAULT_NAT_DEFAULTS, NatDefaults, type TNatDefaults } from './nat.schema.ts';

// Round defaults are data ('nat.defaults' in `settings`): pool size, bag size, certificate validity and the infant
// exemption changed during the epidemic, so an administrator edits them; a new round copies them at creation.

const KEY = 'nat.defaults';

export async function loadNatDefaults(ex: Executor): Promise<TNatDefaults> {
  const row = await ex.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return { ...DEFAULT_NAT_DEFAULTS };
  try {
    const parsed = NatDefaults.partial().safeParse(JSON.parse(row.value));
    return { ...DEFAULT_NAT_DEFAULTS, ...(parsed.success ? parsed.data : {}) };
  } catch {
    return { ...DEFAULT_NAT_DEFAULTS };
  }
}

export async function saveNatDefaults(ex: Executor, value: TNatDefaults, at: string): Promise<void> {
  const text = JSON.stringify(value);
  const updated = await ex.updateTable('settings').set({ value: text, updated_at: at }).where('key', '=', KEY).executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) await ex.insertInto('settings').values({ key: KEY, value: text, updated_at: at }).execute();
}
