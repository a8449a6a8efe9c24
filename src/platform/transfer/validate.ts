// Row validation with zod 4: messages in Chinese (default) or English, issues mapped back to sheet columns.
import { z } from 'zod';
import { headingOf } from './columns.ts';
import type { Lang, TransferColumn } from './columns.ts';

export interface CellError {
  /** Column heading in the chosen language ('' for a row-level issue). */
  column: string;
  /** Column key ('' for a row-level issue). */
  key: string;
  message: string;
  /** The cell text as read, for the error report's 原值 column. */
  value?: string;
}

export type ValidatedRow<T> =
  | { rowNumber: number; ok: true; data: T }
  | { rowNumber: number; ok: false; errors: CellError[] };

/** What readRows yields. */
export interface RowInput {
  rowNumber: number;
  values: Record<string, string>;
  lossy?: string[];
}

export interface ValidateOptions {
  lang?: Lang;
}

const MESSAGES = {
  zh: {
    required: '不能为空',
    number: '应为数字',
    lossy: '该单元格是数字格式，超过 15 位的数字已被 Excel 截断（末几位变成 0）。请把该列设为“文本”格式后重新填写',
  },
  en: {
    required: 'Required',
    number: 'Must be a number',
    lossy: 'This cell is a number with more than 15 digits, which Excel has already truncated. Format the column as Text and re-enter it',
  },
} as const;

const errorMaps = new Map<Lang, z.core.$ZodErrorMap>();

/**
 * zod error map for one language: zod's own zh-CN / en locale, except that a missing value reads
 * '不能为空' / 'Required' and a non-numeric value for a (coerced) number reads '应为数字' / 'Must be a number'.
 * Messages given in the schema itself always win over this map (zod's precedence).
 */
export function transferErrorMap(lang: Lang = 'zh'): z.core.$ZodErrorMap {
  let map = errorMaps.get(lang);
  if (!map) {
    const locale = (lang === 'en' ? z.locales.en() : z.locales.zhCN()).localeError;
    const m = MESSAGES[lang];
    map = (issue) => {
      if (issue.code === 'invalid_type') {
        if (issue.input === undefined) return m.required;
        if (issue.expected === 'number' && typeof issue.input === 'number' && Number.isNaN(issue.input)) return m.number;
      }
      return locale(issue);
    };
    errorMaps.set(lang, map);
  }
  return map;
}

/**
 * Parses each row's values with `schema` ('' → absent, so optional fields and defaults work) and yields
 * either the parsed data or the errors per column. Async refinements are supported (switches to safeParseAsync).
 * Values that Excel had already truncated (ReadRow.lossy) are reported as errors even if the schema accepts them.
 */
export async function* validateRows<T>(
  rows: AsyncIterable<RowInput> | Iterable<RowInput>,
  schema: z.ZodType<T>,
  columns: readonly TransferColumn[],
  opts: ValidateOptions = {},
): AsyncGenerator<ValidatedRow<T>> {
  const lang = opts.lang ?? 'zh';
  const error = transferErrorMap(lang);
  const headings = new Map(columns.map((c) => [c.key, headingOf(c, lang)]));
  let useAsync = false;
  for await (const row of rows) {
    const input: Record<string, string> = {};
    for (const key in row.values) {
      const v = row.values[key];
      if (v !== undefined && v !== '') input[key] = v;
    }
    let result: z.ZodSafeParseResult<T> | undefined;
    if (!useAsync) {
      try {
        result = schema.safeParse(input, { error });
      } catch (err) {
        if (!(err instanceof z.core.$ZodAsyncError)) throw err;
        useAsync = true;
      }
    }
    result ??= await schema.safeParseAsync(input, { error });

    const errors: CellError[] = [];
    for (const key of row.lossy ?? []) {
      if (headings.has(key)) errors.push(cellError(key, MESSAGES[lang].lossy, headings, row.values));
    }
    if (!result.success) {
      for (const issue of result.error.issues) {
        const head = issue.path[0];
        const key = typeof head === 'string' && headings.has(head) ? head : '';
        if (key && errors.some((e) => e.key === key && e.message === MESSAGES[lang].lossy)) continue;
        errors.push(cellError(key, issue.message, headings, row.values));
      }
    }
    if (errors.length > 0) yield { rowNumber: row.rowNumber, ok: false, errors };
    else if (result.success) yield { rowNumber: row.rowNumber, ok: true, data: result.data };
  }
}

function cellError(
  key: string,
  message: string,
  headings: ReadonlyMap<string, string>,
  values: Record<string, string>,
): CellError {
  const value = key ? values[key] : undefined;
  return { column: headings.get(key) ?? '', key, message, ...(value ? { value } : {}) };
}
