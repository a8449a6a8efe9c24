import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY, expectStatus, figures, reportsFixture, START, type ReportsFixture } from './reports.fixtures.ts';

// 催报: who has not reported, who was late, and one-click reminders that reach each reporter's accounts once.
describe('reports: chase list and reminders', () => {
  let f: ReportsFixture;
  let formId: string;
  const notifications = () => f.t.ctx.database.db.selectFrom('notifications').selectAll().orderBy('id').execute();

  beforeAll(async () => {
    f = await reportsFixture();
    formId = (await f.createForm(f.accounts.command, { unitMode: 'listed', unitIds: [f.units.unitA] })).id;
    f.clock.set('2026-02-21T08:30:00Z');
    expectStatus(await f.accounts.a.post('/api/reports/submissions', { formId, values: figures(1, 1) }), 201, 'A on time');
    f.clock.set('2026-02-21T09:30:00Z');
    expectStatus(await f.accounts.b.post('/api/reports/submissions', { formId, zero: true }), 201, 'B late zero');
  });
  afterAll(async () => {
    await f.t.close();
  });

  it('lists the missing reporters (places and units) and the late ones; a zero report counts as submitted', async () => {
    const chase = expectStatus(await f.accounts.command.get(`/api/reports/chase?formId=${formId}`), 200, 'chase');
    expect(chase).toMatchObject({ day: DAY, expected: 5, submitted: 2, missingCount: 3, lateCount: 1, zeroCount: 1, truncated: false,
      deadlineAt: '2026-02-21T09:00:00.000Z' });
    expect(chase.missing.map((m: { name: string; kind: string }) => `${m.kind}:${m.name}`).sort()).toEqual(['node:和平社区', 'node:团结社区', 'unit:区卫健局']);
    expect(chase.missing.find((m: { name: string }) => m.name === '和平社区').parentName).toBe('西街街道');
    expect(chase.late.map((m: { name: string }) => m.name)).toEqual(['光明社区']);
    // A street sees its own communities only.
    const east = expectStatus(await f.accounts.streetEast.get(`/api/reports/chase?formId=${formId}`), 200, 'east');
    expect(east).toMatchObject({ expected: 2, submitted: 2, missingCount: 0, missing: [] });
  });

  it('one click reminds each missing reporter once; a second click sends nothing again', async () => {
    const before = (await notifications()).length;
    const first = expectStatus(await f.accounts.command.post('/api/reports/chase/remind', { formId }), 200, 'remind');
    // 和平社区 has an account (sec_c); 团结社区 has none (one message to the place); 区卫健局 has liaison_a.
    expect(first).toEqual({ reminded: 3, alreadyReminded: 0, messages: 3 });
    const made = (await notifications()).slice(before);
    expect(made).toHaveLength(3);
    expect(made.filter((n) => n.recipient_account_id === null).map((n) => n.recipient_node_id)).toEqual([f.tree.communityD]);
    expect(made.every((n) => n.kind === 'report.reminder' && n.ref_id === formId && n.title.includes('疫情防控日报'))).toBe(true);

    const second = expectStatus(await f.accounts.command.post('/api/reports/chase/remind', { formId }), 200, 'remind again');
    expect(second).toEqual({ reminded: 0, alreadyReminded: 3, messages: 0 });
    const both = await Promise.all([
      f.accounts.command.post('/api/reports/chase/remind', { formId }), f.accounts.command.post('/api/reports/chase/remind', { formId }),
    ]);
    expect(both.map((r) => r.body.messages)).toEqual([0, 0]);
    expect(await notifications()).toHaveLength(before + 3);

    const audit = (await f.audit('report.remind')).filter((a) => a.entity_id === formId);
    expect(audit.length).toBeGreaterThanOrEqual(2);
    expect(JSON.parse(audit[0].details)).toMatchObject({ day: DAY, missing: 3, alreadyReminded: 0 });
    const listed = expectStatus(await f.accounts.command.get(`/api/reports/reminders?formId=${formId}`), 200, 'reminders');
    expect(listed.map((r: { reporterName: string; recipients: number }) => [r.reporterName, r.recipients]).sort())
      .toEqual([['区卫健局', 1], ['和平社区', 1], ['团结社区', 0]]);
    const chase = expectStatus(await f.accounts.command.get(`/api/reports/chase?formId=${formId}`), 200, 'chase');
    expect(chase.missing.every((m: { remindedAt: string | null }) => m.remindedAt !== null)).toBe(true);
  });

  it('the reminder shows in the recipient\'s notifications and can be marked read', async () => {
    const inbox = expectStatus(await f.accounts.c.get('/api/notifications'), 200, 'inbox C');
    expect(inbox.unread).toBe(1);
    expect(inbox.items).toHaveLength(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'report.reminder', refId: formId, readAt: null });
    expect(inbox.items[0].body).toContain('和平社区');
    // Nobody else reads it.
    expect((await f.accounts.a.get('/api/notifications')).body.items).toHaveLength(0);
    expect((await f.accounts.a.post(`/api/notifications/${inbox.items[0].id}/read`)).status).toBe(404);
    expect((await f.accounts.c.post(`/api/notifications/${inbox.items[0].id}/read`)).status).toBe(204);
    const after = expectStatus(await f.accounts.c.get('/api/notifications'), 200, 'inbox after');
    expect(after.unread).toBe(0);
    expect(after.items[0].readAt).not.toBeNull();
    expect((await f.accounts.liaisonA.get('/api/notifications?unread=1')).body.items).toHaveLength(1);
    expect((await f.accounts.liaisonA.post('/api/notifications/read-all')).body).toEqual({ marked: 1 });
  });

  it('after 16:00Z the chase list is for the next Shanghai day, where everyone is missing again', async () => {
    f.clock.set('2026-02-21T16:30:00Z');
    const chase = expectStatus(await f.accounts.command.get(`/api/reports/chase?formId=${formId}`), 200, 'next day');
    expect(chase).toMatchObject({ day: '2026-02-22', expected: 5, submitted: 0, missingCount: 5 });
    expect(chase.missing.every((m: { remindedAt: string | null }) => m.remindedAt === null)).toBe(true);
    const remind = expectStatus(await f.accounts.command.post('/api/reports/chase/remind', { formId, nodeId: f.tree.street }), 200, 'remind east');
    expect(remind).toEqual({ reminded: 2, alreadyReminded: 0, messages: 2 });
    expect((await f.accounts.a.get('/api/notifications')).body.items[0].title).toContain('2026-02-22');
    f.clock.set(START);
  });
});
