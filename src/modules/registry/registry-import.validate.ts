// Pass 1 of the resident import: stream the sheet, check every row with the registry's own rules, and spool the
// valid rows (normalised, one JSON line each) to a temporary file for pass 2. Nothing is written to the
// database here, so "any error → nothing imported" needs no rollback.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { AppError } from '../../platform/errors.ts';
import { headingOf, readRows, validateRows, type Lang, type ReadInput, type RowErrorReport, type SheetFormat } from '../../platform/transfer/index.ts';
import { ImportRow, IMPORT_COLUMNS, importMessage, reportValue, type TImportRow } from './registry-import.columns.ts';
import { FingerprintSet } from './registry-import.dedup.ts';
import type { PlaceIndex } from './registry-import.places.ts';
import { documentPurpose, reconcileIdentity } from './registry.identity.ts';
import type { IdType, NeedKind, Relation, ResidenceType } from './registry.schema.ts';

/** One valid row as spooled between the passes. */
export interface StagedRow {
  row: number;
  parentId: string;
  parentPath: string;
  household: string;
  name: string;
  idType: IdType;
  idNumber: string | null;
  idHash: string | null;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  phone: string | null;
  relation?: Relation;
  residenceType?: ResidenceType;
  needs?: NeedKind[];
  notes?: string | null;
}

export interface ValidateProgress {
  read: number;
  valid: number;
  /** Rows with at least one error. */
  invalid: number;
}

const HEADINGS = (lang: Lang) => new Map(IMPORT_COLUMNS.map((c) => [c.key, headingOf(c, lang)]));

export async function validatePass(
  input: ReadInput, format: SheetFormat, out: string,
  ctx: { cipher: FieldCipher; places: PlaceIndex; today: string; lang: Lang; report: RowErrorReport; progress: ValidateProgress; maxRows: number },
): Promise<void> {
  const { cipher, places, today, lang, report, progress } = ctx;
  const headings = HEADINGS(lang);
  const seen = new FingerprintSet();
  const file = createWriteStream(out, { mode: 0o600, highWaterMark: 1 << 20 });
  const failed = once(file, 'error').then(([e]) => { throw e; });
  failed.catch(() => undefined);
  const addError = (row: number, key: string, message: string, value?: string, vars?: Record<string, number>) => {
    const shown = reportValue(key, value);
    report.add({ rowNumber: row, column: headings.get(key) ?? '', message: importMessage(message, lang, vars), ...(shown ? { value: shown } : {}) });
  };
  try {
    for await (const r of validateRows(readRows(input, format, IMPORT_COLUMNS, { maxRows: ctx.maxRows }), ImportRow, IMPORT_COLUMNS, { lang })) {
      progress.read++;
      if (!r.ok) {
        progress.invalid++;
        for (const e of r.errors) addError(r.rowNumber, e.key, e.message, e.value);
        continue;
      }
      const staged = stage(r.rowNumber, r.data, { cipher, places, today, addError });
      if (!staged) { progress.invalid++; continue; }
      progress.valid++;
      if (!file.write(`${JSON.stringify(staged)}\n`)) await Promise.race([once(file, 'drain'), failed]);
      // Yield now and then so progress polls and other requests are answered during a long validation.
      if (progress.read % 5000 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    file.end();
    await Promise.race([once(file, 'finish'), failed]);
  }

  function stage(row: number, d: TImportRow, c: { cipher: FieldCipher; places: PlaceIndex; today: string; addError: typeof addError }): StagedRow | null {
    let ok = true;
    const idType: IdType = d.idType ?? (d.idNumber ? 'id_card' : 'none');
    let identity: ReturnType<typeof reconcileIdentity> | undefined;
    try {
      identity = reconcileIdentity({ idType, idNumber: d.idNumber ?? null, birthDate: d.birthDate ?? null, sex: d.sex ?? null }, c.today);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      ok = false;
      for (const det of err.details) {
        const key = det.path ?? '';
        c.addError(row, key, det.message, key === 'idNumber' ? d.idNumber : key === 'birthDate' ? d.birthDate : key === 'sex' ? d.sex : undefined);
      }
    }
    const place = c.places.resolve(d.compound, d.building, d.entrance);
    if (!place.ok) {
      ok = false;
      c.addError(row, place.column, place.message, d[place.column]);
    }
    if (!ok || !identity || !place.ok) return null;
    const idHash = identity.idNumber ? c.cipher.blindIndex(identity.idNumber, documentPurpose(idType)) : null;
    // The same person twice in one file: the first row stands, later ones are errors.
    const fingerprint = idHash
      ?? createHash('sha256').update(`${place.parentId}\u0000${d.household}\u0000${d.name}\u0000${identity.birthDate ?? ''}`).digest('hex');
    const first = seen.addOrGet(fingerprint, row);
    if (first) {
      c.addError(row, idHash ? 'idNumber' : 'name', idHash ? 'import.duplicate_id' : 'import.duplicate_person', idHash ? d.idNumber : d.name, { row: first });
      return null;
    }
    return {
      row, parentId: place.parentId, parentPath: place.parentPath, household: d.household, name: d.name, idType,
      idNumber: identity.idNumber, idHash, sex: identity.sex, birthDate: identity.birthDate, phone: d.phone ?? null,
      ...(d.relation ? { relation: d.relation } : {}), ...(d.residenceType ? { residenceType: d.residenceType } : {}),
      ...(d.needs ? { needs: d.needs } : {}), ...(d.notes !== undefined ? { notes: d.notes } : {}),
    };
  }
}
