import type { Db } from '../../platform/db/database.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Notifier } from '../../platform/notifier.ts';

export interface ScreeningDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  notifier: Notifier;
}
