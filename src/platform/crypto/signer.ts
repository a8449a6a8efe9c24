import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Signed tokens for QR codes (a resident's personal code, a completion certificate): Ed25519 over a compact
// payload, so a token cannot be guessed or altered, and anyone holding the public key can check one offline
// (the browser does it with WebCrypto). Format: `FK1.<base64url(JSON claims)>.<base64url(signature)>`, the
// signature covering the ASCII text `FK1.<base64url(JSON claims)>`.

export const TOKEN_PREFIX = 'FK1';
/** Longer strings are not tokens of ours; refused before any parsing. */
export const TOKEN_MAX_LENGTH = 600;

export type Claims = Record<string, string | number>;
/** What kind of token (e.g. 'r' resident code, 'c' certificate) and which key signed it. */
export interface SignedClaims extends Claims { k: string; kid: string }

export type TokenProblem = 'malformed' | 'unknown_key' | 'bad_signature' | 'wrong_kind';
export type VerifyResult = { ok: true; claims: SignedClaims } | { ok: false; problem: TokenProblem };

export interface TokenSigner {
  /** Short id of the key: first 16 hex characters of SHA-256 over the raw public key. */
  readonly keyId: string;
  /** The raw 32-byte public key, base64url: what a checkpoint needs to verify offline. */
  readonly publicKey: string;
  sign(kind: string, claims: Claims): string;
  verify(token: string, kind: string): VerifyResult;
}

const b64url = (buf: Buffer | Uint8Array): string => Buffer.from(buf).toString('base64url');

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (!jwk.x) throw new Error('not an Ed25519 public key');
  return Buffer.from(jwk.x, 'base64url');
}

export function createTokenSigner(privateKeyPem: string): TokenSigner {
  const privateKey = createPrivateKey(privateKeyPem);
  if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('signing key must be Ed25519');
  const publicKey = createPublicKey(privateKey);
  const raw = rawPublicKey(publicKey);
  const keyId = createHash('sha256').update(raw).digest('hex').slice(0, 16);
  return {
    keyId,
    publicKey: b64url(raw),
    sign(kind, claims) {
      const body = b64url(Buffer.from(JSON.stringify({ ...claims, k: kind, kid: keyId }), 'utf8'));
      const signed = `${TOKEN_PREFIX}.${body}`;
      return `${signed}.${b64url(sign(null, Buffer.from(signed, 'ascii'), privateKey))}`;
    },
    verify(token, kind) {
      if (typeof token !== 'string' || token.length > TOKEN_MAX_LENGTH) return { ok: false, problem: 'malformed' };
      const parts = token.trim().split('.');
      if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX || !/^[\w-]+$/.test(parts[1]!) || !/^[\w-]+$/.test(parts[2]!)) {
        return { ok: false, problem: 'malformed' };
      }
      let claims: SignedClaims;
      try {
        const parsed: unknown = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return { ok: false, problem: 'malformed' };
        claims = parsed as SignedClaims;
      } catch {
        return { ok: false, problem: 'malformed' };
      }
      if (typeof claims.k !== 'string' || typeof claims.kid !== 'string') return { ok: false, problem: 'malformed' };
      if (claims.kid !== keyId) return { ok: false, problem: 'unknown_key' };
      const signature = Buffer.from(parts[2]!, 'base64url');
      if (signature.length !== 64) return { ok: false, problem: 'bad_signature' };
      const good = verify(null, Buffer.from(`${parts[0]}.${parts[1]}`, 'ascii'), publicKey, signature);
      if (!good) return { ok: false, problem: 'bad_signature' };
      if (claims.k !== kind) return { ok: false, problem: 'wrong_kind' };
      return { ok: true, claims };
    },
  };
}

/** A fresh Ed25519 private key as PKCS#8 PEM. */
export function generateSigningKeyPem(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/**
 * The signing key from config (PEM), or a key file in the data directory created on first start and
 * readable by the owner only. Never stored in the database or the repository.
 */
export function loadOrCreateSigningKey(dataDir: string, configuredPem?: string): string {
  if (configuredPem) return configuredPem;
  const file = path.join(dataDir, 'keys', 'signing.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const pem = generateSigningKeyPem();
  try {
    fs.writeFileSync(file, pem, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process made it first: use theirs, so every process signs with the one key.
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return fs.readFileSync(file, 'utf8');
    throw err;
  }
  return pem;
}
