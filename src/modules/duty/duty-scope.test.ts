import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, type Client } from '../../../test/support/client.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';
import { fixedClock } from '../../platform/clock.ts';
import { newId } from '../../platform/ids.ts';
import { dutyFixture, expectStatus, THREE_SHIFTS, type DutyFixture } from './duty.fixtures.ts';

const WEEK = '2026-02-16';

// Reach: community A's accounts get nothing of community B, neither reads nor writes (404, never data).
describe('duty: scope', () => {
  let t: TestApp;
  let f: DutyFixture;
  let secA: Client;
  let guardA: Client;
  let postA: { id: string; token: string };
  let postB: { id: string; token: string };
  let personB: string;
  let shiftB: { id: string };
  let assignmentB: string;
  beforeAll(async () => {
    t = await createTestApp({ clock: fixedClock('2026-02-21T08:00:00Z') });
    f = await dutyFixture(t.app);
    const personA = await f.person(f.tree.compoundA, '幸福甲');
    personB = await f.person(f.tree.compoundB, '光明乙');
    postA = await f.post({ name: '阳光花园卡口', nodeId: f.tree.compoundA, shifts: THREE_SHIFTS, leadPersonIds: [personA] });
    postB = await f.post({ name: '电力小区卡口', nodeId: f.tree.compoundB, shifts: THREE_SHIFTS, leadPersonIds: [personB] });
    for (const post of [postA, postB]) expectStatus(await f.admin.post('/api/duty/roster/generate', { weekStart: WEEK, postId: post.id }), 200, 'gen');
    shiftB = await f.shiftOf(postB.id, WEEK, '2026-02-21', '中班');
    assignmentB = expectStatus(await f.assign(shiftB.id, personB), 201, 'assign B').id;
    secA = await loginAs(f.admin, t.app, { username: 'sec-a-duty', role: 'community_secretary', nodeId: f.tree.communityA });
    guardA = await loginAs(f.admin, t.app, { username: 'guard-a-duty', role: 'gate_guard', nodeId: f.tree.communityA });
  });
  afterAll(async () => { await t.close(); });

  it('reads nothing of another community', async () => {
    const posts = expectStatus(await secA.get('/api/duty/posts'), 200, 'posts');
    expect(posts.map((p: { id: string }) => p.id)).toEqual([postA.id]);
    expect(posts[0].token).toBe(postA.token);
    for (const url of [
      `/api/duty/posts/${postB.id}`, `/api/duty/roster?weekStart=${WEEK}&postId=${postB.id}`, `/api/duty/availability/${personB}`,
    ]) expect((await secA.get(url)).status, url).toBe(404);
    const byNode = expectStatus(await secA.get(`/api/duty/roster?weekStart=${WEEK}&nodeId=${f.tree.communityB}`), 200, 'roster B node');
    expect(byNode.posts).toEqual([]);
    expect(expectStatus(await secA.get(`/api/duty/alerts?nodeId=${f.tree.communityB}`), 200, 'alerts').alerts).toEqual([]);
    const ownAlerts = expectStatus(await secA.get('/api/duty/alerts'), 200, 'own alerts');
    expect(ownAlerts.alerts.every((a: { postId: string }) => a.postId === postA.id)).toBe(true);
    expect(ownAlerts.alerts.length).toBeGreaterThan(0);
    expect(expectStatus(await secA.get('/api/duty/successions'), 200, 'succ')).toEqual([]);
    expect(expectStatus(await secA.get('/api/duty/unavailability'), 200, 'unav')).toEqual([]);
    expect(expectStatus(await secA.get('/api/duty/swaps'), 200, 'swaps')).toEqual([]);
    expect(expectStatus(await secA.get('/api/duty/hours?from=2026-02-16&to=2026-02-22'), 200, 'hours').people).toEqual([]);
    const guardPosts = expectStatus(await guardA.get('/api/duty/posts'), 200, 'guard posts');
    expect(guardPosts.map((p: { token: string | null }) => p.token)).toEqual([null]);
  });

  it('changes nothing of another community: every write answers 404', async () => {
    // One at a time: each write is a thunk called in turn.
    const writes: Array<[string, () => Promise<{ status: number; body: any }>]> = [
      ['patch post', () => secA.patch(`/api/duty/posts/${postB.id}`, { name: 'x' })],
      ['delete post', () => secA.del(`/api/duty/posts/${postB.id}`)],
      ['leads', () => secA.put(`/api/duty/posts/${postB.id}/leads`, { personIds: [] })],
      ['token', () => secA.post(`/api/duty/posts/${postB.id}/token`)],
      ['create at B', () => secA.post('/api/duty/posts', { name: 'x', kind: 'gate', nodeId: f.tree.compoundB })],
      ['generate', () => secA.post('/api/duty/roster/generate', { weekStart: WEEK, postId: postB.id })],
      ['auto-fill', () => secA.post('/api/duty/roster/auto-fill', { weekStart: WEEK, postId: postB.id })],
      ['assign', () => secA.post('/api/duty/assignments', { shiftId: shiftB.id, personId: personB })],
      ['unassign', () => secA.del(`/api/duty/assignments/${assignmentB}`)],
      ['swap', () => secA.post('/api/duty/swaps', { assignmentId: assignmentB, toPersonId: personB })],
      ['unavailability', () => secA.post('/api/duty/unavailability', { personId: personB, from: '2026-02-22', to: '2026-02-23', reason: 'sick' })],
      ['availability', () => secA.put(`/api/duty/availability/${personB}`, { windows: [] })],
      ['check-in', () => secA.post('/api/duty/checkins', { id: newId(), kind: 'in', shiftId: shiftB.id, personId: personB })],
      ['note', () => secA.put('/api/duty/notes', { personId: personB, content: '代写' })],
    ];
    for (const [what, call] of writes) expect((await call()).status, what).toBe(404);
    const createAtB = await secA.post('/api/duty/posts', { name: 'x', kind: 'gate', nodeId: f.tree.compoundB });
    expect(createAtB.body.error.details[0].path).toBe('nodeId');
    const still = await f.shiftOf(postB.id, WEEK, '2026-02-21', '中班');
    expect(still.assignments.map((a) => a.id)).toEqual([assignmentB]);
    expect((await guardA.post('/api/duty/posts', { name: 'x', kind: 'gate', nodeId: f.tree.compoundA })).status).toBe(403);
  });
});
