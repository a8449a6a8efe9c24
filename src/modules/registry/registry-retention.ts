import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDayStart } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { RetentionRepository, type RetentionSelection } from './registry-admin.repository.ts';
import { RegistryRepository } from './registry.repository.ts';
import type { RetentionCommunity, RetentionReport, TRetentionInput } from './registry.schema.ts';
import type { RegistryDeps } from './registry.service.ts';

/**
 * Retention (CAC notice of 2020-02-09; PIPL art. 19 and 47): personal data collected for epidemic control is
 * kept no longer than needed. Records registered before `before` (a Shanghai day) are anonymised; the dry
 * run reports what would go, per community, and changes nothing.
 */
export async function runRetention(deps: RegistryDeps, actor: Actor, input: TRetentionInput): Promise<RetentionReport> {
  return deps.db.transaction().execute(async (trx) => {
    let path: string | undefined;
    if (input.nodeId) {
      const node = await new RegistryRepository(trx).findNode(input.nodeId, { kind: 'all' });
      if (!node) throw notFound('node');
      path = node.path;
    }
    const selection: RetentionSelection = { cutoff: shanghaiDayStart(input.before).toISOString(), path };
    const repo = new RetentionRepository(trx);
    const counts = await repo.countsByCommunity(selection);
    const moves = await repo.movesByCommunity(selection);
    const communities: RetentionCommunity[] = counts.map((c) => ({
      nodeId: c.id, name: c.name ?? '', residents: c.residents, withIdNumber: c.with_id, withPhone: c.with_phone, moves: moves.get(c.id) ?? 0,
    }));
    const total = communities.reduce(
      (t, c) => ({ residents: t.residents + c.residents, withIdNumber: t.withIdNumber + c.withIdNumber, withPhone: t.withPhone + c.withPhone, moves: t.moves + c.moves }),
      { residents: 0, withIdNumber: 0, withPhone: 0, moves: 0 },
    );
    if (!input.dryRun) {
      await repo.anonymise(selection, deps.clock.now().toISOString());
      await recordAudit(trx, deps.clock, actor, {
        action: 'registry.retention', entityType: 'registry', entityId: input.nodeId ?? null, scopePath: path ?? null,
        details: { before: input.before, ...total },
      });
    }
    return { before: input.before, nodeId: input.nodeId ?? null, dryRun: input.dryRun, communities, total };
  });
}
