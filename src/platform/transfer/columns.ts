// Column definitions shared by readers, writers, validation and templates; heading matching; formula-injection guard.
import { TransferError } from './errors.ts';

export type Lang = 'zh' | 'en';
export type SheetFormat = 'csv' | 'xlsx';

export interface TransferColumn<K extends string = string> {
  /** Field name in the row object, e.g. 'name'. */
  key: K;
  /** Heading in Chinese, e.g. '姓名'. */
  zh: string;
  /** Heading in English, e.g. 'Name'. */
  en: string;
  /** Other headings seen in real sheets, e.g. ['名字', '人员姓名']. */
  aliases?: string[];
  /** Template marks it with '*'; a sheet without this column is rejected. */
  required?: boolean;
  /** Example cell for the template. */
  example?: string;
  /** Allowed values etc., shown in the template's second sheet ('说明'). */
  note?: string;
}

export function assertFormat(format: string): asserts format is SheetFormat {
  if (format !== 'csv' && format !== 'xlsx') {
    throw new TransferError('unsupported_format', `不支持的文件格式：${format}（仅支持 CSV 和 XLSX）`, {
      reason: String(format),
      en: `Unsupported file format: ${format} (only CSV and XLSX)`,
    });
  }
}

export function headingOf(column: TransferColumn, lang: Lang = 'zh'): string {
  return lang === 'en' ? column.en : column.zh;
}

/**
 * Canonical form of a heading for matching: NFKC (full-width → half-width letters, digits, brackets, '＊'),
 * 【】/〔〕 → [], all whitespace removed, leading/trailing '*' (required marker) removed, lower case.
 */
export function normalizeHeading(heading: string): string {
  return heading
    .normalize('NFKC')
    .replace(/[\s\u200b\ufeff]+/g, '')
    .replace(/[【〔]/g, '[')
    .replace(/[】〕]/g, ']')
    .replace(/^\*+|\*+$/g, '')
    .toLowerCase();
}

export interface HeaderMapping {
  /** For each mapped sheet column: its 0-based index in the header row and the column key. */
  fields: Array<{ index: number; key: string }>;
  /** Required columns not found in the header. */
  missing: TransferColumn[];
}

/** Maps header cells to columns by zh/en/aliases. Unknown headings are ignored; for duplicates the first wins. */
export function mapHeader(headings: readonly string[], columns: readonly TransferColumn[]): HeaderMapping {
  const lookup = new Map<string, string>();
  for (const col of columns) {
    for (const h of [col.zh, col.en, ...(col.aliases ?? [])]) {
      const n = normalizeHeading(h);
      if (n && !lookup.has(n)) lookup.set(n, col.key);
    }
  }
  const seen = new Set<string>();
  const fields: HeaderMapping['fields'] = [];
  headings.forEach((h, index) => {
    const key = lookup.get(normalizeHeading(h ?? ''));
    if (key !== undefined && !seen.has(key)) {
      seen.add(key);
      fields.push({ index, key });
    }
  });
  const missing = columns.filter((c) => c.required && !seen.has(c.key));
  return { fields, missing };
}

export function missingColumnsError(missing: readonly TransferColumn[]): TransferError {
  const zh = missing.map((c) => c.zh);
  const en = missing.map((c) => c.en);
  return new TransferError('missing_columns', `缺少必填列：${zh.join('、')}`, {
    missing: zh,
    missingEn: en,
    missingKeys: missing.map((c) => c.key),
    en: `Missing required columns: ${en.join(', ')}`,
  });
}

const DANGEROUS_START = /^[=+\-@\t\r]/;
const ESCAPED_START = /^'[=+\-@\t\r]/;

/** CSV/formula-injection guard: a text cell starting with = + - @ TAB or CR gets a leading "'". */
export function escapeCell(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** Inverse of escapeCell, applied on import so export → import round-trips. */
export function unescapeCell(text: string): string {
  return ESCAPED_START.test(text) ? text.slice(1) : text;
}

/** Cell text as delivered to callers: trimmed (incl. full-width spaces), injection guard removed. */
export function cleanCell(raw: string): string {
  const t = raw.trim();
  return t.charCodeAt(0) === 39 /* ' */ ? unescapeCell(t).trim() : t;
}

/** Approximate display width of a text in Excel column units (CJK counts double). */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (ch.codePointAt(0) ?? 0) > 0x2e80 ? 2 : 1;
  return w;
}
