import { z } from 'zod';
import { LIMITS, zDate, zId, zOptionalText, zPhone, zText } from '../../platform/validation.ts';
import type { AssignmentView, DispatchFigures } from './mobilization.schema.ts';

// 下沉 and 报到: batches a unit sends down, the people in them, reporting in, pairing and the counts.

const dateRange = <T extends { startsOn?: string | null; endsOn?: string | null }>(v: T, ctx: z.RefinementCtx) => {
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'date.range' });
};

export const zPersonIds = z.array(zId).min(1).max(500);

export const BatchInput = z.object({
  /** Client-made id: a retried create answers with the same batch. */
  id: zId.optional(),
  /** The sending unit; a unit liaison's own unit when left out. */
  unitId: zId.nullish(),
  /** The receiving community or street. */
  nodeId: zId,
  batchNo: zOptionalText(LIMITS.code),
  name: zText(LIMITS.placeName),
  startsOn: zDate,
  endsOn: zDate.nullish(),
  note: zOptionalText(LIMITS.note),
  personIds: zPersonIds,
}).superRefine(dateRange);
export type TBatchInput = z.infer<typeof BatchInput>;

export const BatchUpdateInput = z.object({
  batchNo: zOptionalText(LIMITS.code),
  name: zText(LIMITS.placeName).optional(),
  startsOn: zDate.optional(),
  endsOn: zDate.nullish(),
  note: zOptionalText(LIMITS.note),
}).superRefine(dateRange);
export type TBatchUpdateInput = z.infer<typeof BatchUpdateInput>;

export const BatchMembersInput = z.object({ personIds: zPersonIds });
export type TBatchMembersInput = z.infer<typeof BatchMembersInput>;

export const BatchListQuery = z.object({
  unitId: zId.optional(),
  /** Batches sent into this node's subtree. */
  nodeId: zId.optional(),
  after: zId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type TBatchListQuery = z.infer<typeof BatchListQuery>;

export const MEMBER_STATUSES = ['expected', 'reported', 'assigned'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const ArrivalListQuery = z.object({
  /** People sent into (or reported in at) this node's subtree. */
  nodeId: zId.optional(),
  batchId: zId.optional(),
  unitId: zId.optional(),
  status: z.enum(MEMBER_STATUSES).optional(),
  after: zId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type TArrivalListQuery = z.infer<typeof ArrivalListQuery>;

export interface BatchView {
  id: string;
  unitId: string;
  unitName: string;
  nodeId: string;
  nodeName: string;
  batchNo: string | null;
  name: string;
  startsOn: string;
  endsOn: string | null;
  note: string | null;
  figures: DispatchFigures;
  createdAt: string;
  updatedAt: string;
}

export interface DispatchMemberView {
  id: string;
  batchId: string;
  batchName: string;
  batchNo: string | null;
  personId: string;
  personName: string;
  politicalStatus: string;
  phoneMasked: string | null;
  unitId: string;
  unitName: string;
  nodeId: string;
  nodeName: string;
  startsOn: string;
  endsOn: string | null;
  status: MemberStatus;
  reportedAt: string | null;
  reportMethod: 'qr' | 'confirm' | null;
  reportedNodeId: string | null;
  reportedNodeName: string | null;
  assignment: AssignmentView | null;
}

export interface BatchDetail extends BatchView {
  members: DispatchMemberView[];
}

// ---------------------------------------------------------------- report-in by QR

/** The token in a report-in URL: 32 random bytes, base64url. */
export const zReportInToken = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'id.invalid');

export const PublicReportInInput = z.object({
  name: zText(LIMITS.name),
  phone: zPhone,
});
export type TPublicReportInInput = z.infer<typeof PublicReportInInput>;

export interface ReportInCodeView {
  nodeId: string;
  nodeName: string;
  /** Null until a code is made for the place. */
  token: string | null;
  /** Path of the public page, e.g. /report-in/<token>; the page adds its origin. */
  path: string | null;
  createdAt: string | null;
}

/** What an anonymous visitor learns: the place of the code, nothing about who is dispatched there. */
export interface PublicReportInPlace {
  nodeName: string;
  parentName: string | null;
}

export interface PublicReportInResult {
  /** False when the person had already reported in (nothing new was recorded). */
  recorded: boolean;
  personName: string;
  placeName: string;
  reportedAt: string;
}

// ---------------------------------------------------------------- pairing (结对共建)

export const PairingInput = z.object({
  id: zId.optional(),
  unitId: zId,
  nodeId: zId,
  startsOn: zDate,
  endsOn: zDate.nullish(),
  note: zOptionalText(LIMITS.note),
}).superRefine(dateRange);
export type TPairingInput = z.infer<typeof PairingInput>;

export const PairingUpdateInput = z.object({
  startsOn: zDate.optional(),
  endsOn: zDate.nullish(),
  note: zOptionalText(LIMITS.note),
}).superRefine(dateRange);
export type TPairingUpdateInput = z.infer<typeof PairingUpdateInput>;

export const PairingListQuery = z.object({ unitId: zId.optional(), nodeId: zId.optional() });
export type TPairingListQuery = z.infer<typeof PairingListQuery>;

export interface PairingView {
  id: string;
  unitId: string;
  unitName: string;
  nodeId: string;
  nodeName: string;
  startsOn: string;
  endsOn: string | null;
  note: string | null;
  /** The unit's people dispatched into the paired place. */
  figures: DispatchFigures;
  createdAt: string;
  updatedAt: string;
}

export interface PairingActivity {
  pairing: PairingView;
  /** The unit's people dispatched into (or reported in at) the paired place, newest first. */
  members: DispatchMemberView[];
  /** The unit's people in assault teams serving in the paired place. */
  teamMembers: Array<{ teamId: string; teamName: string; personId: string; personName: string; role: string }>;
  pledges: number;
  fulfilments: number;
}

// ---------------------------------------------------------------- counts

export const CountsQuery = z.object({
  unitId: zId.optional(),
  nodeId: zId.optional(),
});
export type TCountsQuery = z.infer<typeof CountsQuery>;

export interface MobilizationCounts {
  totals: DispatchFigures;
  byUnit: Array<DispatchFigures & { unitId: string; unitName: string }>;
  /** Per receiving place (the batch's node). */
  byNode: Array<DispatchFigures & { nodeId: string; nodeName: string }>;
}

export interface TodayCounts {
  /** The Asia/Shanghai day the figures are for. */
  day: string;
  /** People in batches running today (started, not ended). */
  active: DispatchFigures;
  reportedToday: number;
  assignedToday: number;
  teams: number;
  teamMembers: number;
  pledges: number;
  fulfilmentsToday: number;
  volunteersPending: number;
  volunteersToday: number;
}
