import { parseArgs } from 'node:util';
import { healthHttp } from './health-http.bench.ts';
import { natCertificates } from './nat-certificates.bench.ts';
import { natCoverage } from './nat-coverage.bench.ts';
import { natDesk } from './nat-desk.bench.ts';
import { print, type Bench } from './harness.ts';
import { peopleList } from './people-list.bench.ts';
import { registryImport } from './registry-import.bench.ts';
import { registrySearch } from './registry-search.bench.ts';
import { reportsRollup } from './reports-rollup.bench.ts';
import { rosterCoverage } from './roster-coverage.bench.ts';
import { screening } from './screening.bench.ts';

// `npm run bench -- <name> [--db postgres]`; `--list` names them; no name runs all. One JSON line per figure.
const BENCHES: Record<string, Bench> = {
  'health-http': healthHttp,
  'nat-certificates': natCertificates,
  'nat-coverage': natCoverage,
  'nat-desk': natDesk,
  'people-list': peopleList,
  'registry-import': registryImport,
  'registry-search': registrySearch,
  'reports-rollup': reportsRollup,
  'roster-coverage': rosterCoverage,
  screening,
};

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  options: { db: { type: 'string', default: 'sqlite' }, list: { type: 'boolean' }, quick: { type: 'boolean' } },
  allowPositionals: true,
});

if (values.list) {
  for (const name of Object.keys(BENCHES)) console.log(name);
  process.exit(0);
}
if (values.db !== 'sqlite' && values.db !== 'postgres') {
  console.error('--db must be sqlite or postgres');
  process.exit(2);
}
const unknown = positionals.filter((p) => !BENCHES[p]);
if (unknown.length) {
  console.error(`Unknown bench: ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}`);
  process.exit(2);
}
const quick = !!values.quick || process.env.FANGKONG_BENCH_QUICK === '1';
for (const name of positionals.length ? positionals : Object.keys(BENCHES)) {
  for (const figure of await BENCHES[name]({ db: values.db, quick })) print(figure);
}
