import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';

// How far an actor reaches into duty, as SQL sub-queries of ids (used as `WHERE x.id IN (...)`; callers skip
// them for the 'all' scope).
//   subtree: duty posts placed in the subtree; people living there or whose unit is located there.
//   unit:    posts where the unit's people hold shifts or stand in the lead chain (read only: liaisons do not
//            manage duty); the unit's people.

export type NotAll = Exclude<Scope, { kind: 'all' }>;

const never = sql<boolean>`1 = 0`;

export function nodeIdsInSubtree(ex: Executor, path: string) {
  return ex.selectFrom('jurisdiction_nodes').select('jurisdiction_nodes.id')
    .where('jurisdiction_nodes.path', '>=', path).where('jurisdiction_nodes.path', '<', subtreeEnd(path));
}

export function visiblePersonIds(ex: Executor, scope: NotAll) {
  const q = ex.selectFrom('people').select('people.id');
  if (scope.kind === 'subtree') {
    return q.where((eb) => eb.or([
      eb('people.home_node_id', 'in', nodeIdsInSubtree(ex, scope.path)),
      eb('people.unit_id', 'in', ex.selectFrom('units').select('units.id').where('units.node_id', 'in', nodeIdsInSubtree(ex, scope.path))),
    ]));
  }
  if (scope.kind === 'unit') return q.where('people.unit_id', '=', scope.unitId);
  return q.where(never);
}

export function visiblePostIds(ex: Executor, scope: NotAll) {
  const q = ex.selectFrom('duty_posts').select('duty_posts.id');
  if (scope.kind === 'subtree') return q.where('duty_posts.node_id', 'in', nodeIdsInSubtree(ex, scope.path));
  if (scope.kind === 'unit') {
    const unitPeople = ex.selectFrom('people').select('people.id').where('people.unit_id', '=', scope.unitId);
    return q.where((eb) => eb.or([
      eb('duty_posts.id', 'in', ex.selectFrom('duty_shifts as us').innerJoin('duty_assignments as ua', 'ua.shift_id', 'us.id')
        .select('us.post_id').where('ua.person_id', 'in', unitPeople)),
      eb('duty_posts.id', 'in', ex.selectFrom('duty_post_leads as ul').select('ul.post_id').where('ul.person_id', 'in', unitPeople)),
    ]));
  }
  return q.where(never);
}

/** People in reach whose home, or whose unit's location, lies in a subtree (the assistant's default pool). */
export function personIdsInSubtree(ex: Executor, path: string) {
  return visiblePersonIds(ex, { kind: 'subtree', path });
}

/** The person an account is linked to (accounts.person_id), for self-service: own check-in, notes, swaps. */
export async function personOfAccount(ex: Executor, accountId: string): Promise<string | null> {
  if (!accountId) return null;
  const row = await ex.selectFrom('accounts').select('person_id').where('id', '=', accountId).executeTakeFirst();
  return row?.person_id ?? null;
}
