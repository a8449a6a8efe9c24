import { newId } from '../../platform/ids.ts';
import { login, type Client } from '../../../test/support/client.ts';
import { registryWorld, resident } from '../registry/registry.fixtures.ts';

/**
 * The registry's test world (community A: 阳光花园 1号楼 with 101/102/201 and 2号楼 with 2101; community B: 电力小区
 * 5号楼 501) plus a village (桃园村) whose houses hang directly under it, and a few registered residents.
 * The fixed clock reads 2026-02-21 (Shanghai).
 */
export async function screeningWorld() {
  const base = await registryWorld();
  const { admin, world } = base;
  const village = await world.node(world.street, 'village', '桃园村');
  const v3 = await world.node(village, 'household', '3号');
  const v7 = await world.node(village, 'household', '7号');
  const add = async (householdId: string, name: string) => {
    const r = await admin.post('/api/registry/residents', resident(householdId, { name }));
    if (r.status !== 201) throw new Error(`resident ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const people = {
    wang: await add(world.h101, '王大爷'),
    li: await add(world.h101, '李阿姨'),
    zhao: await add(world.h102, '赵先生'),
    qian: await add(world.hB, '钱女士'),
  };
  return { ...base, world: { ...world, village, v3, v7 }, people };
}

export type ScreeningWorld = Awaited<ReturnType<typeof screeningWorld>>;

export function campaignInput(nodeId: string, extra: Record<string, unknown> = {}) {
  return { name: '第一轮入户排查', nodeId, startDate: '2026-02-20', endDate: '2026-02-25', ...extra };
}

export function visit(householdId: string, outcome: string, extra: Record<string, unknown> = {}) {
  return { id: newId(), householdId, outcome, ...extra };
}

/** An account of a role bound to a node, optionally linked to a person, signed in. */
export async function account(w: ScreeningWorld, username: string, role: string, nodeId: string, personId?: string): Promise<{ client: Client; id: string }> {
  const password = 'Passw0rd-test-1';
  const res = await w.admin.post('/api/accounts', { username, displayName: username, role, nodeId, password, ...(personId ? { personId } : {}) });
  if (res.status !== 201) throw new Error(`account ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return { client: await login(w.t.app, username, password), id: res.body.account.id as string };
}
