import fs from 'node:fs';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../platform/policy.ts';
import { TRANSFER_KINDS } from '../modules/transfer/transfer.service.ts';
import { parseOptions, withApp } from './context.ts';
import { runResidentImport } from './registry-import.command.ts';

function checkKind(kind: string | undefined): kind is (typeof TRANSFER_KINDS)[number] {
  if (kind && (TRANSFER_KINDS as readonly string[]).includes(kind)) return true;
  console.error(`Kind must be one of: ${TRANSFER_KINDS.join(', ')}`);
  return false;
}

/** Imports as the system administrator; with errors nothing is written unless --accept-valid is given. */
export async function runImport(args: string[]): Promise<number> {
  // Residents have their own streamed import (src/modules/registry/registry-import.ts).
  if (args[0] === 'residents') return runResidentImport(args);
  const { values, positionals } = parseOptions(args, {
    'accept-valid': { type: 'boolean' }, report: { type: 'string' }, lang: { type: 'string' },
  });
  const [kind, file] = positionals;
  if (!checkKind(kind)) return 2;
  if (!file) { console.error('Usage: fangkong import <kind> <file.xlsx|file.csv>'); return 2; }
  if (!fs.existsSync(file)) { console.error(`No such file: ${file}`); return 2; }
  const format = /\.csv$/i.test(file) ? 'csv' : /\.xlsx$/i.test(file) ? 'xlsx' : null;
  if (!format) { console.error('Only .xlsx and .csv files can be imported.'); return 2; }
  const lang = values.lang === 'en' ? 'en' : 'zh';
  return withApp(async (ctx) => {
    const report = await ctx.services.transfer.import(SYSTEM_ACTOR, kind, { path: file }, format, { acceptValid: !!values['accept-valid'], lang });
    console.log(`created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, skipped ${report.skipped}, errors ${report.errorCount}`);
    for (const e of report.errors.slice(0, 20)) console.log(`  row ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message}`);
    if (report.errors.length > 20) console.log(`  … ${report.errorCount - 20} more`);
    if (values.report && report.errorCount > 0) {
      const reportFormat = /\.csv$/i.test(values.report) ? 'csv' : 'xlsx';
      fs.writeFileSync(values.report, await ctx.services.transfer.errorReport(report.errors, reportFormat, lang));
      console.log(`Error report written to ${values.report}`);
    }
    if (report.rolledBack) {
      console.log('Nothing was imported. Fix the rows above, or run again with --accept-valid to import the valid rows.');
      return 1;
    }
    return 0;
  });
}

export async function runExport(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { format: { type: 'string' }, out: { type: 'string' }, lang: { type: 'string' } });
  const [kind] = positionals;
  if (!checkKind(kind)) return 2;
  const format = values.format ?? (values.out && /\.csv$/i.test(values.out) ? 'csv' : 'xlsx');
  if (format !== 'csv' && format !== 'xlsx') { console.error('--format must be xlsx or csv'); return 2; }
  const out = values.out ?? `${kind}-export.${format}`;
  return withApp(async (ctx) => {
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    const rows = await ctx.services.transfer.export(SYSTEM_ACTOR, kind, format, values.lang === 'en' ? 'en' : 'zh', fs.createWriteStream(out));
    console.log(`Exported ${rows} rows to ${out}`);
    return 0;
  });
}
