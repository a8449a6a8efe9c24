import { z } from 'zod';
import { zId } from '../../platform/validation.ts';

// 下沉报到、结对共建、突击队、亮承诺、志愿者报名: what the dispatch, team and volunteer schemas share.

/** Where a community puts a person who has reported in (or an approved volunteer). */
export const ASSIGNMENT_KINDS = ['team', 'post', 'area'] as const;
export type AssignmentKind = (typeof ASSIGNMENT_KINDS)[number];

export const TEAM_KINDS = ['assault_team', 'youth_assault_team'] as const;
export type TeamKind = (typeof TEAM_KINDS)[number];

export const TEAM_ROLES = ['leader', 'deputy', 'member'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

// This module's rule messages ('mobilization.*' keys) are in FIELD_MESSAGES in platform/validation.ts.

export const AssignInput = z.object({
  kind: z.enum(ASSIGNMENT_KINDS),
  /** An assault team, vanguard post or responsibility area within the actor's reach. */
  targetId: zId,
  /** Role in a team (leader/deputy/member) or a post (leader/member); members by default. */
  role: z.enum(TEAM_ROLES).default('member'),
});
export type TAssignInput = z.infer<typeof AssignInput>;

export interface AssignmentView {
  kind: AssignmentKind;
  id: string;
  /** Null when the team, post or area has since been deleted. */
  name: string | null;
  at: string | null;
}

/** Dispatched / reported in / assigned, the three figures every count shows. */
export interface DispatchFigures {
  dispatched: number;
  reportedIn: number;
  assigned: number;
}
