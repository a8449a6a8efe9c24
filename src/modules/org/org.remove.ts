import { recordAudit, type AuditEntry } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { Actor, Scope } from '../../platform/policy.ts';
import { refuseIfDependents } from './org.scope.ts';
import type { OrgDeps } from './units.service.ts';

/** What deleting one record of the party chain needs from its repository. */
export interface RemovableRepository<R> {
  find(id: string, scope: Scope): Promise<R | undefined>;
  countDependents(id: string): Promise<Record<string, number>>;
  delete(id: string): Promise<void>;
}

/**
 * Deletes a unit, party organisation, area or post the actor reaches, in one transaction with its audit row;
 * refused (`HAS_DEPENDENTS`, with the counts) while anything still refers to it.
 */
export async function removeOrgRecord<R>(
  deps: OrgDeps, actor: Actor, scope: Scope, id: string,
  what: { label: string; repository: (ex: Executor) => RemovableRepository<R>; audit: (current: R) => AuditEntry },
): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const repo = what.repository(trx);
    const current = await repo.find(id, scope);
    if (!current) throw notFound(what.label);
    refuseIfDependents(what.label, await repo.countDependents(id));
    await repo.delete(id);
    await recordAudit(trx, deps.clock, actor, what.audit(current));
  });
}
