// Resident identity card numbers (居民身份证号码, GB 11643-1999) and phone masking. Pure and browser-safe:
// the registration forms validate as people type, and the server validates again on import.
import { shanghaiDay } from './clock.ts';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** The 18th character of an identity number, from its first 17 digits. */
export function idNumberCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new TypeError('idNumberCheckDigit needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS.charAt(sum % 11);
}

export type IdNumberRejection = 'length' | 'format' | 'region' | 'birth_date' | 'check_digit';

export interface ParsedIdNumber {
  ok: true;
  /** Normalised 18-character form (15-digit numbers are upgraded), upper-case X. */
  value: string;
  birthDate: string;
  sex: 'M' | 'F';
  regionCode: string;
}

export type IdNumberParseResult = ParsedIdNumber | { ok: false; reason: IdNumberRejection };

export interface ParseIdNumberOptions {
  /** YYYY-MM-DD; birth dates after it are rejected. Defaults to the current Shanghai day. */
  today?: string;
  /**
   * YYYY-MM-DD; birth dates before it are rejected. The default, 1800-01-01, is the earliest date the
   * 18-digit layout can carry: the standard's own worked example (440524188001010014) is born in 1880.
   */
  earliestBirthDate?: string;
}

// Numbers get pasted from spreadsheets and typed on phones with a Chinese IME, so full-width digits and
// spaces (also ideographic U+3000) are common and harmless.
function normalise(raw: string): string {
  return raw
    .replace(/\s+/g, '')
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .toUpperCase();
}

export function parseMainlandIdNumber(raw: string, options: ParseIdNumberOptions = {}): IdNumberParseResult {
  if (typeof raw !== 'string') return { ok: false, reason: 'format' };
  const s = normalise(raw);
  if (s.length !== 18 && s.length !== 15) return { ok: false, reason: 'length' };
  const legacy = s.length === 15;
  if (!(legacy ? /^\d{15}$/ : /^\d{17}[\dX]$/).test(s)) return { ok: false, reason: 'format' };

  const regionCode = s.slice(0, 6);
  if (regionCode.startsWith('0')) return { ok: false, reason: 'region' };

  // The 15-digit layout has a two-digit year; GB 11643's upgrade rule puts every such number in the 1900s.
  const ymd = legacy ? `19${s.slice(6, 12)}` : s.slice(6, 14);
  const birthDate = `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
  const today = options.today ?? shanghaiDay(new Date());
  const earliest = options.earliestBirthDate ?? '1800-01-01';
  if (!isRealIsoDate(birthDate) || birthDate > today || birthDate < earliest) {
    return { ok: false, reason: 'birth_date' };
  }

  const first17 = legacy ? `${regionCode}${ymd}${s.slice(12, 15)}` : s.slice(0, 17);
  const check = idNumberCheckDigit(first17);
  if (!legacy && s[17] !== check) return { ok: false, reason: 'check_digit' };

  const sexDigit = first17.charCodeAt(16) - 48;
  return { ok: true, value: first17 + check, birthDate, sex: sexDigit % 2 === 1 ? 'M' : 'F', regionCode };
}

/** True for a YYYY-MM-DD string naming a day that exists in the Gregorian calendar. */
export function isRealIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Completed years of age on `today` (both YYYY-MM-DD); a 29 February birthday counts from 1 March. */
export function ageOnDate(birthDate: string, today: string): number {
  const years = Number(today.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return today.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

function maskAllButLast2(s: string): string {
  if (s.length <= 2) return '*'.repeat(s.length);
  return '*'.repeat(s.length - 2) + s.slice(-2);
}

/** 110105********002X — enough for a person to recognise their own number, not enough to misuse it. */
export function maskIdNumber(v: string): string {
  const s = v.trim();
  if (s.length < 11) return maskAllButLast2(s);
  return s.slice(0, 6) + '*'.repeat(s.length - 10) + s.slice(-4);
}

export function isMainlandMobile(v: string): boolean {
  return /^1[3-9]\d{9}$/.test(v);
}

/** 138****5678 for mobiles (also written with +86, spaces or dashes); anything else keeps its last 2. */
export function maskPhone(v: string): string {
  const s = v.trim();
  const compact = s.replace(/[\s-]/g, '').replace(/^(\+86|0086|86)(?=1\d{10}$)/, '');
  if (isMainlandMobile(compact)) return `${compact.slice(0, 3)}****${compact.slice(7)}`;
  return maskAllButLast2(s);
}
