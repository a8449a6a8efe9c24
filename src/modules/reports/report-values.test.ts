import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { checkValues, numericValues, reportValues, zeroValues } from './report-values.ts';
import type { ReportField } from './reports.schema.ts';
import { narrowest } from './reports.scope.ts';

const field = (key: string, type: ReportField['type'], extra: Partial<ReportField> = {}): ReportField => ({
  key, labelZh: key, labelEn: key, type, required: false, min: null, max: null, summable: type !== 'text', ...extra,
});

const FIELDS = [
  field('n', 'integer', { required: true, min: 1, max: 10 }),
  field('flag', 'boolean'),
  field('note', 'text'),
];

describe('report values', () => {
  it('cleans good values: numbers from digits, yes/no from its spellings, blank text to null', () => {
    expect(checkValues(FIELDS, { n: '7', flag: 'true', note: '  ' })).toEqual({ values: { n: 7, flag: true, note: null }, issues: [] });
    expect(checkValues(FIELDS, { n: 10, flag: 0 }).values).toEqual({ n: 10, flag: false, note: null });
  });

  it('names every bad field', () => {
    const { issues } = checkValues(FIELDS, { n: 11, flag: 'perhaps', note: 'a\u0001b', other: 1 });
    expect(issues).toEqual([
      { path: 'values.other', message: 'reports.unknown_field' },
      { path: 'values.n', message: 'reports.max' },
      { path: 'values.flag', message: 'reports.boolean' },
      { path: 'values.note', message: 'reports.text' },
    ]);
    expect(checkValues(FIELDS, {}).issues).toEqual([{ path: 'values.n', message: 'reports.field_required' }]);
    expect(checkValues(FIELDS, { n: 0 }).issues).toEqual([{ path: 'values.n', message: 'reports.min' }]);
    expect(checkValues(FIELDS, { n: 1.5 }).issues).toEqual([{ path: 'values.n', message: 'reports.integer' }]);
    expect(() => reportValues(FIELDS, false, {})).toThrow(AppError);
  });

  it('a zero report is all zeros, "no" and no text, whatever was sent', () => {
    expect(zeroValues(FIELDS)).toEqual({ n: 0, flag: false, note: null });
    expect(reportValues(FIELDS, true, { n: 99 })).toEqual({ n: 0, flag: false, note: null });
  });

  it('only numbers and yes/no roll up, yes as 1', () => {
    expect(numericValues(FIELDS, { n: 4, flag: true, note: 'x' })).toEqual([{ field_key: 'n', value: 4 }, { field_key: 'flag', value: 1 }]);
    expect(numericValues(FIELDS, { n: null, flag: null, note: null })).toEqual([]);
  });
});

describe('nested subtree ranges', () => {
  it('takes the deepest of nested paths and finds disjoint ones', () => {
    expect(narrowest([null, '/A/', '/A/B/'])).toBe('/A/B/');
    expect(narrowest(['/A/B/', '/A/'])).toBe('/A/B/');
    expect(narrowest([null, undefined])).toBeNull();
    expect(narrowest(['/A/B/', '/A/C/'])).toBeUndefined();
  });
});
