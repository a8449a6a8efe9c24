import { fixedClock } from '../../platform/clock.ts';
import { idNumberCheckDigit } from '../../platform/id-number.ts';
import { login, loginAs, type Client } from '../../../test/support/client.ts';
import { buildTree } from '../../../test/support/factories.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';

/** A valid 18-digit number for a region, birth date (YYYYMMDD) and 3-digit sequence (odd = male). */
export function idNumber(region: string, birth: string, seq: string): string {
  const first17 = `${region}${birth}${seq}`;
  return first17 + idNumberCheckDigit(first17);
}

/**
 * The small test tree plus households: community A (阳光花园) has 1号楼 with two entrances and 2号楼;
 * community B (电力小区) has one building with one household.
 */
export async function registryWorld() {
  const clock = fixedClock('2026-02-21T08:00:00Z');
  const t: TestApp = await createTestApp({ clock });
  const admin: Client = await login(t.app);
  const tree = await buildTree(admin);
  const { node } = tree;
  const a1 = await node(tree.compoundA, 'building', '1号楼');
  const a1e1 = await node(a1, 'entrance', '1单元');
  const a1e2 = await node(a1, 'entrance', '2单元');
  const h101 = await node(a1e1, 'household', '101室');
  const h102 = await node(a1e1, 'household', '102室');
  const h201 = await node(a1e2, 'household', '201室');
  const a2 = await node(tree.compoundA, 'building', '2号楼');
  const h2101 = await node(a2, 'household', '2101室');
  const b1 = await node(tree.compoundB, 'building', '5号楼');
  const hB = await node(b1, 'household', '501室');
  const world = { ...tree, a1, a1e1, a1e2, h101, h102, h201, a2, h2101, b1, hB };
  const as = (username: string, role: string, nodeId: string) => loginAs(admin, t.app, { username, role, nodeId });
  return { t, clock, admin, world, as };
}

export function resident(householdId: string, extra: Record<string, unknown> = {}) {
  return { householdId, name: '张三', idType: 'none', relation: 'head', residenceType: 'permanent', ...extra };
}
