import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../platform/policy.ts';
import { AppError } from '../../platform/errors.ts';
import { natWorld, type NatWorld } from './nat.fixtures.ts';
import { resolveResidentCode, residentCodeToken } from './codes.ts';
import { findDeskWithSite, findRoundInScope } from './plan.repository.ts';
import { rosterCounts } from './plan-roster.ts';

describe('nat fixture, personal codes and scoped lookups', () => {
  let w: NatWorld;
  beforeAll(async () => { w = await natWorld(); });
  afterAll(async () => { await w.t.close(); });

  it('builds the roster by rule: the infant and the moved-away resident are on it but not required', async () => {
    const counts = await rosterCounts(w.db, w.round.id);
    expect(counts).toMatchObject({ total: 6, required: 4, exempt: 2, sampled: 0, byReason: { under_age: 1, moved_away: 1 } });
  });

  it('resolves a genuine code and rejects forged, altered and replaced ones', async () => {
    const signer = w.t.ctx.signer;
    expect(await resolveResidentCode(w.db, signer, w.codeOf(w.residents.zhao))).toBe(w.residents.zhao);
    const reject = async (token: string) => {
      try { await resolveResidentCode(w.db, signer, token); return 'accepted'; } catch (e) { return (e as AppError).code; }
    };
    const good = w.codeOf(w.residents.zhao);
    const [p, body, sig] = good.split('.');
    const altered = `${p}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body!, 'base64url').toString()), r: w.residents.sun })).toString('base64url')}.${sig}`;
    expect(await reject(altered)).toBe('NAT_CODE_INVALID');
    expect(await reject('hello')).toBe('NAT_CODE_INVALID');
    expect(await reject(signer.sign('c', { r: w.residents.zhao, s: 1 }))).toBe('NAT_CODE_INVALID');
    expect(await reject(residentCodeToken(signer, 'NOSUCHRESIDENT0000000000AA', 1))).toBe('NAT_CODE_INVALID');
    await w.db.insertInto('resident_codes').values({ resident_id: w.residents.zhao, serial: 2, issued_at: '2026-02-21T08:00:00Z' }).execute();
    expect(await reject(good)).toBe('NAT_CODE_REVOKED');
    expect(await resolveResidentCode(w.db, signer, w.codeOf(w.residents.zhao, 2))).toBe(w.residents.zhao);
  });

  it('finds rounds and desks only within scope', async () => {
    const pathOf = async (id: string) => (await w.db.selectFrom('jurisdiction_nodes').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
    const communityB = { kind: 'subtree' as const, path: await pathOf(w.world.communityB) };
    const district = { kind: 'subtree' as const, path: await pathOf(w.world.district) };
    expect((await findRoundInScope(w.db, communityB, w.round.id))?.id).toBe(w.round.id);
    expect((await findRoundInScope(w.db, district, w.round.id))?.id).toBe(w.round.id);
    expect(await findRoundInScope(w.db, { kind: 'none' }, w.round.id)).toBeUndefined();
    expect((await findDeskWithSite(w.db, communityB, w.desks.deskB))?.site.id).toBe(w.sites.siteB);
    expect(await findDeskWithSite(w.db, communityB, w.desks.deskA)).toBeUndefined();
    const all = await findDeskWithSite(w.db, { kind: 'all' }, w.desks.deskA);
    expect(all?.round.id).toBe(w.round.id);
    expect(SYSTEM_ACTOR.role).toBe('admin');
  });
});

describe('scanned code forms', () => {
  it('accepts the token inside a printed link', async () => {
    const { extractToken } = await import('./codes.ts');
    expect(extractToken('https://x.example/verify#me=FK1.abc_-.de-f')).toBe('FK1.abc_-.de-f');
    expect(extractToken('  FK1.a.b \n')).toBe('FK1.a.b');
    expect(extractToken('garbage')).toBe('garbage');
    expect(extractToken(42)).toBe('');
  });
});
