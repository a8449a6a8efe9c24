import { recordAudit } from '../../platform/audit.ts';
import { isMainlandMobile } from '../../platform/id-number.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { setTeamMember } from './assignment.service.ts';
import { refNotFound } from './dispatch.service.ts';
import type { MobilizationDeps } from './dispatch.views.ts';
import { ReachRepository, type NodeRef } from './reach.repository.ts';
import { TeamsRepository, type TeamViewRow } from './teams.repository.ts';
import type {
  ReachPerson, TeamDetail, TeamMemberView, TeamView, TReachPeopleQuery, TTeamInput, TTeamListQuery, TTeamMemberInput, TTeamUpdateInput,
} from './teams.schema.ts';

/**
 * 党员突击队 / 青年突击队: standing teams with a leader, a deputy and members. A place-bound account forms
 * teams serving in its subtree; a unit liaison forms its unit's teams wherever they serve.
 */
export class TeamsService {
  constructor(private readonly deps: MobilizationDeps) {}

  async list(actor: Actor, query: TTeamListQuery): Promise<TeamView[]> {
    const scope = requirePermission(actor, 'mobilization.read');
    const nodePath = await new ReachRepository(this.deps.db).pathFilter(query.nodeId);
    if (nodePath === null) return [];
    return (await new TeamsRepository(this.deps.db).list(scope, { kind: query.kind, nodePath })).map(strip);
  }

  /**
   * People within mobilisation reach: those living in (or whose unit is located in) the area, and those
   * dispatched into it — a community records pledges and team places for people other units sent it.
   */
  async reachablePeople(actor: Actor, query: TReachPeopleQuery): Promise<ReachPerson[]> {
    const scope = requirePermission(actor, 'mobilization.read');
    const q = query.q || undefined;
    const phone = q && isMainlandMobile(q) ? this.deps.cipher.blindIndex(q, 'phone') : undefined;
    return new ReachRepository(this.deps.db).searchPeople(scope, { nameLike: phone ? undefined : q, phoneHash: phone, limit: query.limit });
  }

  async get(actor: Actor, id: string): Promise<TeamDetail> {
    const scope = requirePermission(actor, 'mobilization.read');
    const repo = new TeamsRepository(this.deps.db);
    const team = await repo.find(id, scope);
    if (!team) throw notFound('team');
    return { ...strip(team), members: await repo.listMembers(id) };
  }

