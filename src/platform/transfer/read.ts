// Streaming readers: CSV (csv-parse) and XLSX (exceljs WorkbookReader) → { rowNumber, values } with bounded memory.
import { constants as fsConstants, createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { pipeline } from 'node:stream/promises';
import ExcelJS, { type Row } from './exceljs.ts';
import { parse as parseCsv } from 'csv-parse';
import { TransferError, emptyFileError, encodingError } from './errors.ts';
import { assertFormat, cleanCell, mapHeader, missingColumnsError } from './columns.ts';
import type { HeaderMapping, SheetFormat, TransferColumn } from './columns.ts';
import { cellToText } from './cells.ts';

export type ReadInput = { path: string } | { buffer: Buffer };

export interface ReadRow {
  /** 1-based row number as the user sees it in the sheet (header row = 1 when it is the first row). */
  rowNumber: number;
  /** Trimmed cell text per column key; '' for empty or absent columns. */
  values: Record<string, string>;
  /** XLSX only: keys whose cell was a number with > 15 digits (Excel already lost the trailing digits). */
  lossy?: string[];
}

export interface ReadOptions {
  /** Reject the file with TransferError('too_large') after this many data rows. */
  maxRows?: number;
}

/** One physical row: raw cell texts (0-based by column) and the indexes of lossy numeric cells. */
interface RawRow {
  rowNumber: number;
  cells: string[];
  lossy?: number[];
}

/** How many non-empty rows may precede the header (e.g. a title row such as 'XX社区居民信息表'). */
const HEADER_SEARCH_ROWS = 10;

export async function* readRows(
  input: ReadInput,
  format: SheetFormat,
  columns: readonly TransferColumn[],
  opts: ReadOptions = {},
): AsyncGenerator<ReadRow> {
  assertFormat(format);
  const raw = format === 'csv' ? csvRows(input) : xlsxRows(input);
  yield* shapeRows(raw, columns, opts.maxRows);
}

/** Finds the header, maps headings to keys, and turns raw rows into keyed, trimmed values. */
async function* shapeRows(
  raw: AsyncIterable<RawRow>,
  columns: readonly TransferColumn[],
  maxRows = Infinity,
): AsyncGenerator<ReadRow> {
  let mapping: HeaderMapping | undefined;
  let firstHeader: string[] | undefined;
  let nonEmptySeen = 0;
  let dataRows = 0;
  for await (const row of raw) {
    if (!mapping) {
      if (!row.cells.some((c) => c.trim() !== '')) continue;
      nonEmptySeen++;
      firstHeader ??= row.cells;
      const m = mapHeader(row.cells, columns);
      if (m.fields.length > 0) {
        if (m.missing.length > 0) throw missingColumnsError(m.missing);
        mapping = m;
      } else if (nonEmptySeen >= HEADER_SEARCH_ROWS) {
        break;
      }
      continue;
    }
    const values: Record<string, string> = {};
    for (const c of columns) values[c.key] = '';
    let any = false;
    for (const f of mapping.fields) {
      const cell = row.cells[f.index];
      if (cell === undefined || cell === '') continue;
      const v = cleanCell(cell);
      if (v !== '') {
        values[f.key] = v;
        any = true;
      }
    }
    if (!any) continue;
    if (++dataRows > maxRows) {
      throw new TransferError('too_large', `数据行数超过上限 ${maxRows} 行，请拆分文件后分批导入`, {
        limit: maxRows,
        row: row.rowNumber,
        en: `More than ${maxRows} data rows; split the file and import it in parts`,
      });
    }
    let lossy: string[] | undefined;
    if (row.lossy) {
      for (const f of mapping.fields) if (row.lossy.includes(f.index)) (lossy ??= []).push(f.key);
    }
    yield lossy ? { rowNumber: row.rowNumber, values, lossy } : { rowNumber: row.rowNumber, values };
  }
  if (!mapping) {
    if (!firstHeader) throw emptyFileError();
    const required = columns.filter((c) => c.required);
    throw missingColumnsError(required.length > 0 ? required : columns);
  }
  if (dataRows === 0) {
    throw new TransferError('empty_file', '文件中没有数据行', { reason: 'no_data_rows', en: 'The file has no data rows' });
  }
}

// ---------------------------------------------------------------------------------------------- CSV

function byteSource(input: ReadInput): AsyncIterable<Buffer> {
  if ('path' in input) return createReadStream(input.path, { highWaterMark: 256 * 1024 });
  const buf = input.buffer;
  return (async function* () {
    for (let i = 0; i < buf.length; i += 256 * 1024) yield buf.subarray(i, i + 256 * 1024);
  })();
}

function pickDecoder(head: Buffer): TextDecoder {
  if (head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le', { fatal: true });
  if (head[0] === 0xfe && head[1] === 0xff) return new TextDecoder('utf-16be', { fatal: true });
  return new TextDecoder('utf-8', { fatal: true }); // strips a UTF-8 BOM (ignoreBOM defaults to false)
}

function guessEncoding(chunk: Buffer): string {
  const nl = chunk.lastIndexOf(0x0a);
  const sample = nl > 0 ? chunk.subarray(0, nl) : chunk;
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(sample);
    return 'gbk';
  } catch {
    return 'unknown';
  }
}

/** A workbook uploaded as CSV would otherwise surface as a confusing encoding error. */
function rejectBinary(head: Buffer): void {
  const zip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
  const ole = head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0;
  if (!zip && !ole) return;
  throw new TransferError(
    'unsupported_format',
    zip ? '该文件是 Excel 工作簿（.xlsx），不是 CSV，请按 XLSX 格式导入' : '该文件是旧版 Excel（.xls），请在 Excel 中另存为 .xlsx 或 CSV UTF-8 后导入',
    {
      detected: zip ? 'xlsx' : 'xls',
      en: zip ? 'This file is an Excel workbook (.xlsx), not CSV; import it as XLSX' : 'This is a legacy .xls file; save it as .xlsx or CSV UTF-8 and import again',
    },
  );
}

/** Decodes bytes to text: UTF-8 (BOM stripped) or UTF-16 with BOM; anything else → TransferError('encoding'). */
async function* decodeText(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let head = Buffer.alloc(0);
  const decode = (buf: Buffer, stream: boolean): string => {
    try {
      return decoder!.decode(buf, { stream });
    } catch {
      throw encodingError(guessEncoding(buf));
    }
  };
  for await (const chunk of source) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (!decoder) {
      head = Buffer.concat([head, buf]); // wait for 4 bytes so a BOM is never split
      if (head.length < 4) continue;
      rejectBinary(head);
      decoder = pickDecoder(head);
      buf = head;
    }
    const text = decode(buf, true);
    if (text) yield text;
  }
  let tail: string;
  if (decoder) {
    tail = decode(Buffer.alloc(0), false); // flush; throws on a truncated multi-byte sequence
  } else {
    decoder = pickDecoder(head); // whole file shorter than 4 bytes
    tail = decode(head, false);
  }
  if (tail) yield tail;
}

