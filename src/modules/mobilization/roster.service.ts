import { notFound } from '../../platform/errors.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import type { MobilizationDeps } from './dispatch.views.ts';
import { ReachRepository } from './reach.repository.ts';
import { RosterRepository, type RosterFilter } from './roster.repository.ts';
import type { RosterEntry, RosterPlace, TRosterQuery } from './teams.schema.ts';

/** 亮身份: the members on the front line in a subtree, grouped by the place where they serve. */
export class RosterService {
  constructor(private readonly deps: MobilizationDeps) {}

  async roster(actor: Actor, query: TRosterQuery): Promise<RosterPlace[]> {
    const scope = requirePermission(actor, 'mobilization.read');
    const reach = new ReachRepository(this.deps.db);
    const filter: RosterFilter = {};
    if (scope.kind === 'unit') filter.unitId = scope.unitId;
    const nodeId = query.nodeId ?? (scope.kind === 'subtree' ? actor.nodeId : null);
    if (nodeId) {
      // A unit liaison looks at its people anywhere; place-bound accounts only inside their subtree.
      const node = scope.kind === 'unit' ? await reach.node(nodeId) : await reach.nodeInScope(nodeId, scope);
      if (!node) throw notFound('node');
      filter.nodePath = node.path;
    } else if (scope.kind === 'subtree') {
      filter.nodePath = scope.path;
    } else if (scope.kind === 'none') {
      return [];
    }
    const repo = new RosterRepository(this.deps.db);
    const [rows, pledges] = [await repo.rows(filter), await repo.pledgeCounts(filter)];
    const places = new Map<string, { nodeName: string; parentName: string | null; people: Map<string, RosterEntry> }>();
    for (const r of rows) {
      const place = places.get(r.nodeId) ?? { nodeName: r.nodeName, parentName: r.parentName, people: new Map<string, RosterEntry>() };
      places.set(r.nodeId, place);
      const entry = place.people.get(r.personId)
        ?? { personId: r.personId, name: r.name, unitName: r.unitName, roles: [], pledges: pledges.get(r.personId) ?? 0 };
      place.people.set(r.personId, entry);
      entry.roles.push({ kind: r.kind, id: r.id, name: r.roleName, role: r.role });
    }
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'zh-Hans-CN');
    return [...places].map(([nodeId, p]) => ({ nodeId, nodeName: p.nodeName, parentName: p.parentName, members: [...p.people.values()].sort(byName) }))
      .sort((a, b) => a.nodeName.localeCompare(b.nodeName, 'zh-Hans-CN'));
  }
}
