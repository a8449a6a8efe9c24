import { login, loginAs, type Client, type Reply } from '../../../test/support/client.ts';
import { buildTree } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';
import { fixedClock } from '../../platform/clock.ts';

// Test data for the reports tests, made through the HTTP API like a user would. The clock starts at
// 2026-02-21 16:00 Shanghai (08:00Z): one hour before the usual 17:00 deadline.

export const START = '2026-02-21T08:00:00Z';
export const DAY = '2026-02-21';

/** The body of a reply with the expected status, or a failure that shows what came back. */
export function expectStatus<T = any>(r: Reply<T>, status: number, what: string): T {
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** The task force's daily form: close contacts, volunteer services, community help (seeds: 工作专班). */
export const FIELDS = [
  { key: 'close_contacts', labelZh: '密切接触者', labelEn: 'Close contacts', type: 'integer', required: true, summable: true },
  { key: 'volunteer_services', labelZh: '志愿服务人次', labelEn: 'Volunteer services', type: 'integer', required: true, summable: true },
  { key: 'help_given', labelZh: '社区帮扶', labelEn: 'Community help', type: 'integer', summable: true, max: 10000 },
  { key: 'anomaly', labelZh: '有异常情况', labelEn: 'Anything unusual', type: 'boolean', summable: true },
  { key: 'note', labelZh: '情况说明', labelEn: 'Notes', type: 'text' },
];

export function formInput(extra: Record<string, unknown> = {}) {
  return { name: '疫情防控日报', reporterLevels: ['community'], deadline: '17:00', activeFrom: '2026-02-01', fields: FIELDS, ...extra };
}

export function figures(close: number, services: number, help: number | null = 0, anomaly = false, note: string | null = null) {
  return { close_contacts: close, volunteer_services: services, help_given: help, anomaly, note };
}

/**
 * district 新城区 → 东街街道 (幸福社区 A, 光明社区 B) and 西街街道 (和平社区 C, 团结社区 D); a secretary account
 * in each community, a street account, a command account at the district, two units with a liaison each.
 */
export async function reportsFixture(opts: { clock?: ReturnType<typeof fixedClock> } = {}) {
  const clock = opts.clock ?? fixedClock(START);
  // Sessions last 30 days so the tests can move the clock across days without signing in again.
  const t: TestApp = await createTestApp({ clock, env: { FANGKONG_SESSION_HOURS: '720' } });
  const admin = await login(t.app);
  const tree = await buildTree(admin);
  const west = await tree.node(tree.district, 'street', '西街街道');
  const communityC = await tree.node(west, 'community', '和平社区');
  const communityD = await tree.node(west, 'community', '团结社区');
  const unit = async (name: string, nodeId: string) =>
    expectStatus(await admin.post('/api/org/units', { name, kind: 'government', nodeId }), 201, `unit ${name}`).id as string;
  const unitA = await unit('区卫健局', tree.district);
  const unitB = await unit('区教育局', tree.district);
  const as = (username: string, role: string, where: { nodeId?: string; unitId?: string }) => loginAs(admin, t.app, { username, role, ...where });
  const accounts = {
    command: await as('cmd', 'command', { nodeId: tree.district }),
    streetEast: await as('street_east', 'street', { nodeId: tree.street }),
    a: await as('sec_a', 'community_secretary', { nodeId: tree.communityA }),
    b: await as('sec_b', 'community_secretary', { nodeId: tree.communityB }),
    c: await as('sec_c', 'community_secretary', { nodeId: communityC }),
    liaisonA: await as('liaison_a', 'unit_liaison', { unitId: unitA }),
    liaisonB: await as('liaison_b', 'unit_liaison', { unitId: unitB }),
  };
  const createForm = async (client: Client, extra: Record<string, unknown> = {}) =>
    expectStatus(await client.post('/api/reports/forms', formInput(extra)), 201, 'create form') as { id: string; version: number };
  return {
    t, clock, admin, accounts, createForm,
    tree: { ...tree, west, communityC, communityD }, units: { unitA, unitB },
    audit: (action: string) => t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute(),
  };
}

export type ReportsFixture = Awaited<ReturnType<typeof reportsFixture>>;
