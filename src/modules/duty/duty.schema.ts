import { z } from 'zod';
import { LIMITS, zId, zOptionalText, zText } from '../../platform/validation.ts';

// Duty posts (值守点位), their coverage requirement and lead chain, and the duty rules. Shared with the web app.

export const DUTY_POST_KINDS = ['gate', 'sampling', 'duty_phone', 'isolation_site', 'other'] as const;
export type DutyPostKind = (typeof DUTY_POST_KINDS)[number];

export const UNAVAILABILITY_REASONS = ['isolation', 'sick', 'leave', 'other'] as const;
export type UnavailabilityReason = (typeof UNAVAILABILITY_REASONS)[number];

export const ALL_WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

// This module's rule messages ('duty.*' keys) are in FIELD_MESSAGES in platform/validation.ts.

export const zTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'duty.time_invalid');
/** An end time may be '24:00' (midnight at the end of the day). */
export const zEndTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'duty.time_invalid');
export const zWeekday = z.number().int().min(1).max(7);

// ---------------------------------------------------------------- rules (as data)

export const DutyRulesInput = z.object({
  /** Minimum hours between the end of one shift and the start of the next for the same person. */
  minRestHours: z.number().min(0).max(48),
  /** A check-in later than start + grace is late; without one the slot raises an alert. */
  lateGraceMinutes: z.number().int().min(0).max(240),
  /** How early before the start a check-in is accepted. */
  checkinEarlyMinutes: z.number().int().min(0).max(240),
  /** Soft preference of the assistant: night shifts to men first (seeds: men take the night shifts). */
  nightPreferMen: z.boolean(),
});
export type DutyRules = z.infer<typeof DutyRulesInput>;

export const DEFAULT_DUTY_RULES: DutyRules = { minRestHours: 8, lateGraceMinutes: 15, checkinEarlyMinutes: 30, nightPreferMen: true };

// ---------------------------------------------------------------- posts

export const ShiftTemplateInput = z.object({
  /** Keeps the template (and the shifts made from it) when a post's requirement is edited. */
  id: zId.optional(),
  name: zText(LIMITS.name),
  /** Asia/Shanghai wall clock; an end not after the start crosses midnight; equal start and end: 24 hours. */
  start: zTime,
  end: zEndTime,
  required: z.number().int().min(1).max(50),
  night: z.boolean().default(false),
  weekdays: z.array(zWeekday).min(1).max(7).optional(),
});
export type TShiftTemplateInput = z.infer<typeof ShiftTemplateInput>;

const zShifts = z.array(ShiftTemplateInput).max(12).superRefine((list, ctx) => {
  const seen = new Set<string>();
  list.forEach((s, i) => {
    if (seen.has(s.name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: 'duty.shift_names_unique' });
    seen.add(s.name);
  });
});

export const zPersonIdList = z.array(zId).max(10).superRefine((list, ctx) => {
  list.forEach((id, i) => {
    if (list.indexOf(id) !== i) ctx.addIssue({ code: 'custom', path: [i], message: 'duty.people_unique' });
  });
});

const PostFields = z.object({
  name: zText(LIMITS.placeName),
  kind: z.enum(DUTY_POST_KINDS),
  nodeId: zId,
  vanguardPostId: zId.nullish(),
  /** The post's own number, e.g. the duty phone (值班电话); not a person's number. */
  phone: zOptionalText(30),
  note: zOptionalText(LIMITS.note),
  minRestHours: z.number().min(0).max(48).nullish(),
  lateGraceMinutes: z.number().int().min(0).max(240).nullish(),
  shifts: zShifts,
  /** Lead, deputy, then the next in line. */
  leadPersonIds: zPersonIdList,
});

export const DutyPostInput = PostFields.extend({
  id: zId.optional(),
  shifts: zShifts.default([]),
  leadPersonIds: zPersonIdList.default([]),
});
export type TDutyPostInput = z.infer<typeof DutyPostInput>;

export const DutyPostUpdateInput = PostFields.partial();
export type TDutyPostUpdateInput = z.infer<typeof DutyPostUpdateInput>;

export const LeadsInput = z.object({ personIds: zPersonIdList });
export type TLeadsInput = z.infer<typeof LeadsInput>;

export const DutyPostListQuery = z.object({ nodeId: zId.optional() });
export type TDutyPostListQuery = z.infer<typeof DutyPostListQuery>;

export interface ShiftTemplateView {
  id: string;
  name: string;
  start: string;
  end: string;
  required: number;
  night: boolean;
  weekdays: number[];
}

export interface LeadView {
  rank: number;
  personId: string;
  personName: string;
  /** Unavailable now (isolation, sick, leave). */
  unavailable: boolean;
}

export interface CurrentLeadView {
  personId: string;
  personName: string;
  /** True when an acting lead stands in for someone (succession). */
  acting: boolean;
}

export interface DutyPostView {
  id: string;
  name: string;
  kind: DutyPostKind;
  nodeId: string;
  nodeName: string;
  vanguardPostId: string | null;
  vanguardPostName: string | null;
  phone: string | null;
  note: string | null;
  minRestHours: number | null;
  lateGraceMinutes: number | null;
  shifts: ShiftTemplateView[];
  leads: LeadView[];
  currentLead: CurrentLeadView | null;
  /** The QR check-in token; only for accounts that manage duty. */
  token: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SuccessionView {
  id: string;
  postId: string;
  postName: string;
  fromPersonId: string;
  fromPersonName: string;
  toPersonId: string | null;
  toPersonName: string | null;
  fromAt: string;
  untilAt: string;
  reason: UnavailabilityReason;
  createdAt: string;
}

export const SuccessionListQuery = z.object({ nodeId: zId.optional(), postId: zId.optional() });
export type TSuccessionListQuery = z.infer<typeof SuccessionListQuery>;
