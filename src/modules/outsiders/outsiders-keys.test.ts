import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../app.ts';
import { createKeyring } from '../../platform/crypto/field-cipher.ts';
import { buildServer } from '../../server.ts';
import { login, type Client } from '../../../test/support/client.ts';
import type { TestApp } from '../../../test/support/harness.ts';
import { rotateFieldKeys } from '../registry/registry-keys.ts';
import { arrival, idNumber, outsidersWorld } from './outsiders.fixtures.ts';

type Ctx = Awaited<ReturnType<typeof outsidersWorld>>;

describe('outsiders: field key rotation covers arrivals', () => {
  let t: TestApp;
  let admin: Client;
  let w: Ctx['world'];
  let clock: Ctx['clock'];
  beforeAll(async () => { ({ t, admin, world: w, clock } = await outsidersWorld()); });
  afterAll(async () => { await t.close(); });

  it('re-encrypts arrival numbers under the new key; exact search still finds them', async () => {
    const idn = idNumber('310115', '19900101', '021');
    const passport = 'E12345678';
    expect((await admin.post('/api/outsiders/arrivals', arrival(w.hA, { name: '轮换甲', idType: 'id_card', idNumber: idn, phone: '13700001111' }))).status).toBe(201);
    expect((await admin.post('/api/outsiders/arrivals', arrival(w.hA, { name: '轮换乙', idType: 'passport', idNumber: passport }))).status).toBe(201);
    const keyring = createKeyring({ v1: t.ctx.cipher, v2: randomBytes(32).toString('hex') }, 'v2');
    const result = await rotateFieldKeys(t.ctx.database.db, clock, keyring, { batchSize: 1 });
    expect(result.tables.arrivals).toEqual({ rewritten: 2, remaining: 0 });
    const rows = await t.ctx.database.db.selectFrom('arrivals').select(['id_number_enc', 'phone_enc']).execute();
    expect(rows.flatMap((r) => [r.id_number_enc, r.phone_enc]).filter(Boolean).every((v) => v!.startsWith('v2.'))).toBe(true);

    const ctx = { ...t.ctx, cipher: keyring, services: createServices(t.ctx.database, clock, keyring, t.ctx.config, t.ctx.signer) };
    const app = await buildServer(ctx);
    await app.ready();
    try {
      const admin2 = await login(app);
      expect((await admin2.get(`/api/outsiders/arrivals?q=${idn}`)).body.items.map((a: { name: string }) => a.name)).toEqual(['轮换甲']);
      expect((await admin2.get('/api/outsiders/arrivals?q=13700001111')).body.items).toHaveLength(1);
      expect((await admin2.get(`/api/outsiders/arrivals?q=${passport}&idType=passport`)).body.items.map((a: { name: string }) => a.name)).toEqual(['轮换乙']);
    } finally {
      await app.close();
    }
  });
});
