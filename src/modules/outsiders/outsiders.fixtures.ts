import { fixedClock } from '../../platform/clock.ts';
import { login, loginAs, type Client } from '../../../test/support/client.ts';
import { buildTree } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';

export { idNumber } from '../registry/registry.fixtures.ts';

/**
 * The small test tree with one household in each community, on 2022-07-10 10:00 Shanghai (the 9th-edition plan,
 * seeded by the migration, has been in force since 2022-06-28).
 */
export async function outsidersWorld() {
  const clock = fixedClock('2022-07-10T02:00:00Z');
  const t: TestApp = await createTestApp({ clock });
  const admin: Client = await login(t.app);
  const tree = await buildTree(admin);
  const { node } = tree;
  const a1 = await node(tree.compoundA, 'building', '1号楼');
  const hA = await node(a1, 'household', '101室');
  const hA2 = await node(a1, 'household', '102室');
  const b1 = await node(tree.compoundB, 'building', '5号楼');
  const hB = await node(b1, 'household', '501室');
  const world = { ...tree, a1, hA, hA2, b1, hB };
  const as = (username: string, role: string, nodeId: string) => loginAs(admin, t.app, { username, role, nodeId });
  return { t, clock, admin, world, as };
}

export function arrival(stayNodeId: string, extra: Record<string, unknown> = {}) {
  return {
    name: '赵六', idType: 'none', fromRegion: '上海市浦东新区', riskLevel: 'low', arrivalDate: '2022-07-10',
    stayNodeId, registeredVia: 'community', ...extra,
  };
}
