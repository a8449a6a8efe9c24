import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { newId } from '../../src/platform/ids.ts';
import { SYSTEM_ACTOR } from '../../src/platform/policy.ts';
import { launchBrowser, screenshot, startServer } from './support.ts';

// The public /verify page checks a completion certificate in the browser with the public key alone: after the key
// has loaded once, the network is cut and a genuine certificate still verifies while an altered one is refused.
// FANGKONG_WEB_DIST points at a build of the web app (default web/dist).

describe('certificate verification page, offline', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let token = '';
  let roundId = '';
  let residentId = '';
  beforeAll(async () => {
    server = await startServer({ residents: 20, seed: 7 });
    browser = await launchBrowser();
    const db = server.ctx.database.db;
    const resident = await db.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.household_id', 'h.path']).where('r.status', '=', 'active').limit(1).executeTakeFirstOrThrow();
    const top = await db.selectFrom('jurisdiction_nodes').select(['id', 'path']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    roundId = newId();
    residentId = resident.id;
    await db.insertInto('nat_rounds').values({
      id: roundId, name: '第三轮全员核酸检测', number: 3, node_id: top.id, node_path: top.path, starts_on: at.slice(0, 10), ends_on: at.slice(0, 10),
      pool_size: 10, bag_size: 20, certificate_valid_hours: 48, required_rule: '{}', status: 'open', roster_built_at: at, created_by: null, created_at: at, updated_at: at,
    }).execute();
    await db.insertInto('nat_round_residents').values({
      round_id: roundId, resident_id: resident.id, household_id: resident.household_id, node_path: resident.path, required: 1, exempt_reason: null,
      sampled_at: at, sample_id: newId(), result: null, control_status: null,
    }).execute();
    token = (await server.ctx.services.natPlan.certificates.issue(SYSTEM_ACTOR, roundId, resident.id)).token;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('verifies with the cached public key while offline, refuses an altered certificate, and shows a revocation when online', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${server.baseUrl}/verify`);
    await page.getByTestId('verify-key-state').waitFor();
    await context.setOffline(true);

    await page.getByTestId('verify-token').fill(`${server.baseUrl}/verify#c=${token}`);
    await page.getByTestId('verify-check').click();
    const verdict = page.getByTestId('verify-verdict');
    await expect.poll(() => verdict.getAttribute('data-valid')).toBe('true');
    await expect.poll(() => page.getByTestId('verify-mode').textContent()).toContain('离线核验');
    await screenshot(page, 'nat-verify-offline-phone');

    const [p, body, sig] = token.split('.');
    const claims = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8')) as Record<string, unknown>;
    const altered = `${p}.${Buffer.from(JSON.stringify({ ...claims, x: '2099-01-01T00:00:00.000Z' })).toString('base64url')}.${sig}`;
    await page.getByTestId('verify-token').fill(altered);
    await page.getByTestId('verify-check').click();
    await expect.poll(() => verdict.getAttribute('data-valid')).toBe('false');
    expect(await verdict.textContent()).toContain('签名不符');

    // Back online: the server's revocation check overrides a good signature.
    await context.setOffline(false);
    await server.ctx.database.db.insertInto('nat_certificate_revocations').values({
      round_id: roundId, resident_id: residentId, reason: 'test', revoked_at: new Date().toISOString(), actor_id: null,
    }).execute();
    await page.getByTestId('verify-token').fill(token);
    await page.getByTestId('verify-check').click();
    await expect.poll(() => verdict.getAttribute('data-valid')).toBe('false');
    expect(await verdict.textContent()).toContain('已撤销');
    await context.close();
  });
});
