import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { NotificationView } from './notifications.schema.ts';

/** The in-app side of the notification outbox: an account reads the messages addressed to it. */
export class NotificationsRepository {
  constructor(private readonly ex: Executor) {}

  /** Newest first; keyset on id (ids sort by creation time). Fetches limit + 1 rows. */
  async list(accountId: string, q: { before?: string; unreadOnly: boolean; limit: number }): Promise<NotificationView[]> {
    let query = this.ex.selectFrom('notifications').select(['id', 'kind', 'title', 'body', 'ref_id', 'created_at', 'read_at'])
      .where('recipient_account_id', '=', accountId).orderBy('id', 'desc').limit(q.limit + 1);
    if (q.before) query = query.where('id', '<', q.before);
    if (q.unreadOnly) query = query.where('read_at', 'is', null);
    return (await query.execute()).map((r) => ({
      id: r.id, kind: r.kind, title: r.title, body: r.body, refId: r.ref_id, createdAt: r.created_at, readAt: r.read_at,
    }));
  }

  async countUnread(accountId: string): Promise<number> {
    const r = await this.ex.selectFrom('notifications').select(sql<number>`count(*)`.as('c'))
      .where('recipient_account_id', '=', accountId).where('read_at', 'is', null).executeTakeFirstOrThrow();
    return Number(r.c);
  }

  async find(id: string, accountId: string): Promise<{ id: string; read_at: string | null } | undefined> {
    return this.ex.selectFrom('notifications').select(['id', 'read_at']).where('id', '=', id)
      .where('recipient_account_id', '=', accountId).executeTakeFirst();
  }

  async markRead(accountId: string, at: string, id?: string): Promise<number> {
    let q = this.ex.updateTable('notifications').set({ read_at: at }).where('recipient_account_id', '=', accountId).where('read_at', 'is', null);
    if (id) q = q.where('id', '=', id);
    return Number((await q.executeTakeFirst()).numUpdatedRows);
  }
}
