import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { NotificationsRepository } from './notifications.repository.ts';
import type { NotificationPage, TNotificationListQuery } from './notifications.schema.ts';

export interface NotificationsDeps {
  db: Db;
  clock: Clock;
}

/**
 * An account's own messages (reminders and the like). Every signed-in account has an inbox, so the check is
 * that the actor is an account, not a permission; the account id is the scope of every query.
 */
function requireAccount(actor: Actor): string {
  if (!actor.accountId) throw new AppError('FORBIDDEN', 'only a signed-in account has notifications');
  return actor.accountId;
}

export class NotificationsService {
  constructor(private readonly deps: NotificationsDeps) {}

  async list(actor: Actor, query: TNotificationListQuery): Promise<NotificationPage> {
    const accountId = requireAccount(actor);
    const repo = new NotificationsRepository(this.deps.db);
    const rows = await repo.list(accountId, { before: query.before, unreadOnly: query.unread === '1', limit: query.limit });
    const items = rows.slice(0, query.limit);
    return {
      items, next: rows.length > query.limit ? items[items.length - 1].id : null, unread: await repo.countUnread(accountId),
    };
  }

  /** Marking one's own message read is personal state, not a change to shared records: it is not audited. */
  async markRead(actor: Actor, id: string): Promise<void> {
    const accountId = requireAccount(actor);
    const repo = new NotificationsRepository(this.deps.db);
    if (!(await repo.find(id, accountId))) throw notFound('notification');
    await repo.markRead(accountId, this.deps.clock.now().toISOString(), id);
  }

  async markAllRead(actor: Actor): Promise<{ marked: number }> {
    const accountId = requireAccount(actor);
    return { marked: await new NotificationsRepository(this.deps.db).markRead(accountId, this.deps.clock.now().toISOString()) };
  }
}
