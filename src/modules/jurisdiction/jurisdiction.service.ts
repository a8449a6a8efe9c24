import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { JurisdictionRepository, type NodeRow } from './jurisdiction.repository.ts';
import type {
  JurisdictionLevel, JurisdictionNode, JurisdictionNodeDetail, NodeSearchHit, TLevelInput, TNodeCreateInput,
  TNodeMoveInput, TNodeUpdateInput,
} from './jurisdiction.schema.ts';

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

export interface JurisdictionDeps {
  db: Db;
  clock: Clock;
}

/** The jurisdiction tree: district → street → community → compound → building → entrance → household. */
export class JurisdictionService {
  constructor(private readonly deps: JurisdictionDeps) {}

  private repo(ex: Executor = this.deps.db) {
    return new JurisdictionRepository(ex);
  }

  /** `ex` lets an import read levels inside its own transaction. */
  async listLevels(actor: Actor, ex: Executor = this.deps.db): Promise<JurisdictionLevel[]> {
    requirePermission(actor, 'tree.read');
    return this.repo(ex).listLevels();
  }

  async saveLevel(actor: Actor, input: TLevelInput): Promise<JurisdictionLevel> {
    requirePermission(actor, 'levels.write');
    const at = this.deps.clock.now().toISOString();
    await this.deps.db.transaction().execute(async (trx) => {
      await this.repo(trx).upsertLevel(input, at);
      await recordAudit(trx, this.deps.clock, actor, { action: 'level.save', entityType: 'level', details: { ...input } });
    });
    return input;
  }

