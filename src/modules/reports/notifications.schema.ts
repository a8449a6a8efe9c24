import { z } from 'zod';
import { zId } from '../../platform/validation.ts';

// An account's notifications: the in-app side of the outbox (platform/notifier.ts). Shared with the web app.

export const NotificationListQuery = z.object({
  /** Cursor: the last id of the previous page (newest first). */
  before: zId.optional(),
  unread: z.enum(['0', '1']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type TNotificationListQuery = z.infer<typeof NotificationListQuery>;

export interface NotificationView {
  id: string;
  kind: string;
  title: string;
  body: string;
  refId: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface NotificationPage {
  items: NotificationView[];
  next: string | null;
  unread: number;
}
