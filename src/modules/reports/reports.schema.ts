import { z } from 'zod';
import { LIMITS, zDate, zId, zText } from '../../platform/validation.ts';
import { zLevelCode } from '../jurisdiction/jurisdiction.schema.ts';

// Daily report and zero report (日报告/零报告): forms are data, every responsible community or unit reports each
// Shanghai day by the form's deadline, managers chase who is missing and read the roll-up up the tree.
// Shared with the web app: the same schemas validate HTTP bodies and the form designer.

export const REPORT_FIELD_TYPES = ['integer', 'text', 'boolean'] as const;
export type ReportFieldType = (typeof REPORT_FIELD_TYPES)[number];

export const UNIT_MODES = ['none', 'all', 'listed'] as const;
export type UnitMode = (typeof UNIT_MODES)[number];

export const REPORT_LIMITS = {
  fields: 50,
  fieldKey: 40,
  label: 50,
  labelEn: 80,
  text: 500,
  /** Largest figure a whole-number field takes (the roll-up sums stay exact in a 64-bit column). */
  maxValue: 1_000_000_000,
  /** Longest date range of a history or a submission list. */
  rangeDays: 93,
  /** Rows of a chase list shown at once; the totals count them all. */
  chaseRows: 500,
} as const;

export const zFieldKey = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'reports.field_key');
export const zDeadline = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'reports.deadline_format');

export const ReportFieldInput = z.object({
  key: zFieldKey,
  labelZh: zText(REPORT_LIMITS.label),
  labelEn: zText(REPORT_LIMITS.labelEn),
  type: z.enum(REPORT_FIELD_TYPES),
  required: z.boolean().default(false),
  min: z.number().int().min(0).max(REPORT_LIMITS.maxValue).nullish(),
  max: z.number().int().min(0).max(REPORT_LIMITS.maxValue).nullish(),
  /** Summed up the hierarchy (whole numbers; yes/no fields count the yeses). */
  summable: z.boolean().default(false),
});
export type TReportFieldInput = z.infer<typeof ReportFieldInput>;

export interface ReportField {
  key: string;
  labelZh: string;
  labelEn: string;
  type: ReportFieldType;
  required: boolean;
  min: number | null;
  max: number | null;
  summable: boolean;
}

export interface ReportFormRuleFields {
  reporterLevels?: string[];
  unitMode?: UnitMode;
  unitIds?: string[];
  activeFrom?: string;
  activeTo?: string | null;
  fields?: TReportFieldInput[];
}

const hasValue = (v: number | null | undefined): v is number => v !== null && v !== undefined;

/** Rules across fields of a form; the service applies them again to the merged record on update. */
export function reportFormIssues(v: ReportFormRuleFields): Array<{ path: string; message: string }> {
  const issues: Array<{ path: string; message: string }> = [];
  if ((v.reporterLevels ?? []).length === 0 && (v.unitMode ?? 'none') === 'none') {
    issues.push({ path: 'reporterLevels', message: 'reports.no_reporters' });
  }
  if (v.unitMode === 'listed' && (v.unitIds ?? []).length === 0) issues.push({ path: 'unitIds', message: 'reports.units_required' });
  if (v.activeFrom && v.activeTo && v.activeTo < v.activeFrom) issues.push({ path: 'activeTo', message: 'date.range' });
  const seen = new Set<string>();
  (v.fields ?? []).forEach((f, i) => {
    if (seen.has(f.key)) issues.push({ path: `fields.${i}.key`, message: 'reports.duplicate_key' });
    seen.add(f.key);
    if (f.summable && f.type === 'text') issues.push({ path: `fields.${i}.summable`, message: 'reports.summable_type' });
    if (f.type !== 'integer' && (hasValue(f.min) || hasValue(f.max))) issues.push({ path: `fields.${i}.min`, message: 'reports.minmax_type' });
    if (hasValue(f.min) && hasValue(f.max) && f.min > f.max) issues.push({ path: `fields.${i}.max`, message: 'reports.min_max' });
  });
  return issues;
}

const ReportFormFields = z.object({
  name: zText(LIMITS.placeName),
  /** Where the form applies (reporters in this subtree); null = everywhere, administrators only. */
  nodeId: zId.nullish(),
  reporterLevels: z.array(zLevelCode).max(10).default([]),
  unitMode: z.enum(UNIT_MODES).default('none'),
  unitIds: z.array(zId).max(500).default([]),
  deadline: zDeadline,
  activeFrom: zDate,
  activeTo: zDate.nullish(),
  fields: z.array(ReportFieldInput).min(1).max(REPORT_LIMITS.fields),
});

export const ReportFormInput = ReportFormFields.extend({
  /** Client-made id: a retried create answers with the same form. */
  id: zId.optional(),
}).superRefine((v, ctx) => {
  for (const issue of reportFormIssues(v)) ctx.addIssue({ code: 'custom', path: issue.path.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)), message: issue.message });
});
export type TReportFormInput = z.infer<typeof ReportFormInput>;

/** Changing `fields` makes a new version; reports already made keep the version they were made with. */
export const ReportFormUpdateInput = z.object({
  name: ReportFormFields.shape.name.optional(),
  reporterLevels: z.array(zLevelCode).max(10).optional(),
  unitMode: z.enum(UNIT_MODES).optional(),
  unitIds: z.array(zId).max(500).optional(),
  deadline: zDeadline.optional(),
  activeFrom: zDate.optional(),
  activeTo: zDate.nullish(),
  fields: z.array(ReportFieldInput).min(1).max(REPORT_LIMITS.fields).optional(),
});
export type TReportFormUpdateInput = z.infer<typeof ReportFormUpdateInput>;

