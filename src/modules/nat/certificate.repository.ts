import type { Executor } from '../../platform/db/database.ts';
import type { Scope } from '../../platform/policy.ts';
import { inScope } from './plan.repository.ts';

// SQL of certificates: what a certificate is issued from, and the one-query status check of verification.

/** The roster row a certificate is issued from, if the person's household lies in the actor's scope. */
export async function certificateSubject(ex: Executor, scope: Scope, roundId: string, residentId: string) {
  return ex.selectFrom('nat_round_residents as rr')
    .innerJoin('residents as r', 'r.id', 'rr.resident_id')
    .leftJoin('nat_certificate_revocations as v', (j) => j.onRef('v.round_id', '=', 'rr.round_id').onRef('v.resident_id', '=', 'rr.resident_id'))
    .select(['r.name', 'rr.sampled_at', 'rr.result', 'v.reason as revoked'])
    .where('rr.round_id', '=', roundId).where('rr.resident_id', '=', residentId)
    .where((eb) => inScope(eb, 'rr.node_path', scope))
    .executeTakeFirst();
}

/** The round's name and the person's state in it, in one indexed lookup (primary keys only). */
export async function certificateStatus(ex: Executor, roundId: string, residentId: string) {
  return ex.selectFrom('nat_rounds as n')
    .leftJoin('nat_round_residents as rr', (j) => j.onRef('rr.round_id', '=', 'n.id').on('rr.resident_id', '=', residentId))
    .leftJoin('nat_certificate_revocations as v', (j) => j.onRef('v.round_id', '=', 'n.id').on('v.resident_id', '=', residentId))
    .select(['n.name as round_name', 'rr.sampled_at', 'rr.result', 'v.reason as revoked'])
    .where('n.id', '=', roundId)
    .executeTakeFirst();
}

/** The rounds a resident was sampled in, latest first (at most 5: a resident's page shows the recent ones). */
export async function sampledRoundsOf(ex: Executor, residentId: string) {
  const rows = await ex.selectFrom('nat_round_residents as rr')
    .innerJoin('nat_rounds as n', 'n.id', 'rr.round_id')
    .leftJoin('nat_certificate_revocations as v', (j) => j.onRef('v.round_id', '=', 'rr.round_id').onRef('v.resident_id', '=', 'rr.resident_id'))
    .select(['rr.round_id', 'rr.sampled_at', 'rr.result', 'n.name as round_name', 'n.node_id', 'n.certificate_valid_hours', 'v.reason as revoked'])
    .where('rr.resident_id', '=', residentId)
    .where('rr.sampled_at', 'is not', null)
    .orderBy('rr.sampled_at', 'desc')
    .limit(5)
    .execute();
  return rows.map((r) => ({ ...r, sampled_at: r.sampled_at as string }));
}
