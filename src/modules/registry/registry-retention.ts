import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDayStart } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import type { Actor } from '../../platform/policy.ts';
import { RetentionRepository, type RetentionSelection } from './registry-admin.repository.ts';
import { RETENTION_KINDS, RetentionKindsRepository, type KindSelection } from './registry-retention-kinds.ts';
import { RegistryRepository } from './registry.repository.ts';
import type { RetentionCommunity, RetentionReport, TRetentionInput } from './registry.schema.ts';
import type { RegistryDeps } from './registry.service.ts';

/**
 * Retention (CAC notice of 2020-02-09; PIPL art. 19 and 47): personal data collected for epidemic control is
 * kept no longer than needed. Residents registered before `before` (a Shanghai day) are anonymised, and with
 * them the arrivals, staff declarations, screening visits and case exposures of before that day (each by its
 * own date); the dry run reports what would go, per community, and changes nothing.
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
    const kinds = new RetentionKindsRepository(trx);
    const kindSelection: KindSelection = { ...selection, day: input.before };
    const communities = await countCommunities(repo, kinds, selection, kindSelection);
    const total = communities.reduce((t, c) => {
      for (const k of COUNTS) t[k] += c[k];
      return t;
    }, Object.fromEntries(COUNTS.map((k) => [k, 0])) as RetentionReport['total']);
    if (!input.dryRun) {
      const at = deps.clock.now().toISOString();
      await repo.anonymise(selection, at);
      await kinds.anonymiseAll(kindSelection, at);
      await recordAudit(trx, deps.clock, actor, {
        action: 'registry.retention', entityType: 'registry', entityId: input.nodeId ?? null, scopePath: path ?? null,
        details: { before: input.before, ...total },
      });
    }
    return { before: input.before, nodeId: input.nodeId ?? null, dryRun: input.dryRun, communities, total };
  });
}

const COUNTS = ['residents', 'withIdNumber', 'withPhone', 'moves', ...RETENTION_KINDS] as const;

/** Residents are counted per community in SQL; the other kinds per path, each path then given its community. */
async function countCommunities(
  repo: RetentionRepository, kinds: RetentionKindsRepository, selection: RetentionSelection, kindSelection: KindSelection,
): Promise<RetentionCommunity[]> {
  const names = await kinds.communities();
  const rows = new Map<string | null, RetentionCommunity>();
  const row = (id: string | null, name: string): RetentionCommunity => {
    let r = rows.get(id);
    if (!r) {
      r = { nodeId: id, name, ...(Object.fromEntries(COUNTS.map((k) => [k, 0])) as RetentionReport['total']) };
      rows.set(id, r);
    }
    return r;
  };
  const moves = await repo.movesByCommunity(selection);
  for (const c of await repo.countsByCommunity(selection)) {
    Object.assign(row(c.id, c.name ?? ''), { residents: c.residents, withIdNumber: c.with_id, withPhone: c.with_phone, moves: moves.get(c.id) ?? 0 });
  }
  const counts = await kinds.countAll(kindSelection);
  for (const kind of RETENTION_KINDS) {
    for (const { path, n } of counts[kind]) {
      const id = path?.split('/').find((p) => names.has(p)) ?? null;
      row(id, id ? names.get(id)! : '')[kind] += n;
    }
  }
  // By name as the residents' SQL did; records under no community last.
  return [...rows.values()].sort((a, b) => (a.nodeId === null ? 1 : 0) - (b.nodeId === null ? 1 : 0) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
