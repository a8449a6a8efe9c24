import { z } from 'zod';
import { LIMITS, zDate, zId } from '../../platform/validation.ts';
import type { DutyPostKind } from './duty.schema.ts';

// Check-in/out at the post, alerts, daily notes and service hours.

export const CHECKIN_KINDS = ['in', 'out'] as const;

export const CheckinInput = z.object({
  /** Client-made id: a retried check-in (or check-out) answers with the same record. */
  id: zId,
  kind: z.enum(CHECKIN_KINDS),
  /** The post's QR token: the signed-in person checks in at that post. */
  token: z.string().trim().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
  /** Or a manager records it for a person on a shift (the roster's button). */
  shiftId: zId.optional(),
  personId: zId.optional(),
}).superRefine((v, ctx) => {
  if (!v.token && !(v.shiftId && v.personId)) ctx.addIssue({ code: 'custom', path: ['token'], message: 'duty.checkin_target' });
});
export type TCheckinInput = z.infer<typeof CheckinInput>;

export const TokenParams = z.object({ token: z.string().trim().min(16).max(64).regex(/^[A-Za-z0-9_-]+$/) });

export interface AttendanceView {
  id: string;
  shiftId: string;
  postId: string;
  postName: string;
  shiftName: string;
  day: string;
  startsAt: string;
  endsAt: string;
  personId: string;
  personName: string;
  checkedInAt: string;
  checkedOutAt: string | null;
  lateMinutes: number;
  method: 'qr' | 'button';
}

export interface CheckinShiftView {
  shiftId: string;
  name: string;
  day: string;
  startsAt: string;
  endsAt: string;
  attendance: { id: string; checkedInAt: string; checkedOutAt: string | null; lateMinutes: number } | null;
}

/** What the phone page shows after scanning a post's QR code. */
export interface CheckinContextView {
  post: { id: string; name: string; kind: DutyPostKind; nodeName: string; phone: string | null };
  person: { id: string; name: string } | null;
  /** The shift to check in to (or out of) now. */
  current: CheckinShiftView | null;
  /** The person's next shift at this post when none is current. */
  next: CheckinShiftView | null;
  now: string;
}

export const ALERT_KINDS = ['missed', 'late', 'uncovered', 'no_lead'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const AlertsQuery = z.object({ nodeId: zId.optional() });
export type TAlertsQuery = z.infer<typeof AlertsQuery>;

export interface AlertView {
  kind: AlertKind;
  postId: string;
  postName: string;
  nodeName: string;
  shiftId: string | null;
  shiftName: string | null;
  day: string | null;
  startsAt: string | null;
  endsAt: string | null;
  personId: string | null;
  personName: string | null;
  /** uncovered: people missing; late: minutes since the start. */
  count: number;
}

export interface AlertsView {
  now: string;
  alerts: AlertView[];
}

/** Free text over several lines (what a member did today), no other control characters. */
export const zNoteText = z
  .string()
  .trim()
  .min(1, 'text.blank')
  .max(LIMITS.note)
  .refine((v) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(v), 'text.control');

export const NoteInput = z.object({
  id: zId.optional(),
  /** Default: the signed-in account's own person. */
  personId: zId.optional(),
  /** Default: today (Asia/Shanghai); only today's note may be written. */
  day: zDate.optional(),
  content: zNoteText,
});
export type TNoteInput = z.infer<typeof NoteInput>;

export const NoteListQuery = z.object({
  day: zDate.optional(),
  nodeId: zId.optional(),
  personId: zId.optional(),
  mine: z.enum(['0', '1']).optional(),
});
export type TNoteListQuery = z.infer<typeof NoteListQuery>;

export interface NoteView {
  id: string;
  personId: string;
  personName: string;
  day: string;
  content: string;
  /** Today's note (Shanghai): still editable. */
  editable: boolean;
  createdAt: string;
  updatedAt: string;
}

const HoursFields = z.object({
  from: zDate,
  to: zDate,
  /** Hours served at posts in this node's subtree. */
  nodeId: zId.optional(),
  unitId: zId.optional(),
  personId: zId.optional(),
  groupBy: z.enum(['person', 'unit']).default('person'),
});

function checkRange(v: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'date.range' });
  else if ((Date.parse(v.to) - Date.parse(v.from)) / 86_400_000 > 366) ctx.addIssue({ code: 'custom', path: ['to'], message: 'duty.range_too_long' });
}

export const HoursQuery = HoursFields.superRefine(checkRange);
export type THoursQuery = z.infer<typeof HoursQuery>;

export const HoursExportQuery = HoursFields.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') }).superRefine(checkRange);
export type THoursExportQuery = z.infer<typeof HoursExportQuery>;

export interface PersonHoursRow {
  personId: string;
  personName: string;
  unitId: string | null;
  unitName: string | null;
  /** Shifts held in the range (active assignments). */
  assigned: number;
  /** Shifts with a check-in. */
  attended: number;
  late: number;
  /** Held shifts that ended without a check-in. */
  missed: number;
  hours: number;
}

export interface UnitHoursRow {
  unitId: string | null;
  unitName: string | null;
  people: number;
  assigned: number;
  attended: number;
  hours: number;
}

export interface HoursView {
  from: string;
  to: string;
  groupBy: 'person' | 'unit';
  people: PersonHoursRow[];
  units: UnitHoursRow[];
  totalHours: number;
}
