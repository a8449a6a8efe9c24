import type { AppContext, Services } from '../../app.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import type { TPersonInput } from '../people/people.schema.ts';
import { loadDemoOrganisation, staffDemoPosts, type DemoOrganisation } from './demo-org.loader.ts';
import { createRng, type Rng } from './random.ts';
import { buildDemoDistrict, pickHomeLocations, type DemoNode } from './synthetic-district.ts';
import { syntheticPerson } from './synthetic-people.ts';

export interface DemoOptions {
  communities: number;
  /** Synthetic people placed in the demo households (the workforce and, until the registry exists, residents). */
  residents: number;
  seed: number;
}

export interface DemoSummary {
  nodes: number;
  people: number;
  units: number;
  partyOrgs: number;
  areas: number;
  posts: number;
}

/**
 * Loads a synthetic but realistic district through the same services a user's import uses. Deterministic
 * for a seed; running it again with the same seed adds nothing to the tree or the people.
 */
export async function loadDemo(
  deps: Pick<AppContext, 'database' | 'clock' | 'services'>, actor: Actor, opts: DemoOptions,
): Promise<DemoSummary> {
  requirePermission(actor, 'tree.write');
  const { services } = deps;
  const db = deps.database.db;
  const today = shanghaiDay(deps.clock.now());
  const demo = buildDemoDistrict({ seed: opts.seed, communities: opts.communities, today });
  const rng = createRng(opts.seed);
  const ids = new Map<string, string>();
  let nodes = 0;
  await db.transaction().execute(async (trx) => {
    const walk = async (node: DemoNode, parentId: string | null) => {
      const { id, outcome } = await services.jurisdiction.importOne(actor, trx, { parentId, levelCode: node.level, name: node.name, code: node.code ?? null });
      ids.set(node.key, id);
      if (outcome === 'created') nodes++;
      for (const child of node.children) await walk(child, id);
    };
    await walk(demo.district, null);
  });
  const org = nodes > 0 ? await loadDemoOrganisation(services, actor, demo, ids, rng.fork('org')) : undefined;
  const members = new Map<string, string[]>();
  const people = await db.transaction().execute((trx) =>
    loadPeople(services, actor, trx, demo.district, ids, rng.fork('people'), opts.residents, today, org, members));
  if (org) await staffDemoPosts(services, actor, org.posts, members, rng.fork('posts'));
  return { nodes, people, ...(org?.counts ?? { units: 0, partyOrgs: 0, areas: 0, posts: 0 }) };
}

/** Household keys look like d.s1.c2.p1.b3.e1.h301 (or d.t1.v1.h12): the first three parts name the community. */
const communityKeyOf = (householdKey: string) => householdKey.split('.').slice(0, 3).join('.');

async function loadPeople(
  services: Services, actor: Actor, ex: Executor, district: DemoNode, ids: Map<string, string>, rng: Rng,
  count: number, today: string, org: DemoOrganisation | undefined, members: Map<string, string[]>,
): Promise<number> {
  const usedIdNumbers = new Set<string>();
  let made = 0;
  for (const homeKey of pickHomeLocations(district, rng, count)) {
    const p = syntheticPerson(rng, { regionCode: district.code ?? '150102', today, usedIdNumbers });
    const age = Number(today.slice(0, 4)) - Number(p.birthDate.slice(0, 4));
    const working = age >= 20 && age <= 60;
    const member = working && rng.chance(0.3);
    const unit = org && working && rng.chance(0.35) ? rng.pick(org.units) : undefined;
    const input: TPersonInput = {
      name: p.name, sex: p.sex, politicalStatus: member ? 'member' : working && rng.chance(0.05) ? 'activist' : 'non_member',
      category: unit ? rng.weightedPick([['cadre', 3], ['staff', 2]]) : working
        ? rng.weightedPick([['volunteer', 5], ['community_worker', 1], ['medic', 1], ['police', 0.3], ['other', 6]]) : 'other',
      unitId: unit?.id ?? null, branchId: unit && member && unit.branchIds.length ? rng.pick(unit.branchIds) : null,
      homeNodeId: ids.get(homeKey) ?? null, phone: p.phone, idNumber: p.idNumber,
      skills: working && rng.chance(0.3) ? [rng.pick(['驾驶', '医护', '心理疏导', '电脑操作', '外语', '水电维修', '摄影宣传'])] : [],
    };
    const { id, outcome } = await services.people.importOne(actor, input, ex);
    if (outcome === 'created') made++;
    if (member) {
      const key = communityKeyOf(homeKey);
      members.set(key, [...(members.get(key) ?? []), id]);
    }
  }
  return made;
}
