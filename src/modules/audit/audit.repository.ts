import type { Executor } from '../../platform/db/database.ts';
import type { AuditLogTable } from '../../platform/db/schema.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import type { TAuditListQuery } from './audit.schema.ts';

export class AuditRepository {
  constructor(private readonly ex: Executor) {}

  /** Newest first; limit + 1 rows so the caller can tell whether more exist. */
  async list(scope: Scope, query: TAuditListQuery): Promise<AuditLogTable[]> {
    let q = this.ex.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(query.limit + 1);
    if (scope.kind === 'subtree') q = q.where('scope_path', '>=', scope.path).where('scope_path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') return [];
    if (query.before) q = q.where('id', '<', query.before);
    if (query.entityType) q = q.where('entity_type', '=', query.entityType);
    if (query.entityId) q = q.where('entity_id', '=', query.entityId);
    if (query.actorId) q = q.where('actor_id', '=', query.actorId);
    if (query.action) q = q.where('action', '=', query.action);
    return q.execute();
  }
}
