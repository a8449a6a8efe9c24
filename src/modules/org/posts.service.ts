import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import { AreasRepository } from './areas.repository.ts';
import { OrgRefs, refNotFound, ruleError } from './org.scope.ts';
import { removeOrgRecord } from './org.remove.ts';
import type { PostMemberView, PostView, TPostInput, TPostListQuery, TPostMemberInput, TPostUpdateInput } from './org.schema.ts';
import { PostsRepository, type PostViewRow } from './posts.repository.ts';
import type { OrgDeps } from './units.service.ts';

/** Vanguard posts (党员先锋岗) inside responsibility areas, and the members who hold them. */
export class PostsService {
  constructor(private readonly deps: OrgDeps) {}

  private repo(ex: Executor = this.deps.db) {
    return new PostsRepository(ex);
  }

  async list(actor: Actor, query: TPostListQuery): Promise<PostView[]> {
    const scope = requirePermission(actor, 'org.read');
    return (await this.repo().list(scope, query)).map(strip);
  }

  async get(actor: Actor, id: string): Promise<PostView> {
    const scope = requirePermission(actor, 'org.read');
    const row = await this.repo().find(id, scope);
    if (!row) throw notFound('vanguard post');
    return strip(row);
  }

  async create(actor: Actor, input: TPostInput): Promise<PostView> {
    const scope = requirePermission(actor, 'org.write');
    const id = newId();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const area = await new AreasRepository(trx).find(input.areaId, scope);
      if (!area) throw refNotFound('areaId', 'responsibility area');
      const node = await new OrgRefs(trx).requireNode('nodeId', input.nodeId, scope);
      if (!node.path.startsWith(area.nodePath)) throw outsideArea();
      const at = this.deps.clock.now().toISOString();
      await repo.insert({
        id, name: input.name, area_id: input.areaId, node_id: input.nodeId, duty: input.duty ?? null, created_at: at, updated_at: at,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'post.create', entityType: 'post', entityId: id, scopePath: node.path, details: { ...input },
      });
      return strip((await repo.find(id, { kind: 'all' }))!);
    });
  }

  async update(actor: Actor, id: string, input: TPostUpdateInput): Promise<PostView> {
    const scope = requirePermission(actor, 'org.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('vanguard post');
      const areaChanged = !!input.areaId && input.areaId !== current.areaId;
      const nodeChanged = !!input.nodeId && input.nodeId !== current.nodeId;
      let path = current.nodePath;
      if (areaChanged || nodeChanged) {
        const areas = new AreasRepository(trx);
        const area = areaChanged ? await areas.find(input.areaId!, scope) : await areas.find(current.areaId, { kind: 'all' });
        if (!area) throw refNotFound('areaId', 'responsibility area');
        if (nodeChanged) path = (await new OrgRefs(trx).requireNode('nodeId', input.nodeId!, scope)).path;
        if (!path.startsWith(area.nodePath)) throw outsideArea();
      }
      await repo.update(id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.areaId !== undefined ? { area_id: input.areaId } : {}),
        ...(input.nodeId !== undefined ? { node_id: input.nodeId } : {}),
        ...(input.duty !== undefined ? { duty: input.duty } : {}),
        updated_at: this.deps.clock.now().toISOString(),
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'post.update', entityType: 'post', entityId: id, scopePath: path,
        details: { before: { name: current.name, areaId: current.areaId, nodeId: current.nodeId, duty: current.duty }, after: input },
      });
      return strip((await repo.find(id, { kind: 'all' }))!);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await removeOrgRecord(this.deps, actor, requirePermission(actor, 'org.write'), id, {
      label: 'vanguard post', repository: (trx) => this.repo(trx),
      audit: (p) => ({ action: 'post.delete', entityType: 'post', entityId: id, scopePath: p.nodePath, details: { name: p.name } }),
    });
  }

  async listMembers(actor: Actor, postId: string): Promise<PostMemberView[]> {
    const scope = requirePermission(actor, 'org.read');
    const repo = this.repo();
    if (!(await repo.find(postId, scope))) throw notFound('vanguard post');
    return repo.listMembers(postId);
  }

  /** Idempotent: the same person again only updates the role (and writes no audit row if nothing changed). */
  async addMember(actor: Actor, postId: string, input: TPostMemberInput): Promise<PostMemberView> {
    const scope = requirePermission(actor, 'org.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const post = await repo.find(postId, scope);
      if (!post) throw notFound('vanguard post');
      const existing = await repo.findMember(postId, input.personId);
      if (existing?.role === input.role) return existing;
      if (existing) {
        await repo.updateMemberRole(postId, input.personId, input.role);
      } else {
        await new OrgRefs(trx).requirePerson('personId', input.personId, scope);
        await repo.insertMember({ post_id: postId, person_id: input.personId, role: input.role, created_at: this.deps.clock.now().toISOString() });
      }
      await recordAudit(trx, this.deps.clock, actor, {
        action: existing ? 'post.member_update' : 'post.member_add', entityType: 'post', entityId: postId, scopePath: post.nodePath,
        details: { personId: input.personId, role: input.role, ...(existing ? { previousRole: existing.role } : {}) },
      });
      return (await repo.findMember(postId, input.personId))!;
    });
  }

  async removeMember(actor: Actor, postId: string, personId: string): Promise<void> {
    const scope = requirePermission(actor, 'org.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const post = await repo.find(postId, scope);
      if (!post) throw notFound('vanguard post');
      const member = await repo.findMember(postId, personId);
      if (!member) throw notFound('post member');
      await repo.deleteMember(postId, personId);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'post.member_remove', entityType: 'post', entityId: postId, scopePath: post.nodePath,
        details: { personId, role: member.role },
      });
    });
  }
}

function outsideArea() {
  return ruleError('nodeId', 'org.post_outside_area', 'a post must lie inside its responsibility area');
}

function strip(row: PostViewRow): PostView {
  const { nodePath: _path, ...view } = row;
  return view;
}
