import { openApp } from '../app.ts';
import { ensureFirstAdmin, seedDefaultLevels } from '../bootstrap.ts';
import { loadConfig } from '../platform/config.ts';
import { SYSTEM_ACTOR } from '../platform/policy.ts';
import { buildServer } from '../server.ts';
import { loadDemo } from '../modules/demo/demo.loader.ts';
import { printFirstAdmin } from './context.ts';

export async function runServe(): Promise<number> {
  const config = loadConfig();
  const ctx = await openApp(config);
  await seedDefaultLevels(ctx);
  printFirstAdmin(await ensureFirstAdmin(ctx));
  if (config.demo && (await ctx.services.jurisdiction.listTop(SYSTEM_ACTOR)).length === 0) {
    const summary = await loadDemo(ctx, SYSTEM_ACTOR, { communities: 4, residents: 600, seed: 2020 });
    console.log(`Demo district loaded: ${summary.nodes} places, ${summary.residents} residents, ${summary.people} people in the workforce, ${summary.units} units (FANGKONG_DEMO=0 to start empty).`);
  }
  const app = await buildServer(ctx, { logger: true, serveWeb: true });
  const stop = async () => {
    await app.close();
    await ctx.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen({ port: config.port, host: config.host });
  const webBuilt = (await import('node:fs')).existsSync(`${config.webDist}/index.html`);
  console.log(`fangkong is running: http://localhost:${app.server.address() && typeof app.server.address() === 'object' ? (app.server.address() as { port: number }).port : config.port}/ (database: ${ctx.database.dialect})`);
  if (!webBuilt) console.log('The web app is not built yet: run `npm run build` (npm install does this).');
  return new Promise<number>(() => {});
}
