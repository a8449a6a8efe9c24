import { login, type Client } from './client.ts';
import { createTestApp, type TestApp } from './harness.ts';

/** Builds a small tree through the API: district → street → two communities (A, B), each with a compound. */
export async function buildTree(admin: Client) {
  const node = async (parentId: string | null, levelCode: string, name: string) => {
    const r = await admin.post('/api/jurisdiction/nodes', { parentId, levelCode, name });
    if (r.status !== 201) throw new Error(`create ${name}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.id as string;
  };
  const district = await node(null, 'district', '新城区');
  const street = await node(district, 'street', '东街街道');
  const communityA = await node(street, 'community', '幸福社区');
  const communityB = await node(street, 'community', '光明社区');
  const compoundA = await node(communityA, 'compound', '阳光花园');
  const compoundB = await node(communityB, 'compound', '电力小区');
  return { district, street, communityA, communityB, compoundA, compoundB, node };
}

let personSeq = 0;

export function personInput(homeNodeId: string, extra: Record<string, unknown> = {}) {
  personSeq++;
  return { name: `测试人员${personSeq}`, politicalStatus: 'member', category: 'volunteer', homeNodeId, ...extra };
}

export type Tree = Awaited<ReturnType<typeof buildTree>>;

/** A fresh app with the small tree and a signed-in administrator: the usual start of an HTTP test file. */
export async function appWithTree(): Promise<{ t: TestApp; admin: Client; tree: Tree }> {
  const t = await createTestApp();
  const admin = await login(t.app);
  return { t, admin, tree: await buildTree(admin) };
}
