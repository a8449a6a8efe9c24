import { describe, expect, it } from 'vitest';
import {
  ageOnDate,
  idNumberCheckDigit,
  isMainlandMobile,
  isRealIsoDate,
  maskIdNumber,
  maskPhone,
  parseMainlandIdNumber,
} from './id-number.ts';

const today = '2024-06-01';
const parse = (raw: string) => parseMainlandIdNumber(raw, { today });

// Expected check digits below were worked out by hand from the GB 11643 weights, e.g. for 11010519491231002:
// 1·7+1·9+0·10+1·5+0·8+5·4+1·2+9·1+4·6+9·3+1·7+2·9+3·10+1·5+0·8+0·4+2·2 = 167, 167 mod 11 = 2 → 'X'.
describe('idNumberCheckDigit', () => {
  it('follows GB 11643-1999', () => {
    expect(idNumberCheckDigit('11010519491231002')).toBe('X'); // sum 167, mod 11 = 2
    expect(idNumberCheckDigit('44052418800101001')).toBe('4'); // sum 195, mod 11 = 8
    expect(idNumberCheckDigit('13050319670401001')).toBe('6'); // sum 182, mod 11 = 6
    expect(idNumberCheckDigit('15010219850615002')).toBe('0'); // sum 232, mod 11 = 1
    expect(idNumberCheckDigit('11010520000229001')).toBe('3'); // sum 130, mod 11 = 9
  });

  it('refuses anything but 17 digits', () => {
    expect(() => idNumberCheckDigit('1101051949123100')).toThrow(TypeError);
    expect(() => idNumberCheckDigit('1101051949123100X')).toThrow(TypeError);
  });
});

describe('parseMainlandIdNumber', () => {
  it('accepts a valid 18-digit number with an X check digit (female)', () => {
    expect(parse('11010519491231002X')).toEqual({
      ok: true, value: '11010519491231002X', birthDate: '1949-12-31', sex: 'F', regionCode: '110105',
    });
  });

  it('accepts the standard’s worked example, born 1880 (male)', () => {
    expect(parse('440524188001010014')).toEqual({
      ok: true, value: '440524188001010014', birthDate: '1880-01-01', sex: 'M', regionCode: '440524',
    });
  });

  it('accepts a Hohhot Xincheng number and a leap day', () => {
    expect(parse('150102198506150020')).toMatchObject({ ok: true, birthDate: '1985-06-15', sex: 'F' });
    expect(parse('110105200002290013')).toMatchObject({ ok: true, birthDate: '2000-02-29', sex: 'M' });
  });

  it('normalises lower-case x, spaces and full-width characters', () => {
    for (const raw of ['11010519491231002x', ' 110105 19491231 002X ', '１１０１０５１９４９１２３１００２ｘ', '\u3000110105194912310 02X']) {
      expect(parse(raw)).toMatchObject({ ok: true, value: '11010519491231002X' });
    }
  });

  it('upgrades a legacy 15-digit number to 18 digits', () => {
    expect(parse('130503670401001')).toEqual({
      ok: true, value: '130503196704010016', birthDate: '1967-04-01', sex: 'M', regionCode: '130503',
    });
  });

  it('rejects a wrong check digit', () => {
    expect(parse('110105194912310021')).toEqual({ ok: false, reason: 'check_digit' });
    expect(parse('440524188001010013')).toEqual({ ok: false, reason: 'check_digit' });
  });

  it('rejects wrong lengths', () => {
    for (const raw of ['', '1101051949123100', '11010519491231002X1', '13050367040100', '   ']) {
      expect(parse(raw)).toEqual({ ok: false, reason: 'length' });
    }
  });

  it('rejects letters and misplaced X', () => {
    for (const raw of ['11010519A91231002X', '1101051949123100XX', '13050367040100X', 'abcdefghijklmnopqr']) {
      expect(parse(raw)).toEqual({ ok: false, reason: 'format' });
    }
  });

  it('rejects a region code starting with 0', () => {
    expect(parse('010105194912310020')).toEqual({ ok: false, reason: 'region' });
    expect(parse('030503670401001')).toEqual({ ok: false, reason: 'region' });
  });

  it('rejects birth dates that do not exist, are in the future or are too early', () => {
    expect(parse('110105194902300020')).toEqual({ ok: false, reason: 'birth_date' }); // 30 February
    expect(parse('110105190002290010')).toEqual({ ok: false, reason: 'birth_date' }); // 1900 is not a leap year
    expect(parse('110105194913010020')).toEqual({ ok: false, reason: 'birth_date' }); // month 13
    expect(parse('110105194904000020')).toEqual({ ok: false, reason: 'birth_date' }); // day 0
    expect(parse('130503670230001')).toEqual({ ok: false, reason: 'birth_date' }); // legacy, 30 February
    expect(parse('110105202406020010')).toEqual({ ok: false, reason: 'birth_date' }); // tomorrow
    expect(parse('110105179912310010')).toEqual({ ok: false, reason: 'birth_date' }); // before 1800
  });

  it('accepts a birth on the day itself, and honours a stricter earliest date', () => {
    // 11010520240601001 → sum 1·7+1·9+0+1·5+0+5·4+2·2+0+2·6+4·3+0+6·9+0+1·5+0+0+1·2 = 130 → '3'
    expect(parse('110105202406010013')).toMatchObject({ ok: true, birthDate: '2024-06-01' });
    expect(parseMainlandIdNumber('440524188001010014', { today, earliestBirthDate: '1900-01-01' }))
      .toEqual({ ok: false, reason: 'birth_date' });
  });

  it('does not crash on non-strings from untyped callers', () => {
    expect(parseMainlandIdNumber(undefined as unknown as string)).toEqual({ ok: false, reason: 'format' });
  });
});

describe('dates', () => {
  it('recognises real calendar days', () => {
    expect(isRealIsoDate('2000-02-29')).toBe(true);
    expect(isRealIsoDate('2100-02-29')).toBe(false);
    expect(isRealIsoDate('2023-04-31')).toBe(false);
    expect(isRealIsoDate('2023-4-1')).toBe(false);
  });

  it('counts completed years', () => {
    expect(ageOnDate('1949-12-31', '2024-12-30')).toBe(74);
    expect(ageOnDate('1949-12-31', '2024-12-31')).toBe(75);
    expect(ageOnDate('2000-02-29', '2021-02-28')).toBe(20);
    expect(ageOnDate('2000-02-29', '2021-03-01')).toBe(21);
  });
});

describe('masking', () => {
  it('shows the first 6 and last 4 of an identity number', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
    expect(maskIdNumber('130503670401001')).toBe('130503*****1001');
    expect(maskIdNumber('12345')).toBe('***45');
    expect(maskIdNumber('')).toBe('');
  });

  it('shows 3 + 4 digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('138****5678');
    expect(maskPhone(' 15047112345 ')).toBe('150****2345');
  });

  it('keeps only the last 2 characters of anything else', () => {
    expect(maskPhone('0471-6912345')).toBe('**********45');
    expect(maskPhone('12345')).toBe('***45');
    expect(maskPhone('12')).toBe('**');
    expect(maskPhone('')).toBe('');
  });

  it('recognises mainland mobiles', () => {
    expect(isMainlandMobile('13812345678')).toBe(true);
    expect(isMainlandMobile('19912345678')).toBe(true);
    expect(isMainlandMobile('12812345678')).toBe(false);
    expect(isMainlandMobile('1381234567')).toBe(false);
    expect(isMainlandMobile('138123456789')).toBe(false);
    expect(isMainlandMobile('+8613812345678')).toBe(false);
  });
});
