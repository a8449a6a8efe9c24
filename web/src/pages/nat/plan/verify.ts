import { planApi, type PublicKeyView } from './api.ts';

// Checking a certificate with the public key alone (no server): the signature (WebCrypto Ed25519), the kind, the
// key id and the expiry. Revocation needs the server; the page asks it too when online.

const KEY_STORE = 'fangkong.nat.publicKey';

export interface StoredKey { keyId: string; publicKey: string; savedAt: string }
export interface CertClaims { r: string; n: string; t: string; x: string; i?: string; h?: string; k: string; kid: string }
export type OfflineVerdict =
  | { valid: true; claims: CertClaims }
  | { valid: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' | 'wrong_kind' | 'expired' | 'no_key' | 'unsupported' };

export function cachedKey(): StoredKey | null {
  try {
    const raw = localStorage.getItem(KEY_STORE);
    const parsed = raw ? (JSON.parse(raw) as StoredKey) : null;
    return parsed && typeof parsed.publicKey === 'string' && typeof parsed.keyId === 'string' ? parsed : null;
  } catch {
    return null;
  }
}

/** The server's public key (cached for offline use); the cached one when the server cannot be reached. */
export async function loadKey(): Promise<{ key: StoredKey | null; fresh: boolean }> {
  try {
    const k: PublicKeyView = await planApi.publicKey();
    const stored = { keyId: k.keyId, publicKey: k.publicKey, savedAt: new Date().toISOString() };
    localStorage.setItem(KEY_STORE, JSON.stringify(stored));
    return { key: stored, fresh: true };
  } catch {
    return { key: cachedKey(), fresh: false };
  }
}

function fromB64url(s: string): Uint8Array<ArrayBuffer> {
  const b64 = s.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((s.length + 3) % 4);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The FK1 token inside a scanned text (a link `…/verify#c=FK1…` or the bare token). */
export function tokenIn(text: string): string | null {
  const m = /FK1\.[\w-]+\.[\w-]+/.exec(text);
  return m ? m[0] : null;
}

export async function verifyOffline(text: string, key: StoredKey | null, now = Date.now()): Promise<OfflineVerdict> {
  const token = tokenIn(text);
  if (!token || token.length > 600) return { valid: false, reason: 'malformed' };
  const [prefix, body, sig] = token.split('.') as [string, string, string];
  let claims: CertClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(fromB64url(body))) as CertClaims;
  } catch {
    return { valid: false, reason: 'malformed' };
  }
  if (!claims || typeof claims !== 'object' || typeof claims.kid !== 'string') return { valid: false, reason: 'malformed' };
  if (!key) return { valid: false, reason: 'no_key' };
  if (claims.kid !== key.keyId) return { valid: false, reason: 'unknown_key' };
  let ok: boolean;
  try {
    const cryptoKey = await crypto.subtle.importKey('raw', fromB64url(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
    ok = await crypto.subtle.verify({ name: 'Ed25519' }, cryptoKey, fromB64url(sig), new TextEncoder().encode(`${prefix}.${body}`));
  } catch {
    return { valid: false, reason: 'unsupported' };
  }
  if (!ok) return { valid: false, reason: 'bad_signature' };
  if (claims.k !== 'c') return { valid: false, reason: 'wrong_kind' };
  if (!(Date.parse(claims.x) > now)) return { valid: false, reason: 'expired' };
  return { valid: true, claims };
}
