import type { Executor } from '../../platform/db/database.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import type { Reporter } from './reports.scope.ts';

export interface NodeInfo {
  id: string;
  name: string;
  path: string;
  levelCode: string;
  parentId: string | null;
}

export interface Recipient {
  accountId: string;
  nodeId: string | null;
  unitId: string | null;
}

const CHUNK = 500;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Places, units and accounts as the reports module needs them. */
export class ReportersRepository {
  constructor(private readonly ex: Executor) {}

  /** A node within the scope (out of reach reads as not found); unit-bound actors reach no node. */
  async node(id: string, scope: Scope): Promise<NodeInfo | undefined> {
    let q = this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name', 'path', 'level_code', 'parent_id']).where('id', '=', id);
    if (scope.kind === 'subtree') q = q.where('path', '>=', scope.path).where('path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') return undefined;
    const r = await q.executeTakeFirst();
    return r && { id: r.id, name: r.name, path: r.path, levelCode: r.level_code, parentId: r.parent_id };
  }

  async nodesByIds(ids: string[]): Promise<NodeInfo[]> {
    if (ids.length === 0) return [];
    const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name', 'path', 'level_code', 'parent_id'])
      .where('id', 'in', ids).execute();
    return rows.map((r) => ({ id: r.id, name: r.name, path: r.path, levelCode: r.level_code, parentId: r.parent_id }));
  }

  /** Top nodes, for an administrator's roll-up of everything. */
  async roots(): Promise<NodeInfo[]> {
    const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name', 'path', 'level_code', 'parent_id'])
      .where('parent_id', 'is', null).orderBy('name').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, path: r.path, levelCode: r.level_code, parentId: r.parent_id }));
  }

  async children(parentId: string | null): Promise<NodeInfo[]> {
    let q = this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name', 'path', 'level_code', 'parent_id']);
    q = parentId === null ? q.where('parent_id', 'is', null) : q.where('parent_id', '=', parentId);
    const rows = await q.orderBy('name').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, path: r.path, levelCode: r.level_code, parentId: r.parent_id }));
  }

  async levelNames(): Promise<Map<string, { zh: string; en: string }>> {
    const rows = await this.ex.selectFrom('jurisdiction_levels').select(['code', 'name_zh', 'name_en']).execute();
    return new Map(rows.map((r) => [r.code, { zh: r.name_zh, en: r.name_en }]));
  }

  async unit(id: string): Promise<{ id: string; name: string; nodePath: string | null } | undefined> {
    const r = await this.ex.selectFrom('units as u').leftJoin('jurisdiction_nodes as n', 'n.id', 'u.node_id')
      .select(['u.id', 'u.name', 'n.path']).where('u.id', '=', id).executeTakeFirst();
    return r && { id: r.id, name: r.name, nodePath: r.path };
  }

  async existingUnitIds(ids: string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks(ids)) {
      for (const r of await this.ex.selectFrom('units').select('id').where('id', 'in', part).execute()) found.add(r.id);
    }
    return found;
  }

  async reporterNode(id: string, scope: Scope): Promise<Reporter | undefined> {
    const n = await this.node(id, scope);
    return n && { kind: 'node', id: n.id, name: n.name, path: n.path, levelCode: n.levelCode };
  }

  async reporterUnit(id: string): Promise<Reporter | undefined> {
    const u = await this.unit(id);
    return u && { kind: 'unit', id: u.id, name: u.name, nodePath: u.nodePath };
  }

  /** Active accounts of roles that submit reports, bound to the given places or units. */
  async recipients(nodeIds: string[], unitIds: string[], roles: string[]): Promise<Recipient[]> {
    const out: Recipient[] = [];
    const base = () => this.ex.selectFrom('accounts').select(['id', 'node_id', 'unit_id']).where('active', '=', 1).where('role', 'in', roles);
    for (const part of chunks(nodeIds)) {
      for (const r of await base().where('node_id', 'in', part).orderBy('id').execute()) out.push({ accountId: r.id, nodeId: r.node_id, unitId: null });
    }
    for (const part of chunks(unitIds)) {
      for (const r of await base().where('unit_id', 'in', part).orderBy('id').execute()) out.push({ accountId: r.id, nodeId: null, unitId: r.unit_id });
    }
    return out;
  }
}
