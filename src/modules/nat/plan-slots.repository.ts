import type { Executor } from '../../platform/db/database.ts';
import type { NatSlotTable } from '../../platform/db/tables/nat.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import { inScope } from './plan.repository.ts';

// SQL of batch slots and the households they remind. Reminder counts read the roster (required residents).

export type SlotRow = NatSlotTable & { site_name: string; node_name: string };

export const REMINDER_KIND = 'nat.reminder';

export async function listSlotRows(ex: Executor, scope: Scope, roundId: string, siteId?: string): Promise<SlotRow[]> {
  let q = ex.selectFrom('nat_slots as t')
    .innerJoin('nat_sites as s', 's.id', 't.site_id')
    .innerJoin('jurisdiction_nodes as n', 'n.id', 't.node_id')
    .selectAll('t').select(['s.name as site_name', 'n.name as node_name'])
    .where('t.round_id', '=', roundId)
    .where((eb) => inScope(eb, 's.node_path', scope));
  if (siteId) q = q.where('t.site_id', '=', siteId);
  return q.orderBy('t.starts_at').orderBy('t.node_path').orderBy('t.id').execute();
}

export async function findSlotRow(ex: Executor, scope: Scope, slotId: string): Promise<SlotRow | undefined> {
  return ex.selectFrom('nat_slots as t')
    .innerJoin('nat_sites as s', 's.id', 't.site_id')
    .innerJoin('jurisdiction_nodes as n', 'n.id', 't.node_id')
    .selectAll('t').select(['s.name as site_name', 'n.name as node_name'])
    .where('t.id', '=', slotId)
    .where((eb) => inScope(eb, 's.node_path', scope))
    .executeTakeFirst();
}

/** Households and required residents on the roster under a path. */
export async function rosterTotals(ex: Executor, roundId: string, path: string): Promise<{ households: number; residents: number }> {
  const row = await ex.selectFrom('nat_round_residents')
    .select((eb) => [eb.fn.countAll<number | string>().as('residents'), eb.fn.count<number | string>('household_id').distinct().as('households')])
    .where('round_id', '=', roundId).where('required', '=', 1)
    .where('node_path', '>=', path).where('node_path', '<', subtreeEnd(path))
    .executeTakeFirst();
  return { households: Number(row?.households ?? 0), residents: Number(row?.residents ?? 0) };
}

/** Required residents under a path with their household, in door order. */
export async function reminderResidents(ex: Executor, roundId: string, path: string) {
  return ex.selectFrom('nat_round_residents as rr')
    .innerJoin('residents as r', 'r.id', 'rr.resident_id')
    .select(['rr.household_id', 'rr.node_path', 'r.id', 'r.name', 'r.phone_enc'])
    .where('rr.round_id', '=', roundId).where('rr.required', '=', 1)
    .where('rr.node_path', '>=', path).where('rr.node_path', '<', subtreeEnd(path))
    .orderBy('rr.node_path').orderBy('r.id')
    .limit(20000)
    .execute();
}

/** Households already reminded of a slot (the outbox holds one row per household and slot). */
export async function remindedHouseholds(ex: Executor, slotId: string): Promise<{ ids: Set<string>; firstAt: string | null }> {
  const rows = await ex.selectFrom('notifications').select(['recipient_node_id', 'created_at'])
    .where('kind', '=', REMINDER_KIND).where('ref_id', '=', slotId).execute();
  let firstAt: string | null = null;
  for (const r of rows) if (!firstAt || r.created_at < firstAt) firstAt = r.created_at;
  return { ids: new Set(rows.map((r) => r.recipient_node_id ?? '')), firstAt };
}

/** Whether `path` lies inside one of the site's areas (or, for a site without areas, inside the site's place). */
export async function pathServedBySite(ex: Executor, siteId: string, sitePath: string, path: string): Promise<boolean> {
  const areas = await ex.selectFrom('nat_site_areas').select('node_path').where('site_id', '=', siteId).execute();
  if (areas.length === 0) return path.startsWith(sitePath);
  return areas.some((a) => path.startsWith(a.node_path));
}
