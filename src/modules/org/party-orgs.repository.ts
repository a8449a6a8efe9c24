import type { Executor } from '../../platform/db/database.ts';
import type { PartyOrgTable } from '../../platform/db/schema.ts';
import type { Scope } from '../../platform/policy.ts';
import { countWhere, orgIdsInSubtree, visibleOrgIds } from './org.scope.ts';
import type { PartyOrgKind, PartyOrgView, PlaceKind, TPartyOrgListQuery } from './org.schema.ts';

export type PartyOrgRow = PartyOrgTable;
/** The view plus what the service needs for rules and audit rows. */
export type PartyOrgViewRow = PartyOrgView & { scopePath: string | null };

/** Every SQL statement about party organisations (党组, 党委, 党支部, 临时党支部, 临时党小组). */
export class PartyOrgsRepository {
  constructor(private readonly ex: Executor) {}

  private scoped(scope: Scope) {
    let q = this.ex.selectFrom('party_orgs as po')
      .leftJoin('units as u', 'u.id', 'po.unit_id')
      .leftJoin('jurisdiction_nodes as un', 'un.id', 'u.node_id')
      .leftJoin('party_orgs as pp', 'pp.id', 'po.parent_id')
      .leftJoin('jurisdiction_nodes as n', 'n.id', 'po.node_id')
      .leftJoin('people as s', 's.id', 'po.secretary_person_id')
      .selectAll('po')
      .select(['u.name as unit_name', 'un.path as unit_path', 'pp.name as parent_name', 'n.name as node_name', 'n.path as node_path', 's.name as secretary_name']);
    if (scope.kind !== 'all') q = q.where('po.id', 'in', visibleOrgIds(this.ex, scope));
    return q;
  }

  async list(scope: Scope, query: Omit<TPartyOrgListQuery, 'nodeId'> & { nodePath?: string }): Promise<PartyOrgViewRow[]> {
    let q = this.scoped(scope).orderBy('po.name').orderBy('po.id');
    if (query.kind) q = q.where('po.kind', '=', query.kind);
    if (query.unitId) q = q.where('po.unit_id', '=', query.unitId);
    if (query.nodePath) q = q.where('po.id', 'in', orgIdsInSubtree(this.ex, query.nodePath));
    return (await q.execute()).map(toView);
  }

  async find(id: string, scope: Scope): Promise<PartyOrgViewRow | undefined> {
    const r = await this.scoped(scope).where('po.id', '=', id).executeTakeFirst();
    return r && toView(r);
  }

  async findKind(id: string): Promise<PartyOrgKind | undefined> {
    const r = await this.ex.selectFrom('party_orgs').select('kind').where('id', '=', id).executeTakeFirst();
    return r?.kind as PartyOrgKind | undefined;
  }

  /** Every org below `id`, however deep (a recursive query; UNION stops on a cycle). */
  async descendantIds(id: string): Promise<string[]> {
    const rows = await this.ex
      .withRecursive('below(id)', (db) => db
        .selectFrom('party_orgs').select('party_orgs.id').where('party_orgs.parent_id', '=', id)
        .union((eb) => eb.selectFrom('party_orgs as c').innerJoin('below', 'below.id', 'c.parent_id').select('c.id')))
      .selectFrom('below').select('below.id')
      .execute();
    return rows.map((r) => r.id);
  }

  async childKinds(id: string): Promise<PartyOrgKind[]> {
    const rows = await this.ex.selectFrom('party_orgs').select('kind').distinct().where('parent_id', '=', id).execute();
    return rows.map((r) => r.kind as PartyOrgKind);
  }

  async countAreas(id: string): Promise<number> {
    return countWhere(this.ex, 'responsibility_areas', 'branch_id', id);
  }

  async insert(row: PartyOrgRow): Promise<void> {
    await this.ex.insertInto('party_orgs').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<PartyOrgRow, 'id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('party_orgs').set(patch).where('id', '=', id).execute();
  }

  async delete(id: string): Promise<void> {
    await this.ex.deleteFrom('party_orgs').where('id', '=', id).execute();
  }

  /** Records that point at an org; an org with any of them cannot be deleted. */
  async countDependents(id: string): Promise<Record<string, number>> {
    return {
      childOrgs: await countWhere(this.ex, 'party_orgs', 'parent_id', id),
      areas: await countWhere(this.ex, 'responsibility_areas', 'branch_id', id),
      people: await countWhere(this.ex, 'people', 'branch_id', id),
    };
  }
}

function toView(r: PartyOrgRow & {
  unit_name: string | null; unit_path: string | null; parent_name: string | null; node_name: string | null;
  node_path: string | null; secretary_name: string | null;
}): PartyOrgViewRow {
  return {
    id: r.id, kind: r.kind as PartyOrgKind, name: r.name,
    unitId: r.unit_id, unitName: r.unit_name,
    parentId: r.parent_id, parentName: r.parent_name,
    nodeId: r.node_id, nodeName: r.node_name,
    placeKind: r.place_kind as PlaceKind | null, placeName: r.place_name,
    startsOn: r.starts_on, endsOn: r.ends_on,
    secretaryPersonId: r.secretary_person_id, secretaryName: r.secretary_name,
    createdAt: r.created_at, updatedAt: r.updated_at,
    scopePath: r.node_path ?? r.unit_path,
  };
}
