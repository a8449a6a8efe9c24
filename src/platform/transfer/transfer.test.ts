import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import ExcelJS, { type Worksheet } from './exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  RowErrorReport,
  numberToText,
  TransferError,
  readRows,
  validateRows,
  writeErrorReport,
  writeSheet,
  writeTemplate,
} from './index.ts';
import type { ReadInput, ReadRow, SheetFormat, TransferColumn } from './index.ts';
import { collect } from './write.ts';

const columns: TransferColumn[] = [
  { key: 'name', zh: '姓名', en: 'Name', aliases: ['名字', '人员姓名'], required: true, example: '张三' },
  { key: 'idNumber', zh: '身份证号', en: 'ID Number', aliases: ['身份证号码', '证件号码'], required: true, example: '11010519491231002X', note: '18 位居民身份证号' },
  { key: 'phone', zh: '手机号', en: 'Phone', aliases: ['联系电话', '电话（手机）'], example: '13800138000' },
  { key: 'note', zh: '备注', en: 'Note' },
];

const sample = [
  { name: '张三', idNumber: '11010519491231002X', phone: '13800138000', note: '含,逗号 "引号"\n和换行' },
  { name: '李四', idNumber: '110101199001011234', phone: null, note: '' },
  { name: 'O’Brien 王', idNumber: '440106200001011237', phone: '+86 13900000000', note: '=HYPERLINK("http://x")' },
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fangkong-transfer-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function toArray<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

async function readAll(input: ReadInput, format: SheetFormat, cols = columns): Promise<ReadRow[]> {
  return toArray(readRows(input, format, cols));
}

async function caught(p: Promise<unknown>): Promise<TransferError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(TransferError);
    return e as TransferError;
  }
  throw new Error('expected a TransferError');
}

const csv = (text: string): ReadInput => ({ buffer: Buffer.from(text, 'utf8') });

async function xlsxBuffer(build: (ws: Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Sheet1'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('round trip', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    it(`writes and reads back ${format} with Chinese headings and text ID numbers`, async () => {
      const path = join(dir, `round.${format}`);
      const result = await writeSheet(columns, sample, format, { out: createWriteStream(path) });
      expect(result.rows).toBe(3);
      const rows = await readAll({ path }, format);
      expect(rows.map((r) => r.rowNumber)).toEqual([2, 3, 4]);
      expect(rows.map((r) => r.values)).toEqual(
        sample.map((s) => ({ name: s.name, idNumber: s.idNumber, phone: s.phone ?? '', note: s.note })),
      );
      expect(rows.every((r) => r.lossy === undefined)).toBe(true);
      // same via buffer, and with English headings
      const bytes = await collect((out) => writeSheet(columns, sample, format, { out, lang: 'en' }).then(() => undefined));
      const again = await readAll({ buffer: bytes }, format);
      expect(again.map((r) => r.values.idNumber)).toEqual(sample.map((s) => s.idNumber));
    });
  }

  it('reads every Chinese character of a large xlsx intact, also where its bytes straddle two stream chunks', async () => {
    // Thousands of rows of three-byte characters: the sheet's XML reaches the reader in many chunks, so some
    // characters are split between two of them (exceljs alone turned those into U+FFFD).
    const many = Array.from({ length: 6000 }, (_, i) => ({
      name: `幸福家园${'东南西北'[i % 4]}${i}`, idNumber: '11010519491231002X', phone: null, note: '阳光花园３号楼２单元',
    }));
    const path = join(dir, 'many.xlsx');
    await writeSheet(columns, many, 'xlsx', { out: createWriteStream(path) });
    const rows = await readAll({ path }, 'xlsx');
    expect(rows).toHaveLength(many.length);
    expect(rows.filter((r) => /\uFFFD/.test(JSON.stringify(r.values)))).toEqual([]);
    expect(rows.map((r) => r.values.name)).toEqual(many.map((m) => m.name));
  });

  it('keeps ID numbers as text cells in xlsx', async () => {
    const bytes = await collect((out) => writeSheet(columns, [{ ...sample[1], phone: 1234 }], 'xlsx', { out }).then(() => undefined));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('数据');
    expect(ws.getCell('A1').value).toBe('姓名');
    expect(ws.getCell('B2').value).toBe('110101199001011234');
    expect(ws.getCell('C2').value).toBe(1234); // JS numbers stay numbers
  });
});