  async create(actor: Actor, input: TTeamInput): Promise<TeamDetail> {
    const scope = requirePermission(actor, 'mobilization.write');
    const id = input.id ?? newId();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new TeamsRepository(trx);
      if (input.id && (await this.exists(trx, id))) {
        const mine = await repo.find(id, scope);
        if (!mine) throw new AppError('CONFLICT', 'id already used', [{ path: 'id', message: 'already used' }]);
        return { ...strip(mine), members: await repo.listMembers(id) };
      }
      const node = await this.place(trx, scope, input.nodeId);
      const unitId = await this.unit(trx, scope, input.unitId);
      const reach = new ReachRepository(trx);
      for (const field of ['leaderPersonId', 'deputyPersonId'] as const) {
        const personId = input[field];
        if (personId && !(await reach.person(personId, scope))) throw refNotFound(field, 'person');
      }
      const at = this.deps.clock.now().toISOString();
      await repo.insert({ id, kind: input.kind, name: input.name, node_id: node.id, unit_id: unitId, duty: input.duty ?? null, created_at: at, updated_at: at });
      if (input.leaderPersonId) await setTeamMember(trx, id, input.leaderPersonId, 'leader', at);
      if (input.deputyPersonId) await setTeamMember(trx, id, input.deputyPersonId, 'deputy', at);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'team.create', entityType: 'team', entityId: id, scopePath: node.path,
        details: { kind: input.kind, name: input.name, nodeId: node.id, unitId, leaderPersonId: input.leaderPersonId ?? null, deputyPersonId: input.deputyPersonId ?? null },
      });
      const team = (await repo.find(id, { kind: 'all' }))!;
      return { ...strip(team), members: await repo.listMembers(id) };
    });
  }

  async update(actor: Actor, id: string, input: TTeamUpdateInput): Promise<TeamDetail> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new TeamsRepository(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('team');
      const path = input.nodeId && input.nodeId !== current.nodeId ? (await this.place(trx, scope, input.nodeId)).path : current.nodePath;
      const unitId = input.unitId !== undefined ? await this.unit(trx, scope, input.unitId) : current.unitId;
      const at = this.deps.clock.now().toISOString();
      const reach = new ReachRepository(trx);
      for (const [field, role] of [['leaderPersonId', 'leader'], ['deputyPersonId', 'deputy']] as const) {
        const personId = input[field];
        if (personId === undefined) continue;
        const holder = role === 'leader' ? current.leader : current.deputy;
        if (personId === null) {
          if (holder) await repo.setRole(id, holder.personId, 'member');
          continue;
        }
        if (!(await reach.person(personId, scope))) throw refNotFound(field, 'person');
        await setTeamMember(trx, id, personId, role, at);
      }
      await repo.update(id, {
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.nodeId !== undefined ? { node_id: input.nodeId } : {}),
        ...(input.duty !== undefined ? { duty: input.duty } : {}),
        unit_id: unitId, updated_at: at,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'team.update', entityType: 'team', entityId: id, scopePath: path,
        details: {
          before: { kind: current.kind, name: current.name, nodeId: current.nodeId, unitId: current.unitId, leader: current.leader?.personId ?? null, deputy: current.deputy?.personId ?? null },
          after: input,
        },
      });
      const team = (await repo.find(id, { kind: 'all' }))!;
      return { ...strip(team), members: await repo.listMembers(id) };
    });
  }

  /** Deleting a team removes its memberships (and assignments to it); pledges keep their place. */
  async remove(actor: Actor, id: string): Promise<void> {
    const scope = requirePermission(actor, 'mobilization.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new TeamsRepository(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('team');
      const members = await repo.listMembers(id);
      await repo.delete(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'team.delete', entityType: 'team', entityId: id, scopePath: current.nodePath,
        details: { name: current.name, kind: current.kind, members: members.map((m) => ({ personId: m.personId, role: m.role })) },
      });
    });
  }

  /** Idempotent: the same person again only changes the role (no audit row when nothing changed). */
  async addMember(actor: Actor, id: string, input: TTeamMemberInput): Promise<TeamMemberView> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new TeamsRepository(trx);
      const team = await repo.find(id, scope);
      if (!team) throw notFound('team');
      if (!(await repo.findMember(id, input.personId)) && !(await new ReachRepository(trx).person(input.personId, scope))) {
        throw refNotFound('personId', 'person');
      }
      const result = await setTeamMember(trx, id, input.personId, input.role, this.deps.clock.now().toISOString());
      if (result.changed) {
        await recordAudit(trx, this.deps.clock, actor, {
          action: result.previous ? 'team.member_update' : 'team.member_add', entityType: 'team', entityId: id, scopePath: team.nodePath,
          details: { personId: input.personId, role: input.role, ...(result.previous ? { previousRole: result.previous } : {}) },
        });
      }
      return (await repo.findMember(id, input.personId))!;
    });
  }

  async removeMember(actor: Actor, id: string, personId: string): Promise<void> {
    const scope = requirePermission(actor, 'mobilization.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new TeamsRepository(trx);
      const team = await repo.find(id, scope);
      if (!team) throw notFound('team');
      const member = await repo.findMember(id, personId);
      if (!member) throw notFound('team member');
      await repo.deleteMember(id, personId);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'team.member_remove', entityType: 'team', entityId: id, scopePath: team.nodePath, details: { personId, role: member.role },
      });
    });
  }

  private async exists(ex: Executor, id: string): Promise<boolean> {
    return !!(await new TeamsRepository(ex).find(id, { kind: 'all' }));
  }

  /** Where a team serves: inside the subtree; a unit liaison may place its unit's team anywhere. */
  private async place(ex: Executor, scope: Scope, nodeId: string): Promise<NodeRef> {
    const reach = new ReachRepository(ex);
    const node = scope.kind === 'unit' ? await reach.node(nodeId) : await reach.nodeInScope(nodeId, scope);
    if (!node) throw refNotFound('nodeId', 'node');
    return node;
  }

  /** A liaison's teams are its unit's; others may name any unit (a unit's team serving in their place). */
  private async unit(ex: Executor, scope: Scope, unitId: string | null | undefined): Promise<string | null> {
    if (scope.kind === 'unit') {
      if (unitId && unitId !== scope.unitId) throw refNotFound('unitId', 'unit');
      return scope.unitId;
    }
    if (!unitId) return null;
    if (!(await new ReachRepository(ex).anyUnit(unitId))) throw refNotFound('unitId', 'unit');
    return unitId;
  }
}

function strip(row: TeamViewRow): TeamView {
  const { nodePath: _path, ...view } = row;
  return view;
}
