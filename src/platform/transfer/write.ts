// Streaming writers: CSV (UTF-8 with BOM, RFC 4180) and XLSX (exceljs WorkbookWriter); templates.
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS, { type Style, type Worksheet, type WorkbookWriter } from './exceljs.ts';
import { assertFormat, displayWidth, escapeCell, headingOf } from './columns.ts';
import type { Lang, SheetFormat, TransferColumn } from './columns.ts';

export type SheetCell = string | number | null | undefined;
export type SheetRow = Record<string, SheetCell>;

export interface WriteSheetOptions {
  lang?: Lang;
  sheetName?: string;
  /** Receives the file; it is ended when writing finishes. */
  out: NodeJS.WritableStream;
}

/** A sheet as plain headings + arrays of cells; the common form behind writeSheet, templates and reports. */
export interface SheetSpec {
  name: string;
  headings: string[];
  /** Headings drawn in red (required columns in templates). */
  highlight?: boolean[];
  /** Minimum column widths in Excel units. */
  widths?: number[];
}

type Rows<T> = AsyncIterable<T> | Iterable<T>;

/**
 * Writes `rows` (keyed by column key) with headings in `lang`. Resolves when `out` has been ended; if the rows
 * or the output fail, `out` is destroyed (not ended) and the promise rejects.
 */
export async function writeSheet(
  columns: readonly TransferColumn[],
  rows: Rows<SheetRow>,
  format: SheetFormat,
  opts: WriteSheetOptions,
): Promise<{ rows: number }> {
  assertFormat(format);
  const lang = opts.lang ?? 'zh';
  const spec: SheetSpec = {
    name: opts.sheetName ?? (lang === 'en' ? 'Data' : '数据'),
    headings: columns.map((c) => headingOf(c, lang)),
  };
  const keys = columns.map((c) => c.key);
  const arrays = mapRows(rows, (r) => keys.map((k) => r[k]));
  try {
    if (format === 'csv') return { rows: await writeCsv(spec.headings, arrays, opts.out) };
    const wb = newWorkbook(opts.out);
    const n = await addXlsxSheet(wb, spec, arrays);
    await wb.commit();
    return { rows: n };
  } catch (err) {
    // A half-written file must not look complete: close the output abnormally (no 'error' event is emitted).
    (opts.out as { destroy?: () => void }).destroy?.();
    throw err;
  }
}

/** Import template: headings (required ones with '*'), one example row, and for XLSX a '说明' sheet. */
export async function writeTemplate(
  columns: readonly TransferColumn[],
  format: SheetFormat,
  lang: Lang = 'zh',
): Promise<Buffer> {
  assertFormat(format);
  const en = lang === 'en';
  const headings = columns.map((c) => headingOf(c, lang) + (c.required ? '*' : ''));
  const example = [columns.map((c) => c.example ?? '')];
  return collect(async (out) => {
    if (format === 'csv') {
      await writeCsv(headings, example, out);
      return;
    }
    const wb = newWorkbook(out);
    await addXlsxSheet(wb, { name: en ? 'Template' : '导入模板', headings, highlight: columns.map((c) => !!c.required) }, example);
    const yes = en ? 'Yes' : '是';
    const no = en ? 'No' : '否';
    const notes: SheetCell[][] = columns.map((c) => [headingOf(c, lang), c.required ? yes : no, c.note ?? '', c.example ?? '']);
    notes.push([], [en ? 'Notes' : '填写须知']);
    for (const line of en
      ? [
          'Columns marked * are required.',
          'Delete the example row before importing.',
          'Keep ID numbers and phone numbers as Text (the template columns already are); numbers longer than 15 digits are truncated by Excel.',
          'Dates as YYYY-MM-DD.',
        ]
      : [
          '带 * 的列为必填列。',
          '导入前请删除示例行。',
          '身份证号、手机号等请保持“文本”格式（模板中各列已设为文本）；超过 15 位的数字会被 Excel 截断。',
          '日期格式为 YYYY-MM-DD，例如 2024-03-01。',
        ]) {
      notes.push([line]);
    }
    const noteHeads = en ? ['Column', 'Required', 'Allowed values / notes', 'Example'] : ['列名', '是否必填', '填写说明', '示例'];
    await addXlsxSheet(wb, { name: en ? 'Instructions' : '说明', headings: noteHeads, widths: [16, 10, 50, 24] }, notes);
    await wb.commit();
  });
}

// ---------------------------------------------------------------------------------------------- CSV

function csvField(v: SheetCell): string {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : escapeCell(String(v));
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out as unknown as NodeJS.EventEmitter, 'drain');
}

