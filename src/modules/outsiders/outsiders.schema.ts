import { z } from 'zod';
import { LIMITS, zDate, zId, zOptionalText, zPhone, zText } from '../../platform/validation.ts';
import { ID_TYPES } from '../registry/registry.schema.ts';

// Inputs and views of outsiders and arrivals (外来人员/返乡人员) and the measures rule set, shared with the web app.

export const RISK_LEVELS = ['high', 'medium', 'low', 'none'] as const;
export const MEASURE_KINDS = ['central_isolation', 'home_isolation', 'home_monitoring', 'tests'] as const;
export const MEASURE_STATUSES = ['proposed', 'confirmed', 'done', 'cancelled'] as const;
export const REGISTERED_VIA = ['checkpoint', 'community'] as const;

export type RiskLevel = (typeof RISK_LEVELS)[number];
export type MeasureKind = (typeof MEASURE_KINDS)[number];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

export const OUTSIDERS_LIMITS = { region: 100, stayText: 200, checkpoint: 100, reason: 200, maxDays: 60, maxTests: 10, rulesPerLevel: 5 } as const;

/**
 * One measure of a rule: isolation/monitoring for `days` days from the arrival day; for 'tests', `count` tests
 * spread over `days` days (2 tests in 3 days → test days 1 and 3).
 */
export const zMeasureRule = z.object({
  kind: z.enum(MEASURE_KINDS),
  days: z.number().int().min(1).max(OUTSIDERS_LIMITS.maxDays),
  count: z.number().int().min(1).max(OUTSIDERS_LIMITS.maxTests).optional(),
  /** Starts this many days after the arrival day (e.g. 7 days home monitoring after 7 days isolation); default 0. */
  offsetDays: z.number().int().min(0).max(OUTSIDERS_LIMITS.maxDays).optional(),
}).refine((r) => r.kind === 'tests' || r.count === undefined, { message: 'outsiders.count_only_tests', path: ['count'] })
  .refine((r) => r.kind !== 'tests' || r.count !== undefined, { message: 'outsiders.count_required', path: ['count'] })
  .refine((r) => r.kind !== 'tests' || (r.count ?? 1) <= r.days, { message: 'outsiders.count_over_days', path: ['count'] });
export type MeasureRule = z.infer<typeof zMeasureRule>;

const zLevelRules = z.array(zMeasureRule).max(OUTSIDERS_LIMITS.rulesPerLevel);
export const zRuleSet = z.object({ high: zLevelRules, medium: zLevelRules, low: zLevelRules, none: zLevelRules });
export type RuleSet = z.infer<typeof zRuleSet>;

export const RuleVersionInput = z.object({
  /** Client-made id: a retried create answers with the same version. */
  id: zId.optional(),
  name: zText(LIMITS.placeName),
  /** The first arrival day it applies to; today or later (a version cannot rewrite the past). */
  effectiveFrom: zDate,
  rules: zRuleSet,
  note: zOptionalText(LIMITS.note),
});
export type TRuleVersionInput = z.infer<typeof RuleVersionInput>;

