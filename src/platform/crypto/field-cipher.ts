import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
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

export function createFieldCipher(masterKeyHex: string): FieldCipher {
  const master = Buffer.from(masterKeyHex, 'hex');
  if (master.length !== 32) throw new Error('field key must be 32 bytes (64 hex characters)');
  const encKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'fangkong field encryption', 32));
  const macKey = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), 'fangkong blind index', 32));
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
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
