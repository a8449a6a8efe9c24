import type { Db } from '../../platform/db/database.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import type { Page } from '../../platform/validation.ts';
import { AuditRepository } from './audit.repository.ts';
import type { AuditView, TAuditListQuery } from './audit.schema.ts';

export interface AuditDeps {
  db: Db;
}

/** Browsing the audit log: administrators see everything, managers the rows about their subtree. */
export class AuditService {
  constructor(private readonly deps: AuditDeps) {}

  async list(actor: Actor, query: TAuditListQuery): Promise<Page<AuditView>> {
    const scope = requirePermission(actor, 'audit.read');
    const rows = await new AuditRepository(this.deps.db).list(scope, query);
    const items = rows.slice(0, query.limit).map((r) => ({
      id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, entityType: r.entity_type,
      entityId: r.entity_id, details: JSON.parse(r.details) as Record<string, unknown>,
    }));
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }
}
