import { z } from 'zod';
import { ID_PATTERN } from '../../platform/ids.ts';
import { LIMITS, zId, zOptionalText, zPhone, zText } from '../../platform/validation.ts';
import { PERSON_CATEGORIES, POLITICAL_STATUSES, zSkills } from '../people/people.schema.ts';
import type { AssignmentView } from './mobilization.schema.ts';

// 请战 / 志愿者报名: anyone signs up on a public page; the community approves (a person is made) or declines.

export const VOLUNTEER_STATUSES = ['pending', 'approved', 'declined'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

export const PublicVolunteerInput = z.object({
  /** Made by the page when the form opens: a resubmitted form answers with the same sign-up. */
  id: zId,
  name: zText(LIMITS.name),
  phone: zPhone,
  politicalStatus: z.enum(POLITICAL_STATUSES, { error: 'mobilization.political_required' }),
  skills: zSkills.optional(),
  availability: zOptionalText(200),
  nodeId: z.string({ error: 'mobilization.community_required' }).regex(ID_PATTERN, 'mobilization.community_required'),
  note: zOptionalText(LIMITS.note),
});
export type TPublicVolunteerInput = z.infer<typeof PublicVolunteerInput>;

export const PublicCommunityQuery = z.object({
  q: z.string().trim().max(LIMITS.search).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type TPublicCommunityQuery = z.infer<typeof PublicCommunityQuery>;

export interface PublicCommunity {
  id: string;
  name: string;
  streetName: string | null;
}

/** What the person who signed up sees: no one else's data. */
export interface PublicVolunteerReceipt {
  id: string;
  status: VolunteerStatus;
  communityName: string;
  createdAt: string;
}

export const VolunteerListQuery = z.object({
  status: z.enum(VOLUNTEER_STATUSES).optional(),
  /** Sign-ups for communities in this node's subtree. */
  nodeId: zId.optional(),
  after: zId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type TVolunteerListQuery = z.infer<typeof VolunteerListQuery>;

export const VolunteerApproveInput = z.object({
  /** 'volunteer' unless the community records them as e.g. a medic. */
  category: z.enum(PERSON_CATEGORIES).default('volunteer'),
});
export type TVolunteerApproveInput = z.infer<typeof VolunteerApproveInput>;

export const VolunteerDeclineInput = z.object({ reason: zText(LIMITS.note) });
export type TVolunteerDeclineInput = z.infer<typeof VolunteerDeclineInput>;

export interface VolunteerView {
  id: string;
  nodeId: string;
  nodeName: string;
  name: string;
  phoneMasked: string;
  politicalStatus: string;
  skills: string[];
  availability: string | null;
  note: string | null;
  status: VolunteerStatus;
  declineReason: string | null;
  personId: string | null;
  assignment: AssignmentView | null;
  decidedAt: string | null;
  createdAt: string;
}
