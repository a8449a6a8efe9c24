import { shanghaiDay } from '../../platform/clock.ts';
import { DeskInput, RoundInput, SiteInput, SlotInput, StaffInput, type SiteView, type StaffRole } from '../nat/nat.schema.ts';
import { runDemoNatResults } from './demo-nat-results.ts';
import { calledCount, runDemoSampling, slotMinutes, type DemoSite } from './demo-nat-sampling.ts';
import { listDemoNodes, type DemoNode } from './synthetic-district.ts';
import { demoId, minutesFrom, type DemoWorld } from './demo-world.ts';

// The street's third mass testing round (第三轮全员核酸检测), caught in the middle of its sampling: the roster built
// from the registry, two sampling sites (the second with its own pool size) with desks — one of them for single
// tubes — staff in two shifts, the compounds each site serves and a batch slot per building, the first buildings'
// personal codes printed. Sampling, bags, lab results and home visits follow in the files next to this one.

interface SiteSpec {
  key: 'A' | 'B';
  address: string;
  opensAt: string;
  closesAt: string;
  poolSize: number | null;
  desks: Array<{ name: string; kind: 'pooled' | 'single' }>;
}

const SITES: SiteSpec[] = [
  { key: 'A', address: '小区东门广场', opensAt: '07:00', closesAt: '21:00', poolSize: null, desks: [
    { name: '1号采样台', kind: 'pooled' }, { name: '2号采样台', kind: 'pooled' }, { name: '3号单采台（重点人员）', kind: 'single' },
  ] },
  { key: 'B', address: '小区北门停车场', opensAt: '07:30', closesAt: '20:00', poolSize: 5, desks: [
    { name: '1号采样台', kind: 'pooled' }, { name: '2号采样台', kind: 'pooled' },
  ] },
];

export interface DemoNatResult {
  sampled: number;
  required: number;
}

export async function loadDemoNat(world: DemoWorld, opts: { keepUnsampled: Set<string> }): Promise<DemoNatResult> {
  const { services, actor, seed, now } = world;
  const plan = services.natPlan;
  const street = world.demo.district.children.find((c) => c.level === 'street');
  const streetId = street && world.ids.get(street.key);
  const compounds = street ? listDemoNodes(street, 'compound').filter((c) => world.ids.has(c.key)) : [];
  if (!street || !streetId || compounds.length === 0) return { sampled: 0, required: 0 };

  const roundId = demoId(seed, 'nat.round');
  const round = await plan.createRound(actor, RoundInput.parse({
    id: roundId, nodeId: streetId, name: '第三轮全员核酸检测', number: 3,
    // A round of a few days that began a day or two ago: every sample of the last hours lies inside it, and a round
    // made "today" (say, by a test on top of the demo) is the newer one in the lists.
    startsOn: shanghaiDay(minutesFrom(now, -36 * 60)), endsOn: shanghaiDay(minutesFrom(now, 24 * 60)),
  }));
  if (!round.rosterBuiltAt) await plan.buildRoster(actor, roundId);
  if (round.status === 'planned') await plan.updateRound(actor, roundId, { status: 'open' });

  // Two shifts a day at every desk; the lab's positive result later lists whoever worked the desk at the time.
  const firstShift = minutesFrom(new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000), -6 * 60);
  const shifts = [[firstShift, minutesFrom(firstShift, 4 * 60)], [minutesFrom(firstShift, 4 * 60), minutesFrom(firstShift, 10 * 60)]] as const;
  const workers = world.workforce.filter((w) => w.homeKey.startsWith(`${street.key}.`));
  let nextWorker = 0;
  const worker = () => workers[nextWorker++ % Math.max(workers.length, 1)];

  const half = Math.ceil(compounds.length / 2);
  const groups = [compounds.slice(0, half), compounds.slice(half)].filter((g) => g.length > 0);
  const sites: DemoSite[] = [];
  for (const [g, group] of groups.entries()) {
    const spec = SITES[g]!;
    const place = group[0]!;
    let site: SiteView = await plan.sites.create(actor, roundId, SiteInput.parse({
      id: demoId(seed, `nat.site.${spec.key}`), name: `${place.name}核酸采样点`, nodeId: world.ids.get(place.key)!,
      address: `${place.name}${spec.address}`, opensAt: spec.opensAt, closesAt: spec.closesAt, poolSize: spec.poolSize,
    }));
    const desks = [];
    for (const [d, desk] of spec.desks.entries()) {
      desks.push(await plan.sites.addDesk(actor, site.id, DeskInput.parse({ id: demoId(seed, `nat.desk.${spec.key}.${d}`), ...desk })));
    }
    if (site.areas.length === 0) site = await plan.sites.setAreas(actor, site.id, { nodeIds: group.map((c) => world.ids.get(c.key)!) });
    // Staff rows have no client id: they are added with the site, once.
    if (site.staff.length === 0 && workers.length > 0) {
      const add = (role: StaffRole, deskId: string | null, span: readonly [Date, Date] | null) =>
        plan.sites.addStaff(actor, site.id, StaffInput.parse({
          personId: worker()!.id, role, deskId, fromAt: span?.[0].toISOString() ?? null, toAt: span?.[1].toISOString() ?? null,
        }));
      await add('site_lead', null, null);
      await add('guide', null, shifts[0]);
      for (const desk of desks) {
        for (const span of shifts) {
          await add('sampler', desk.id, span);
          await add('registrar', desk.id, span);
        }
      }
    }
    const buildings = group.flatMap((c) => c.children.filter((b) => b.level === 'building' && world.ids.has(b.key)));
    const slots = await scheduleSlots(world, site.id, spec.key, buildings);
    sites.push({ key: spec.key, id: site.id, capacity: spec.poolSize ?? round.poolSize, desks, buildings, slots });
  }

  // Personal codes printed for the first two buildings of the first site (residents without phones use them).
  const tokens = new Map<string, string>();
  for (const building of sites[0]!.buildings.slice(0, 2)) {
    const sheet = await plan.codes.sheet(actor, world.ids.get(building.key)!);
    for (const e of sheet.entries) tokens.set(e.residentId, e.token);
  }

  const tubes = await runDemoSampling(world, { roundId, sites, tokens, keepUnsampled: opts.keepUnsampled });
  await runDemoNatResults(world, { roundId, sites, tubes });
  const roster = await plan.roster(actor, roundId);
  return { sampled: roster.sampled, required: roster.required };
}

/**
 * One batch slot per building, back to back in door order: about two thirds have been called already, one is
 * being called now, the rest are later today. Returns each slot's start.
 */
async function scheduleSlots(world: DemoWorld, siteId: string, key: string, buildings: DemoNode[]): Promise<Date[]> {
  const called = calledCount(buildings.length);
  const length = slotMinutes(called);
  const tenMinutes = 10 * 60_000;
  const base = minutesFrom(new Date(Math.floor(world.now.getTime() / tenMinutes) * tenMinutes), -called * length - 10);
  const starts: Date[] = [];
  for (const [i, building] of buildings.entries()) {
    const startsAt = minutesFrom(base, i * length);
    starts.push(startsAt);
    await world.services.natPlan.slots.create(world.actor, siteId, SlotInput.parse({
      id: demoId(world.seed, `nat.slot.${key}.${i}`), nodeId: world.ids.get(building.key)!,
      startsAt: startsAt.toISOString(), endsAt: minutesFrom(startsAt, length).toISOString(),
      note: i === 0 ? '请携带身份证或个人码，保持一米间距' : null,
    }));
  }
  return starts;
}
