import { z } from 'zod';
import { LIMITS, zDate, zId, zOptionalText } from '../../platform/validation.ts';
import { UNAVAILABILITY_REASONS, zEndTime, zTime, zWeekday, type UnavailabilityReason } from './duty.schema.ts';

// The week roster: concrete shifts, who holds them, the assistant, swaps, availability and unavailability.

export const RosterQuery = z.object({
  /** First day of the 7-day week shown (the web app uses Mondays). */
  weekStart: zDate,
  postId: zId.optional(),
  /** Posts located in this node's subtree. */
  nodeId: zId.optional(),
});
export type TRosterQuery = z.infer<typeof RosterQuery>;

export const GenerateInput = RosterQuery;
export type TGenerateInput = TRosterQuery;

export const AutoFillInput = RosterQuery.extend({
  /** Candidates: people in reach who live (or whose unit is) in this node's subtree; default: all in reach. */
  poolNodeId: zId.optional(),
  /** Or exactly these people (each must be in reach). */
  personIds: z.array(zId).max(500).optional(),
});
export type TAutoFillInput = z.infer<typeof AutoFillInput>;

export const AssignInput = z.object({
  /** Client-made id: a retried assign answers with the same assignment. */
  id: zId.optional(),
  shiftId: zId,
  personId: zId,
});
export type TAssignInput = z.infer<typeof AssignInput>;

export const SWAP_STATUSES = ['proposed', 'approved', 'rejected'] as const;
export type SwapStatus = (typeof SWAP_STATUSES)[number];

export const SwapInput = z.object({
  id: zId.optional(),
  assignmentId: zId,
  toPersonId: zId,
  reason: zOptionalText(LIMITS.note),
});
export type TSwapInput = z.infer<typeof SwapInput>;

export const SwapListQuery = z.object({ nodeId: zId.optional(), status: z.enum(SWAP_STATUSES).optional() });
export type TSwapListQuery = z.infer<typeof SwapListQuery>;

/** A day ('YYYY-MM-DD', Asia/Shanghai: from its start, or to its end) or an instant with its offset. */
export const zInstantOrDay = z.string().trim().refine((v) => parseInstant(v, 'from') !== null, 'duty.instant_invalid');

export function parseInstant(value: string, edge: 'from' | 'to'): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const start = new Date(`${value}T00:00:00+08:00`);
    if (Number.isNaN(start.getTime()) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) return null;
    return edge === 'from' ? start : new Date(start.getTime() + 24 * 3600 * 1000);
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

export const UnavailabilityInput = z.object({
  id: zId.optional(),
  personId: zId,
  from: zInstantOrDay,
  /** A day means up to the end of that day. */
  to: zInstantOrDay,
  reason: z.enum(UNAVAILABILITY_REASONS),
  note: zOptionalText(LIMITS.note),
}).superRefine((v, ctx) => {
  const from = parseInstant(v.from, 'from');
  const to = parseInstant(v.to, 'to');
  if (from && to && to.getTime() <= from.getTime()) ctx.addIssue({ code: 'custom', path: ['to'], message: 'duty.period_range' });
});
export type TUnavailabilityInput = z.infer<typeof UnavailabilityInput>;

export const UnavailabilityListQuery = z.object({ nodeId: zId.optional(), personId: zId.optional(), current: z.enum(['0', '1']).optional() });
export type TUnavailabilityListQuery = z.infer<typeof UnavailabilityListQuery>;

export const AvailabilityWindowInput = z.object({ weekday: zWeekday, start: zTime, end: zEndTime });
export const AvailabilityInput = z.object({ windows: z.array(AvailabilityWindowInput).max(21) });
export type TAvailabilityInput = z.infer<typeof AvailabilityInput>;

export interface AvailabilityWindowView {
  weekday: number;
  start: string;
  end: string;
}

export interface AvailabilityView {
  personId: string;
  personName: string;
  /** Empty: the person may serve at any time. */
  windows: AvailabilityWindowView[];
}

export interface AttendanceBrief {
  id: string;
  checkedInAt: string;
  checkedOutAt: string | null;
  lateMinutes: number;
}

export interface AssignmentView {
  id: string;
  shiftId: string;
  personId: string;
  personName: string;
  sex: 'M' | 'F' | null;
  status: 'active' | 'released' | 'swapped';
  source: 'manual' | 'assistant' | 'swap';
  releasedReason: string | null;
  attendance: AttendanceBrief | null;
}

export interface ShiftView {
  id: string;
  postId: string;
  templateId: string | null;
  day: string;
  name: string;
  startsAt: string;
  endsAt: string;
  night: boolean;
  required: number;
  /** required minus active assignments, never below 0: a gap shown in red. */
  missing: number;
  assignments: AssignmentView[];
  /** Released by unavailability or replaced by a swap: flagged, kept as history. */
  released: AssignmentView[];
}

export interface RosterPostView {
  id: string;
  name: string;
  kind: string;
  nodeId: string;
  nodeName: string;
  shifts: ShiftView[];
}

export interface RosterView {
  weekStart: string;
  days: string[];
  posts: RosterPostView[];
}

export interface ShiftRef {
  shiftId: string;
  postId: string;
  postName: string;
  day: string;
  shiftName: string;
  startsAt: string;
  endsAt: string;
}

export interface AutoFillResult {
  /** Shifts created from the requirements for the week (0 when they existed). */
  generated: number;
  assigned: Array<ShiftRef & { personId: string; personName: string }>;
  /** What stays open after the assistant, with how many people are missing. */
  uncovered: Array<ShiftRef & { missing: number }>;
}

export interface SwapView {
  id: string;
  assignmentId: string;
  shift: ShiftRef;
  fromPersonId: string;
  fromPersonName: string;
  toPersonId: string;
  toPersonName: string;
  status: SwapStatus;
  reason: string | null;
  createdAt: string;
  decidedAt: string | null;
}

export interface UnavailabilityView {
  id: string;
  personId: string;
  personName: string;
  from: string;
  to: string;
  reason: UnavailabilityReason;
  note: string | null;
  releasedCount: number;
  createdAt: string;
}

export interface MarkUnavailableResult {
  unavailability: UnavailabilityView;
  released: Array<ShiftRef & { assignmentId: string }>;
  successions: Array<{ id: string; postId: string; postName: string; fromPersonId: string; toPersonId: string | null; toPersonName: string | null }>;
}
