import { AppError } from '../../platform/errors.ts';
import { REPORT_LIMITS, type ReportField, type ReportValue, type ReportValues } from './reports.schema.ts';

// The figures of one report checked against the fields of the form version it is made with. Pure: the
// service calls it for submissions and corrections, the unit tests call it directly.

export interface ValueIssue {
  path: string;
  message: string;
}

const blank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

function integerOf(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'string' && /^\s*-?\d{1,12}\s*$/.test(v)) return Number(v);
  return null;
}

function booleanOf(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1 || v === '1') return true;
  if (v === 'false' || v === 0 || v === '0') return false;
  return null;
}

/** Clean values for every field (absent optional fields are null) and one issue per bad field. */
export function checkValues(fields: ReportField[], input: Record<string, unknown>): { values: ReportValues; issues: ValueIssue[] } {
  const values: ReportValues = {};
  const issues: ValueIssue[] = [];
  const known = new Set(fields.map((f) => f.key));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) issues.push({ path: `values.${key}`, message: 'reports.unknown_field' });
  }
  for (const f of fields) {
    const raw = input[f.key];
    const path = `values.${f.key}`;
    if (blank(raw)) {
      if (f.required) issues.push({ path, message: 'reports.field_required' });
      values[f.key] = null;
      continue;
    }
    let value: ReportValue;
    if (f.type === 'integer') {
      value = integerOf(raw);
      if (value === null) issues.push({ path, message: 'reports.integer' });
      else if (value < (f.min ?? 0)) issues.push({ path, message: 'reports.min' });
      else if (value > (f.max ?? REPORT_LIMITS.maxValue)) issues.push({ path, message: 'reports.max' });
    } else if (f.type === 'boolean') {
      value = booleanOf(raw);
      if (value === null) issues.push({ path, message: 'reports.boolean' });
    } else {
      value = typeof raw === 'string' ? raw.trim() : null;
      if (value === null || value.length > REPORT_LIMITS.text || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(value)) {
        issues.push({ path, message: 'reports.text' });
      }
    }
    values[f.key] = value;
  }
  return { values, issues };
}

/** 零报告: every figure 0, every yes/no "no", no text. */
export function zeroValues(fields: ReportField[]): ReportValues {
  const values: ReportValues = {};
  for (const f of fields) values[f.key] = f.type === 'integer' ? 0 : f.type === 'boolean' ? false : null;
  return values;
}

/** The values of a report, or VALIDATION naming each bad field (`values.<key>`). */
export function reportValues(fields: ReportField[], zero: boolean, input: Record<string, unknown>): ReportValues {
  if (zero) return zeroValues(fields);
  const { values, issues } = checkValues(fields, input);
  if (issues.length > 0) throw new AppError('VALIDATION', 'some figures are invalid', issues);
  return values;
}

/** Rows of report_values: the numbers that roll up (yes counts 1). Text and empty fields have none. */
export function numericValues(fields: ReportField[], values: ReportValues): Array<{ field_key: string; value: number }> {
  const rows: Array<{ field_key: string; value: number }> = [];
  for (const f of fields) {
    const v = values[f.key];
    if (f.type === 'integer' && typeof v === 'number') rows.push({ field_key: f.key, value: v });
    else if (f.type === 'boolean' && typeof v === 'boolean') rows.push({ field_key: f.key, value: v ? 1 : 0 });
  }
  return rows;
}
