import path from 'node:path';
import { z } from 'zod';

// Every setting comes from the environment (documented in README.md); defaults give a working local install.
const boolFlag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  FANGKONG_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  FANGKONG_HOST: z.string().min(1).default('0.0.0.0'),
  FANGKONG_DATA_DIR: z.string().min(1).default('./data'),
  FANGKONG_DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres:// or sqlite:')
    .optional(),
  FANGKONG_DEMO: boolFlag.default(true),
  FANGKONG_ADMIN_PASSWORD: z.string().min(8).optional(),
  FANGKONG_SESSION_HOURS: z.coerce.number().min(1).max(24 * 30).default(12),
  FANGKONG_COOKIE_SECURE: boolFlag.default(false),
  FANGKONG_TRUST_PROXY: boolFlag.default(false),
  FANGKONG_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  FANGKONG_LOGIN_LOCK_MINUTES: z.coerce.number().min(1).default(15),
  FANGKONG_FIELD_KEY: z.string().regex(/^[0-9a-f]{64}$/i, 'must be 64 hex characters').optional(),
  /** Ed25519 private key (PKCS#8 PEM) for signed QR codes; when absent a key file is created in the data dir. */
  FANGKONG_SIGNING_KEY: z.string().includes('PRIVATE KEY', { message: 'must be a PKCS#8 PEM private key' }).optional(),
  FANGKONG_WEB_DIST: z.string().min(1).optional(),
  FANGKONG_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` or `sqlite:<file>`; for SQLite the default is `<dataDir>/fangkong.db`. */
  databaseUrl: string;
  demo: boolean;
  adminPassword?: string;
  sessionHours: number;
  cookieSecure: boolean;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  loginMaxFailures: number;
  loginLockMinutes: number;
  /** Hex key for field encryption; when absent a key file is created in the data dir. */
  fieldKey?: string;
  /** PEM of the Ed25519 key that signs personal codes and certificates; else `<dataDir>/keys/signing.key`. */
  signingKey?: string;
  logLevel: string;
  webDist: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.FANGKONG_DATA_DIR);
  return {
    port: e.FANGKONG_PORT,
    host: e.FANGKONG_HOST,
    dataDir,
    databaseUrl: e.FANGKONG_DATABASE_URL ?? `sqlite:${path.join(dataDir, 'fangkong.db')}`,
    demo: e.FANGKONG_DEMO,
    adminPassword: e.FANGKONG_ADMIN_PASSWORD,
    sessionHours: e.FANGKONG_SESSION_HOURS,
    cookieSecure: e.FANGKONG_COOKIE_SECURE,
    trustProxy: e.FANGKONG_TRUST_PROXY,
    loginMaxFailures: e.FANGKONG_LOGIN_MAX_FAILURES,
    loginLockMinutes: e.FANGKONG_LOGIN_LOCK_MINUTES,
    fieldKey: e.FANGKONG_FIELD_KEY,
    signingKey: e.FANGKONG_SIGNING_KEY,
    logLevel: e.FANGKONG_LOG_LEVEL,
    webDist: e.FANGKONG_WEB_DIST ? path.resolve(e.FANGKONG_WEB_DIST) : path.resolve(import.meta.dirname, '../../web/dist'),
  };
}
