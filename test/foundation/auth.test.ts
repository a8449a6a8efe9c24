import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, createTestApp, type TestApp } from '../support/harness.ts';
import { login } from '../support/client.ts';

describe('auth: sessions, CSRF, throttling, password change', () => {
  let t: TestApp;
  beforeAll(async () => { t = await createTestApp({ env: { FANGKONG_LOGIN_MAX_FAILURES: '3' } }); });
  afterAll(async () => { await t.close(); });

  it('signs in with an httpOnly SameSite cookie and answers /me', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const client = await login(t.app);
    const me = await client.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.account).toMatchObject({ username: 'admin', role: 'admin' });
    expect(me.body.account.permissions).toContain('accounts.manage');
    const rows = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'auth.login').execute();
    expect(rows.length).toBeGreaterThan(0);
  });

  it('stores only a hash of the session token', async () => {
    const client = await login(t.app);
    const token = client.cookie.split('=')[1];
    const found = await t.ctx.database.db.selectFrom('sessions').select('id').where('id', '=', token).executeTakeFirst();
    expect(found).toBeUndefined();
  });

  it('refuses requests without a session and writes without the CSRF token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const client = await login(t.app);
    const res = await t.app.inject({
      method: 'POST', url: '/api/jurisdiction/nodes', headers: { cookie: client.cookie },
      payload: { parentId: null, levelCode: 'district', name: 'X区' },
    });
    expect(res.statusCode).toBe(403);
    expect(JSON.parse(res.body).error.code).toBe('CSRF');
    const wrong = await client.raw({ method: 'POST', url: '/api/jurisdiction/nodes', headers: { 'x-csrf-token': 'nope' }, payload: { parentId: null, levelCode: 'district', name: 'X区' } });
    expect(wrong.status).toBe(403);
  });

  it('answers a wrong password and an unknown user alike', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'wrong-password-1' }, remoteAddress: '10.0.0.1' });
    const b = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'nobody', password: 'wrong-password-1' }, remoteAddress: '10.0.0.1' });
    expect(a.statusCode).toBe(401);
    expect(b.statusCode).toBe(401);
    expect(JSON.parse(a.body).error.code).toBe('BAD_CREDENTIALS');
    expect(JSON.parse(b.body).error.code).toBe('BAD_CREDENTIALS');
  });

  it('locks a user name after repeated failures, even with the right password', async () => {
    await t.ctx.services.accounts.ensureAdmin((await import('../../src/platform/policy.ts')).SYSTEM_ACTOR, 'victim', 'Victim-pass-123', false);
    for (let i = 0; i < 3; i++) {
      const r = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: 'bad-pass-000' }, remoteAddress: `10.0.1.${i}` });
      expect(r.statusCode).toBe(401);
    }
    const locked = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'victim', password: 'Victim-pass-123' }, remoteAddress: '10.0.2.1' });
    expect(locked.statusCode).toBe(429);
    expect(JSON.parse(locked.body).error.code).toBe('LOGIN_THROTTLED');
  });

  it('logs out', async () => {
    const client = await login(t.app);
    expect((await client.post('/api/auth/logout')).status).toBe(204);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('changes the password: rejects weak ones, ends other sessions, keeps this one', async () => {
    const { SYSTEM_ACTOR } = await import('../../src/platform/policy.ts');
    await t.ctx.services.accounts.ensureAdmin(SYSTEM_ACTOR, 'changer', 'Changer-pass-1', true);
    const first = await login(t.app, 'changer', 'Changer-pass-1');
    const second = await login(t.app, 'changer', 'Changer-pass-1');
    expect((await first.get('/api/auth/me')).body.account.mustChangePassword).toBe(true);
    const weak = await first.post('/api/auth/password', { currentPassword: 'Changer-pass-1', newPassword: 'short' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.details[0].path).toBe('newPassword');
    const wrong = await first.post('/api/auth/password', { currentPassword: 'nope-nope-1', newPassword: 'Changed-pass-22' });
    expect(wrong.status).toBe(401);
    const ok = await first.post('/api/auth/password', { currentPassword: 'Changer-pass-1', newPassword: 'Changed-pass-22' });
    expect(ok.status).toBe(204);
    expect((await first.get('/api/auth/me')).body.account.mustChangePassword).toBe(false);
    expect((await second.get('/api/auth/me')).status).toBe(401);
    await expect(login(t.app, 'changer', 'Changer-pass-1')).rejects.toThrow();
    await login(t.app, 'changer', 'Changed-pass-22');
  });

  it('serves health and the OpenAPI document', async () => {
    const health = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
    expect(JSON.parse(health.body).status).toBe('ok');
    const doc = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).body);
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/jurisdiction/nodes', '/api/people', '/api/accounts']));
    expect((await t.app.inject({ method: 'GET', url: '/api/docs/' })).statusCode).toBe(200);
  });
});
