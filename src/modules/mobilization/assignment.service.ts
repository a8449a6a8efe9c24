import type { Executor } from '../../platform/db/database.ts';
import { AppError } from '../../platform/errors.ts';
import type { Scope } from '../../platform/policy.ts';
import { AssignmentRepository } from './assignment.repository.ts';
import type { AssignmentKind, TAssignInput, TeamRole } from './mobilization.schema.ts';
import { ReachRepository } from './reach.repository.ts';
import { TeamsRepository } from './teams.repository.ts';

export interface AssignmentTarget {
  kind: AssignmentKind;
  id: string;
  name: string;
  nodePath: string;
}

function targetNotFound(): AppError {
  return new AppError('NOT_FOUND', 'assignment target not found', [{ path: 'targetId', message: 'ref.outside_scope' }]);
}

/**
 * Puts a person into a team, on a vanguard post or in a responsibility area, inside the caller's transaction.
 * Team and post memberships are written (idempotently); an area is only recorded by the caller.
 */
export async function assignPerson(ex: Executor, scope: Scope, personId: string, input: TAssignInput, at: string): Promise<AssignmentTarget> {
  const reach = new ReachRepository(ex);
  if (input.kind === 'team') {
    const team = await new TeamsRepository(ex).find(input.targetId, scope);
    if (!team) throw targetNotFound();
    await setTeamMember(ex, team.id, personId, input.role, at);
    return { kind: 'team', id: team.id, name: team.name, nodePath: team.nodePath };
  }
  if (input.kind === 'post') {
    if (input.role === 'deputy') throw new AppError('VALIDATION', 'a post has a leader and members', [{ path: 'role', message: 'leader or member' }]);
    const post = await reach.post(input.targetId, scope);
    if (!post) throw targetNotFound();
    const repo = new AssignmentRepository(ex);
    const existing = await repo.postMember(post.id, personId);
    if (!existing) await repo.insertPostMember(post.id, personId, input.role, at);
    else if (existing.role !== input.role) await repo.setPostRole(post.id, personId, input.role);
    return { kind: 'post', id: post.id, name: post.name, nodePath: post.nodePath };
  }
  const area = await reach.area(input.targetId, scope);
  if (!area) throw targetNotFound();
  return { kind: 'area', id: area.id, name: area.name, nodePath: area.nodePath };
}

/**
 * Adds or re-roles a team member. A team has one leader and one deputy: naming a new one makes the previous
 * holder an ordinary member. Returns the role the person had before (undefined: newly added).
 */
export async function setTeamMember(ex: Executor, teamId: string, personId: string, role: TeamRole, at: string): Promise<{ previous?: TeamRole; changed: boolean }> {
  const repo = new TeamsRepository(ex);
  const existing = await repo.findMember(teamId, personId);
  if (existing?.role === role) return { previous: role, changed: false };
  if (role === 'leader' || role === 'deputy') {
    const holder = await repo.holderOf(teamId, role);
    if (holder && holder !== personId) await repo.setRole(teamId, holder, 'member');
  }
  if (existing) await repo.setRole(teamId, personId, role);
  else await repo.insertMember({ team_id: teamId, person_id: personId, role, created_at: at });
  return { previous: existing?.role, changed: true };
}
