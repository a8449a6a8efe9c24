import { login, loginAs, type Client, type Reply } from '../../../test/support/client.ts';
import { buildTree } from '../../../test/support/factories.ts';
import { createTestApp } from '../../../test/support/harness.ts';
import { fixedClock } from '../../platform/clock.ts';

// Test data for the mobilisation tests, made through the HTTP API like a user would.

/** The body of a reply with the expected status, or a failure that shows what came back. */
export function expectStatus<T = any>(r: Reply<T>, status: number, what: string): T {
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** 2026-02-21 16:00 in Shanghai. */
export const NOW = '2026-02-21T08:00:00Z';
export const TODAY = '2026-02-21';

/**
 * The small tree (district → street → communities A and B, each with a compound), two units located at the
 * district (so neither community's accounts reach them), their people, and a secretary per community.
 */
export async function mobilizationFixture() {
  const clock = fixedClock(NOW);
  const t = await createTestApp({ clock });
  const admin = await login(t.app);
  const tree = await buildTree(admin);
  const create = async (client: Client, url: string, body: unknown) => expectStatus(await client.post(url, body), 201, `POST ${url}`).id as string;
  const unit1 = await create(admin, '/api/org/units', { name: '区卫健局', kind: 'government', nodeId: tree.district });
  const unit2 = await create(admin, '/api/org/units', { name: '区交通局', kind: 'government', nodeId: tree.district });
  const person = (name: string, unitId: string | null, phone: string, homeNodeId: string, politicalStatus = 'member') =>
    create(admin, '/api/people', { name, politicalStatus, category: 'cadre', unitId, phone, homeNodeId });
  const people = {
    wang: await person('王建华', unit1, '13800000001', tree.compoundB),
    li: await person('李秀英', unit1, '13800000002', tree.compoundB),
    zhao: await person('赵强', unit1, '13800000003', tree.compoundB, 'non_member'),
    chen: await person('陈明', unit2, '13800000004', tree.compoundB),
    resident: await person('周丽', null, '13800000005', tree.compoundA),
  };
  const secA = await loginAs(admin, t.app, { username: 'sec_a', role: 'community_secretary', nodeId: tree.communityA });
  const secB = await loginAs(admin, t.app, { username: 'sec_b', role: 'community_secretary', nodeId: tree.communityB });
  const liaison1 = await loginAs(admin, t.app, { username: 'liaison1', role: 'unit_liaison', unitId: unit1 });
  const liaison2 = await loginAs(admin, t.app, { username: 'liaison2', role: 'unit_liaison', unitId: unit2 });
  /** An anonymous request from an address (public pages), in English so messages are stable. */
  const anon = async (method: 'GET' | 'POST', url: string, payload?: unknown, ip = '10.0.0.1') => {
    const res = await t.app.inject({ method, url, remoteAddress: ip, headers: { 'x-lang': 'en' }, ...(payload ? { payload: payload as object } : {}) });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined } as Reply;
  };
  const auditOf = async (entityId: string) =>
    t.ctx.database.db.selectFrom('audit_log').select(['action', 'actor_name', 'details', 'scope_path']).where('entity_id', '=', entityId).orderBy('id').execute();
  return { t, clock, admin, tree, unit1, unit2, people, secA, secB, liaison1, liaison2, create, anon, auditOf };
}

export type MobilizationFixture = Awaited<ReturnType<typeof mobilizationFixture>>;
