import { AppError } from '../../platform/errors.ts';
import { readRows, TransferError, writeTemplate, type Lang, type SheetFormat, type TransferColumn } from '../../platform/transfer/index.ts';
import { fieldMessage } from '../../platform/validation.ts';
import type { TubeRow } from './results.repository.ts';
import type { LabLineError, TubeResult } from './results.schema.ts';

// The lab's result file: one line per tube (barcode → result). Headings and values come in many spellings from
// different labs' systems, so both are matched through synonym lists. Every line is checked before anything is
// applied; any problem rejects the whole file with a list of lines.

export const MAX_LAB_LINES = 50_000;

export const LAB_COLUMNS: TransferColumn[] = [
  {
    key: 'barcode', zh: '管码', en: 'Tube barcode', required: true, example: 'T20260221000123',
    aliases: ['试管编号', '条码', '试管条码', '管号', '样本编号', '样本条码', '采样管编号', 'barcode', 'tube', 'tubebarcode', 'tube_barcode'],
    note: '采样管上的条码 / the barcode printed on the tube',
  },
  {
    key: 'result', zh: '结果', en: 'Result', required: true, example: '阴性',
    aliases: ['检测结果', '结论', '检测结论', 'result', 'testresult', 'test_result'],
    note: '阴性 / 阳性 / 无效 (negative / positive / invalid)',
  },
];

const RESULT_SYNONYMS: Record<string, TubeResult> = {};
for (const [result, words] of Object.entries({
  negative: ['阴性', '阴', '阴性(-)', '-', 'negative', 'neg', 'n'],
  positive: ['阳性', '阳', '阳性(+)', '+', 'positive', 'pos', 'p'],
  invalid: ['无效', '无效样本', '样本无效', '不合格', 'invalid', 'inv'],
}) as Array<[TubeResult, string[]]>) {
  for (const w of words) RESULT_SYNONYMS[w] = result;
}

const RESULT_ZH: Record<string, string> = { negative: '阴性', positive: '阳性', invalid: '无效' };

/** A result cell in any of its spellings → the stored value, or null when it is none of them. */
export function parseResultValue(raw: string): TubeResult | null {
  const v = raw.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return RESULT_SYNONYMS[v] ?? null;
}

export interface LabLine {
  line: number;
  barcode: string;
  rawResult: string;
}

export function labFormat(fileName: string): SheetFormat | null {
  return /\.csv$/i.test(fileName) ? 'csv' : /\.xlsx$/i.test(fileName) ? 'xlsx' : null;
}

/** Reads the file's lines; an unreadable file (encoding, missing columns, no rows) is an IMPORT_FILE error. */
export async function readLabFile(buffer: Buffer, format: SheetFormat, lang: Lang): Promise<LabLine[]> {
  const lines: LabLine[] = [];
  try {
    for await (const row of readRows({ buffer }, format, LAB_COLUMNS, { maxRows: MAX_LAB_LINES })) {
      lines.push({ line: row.rowNumber, barcode: row.values.barcode ?? '', rawResult: row.values.result ?? '' });
    }
  } catch (err) {
    if (err instanceof TransferError) {
      throw new AppError('IMPORT_FILE', lang === 'en' ? (err.details.en ?? err.message) : err.message,
        (err.details.missing ?? []).map((m) => ({ column: m, message: lang === 'en' ? 'missing column' : '缺少该列' })));
    }
    throw err;
  }
  return lines;
}

export interface ValidLine {
  line: number;
  tube: TubeRow;
  result: TubeResult;
}

/**
 * Checks every line: empty barcode, bad value, a barcode seen on an earlier line (even with the same value),
 * a barcode that is no tube of this round, a different result for a tube that has one (unless correcting).
 */
export function validateLabLines(
  lines: LabLine[], tubes: Map<string, TubeRow>, opts: { correction: boolean; lang: Lang },
): { valid: ValidLine[]; errors: LabLineError[] } {
  const { lang } = opts;
  const barcodeCol = lang === 'en' ? LAB_COLUMNS[0].en : LAB_COLUMNS[0].zh;
  const resultCol = lang === 'en' ? LAB_COLUMNS[1].en : LAB_COLUMNS[1].zh;
  const errors: LabLineError[] = [];
  const valid: ValidLine[] = [];
  const firstLine = new Map<string, number>();
  const error = (line: number, column: string, value: string, code: string, suffix = '') =>
    errors.push({ line, column, value, code, message: fieldMessage(`nat.lab_${code}`, lang) + suffix });
  for (const l of lines) {
    const result = parseResultValue(l.rawResult);
    if (!result) error(l.line, resultCol, l.rawResult, 'bad_value');
    if (!l.barcode) {
      error(l.line, barcodeCol, '', 'empty_barcode');
      continue;
    }
    const earlier = firstLine.get(l.barcode);
    if (earlier !== undefined) {
      error(l.line, barcodeCol, l.barcode, 'duplicate_line', lang === 'en' ? ` (line ${earlier})` : `（第 ${earlier} 行）`);
      continue;
    }
    firstLine.set(l.barcode, l.line);
    const tube = tubes.get(l.barcode);
    if (!tube) {
      error(l.line, barcodeCol, l.barcode, 'unknown_tube');
      continue;
    }
    if (!result) continue;
    if (tube.result !== 'pending' && tube.result !== result && !opts.correction) {
      error(l.line, resultCol, l.rawResult, 'result_conflict', lang === 'en' ? ` (now ${tube.result})` : `（现为${RESULT_ZH[tube.result] ?? tube.result}）`);
      continue;
    }
    valid.push({ line: l.line, tube, result });
  }
  return { valid, errors };
}

export function labTemplate(format: SheetFormat, lang: Lang): Promise<Buffer> {
  return writeTemplate(LAB_COLUMNS, format, lang);
}
