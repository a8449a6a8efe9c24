import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { isMainlandMobile, parseMainlandIdNumber } from '../../platform/id-number.ts';
import type { IdType } from './registry.schema.ts';

export interface IdentityInput {
  idType: IdType;
  idNumber: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
}

export interface Identity {
  /** Normalised number (18-digit form for mainland ID cards), or null. */
  idNumber: string | null;
  birthDate: string | null;
  sex: 'M' | 'F' | null;
}

/** Blind-index purpose: mainland numbers share the workforce's purpose; other documents are kept apart by type. */
export function documentPurpose(idType: string): string {
  return idType === 'id_card' ? 'id_number' : `document:${idType}`;
}

/** Passport, permit and household-register numbers: letters, digits, brackets and dashes, spaces dropped. */
export function normaliseDocument(raw: string): string | null {
  const v = raw.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z0-9()（）-]{4,30}$/.test(v) ? v : null;
}

/**
 * The document number checked against its type; for a mainland ID card the birth date and sex come from the
 * number when not given and must agree with it when given. Rule failures are VALIDATION errors by field.
 */
export function reconcileIdentity(input: IdentityInput, today: string): Identity {
  const details: ErrorDetail[] = [];
  let { birthDate, sex } = input;
  let idNumber: string | null = null;
  if (input.idType === 'none') {
    if (input.idNumber) details.push({ path: 'idNumber', message: 'registry.id_number_unexpected' });
  } else if (!input.idNumber) {
    details.push({ path: 'idNumber', message: 'registry.id_number_required' });
  } else if (input.idType === 'id_card') {
    const parsed = parseMainlandIdNumber(input.idNumber, { today });
    if (!parsed.ok) {
      details.push({ path: 'idNumber', message: `id_number.${parsed.reason}` });
    } else {
      idNumber = parsed.value;
      if (birthDate && birthDate !== parsed.birthDate) details.push({ path: 'birthDate', message: 'registry.birth_date_mismatch' });
      if (sex && sex !== parsed.sex) details.push({ path: 'sex', message: 'registry.sex_mismatch' });
      birthDate = parsed.birthDate;
      sex = parsed.sex;
    }
  } else {
    idNumber = normaliseDocument(input.idNumber);
    if (!idNumber) details.push({ path: 'idNumber', message: 'registry.document_format' });
  }
  if (birthDate && birthDate > today) details.push({ path: 'birthDate', message: 'registry.date_future' });
  if (details.length > 0) throw new AppError('VALIDATION', 'identity fields do not agree', details);
  return { idNumber, birthDate: birthDate ?? null, sex: sex ?? null };
}

/** What a search box's text means: an exact number (matched through its blind index), a name fragment, or nothing. */
export type SearchKey =
  | { kind: 'idNumberHash'; hash: string }
  | { kind: 'phoneHash'; hash: string }
  | { kind: 'nameLike'; text: string }
  | { kind: 'nothing' };

/**
 * Turns the text of a person search into its key: with a passport / permit / household-register type, the
 * document number; otherwise a mainland mobile, a mainland ID number (15 or 18 digits, checked and upgraded),
 * or else a name fragment. A malformed number finds nothing rather than everyone.
 */
export function personSearchKey(
  q: string, idType: string | undefined, today: string, blindIndex: (normalised: string, purpose: string) => string,
): SearchKey {
  if (idType && idType !== 'id_card') {
    const normalised = normaliseDocument(q);
    return normalised ? { kind: 'idNumberHash', hash: blindIndex(normalised, documentPurpose(idType)) } : { kind: 'nothing' };
  }
  const compact = q.replace(/[\s-]/g, '');
  if (isMainlandMobile(compact)) return { kind: 'phoneHash', hash: blindIndex(compact, 'phone') };
  if (/^\d{15}$|^\d{17}[\dXx]$/.test(compact)) {
    const parsed = parseMainlandIdNumber(compact, { today });
    return parsed.ok ? { kind: 'idNumberHash', hash: blindIndex(parsed.value, documentPurpose('id_card')) } : { kind: 'nothing' };
  }
  return { kind: 'nameLike', text: q };
}
