import type { Db } from '../../platform/db/database.ts';
import type { GroupCommit } from '../../platform/db/group-commit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { TokenSigner } from '../../platform/crypto/signer.ts';
import type { Notifier } from '../../platform/notifier.ts';

/** What every nucleic-acid testing service is given (see app.ts). */
export interface NatDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  signer: TokenSigner;
  notifier: Notifier;
  /** Commits concurrent desk scans together (SQLite); see platform/db/group-commit.ts. */
  writes: GroupCommit;
}