export interface ReportFormVersionView {
  version: number;
  createdAt: string;
  fields: ReportField[];
}

export interface ReportFormView {
  id: string;
  name: string;
  nodeId: string | null;
  nodeName: string | null;
  reporterLevels: string[];
  unitMode: UnitMode;
  unitIds: string[];
  deadline: string;
  activeFrom: string;
  activeTo: string | null;
  version: number;
  fields: ReportField[];
  createdAt: string;
  updatedAt: string;
}

export interface ReportFormDetail extends ReportFormView {
  versions: ReportFormVersionView[];
  submissionCount: number;
}

// ---------------------------------------------------------------- submissions

export type ReportValue = number | string | boolean | null;
export type ReportValues = Record<string, ReportValue>;

const zValues = z.record(zFieldKey, z.union([z.number(), z.string().max(REPORT_LIMITS.text * 2), z.boolean(), z.null()]));

export const SubmissionInput = z.object({
  /** Client-made id: a retried submission answers with the same report. */
  id: zId.optional(),
  formId: zId,
  /** Shanghai day; defaults to today. */
  day: zDate.optional(),
  /** The place that reports (default: the account's own node) or the unit (a liaison's own unit). */
  nodeId: zId.optional(),
  unitId: zId.optional(),
  /** 零报告: nothing to report, every figure 0. */
  zero: z.boolean().default(false),
  values: zValues.default({}),
});
export type TSubmissionInput = z.infer<typeof SubmissionInput>;

export const CorrectionInput = z.object({
  /** Client-made id of the revision: a retried correction makes no second revision. */
  id: zId.optional(),
  zero: z.boolean().default(false),
  values: zValues.default({}),
  reason: zText(LIMITS.note),
});
export type TCorrectionInput = z.infer<typeof CorrectionInput>;

export type ReporterKind = 'node' | 'unit';

export interface SubmissionView {
  id: string;
  formId: string;
  formName: string;
  formVersion: number;
  day: string;
  reporterKind: ReporterKind;
  nodeId: string | null;
  unitId: string | null;
  reporterName: string;
  isZero: boolean;
  late: boolean;
  values: ReportValues;
  revision: number;
  submittedAt: string;
  updatedAt: string;
}

export interface RevisionView {
  id: string;
  revision: number;
  values: ReportValues;
  isZero: boolean;
  reason: string | null;
  madeAt: string;
  madeByName: string;
}

export interface SubmissionDetail extends SubmissionView {
  /** The fields of the version the report was made with. */
  fields: ReportField[];
  revisions: RevisionView[];
  /** Whether this account may correct it now (same day: the reporter; later: a manager). */
  canCorrect: boolean;
}

export const DayQuery = z.object({ day: zDate.optional() });

export const SubmissionListQuery = z.object({
  formId: zId.optional(),
  nodeId: zId.optional(),
  unitId: zId.optional(),
  from: zDate,
  to: zDate,
  /** Cursor from the previous page's `next`. */
  after: z.string().regex(/^\d{4}-\d{2}-\d{2}_[0-9A-HJKMNP-TV-Z]{26}$/, 'id.invalid').optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type TSubmissionListQuery = z.infer<typeof SubmissionListQuery>;

export interface MyReportItem {
  form: ReportFormView;
  day: string;
  reporter: { kind: ReporterKind; id: string; name: string };
  /** The deadline of the day as an instant (UTC ISO). */
  deadlineAt: string;
  status: 'missing' | 'submitted' | 'late';
  /** Not yet submitted and the deadline has passed. */
  overdue: boolean;
  submission: SubmissionView | null;
}

// ---------------------------------------------------------------- chase list and reminders

export const ChaseQuery = z.object({ formId: zId, day: zDate.optional(), nodeId: zId.optional() });
export type TChaseQuery = z.infer<typeof ChaseQuery>;

export const RemindInput = ChaseQuery;
export type TRemindInput = TChaseQuery;

export interface ChaseReporter {
  kind: ReporterKind;
  id: string;
  name: string;
  /** The reporter's parent place, for telling communities of the same name apart. */
  parentName: string | null;
  remindedAt: string | null;
  submittedAt: string | null;
}

export interface ChaseView {
  form: { id: string; name: string; deadline: string };
  day: string;
  deadlineAt: string;
  expected: number;
  submitted: number;
  missingCount: number;
  lateCount: number;
  zeroCount: number;
  missing: ChaseReporter[];
  late: ChaseReporter[];
  /** More than REPORT_LIMITS.chaseRows missing or late: the lists show the first ones, the counts all. */
  truncated: boolean;
}

export interface RemindResult {
  /** Reporters reminded by this request. */
  reminded: number;
  /** Missing reporters that had already been reminded for this form and day (not sent again). */
  alreadyReminded: number;
  /** Messages handed to the notifier (one per account; a reporter without accounts gets one to its place). */
  messages: number;
}

export interface ReminderView {
  id: string;
  reporterKind: ReporterKind;
  reporterId: string;
  reporterName: string;
  createdAt: string;
  createdByName: string;
  notifiedAt: string | null;
  recipients: number;
}