/** Delimiter from the first non-empty line: the most frequent of , TAB ; (default ','). */
function sniffDelimiter(text: string): string {
  const line = text.split(/\r\n|\n|\r/).find((l) => l.trim() !== '') ?? '';
  let best = ',';
  let bestCount = 0;
  for (const d of [',', '\t', ';']) {
    const n = line.split(d).length - 1;
    if (n > bestCount) [best, bestCount] = [d, n];
  }
  return best;
}

/** Text chunks with the first chunk extended until it holds a full non-empty line (for delimiter sniffing). */
async function sniffed(text: AsyncGenerator<string>): Promise<{ delimiter: string; chunks: AsyncIterable<string> }> {
  let first = '';
  for (;;) {
    const r = await text.next();
    if (r.done) break;
    first += r.value;
    if (/\S[^\r\n]*[\r\n]/.test(first) || first.length > 1_000_000) break;
  }
  const chunks = (async function* () {
    if (first) yield first;
    yield* text;
  })();
  return { delimiter: sniffDelimiter(first), chunks };
}

async function* csvRows(input: ReadInput): AsyncGenerator<RawRow> {
  const { delimiter, chunks } = await sniffed(decodeText(byteSource(input)));
  const parser = parseCsv({
    delimiter,
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false, // keep empty lines so row numbers match what Excel shows
  });
  const source = Readable.from(chunks, { objectMode: false });
  const done = pipeline(source, parser);
  done.catch(() => undefined); // errors surface through the parser's iterator below
  let rowNumber = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNumber++;
      yield { rowNumber, cells: record };
    }
  } catch (err) {
    if (err instanceof TransferError) throw err;
    const e = err as Error & { code?: string };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_')) {
      const lines = (err as { lines?: unknown }).lines;
      const row = typeof lines === 'number' && lines > 0 ? lines : rowNumber + 1;
      throw new TransferError('unsupported_format', `CSV 格式错误（第 ${row} 行附近）：${e.message}`, {
        row,
        reason: `${e.code}: ${e.message}`,
        en: `Malformed CSV near line ${row}: ${e.message}`,
      });
    }
    throw err;
  } finally {
    source.destroy();
    parser.destroy();
  }
}

