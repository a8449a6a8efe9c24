// Converts exceljs cell values (numbers, dates, rich text, formulas, hyperlinks, errors) to plain strings.

export interface CellText {
  text: string;
  /** A number with more than 15 significant digits: Excel has already dropped the trailing digits. */
  lossy: boolean;
}

const EMPTY: CellText = { text: '', lossy: false };

/** exceljs' rule: a number format is a date format if, outside quotes and [..], it has y m d h s b. */
export function isDateFormat(fmt: string | undefined): boolean {
  if (!fmt) return false;
  const f = fmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

export function excelSerialToDate(serial: number, date1904 = false): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** YYYY-MM-DD; 'YYYY-MM-DD HH:mm:ss' when there is a time part; 'HH:mm:ss' for a pure time (serial < 1). */
export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return '';
  const y = d.getUTCFullYear();
  const mo = d.getUTCMonth();
  const day = d.getUTCDate();
  const h = d.getUTCHours();
  const mi = d.getUTCMinutes();
  const s = d.getUTCSeconds() + (d.getUTCMilliseconds() >= 500 ? 1 : 0);
  const time = `${pad(h)}:${pad(mi)}:${pad(Math.min(s, 59))}`;
  if (y === 1899 && mo === 11 && (day === 30 || day === 31)) return time;
  const date = `${pad(y, 4)}-${pad(mo + 1)}-${pad(day)}`;
  return h || mi || s ? `${date} ${time}` : date;
}

/** Integers are written out in full (never 1.1e+17); fractions are rounded to Excel's 15 significant digits. */
export function numberToText(n: number): CellText {
  if (!Number.isFinite(n)) return EMPTY;
  if (Number.isInteger(n)) {
    const text = Math.abs(n) >= 1e21 ? BigInt(n).toString() : String(n);
    return { text, lossy: text.replace('-', '').length > 15 };
  }
  const rounded = Number(n.toPrecision(15));
  let text = String(rounded);
  if (/e/i.test(text)) text = rounded.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 });
  return { text, lossy: false };
}

interface RichTextLike {
  richText: Array<{ text: string }>;
}
interface FormulaLike {
  formula?: string;
  sharedFormula?: string;
  result?: unknown;
}
interface HyperlinkLike {
  text: unknown;
  hyperlink: string;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

/**
 * Plain text of an exceljs cell value. `numFmt` is the cell's number format, used to recognise dates that
 * exceljs leaves as numbers (formula results).
 */
export function cellToText(value: unknown, numFmt?: string, date1904 = false): CellText {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'string') return { text: value, lossy: false };
  if (typeof value === 'number') {
    return isDateFormat(numFmt) ? { text: formatDate(excelSerialToDate(value, date1904)), lossy: false } : numberToText(value);
  }
  if (typeof value === 'boolean') return { text: value ? 'TRUE' : 'FALSE', lossy: false };
  if (value instanceof Date) return { text: formatDate(value), lossy: false };
  if (isObject(value)) {
    if (Array.isArray(value.richText)) {
      return { text: (value as unknown as RichTextLike).richText.map((r) => r.text ?? '').join(''), lossy: false };
    }
    if ('formula' in value || 'sharedFormula' in value) {
      const result = (value as FormulaLike).result;
      return result === undefined ? EMPTY : cellToText(result, numFmt, date1904);
    }
    if ('hyperlink' in value) return cellToText((value as unknown as HyperlinkLike).text, undefined, date1904);
    if (typeof value.error === 'string') return { text: value.error, lossy: false };
    if (typeof value.text === 'string') return { text: value.text, lossy: false };
  }
  return EMPTY;
}
