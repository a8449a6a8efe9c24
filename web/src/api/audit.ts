import type { AuditView } from '@shared/modules/audit/audit.schema.ts';
import { api, type Page } from './client.ts';

export type { AuditView };
export interface AuditFilters {
  entityType?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
}

export const auditApi = {
  // Newest first: the page's `next` goes back as `before`.
  list: (filters: AuditFilters, before?: string | null, limit = 50) =>
    api.get<Page<AuditView>>('/api/audit', { ...filters, before, limit }),
};
