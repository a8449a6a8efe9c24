import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { subtreeEnd } from '../../platform/policy.ts';
import { RequiredRule, type RosterCounts, type TRequiredRule } from './nat.schema.ts';
import type { RoundRow } from './plan.repository.ts';

// The round's roster (nat_round_residents): every resident of a household in the round's subtree, with
// required = 1 unless the rule or their status exempts them. Built with one INSERT…SELECT and refreshed the same
// way: ON CONFLICT updates who is required and where they live, never the sampling or result columns, so a
// refresh during the round loses nothing and running it twice changes nothing.

export function parseRequiredRule(text: string): TRequiredRule {
  try {
    const parsed = RequiredRule.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch { /* unreadable: fall back to "everyone" */ }
  return { exemptUnderAgeYears: null };
}

/** 'YYYY-MM-DD' minus whole years (29 Feb → 28 Feb). */
export function yearsBefore(day: string, years: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const yy = y - years;
  const leap = (yy % 4 === 0 && yy % 100 !== 0) || yy % 400 === 0;
  const dd = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(yy).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
}

/** Builds or refreshes the roster of a round; returns the counts afterwards. Run inside a transaction. */
export async function buildRoster(ex: Executor, round: RoundRow, at: string): Promise<RosterCounts> {
  const rule = parseRequiredRule(round.required_rule);
  const from = round.node_path;
  const to = subtreeEnd(round.node_path);

  // Rows of people no longer living in the subtree (moved elsewhere, or sampled here as visitors) are not required.
  await ex.updateTable('nat_round_residents')
    .set({ required: 0, exempt_reason: 'not_in_area' })
    .where('round_id', '=', round.id)
    .where((eb) => eb.not(eb.exists(
      eb.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
        .select(sql.lit(1).as('one'))
        .whereRef('r.id', '=', 'nat_round_residents.resident_id')
        .where('h.path', '>=', from).where('h.path', '<', to),
    )))
    .execute();

  // A birth date after the cutoff means younger than the exempt age on the round's first day.
  const cutoff = rule.exemptUnderAgeYears === null ? null : yearsBefore(round.starts_on, rule.exemptUnderAgeYears);
  const yearCutoff = rule.exemptUnderAgeYears === null ? null : Number(round.starts_on.slice(0, 4)) - rule.exemptUnderAgeYears;
  const underAge = cutoff === null
    ? sql<boolean>`1 = 0`
    : sql<boolean>`(r.birth_date is not null and r.birth_date > ${cutoff}) or (r.birth_date is null and r.birth_year is not null and r.birth_year > ${yearCutoff})`;
  const exemptReason = sql<string | null>`case when r.status <> 'active' then r.status when ${underAge} then 'under_age' else null end`;
  const required = sql<number>`case when r.status <> 'active' then 0 when ${underAge} then 0 else 1 end`;

  const select = ex.selectFrom('residents as r')
    .innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
    .select([
      sql.lit(round.id).as('round_id'), 'r.id as resident_id', 'r.household_id', 'h.path as node_path',
      required.as('required'), exemptReason.as('exempt_reason'),
    ])
    .where('h.path', '>=', from).where('h.path', '<', to);
  await ex.insertInto('nat_round_residents')
    .columns(['round_id', 'resident_id', 'household_id', 'node_path', 'required', 'exempt_reason'])
    .expression(select)
    .onConflict((oc) => oc.columns(['round_id', 'resident_id']).doUpdateSet((eb) => ({
      household_id: eb.ref('excluded.household_id'),
      node_path: eb.ref('excluded.node_path'),
      required: eb.ref('excluded.required'),
      exempt_reason: eb.ref('excluded.exempt_reason'),
    })))
    .execute();

  await ex.updateTable('nat_rounds').set({ roster_built_at: at, updated_at: at }).where('id', '=', round.id).execute();
  return rosterCounts(ex, round.id);
}

/** Counts of a round's roster, of the whole round or only of the households under `withinPath`. */
export async function rosterCounts(ex: Executor, roundId: string, withinPath?: string): Promise<RosterCounts> {
  let q = ex.selectFrom('nat_round_residents')
    .select(['required', 'exempt_reason'])
    .select((eb) => [eb.fn.countAll<number | string>().as('n'), eb.fn.count<number | string>('sampled_at').as('sampled')])
    .where('round_id', '=', roundId);
  if (withinPath) q = q.where('node_path', '>=', withinPath).where('node_path', '<', subtreeEnd(withinPath));
  const rows = await q.groupBy(['required', 'exempt_reason']).execute();
  const counts: RosterCounts = { total: 0, required: 0, exempt: 0, sampled: 0, byReason: {} };
  for (const row of rows) {
    const n = Number(row.n);
    counts.total += n;
    counts.sampled += Number(row.sampled);
    if (row.required === 1) counts.required += n;
    else {
      counts.exempt += n;
      const reason = row.exempt_reason ?? 'not_in_area';
      counts.byReason[reason] = (counts.byReason[reason] ?? 0) + n;
    }
  }
  return counts;
}