export interface RuleVersionView {
  id: string;
  name: string;
  effectiveFrom: string;
  rules: RuleSet;
  note: string | null;
  /** pending: not yet effective (may still be edited or deleted); in_force: applies today; superseded. */
  state: 'pending' | 'in_force' | 'superseded';
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export const InForceQuery = z.object({ date: zDate.optional() });

export const RegionRiskInput = z.object({
  id: zId.optional(),
  region: zText(OUTSIDERS_LIMITS.region),
  riskLevel: z.enum(RISK_LEVELS),
  since: zDate,
  until: zDate.nullish(),
  note: zOptionalText(OUTSIDERS_LIMITS.reason),
}).refine((r) => !r.until || r.until >= r.since, { message: 'date.range', path: ['until'] });
export type TRegionRiskInput = z.infer<typeof RegionRiskInput>;

export const RegionRiskQuery = z.object({
  q: z.string().trim().max(LIMITS.search).optional(),
  /** Only levels in force on this day. */
  date: zDate.optional(),
});
export type TRegionRiskQuery = z.infer<typeof RegionRiskQuery>;

export interface RegionRiskView {
  id: string;
  region: string;
  riskLevel: RiskLevel;
  since: string;
  until: string | null;
  note: string | null;
}

const zDocumentNumber = z.string().trim().max(30).transform((v) => (v === '' ? null : v)).nullish();

export const ArrivalInput = z.object({
  /** Client-made id: a retried registration (a guard's phone on a bad network) answers the same record. */
  id: zId.optional(),
  name: zText(LIMITS.name),
  idType: z.enum(ID_TYPES),
  idNumber: zDocumentNumber,
  phone: zPhone.nullish(),
  fromRegion: zText(OUTSIDERS_LIMITS.region),
  /** The level the region had on the arrival day; when absent it is looked up in the region risk list. */
  riskLevel: z.enum(RISK_LEVELS).optional(),
  arrivalDate: zDate,
  /** Where staying: a household of the tree… */
  stayNodeId: zId.nullish(),
  /** …or free text (hotel, dormitory); then `nodeId` (default: the account's node) answers for the record. */
  stayText: zOptionalText(OUTSIDERS_LIMITS.stayText),
  nodeId: zId.nullish(),
  registeredVia: z.enum(REGISTERED_VIA),
  checkpointName: zOptionalText(OUTSIDERS_LIMITS.checkpoint),
  residentId: zId.nullish(),
  notes: zOptionalText(LIMITS.note),
}).refine((a) => !!a.stayNodeId !== !!a.stayText, { message: 'outsiders.stay_required', path: ['stayNodeId'] })
  .refine((a) => a.registeredVia !== 'checkpoint' || !!a.checkpointName, { message: 'outsiders.checkpoint_required', path: ['checkpointName'] });
export type TArrivalInput = z.infer<typeof ArrivalInput>;

export const ArrivalListQuery = z.object({
  /** Name fragment, or a full ID number / mobile number matched exactly via the blind index. */
  q: z.string().trim().max(LIMITS.search).optional(),
  idType: z.enum(['id_card', 'passport', 'hk_macau_permit', 'taiwan_permit', 'household_register']).optional(),
  fromRegion: z.string().trim().max(LIMITS.search).optional(),
  riskLevel: z.enum(RISK_LEVELS).optional(),
  from: zDate.optional(),
  to: zDate.optional(),
  nodeId: zId.optional(),
  after: zId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
}).refine((q) => !q.from || !q.to || q.to >= q.from, { message: 'date.range', path: ['to'] });
export type TArrivalListQuery = z.infer<typeof ArrivalListQuery>;

export const ProposalQuery = z.object({ riskLevel: z.enum(RISK_LEVELS), arrivalDate: zDate });

export interface MeasureView {
  id: string;
  arrivalId: string;
  kind: MeasureKind;
  startsOn: string;
  endsOn: string;
  testDays: string[] | null;
  status: MeasureStatus;
  proposed: { kind: MeasureKind; startsOn: string; endsOn: string };
  reason: string | null;
  confirmedBy: string | null;
  confirmedAt: string | null;
}

export interface ProposedMeasure {
  kind: MeasureKind;
  startsOn: string;
  endsOn: string;
  testDays: string[] | null;
}

export interface ProposalView {
  version: { id: string; name: string; effectiveFrom: string } | null;
  measures: ProposedMeasure[];
}

export interface ArrivalView {
  id: string;
  name: string;
  idType: (typeof ID_TYPES)[number];
  idNumberMasked: string | null;
  phoneMasked: string | null;
  fromRegion: string;
  riskLevel: RiskLevel;
  arrivalDate: string;
  stayNodeId: string | null;
  /** The household's address (compound, building, entrance, household) or the free text. */
  stay: string;
  stayText: string | null;
  scopeNodeId: string;
  scopeName: string;
  registeredVia: (typeof REGISTERED_VIA)[number];
  checkpointName: string | null;
  residentId: string | null;
  ruleVersion: { id: string; name: string } | null;
  notes: string | null;
  measures: MeasureView[];
  createdBy: string;
  createdAt: string;
}

export const MeasureConfirmInput = z.object({
  /** Adjustments to the proposal; any change needs a reason. */
  kind: z.enum(MEASURE_KINDS).optional(),
  startsOn: zDate.optional(),
  endsOn: zDate.optional(),
  reason: zOptionalText(OUTSIDERS_LIMITS.reason),
});
export type TMeasureConfirmInput = z.infer<typeof MeasureConfirmInput>;

export const MeasureCloseInput = z.object({
  status: z.enum(['done', 'cancelled']),
  reason: zOptionalText(OUTSIDERS_LIMITS.reason),
});
export type TMeasureCloseInput = z.infer<typeof MeasureCloseInput>;

export const DUE_KINDS = ['test_due', 'isolation_ends', 'monitoring'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

export const DueQuery = z.object({
  nodeId: zId.optional(),
  /** The day (Asia/Shanghai); today when absent. */
  date: zDate.optional(),
});
export type TDueQuery = z.infer<typeof DueQuery>;
export const DueExportQuery = DueQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

export interface DueItem {
  measureId: string;
  arrivalId: string;
  name: string;
  phoneMasked: string | null;
  stay: string;
  fromRegion: string;
  riskLevel: RiskLevel;
  due: DueKind;
  kind: MeasureKind;
  status: MeasureStatus;
  startsOn: string;
  endsOn: string;
  /** For a test due today: which test (1-based) of how many. */
  testNo: number | null;
  testCount: number | null;
  /** Day n of the measure (arrival day = 1). */
  dayNo: number;
}

export interface DueView {
  date: string;
  items: DueItem[];
  counts: Record<DueKind, number>;
}
