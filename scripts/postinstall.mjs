// Builds the web app after `npm install` so that `npm start` serves it without a separate step.
// Skipped when FANGKONG_SKIP_WEB_BUILD=1 (CI builds it as its own step) or when vite is absent (production-only install).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

if (process.env.FANGKONG_SKIP_WEB_BUILD === '1') process.exit(0);
if (!existsSync('node_modules/vite') || !existsSync('web/index.html')) {
  console.log('[fangkong] web build skipped (vite or web sources not present)');
  process.exit(0);
}
const r = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'], { stdio: 'inherit' });
process.exit(r.status ?? 1);
