import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/harness.ts';
import { login, loginAs, type Client } from '../support/client.ts';
import { appWithTree, personInput, type Tree } from '../support/factories.ts';

describe('accounts and roles', () => {
  let t: TestApp;
  let admin: Client;
  let tree: Tree;
  beforeAll(async () => { ({ t, admin, tree } = await appWithTree()); });
  afterAll(async () => { await t.close(); });

  it('creates an account with a temporary password that must be changed', async () => {
    const res = await admin.post('/api/accounts', { username: 'street1', displayName: '东街街道', role: 'street', nodeId: tree.street });
    expect(res.status).toBe(201);
    expect(res.body.temporaryPassword).toMatch(/^[A-Za-z0-9]{14}$/);
    expect(res.body.account).toMatchObject({ role: 'street', nodeName: '东街街道', mustChangePassword: true });
    const street = await login(t.app, 'street1', res.body.temporaryPassword);
    expect((await street.get('/api/auth/me')).body.account.mustChangePassword).toBe(true);
  });

  it('validates the binding a role needs', async () => {
    const noNode = await admin.post('/api/accounts', { username: 'nonode', displayName: 'x', role: 'gate_guard' });
    expect(noNode.status).toBe(400);
    expect(noNode.body.error.details[0].path).toBe('nodeId');
    const noUnit = await admin.post('/api/accounts', { username: 'nounit', displayName: 'x', role: 'unit_liaison' });
    expect(noUnit.body.error.details[0].path).toBe('unitId');
    const badName = await admin.post('/api/accounts', { username: '张 三', displayName: 'x', role: 'admin' });
    expect(badName.status).toBe(400);
    const taken = await admin.post('/api/accounts', { username: 'admin', displayName: 'x', role: 'admin' });
    expect(taken.status).toBe(409);
  });

  it('lets a community secretary manage only lower roles inside the community', async () => {
    const sec = await loginAs(admin, t.app, { username: 'sec-acc', role: 'community_secretary', nodeId: tree.communityA });
    const guard = await sec.post('/api/accounts', { username: 'guard1', displayName: '门岗', role: 'gate_guard', nodeId: tree.compoundA });
    expect(guard.status).toBe(201);
    const escalate = await sec.post('/api/accounts', { username: 'boss', displayName: 'x', role: 'street', nodeId: tree.compoundA });
    expect(escalate.status).toBe(403);
    const outside = await sec.post('/api/accounts', { username: 'guard2', displayName: 'x', role: 'gate_guard', nodeId: tree.compoundB });
    expect(outside.status).toBe(404);
    const list = await sec.get('/api/accounts');
    const names = list.body.items.map((a: { username: string }) => a.username);
    expect(names).toEqual(expect.arrayContaining(['sec-acc', 'guard1']));
    expect(names).not.toContain('admin');
    expect(names).not.toContain('street1');
    const adminId = (await admin.get('/api/auth/me')).body.account.id;
    expect((await sec.get(`/api/accounts/${adminId}`)).status).toBe(404);
    expect((await sec.post(`/api/accounts/${adminId}/reset-password`)).status).toBe(404);
  });

  it('links an account to a person within reach (a guard checks in as that person)', async () => {
    const inA = (await admin.post('/api/people', personInput(tree.compoundA, { name: '门岗张师傅' }))).body.id;
    const inB = (await admin.post('/api/people', personInput(tree.compoundB, { name: '光明门岗' }))).body.id;
    const sec = await loginAs(admin, t.app, { username: 'sec-link', role: 'community_secretary', nodeId: tree.communityA });
    const guard = await sec.post('/api/accounts', { username: 'guard-link', displayName: '张师傅', role: 'gate_guard', nodeId: tree.compoundA, personId: inA });
    expect(guard.status).toBe(201);
    expect(guard.body.account).toMatchObject({ personId: inA, personName: '门岗张师傅' });
    const outside = await sec.patch(`/api/accounts/${guard.body.account.id}`, { personId: inB });
    expect(outside.status).toBe(404);
    expect(outside.body.error.details[0].path).toBe('personId');
    const cleared = await sec.patch(`/api/accounts/${guard.body.account.id}`, { personId: null });
    expect(cleared.body.personId).toBeNull();
  });

  it('disables an account and ends its sessions; refuses to disable oneself', async () => {
    const victim = await loginAs(admin, t.app, { username: 'vol1', role: 'volunteer', nodeId: tree.compoundA });
    const id = (await victim.get('/api/auth/me')).body.account.id;
    expect((await admin.patch(`/api/accounts/${id}`, { active: false })).body.active).toBe(false);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
    const selfId = (await admin.get('/api/auth/me')).body.account.id;
    expect((await admin.patch(`/api/accounts/${selfId}`, { active: false })).status).toBe(403);
  });

  it('resets a password and shows the audit log only to those allowed', async () => {
    const acc = (await admin.post('/api/accounts', { username: 'reset-me', displayName: 'x', role: 'volunteer', nodeId: tree.compoundA, password: 'Initial-pass-1' })).body.account;
    const reset = await admin.post(`/api/accounts/${acc.id}/reset-password`);
    expect(reset.body.temporaryPassword).toBeTruthy();
    await expect(login(t.app, 'reset-me', 'Initial-pass-1')).rejects.toThrow();
    const audit = await admin.get(`/api/audit?entityId=${acc.id}`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['account.reset_password', 'account.create']);
    const vol = await login(t.app, 'reset-me', reset.body.temporaryPassword);
    expect((await vol.get('/api/audit')).status).toBe(403);
    const sec = await loginAs(admin, t.app, { username: 'sec-b-audit', role: 'community_secretary', nodeId: tree.communityB });
    const scoped = await sec.get('/api/audit?limit=200');
    expect(scoped.body.items.every((a: { entityId: string }) => a.entityId !== acc.id)).toBe(true);
  });
});
