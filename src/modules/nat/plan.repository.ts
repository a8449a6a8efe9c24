import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { NatDeskTable, NatRoundTable, NatSiteTable } from '../../platform/db/tables/nat.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';

// Lookups of rounds, sites and desks with the actor's scope applied in SQL. Shared by the four nat parts: the desk,
// results and coverage parts resolve a round or desk through these so that out-of-scope ids read as not found.

export type RoundRow = NatRoundTable;
export type SiteRow = NatSiteTable;
export type DeskRow = NatDeskTable;
export interface DeskWithSite { desk: DeskRow; site: SiteRow; round: RoundRow }

/** '/A/B/C/' → ['/A/', '/A/B/', '/A/B/C/']: the paths of a node and all its ancestors. */
export function pathAndAncestors(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, i) => `/${parts.slice(0, i + 1).join('/')}/`);
}

/**
 * Where a round is visible: its subtree lies inside the actor's (a street sees its communities' rounds), or the
 * actor's subtree lies inside the round's (a community secretary sees the street's round, and only their own
 * data within it — the other queries narrow by the actor's path).
 */
export function roundVisible<D, T extends keyof D>(eb: ExpressionBuilder<D, T>, column: string, scope: Scope) {
  if (scope.kind === 'all') return sql<boolean>`1 = 1`;
  if (scope.kind !== 'subtree') return sql<boolean>`1 = 0`;
  const ref = sql.ref(column);
  return eb.or([
    eb.and([eb(ref, '>=', scope.path), eb(ref, '<', subtreeEnd(scope.path))]),
    eb(ref, 'in', pathAndAncestors(scope.path)),
  ]);
}

/** A path range condition for `column` within the actor's subtree. */
export function inScope<D, T extends keyof D>(eb: ExpressionBuilder<D, T>, column: string, scope: Scope) {
  if (scope.kind === 'all') return sql<boolean>`1 = 1`;
  if (scope.kind !== 'subtree') return sql<boolean>`1 = 0`;
  const ref = sql.ref(column);
  return eb.and([eb(ref, '>=', scope.path), eb(ref, '<', subtreeEnd(scope.path))]);
}

/** The round if the actor's scope reaches it (see roundVisible), else undefined. */
export async function findRoundInScope(db: Executor, scope: Scope, roundId: string): Promise<RoundRow | undefined> {
  return db.selectFrom('nat_rounds').selectAll()
    .where('id', '=', roundId)
    .where((eb) => roundVisible(eb, 'nat_rounds.node_path', scope))
    .executeTakeFirst();
}

/** A site if its place lies inside the actor's subtree, else undefined. */
export async function findSiteInScope(db: Executor, scope: Scope, siteId: string): Promise<SiteRow | undefined> {
  return db.selectFrom('nat_sites').selectAll()
    .where('id', '=', siteId)
    .where((eb) => inScope(eb, 'nat_sites.node_path', scope))
    .executeTakeFirst();
}

/** A desk with its site and round, if the site's place lies inside the actor's subtree, else undefined. */
export async function findDeskWithSite(db: Executor, scope: Scope, deskId: string): Promise<DeskWithSite | undefined> {
  const desk = await db.selectFrom('nat_desks').selectAll().where('id', '=', deskId).executeTakeFirst();
  if (!desk) return undefined;
  const site = await findSiteInScope(db, scope, desk.site_id);
  if (!site) return undefined;
  const round = await db.selectFrom('nat_rounds').selectAll().where('id', '=', desk.round_id).executeTakeFirstOrThrow();
  return { desk, site, round };
}

export interface NodeRef { id: string; path: string; name: string; level_code: string }

/** A jurisdiction node inside the actor's subtree, else undefined. */
export async function findNodeInScope(db: Executor, scope: Scope, nodeId: string): Promise<NodeRef | undefined> {
  return db.selectFrom('jurisdiction_nodes').select(['id', 'path', 'name', 'level_code'])
    .where('id', '=', nodeId)
    .where((eb) => inScope(eb, 'jurisdiction_nodes.path', scope))
    .executeTakeFirst();
}

/** Names of nodes by id, one query. */
export async function nodeNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('jurisdiction_nodes').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Rounds the actor sees (see roundVisible), newest first. */
export async function listRoundsInScope(db: Executor, scope: Scope): Promise<RoundRow[]> {
  return db.selectFrom('nat_rounds').selectAll()
    .where((eb) => roundVisible(eb, 'nat_rounds.node_path', scope))
    .orderBy('starts_on', 'desc').orderBy('number', 'desc').orderBy('id', 'desc')
    .limit(500)
    .execute();
}

/** Whether the actor may change the round itself (its subtree lies inside the actor's), not just look at it. */
export function ownsRound(scope: Scope, round: Pick<RoundRow, 'node_path'>): boolean {
  if (scope.kind === 'all') return true;
  return scope.kind === 'subtree' && round.node_path.startsWith(scope.path);
}
