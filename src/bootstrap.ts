import type { AppContext } from './app.ts';
import { generatePassword } from './platform/crypto/password.ts';
import { SYSTEM_ACTOR } from './platform/policy.ts';
import { DEFAULT_LEVELS } from './modules/jurisdiction/jurisdiction.schema.ts';

/** The default jurisdiction levels, written only into an empty levels table (an edited set is left alone). */
export async function seedDefaultLevels(ctx: AppContext): Promise<number> {
  const existing = await ctx.services.jurisdiction.listLevels(SYSTEM_ACTOR);
  if (existing.length > 0) return 0;
  for (const level of DEFAULT_LEVELS) await ctx.services.jurisdiction.saveLevel(SYSTEM_ACTOR, level);
  return DEFAULT_LEVELS.length;
}

/**
 * On a database without accounts, creates `admin`. The password is FANGKONG_ADMIN_PASSWORD if given;
 * otherwise a generated one that is returned (to print once) and must be changed at first sign-in.
 */
export async function ensureFirstAdmin(ctx: AppContext): Promise<{ username: string; password: string; generated: boolean } | null> {
  if ((await ctx.services.accounts.countAccounts()) > 0) return null;
  const generated = !ctx.config.adminPassword;
  const password = ctx.config.adminPassword ?? generatePassword();
  await ctx.services.accounts.ensureAdmin(SYSTEM_ACTOR, 'admin', password, generated);
  return { username: 'admin', password, generated };
}
