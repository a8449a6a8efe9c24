import type { z } from 'zod';
import { ArrivalInput } from '../outsiders/outsiders.schema.ts';
import { createRng } from './random.ts';
import { listDemoNodes } from './synthetic-district.ts';
import { syntheticPerson } from './synthetic-people.ts';
import { addDays, demoId, type DemoWorld } from './demo-world.ts';

// Arrivals of the last week in the demo street, with the measures the rule set in force proposed for them: some
// confirmed by the community (one adjusted with a reason), some still waiting. Arrival days are placed so that
// today's list has work: a first test due, a last test due, a home isolation ending, another one running.

interface DemoArrival {
  key: string;
  daysAgo: number;
  risk: 'high' | 'medium' | 'low' | 'none';
  from: string;
  region: string;
  /** 'confirm': all as proposed; 'adjust': the isolation turned into home monitoring; 'wait': left proposed. */
  then: 'confirm' | 'adjust' | 'wait';
  stay: 'returning' | 'household' | 'hotel';
  via: 'checkpoint' | 'community';
}

const ARRIVALS: DemoArrival[] = [
  { key: 'a1', daysAgo: 2, risk: 'medium', from: '上海市浦东新区', region: '310115', then: 'confirm', stay: 'returning', via: 'community' },
  { key: 'a2', daysAgo: 0, risk: 'low', from: '北京市朝阳区', region: '110105', then: 'confirm', stay: 'household', via: 'checkpoint' },
  { key: 'a3', daysAgo: 2, risk: 'low', from: '天津市河西区', region: '120103', then: 'confirm', stay: 'household', via: 'community' },
  { key: 'a4', daysAgo: 6, risk: 'medium', from: '西安市雁塔区', region: '610113', then: 'confirm', stay: 'household', via: 'community' },
  { key: 'a5', daysAgo: 0, risk: 'high', from: '广州市荔湾区', region: '440103', then: 'wait', stay: 'hotel', via: 'checkpoint' },
  { key: 'a6', daysAgo: 1, risk: 'medium', from: '成都市武侯区', region: '510107', then: 'adjust', stay: 'household', via: 'community' },
  { key: 'a7', daysAgo: 1, risk: 'none', from: '包头市昆都仑区', region: '150203', then: 'wait', stay: 'household', via: 'checkpoint' },
];

export interface DemoOutsidersResult {
  arrivals: number;
  /** Residents under confirmed home isolation: the testing round samples them at home, not at a site. */
  homeIsolatedResidentIds: Set<string>;
}

export async function loadDemoOutsiders(world: DemoWorld): Promise<DemoOutsidersResult> {
  const { services, actor, seed, today } = world;
  const homeIsolatedResidentIds = new Set<string>();
  const street = world.demo.district.children.find((c) => c.level === 'street');
  if (!street) return { arrivals: 0, homeIsolatedResidentIds };
  const rng = createRng(seed).fork('outsiders');
  const communities = street.children;
  const last = communities[communities.length - 1]!;
  const homes = rng.shuffle(listDemoNodes(street, 'household')).filter((h) => world.ids.has(h.key));
  const returning = world.residents.find((r) => r.homeKey.startsWith(`${last.key}.`) && r.age >= 25 && r.age <= 55);
  let made = 0;
  for (const [i, a] of ARRIVALS.entries()) {
    const arrivalDate = addDays(today, -a.daysAgo);
    const label = `outsiders.${a.key}`;
    const stranger = syntheticPerson(createRng(seed).fork(label), { regionCode: a.region, today, minAge: 20, maxAge: 65 });
    const person = a.stay === 'returning' && returning
      ? { name: returning.name, idNumber: returning.idNumber, phone: stranger.phone }
      : stranger;
    const home = a.stay === 'returning' && returning ? returning.householdId : world.ids.get(homes[i % homes.length]!.key)!;
    const input: z.input<typeof ArrivalInput> = {
      id: demoId(seed, label), name: person.name, idType: 'id_card', idNumber: person.idNumber, phone: person.phone ?? null,
      fromRegion: a.from, riskLevel: a.risk, arrivalDate, registeredVia: a.via,
      ...(a.via === 'checkpoint' ? { checkpointName: `${street.name}高速口卡点` } : {}),
      ...(a.stay === 'hotel'
        ? { stayText: '如家酒店（新华大街店）305房', nodeId: world.ids.get(communities[0]!.key)! }
        : { stayNodeId: home }),
      ...(a.stay === 'returning' ? { notes: '本社区居民返乡，已告知居家隔离要求' } : {}),
    };
    const arrival = await services.outsiders.create(actor, ArrivalInput.parse(input));
    made++;
    const proposed = arrival.measures.filter((m) => m.status === 'proposed');
    if (a.then === 'confirm' && proposed.length > 0) await services.outsiders.confirmAll(actor, arrival.id);
    if (a.then === 'adjust') {
      for (const m of proposed) {
        await services.outsiders.confirm(actor, m.id, m.kind === 'home_isolation'
          ? { kind: 'home_monitoring', reason: '独居且具备居家条件，经社区研判改为居家健康监测' }
          : {});
      }
    }
    if (a.stay === 'returning' && arrival.residentId && a.then !== 'wait' && arrival.measures.some((m) => m.kind === 'home_isolation')) {
      homeIsolatedResidentIds.add(arrival.residentId);
    }
  }
  return { arrivals: made, homeIsolatedResidentIds };
}
