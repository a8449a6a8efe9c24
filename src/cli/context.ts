import { parseArgs, type ParseArgsConfig } from 'node:util';
import { openApp, type AppContext } from '../app.ts';
import { ensureFirstAdmin, seedDefaultLevels } from '../bootstrap.ts';
import { loadConfig } from '../platform/config.ts';

/** Strict option parsing: an unknown or misspelt option stops the command with a clear message. */
export function parseOptions<O extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: O) {
  return parseArgs({ args, options, allowPositionals: true, strict: true });
}

/** Opens the configured database (migrated, base data seeded), runs fn, and always closes it. */
export async function withApp<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openApp(loadConfig());
  try {
    await seedDefaultLevels(ctx);
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

export function printFirstAdmin(admin: Awaited<ReturnType<typeof ensureFirstAdmin>>): void {
  if (!admin) return;
  const line = '='.repeat(64);
  if (admin.generated) {
    console.log(`${line}\n 管理员账号已创建 / Administrator created\n   username: ${admin.username}\n   password: ${admin.password}\n 此密码只显示这一次，首次登录后须修改。\n Shown only once; it must be changed at first sign-in.\n${line}`);
  } else {
    console.log(`Administrator '${admin.username}' created with the password from FANGKONG_ADMIN_PASSWORD.`);
  }
}

export function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number ≥ 0, got "${value}"`);
  return n;
}
