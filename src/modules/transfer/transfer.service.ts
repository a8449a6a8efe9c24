import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, type ErrorDetail } from '../../platform/errors.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import { localiseMessage } from '../../platform/validation.ts';
import {
  headingOf, readRows, RowErrorReport, TransferError, validateRows, writeErrorReport, writeSheet, writeTemplate,
  type Lang, type ReadInput, type SheetFormat,
} from '../../platform/transfer/index.ts';
import type { JurisdictionService } from '../jurisdiction/jurisdiction.service.ts';
import type { OrgService } from '../org/org.service.ts';
import type { PeopleService } from '../people/people.service.ts';
import { jurisdictionKind } from './kinds/jurisdiction.kind.ts';
import { peopleKind } from './kinds/people.kind.ts';
import { unitsKind } from './kinds/units.kind.ts';
import type { ImportOutcome, TransferKind } from './transfer.kind.ts';

export const TRANSFER_KINDS = ['jurisdiction', 'people', 'units'] as const;
export type TransferKindName = (typeof TRANSFER_KINDS)[number];

export interface TransferDeps {
  db: Db;
  clock: Clock;
  jurisdiction: JurisdictionService;
  people: PeopleService;
  org: OrgService;
}

export interface ImportOptions {
  /** Import the valid rows even when others are bad (the user chose "仅导入有效行"). */
  acceptValid: boolean;
  lang: Lang;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not imported because they had errors. */
  skipped: number;
  errorCount: number;
  errors: Array<{ row: number; column: string; message: string; value?: string }>;
  /** True when the import wrote nothing (errors and acceptValid was not chosen). */
  rolledBack: boolean;
}

class RollbackImport extends Error {}

/** Spreadsheet import/export for every kind; one transaction per import so nothing is half-written. */
export class TransferService {
  private readonly kinds: Record<TransferKindName, TransferKind>;

  constructor(private readonly deps: TransferDeps) {
    const byName = (table: 'units' | 'party_orgs') => async (ex: Executor, name: string) =>
      (await ex.selectFrom(table).select('id').where('name', '=', name).executeTakeFirst())?.id;
    this.kinds = {
      jurisdiction: jurisdictionKind(deps.jurisdiction),
      people: peopleKind({ people: deps.people, jurisdiction: deps.jurisdiction, findUnitByName: byName('units'), findBranchByName: byName('party_orgs') }),
      units: unitsKind(deps.org, deps.jurisdiction),
    };
  }

  private kind(name: string): TransferKind {
    if (!(TRANSFER_KINDS as readonly string[]).includes(name)) throw new AppError('NOT_FOUND', `unknown kind ${name}`);
    return this.kinds[name as TransferKindName];
  }

  async template(actor: Actor, kindName: string, format: SheetFormat, lang: Lang): Promise<Buffer> {
    requirePermission(actor, 'data.import');
    return writeTemplate(this.kind(kindName).columns, format, lang);
  }

  async export(actor: Actor, kindName: string, format: SheetFormat, lang: Lang, out: NodeJS.WritableStream): Promise<number> {
    requirePermission(actor, 'data.export');
    const kind = this.kind(kindName);
    const { rows } = await writeSheet(kind.columns, kind.exportRows(actor), format, { lang, out });
    return rows;
  }

  async import(actor: Actor, kindName: string, input: ReadInput, format: SheetFormat, opts: ImportOptions): Promise<ImportReport> {
    requirePermission(actor, 'data.import');
    const kind = this.kind(kindName);
    const report = new RowErrorReport();
    const counts: Record<ImportOutcome, number> = { created: 0, updated: 0, unchanged: 0 };
    let skipped = 0;
    const headings = new Map(kind.columns.map((c) => [c.key, headingOf(c, opts.lang)]));
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        const apply = kind.applier(actor, trx);
        for await (const row of validateRows(readRows(input, format, kind.columns), kind.rowSchema, kind.columns, { lang: opts.lang })) {
          if (!row.ok) {
            report.addResult({ ...row, errors: row.errors.map((e) => ({ ...e, message: localiseMessage(e.message, opts.lang) })) });
            skipped++;
            continue;
          }
          try {
            counts[await apply(row.data)]++;
          } catch (err) {
            if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
            skipped++;
            for (const d of err.details.length ? err.details : [{ message: err.message } as ErrorDetail]) {
              report.add({ rowNumber: row.rowNumber, column: headings.get(d.path ?? '') ?? '', message: localiseMessage(d.message, opts.lang) });
            }
          }
        }
        if (!report.isEmpty && !opts.acceptValid) throw new RollbackImport();
      });
    } catch (err) {
      if (err instanceof TransferError) {
        throw new AppError('IMPORT_FILE', opts.lang === 'en' ? (err.details.en ?? err.message) : err.message,
          (err.details.missing ?? []).map((m) => ({ column: m, message: 'missing column' })));
      }
      if (!(err instanceof RollbackImport)) throw err;
    }
    const rolledBack = !report.isEmpty && !opts.acceptValid;
    return {
      ...(rolledBack ? { created: 0, updated: 0, unchanged: 0 } : counts),
      skipped: rolledBack ? skipped + counts.created + counts.updated + counts.unchanged : skipped,
      errorCount: report.total,
      errors: report.errors.map((e) => ({ row: e.rowNumber, column: e.column, message: e.message, ...(e.value !== undefined ? { value: e.value } : {}) })),
      rolledBack,
    };
  }

  async errorReport(errors: ImportReport['errors'], format: SheetFormat, lang: Lang): Promise<Buffer> {
    return writeErrorReport(errors.map((e) => ({ rowNumber: e.row, column: e.column, message: e.message, value: e.value })), format, { lang });
  }
}
