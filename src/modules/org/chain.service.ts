import { requirePermission, type Actor } from '../../platform/policy.ts';
import { ChainRepository, type ChainAreaRow, type ChainMemberRow, type ChainOrgRow, type ChainPostRow } from './chain.repository.ts';
import { OrgRefs } from './org.scope.ts';
import type { ChainNode, PartyOrgKind, TChainQuery } from './org.schema.ts';
import type { OrgDeps } from './units.service.ts';

/** 五级联防联控: party group → branch → responsibility area → vanguard post → member, as one tree. */
export class ChainService {
  constructor(private readonly deps: OrgDeps) {}

  async get(actor: Actor, query: TChainQuery): Promise<ChainNode[]> {
    const scope = requirePermission(actor, 'org.read');
    const repo = new ChainRepository(this.deps.db);
    let nodePath: string | undefined;
    if (query.nodeId) {
      nodePath = await new OrgRefs(this.deps.db).nodePath(query.nodeId);
      if (!nodePath) return [];
    }
    const orgs = await repo.orgs(scope, { unitId: query.unitId, nodePath });
    const areas = await repo.areas(orgs.map((o) => o.id), scope);
    const posts = await repo.posts(areas.map((a) => a.id), scope);
    const members = await repo.members(posts.map((p) => p.id));
    return buildChain(orgs, areas, posts, members);
  }
}

/** Assembles the tree in memory; orgs whose parent is not in the set become roots. Siblings by name. */
export function buildChain(orgs: ChainOrgRow[], areas: ChainAreaRow[], posts: ChainPostRow[], members: ChainMemberRow[]): ChainNode[] {
  // Sub-organisations before areas; then by name. Members keep their leader-first order.
  const rank = (n: ChainNode) => (n.kind === 'area' ? 1 : n.kind === 'post' ? 2 : 0);
  const order = (a: ChainNode, b: ChainNode) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh-CN') || a.id.localeCompare(b.id);
  const orgNodes = new Map(orgs.map((o) => [o.id, node(o.kind as PartyOrgKind, o.id, o.name, orgDetail(o))]));
  const areaNodes = new Map(areas.map((a) => [a.id, node('area', a.id, a.name, join([a.node_name, a.leader_name]))]));
  const postNodes = new Map(posts.map((p) => [p.id, node('post', p.id, p.name, join([p.node_name, p.duty]))]));

  const memberOrder = [...members].sort((a, b) => a.role.localeCompare(b.role) || a.name.localeCompare(b.name, 'zh-CN'));
  for (const m of memberOrder) {
    postNodes.get(m.post_id)?.children.push({
      key: `member:${m.post_id}:${m.person_id}`, kind: 'member', id: m.person_id, name: m.name, detail: m.role, children: [],
    });
  }
  for (const p of posts) areaNodes.get(p.area_id)?.children.push(postNodes.get(p.id)!);
  for (const a of areas) orgNodes.get(a.branch_id)?.children.push(areaNodes.get(a.id)!);

  const roots: ChainNode[] = [];
  for (const o of orgs) {
    const parent = o.parent_id ? orgNodes.get(o.parent_id) : undefined;
    (parent ? parent.children : roots).push(orgNodes.get(o.id)!);
  }
  const sortDeep = (list: ChainNode[]) => {
    if (list.length > 0 && list[0].kind !== 'member') list.sort(order);
    for (const n of list) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

function node(kind: ChainNode['kind'], id: string, name: string, detail: string | undefined): ChainNode {
  return { key: `${kind}:${id}`, kind, id, name, ...(detail ? { detail } : {}), children: [] };
}

function orgDetail(o: ChainOrgRow): string | undefined {
  const dates = o.starts_on ? `${o.starts_on}~${o.ends_on ?? ''}` : null;
  return join([o.unit_name, o.place_name ?? o.node_name, dates]);
}

function join(parts: Array<string | null | undefined>): string | undefined {
  const kept = parts.filter((p): p is string => !!p);
  return kept.length > 0 ? kept.join(' · ') : undefined;
}
