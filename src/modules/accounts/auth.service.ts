import { createHash, randomBytes } from 'node:crypto';
import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from '../../platform/crypto/password.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { ROLE_PERMISSIONS, type Actor, type Role } from '../../platform/policy.ts';
import { AccountRepository } from './accounts.repository.ts';
import type { MeView, TLoginInput, TPasswordChangeInput } from './accounts.schema.ts';

export interface AuthDeps {
  db: Db;
  clock: Clock;
  sessionHours: number;
  loginMaxFailures: number;
  loginLockMinutes: number;
}

export interface ResolvedSession {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
}

const TOUCH_INTERVAL_MS = 5 * 60 * 1000;

function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sign-in, sessions and passwords. Sessions live in the database; the cookie holds only a random token. */
export class AuthService {
  constructor(private readonly deps: AuthDeps) {}

  private repo(ex = this.deps.db) {
    return new AccountRepository(ex);
  }

  async login(input: TLoginInput, clientIp: string): Promise<{ token: string; csrfToken: string; expiresAt: Date }> {
    const now = this.deps.clock.now();
    const repo = this.repo();
    const keys = [`user:${input.username.toLowerCase()}`, `ip:${clientIp}`];
    for (const key of keys) {
      const t = await repo.getThrottle(key);
      if (t?.locked_until && t.locked_until > now.toISOString()) {
        throw new AppError('LOGIN_THROTTLED', `locked until ${t.locked_until}`, [{ path: 'lockedUntil', message: t.locked_until }]);
      }
    }
    const account = await repo.findByUsername(input.username);
    const ok = await verifyPassword(input.password, account?.password_hash ?? DUMMY_PASSWORD_HASH);
    if (!account || !ok) {
      await this.recordFailure(keys, now);
      throw new AppError('BAD_CREDENTIALS');
    }
    if (account.active !== 1) throw new AppError('ACCOUNT_DISABLED');
    for (const key of keys) await repo.clearThrottle(key);

    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(24).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.deps.sessionHours * 3600 * 1000);
    await this.deps.db.transaction().execute(async (trx) => {
      const r = this.repo(trx);
      await r.deleteExpiredSessions(now.toISOString());
      await r.insertSession({
        id: sessionIdOf(token), account_id: account.id, csrf_token: csrfToken, created_at: now.toISOString(),
        expires_at: expiresAt.toISOString(), last_seen_at: now.toISOString(),
      });
      await r.update(account.id, { last_login_at: now.toISOString() });
      await recordAudit(trx, this.deps.clock, { ...actorStub(account.id, account.username) }, {
        action: 'auth.login', entityType: 'account', entityId: account.id, details: { ip: clientIp },
      });
    });
    return { token, csrfToken, expiresAt };
  }

  /** Each failure counts against the user name and the address; at the limit both are locked for a while. */
  private async recordFailure(keys: string[], now: Date): Promise<void> {
    const repo = this.repo();
    for (const key of keys) {
      const limit = key.startsWith('ip:') ? this.deps.loginMaxFailures * 4 : this.deps.loginMaxFailures;
      const prior = await repo.getThrottle(key);
      const failures = (prior && (!prior.locked_until || prior.locked_until <= now.toISOString()) ? prior.failures : 0) + 1;
      const locked = failures >= limit ? new Date(now.getTime() + this.deps.loginLockMinutes * 60000).toISOString() : null;
      await repo.saveThrottle(key, locked ? 0 : failures, locked, now.toISOString());
    }
  }

  async resolve(token: string): Promise<ResolvedSession | null> {
    if (!token || token.length > 100) return null;
    const id = sessionIdOf(token);
    const s = await this.repo().findSession(id);
    const now = this.deps.clock.now();
    if (!s || s.expires_at <= now.toISOString() || s.active !== 1) return null;
    // Sliding expiry, written at most every few minutes so reads stay reads.
    if (now.getTime() - new Date(s.last_seen_at).getTime() > TOUCH_INTERVAL_MS) {
      const expiresAt = new Date(now.getTime() + this.deps.sessionHours * 3600 * 1000).toISOString();
      await this.repo().touchSession(id, now.toISOString(), expiresAt);
    }
    return {
      sessionId: id,
      csrfToken: s.csrf_token,
      actor: {
        accountId: s.account_id, username: s.username, displayName: s.display_name, role: s.role as Role,
        nodeId: s.node_id, nodePath: s.node_path, unitId: s.unit_id,
      },
    };
  }

  async logout(actor: Actor, sessionId: string): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo(trx).deleteSession(sessionId);
      await recordAudit(trx, this.deps.clock, actor, { action: 'auth.logout', entityType: 'account', entityId: actor.accountId });
    });
  }

  async me(actor: Actor): Promise<MeView> {
    const view = await this.repo().findView(actor.accountId, { kind: 'all' });
    if (!view) throw new AppError('UNAUTHENTICATED');
    const { nodePath: _ignored, ...account } = view;
    return { ...account, permissions: [...ROLE_PERMISSIONS[account.role]] };
  }

  /** Changing the password ends every other session of the account. */
  async changePassword(actor: Actor, sessionId: string, input: TPasswordChangeInput): Promise<void> {
    const account = await this.repo().findById(actor.accountId);
    if (!account || !(await verifyPassword(input.currentPassword, account.password_hash))) {
      throw new AppError('BAD_CREDENTIALS', 'current password is wrong', [{ path: 'currentPassword', message: 'password.wrong' }]);
    }
    if (input.currentPassword === input.newPassword) {
      throw new AppError('WEAK_PASSWORD', 'the new password must differ', [{ path: 'newPassword', message: 'password.same' }]);
    }
    const hash = await hashPassword(input.newPassword);
    await this.deps.db.transaction().execute(async (trx) => {
      const r = this.repo(trx);
      await r.update(actor.accountId, { password_hash: hash, must_change_password: 0, updated_at: this.deps.clock.now().toISOString() });
      await r.deleteSessionsOf(actor.accountId, sessionId);
      await recordAudit(trx, this.deps.clock, actor, { action: 'auth.password_change', entityType: 'account', entityId: actor.accountId });
    });
  }
}

function actorStub(accountId: string, username: string): Actor {
  return { accountId, username, displayName: username, role: 'resident', nodeId: null, nodePath: null, unitId: null };
}
