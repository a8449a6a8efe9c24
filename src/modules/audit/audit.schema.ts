import { z } from 'zod';
import { LIMITS, zId } from '../../platform/validation.ts';

export const AuditListQuery = z.object({
  entityType: z.string().trim().max(32).optional(),
  entityId: zId.optional(),
  actorId: zId.optional(),
  action: z.string().trim().max(64).optional(),
  /** Keyset: the id of the last row seen; rows come newest first. */
  before: zId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type TAuditListQuery = z.infer<typeof AuditListQuery>;

export interface AuditView {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  details: Record<string, unknown>;
}