// --------------------------------------------------------------------------------------------- XLSX

/** The parts of exceljs' streaming reader we use that its typings do not declare. */
interface WorkbookReaderInternals {
  model?: { sheets?: Array<{ name?: string }> };
  properties?: { model?: { date1904?: boolean } };
}

function isFirstSheet(wb: WorkbookReaderInternals, name: string): boolean {
  const sheets = wb.model?.sheets ?? [];
  if (sheets.length === 0 || !sheets.some((s) => s.name === name)) return true; // unknown order: take what comes
  return sheets[0]?.name === name;
}

async function* xlsxRows(input: ReadInput): AsyncGenerator<RawRow> {
  let stream: Readable;
  if ('path' in input) {
    await access(input.path, fsConstants.R_OK); // fail fast (ENOENT) before exceljs starts piping
    stream = createReadStream(input.path);
  } else {
    stream = Readable.from([input.buffer]);
  }
  // exceljs pipes the source into its unzipper without forwarding errors, which would hang: every step also
  // fails when the source does. (Not Promise.race against one never-settling promise: each race would leave a
  // reaction on it holding its row, so memory would grow with the sheet.)
  let failure: unknown;
  let wake: ((err: unknown) => void) | null = null;
  stream.once('error', (err) => { failure = err; wake?.(err); });
  const step = <T>(p: Promise<T>): Promise<T> => {
    if (failure !== undefined) return Promise.reject(failure);
    return new Promise<T>((resolve, reject) => {
      wake = reject;
      p.then((v) => { wake = null; resolve(v); }, (e) => { wake = null; reject(e); });
    });
  };

  const wb = new ExcelJS.stream.xlsx.WorkbookReader(stream, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache', // needed to tell dates from numbers
    entries: 'ignore',
  });
  const internals = wb as unknown as WorkbookReaderInternals;
  const sheets = wb[Symbol.asyncIterator]();
  let rows: AsyncGenerator<Row> | undefined;
  try {
    for (let s = await step(sheets.next()); !s.done; s = await step(sheets.next())) {
      const name = (s.value as unknown as { name: string }).name;
      if (!isFirstSheet(internals, name)) continue;
      const date1904 = internals.properties?.model?.date1904 === true;
      rows = s.value[Symbol.asyncIterator]();
      for (let r = await step(rows.next()); !r.done; r = await step(rows.next())) {
        const row = r.value;
        const cells: string[] = [];
        let lossy: number[] | undefined;
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          const t = cellToText(cell.value, cell.numFmt, date1904);
          while (cells.length < col - 1) cells.push('');
          cells[col - 1] = t.text;
          if (t.lossy) (lossy ??= []).push(col - 1);
        });
        yield lossy ? { rowNumber: row.number, cells, lossy } : { rowNumber: row.number, cells };
      }
      return;
    }
  } catch (err) {
    if (err instanceof TransferError || (err as { syscall?: string }).syscall) throw err;
    throw new TransferError(
      'unsupported_format',
      '无法读取 XLSX 文件。请确认文件是 Excel 工作簿（.xlsx）；旧版 .xls 或加密文件请在 Excel 中另存为 .xlsx。',
      { reason: String((err as Error)?.message ?? err), en: 'Cannot read the XLSX file. Save it as an Excel Workbook (.xlsx) and try again.' },
    );
  } finally {
    stream.destroy();
    // Not awaited: after a source error exceljs' generators never settle.
    rows?.return(undefined).catch(() => undefined);
    sheets.return(undefined).catch(() => undefined);
  }
}
