import type { AppContext, Services } from '../../app.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import type { TPersonInput } from '../people/people.schema.ts';
import type { TResidentInput } from '../registry/registry.schema.ts';
import { loadDemoOrganisation, staffDemoPosts, type DemoOrganisation } from './demo-org.loader.ts';
import { loadDemoActivity, type DemoActivitySummary } from './demo-activity.loader.ts';
import type { DemoResident, DemoWorker, DemoWorld } from './demo-world.ts';
import { createRng, type Rng } from './random.ts';
import { buildDemoDistrict, pickHomeLocations, type DemoNode } from './synthetic-district.ts';
import { syntheticPerson } from './synthetic-people.ts';

export interface DemoOptions {
  communities: number;
  /** Synthetic people placed in the demo households (the workforce and, until the registry exists, residents). */
  residents: number;
  seed: number;
  /**
   * Also the day's work in the district: a screening campaign, arrivals, a testing round with samples and
   * results, a staff declaration campaign (default true; false loads only places, people and organisation).
   */
  activity?: boolean;
}

export interface DemoSummary {
  nodes: number;
  people: number;
  residents: number;
  units: number;
  partyOrgs: number;
  areas: number;
  posts: number;
  activity?: DemoActivitySummary;
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
  const population = syntheticPopulation(demo.district, rng.fork('people'), opts.residents, today);
  const workforce: DemoWorker[] = [];
  const people = await db.transaction().execute((trx) =>
    loadPeople(services, actor, trx, population, ids, rng.fork('workforce'), org, members, workforce));
  if (org) await staffDemoPosts(services, actor, org.posts, members, rng.fork('posts'));
  const registered: DemoResident[] = [];
  const residents = await loadResidents(services, actor, population, ids, rng.fork('residents'), registered);
  const summary: DemoSummary = { nodes, people, residents, ...(org?.counts ?? { units: 0, partyOrgs: 0, areas: 0, posts: 0 }) };
  if (opts.activity !== false) {
    const world: DemoWorld = {
      deps, services, actor, seed: opts.seed, demo, ids, residents: registered, workforce, now: deps.clock.now(), today,
    };
    summary.activity = await loadDemoActivity(world);
  }
  return summary;
}

interface Inhabitant {
  homeKey: string;
  person: ReturnType<typeof syntheticPerson>;
  age: number;
}

/** Everyone living in the demo households, families placed together (the same people for a seed). */
function syntheticPopulation(district: DemoNode, rng: Rng, count: number, today: string): Inhabitant[] {
  const usedIdNumbers = new Set<string>();
  return pickHomeLocations(district, rng, count).map((homeKey) => {
    const person = syntheticPerson(rng, { regionCode: district.code ?? '150102', today, usedIdNumbers });
    return { homeKey, person, age: Number(today.slice(0, 4)) - Number(person.birthDate.slice(0, 4)) };
  });
}

/**
 * The household registry: every inhabitant registered in their household with a plausible relation to the first
 * one registered there (the head) and the special needs that go with age; each through the registry service.
 */
