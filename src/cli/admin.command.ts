import { generatePassword } from '../platform/crypto/password.ts';
import { SYSTEM_ACTOR } from '../platform/policy.ts';
import { zPassword, zUsername } from '../platform/validation.ts';
import { parseOptions, withApp } from './context.ts';

export async function runAdmin(args: string[]): Promise<number> {
  const { values, positionals } = parseOptions(args, { password: { type: 'string' } });
  const [action, rawUsername] = positionals;
  if ((action !== 'create' && action !== 'reset-password') || !rawUsername) {
    console.error('Usage: fangkong admin create|reset-password <username> [--password P]');
    return 2;
  }
  const username = zUsername.safeParse(rawUsername);
  if (!username.success) {
    console.error(`Invalid username "${rawUsername}": letters, digits, _ . - (2–64 characters)`);
    return 2;
  }
  if (values.password !== undefined && !zPassword.safeParse(values.password).success) {
    console.error('The password needs at least 10 characters with letters and digits.');
    return 2;
  }
  const password = values.password ?? generatePassword();
  return withApp(async (ctx) => {
    const outcome = await ctx.services.accounts.ensureAdmin(SYSTEM_ACTOR, username.data, password, values.password === undefined, action === 'create' ? 'create' : 'reset');
    console.log(`${outcome === 'created' ? 'Created administrator' : 'Password reset for'} ${username.data}.`);
    if (values.password === undefined) console.log(`Temporary password (shown once, must be changed at sign-in): ${password}`);
    return 0;
  });
}
