import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyring } from '../../platform/crypto/field-cipher.ts';
import { newId } from '../../platform/ids.ts';
import type { TestApp } from '../../../test/support/harness.ts';
import { rotateFieldKeys } from './registry-keys.ts';
import { registryWorld } from './registry.fixtures.ts';

describe('key rotation covers every field-key ciphertext', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof registryWorld>>['world'];
  let clock: Awaited<ReturnType<typeof registryWorld>>['clock'];
  beforeAll(async () => { ({ t, world, clock } = await registryWorld()); });
  afterAll(async () => { await t.close(); });

  it('re-encrypts volunteer sign-up phones (new blind index) and report-in QR tokens; a second run has nothing left', async () => {
    const db = t.ctx.database.db;
    const { cipher } = t.ctx;
    const at = clock.now().toISOString();
    const phones = ['13700000001', '13700000002', '13700000003'];
    for (const phone of phones) {
      await db.insertInto('volunteer_signups').values({
        id: newId(), node_id: world.communityA, name: '志愿者', phone_enc: cipher.encrypt(phone), phone_hash: cipher.blindIndex(phone, 'phone'),
        political_status: 'member', skills: '', availability: null, note: null, status: 'pending', decline_reason: null, person_id: null,
        assignment_kind: null, assignment_id: null, decided_by: null, decided_at: null, created_at: at, updated_at: at,
      }).execute();
    }
    const tokens = new Map([[world.communityA, 'token-a-secret'], [world.communityB, 'token-b-secret']]);
    for (const [nodeId, token] of tokens) {
      await db.insertInto('report_in_codes').values({ node_id: nodeId, token_hash: `hash-${token}`, token_enc: cipher.encrypt(token), created_at: at, created_by: null }).execute();
    }
    const keyring = createKeyring({ v1: cipher, v2: randomBytes(32).toString('hex') }, 'v2');

    const result = await rotateFieldKeys(db, clock, keyring, { batchSize: 2 });
    expect(result.tables.volunteer_signups).toEqual({ rewritten: 3, remaining: 0 });
    expect(result.tables.report_in_codes).toEqual({ rewritten: 2, remaining: 0 });

    const signups = await db.selectFrom('volunteer_signups').select(['phone_enc', 'phone_hash']).execute();
    expect(signups.map((s) => s.phone_enc.slice(0, 3))).toEqual(['v2.', 'v2.', 'v2.']);
    expect(signups.map((s) => keyring.decrypt(s.phone_enc)).sort()).toEqual(phones);
    // The blind index follows the new key, so phone search keeps working after the restart.
    for (const s of signups) expect(s.phone_hash).toBe(keyring.blindIndex(keyring.decrypt(s.phone_enc), 'phone'));
    expect(signups.some((s) => s.phone_hash === cipher.blindIndex(keyring.decrypt(s.phone_enc), 'phone'))).toBe(false);

    const codes = await db.selectFrom('report_in_codes').select(['node_id', 'token_hash', 'token_enc']).execute();
    for (const c of codes) {
      expect(c.token_enc.startsWith('v2.')).toBe(true);
      expect(keyring.decrypt(c.token_enc)).toBe(tokens.get(c.node_id));
      // The lookup hash is a plain SHA-256 of the token, not keyed: rotation leaves it alone.
      expect(c.token_hash).toBe(`hash-${tokens.get(c.node_id)}`);
    }
    const again = await rotateFieldKeys(db, clock, keyring, { batchSize: 2 });
    expect(again.tables.volunteer_signups.rewritten).toBe(0);
    expect(again.tables.report_in_codes.rewritten).toBe(0);
  });
});
