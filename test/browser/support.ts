import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { openApp, type AppContext } from '../../src/app.ts';
import { ensureFirstAdmin, seedDefaultLevels } from '../../src/bootstrap.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { SYSTEM_ACTOR } from '../../src/platform/policy.ts';
import { buildServer } from '../../src/server.ts';
import { loadDemo } from '../../src/modules/demo/demo.loader.ts';

export const BROWSER_ADMIN_PASSWORD = 'Browser-admin-2026';
export const CHROMIUM = process.env.FANGKONG_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

/**
 * A real server on a free port with a small demo district, serving the built web app: web/dist, or the build
 * FANGKONG_WEB_DIST points at.
 */
export async function startServer(demo: { residents?: number; seed?: number } = {}): Promise<{ baseUrl: string; ctx: AppContext; close(): Promise<void> }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'fangkong-browser-'));
  const config = loadConfig({
    FANGKONG_DATA_DIR: dataDir, FANGKONG_ADMIN_PASSWORD: BROWSER_ADMIN_PASSWORD, FANGKONG_DEMO: '0',
    ...(process.env.FANGKONG_WEB_DIST ? { FANGKONG_WEB_DIST: process.env.FANGKONG_WEB_DIST } : {}),
  });
  if (!fs.existsSync(path.join(config.webDist, 'index.html'))) throw new Error('web app not built: run `npm run build` first');
  const ctx = await openApp(config);
  await seedDefaultLevels(ctx);
  await ensureFirstAdmin(ctx);
  await loadDemo(ctx, SYSTEM_ACTOR, { communities: 1, residents: demo.residents ?? 40, seed: demo.seed ?? 11 });
  const app = await buildServer(ctx, { serveWeb: true });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    ctx,
    close: async () => {
      await app.close();
      await ctx.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Signs in through the login page and waits for the app shell. */
export async function signIn(page: Page, baseUrl: string, username = 'admin', password = BROWSER_ADMIN_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('user-menu').waitFor();
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

export type TestServer = Awaited<ReturnType<typeof startServer>>;

/**
 * The server (with the small demo district) and the browser of one test file: started before its tests (and before
 * the file's own `beforeAll`, which runs after this one), closed after them. Read `suite.server` and
 * `suite.browser` inside hooks and tests.
 */
export function browserSuite(demo: { residents?: number; seed?: number } = {}): { server: TestServer; browser: Browser } {
  const suite = {} as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    suite.server = await startServer(demo);
    suite.browser = await launchBrowser();
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.server?.close();
  });
  return suite;
}
