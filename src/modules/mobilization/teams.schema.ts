import { z } from 'zod';
import { LIMITS, zDate, zId, zOptionalText, zText } from '../../platform/validation.ts';
import { TEAM_KINDS, TEAM_ROLES, type TeamKind, type TeamRole } from './mobilization.schema.ts';

// 党员突击队 / 青年突击队, 亮承诺 / 践诺 and the 亮身份 roster.

const leaderDeputy = <T extends { leaderPersonId?: string | null; deputyPersonId?: string | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.leaderPersonId && v.leaderPersonId === v.deputyPersonId) {
    ctx.addIssue({ code: 'custom', path: ['deputyPersonId'], message: 'mobilization.leader_deputy_same' });
  }
};

const TeamFields = z.object({
  kind: z.enum(TEAM_KINDS),
  name: zText(LIMITS.placeName),
  /** Where the team serves. */
  nodeId: zId,
  /** The unit that formed it; a unit liaison's teams always belong to its unit. */
  unitId: zId.nullish(),
  duty: zOptionalText(200),
  leaderPersonId: zId.nullish(),
  deputyPersonId: zId.nullish(),
});

export const TeamInput = TeamFields.extend({ id: zId.optional() }).superRefine(leaderDeputy);
export type TTeamInput = z.infer<typeof TeamInput>;

export const TeamUpdateInput = TeamFields.partial().superRefine(leaderDeputy);
export type TTeamUpdateInput = z.infer<typeof TeamUpdateInput>;

export const TeamListQuery = z.object({
  kind: z.enum(TEAM_KINDS).optional(),
  /** Teams serving in this node's subtree. */
  nodeId: zId.optional(),
});
export type TTeamListQuery = z.infer<typeof TeamListQuery>;

export const TeamMemberInput = z.object({
  personId: zId,
  role: z.enum(TEAM_ROLES).default('member'),
});
export type TTeamMemberInput = z.infer<typeof TeamMemberInput>;

export const ReachPeopleQuery = z.object({
  /** Name fragment, or a full mobile number (matched through the blind index). */
  q: z.string().trim().max(LIMITS.search).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type TReachPeopleQuery = z.infer<typeof ReachPeopleQuery>;

/** A person the account may put into a team or record a pledge for (people of its area and people sent there). */
export interface ReachPerson {
  id: string;
  name: string;
  politicalStatus: string;
  unitName: string | null;
}

export interface PersonRef {
  personId: string;
  name: string;
}

export interface TeamView {
  id: string;
  kind: TeamKind;
  name: string;
  nodeId: string;
  nodeName: string;
  unitId: string | null;
  unitName: string | null;
  duty: string | null;
  leader: PersonRef | null;
  deputy: PersonRef | null;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export interface TeamMemberView {
  teamId: string;
  personId: string;
  personName: string;
  politicalStatus: string;
  unitName: string | null;
  role: TeamRole;
  createdAt: string;
}

export interface TeamDetail extends TeamView {
  members: TeamMemberView[];
}

// ---------------------------------------------------------------- pledges (亮承诺 / 践诺)

export const PledgeInput = z.object({
  id: zId.optional(),
  personId: zId,
  /** The place the pledge is made for; a team's place when left out and a team is given. */
  nodeId: zId.nullish(),
  teamId: zId.nullish(),
  content: zText(LIMITS.note),
  pledgedOn: zDate,
});
export type TPledgeInput = z.infer<typeof PledgeInput>;

export const PledgeUpdateInput = z.object({
  content: zText(LIMITS.note).optional(),
  pledgedOn: zDate.optional(),
  teamId: zId.nullish(),
});
export type TPledgeUpdateInput = z.infer<typeof PledgeUpdateInput>;

export const FulfilmentInput = z.object({
  id: zId.optional(),
  doneOn: zDate,
  note: zText(LIMITS.note),
});
export type TFulfilmentInput = z.infer<typeof FulfilmentInput>;

export const PledgeListQuery = z.object({
  personId: zId.optional(),
  teamId: zId.optional(),
  /** Pledges made for places in this node's subtree. */
  nodeId: zId.optional(),
  after: zId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type TPledgeListQuery = z.infer<typeof PledgeListQuery>;

export const PledgeCountsQuery = PledgeListQuery.omit({ after: true, limit: true });
export type TPledgeCountsQuery = z.infer<typeof PledgeCountsQuery>;

export interface FulfilmentView {
  id: string;
  pledgeId: string;
  doneOn: string;
  note: string;
  createdAt: string;
}

export interface PledgeView {
  id: string;
  personId: string;
  personName: string;
  politicalStatus: string;
  unitName: string | null;
  nodeId: string;
  nodeName: string;
  teamId: string | null;
  teamName: string | null;
  content: string;
  pledgedOn: string;
  /** Newest first. */
  fulfilments: FulfilmentView[];
  createdAt: string;
  updatedAt: string;
}

export interface PledgeCounts {
  pledges: number;
  /** Pledges with at least one fulfilment entry. */
  fulfilled: number;
  fulfilments: number;
  people: number;
}

// ---------------------------------------------------------------- 亮身份 roster

export const RosterQuery = z.object({
  /** The subtree to show; an account's own node when left out. */
  nodeId: zId.optional(),
});
export type TRosterQuery = z.infer<typeof RosterQuery>;

export type RosterRoleKind = 'post' | 'team' | 'report_in' | 'area';

export interface RosterEntry {
  personId: string;
  name: string;
  unitName: string | null;
  /** What puts the member on the front line here: a post, a team, a report-in (with its assignment). */
  roles: Array<{ kind: RosterRoleKind; id: string; name: string; role: string | null }>;
  pledges: number;
}

export interface RosterPlace {
  nodeId: string;
  nodeName: string;
  /** The place above, to tell '2号楼' of one compound from another's. */
  parentName: string | null;
  members: RosterEntry[];
}