describe('headings', () => {
  it('accepts aliases, English headings, spaces, case, full-width brackets and the * marker', async () => {
    const rows = await readAll(csv('  NAME * ,id number,电话(手机),备注\n王五,11010519491231002X,13800000000,x\n'), 'csv');
    expect(rows).toEqual([{ rowNumber: 2, values: { name: '王五', idNumber: '11010519491231002X', phone: '13800000000', note: 'x' } }]);
    const zh = await readAll(csv('名字*,证件号码,联系电话,无关列\n赵六,11010519491231002X,13900000000,ignored\n'), 'csv');
    expect(zh[0]!.values).toEqual({ name: '赵六', idNumber: '11010519491231002X', phone: '13900000000', note: '' });
  });

  it('rejects a sheet without a required column, naming it in Chinese', async () => {
    const err = await caught(readAll(csv('姓名,联系电话\n张三,13800000000\n'), 'csv'));
    expect(err.code).toBe('missing_columns');
    expect(err.details.missing).toEqual(['身份证号']);
    expect(err.message).toContain('身份证号');
  });

  it('skips a title row and empty rows, keeping sheet row numbers', async () => {
    const rows = await readAll(csv('居民信息表,,\n\n姓名,身份证号\n张三,11010519491231002X\n,\n\n李四,110101199001011234\n'), 'csv');
    expect(rows.map((r) => [r.rowNumber, r.values.name])).toEqual([
      [4, '张三'],
      [7, '李四'],
    ]);
  });

  it('reports empty files', async () => {
    expect((await caught(readAll(csv(''), 'csv'))).code).toBe('empty_file');
    expect((await caught(readAll(csv('\ufeff姓名,身份证号\r\n'), 'csv'))).code).toBe('empty_file');
    expect((await caught(readAll(csv('x'), 'pdf' as SheetFormat))).code).toBe('unsupported_format');
    expect((await caught(readAll(csv('not a zip file at all'), 'xlsx'))).code).toBe('unsupported_format');
  });

  it('reports unreadable input without hanging', async () => {
    const xlsx = await writeTemplate(columns, 'xlsx');
    const asCsv = await caught(readAll({ buffer: xlsx }, 'csv'));
    expect([asCsv.code, asCsv.details.detected]).toEqual(['unsupported_format', 'xlsx']);
    const truncated = await caught(readAll({ buffer: xlsx.subarray(0, xlsx.length >> 1) }, 'xlsx'));
    expect(truncated.code).toBe('unsupported_format');
    const quote = await caught(readAll(csv('姓名,身份证号\n"张三,1\n'), 'csv'));
    expect([quote.code, quote.details.row]).toEqual(['unsupported_format', 2]);
    await expect(readAll({ path: join(dir, 'nope.xlsx') }, 'xlsx')).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readAll({ path: join(dir, 'nope.csv') }, 'csv')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('enforces maxRows and stops cleanly when the consumer breaks early', async () => {
    const text = '姓名,身份证号\n' + 'a,1\n'.repeat(50);
    const err = await caught(toArray(readRows(csv(text), 'csv', columns, { maxRows: 10 })));
    expect([err.code, err.details.limit]).toEqual(['too_large', 10]);
    const bytes = await collect((out) => writeSheet(columns, sample, 'xlsx', { out }).then(() => undefined));
    for (const [input, format] of [[csv(text), 'csv'], [{ buffer: bytes }, 'xlsx']] as const) {
      let n = 0;
      for await (const _ of readRows(input, format, columns)) if (++n === 2) break;
      expect(n).toBe(2);
    }
  });
});

describe('encoding', () => {
  it('strips a UTF-8 BOM', async () => {
    const rows = await readAll(csv('\ufeff姓名,身份证号\r\n张三,11010519491231002X\r\n'), 'csv');
    expect(rows[0]!.values.name).toBe('张三');
  });

  it('reads UTF-16LE with BOM (Excel "Unicode text", tab separated)', async () => {
    const text = '\ufeff姓名\t身份证号\r\n张三\t11010519491231002X\r\n';
    const rows = await readAll({ buffer: Buffer.from(text, 'utf16le') }, 'csv');
    expect(rows[0]!.values).toMatchObject({ name: '张三', idNumber: '11010519491231002X' });
  });

  it('rejects GBK bytes with an encoding error', async () => {
    // '姓名,身份证号\n张三,1' in GBK
    const gbk = Buffer.from([0xd0, 0xd5, 0xc3, 0xfb, 0x2c, 0xc9, 0xed, 0xb7, 0xdd, 0xd6, 0xa4, 0xba, 0xc5, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x2c, 0x31, 0x0a]);
    const err = await caught(readAll({ buffer: gbk }, 'csv'));
    expect(err.code).toBe('encoding');
    expect(err.details.detected).toBe('gbk');
    expect(err.message).toContain('UTF-8');
  });
});

describe('formula injection', () => {
  const nasty = { name: '=SUM(A1:A2)', idNumber: '+1', phone: '-2', note: '@cmd' };

  it('prefixes dangerous cells with an apostrophe in CSV and reads them back unchanged', async () => {
    const bytes = await collect((out) => writeSheet(columns, [nasty, { name: '\tx', idNumber: '\ry', phone: 5, note: 'ok' }], 'csv', { out }).then(() => undefined));
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = bytes.toString('utf8');
    expect(text).toContain(`'=SUM(A1:A2),'+1,'-2,'@cmd\r\n`);
    expect(text).toContain(`'\tx,"'\ry",5,ok`);
    const rows = await readAll({ buffer: bytes }, 'csv');
    expect(rows[0]!.values).toEqual(nasty);
  });

  it('does the same in XLSX, where the cell is a string and not a formula', async () => {
    const bytes = await collect((out) => writeSheet(columns, [nasty], 'xlsx', { out }).then(() => undefined));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const cell = wb.worksheets[0]!.getCell('A2');
    expect(cell.value).toBe("'=SUM(A1:A2)");
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    const rows = await readAll({ buffer: bytes }, 'xlsx');
    expect(rows[0]!.values).toEqual(nasty);
  });
});

describe('xlsx cell types', () => {
  it('converts numbers, dates, rich text, formulas, hyperlinks and flags truncated long numbers', async () => {
    const bytes = await xlsxBuffer((ws) => {
      ws.addRow(['社区居民名单']);
      ws.addRow(['姓名', '身份证号', '联系电话', '出生日期', '备注']);
      const idAsNumber = Number('110101199001011234'); // an ID typed into a General-format cell
      ws.addRow([{ richText: [{ text: '张' }, { text: '三', font: { bold: true } }] }, idAsNumber, 13800138000, new Date(Date.UTC(1990, 0, 1)), { formula: 'A1&"x"', result: '社区x' }]);
      ws.addRow([{ text: '李四', hyperlink: 'http://example.com' }, '11010519491231002X', { formula: '1+1', result: 2 }, new Date(Date.UTC(2024, 2, 1, 8, 30)), true]);
      ws.getCell('D3').numFmt = 'yyyy-mm-dd';
      ws.getCell('D4').numFmt = 'yyyy-mm-dd hh:mm';
    });
    const cols = [...columns, { key: 'birth', zh: '出生日期', en: 'Birth date' }];
    const rows = await readAll({ buffer: bytes }, 'xlsx', cols);
    expect(rows).toEqual([
      {
        rowNumber: 3,
        // exceljs stores the double exactly; real Excel would store 1.10101199001011E+17 → '110101199001011000'
        values: { name: '张三', idNumber: '110101199001011230', phone: '13800138000', birth: '1990-01-01', note: '社区x' },
        lossy: ['idNumber'],
      },
      { rowNumber: 4, values: { name: '李四', idNumber: '11010519491231002X', phone: '2', birth: '2024-03-01 08:30:00', note: 'TRUE' } },
    ]);
    const validated = await toArray(validateRows(rows, z.object({ name: z.string(), idNumber: z.string() }).loose(), cols));
    expect(validated[0]).toMatchObject({ ok: false, rowNumber: 3, errors: [{ column: '身份证号', key: 'idNumber' }] });
    expect(validated[0]!.ok === false && validated[0]!.errors[0]!.message).toContain('15 位');
    expect(validated[1]!.ok).toBe(true);
    expect(numberToText(1.10101199001011e17)).toEqual({ text: '110101199001011000', lossy: true });
    expect(numberToText(0.1 + 0.2)).toEqual({ text: '0.3', lossy: false });
  });
});

const schema = z.object({
  name: z.string().max(10),
  idNumber: z.string().regex(/^\d{17}[\dX]$/, '身份证号格式不正确'),
  phone: z.string().regex(/^1\d{10}$/).optional(),
  note: z.string().optional(),
});

describe('validateRows', () => {
  const text = '姓名,身份证号,联系电话,备注\n张三,11010519491231002X,13800138000,\n\n,123,abc,\n李四,110101199001011234,,ok\n';

  it('reports bad rows with their sheet row numbers and Chinese column names', async () => {
    const results = await toArray(validateRows(readRows(csv(text), 'csv', columns), schema, columns));
    expect(results.map((r) => [r.rowNumber, r.ok])).toEqual([
      [2, true],
      [4, false],
      [5, true],
    ]);
    const bad = results[1]!;
    if (bad.ok) throw new Error('row 4 should fail');
    expect(bad.errors).toEqual([
      { column: '姓名', key: 'name', message: '不能为空' },
      { column: '身份证号', key: 'idNumber', message: '身份证号格式不正确', value: '123' },
      { column: '手机号', key: 'phone', message: expect.stringMatching(/[\u4e00-\u9fff]/), value: 'abc' },
    ]);
    const good = results[2]!;
    expect(good.ok && good.data).toEqual({ name: '李四', idNumber: '110101199001011234', note: 'ok' });
  });

  it('uses English headings and messages when asked', async () => {
    const results = await toArray(validateRows(readRows(csv(text), 'csv', columns), schema, columns, { lang: 'en' }));
    const bad = results.find((r) => !r.ok);
    expect(bad && !bad.ok && bad.errors.map((e) => [e.column, e.message])).toEqual([
      ['Name', 'Required'],
      ['ID Number', '身份证号格式不正确'],
      ['Phone', expect.stringMatching(/^Invalid/)],
    ]);
  });

  it('collects errors with a cap and writes an error report', async () => {
    const report = new RowErrorReport(2);
    for await (const r of validateRows(readRows(csv(text), 'csv', columns), schema, columns)) report.addResult(r);
    expect([report.total, report.rowCount, report.errors.length, report.truncated]).toEqual([3, 1, 2, true]);
    for (const format of ['xlsx', 'csv'] as const) {
      const bytes = await writeErrorReport(report, format);
      const reportCols: TransferColumn[] = [
        { key: 'row', zh: '行号', en: 'Row' },
        { key: 'column', zh: '列', en: 'Column' },
        { key: 'error', zh: '错误', en: 'Error' },
        { key: 'value', zh: '原值', en: 'Value' },
      ];
      const rows = await readAll({ buffer: bytes }, format, reportCols);
      expect(rows.map((r) => r.values)).toEqual([
        { row: '4', column: '姓名', error: '不能为空', value: '' },
        { row: '4', column: '身份证号', error: '身份证号格式不正确', value: '123' },
        { row: '', column: '', error: '仅列出前 2 条错误，共 3 条（涉及 1 行）。', value: '' },
      ]);
    }
  });
});

describe('writer failures', () => {
  it('destroys the output instead of ending it when the rows fail', async () => {
    async function* rows() {
      yield { name: '张三', idNumber: '1' };
      throw new Error('db went away');
    }
    for (const format of ['csv', 'xlsx'] as const) {
      const out = createWriteStream(join(dir, `fail.${format}`));
      await expect(writeSheet(columns, rows(), format, { out })).rejects.toThrow('db went away');
      expect(out.destroyed).toBe(true);
      expect(out.writableFinished).toBe(false);
    }
  });
});

describe('templates', () => {
  it('writes an xlsx template with * headings, an example row and a 说明 sheet', async () => {
    const bytes = await writeTemplate(columns, 'xlsx', 'zh');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['导入模板', '说明']);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, '姓名*', '身份证号*', '手机号', '备注']);
    expect(wb.worksheets[1]!.getRow(3).values).toEqual([undefined, '身份证号', '是', '18 位居民身份证号', '11010519491231002X']);
    const rows = await readAll({ buffer: bytes }, 'xlsx');
    expect(rows[0]!.values).toEqual({ name: '张三', idNumber: '11010519491231002X', phone: '13800138000', note: '' });
  });

  it('writes a csv template', async () => {
    const text = (await writeTemplate(columns, 'csv', 'en')).toString('utf8');
    expect(text).toBe('\ufeffName*,ID Number*,Phone,Note\r\n张三,11010519491231002X,13800138000,\r\n');
  });
});

describe('bounded memory', () => {
  it('streams a 200,000-row CSV', async () => {
    const path = join(dir, 'big.csv');
    const out = createWriteStream(path);
    out.write('\ufeff姓名,身份证号,联系电话,备注\n');
    let chunk = '';
    for (let i = 0; i < 200_000; i++) {
      chunk += `居民${i},1101011990${String(i).padStart(8, '0')},138${String(i).padStart(8, '0')},第${i}行\n`;
      if (chunk.length > 1 << 16) {
        if (!out.write(chunk)) await once(out, 'drain');
        chunk = '';
      }
    }
    out.end(chunk);
    await once(out, 'finish');

    const before = process.memoryUsage().heapUsed;
    let peak = 0;
    let count = 0;
    let last: ReadRow | undefined;
    for await (const row of readRows({ path }, 'csv', columns)) {
      count++;
      last = row;
      if ((count & 0x3fff) === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(count).toBe(200_000);
    expect(last?.rowNumber).toBe(200_001);
    expect(last?.values.idNumber).toBe('110101199000199999');
    expect(peak).toBeLessThan(100 * 1024 * 1024);
    expect((await readFile(path)).length).toBeGreaterThan(8_000_000);
  }, 15_000);
});
