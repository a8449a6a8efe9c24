import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldKeyring } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import { SYSTEM_ACTOR } from '../../platform/policy.ts';
import { ENCRYPTED_TABLES, KeyRotationRepository, type EncryptedRow, type EncryptedTable } from './registry-admin.repository.ts';
import { documentPurpose } from './registry.identity.ts';

export interface RotationResult {
  version: string;
  tables: Record<EncryptedTable, { rewritten: number; remaining: number }>;
}

function idPurpose(table: EncryptedTable, row: EncryptedRow): string {
  return table !== 'people' ? documentPurpose(row.id_type ?? 'id_card') : 'id_number';
}

/**
 * Re-encrypts every ID/phone ciphertext not yet under the keyring's current version and recomputes its blind
 * index, one batch per transaction. Rows already under the current version are never selected, so a run that
 * stopped half-way simply continues.
 */
export async function rotateFieldKeys(
  db: Db, clock: Clock, keyring: FieldKeyring,
  opts: { batchSize?: number; onBatch?: (table: EncryptedTable, done: number) => void } = {},
): Promise<RotationResult> {
  const batchSize = opts.batchSize ?? 500;
  const current = keyring.current;
  const tables = {} as RotationResult['tables'];
  for (const table of ENCRYPTED_TABLES) {
    let rewritten = 0;
    let after: string | null = null;
    for (;;) {
      const batch = await db.transaction().execute(async (trx) => {
        const repo = new KeyRotationRepository(trx);
        const rows = await repo.staleBatch(table, current, after, batchSize);
        for (const row of rows) {
          const next = {
            id_number_enc: row.id_number_enc, id_number_hash: row.id_number_hash, phone_enc: row.phone_enc, phone_hash: row.phone_hash,
            secret_enc: row.secret_enc,
          };
          if (row.id_number_enc && keyring.versionOf(row.id_number_enc) !== current) {
            const plain = keyring.decrypt(row.id_number_enc);
            next.id_number_enc = keyring.encrypt(plain);
            next.id_number_hash = keyring.blindIndex(plain, idPurpose(table, row));
          }
          if (row.phone_enc && keyring.versionOf(row.phone_enc) !== current) {
            const plain = keyring.decrypt(row.phone_enc);
            next.phone_enc = keyring.encrypt(plain);
            next.phone_hash = keyring.blindIndex(plain, 'phone');
          }
          if (row.secret_enc && keyring.versionOf(row.secret_enc) !== current) next.secret_enc = keyring.encrypt(keyring.decrypt(row.secret_enc));
          await repo.rewrite(table, row.id, next);
        }
        return rows;
      });
      if (batch.length === 0) break;
      rewritten += batch.length;
      after = batch[batch.length - 1].id;
      opts.onBatch?.(table, rewritten);
    }
    tables[table] = { rewritten, remaining: await new KeyRotationRepository(db).countStale(table, current) };
  }
  await db.transaction().execute(async (trx) => {
    await recordAudit(trx, clock, SYSTEM_ACTOR, {
      action: 'keys.rotate', entityType: 'field_key', details: { version: current, tables },
    });
  });
  return { version: current, tables };
}
