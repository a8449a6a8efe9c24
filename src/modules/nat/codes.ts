import type { Executor } from '../../platform/db/database.ts';
import { TOKEN_MAX_LENGTH, type TokenSigner } from '../../platform/crypto/signer.ts';
import { AppError } from '../../platform/errors.ts';

// Personal codes (个人码): a signed 'r' token {r: residentId, s: serial}. The signature makes a code unguessable
// and unalterable; the serial lets a lost printed code be withdrawn: re-issuing bumps resident_codes.serial and
// only a code carrying the current serial is accepted. A resident without a resident_codes row has serial 1.

export const RESIDENT_CODE_KIND = 'r';

/**
 * The token inside what a scanner read. Printed codes carry a link (`https://…/verify#me=FK1.…`) so a phone camera
 * opens the resident's page, while a desk scanner reads the same QR: both forms are accepted.
 */
export function extractToken(scanned: unknown): string {
  if (typeof scanned !== 'string' || scanned.length > TOKEN_MAX_LENGTH + 400) return '';
  const match = /FK1\.[\w-]+\.[\w-]+/.exec(scanned);
  return match ? match[0] : scanned.trim();
}

/** The token for a resident's code at a serial (the QR content). */
export function residentCodeToken(signer: TokenSigner, residentId: string, serial: number): string {
  return signer.sign(RESIDENT_CODE_KIND, { r: residentId, s: serial });
}

/** The serial a resident's code must carry now. */
export async function currentCodeSerial(db: Executor, residentId: string): Promise<number> {
  const row = await db.selectFrom('resident_codes').select('serial').where('resident_id', '=', residentId).executeTakeFirst();
  return row?.serial ?? 1;
}

/**
 * A scanned personal code → the resident's id. Throws NAT_CODE_INVALID for anything not a genuine code of ours
 * (malformed, forged, altered, another kind of token, an unknown resident) and NAT_CODE_REVOKED for a genuine code
 * that was replaced by a re-issue. Scope is not checked here: the caller decides whether the resident is reachable.
 */
export async function resolveResidentCode(db: Executor, signer: TokenSigner, token: string): Promise<string> {
  const verdict = signer.verify(extractToken(token), RESIDENT_CODE_KIND);
  if (!verdict.ok) throw new AppError('NAT_CODE_INVALID', `personal code rejected: ${verdict.problem}`);
  const { r: residentId, s: serial } = verdict.claims;
  if (typeof residentId !== 'string' || typeof serial !== 'number') {
    throw new AppError('NAT_CODE_INVALID', 'personal code rejected: malformed claims');
  }
  const row = await db.selectFrom('residents as r')
    .leftJoin('resident_codes as c', 'c.resident_id', 'r.id')
    .select(['r.id', 'c.serial'])
    .where('r.id', '=', residentId)
    .executeTakeFirst();
  if (!row) throw new AppError('NAT_CODE_INVALID', 'personal code rejected: unknown resident');
  if ((row.serial ?? 1) !== serial) throw new AppError('NAT_CODE_REVOKED', 'personal code was replaced by a newer one');
  return residentId;
}

/** A name as shown on printed codes and certificates: 王大明 → 王*明, 孙丽 → 孙*, Li Wei → L*** */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '';
  if (/^[\u0000-\u024f\s.'-]+$/.test(name)) return `${chars[0]}***`;
  if (chars.length === 1) return chars[0]!;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
