import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';

// How far an actor reaches into the organisation, as SQL. Every function returns a sub-query of the ids an
// actor reaches, to be used as `WHERE x.id IN (...)`; callers skip it for the 'all' scope.
//   subtree: units located in the subtree; party orgs placed there or whose unit is located there;
//            areas and posts placed there; people living there or whose unit is located there.
//   unit:    the liaison's own unit, its party orgs, the areas of those orgs and the posts of those areas,
//            and the unit's people.

type NotAll = Exclude<Scope, { kind: 'all' }>;

const never = sql<boolean>`1 = 0`;

export function nodeIdsInSubtree(ex: Executor, path: string) {
  return ex.selectFrom('jurisdiction_nodes').select('jurisdiction_nodes.id')
    .where('jurisdiction_nodes.path', '>=', path).where('jurisdiction_nodes.path', '<', subtreeEnd(path));
}

/** Units located in a subtree. */
export function unitIdsInSubtree(ex: Executor, path: string) {
  return ex.selectFrom('units').select('units.id').where('units.node_id', 'in', nodeIdsInSubtree(ex, path));
}

export function visibleUnitIds(ex: Executor, scope: NotAll) {
  const q = ex.selectFrom('units').select('units.id');
  if (scope.kind === 'subtree') return q.where('units.node_id', 'in', nodeIdsInSubtree(ex, scope.path));
  if (scope.kind === 'unit') return q.where('units.id', '=', scope.unitId);
  return q.where(never);
}

/** Party orgs placed in a subtree or belonging to a unit located there. */
export function orgIdsInSubtree(ex: Executor, path: string) {
  return ex.selectFrom('party_orgs').select('party_orgs.id').where((eb) => eb.or([
    eb('party_orgs.node_id', 'in', nodeIdsInSubtree(ex, path)),
    eb('party_orgs.unit_id', 'in', unitIdsInSubtree(ex, path)),
  ]));
}

export function visibleOrgIds(ex: Executor, scope: NotAll) {
  if (scope.kind === 'subtree') return orgIdsInSubtree(ex, scope.path);
  const q = ex.selectFrom('party_orgs').select('party_orgs.id');
  if (scope.kind === 'unit') return q.where('party_orgs.unit_id', '=', scope.unitId);
  return q.where(never);
}

export function visibleAreaIds(ex: Executor, scope: NotAll) {
  const q = ex.selectFrom('responsibility_areas').select('responsibility_areas.id');
  if (scope.kind === 'subtree') return q.where('responsibility_areas.node_id', 'in', nodeIdsInSubtree(ex, scope.path));
  if (scope.kind === 'unit') return q.where('responsibility_areas.branch_id', 'in', visibleOrgIds(ex, scope));
  return q.where(never);
}

export function visiblePostIds(ex: Executor, scope: NotAll) {
  const q = ex.selectFrom('vanguard_posts').select('vanguard_posts.id');
  if (scope.kind === 'subtree') return q.where('vanguard_posts.node_id', 'in', nodeIdsInSubtree(ex, scope.path));
  if (scope.kind === 'unit') return q.where('vanguard_posts.area_id', 'in', visibleAreaIds(ex, scope));
  return q.where(never);
}

/** The same reach as the people module: home in the subtree or unit located there; a liaison: its unit's people. */
export function visiblePersonIds(ex: Executor, scope: NotAll) {
  const q = ex.selectFrom('people').select('people.id');
  if (scope.kind === 'subtree') {
    return q.where((eb) => eb.or([
      eb('people.home_node_id', 'in', nodeIdsInSubtree(ex, scope.path)),
      eb('people.unit_id', 'in', unitIdsInSubtree(ex, scope.path)),
    ]));
  }
  if (scope.kind === 'unit') return q.where('people.unit_id', '=', scope.unitId);
  return q.where(never);
}

export interface NodeRef {
  id: string;
  name: string;
  path: string;
}

/** NOT_FOUND naming the field that pointed at something missing or out of reach. */
export function refNotFound(field: string, what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`, [{ path: field, message: 'not found, or outside your jurisdiction' }]);
}

export function ruleError(field: string, message: string, text?: string): AppError {
  return new AppError('VALIDATION', text ?? message, [{ path: field, message }]);
}

/** Looks up what a write points at, within the actor's reach. */
export class OrgRefs {
  constructor(private readonly ex: Executor) {}

  /**
   * A node a record may be placed at. Place-bound accounts: inside their subtree. Unit liaisons: anywhere,
   * since a unit sets up temporary branches, areas and posts in the communities it is sent down to.
   */
  async node(id: string, scope: Scope): Promise<NodeRef | undefined> {
    let q = this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name', 'path']).where('id', '=', id);
    if (scope.kind === 'subtree') q = q.where('path', '>=', scope.path).where('path', '<', subtreeEnd(scope.path));
    else if (scope.kind === 'none') return undefined;
    return q.executeTakeFirst();
  }

  async nodePath(id: string): Promise<string | undefined> {
    return (await this.ex.selectFrom('jurisdiction_nodes').select('path').where('id', '=', id).executeTakeFirst())?.path;
  }

  async unit(id: string, scope: Scope): Promise<{ id: string; name: string; path: string | null } | undefined> {
    let q = this.ex.selectFrom('units as u').leftJoin('jurisdiction_nodes as n', 'n.id', 'u.node_id')
      .select(['u.id', 'u.name', 'n.path']).where('u.id', '=', id);
    if (scope.kind !== 'all') q = q.where('u.id', 'in', visibleUnitIds(this.ex, scope));
    return q.executeTakeFirst();
  }

  async person(id: string, scope: Scope): Promise<{ id: string; name: string } | undefined> {
    let q = this.ex.selectFrom('people').select(['people.id', 'people.name']).where('people.id', '=', id);
    if (scope.kind !== 'all') q = q.where('people.id', 'in', visiblePersonIds(this.ex, scope));
    return q.executeTakeFirst();
  }

  /** Throws NOT_FOUND naming `field` unless the person is within reach. */
  async requirePerson(field: string, id: string | null | undefined, scope: Scope): Promise<void> {
    if (id && !(await this.person(id, scope))) throw refNotFound(field, 'person');
  }

  async requireNode(field: string, id: string, scope: Scope): Promise<NodeRef> {
    const node = await this.node(id, scope);
    if (!node) throw refNotFound(field, 'node');
    return node;
  }
}

/** Turns counts of dependent records into the HAS_DEPENDENTS refusal; never cascades. */
export function refuseIfDependents(what: string, counts: Record<string, number>): void {
  const blocking = Object.entries(counts).filter(([, n]) => n > 0);
  if (blocking.length === 0) return;
  throw new AppError('HAS_DEPENDENTS', `${what} still has ${blocking.map(([k, n]) => `${n} ${k}`).join(', ')}`,
    blocking.map(([k, n]) => ({ path: k, message: String(n) })));
}

export async function countWhere(
  ex: Executor,
  table: 'party_orgs' | 'responsibility_areas' | 'vanguard_posts' | 'post_members' | 'people' | 'accounts'
    | 'dispatch_batches' | 'unit_pairings' | 'assault_teams' | 'report_submissions' | 'report_reminders'
    | 'declaration_campaigns',
  column: string,
  value: string,
): Promise<number> {
  const r = await ex.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'))
    .where(sql.ref(column), '=', value).executeTakeFirstOrThrow();
  return Number(r.n);
}