async function end(out: NodeJS.WritableStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const emitter = out as unknown as NodeJS.EventEmitter;
    emitter.once('error', reject);
    out.end(() => {
      emitter.off('error', reject);
      resolve();
    });
  });
}

/** UTF-8 with BOM (so Excel shows Chinese correctly), CRLF line ends, RFC 4180 quoting, injection guard. */
export async function writeCsv(headings: readonly string[], rows: Rows<readonly SheetCell[]>, out: NodeJS.WritableStream): Promise<number> {
  let buf = '\ufeff' + headings.map(csvField).join(',') + '\r\n';
  let n = 0;
  for await (const row of rows) {
    buf += row.map(csvField).join(',') + '\r\n';
    n++;
    if (buf.length >= 64 * 1024) {
      await write(out, buf);
      buf = '';
    }
  }
  if (buf) await write(out, buf);
  await end(out);
  return n;
}

// --------------------------------------------------------------------------------------------- XLSX

export function newWorkbook(out: NodeJS.WritableStream): WorkbookWriter {
  return new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out as unknown as import('node:stream').Stream,
    useStyles: true, // text format ('@') for columns, bold header
    useSharedStrings: false, // keeps memory flat for large exports
  });
}

const TEXT_STYLE: Partial<Style> = { numFmt: '@' };
const NUMBER_STYLE: Partial<Style> = { numFmt: 'General' };
const INVALID_SHEET_CHARS = /[\\/?*[\]:]/g;

/**
 * Adds one sheet and streams the rows into it. Strings stay text cells (ID numbers are never turned into
 * numbers), columns are formatted as text so values typed later stay text too, only JS numbers become
 * numeric cells. Yields to the event loop regularly so the zip stream can drain (bounded memory).
 */
export async function addXlsxSheet(
  wb: WorkbookWriter,
  spec: SheetSpec,
  rows: Rows<readonly SheetCell[]>,
): Promise<number> {
  const name = spec.name.replace(INVALID_SHEET_CHARS, '_').slice(0, 31) || 'Sheet1';
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.headings.map((h, i) => ({
    width: Math.min(60, Math.max(10, displayWidth(h) + 4, spec.widths?.[i] ?? 0)),
    style: { numFmt: '@' },
  }));
  const header = ws.addRow(spec.headings.map((h) => escapeCell(h)));
  header.font = { bold: true };
  spec.highlight?.forEach((on, i) => {
    if (on) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  header.commit();
  const backlog = sheetBacklog(ws);
  let n = 0;
  for await (const cells of rows) {
    const row = ws.addRow(cells.map(toXlsxValue));
    // Shared style objects: exceljs caches style ids per object, so this costs nothing per cell.
    for (let i = 0; i < cells.length; i++) row.getCell(i + 1).style = typeof cells[i] === 'number' ? NUMBER_STYLE : TEXT_STYLE;
    row.commit();
    if (++n % 500 === 0) await drain(backlog, n);
  }
  ws.commit();
  return n;
}

function toXlsxValue(v: SheetCell): string | number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  return v === null || v === undefined ? null : escapeCell(String(v));
}

/** Bytes the zip compressor has not consumed yet for this sheet (exceljs has no backpressure of its own). */
type Backlog = () => number;

function sheetBacklog(ws: Worksheet): Backlog | undefined {
  const target = (ws as unknown as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as
    | { writableLength?: number; _writableState?: { length?: number } }
    | undefined;
  if (!target) return undefined;
  return () => target.writableLength ?? target._writableState?.length ?? 0;
}

const MAX_BACKLOG = 4 * 1024 * 1024;
const tick = (ms: number): Promise<void> => new Promise((r) => (ms ? setTimeout(r, ms) : setImmediate(r)));

/** Waits while the compressor lags behind; without access to its buffer, yields to the event loop now and then. */
async function drain(backlog: Backlog | undefined, n: number): Promise<void> {
  if (!backlog) {
    if (n % 2000 === 0) await tick(0);
    return;
  }
  while (backlog() > MAX_BACKLOG) await tick(2);
}

// ------------------------------------------------------------------------------------------ helpers

async function* mapRows<T, U>(rows: Rows<T>, f: (row: T) => U): AsyncGenerator<U> {
  for await (const r of rows) yield f(r);
}

/** Runs a writer against an in-memory stream and returns the bytes (for small files: templates, reports). */
export async function collect(fn: (out: NodeJS.WritableStream) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(out, 'end');
  ended.catch(() => undefined);
  await fn(out);
  await ended;
  return Buffer.concat(chunks);
}
