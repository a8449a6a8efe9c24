import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { AreasRepository, type AreaViewRow } from './areas.repository.ts';
import { OrgRefs, refNotFound, ruleError } from './org.scope.ts';
import { removeOrgRecord } from './org.remove.ts';
import { BRANCH_KINDS, type AreaView, type TAreaInput, type TAreaListQuery, type TAreaUpdateInput } from './org.schema.ts';
import { PartyOrgsRepository } from './party-orgs.repository.ts';
import type { OrgDeps } from './units.service.ts';

/** Responsibility areas (党员责任区): the third level, each answered for by a branch. */
export class AreasService {
  constructor(private readonly deps: OrgDeps) {}

  private repo(ex: Executor = this.deps.db) {
    return new AreasRepository(ex);
  }

  async list(actor: Actor, query: TAreaListQuery): Promise<AreaView[]> {
    const scope = requirePermission(actor, 'org.read');
    let nodePath: string | undefined;
    if (query.nodeId) {
      nodePath = await new OrgRefs(this.deps.db).nodePath(query.nodeId);
      if (!nodePath) return [];
    }
    return (await this.repo().list(scope, { branchId: query.branchId, nodePath })).map(strip);
  }

  async get(actor: Actor, id: string): Promise<AreaView> {
    const scope = requirePermission(actor, 'org.read');
    const row = await this.repo().find(id, scope);
    if (!row) throw notFound('responsibility area');
    return strip(row);
  }

  async create(actor: Actor, input: TAreaInput): Promise<AreaView> {
    const scope = requirePermission(actor, 'org.write');
    const id = newId();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const refs = new OrgRefs(trx);
      await this.checkBranch(trx, scope, input.branchId);
      const node = await refs.requireNode('nodeId', input.nodeId, scope);
      await refs.requirePerson('leaderPersonId', input.leaderPersonId, scope);
      const at = this.deps.clock.now().toISOString();
      await repo.insert({
        id, name: input.name, node_id: input.nodeId, branch_id: input.branchId,
        leader_person_id: input.leaderPersonId ?? null, created_at: at, updated_at: at,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'area.create', entityType: 'area', entityId: id, scopePath: node.path, details: { ...input },
      });
      return strip((await repo.find(id, { kind: 'all' }))!);
    });
  }

  async update(actor: Actor, id: string, input: TAreaUpdateInput): Promise<AreaView> {
    const scope = requirePermission(actor, 'org.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const refs = new OrgRefs(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('responsibility area');
      if (input.branchId && input.branchId !== current.branchId) await this.checkBranch(trx, scope, input.branchId);
      let path = current.nodePath;
      if (input.nodeId && input.nodeId !== current.nodeId) {
        path = (await refs.requireNode('nodeId', input.nodeId, scope)).path;
        const outside = await repo.countPostsOutside(id, path);
        if (outside > 0) throw ruleError('nodeId', 'org.posts_outside_area', `${outside} posts would lie outside the area`);
      }
      if (input.leaderPersonId && input.leaderPersonId !== current.leaderPersonId) {
        await refs.requirePerson('leaderPersonId', input.leaderPersonId, scope);
      }
      await repo.update(id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.nodeId !== undefined ? { node_id: input.nodeId } : {}),
        ...(input.branchId !== undefined ? { branch_id: input.branchId } : {}),
        ...(input.leaderPersonId !== undefined ? { leader_person_id: input.leaderPersonId } : {}),
        updated_at: this.deps.clock.now().toISOString(),
      });
      // A liaison reaches areas through its unit's branches, so a new branch must keep the area in reach.
      if (!(await repo.find(id, scope))) throw refNotFound('branchId', 'branch');
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'area.update', entityType: 'area', entityId: id, scopePath: path,
        details: { before: { name: current.name, nodeId: current.nodeId, branchId: current.branchId, leaderPersonId: current.leaderPersonId }, after: input },
      });
      return strip((await repo.find(id, { kind: 'all' }))!);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await removeOrgRecord(this.deps, actor, requirePermission(actor, 'org.write'), id, {
      label: 'responsibility area', repository: (trx) => this.repo(trx),
      audit: (a) => ({ action: 'area.delete', entityType: 'area', entityId: id, scopePath: a.nodePath, details: { name: a.name } }),
    });
  }

  /** The area's branch must be within reach and be a branch or temporary branch. */
  private async checkBranch(ex: Executor, scope: Scope, branchId: string): Promise<void> {
    const branch = await new PartyOrgsRepository(ex).find(branchId, scope);
    if (!branch) throw refNotFound('branchId', 'branch');
    if (!BRANCH_KINDS.includes(branch.kind)) throw ruleError('branchId', 'org.branch_kind', `a ${branch.kind} does not hold responsibility areas`);
  }
}

function strip(row: AreaViewRow): AreaView {
  const { nodePath: _path, ...view } = row;
  return view;
}
