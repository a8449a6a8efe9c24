import type { Executor } from '../../platform/db/database.ts';
import type { AccountTable, SessionTable } from '../../platform/db/schema.ts';
import { subtreeEnd, type Role, type Scope } from '../../platform/policy.ts';
import type { AccountView, TAccountListQuery } from './accounts.schema.ts';

export type AccountRow = AccountTable;

export class AccountRepository {
  constructor(private readonly ex: Executor) {}

  private viewQuery() {
    return this.ex
      .selectFrom('accounts as a')
      .leftJoin('jurisdiction_nodes as n', 'n.id', 'a.node_id')
      .leftJoin('units as u', 'u.id', 'a.unit_id')
      .leftJoin('people as pp', 'pp.id', 'a.person_id')
      .select([
        'a.id', 'a.username', 'a.display_name', 'a.role', 'a.node_id', 'n.name as node_name', 'n.path as node_path',
        'a.unit_id', 'u.name as unit_name', 'a.person_id', 'pp.name as person_name', 'a.active', 'a.must_change_password', 'a.last_login_at',
        'a.created_at',
      ]);
  }

  /** Accounts bound inside the scope's subtree, or to a unit located there. */
  private scoped(scope: Scope) {
    let q = this.viewQuery();
    if (scope.kind === 'subtree') {
      const end = subtreeEnd(scope.path);
      q = q.where((eb) => eb.or([
        eb.and([eb('n.path', '>=', scope.path), eb('n.path', '<', end)]),
        eb('a.unit_id', 'in', eb.selectFrom('units as u2').innerJoin('jurisdiction_nodes as un', 'un.id', 'u2.node_id')
          .select('u2.id').where('un.path', '>=', scope.path).where('un.path', '<', end)),
      ]));
    } else if (scope.kind === 'unit') {
      q = q.where('a.unit_id', '=', scope.unitId);
    } else if (scope.kind === 'none') {
      q = q.where('a.id', '=', '');
    }
    return q;
  }

  async list(scope: Scope, query: TAccountListQuery): Promise<AccountView[]> {
    let q = this.scoped(scope).orderBy('a.id').limit(query.limit + 1);
    if (query.after) q = q.where('a.id', '>', query.after);
    if (query.role) q = q.where('a.role', '=', query.role);
    if (query.q) {
      const like = `%${query.q}%`;
      q = q.where((eb) => eb.or([eb('a.username', 'like', like), eb('a.display_name', 'like', like)]));
    }
    return (await q.execute()).map(toView);
  }

  async findView(id: string, scope: Scope): Promise<(AccountView & { nodePath: string | null }) | undefined> {
    const r = await this.scoped(scope).where('a.id', '=', id).executeTakeFirst();
    return r && { ...toView(r), nodePath: r.node_path };
  }

  async findByUsername(username: string): Promise<AccountRow | undefined> {
    return this.ex.selectFrom('accounts').selectAll().where('username', '=', username).executeTakeFirst();
  }

  async findById(id: string): Promise<AccountRow | undefined> {
    return this.ex.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** A person the scope reaches: living in the subtree or of a unit located there; a unit scope, its people. */
  async personInScope(id: string, scope: Scope): Promise<boolean> {
    let q = this.ex.selectFrom('people as p').leftJoin('jurisdiction_nodes as h', 'h.id', 'p.home_node_id')
      .leftJoin('units as pu', 'pu.id', 'p.unit_id').leftJoin('jurisdiction_nodes as un', 'un.id', 'pu.node_id')
      .select('p.id').where('p.id', '=', id);
    if (scope.kind === 'subtree') {
      const end = subtreeEnd(scope.path);
      q = q.where((eb) => eb.or([
        eb.and([eb('h.path', '>=', scope.path), eb('h.path', '<', end)]),
        eb.and([eb('un.path', '>=', scope.path), eb('un.path', '<', end)]),
      ]));
    } else if (scope.kind === 'unit') q = q.where('p.unit_id', '=', scope.unitId);
    else if (scope.kind === 'none') return false;
    return (await q.executeTakeFirst()) !== undefined;
  }

  async count(): Promise<number> {
    const r = await this.ex.selectFrom('accounts').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  async insert(row: AccountRow): Promise<void> {
    await this.ex.insertInto('accounts').values(row).execute();
  }

  async update(id: string, patch: Partial<AccountRow>): Promise<void> {
    await this.ex.updateTable('accounts').set(patch).where('id', '=', id).execute();
  }

  async insertSession(row: SessionTable): Promise<void> {
    await this.ex.insertInto('sessions').values(row).execute();
  }

  async findSession(id: string) {
    return this.ex
      .selectFrom('sessions as s')
      .innerJoin('accounts as a', 'a.id', 's.account_id')
      .leftJoin('jurisdiction_nodes as n', 'n.id', 'a.node_id')
      .select([
        's.id', 's.csrf_token', 's.expires_at', 's.last_seen_at', 'a.id as account_id', 'a.username', 'a.display_name',
        'a.role', 'a.node_id', 'n.path as node_path', 'a.unit_id', 'a.active',
      ])
      .where('s.id', '=', id)
      .executeTakeFirst();
  }

  async touchSession(id: string, at: string, expiresAt: string): Promise<void> {
    await this.ex.updateTable('sessions').set({ last_seen_at: at, expires_at: expiresAt }).where('id', '=', id).execute();
  }

  async deleteSession(id: string): Promise<void> {
    await this.ex.deleteFrom('sessions').where('id', '=', id).execute();
  }

  async deleteSessionsOf(accountId: string, exceptId?: string): Promise<void> {
    let q = this.ex.deleteFrom('sessions').where('account_id', '=', accountId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    await q.execute();
  }

  async deleteExpiredSessions(now: string): Promise<void> {
    await this.ex.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }

  async getThrottle(key: string) {
    return this.ex.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
  }

  async saveThrottle(key: string, failures: number, lockedUntil: string | null, at: string): Promise<void> {
    await this.ex
      .insertInto('login_throttle')
      .values({ key, failures, locked_until: lockedUntil, updated_at: at })
      .onConflict((oc) => oc.column('key').doUpdateSet({ failures, locked_until: lockedUntil, updated_at: at }))
      .execute();
  }

  async clearThrottle(key: string): Promise<void> {
    await this.ex.deleteFrom('login_throttle').where('key', '=', key).execute();
  }
}

interface ViewRow {
  id: string; username: string; display_name: string; role: string; node_id: string | null; node_name: string | null;
  unit_id: string | null; unit_name: string | null; person_id: string | null; person_name: string | null; active: number;
  must_change_password: number; last_login_at: string | null; created_at: string;
}

function toView(r: ViewRow): AccountView {
  return {
    id: r.id, username: r.username, displayName: r.display_name, role: r.role as Role, nodeId: r.node_id,
    nodeName: r.node_name, unitId: r.unit_id, unitName: r.unit_name, personId: r.person_id, personName: r.person_name,
    active: r.active === 1,
    mustChangePassword: r.must_change_password === 1, lastLoginAt: r.last_login_at, createdAt: r.created_at,
  };
}
