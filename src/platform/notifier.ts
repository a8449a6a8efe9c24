import type { Clock } from './clock.ts';
import type { Db } from './db/database.ts';
import { newId } from './ids.ts';

/** Whom a message is for: an account (shown in its in-app list), and/or a unit, node or phone an adapter resolves. */
export interface NotificationRecipient {
  accountId?: string;
  unitId?: string;
  nodeId?: string;
  phone?: string;
}

export interface NotificationMessage {
  recipient: NotificationRecipient;
  title: string;
  body: string;
  /** What the message is about, e.g. 'report.reminder'. */
  kind: string;
  /** The record it refers to (a form, a shift…), for a link in the app. */
  refId?: string;
}

/** Sends a message to a person or place. Services depend on this, never on a channel. */
export interface Notifier {
  send(msg: NotificationMessage): Promise<void>;
}

export interface OutboxNotifierDeps {
  db: Db;
  clock: Clock;
}

const TITLE_MAX = 200;
const BODY_MAX = 2000;

/**
 * Stores every message in the `notifications` table. The in-app list reads the rows addressed to an account;
 * a delivery adapter (SMS, WeChat) drains rows with `delivered_at` null and marks them delivered.
 * It writes through its own database handle, so callers send after their transaction has committed.
 */
export class OutboxNotifier implements Notifier {
  constructor(private readonly deps: OutboxNotifierDeps) {}

  async send(msg: NotificationMessage): Promise<void> {
    const r = msg.recipient;
    await this.deps.db
      .insertInto('notifications')
      .values({
        id: newId(),
        kind: msg.kind,
        title: msg.title.slice(0, TITLE_MAX),
        body: msg.body.slice(0, BODY_MAX),
        ref_id: msg.refId ?? null,
        recipient_account_id: r.accountId ?? null,
        recipient_unit_id: r.unitId ?? null,
        recipient_node_id: r.nodeId ?? null,
        recipient_phone: r.phone ?? null,
        created_at: this.deps.clock.now().toISOString(),
        read_at: null,
        delivered_at: null,
      })
      .execute();
  }
}
