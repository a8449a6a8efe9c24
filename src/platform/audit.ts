import type { Clock } from './clock.ts';
import type { Executor } from './db/database.ts';
import { newId } from './ids.ts';
import type { Actor } from './policy.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  scopePath?: string | null;
  details?: Record<string, unknown>;
}

/** Written inside the same transaction as the change it describes, so there is no write without its audit row. */
export async function recordAudit(ex: Executor, clock: Clock, actor: Actor, entry: AuditEntry): Promise<void> {
  await ex
    .insertInto('audit_log')
    .values({
      id: newId(),
      at: clock.now().toISOString(),
      actor_id: actor.accountId || null,
      actor_name: actor.username,
      action: entry.action,
      entity_type: entry.entityType,
      entity_id: entry.entityId ?? null,
      scope_path: entry.scopePath ?? null,
      details: JSON.stringify(entry.details ?? {}),
    })
    .execute();
}
