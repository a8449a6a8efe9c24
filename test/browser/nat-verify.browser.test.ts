import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../src/platform/ids.ts';
import { SYSTEM_ACTOR } from '../../src/platform/policy.ts';
import { browserSuite, screenshot } from './support.ts';
import { openRound } from './nat-fixtures.ts';

// The public /verify page checks a completion certificate in the browser with the public key alone: after the key
// has loaded once, the network is cut and a genuine certificate still verifies while an altered one is refused.
// FANGKONG_WEB_DIST points at a build of the web app (default web/dist).

describe('certificate verification page, offline', () => {
  const suite = browserSuite({ residents: 20, seed: 7 });
  let token = '';
  let roundId = '';
  let residentId = '';
  beforeAll(async () => {
    const db = suite.server.ctx.database.db;
    const resident = await db.selectFrom('residents as r').innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
      .select(['r.id', 'r.household_id', 'h.path']).where('r.status', '=', 'active').limit(1).executeTakeFirstOrThrow();
    const top = await db.selectFrom('jurisdiction_nodes').select(['id', 'path']).where('parent_id', 'is', null).executeTakeFirstOrThrow();
    const at = new Date().toISOString();
    roundId = await openRound(db, top);
    residentId = resident.id;
    await db.insertInto('nat_round_residents').values({
      round_id: roundId, resident_id: resident.id, household_id: resident.household_id, node_path: resident.path, required: 1, exempt_reason: null,
      sampled_at: at, sample_id: newId(), result: null, control_status: null,
    }).execute();
    token = (await suite.server.ctx.services.natPlan.certificates.issue(SYSTEM_ACTOR, roundId, resident.id)).token;
  });

  it('verifies with the cached public key while offline, refuses an altered certificate, and shows a revocation when online', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN' });
    const page = await context.newPage();
    await page.goto(`${suite.server.baseUrl}/verify`);
    await page.getByTestId('verify-key-state').waitFor();
    await context.setOffline(true);

    await page.getByTestId('verify-token').fill(`${suite.server.baseUrl}/verify#c=${token}`);
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
    await suite.server.ctx.database.db.insertInto('nat_certificate_revocations').values({
      round_id: roundId, resident_id: residentId, reason: 'test', revoked_at: new Date().toISOString(), actor_id: null,
    }).execute();
    await page.getByTestId('verify-token').fill(token);
    await page.getByTestId('verify-check').click();
    await expect.poll(() => verdict.getAttribute('data-valid')).toBe('false');
    expect(await verdict.textContent()).toContain('已撤销');
    await context.close();
  });
});