  async deleteLevel(actor: Actor, code: string): Promise<void> {
    requirePermission(actor, 'levels.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (!(await repo.findLevel(code))) throw notFound('level');
      const used = await repo.countNodesAtLevel(code);
      if (used > 0) throw new AppError('HAS_DEPENDENTS', `${used} nodes use level ${code}`, [{ message: `nodes: ${used}` }]);
      await repo.deleteLevel(code);
      await recordAudit(trx, this.deps.clock, actor, { action: 'level.delete', entityType: 'level', details: { code } });
    });
  }

  /** The top of the tree as this actor sees it: its own node, or the roots for an administrator. */
  async listTop(actor: Actor): Promise<JurisdictionNode[]> {
    const scope = this.readScope(actor);
    const repo = this.repo();
    if (scope.kind === 'all') return repo.listRoots();
    if (scope.kind === 'subtree' && actor.nodeId) return repo.listByIds([actor.nodeId]);
    return [];
  }

  async listChildren(actor: Actor, parentId: string): Promise<JurisdictionNode[]> {
    const scope = this.readScope(actor);
    const repo = this.repo();
    if (!(await repo.findNode(parentId, scope))) throw notFound('node');
    return repo.listChildren(parentId);
  }

  async get(actor: Actor, id: string): Promise<JurisdictionNodeDetail> {
    const scope = this.readScope(actor);
    const repo = this.repo();
    const row = await repo.findNode(id, scope);
    if (!row) throw notFound('node');
    const [node] = await repo.listByIds([id]);
    const ancestorIds = row.path.split('/').filter(Boolean).slice(0, -1);
    const visible = this.visibleAncestorIds(actor, ancestorIds);
    const ancestors = await repo.findNodesByIds(visible);
    const byId = new Map(ancestors.map((a) => [a.id, a]));
    return {
      ...node,
      ancestors: visible.map((aid) => byId.get(aid)).filter((a): a is NodeRow => !!a)
        .map((a) => ({ id: a.id, name: a.name, levelCode: a.level_code })),
    };
  }

  async search(actor: Actor, q: string, limit: number): Promise<NodeSearchHit[]> {
    const scope = this.readScope(actor);
    const repo = this.repo();
    const rows = await repo.search(q, scope, limit);
    const ancestorIds = [...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean)))];
    const names = new Map((await repo.findNodesByIds(ancestorIds)).map((a) => [a.id, a.name]));
    return rows.map((r) => ({
      id: r.id, name: r.name, levelCode: r.level_code,
      pathNames: this.visibleAncestorIds(actor, r.path.split('/').filter(Boolean)).map((x) => names.get(x) ?? '?'),
    }));
  }

  async create(actor: Actor, input: TNodeCreateInput): Promise<JurisdictionNode> {
    const scope = requirePermission(actor, 'tree.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const id = await this.createIn(trx, actor, scope, input);
      return (await this.repo(trx).listByIds([id]))[0];
    });
  }

  /**
   * One spreadsheet row inside the import's transaction: a node is matched by parent + name, so importing
   * the same sheet twice changes nothing.
   */
  async importOne(actor: Actor, ex: Executor, input: Omit<TNodeCreateInput, 'id'>): Promise<{ id: string; outcome: ImportOutcome }> {
    const scope = requirePermission(actor, 'tree.write');
    const repo = this.repo(ex);
    const existing = await repo.findChildByName(input.parentId, input.name);
    if (!existing) return { id: await this.createIn(ex, actor, scope, input), outcome: 'created' };
    if (!(await repo.findNode(existing.id, scope))) throw notFound('node');
    if (existing.level_code !== input.levelCode) {
      throw new AppError('INVALID_LEVEL', `exists as ${existing.level_code}`, [{ path: 'levelCode', message: `exists as ${existing.level_code}` }]);
    }
    if ((input.code ?? null) === existing.code) return { id: existing.id, outcome: 'unchanged' };
    await repo.updateNode(existing.id, { code: input.code ?? null, updated_at: this.deps.clock.now().toISOString() });
    await recordAudit(ex, this.deps.clock, actor, {
      action: 'node.update', entityType: 'node', entityId: existing.id, scopePath: existing.path, details: { code: input.code },
    });
    return { id: existing.id, outcome: 'updated' };
  }

  private async createIn(ex: Executor, actor: Actor, scope: Scope, input: TNodeCreateInput): Promise<string> {
    const repo = this.repo(ex);
    const id = input.id ?? newId();
    if (input.id && (await repo.findNode(id, scope))) return id; // a retried create answers with what it made
    const level = await repo.findLevel(input.levelCode);
    if (!level) throw new AppError('VALIDATION', 'unknown level', [{ path: 'levelCode', message: 'level.unknown' }]);
    let parent: NodeRow | undefined;
    if (input.parentId === null) {
      if (scope.kind !== 'all') throw new AppError('FORBIDDEN', 'only an administrator creates top-level nodes');
    } else {
      parent = await repo.findNode(input.parentId, scope);
      if (!parent) throw new AppError('NOT_FOUND', 'parent node not found', [{ path: 'parentId', message: 'ref.not_found' }]);
      const parentLevel = await repo.findLevel(parent.level_code);
      if (parentLevel && parentLevel.rank >= level.rank) {
        throw new AppError('INVALID_LEVEL', `${level.code} cannot sit under ${parentLevel.code}`, [{ path: 'levelCode', message: 'level.below_parent' }]);
      }
    }
    if (await repo.findChildByName(input.parentId, input.name)) {
      throw new AppError('CONFLICT', 'a sibling has this name', [{ path: 'name', message: 'name.taken' }]);
    }
    const at = this.deps.clock.now().toISOString();
    const path = `${parent?.path ?? '/'}${id}/`;
    await repo.insertNode({
      id, parent_id: input.parentId, level_code: input.levelCode, name: input.name, code: input.code ?? null,
      path, depth: (parent?.depth ?? -1) + 1, created_at: at, updated_at: at,
    });
    await recordAudit(ex, this.deps.clock, actor, {
      action: 'node.create', entityType: 'node', entityId: id, scopePath: path,
      details: { name: input.name, levelCode: input.levelCode, parentId: input.parentId },
    });
    return id;
  }

  async update(actor: Actor, id: string, input: TNodeUpdateInput): Promise<JurisdictionNode> {
    const scope = requirePermission(actor, 'tree.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const row = await repo.findNode(id, scope);
      if (!row) throw notFound('node');
      if (input.name && input.name !== row.name) {
        const clash = await repo.findChildByName(row.parent_id, input.name);
        if (clash) throw new AppError('CONFLICT', 'a sibling has this name', [{ path: 'name', message: 'name.taken' }]);
      }
      const patch = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.code !== undefined ? { code: input.code } : {}),
        updated_at: this.deps.clock.now().toISOString(),
      };
      await repo.updateNode(id, patch);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'node.update', entityType: 'node', entityId: id, scopePath: row.path,
        details: { before: { name: row.name, code: row.code }, after: input },
      });
      return (await repo.listByIds([id]))[0];
    });
  }

  async move(actor: Actor, id: string, input: TNodeMoveInput): Promise<JurisdictionNode> {
    const scope = requirePermission(actor, 'tree.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const row = await repo.findNode(id, scope);
      if (!row) throw notFound('node');
      if (actor.nodeId === id) throw new AppError('INVALID_MOVE', 'an account cannot move its own top node');
      const target = await repo.findNode(input.newParentId, scope);
      if (!target) throw notFound('new parent');
      if (target.path.startsWith(row.path)) throw new AppError('INVALID_MOVE', 'a node cannot move under itself or its descendants');
      if (target.id === row.parent_id) return (await repo.listByIds([id]))[0];
      const [level, targetLevel] = [await repo.findLevel(row.level_code), await repo.findLevel(target.level_code)];
      if (level && targetLevel && targetLevel.rank >= level.rank) {
        throw new AppError('INVALID_LEVEL', `${row.level_code} cannot sit under ${target.level_code}`);
      }
      if (await repo.findChildByName(target.id, row.name)) {
        throw new AppError('CONFLICT', 'the new parent already has a child with this name');
      }
      const newPath = `${target.path}${id}/`;
      const at = this.deps.clock.now().toISOString();
      await repo.moveSubtree(id, target.id, row.path, newPath, target.depth + 1 - row.depth, at);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'node.move', entityType: 'node', entityId: id, scopePath: newPath,
        details: { from: row.parent_id, to: target.id },
      });
      return (await repo.listByIds([id]))[0];
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const scope = requirePermission(actor, 'tree.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const row = await repo.findNode(id, scope);
      if (!row) throw notFound('node');
      if (actor.nodeId === id) throw new AppError('FORBIDDEN', 'an account cannot delete its own top node');
      const children = await repo.countChildren(id);
      const dependents = await repo.countDependents(id);
      const blocking = Object.entries({ children, ...dependents }).filter(([, n]) => n > 0);
      if (blocking.length > 0) {
        throw new AppError('HAS_DEPENDENTS', `node still has ${blocking.map(([k, n]) => `${n} ${k}`).join(', ')}`,
          blocking.map(([k, n]) => ({ path: k, message: String(n) })));
      }
      await repo.deleteOwned(id);
      await repo.deleteNode(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'node.delete', entityType: 'node', entityId: id, scopePath: row.path, details: { name: row.name },
      });
    });
  }

  /** The actor's subtree in parent-before-child order, each row with its parent's full path of names. */
  async *exportRows(actor: Actor): AsyncGenerator<{ parentPath: string; levelCode: string; name: string; code: string | null }> {
    requirePermission(actor, 'data.export');
    const scope = this.readScope(actor);
    const repo = this.repo();
    const names = new Map<string, string>();
    const top = scope.kind === 'subtree' ? scope.path : null;
    if (top) for (const a of await repo.findNodesByIds(top.split('/').filter(Boolean))) names.set(a.id, a.name);
    for await (const row of repo.streamSubtree(top)) {
      names.set(row.id, row.name);
      const parentIds = row.path.split('/').filter(Boolean).slice(0, -1);
      yield { parentPath: parentIds.map((id) => names.get(id) ?? '').join('/'), levelCode: row.level_code, name: row.name, code: row.code };
    }
  }

  /** Finds a node by its names from the top of the tree ('新城区/东街街道/幸福社区'), within the actor's reach. */
  async resolvePath(actor: Actor, ex: Executor, names: string[]): Promise<NodeRow | undefined> {
    const scope = this.readScope(actor);
    const repo = this.repo(ex);
    let node: NodeRow | undefined;
    for (const name of names) {
      node = await repo.findChildByName(node?.id ?? null, name);
      if (!node) return undefined;
    }
    return node && (await repo.findNode(node.id, scope));
  }

  /** Unit-bound accounts read the whole tree (to pick where their people live) but change none of it. */
  private readScope(actor: Actor): Scope {
    const scope = requirePermission(actor, 'tree.read');
    return scope.kind === 'unit' ? { kind: 'all' } : scope;
  }

  private visibleAncestorIds(actor: Actor, ids: string[]): string[] {
    if (!actor.nodeId || actor.role === 'admin') return ids;
    // Every node in reach has the actor's node on its path; when it is not among the ancestors the node is the
    // actor's own top node, and nothing above it is shown.
    const at = ids.indexOf(actor.nodeId);
    return at >= 0 ? ids.slice(at) : [];
  }
}
