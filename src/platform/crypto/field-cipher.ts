import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Personal data (ID numbers, phones) is encrypted at rest with AES-256-GCM; a keyed HMAC of the normalised
// value is stored beside it as a blind index so exact search works without decrypting. Ciphertexts carry a
// key version so keys can be rotated (`fangkong keys rotate`, issue of the registry).
export interface FieldCipher {
  encrypt(plain: string): string;
  decrypt(stored: string): string;
  blindIndex(normalised: string, purpose: 'phone' | 'id_number' | string): string;
}

const VERSION = 'v1';

// IVs come from a pool of CSPRNG bytes refilled 4 KiB at a time, each byte used once: a bulk import encrypts two
// numbers per row, and one system call per IV was a tenth of its time.
const ivPool = Buffer.allocUnsafe(4096);
let ivOffset = ivPool.length;
function freshIv(): Buffer {
  if (ivOffset + 12 > ivPool.length) {
    randomFillSync(ivPool);
    ivOffset = 0;
  }
  const iv = Buffer.from(ivPool.subarray(ivOffset, ivOffset + 12));
  ivOffset += 12;
  return iv;
}

export function createFieldCipher(masterKeyHex: string): FieldCipher {
  const master = Buffer.from(masterKeyHex, 'hex');
  if (master.length !== 32) throw new Error('field key must be 32 bytes (64 hex characters)');
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'fangkong field encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'fangkong blind index', 32));
  return {
    encrypt(plain) {
      const iv = freshIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored) {
      const [version, payload] = stored.split('.', 2);
      if (version !== VERSION || !payload) throw new Error('unknown ciphertext version');
      const raw = Buffer.from(payload, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(normalised, purpose) {
      return createHmac('sha256', macKey).update(`${purpose}:${normalised}`).digest('hex');
    },
  };
}

/** The key from config, or a key file in the data directory made on first start, readable by the owner only. */
export function loadOrCreateFieldKey(dataDir: string, configured?: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'keys', 'field.key');
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32).toString('hex');
  fs.writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}

/** A cipher over several key versions: decrypts any of them, encrypts and indexes with the current one. */
export interface FieldKeyring extends FieldCipher {
  readonly current: string;
  readonly versions: readonly string[];
  /** The key version a stored ciphertext was made with ('v1', 'v2', …). */
  versionOf(stored: string): string;
}

function versionedCipher(version: string, masterKeyHex: string): FieldCipher {
  const master = Buffer.from(masterKeyHex, 'hex');
  if (master.length !== 32) throw new Error(`field key ${version} must be 32 bytes (64 hex characters)`);
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'fangkong field encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'fangkong blind index', 32));
  return {
    encrypt(plain) {
      const iv = freshIv();
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${version}.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64')}`;
    },
    decrypt(stored) {
      const dot = stored.indexOf('.');
      const raw = Buffer.from(stored.slice(dot + 1), 'base64');
      const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    blindIndex(normalised, purpose) {
      return createHmac('sha256', macKey).update(`${purpose}:${normalised}`).digest('hex');
    },
  };
}

/**
 * Keys by version ('v1' is the original single key). A retired version may also be given as an existing
 * cipher that can decrypt it; the current version must be a hex key. Used while `fangkong keys rotate`
 * re-encrypts: old ciphertexts stay readable until every row carries the current version.
 */
export function createKeyring(keys: Record<string, string | FieldCipher>, current: string): FieldKeyring {
  const currentKey = keys[current];
  if (typeof currentKey !== 'string') throw new Error(`the current key version ${current} needs a hex key`);
  if (!/^v\d+$/.test(current)) throw new Error(`key versions are named v1, v2, …; got ${current}`);
  const ciphers = new Map<string, FieldCipher>(
    Object.entries(keys).map(([version, key]) => [version, typeof key === 'string' ? versionedCipher(version, key) : key]),
  );
  const active = ciphers.get(current)!;
  const versionOf = (stored: string) => stored.slice(0, Math.max(0, stored.indexOf('.')));
  return {
    current,
    versions: [...ciphers.keys()],
    versionOf,
    encrypt: (plain) => active.encrypt(plain),
    decrypt(stored) {
      const cipher = ciphers.get(versionOf(stored));
      if (!cipher) throw new Error(`unknown ciphertext version ${versionOf(stored) || '(none)'}`);
      return cipher.decrypt(stored);
    },
    blindIndex: (normalised, purpose) => active.blindIndex(normalised, purpose),
  };
}

export interface KeyringFile {
  current: string;
  keys: Record<string, string>;
  /** True while `fangkong keys rotate` has not finished re-encrypting; a second run resumes with `current`. */
  rotating?: boolean;
}

/** `<dataDir>/keys/keyring.json`, written by `fangkong keys rotate`; absent until the first rotation. */
export function keyringPath(dataDir: string): string {
  return path.join(dataDir, 'keys', 'keyring.json');
}

/**
 * The field cipher the app should use: the keyring file when a rotation has made one, else the single
 * key (config or key file) as version v1.
 */
export function loadFieldKeyring(dataDir: string, configured?: string): FieldKeyring {
  const file = keyringPath(dataDir);
  if (fs.existsSync(file)) {
    const ring = JSON.parse(fs.readFileSync(file, 'utf8')) as KeyringFile;
    return createKeyring(ring.keys, ring.current);
  }
  return createKeyring({ v1: loadOrCreateFieldKey(dataDir, configured) }, 'v1');
}
