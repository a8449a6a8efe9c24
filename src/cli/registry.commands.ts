import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SYSTEM_ACTOR } from '../platform/policy.ts';
import { localiseMessage } from '../platform/validation.ts';
import { loadConfig } from '../platform/config.ts';
import { createKeyring, keyringPath, loadOrCreateFieldKey, type KeyringFile } from '../platform/crypto/field-cipher.ts';
import { rotateFieldKeys } from '../modules/registry/registry-keys.ts';
import { RetentionInput, type RetentionReport } from '../modules/registry/registry.schema.ts';
import { parseOptions, withApp } from './context.ts';

const KEYS_USAGE = `Usage: fangkong keys rotate [--batch N] [--new-key HEX64]

Re-encrypts every ID/phone number (residents, people, volunteer sign-ups) and the report-in QR tokens under a
new field key and recomputes the blind indexes.
The keyring (<data dir>/keys/keyring.json) keeps the old key readable until you remove it yourself; a run that
stops half-way is resumed by running the command again.`;

function readKeyring(dataDir: string, configured: string | undefined): KeyringFile {
  const file = keyringPath(dataDir);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyringFile;
  return { current: 'v1', keys: { v1: loadOrCreateFieldKey(dataDir, configured) } };
}

/** Written to a temporary file and renamed, so a crash never leaves a half-written keyring. */
function writeKeyring(dataDir: string, ring: KeyringFile): void {
  const file = keyringPath(dataDir);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(ring, null, 2)}\n`, { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/** `fangkong keys rotate`: a new key version, then every ciphertext re-encrypted under it, batch by batch. */
export async function runKeys(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { batch: { type: 'string' }, 'new-key': { type: 'string' } });
  if (positionals[0] !== 'rotate') { console.error(KEYS_USAGE); return 2; }
  const batchSize = values.batch === undefined ? 500 : Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) { console.error('--batch must be a whole number ≥ 1'); return 2; }
  if (values['new-key'] !== undefined && !/^[0-9a-f]{64}$/i.test(values['new-key'])) { console.error('--new-key must be 64 hex characters'); return 2; }
  const config = loadConfig();
  let ring = readKeyring(config.dataDir, config.fieldKey);
  if (ring.rotating) {
    console.log(`Resuming the unfinished rotation to key ${ring.current}.`);
  } else {
    const next = `v${Math.max(...Object.keys(ring.keys).map((v) => Number(v.slice(1)))) + 1}`;
    ring = { current: next, keys: { ...ring.keys, [next]: values['new-key'] ?? randomBytes(32).toString('hex') }, rotating: true };
    // The new key is on disk before any row uses it: an interrupted run never strands data.
    writeKeyring(config.dataDir, ring);
    console.log(`New field key ${next} written to ${keyringPath(config.dataDir)}.`);
  }
  const keyring = createKeyring(ring.keys, ring.current);
  const result = await withApp((ctx) => rotateFieldKeys(ctx.database.db, ctx.clock, keyring, {
    batchSize, onBatch: (table, done) => { if (done % (batchSize * 20) === 0) console.log(`  ${table}: ${done} rows`); },
  }));
  for (const [table, r] of Object.entries(result.tables)) console.log(`${table}: ${r.rewritten} rows re-encrypted, ${r.remaining} left`);
  const left = Object.values(result.tables).reduce((n, r) => n + r.remaining, 0);
  if (left > 0) { console.error('Some rows were written under an old key meanwhile; run the command again.'); return 1; }
  writeKeyring(config.dataDir, { ...ring, rotating: false });
  console.log(`Done: every ID/phone number is under ${ring.current}. Restart the server so it encrypts with the new key.`);
  console.log('Older keys stay in the keyring so anything not covered by this command still decrypts; remove them only when no table holds their ciphertexts.');
  return 0;
}

/** Columns of the retention report: residents first, then the other capabilities' records. */
const RETENTION_COLUMNS: Array<[keyof RetentionReport['total'], string]> = [
  ['residents', 'residents'], ['withIdNumber', 'with ID'], ['withPhone', 'with phone'], ['moves', 'moves'], ['arrivals', 'arrivals'],
  ['declarations', 'declarations'], ['declarationVersions', 'decl. versions'], ['screeningVisits', 'screening visits'], ['natCases', 'NAT cases'],
];

/** `fangkong retention --before YYYY-MM-DD [--subtree <nodeId>] [--dry-run|--apply]` (dry run unless --apply). */
export async function runRetention(args: string[]): Promise<number> {
  const { values } = parseOptions(args, {
    before: { type: 'string' }, subtree: { type: 'string' }, 'dry-run': { type: 'boolean' }, apply: { type: 'boolean' },
  });
  if (values.apply && values['dry-run']) { console.error('Give either --dry-run or --apply, not both.'); return 2; }
  const parsed = RetentionInput.safeParse({ before: values.before, nodeId: values.subtree, dryRun: !values.apply });
  if (!parsed.success) {
    console.error('Usage: fangkong retention --before YYYY-MM-DD [--subtree <nodeId>] [--dry-run|--apply]');
    for (const i of parsed.error.issues) console.error(`  ${i.path.join('.') || 'input'}: ${localiseMessage(i.message, 'en')}`);
    return 2;
  }
  return withApp(async (ctx) => {
    const report = await ctx.services.registry.retention(SYSTEM_ACTOR, parsed.data);
    console.log(`${report.dryRun ? 'Would anonymise' : 'Anonymised'} personal data recorded before ${report.before}:`);
    console.log(['community', ...RETENTION_COLUMNS.map(([, label]) => label)].join('\t'));
    for (const c of report.communities) console.log([c.name || '(none)', ...RETENTION_COLUMNS.map(([k]) => c[k])].join('\t'));
    console.log(['total', ...RETENTION_COLUMNS.map(([k]) => report.total[k])].join('\t'));
    if (report.dryRun) console.log('Dry run: nothing was changed. Run with --apply to anonymise.');
    return 0;
  });
}
