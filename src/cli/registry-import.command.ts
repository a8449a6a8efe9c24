import fs from 'node:fs';
import { SYSTEM_ACTOR } from '../platform/policy.ts';
import { parseOptions, withApp } from './context.ts';

const USAGE = `Usage: fangkong import residents <file.xlsx|file.csv> --node <nodeId> [--apply-valid] [--report errors.xlsx] [--lang zh|en]

Imports a community's resident sheet under the node (community or compound) through the same streamed,
two-pass import as the web app. With any bad row nothing is written unless --apply-valid is given.`;

/** `fangkong import residents …`: runs the import job in this process and prints its progress and outcome. */
export async function runResidentImport(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, {
    node: { type: 'string' }, 'apply-valid': { type: 'boolean' }, 'accept-valid': { type: 'boolean' }, report: { type: 'string' }, lang: { type: 'string' },
  });
  const file = positionals[1];
  if (!file || !values.node) { console.error(USAGE); return 2; }
  if (!fs.existsSync(file)) { console.error(`No such file: ${file}`); return 2; }
  const format = /\.csv$/i.test(file) ? 'csv' : /\.xlsx$/i.test(file) ? 'xlsx' : null;
  if (!format) { console.error('Only .xlsx and .csv files can be imported.'); return 2; }
  const lang = values.lang === 'en' ? 'en' : 'zh';
  return withApp(async (ctx) => {
    const imports = ctx.services.registry.imports;
    const started = await imports.start(SYSTEM_ACTOR, {
      path: file, keepInput: true, fileName: file, format, nodeId: values.node!, acceptValid: !!(values['apply-valid'] || values['accept-valid']), lang,
    });
    const ticker = setInterval(() => {
      const j = imports.get(SYSTEM_ACTOR, started.id);
      console.log(`  ${j.state}: read ${j.read}, errors ${j.invalid}, written ${j.written}`);
    }, 5000);
    const job = await imports.wait(SYSTEM_ACTOR, started.id).finally(() => clearInterval(ticker));
    console.log(`${job.state}: rows ${job.read}, valid ${job.valid}, with errors ${job.invalid}; created ${job.created}, updated ${job.updated} (moved ${job.moved}), unchanged ${job.unchanged}, new households ${job.householdsCreated}`);
    for (const e of job.errors.slice(0, 20)) console.log(`  row ${e.row}${e.column ? ` [${e.column}]` : ''}: ${e.message}${e.value ? ` (${e.value})` : ''}`);
    if (job.errorCount > 20) console.log(`  … ${job.errorCount - 20} more`);
    if (values.report && job.errorCount > 0) {
      fs.writeFileSync(values.report, await imports.errorReport(SYSTEM_ACTOR, started.id, /\.csv$/i.test(values.report) ? 'csv' : 'xlsx'));
      console.log(`Error report written to ${values.report}`);
    }
    if (job.state === 'failed') { console.error(job.message ?? 'The import failed.'); return 1; }
    if (job.state === 'rejected') {
      console.log('Nothing was imported. Fix the rows above, or run again with --apply-valid to import the valid rows.');
      return 1;
    }
    return 0;
  });
}
