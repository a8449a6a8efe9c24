import type { Client, Reply } from '../../../test/support/client.ts';
import { buildTree, personInput } from '../../../test/support/factories.ts';

// Test data for the org tests, made through the HTTP API like a user would.

/** The body of a reply with the expected status, or a failure that shows what came back. */
export function expectStatus<T = any>(r: Reply<T>, status: number, what: string): T {
  if (r.status !== status) throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function orgFixture(admin: Client) {
  const tree = await buildTree(admin);
  const person = async (homeNodeId: string, name?: string) =>
    expectStatus(await admin.post('/api/people', personInput(homeNodeId, { category: 'cadre', ...(name ? { name } : {}) })), 201, 'person').id as string;
  const create = async (client: Client, url: string, body: unknown) => expectStatus(await client.post(url, body), 201, `POST ${url}`).id as string;
  return { tree, person, create };
}

/** A chain reduced to what the tests compare: kind, name and children. */
export interface Shape { kind: string; name: string; children: Shape[] }
export function shape(nodes: Array<{ kind: string; name: string; children: any[] }>): Shape[] {
  return nodes.map((n) => ({ kind: n.kind, name: n.name, children: shape(n.children) }));
}
