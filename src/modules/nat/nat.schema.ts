import { z } from 'zod';
import { LIMITS, zDate, zId, zOptionalText, zText } from '../../platform/validation.ts';

// Inputs and views of nucleic-acid round planning (rounds, sites, desks, staff, areas, slots, codes,
// certificates), shared by the API and the web forms. Messages ('nat.*' keys) are in FIELD_MESSAGES.

export const POOL_SIZES = [1, 5, 10, 20] as const;
export const ROUND_STATUSES = ['planned', 'open', 'closed'] as const;
export const DESK_KINDS = ['pooled', 'single'] as const;
export const STAFF_ROLES = ['site_lead', 'group_lead', 'sampler', 'registrar', 'guide'] as const;
/** Why a roster row is not required (exempt_reason). */
export const EXEMPT_REASONS = ['under_age', 'moved_away', 'deceased', 'not_in_area'] as const;

export type RoundStatus = (typeof ROUND_STATUSES)[number];
export type DeskKind = (typeof DESK_KINDS)[number];
export type StaffRole = (typeof STAFF_ROLES)[number];

export const zPoolSize = z.number().int().refine((n) => (POOL_SIZES as readonly number[]).includes(n), 'nat.pool_size');
export const zClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'nat.time_invalid');
const zIso = z.string().datetime({ offset: true, message: 'nat.datetime_invalid' }).transform((v) => new Date(v).toISOString());

/** Who must be tested: everyone active in the round's subtree, except the exemptions given here (rule as data). */
export const RequiredRule = z.object({
  /** Residents younger than this many years on the round's first day are exempt (e.g. infants under 3); null = none. */
  exemptUnderAgeYears: z.number().int().min(0).max(18).nullable().default(null),
});
export type TRequiredRule = z.infer<typeof RequiredRule>;

/** Round defaults, a `settings` value ('nat.defaults') an administrator edits; a new round copies them. */
export const NatDefaults = z.object({
  poolSize: zPoolSize,
  bagSize: z.number().int().min(1).max(100),
  certificateValidHours: z.number().int().min(1).max(24 * 14),
  exemptUnderAgeYears: z.number().int().min(0).max(18).nullable(),
});
export type TNatDefaults = z.infer<typeof NatDefaults>;
export const DEFAULT_NAT_DEFAULTS: TNatDefaults = { poolSize: 10, bagSize: 20, certificateValidHours: 48, exemptUnderAgeYears: 3 };

const dateOrder = (v: { startsOn?: string; endsOn?: string }, ctx: z.RefinementCtx) => {
  if (v.startsOn && v.endsOn && v.endsOn < v.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'date.range' });
};

const RoundFields = {
  name: zText(LIMITS.placeName),
  number: z.number().int().min(1).max(999),
  startsOn: zDate,
  endsOn: zDate,
  /** Omitted: the defaults ('nat.defaults') apply. */
  poolSize: zPoolSize.optional(),
  bagSize: z.number().int().min(1).max(100).optional(),
  certificateValidHours: z.number().int().min(1).max(24 * 14).optional(),
  requiredRule: RequiredRule.optional(),
};

export const RoundInput = z.object({ id: zId.optional(), nodeId: zId, ...RoundFields }).superRefine(dateOrder);
export type TRoundInput = z.infer<typeof RoundInput>;
export const RoundUpdateInput = z.object({ ...RoundFields, status: z.enum(ROUND_STATUSES) }).partial().superRefine(dateOrder);
export type TRoundUpdateInput = z.infer<typeof RoundUpdateInput>;

const hoursOrder = (v: { opensAt?: string; closesAt?: string }, ctx: z.RefinementCtx) => {
  if (v.opensAt && v.closesAt && v.closesAt <= v.opensAt) ctx.addIssue({ code: 'custom', path: ['closesAt'], message: 'nat.closes_before_opens' });
};
const SiteFields = {
  name: zText(LIMITS.placeName),
  nodeId: zId,
  address: zOptionalText(200),
  opensAt: zClock,
  closesAt: zClock,
  poolSize: zPoolSize.nullish(),
};
export const SiteInput = z.object({ id: zId.optional(), ...SiteFields }).superRefine(hoursOrder);
export type TSiteInput = z.infer<typeof SiteInput>;
export const SiteUpdateInput = z.object(SiteFields).partial().superRefine(hoursOrder);
export type TSiteUpdateInput = z.infer<typeof SiteUpdateInput>;