async function loadResidents(
  services: Services, actor: Actor, population: Inhabitant[], ids: Map<string, string>, rng: Rng, registered: DemoResident[],
): Promise<number> {
  const heads = new Map<string, Inhabitant>();
  let made = 0;
  for (const [i, one] of population.entries()) {
    const householdId = ids.get(one.homeKey);
    if (!householdId) continue;
    const head = heads.get(one.homeKey);
    if (!head) heads.set(one.homeKey, one);
    const gap = head ? head.age - one.age : 0;
    const relation = !head ? 'head' : Math.abs(gap) < 12 ? 'spouse' : gap >= 40 ? 'grandchild' : gap >= 16 ? 'child' : gap <= -16 ? 'parent' : 'other_relative';
    const needs: TResidentInput['needs'] = [];
    if (one.age < 3) needs.push({ kind: 'infant', note: '上门采样时需家长陪同' });
    if (one.age >= 80 && rng.chance(0.35)) needs.push({ kind: 'immobile', note: rng.pick(['行动不便，需上门服务', '卧床，需送药上门']) });
    if (one.age >= 60 && rng.chance(0.15)) needs.push({ kind: 'chronic_illness', note: rng.pick(['高血压，每周送降压药', '糖尿病，需胰岛素']) });
    if (!head && one.age >= 70 && rng.chance(0.3)) needs.push({ kind: 'lives_alone', note: '独居老人，每日电话问候' });
    const input: TResidentInput = {
      id: demoResidentId(i, one.person.idNumber), householdId, name: one.person.name, sex: one.person.sex,
      birthDate: one.person.birthDate, idType: 'id_card', idNumber: one.person.idNumber, phone: one.person.phone,
      relation, residenceType: rng.weightedPick([['permanent', 8], ['temporary', 1.5], ['outsider', 0.5]]), needs,
    };
    await services.registry.create(actor, input);
    registered.push({
      id: input.id!, homeKey: one.homeKey, householdId, name: one.person.name, idNumber: one.person.idNumber, age: one.age,
      needs: needs.map((n) => n.kind),
    });
    made++;
  }
  return made;
}

/** A stable client id per demo resident, so loading the same seed again registers nobody twice. */
function demoResidentId(index: number, idNumber: string): string {
  const digits = idNumber.replace(/\D/g, '').slice(-10);
  return `01DEM0${String(index).padStart(6, '0')}${digits.padStart(14, '0')}`.slice(0, 26);
}

/** Household keys look like d.s1.c2.p1.b3.e1.h301 (or d.t1.v1.h12): the first three parts name the community. */
const communityKeyOf = (householdKey: string) => householdKey.split('.').slice(0, 3).join('.');

async function loadPeople(
  services: Services, actor: Actor, ex: Executor, population: Inhabitant[], ids: Map<string, string>, rng: Rng,
  org: DemoOrganisation | undefined, members: Map<string, string[]>, workforce: DemoWorker[],
): Promise<number> {
  let made = 0;
  // The workforce is drawn from the working-age inhabitants and the younger retired who volunteer.
  for (const { homeKey, person: p, age } of population) {
    const working = age >= 20 && age <= 60;
    if (!working && !(age > 60 && age <= 70 && rng.chance(0.3))) continue;
    // The same draws happen whether or not the organisation was loaded in this run, so a re-run picks the same people.
    const member = rng.chance(0.3);
    const activist = rng.chance(0.05);
    const inUnit = working && rng.chance(0.35);
    const [unitDraw, branchDraw] = [rng.int(0, 9999), rng.int(0, 9999)];
    const workCategory = rng.weightedPick<TPersonInput['category']>([['volunteer', 5], ['community_worker', 1], ['medic', 1], ['police', 0.3], ['other', 3]]);
    const unitCategory = rng.weightedPick<TPersonInput['category']>([['cadre', 3], ['staff', 2]]);
    const unit = org && inUnit ? org.units[unitDraw % org.units.length] : undefined;
    const input: TPersonInput = {
      name: p.name, sex: p.sex, politicalStatus: member ? 'member' : activist ? 'activist' : 'non_member',
      category: unit ? unitCategory : working ? workCategory : 'volunteer',
      unitId: unit?.id ?? null, branchId: unit && member && unit.branchIds.length ? unit.branchIds[branchDraw % unit.branchIds.length] : null,
      homeNodeId: ids.get(homeKey) ?? null, phone: p.phone, idNumber: p.idNumber,
      skills: rng.pick([[], [], ['驾驶'], ['医护'], ['心理疏导'], [], ['电脑操作'], ['水电维修'], [], ['摄影宣传']]),
    };
    const { id, outcome } = await services.people.importOne(actor, input, ex);
    if (outcome === 'created') made++;
    workforce.push({ id, name: p.name, homeKey });
    if (member) {
      const key = communityKeyOf(homeKey);
      members.set(key, [...(members.get(key) ?? []), id]);
    }
  }
  return made;
}
