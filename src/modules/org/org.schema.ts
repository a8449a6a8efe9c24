import { z } from 'zod';
import { LIMITS, zDate, zId, zOptionalText, zText } from '../../platform/validation.ts';

// The organisation: units (机关单位) and the five-level chain 党组 → 党支部 → 党员责任区 → 党员先锋岗 → 党员.
// Shared with the web app: the same schemas validate HTTP bodies, spreadsheet rows and forms.

export const UNIT_KINDS = ['government', 'institution', 'enterprise', 'social', 'other'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const PARTY_ORG_KINDS = ['party_group', 'party_committee', 'branch', 'temporary_branch', 'temporary_group'] as const;
export type PartyOrgKind = (typeof PARTY_ORG_KINDS)[number];

/** Set up for the emergency at a place (compound, checkpoint, hotel) for a time. */
export const TEMPORARY_KINDS: readonly PartyOrgKind[] = ['temporary_branch', 'temporary_group'];
/** Kinds that hold responsibility areas. */
export const BRANCH_KINDS: readonly PartyOrgKind[] = ['branch', 'temporary_branch'];
/** Which kinds an org of each kind may sit under (no parent is always allowed). */
export const PARENT_KINDS: Record<PartyOrgKind, readonly PartyOrgKind[]> = {
  party_group: ['party_group', 'party_committee'],
  party_committee: ['party_group', 'party_committee'],
  branch: ['party_group', 'party_committee'],
  temporary_branch: ['party_group', 'party_committee'],
  temporary_group: ['temporary_branch', 'branch'],
};

export const PLACE_KINDS = ['compound', 'checkpoint', 'isolation_site', 'other'] as const;
export type PlaceKind = (typeof PLACE_KINDS)[number];

export const POST_MEMBER_ROLES = ['leader', 'member'] as const;
export type PostMemberRole = (typeof POST_MEMBER_ROLES)[number];

// This module's rule messages ('org.*' keys) are in FIELD_MESSAGES in platform/validation.ts.

// ---------------------------------------------------------------- units

export const UnitInput = z.object({
  name: zText(LIMITS.placeName),
  kind: z.enum(UNIT_KINDS),
  /** Where the unit is located; a place-bound account reaches the units located in its subtree. */
  nodeId: zId.nullish(),
});
export type TUnitInput = z.infer<typeof UnitInput>;

export const UnitUpdateInput = UnitInput.partial();
export type TUnitUpdateInput = z.infer<typeof UnitUpdateInput>;

export interface UnitView {
  id: string;
  name: string;
  kind: UnitKind;
  nodeId: string | null;
  nodeName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface UnitExportView extends UnitView {
  /** Names from the top of the tree down to the unit's node, e.g. ['新城区', '东街街道']; [] without a location. */
  locationNames: string[];
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

// ---------------------------------------------------------------- party organisations

const PartyOrgFields = z.object({
  kind: z.enum(PARTY_ORG_KINDS),
  name: zText(LIMITS.placeName),
  unitId: zId.nullish(),
  parentId: zId.nullish(),
  nodeId: zId.nullish(),
  placeKind: z.enum(PLACE_KINDS).nullish(),
  placeName: zOptionalText(LIMITS.placeName),
  startsOn: zDate.nullish(),
  endsOn: zDate.nullish(),
  secretaryPersonId: zId.nullish(),
});

export interface PartyOrgRuleFields {
  kind: PartyOrgKind;
  nodeId?: string | null;
  placeKind?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
}

/** The rules of one organisation's own fields; the service applies them again to the merged record on update. */
export function partyOrgIssues(v: PartyOrgRuleFields): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if (TEMPORARY_KINDS.includes(v.kind)) {
    if (!v.nodeId) issues.push({ path: 'nodeId', message: 'org.place_required' });
    if (!v.placeKind) issues.push({ path: 'placeKind', message: 'org.place_required' });
    if (!v.startsOn) issues.push({ path: 'startsOn', message: 'org.start_required' });
  }
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) issues.push({ path: 'endsOn', message: 'date.range' });
  return issues;
}

export const PartyOrgInput = PartyOrgFields.superRefine((v, ctx) => {
  for (const issue of partyOrgIssues(v)) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
});
export type TPartyOrgInput = z.infer<typeof PartyOrgInput>;

export const PartyOrgUpdateInput = PartyOrgFields.partial();
export type TPartyOrgUpdateInput = z.infer<typeof PartyOrgUpdateInput>;

export const PartyOrgListQuery = z.object({
  kind: z.enum(PARTY_ORG_KINDS).optional(),
  unitId: zId.optional(),
  /** Orgs placed in this node's subtree, or belonging to a unit located there. */
  nodeId: zId.optional(),
});
export type TPartyOrgListQuery = z.infer<typeof PartyOrgListQuery>;

export interface PartyOrgView {
  id: string;
  kind: PartyOrgKind;
  name: string;
  unitId: string | null;
  unitName: string | null;
  parentId: string | null;
  parentName: string | null;
  nodeId: string | null;
  nodeName: string | null;
  placeKind: PlaceKind | null;
  placeName: string | null;
  startsOn: string | null;
  endsOn: string | null;
  secretaryPersonId: string | null;
  secretaryName: string | null;
  createdAt: string;
  updatedAt: string;
}

// ---------------------------------------------------------------- responsibility areas and vanguard posts

export const AreaInput = z.object({
  name: zText(LIMITS.placeName),
  nodeId: zId,
  /** A branch or temporary branch. */
  branchId: zId,
  leaderPersonId: zId.nullish(),
});
export type TAreaInput = z.infer<typeof AreaInput>;

export const AreaUpdateInput = AreaInput.partial();
export type TAreaUpdateInput = z.infer<typeof AreaUpdateInput>;

export const AreaListQuery = z.object({
  branchId: zId.optional(),
  /** Areas whose node lies in this node's subtree. */
  nodeId: zId.optional(),
});
export type TAreaListQuery = z.infer<typeof AreaListQuery>;

export interface AreaView {
  id: string;
  name: string;
  nodeId: string;
  nodeName: string | null;
  branchId: string;
  branchName: string | null;
  branchKind: PartyOrgKind | null;
  leaderPersonId: string | null;
  leaderName: string | null;
  postCount: number;
  createdAt: string;
  updatedAt: string;
}

export const PostInput = z.object({
  name: zText(LIMITS.placeName),
  areaId: zId,
  /** Must lie inside the area's node subtree. */
  nodeId: zId,
  duty: zOptionalText(200),
});
export type TPostInput = z.infer<typeof PostInput>;

export const PostUpdateInput = PostInput.partial();
export type TPostUpdateInput = z.infer<typeof PostUpdateInput>;

export const PostListQuery = z.object({ areaId: zId.optional() });
export type TPostListQuery = z.infer<typeof PostListQuery>;

export interface PostView {
  id: string;
  name: string;
  areaId: string;
  areaName: string | null;
  nodeId: string;
  nodeName: string | null;
  duty: string | null;
  memberCount: number;
  createdAt: string;
  updatedAt: string;
}

export const PostMemberInput = z.object({
  personId: zId,
  role: z.enum(POST_MEMBER_ROLES).default('member'),
});
export type TPostMemberInput = z.infer<typeof PostMemberInput>;

export interface PostMemberView {
  postId: string;
  personId: string;
  personName: string;
  politicalStatus: string;
  role: PostMemberRole;
  createdAt: string;
}

// ---------------------------------------------------------------- the five-level chain

export const ChainQuery = z.object({
  unitId: zId.optional(),
  nodeId: zId.optional(),
});
export type TChainQuery = z.infer<typeof ChainQuery>;

export type ChainNodeKind = PartyOrgKind | 'area' | 'post' | 'member';

export interface ChainNode {
  /** Unique in the whole tree: `${kind}:${id}`; members `member:${postId}:${personId}` (one person may hold several posts). */
  key: string;
  kind: ChainNodeKind;
  id: string;
  name: string;
  /** Orgs: place / unit and dates; areas and posts: node name (posts: and duty); members: role code. */
  detail?: string;
  children: ChainNode[];
}