export const DeskInput = z.object({ id: zId.optional(), name: zText(LIMITS.name), kind: z.enum(DESK_KINDS).default('pooled') });
export type TDeskInput = z.infer<typeof DeskInput>;

export const StaffInput = z.object({
  personId: zId,
  role: z.enum(STAFF_ROLES),
  deskId: zId.nullish(),
  fromAt: zIso.nullish(),
  toAt: zIso.nullish(),
}).superRefine((v, ctx) => {
  if (v.fromAt && v.toAt && v.toAt <= v.fromAt) ctx.addIssue({ code: 'custom', path: ['toAt'], message: 'nat.ends_before_starts' });
});
export type TStaffInput = z.infer<typeof StaffInput>;

export const AreasInput = z.object({ nodeIds: z.array(zId).max(500) });
export type TAreasInput = z.infer<typeof AreasInput>;

export const SlotInput = z.object({
  id: zId.optional(),
  nodeId: zId,
  startsAt: zIso,
  endsAt: zIso,
  note: zOptionalText(200),
}).superRefine((v, ctx) => {
  if (v.endsAt <= v.startsAt) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'nat.ends_before_starts' });
});
export type TSlotInput = z.infer<typeof SlotInput>;

export const CodeSheetQuery = z.object({ nodeId: zId });
export const CodeReissueInput = z.object({ reason: zOptionalText(200) });
export const VerifyInput = z.object({ token: z.string().max(2000) });

// ---------------------------------------------------------------- views

export interface RoundView {
  id: string; name: string; number: number; nodeId: string; nodeName: string; nodePath: string;
  startsOn: string; endsOn: string; poolSize: number; bagSize: number; certificateValidHours: number;
  requiredRule: TRequiredRule; status: RoundStatus; rosterBuiltAt: string | null; createdAt: string;
}
export interface RosterCounts { total: number; required: number; exempt: number; sampled: number; byReason: Record<string, number> }
export interface DeskView { id: string; siteId: string; name: string; kind: DeskKind }
export interface StaffView {
  id: string; siteId: string; deskId: string | null; personId: string; personName: string; role: StaffRole;
  fromAt: string | null; toAt: string | null;
}
export interface AreaView { nodeId: string; nodeName: string; nodePath: string; levelCode: string }
export interface SiteView {
  id: string; roundId: string; name: string; nodeId: string; nodeName: string; address: string | null;
  opensAt: string; closesAt: string; poolSize: number | null; effectivePoolSize: number;
  desks: DeskView[]; staff: StaffView[]; areas: AreaView[];
}
export interface SlotView {
  id: string; roundId: string; siteId: string; siteName: string; nodeId: string; nodeName: string;
  startsAt: string; endsAt: string; note: string | null; households: number; residents: number;
}
export interface ReminderHousehold {
  householdId: string; address: string; residents: { id: string; name: string; phoneMasked: string | null }[];
  phones: number;
}
export interface ReminderList { slot: SlotView; households: ReminderHousehold[]; sentAt: string | null }
export interface CodeSheetEntry { residentId: string; nameMasked: string; household: string; token: string; serial: number }
export interface CertificateView {
  token: string; roundId: string; roundName: string; residentId: string; nameMasked: string;
  sampledAt: string; expiresAt: string; issuer: string; keyId: string;
}
export type VerifyVerdict =
  | { valid: true; roundId: string; roundName: string; residentId: string; name: string; sampledAt: string; expiresAt: string; issuer: string }
  | { valid: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' | 'wrong_kind' | 'expired' | 'revoked' | 'unknown_round' };
