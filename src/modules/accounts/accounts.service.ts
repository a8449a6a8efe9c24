import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { generatePassword, hashPassword } from '../../platform/crypto/password.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { pathInScope, requirePermission, ROLE_RANK, UNIT_ROLES, type Actor, type Role, type Scope } from '../../platform/policy.ts';
import type { Page } from '../../platform/validation.ts';
import { AccountRepository } from './accounts.repository.ts';
import type { AccountView, TAccountCreateInput, TAccountListQuery, TAccountUpdateInput } from './accounts.schema.ts';

export interface AccountsDeps {
  db: Db;
  clock: Clock;
}

/** Role accounts, each bound to a jurisdiction node (or, for a liaison, a unit). */
export class AccountsService {
  constructor(private readonly deps: AccountsDeps) {}

  private repo(ex: Executor = this.deps.db) {
    return new AccountRepository(ex);
  }

  async list(actor: Actor, query: TAccountListQuery): Promise<Page<AccountView>> {
    const scope = requirePermission(actor, 'accounts.manage');
    const rows = await this.repo().list(scope, query);
    const items = rows.slice(0, query.limit);
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }

  async get(actor: Actor, id: string): Promise<AccountView> {
    const scope = requirePermission(actor, 'accounts.manage');
    const view = await this.repo().findView(id, scope);
    if (!view) throw notFound('account');
    const { nodePath: _p, ...account } = view;
    return account;
  }

