// Collects row errors during an import (bounded) and writes them as a downloadable XLSX/CSV.
import { assertFormat } from './columns.ts';
import type { Lang, SheetFormat } from './columns.ts';
import type { ValidatedRow } from './validate.ts';
import { addXlsxSheet, collect, newWorkbook, writeCsv } from './write.ts';
import type { SheetCell } from './write.ts';

export interface RowError {
  rowNumber: number;
  /** Column heading as shown to the user ('' for a row-level error). */
  column: string;
  message: string;
  /** Original cell text. */
  value?: string;
}

export const DEFAULT_ERROR_CAP = 10_000;

/** Keeps the first `cap` errors in memory and counts all of them (and the rows that had any). */
export class RowErrorReport {
  readonly cap: number;
  private readonly kept: RowError[] = [];
  private count = 0;
  private rows = 0;
  private lastRow = Number.NaN;

  constructor(cap: number = DEFAULT_ERROR_CAP) {
    this.cap = cap;
  }

  add(error: RowError): void {
    this.count++;
    if (error.rowNumber !== this.lastRow) {
      this.rows++;
      this.lastRow = error.rowNumber;
    }
    if (this.kept.length < this.cap) this.kept.push(error);
  }

  /** Records the errors of a failed validation result; returns true when the row was valid. */
  addResult(result: ValidatedRow<unknown>): boolean {
    if (result.ok) return true;
    for (const e of result.errors) {
      this.add({ rowNumber: result.rowNumber, column: e.column, message: e.message, ...(e.value !== undefined ? { value: e.value } : {}) });
    }
    return false;
  }

  /** All errors seen, including those beyond the cap. */
  get total(): number {
    return this.count;
  }

  /** Number of rows with at least one error (rows are expected in ascending order). */
  get rowCount(): number {
    return this.rows;
  }

  get truncated(): boolean {
    return this.count > this.kept.length;
  }

  get errors(): readonly RowError[] {
    return this.kept;
  }

  get isEmpty(): boolean {
    return this.count === 0;
  }
}

const HEADINGS: Record<Lang, string[]> = {
  zh: ['行号', '列', '错误', '原值'],
  en: ['Row', 'Column', 'Error', 'Value'],
};

/** Error report file with columns 行号 / 列 / 错误 / 原值; notes the total when the list was capped. */
export async function writeErrorReport(
  errors: RowErrorReport | Iterable<RowError>,
  format: SheetFormat,
  opts: { lang?: Lang } = {},
): Promise<Buffer> {
  assertFormat(format);
  const lang = opts.lang ?? 'zh';
  const list = errors instanceof RowErrorReport ? errors.errors : errors;
  function* rows(): Generator<SheetCell[]> {
    for (const e of list) yield [e.rowNumber, e.column, e.message, e.value ?? ''];
    if (errors instanceof RowErrorReport && errors.truncated) {
      yield [
        null,
        '',
        lang === 'en'
          ? `Only the first ${errors.errors.length} errors are listed; ${errors.total} errors in ${errors.rowCount} rows in total.`
          : `仅列出前 ${errors.errors.length} 条错误，共 ${errors.total} 条（涉及 ${errors.rowCount} 行）。`,
        '',
      ];
    }
  }
  return collect(async (out) => {
    if (format === 'csv') {
      await writeCsv(HEADINGS[lang], rows(), out);
      return;
    }
    const wb = newWorkbook(out);
    await addXlsxSheet(wb, { name: lang === 'en' ? 'Errors' : '错误', headings: HEADINGS[lang], widths: [8, 16, 50, 24] }, rows());
    await wb.commit();
  });
}
