import type { Executor } from '../../platform/db/database.ts';
import type { DutySwapTable } from '../../platform/db/tables/duty.ts';
import type { Scope } from '../../platform/policy.ts';
import { nodeIdsInSubtree, personOfAccount, visiblePostIds } from './duty.scope.ts';

export interface SwapRow extends DutySwapTable {
  shift_id: string;
  post_id: string;
  post_name: string;
  node_path: string;
  day: string;
  shift_name: string;
  starts_at: string;
  ends_at: string;
  from_person_name: string;
  to_person_name: string;
}

/** Every SQL statement about shift swaps (换班). */
export class SwapsRepository {
  constructor(private readonly ex: Executor) {}

  private query() {
    return this.ex.selectFrom('duty_swaps as w')
      .innerJoin('duty_assignments as a', 'a.id', 'w.assignment_id')
      .innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
      .innerJoin('duty_posts as dp', 'dp.id', 's.post_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'dp.node_id')
      .innerJoin('people as fp', 'fp.id', 'w.from_person_id')
      .innerJoin('people as tp', 'tp.id', 'w.to_person_id')
      .selectAll('w')
      .select([
        's.id as shift_id', 's.post_id', 'dp.name as post_name', 'n.path as node_path', 's.day', 's.name as shift_name',
        's.starts_at', 's.ends_at', 'fp.name as from_person_name', 'tp.name as to_person_name',
      ]);
  }

  /** Swaps at posts in reach; also those the actor's own person proposed or is named in. */
  async list(scope: Scope, filter: { nodePath?: string; status?: string; personId?: string | null }): Promise<SwapRow[]> {
    let q = this.query();
    if (scope.kind !== 'all') {
      const personId = filter.personId;
      q = q.where((eb) => eb.or([
        eb('s.post_id', 'in', visiblePostIds(this.ex, scope)),
        ...(personId ? [eb('w.from_person_id', '=', personId), eb('w.to_person_id', '=', personId)] : []),
      ]));
    }
    if (filter.nodePath) q = q.where('dp.node_id', 'in', nodeIdsInSubtree(this.ex, filter.nodePath));
    if (filter.status) q = q.where('w.status', '=', filter.status);
    return q.orderBy('w.id', 'desc').limit(200).execute();
  }

  async find(id: string): Promise<SwapRow | undefined> {
    return this.query().where('w.id', '=', id).executeTakeFirst();
  }

  async pendingFor(assignmentId: string): Promise<SwapRow | undefined> {
    return this.query().where('w.assignment_id', '=', assignmentId).where('w.status', '=', 'proposed').executeTakeFirst();
  }

  async insert(row: DutySwapTable): Promise<void> {
    await this.ex.insertInto('duty_swaps').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<DutySwapTable, 'id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('duty_swaps').set(patch).where('id', '=', id).execute();
  }

  async nodePath(id: string): Promise<string | undefined> {
    return (await this.ex.selectFrom('jurisdiction_nodes').select('path').where('id', '=', id).executeTakeFirst())?.path;
  }

  /** The person an account is linked to (accounts.person_id), for self-service. */
  async personOfAccount(accountId: string): Promise<string | null> {
    return personOfAccount(this.ex, accountId);
  }
}
