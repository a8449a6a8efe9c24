import type { App } from '../../platform/http/types.ts';
import { newId } from '../../platform/ids.ts';
import { login, type Client, type Reply } from '../../../test/support/client.ts';
import { buildTree, personInput } from '../../../test/support/factories.ts';

// Test data for the duty tests, made through the HTTP API like a user would.

/** The body of a reply with the expected status, or a failure that shows what came back. */
export function expectStatus<T = any>(r: Reply<T>, status: number, what: string): T {
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Three 8-hour shifts (the night one from midnight), one person each. */
export const THREE_SHIFTS = [
  { name: '早班', start: '08:00', end: '16:00', required: 1 },
  { name: '中班', start: '16:00', end: '24:00', required: 1 },
  { name: '夜班', start: '00:00', end: '08:00', required: 1, night: true },
];

/** Day 08:00–20:00 and a night shift crossing midnight, 20:00–08:00. */
export const DAY_NIGHT = [
  { name: '白班', start: '08:00', end: '20:00', required: 1 },
  { name: '夜班', start: '20:00', end: '08:00', required: 1, night: true },
];

export async function dutyFixture(app: App) {
  const admin = await login(app);
  const tree = await buildTree(admin);
  const person = async (homeNodeId: string, name: string, extra: Record<string, unknown> = {}) =>
    expectStatus(await admin.post('/api/people', personInput(homeNodeId, { name, ...extra })), 201, `person ${name}`).id as string;
  const post = async (body: Record<string, unknown>, client: Client = admin) =>
    expectStatus(await client.post('/api/duty/posts', { kind: 'gate', ...body }), 201, `post ${String(body.name)}`);
  /** An account linked to a person (accounts.person_id), signed in. */
  const accountFor = async (personId: string, username: string, nodeId: string, role = 'gate_guard') => {
    const password = 'Passw0rd-test-1';
    expectStatus(await admin.post('/api/accounts', { username, displayName: username, password, role, nodeId, personId }), 201, `account ${username}`);
    return login(app, username, password);
  };
  const roster = async (query: string, client: Client = admin) => expectStatus(await client.get(`/api/duty/roster?${query}`), 200, 'roster');
  /** The shift of a post on a day by name, from the roster. */
  const shiftOf = async (postId: string, weekStart: string, day: string, name: string) => {
    const view = await roster(`weekStart=${weekStart}&postId=${postId}`);
    const shift = view.posts[0].shifts.find((s: { day: string; name: string }) => s.day === day && s.name === name);
    if (!shift) throw new Error(`no shift ${name} on ${day}`);
    return shift as { id: string; startsAt: string; endsAt: string; missing: number; assignments: Array<{ id: string; personId: string }> };
  };
  const assign = async (shiftId: string, personId: string, client: Client = admin) =>
    client.post('/api/duty/assignments', { id: newId(), shiftId, personId });
  return { admin, tree, person, post, accountFor, roster, shiftOf, assign };
}

export type DutyFixture = Awaited<ReturnType<typeof dutyFixture>>;
