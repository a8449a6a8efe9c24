import { z } from 'zod';
import { zDate, zId } from '../../platform/validation.ts';
import { REPORT_LIMITS, type ReporterKind, type ReportField } from './reports.schema.ts';

// The live roll-up of daily reports up the hierarchy (and over units), its history and export. Shared with the web app.

export const ROLLUP_BY = ['node', 'unit'] as const;

export const RollupQuery = z.object({
  formId: zId,
  day: zDate.optional(),
  /** The level to show: its children are the rows (default: the account's own node). */
  nodeId: zId.optional(),
  by: z.enum(ROLLUP_BY).default('node'),
});
export type TRollupQuery = z.infer<typeof RollupQuery>;

export const RollupExportQuery = RollupQuery.extend({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export const RollupHistoryQuery = z.object({
  formId: zId,
  nodeId: zId.optional(),
  by: z.enum(ROLLUP_BY).default('node'),
  from: zDate,
  to: zDate,
}).superRefine((v, ctx) => {
  if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'date.range' });
  else if (daysBetween(v.from, v.to) >= REPORT_LIMITS.rangeDays) ctx.addIssue({ code: 'custom', path: ['to'], message: 'reports.range_too_long' });
});
export type TRollupHistoryQuery = z.infer<typeof RollupHistoryQuery>;

export interface RollupCounts {
  expected: number;
  submitted: number;
  missing: number;
  late: number;
  zero: number;
  sums: Record<string, number>;
}

export interface RollupRow extends RollupCounts {
  /** Node id, unit id, or the level's own node for its own report. */
  id: string;
  kind: ReporterKind;
  name: string;
  levelCode: string | null;
  /** The level's own report (a street that reports itself), shown apart from its children. */
  isSelf: boolean;
  /** Has reporters below it: the table can open it. */
  drillable: boolean;
}

export interface RollupView {
  form: { id: string; name: string; version: number; deadline: string };
  /** The summable fields of the form's current version: the columns. */
  fields: ReportField[];
  day: string;
  by: 'node' | 'unit';
  /** The level shown; null for an administrator's view of all top nodes (or for units). */
  node: { id: string; name: string; levelCode: string } | null;
  /** From the top of the account's reach down to the node's parent, for the breadcrumb. */
  ancestors: Array<{ id: string; name: string; levelCode: string }>;
  rows: RollupRow[];
  total: RollupCounts;
}

export interface RollupHistoryDay extends RollupCounts {
  day: string;
}

export interface RollupHistoryView {
  form: { id: string; name: string; version: number; deadline: string };
  fields: ReportField[];
  by: 'node' | 'unit';
  node: { id: string; name: string; levelCode: string } | null;
  days: RollupHistoryDay[];
}