  /** Returns the temporary password once when none was given. */
  async create(actor: Actor, input: TAccountCreateInput): Promise<{ account: AccountView; temporaryPassword?: string }> {
    const scope = requirePermission(actor, 'accounts.manage');
    this.assertRankAllowed(actor, input.role);
    const temporaryPassword = input.password ? undefined : generatePassword();
    const hash = await hashPassword(input.password ?? temporaryPassword!);
    const id = newId();
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (await repo.findByUsername(input.username)) {
        throw new AppError('CONFLICT', 'username taken', [{ path: 'username', message: 'username.taken' }]);
      }
      const binding = await this.checkBinding(trx, scope, input.role, input.nodeId ?? null, input.unitId ?? null);
      if (input.personId) await this.checkPerson(repo, scope, input.personId);
      await repo.insert({
        id, username: input.username, display_name: input.displayName, password_hash: hash, role: input.role,
        node_id: binding.nodeId, unit_id: binding.unitId, person_id: input.personId ?? null, active: 1,
        must_change_password: temporaryPassword ? 1 : 0, created_at: at, updated_at: at, last_login_at: null,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'account.create', entityType: 'account', entityId: id, scopePath: binding.scopePath,
        details: { username: input.username, role: input.role, nodeId: binding.nodeId, unitId: binding.unitId },
      });
    });
    return { account: await this.get(actor, id), temporaryPassword };
  }

  async update(actor: Actor, id: string, input: TAccountUpdateInput): Promise<AccountView> {
    const scope = requirePermission(actor, 'accounts.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.findView(id, scope);
      if (!current) throw notFound('account');
      if (id === actor.accountId && (input.role || input.active === false)) {
        throw new AppError('FORBIDDEN', 'you cannot change your own role or disable yourself');
      }
      this.assertRankAllowed(actor, current.role);
      const role = input.role ?? current.role;
      this.assertRankAllowed(actor, role);
      const binding = await this.checkBinding(trx, scope, role,
        input.nodeId !== undefined ? input.nodeId : current.nodeId,
        input.unitId !== undefined ? input.unitId : current.unitId);
      if (input.personId) await this.checkPerson(repo, scope, input.personId);
      await repo.update(id, {
        ...(input.displayName ? { display_name: input.displayName } : {}),
        ...(input.personId !== undefined ? { person_id: input.personId } : {}),
        ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
        role, node_id: binding.nodeId, unit_id: binding.unitId, updated_at: this.deps.clock.now().toISOString(),
      });
      if (input.active === false || input.role) await repo.deleteSessionsOf(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'account.update', entityType: 'account', entityId: id, scopePath: binding.scopePath, details: { ...input },
      });
    });
    return this.get(actor, id);
  }

  async resetPassword(actor: Actor, id: string): Promise<{ temporaryPassword: string }> {
    const scope = requirePermission(actor, 'accounts.manage');
    const current = await this.repo().findView(id, scope);
    if (!current) throw notFound('account');
    if (id !== actor.accountId) this.assertRankAllowed(actor, current.role);
    const temporaryPassword = generatePassword();
    const hash = await hashPassword(temporaryPassword);
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      await repo.update(id, { password_hash: hash, must_change_password: 1, updated_at: this.deps.clock.now().toISOString() });
      await repo.deleteSessionsOf(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'account.reset_password', entityType: 'account', entityId: id, scopePath: current.nodePath,
      });
    });
    return { temporaryPassword };
  }

  /** Used by the CLI and first start: creates or resets an administrator without a signed-in actor. */
  async ensureAdmin(
    actor: Actor, username: string, password: string, mustChange: boolean, mode: 'create' | 'reset' | 'either' = 'either',
  ): Promise<'created' | 'reset'> {
    requirePermission(actor, 'accounts.manage');
    const hash = await hashPassword(password);
    const at = this.deps.clock.now().toISOString();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const existing = await repo.findByUsername(username);
      if (existing && mode === 'create') throw new AppError('CONFLICT', `account ${username} exists already`);
      if (!existing && mode === 'reset') throw new AppError('NOT_FOUND', `no account ${username}`);
      if (existing) {
        await repo.update(existing.id, { password_hash: hash, must_change_password: mustChange ? 1 : 0, active: 1, updated_at: at });
        await repo.deleteSessionsOf(existing.id);
        await recordAudit(trx, this.deps.clock, actor, { action: 'account.reset_password', entityType: 'account', entityId: existing.id });
        return 'reset';
      }
      const id = newId();
      await repo.insert({
        id, username, display_name: '系统管理员', password_hash: hash, role: 'admin', node_id: null, unit_id: null,
        person_id: null, active: 1, must_change_password: mustChange ? 1 : 0, created_at: at, updated_at: at, last_login_at: null,
      });
      await recordAudit(trx, this.deps.clock, actor, { action: 'account.create', entityType: 'account', entityId: id, details: { username, role: 'admin' } });
      return 'created';
    });
  }

  async countAccounts(): Promise<number> {
    return this.repo().count();
  }

  private async checkPerson(repo: AccountRepository, scope: Scope, personId: string): Promise<void> {
    if (!(await repo.personInScope(personId, scope))) {
      throw new AppError('NOT_FOUND', 'person not found', [{ path: 'personId', message: 'ref.outside_scope' }]);
    }
  }

  private assertRankAllowed(actor: Actor, role: Role): void {
    if (actor.role !== 'admin' && ROLE_RANK[role] >= ROLE_RANK[actor.role]) {
      throw new AppError('FORBIDDEN', `a ${actor.role} cannot manage ${role} accounts`, [{ path: 'role', message: 'role.too_high' }]);
    }
  }

  /** Place-bound roles need a node inside the actor's subtree; unit roles need a unit located there. */
  private async checkBinding(ex: Executor, scope: Scope, role: Role, nodeId: string | null, unitId: string | null) {
    if (role === 'admin') return { nodeId: null, unitId: null, scopePath: null };
    if (UNIT_ROLES.includes(role)) {
      if (!unitId) throw new AppError('VALIDATION', 'unit required', [{ path: 'unitId', message: 'binding.required' }]);
      const unit = await ex.selectFrom('units as u').leftJoin('jurisdiction_nodes as n', 'n.id', 'u.node_id')
        .select(['u.id', 'n.path']).where('u.id', '=', unitId).executeTakeFirst();
      if (!unit || !(scope.kind === 'all' || pathInScope(scope, unit.path))) throw notFound('unit');
      return { nodeId: null, unitId, scopePath: unit.path };
    }
    if (!nodeId) throw new AppError('VALIDATION', 'node required', [{ path: 'nodeId', message: 'binding.required' }]);
    const node = await ex.selectFrom('jurisdiction_nodes').select(['id', 'path']).where('id', '=', nodeId).executeTakeFirst();
    if (!node || !pathInScope(scope, node.path)) throw notFound('node');
    return { nodeId, unitId: null, scopePath: node.path };
  }
}
