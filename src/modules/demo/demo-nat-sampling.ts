import { ScanInput, TubeOpenInput, type ScanResult } from '../nat/desk.schema.ts';
import type { DeskView } from '../nat/nat.schema.ts';
import { createRng } from './random.ts';
import type { DemoNode } from './synthetic-district.ts';
import { demoId, minutesFrom, type DemoResident, type DemoWorld } from './demo-world.ts';

// The morning at the desks, through the desk service exactly as the desk page sends it: families come in their
// building's slot (most of the buildings called so far, about half of the one being called, a few early birds
// from later ones); the first member is scanned by personal code or ID number, the rest picked from the household
// list; a tube closes itself when full and the next scan opens a new one. Three key-group residents go to the
// single-tube desk; one person is scanned twice (flagged, counted once). Who is sampled depends only on the seed,
// so a second load replays the same scans (same client ids) and adds nothing; only the times follow the clock.

/** The slot length that fits the buildings already called into the last five hours. */
export function slotMinutes(called: number): number {
  return Math.max(5, Math.min(20, Math.floor(300 / Math.max(called, 1))));
}

/** How many of a site's buildings have been called by now (about two thirds). */
export const calledCount = (buildings: number): number => Math.round(buildings * 0.65);

export interface DemoSite {
  key: string;
  id: string;
  capacity: number;
  desks: DeskView[];
  buildings: DemoNode[];
  slots: Date[];
}

export interface DemoTube {
  siteKey: string;
  deskId: string;
  barcode: string;
  single: boolean;
  closed: boolean;
}

interface Visit {
  site: DemoSite;
  at: Date;
  members: DemoResident[];
  single: boolean;
}

export async function runDemoSampling(
  world: DemoWorld,
  opts: { roundId: string; sites: DemoSite[]; tokens: Map<string, string>; keepUnsampled: Set<string> },
): Promise<DemoTube[]> {
  const rng = createRng(world.seed).fork('nat.sampling');
  const visits: Visit[] = [];
  let singles = 0;
  for (const site of opts.sites) {
    const called = calledCount(site.buildings.length);
    const length = slotMinutes(called);
    for (const [i, building] of site.buildings.entries()) {
      const share = i < called - 2 ? 0.92 : i <= called ? 0.55 : 0.1;
      const homes = new Map<string, DemoResident[]>();
      for (const r of world.residents) {
        if (!r.homeKey.startsWith(`${building.key}.`)) continue;
        // Infants are exempt; the bedridden and those isolating at home are sampled at their door.
        if (r.age < 3 || r.needs.includes('immobile') || opts.keepUnsampled.has(r.id)) continue;
        homes.set(r.homeKey, [...(homes.get(r.homeKey) ?? []), r]);
      }
      for (const members of homes.values()) {
        const comes = rng.chance(share);
        const offset = rng.next();
        const present = members.filter(() => rng.chance(0.94));
        if (!comes || present.length === 0) continue;
        const early = i > called;
        const at = early ? minutesFrom(world.now, -30 - offset * 240) : minutesFrom(site.slots[i]!, offset * (length + 30));
        const when = at.getTime() > world.now.getTime() - 60_000 ? minutesFrom(world.now, -1 - offset * 5) : at;
        // Key-group residents (the first few adults of the first site's called buildings) use single tubes.
        const keyGroup = site === opts.sites[0] && !early && singles < 3 && present.length > 1 ? present.find((p) => p.age >= 18) : undefined;
        if (keyGroup && site.desks.some((d) => d.kind === 'single')) {
          singles++;
          visits.push({ site, at: minutesFrom(when, -2), members: [keyGroup], single: true });
          const rest = present.filter((p) => p !== keyGroup);
          if (rest.length > 0) visits.push({ site, at: when, members: rest, single: false });
        } else {
          visits.push({ site, at: when, members: present, single: false });
        }
      }
    }
  }
  visits.sort((a, b) => a.at.getTime() - b.at.getTime());

  const tubes: DemoTube[] = [];
  const open = new Map<string, { tube: DemoTube; count: number; capacity: number }>();
  const turn = new Map<string, number>();
  const scan = async (site: DemoSite, desk: DeskView, resident: DemoResident, at: Date, how: 'code' | 'id' | 'household', sampleLabel: string): Promise<ScanResult> => {
    const capacity = desk.kind === 'single' ? 1 : site.capacity;
    let current = open.get(desk.id);
    if (!current || current.count >= current.capacity) {
      if (current) current.tube.closed = true;
      const seq = tubes.filter((t) => t.deskId === desk.id).length + 1;
      const deskNo = site.desks.indexOf(desk) + 1;
      const tube: DemoTube = { siteKey: site.key, deskId: desk.id, barcode: `N3${site.key}${deskNo}-${String(seq).padStart(4, '0')}`, single: desk.kind === 'single', closed: false };
      await world.services.natDesk.openTube(world.actor, TubeOpenInput.parse({ id: demoId(world.seed, `nat.tube.${tube.barcode}`), deskId: desk.id, barcode: tube.barcode, at: at.toISOString() }));
      tubes.push(tube);
      current = { tube, count: 0, capacity };
      open.set(desk.id, current);
    }
    current.count++;
    if (current.count >= capacity) current.tube.closed = true;
    const target = how === 'code' ? { code: opts.tokens.get(resident.id)! } : how === 'id' ? { idNumber: resident.idNumber } : { residentId: resident.id };
    return world.services.natDesk.scan(world.actor, ScanInput.parse({
      id: demoId(world.seed, sampleLabel), deskId: desk.id, tubeBarcode: current.tube.barcode, ...target, at: at.toISOString(),
    }));
  };

  for (const visit of visits) {
    const { site } = visit;
    const pooled = site.desks.filter((d) => d.kind === 'pooled');
    const n = turn.get(site.key) ?? 0;
    turn.set(site.key, n + 1);
    const desk = visit.single ? site.desks.find((d) => d.kind === 'single')! : pooled[n % pooled.length]!;
    for (const [m, member] of visit.members.entries()) {
      const how = m > 0 ? 'household' : opts.tokens.has(member.id) ? 'code' : 'id';
      await scan(site, desk, member, minutesFrom(visit.at, m * 0.5), how, `nat.sample.${member.id}`);
    }
  }

  // Someone who queued twice at the second site: the second swab is in a tube but the person counts once.
  const second = opts.sites[1] ?? opts.sites[0]!;
  const again = visits.find((v) => v.site === second && !v.single);
  if (again) {
    const desks = second.desks.filter((d) => d.kind === 'pooled');
    const person = again.members[0]!;
    await scan(second, desks[desks.length - 1]!, person, minutesFrom(world.now, -3), 'id', `nat.sample.again.${person.id}`);
  }
  // Where the tubes went, for the bags and the lab: every tube opened, in opening order.
  return tubes;
}
