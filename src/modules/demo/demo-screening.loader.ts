import type { z } from 'zod';
import { VisitInput } from '../screening/screening.schema.ts';
import { createRng } from './random.ts';
import { syntheticPerson } from './synthetic-people.ts';
import { addDays, demoId, type DemoWorld } from './demo-world.ts';

// The door-to-door screening (入户登记排查) of the street's first community: a campaign made yesterday, building leads
// and volunteers on the first buildings, and the visits of the morning — most doors seen, some nobody home, one
// refusal, a cough with a raised temperature, a recent return from Beijing, a tenant found and registered, one
// household seen on a second visit. Later buildings are still to do, so the progress page shows a campaign under way.

/** Share of each building's doors visited so far, building by building in door order; the rest are untouched. */
const PROGRESS = [1, 0.9, 0.75, 0.5];

export async function loadDemoScreening(world: DemoWorld): Promise<number> {
  const { services, actor, seed, today } = world;
  const street = world.demo.district.children.find((c) => c.level === 'street');
  const community = street?.children[0];
  const communityId = community && world.ids.get(community.key);
  if (!community || !communityId) return 0;
  const rng = createRng(seed).fork('screening');
  const campaign = await services.screening.createCampaign(actor, {
    id: demoId(seed, 'screening.campaign'), name: `${community.name}第二轮入户登记排查`, nodeId: communityId,
    startDate: addDays(today, -1), endDate: addDays(today, 3), recordTemperature: true, recordSymptoms: true, recordTravel: true,
    feverThreshold: 37.3, notes: '逐户登记在家人员、体温、症状和近期外出史；发现未登记人员当场登记。',
  });
  const progress = await services.screening.progress(actor, campaign.id);
  const helpers = world.workforce.filter((w) => w.homeKey.startsWith(`${community.key}.`));
  for (const [i, task] of progress.tasks.slice(0, PROGRESS.length + 1).entries()) {
    const pair = helpers.slice((i * 2) % Math.max(helpers.length, 1), (i * 2) % Math.max(helpers.length, 1) + 2);
    if (task.assignees.length === 0 && pair.length > 0) {
      await services.screening.assign(actor, task.taskId, { personIds: pair.map((p) => p.id), accountIds: [] });
    }
  }

  let visits = 0;
  let symptomatic = false;
  let traveller = false;
  let tenant = false;
  let refused = false;
  let needsFound = false;
  for (const [b, share] of PROGRESS.entries()) {
    const summary = progress.tasks[b];
    if (!summary) break;
    const task = await services.screening.task(actor, summary.taskId);
    const doors = task.households.slice(0, Math.round(task.households.length * share));
    for (const [d, door] of doors.entries()) {
      const label = `screening.visit.${b}.${d}`;
      const people = world.residents.filter((r) => r.householdId === door.householdId);
      const draw = rng.next();
      // An empty flat is mostly left for later; now and then a volunteer has knocked there already.
      if (people.length === 0 && draw >= 0.3) continue;
      if (people.length === 0 || draw < 0.06) {
        await record(world, task.id, { id: demoId(seed, label), householdId: door.householdId, outcome: 'nobody_home', present: [], newPeople: [] });
        visits++;
        continue;
      }
      if (!refused && b === 1 && d >= 2) {
        refused = true;
        await record(world, task.id, { id: demoId(seed, label), householdId: door.householdId, outcome: 'refused', present: [], newPeople: [], note: '户主不愿开门，已电话联系，明日再访' });
        visits++;
        continue;
      }
      // A household met at night after nobody answered in the morning: two visits, the later one counts.
      const revisit = b === 0 && d === 1;
      if (revisit) {
        await record(world, task.id, { id: demoId(seed, `${label}.first`, 0), householdId: door.householdId, outcome: 'nobody_home', present: [], newPeople: [], note: '上午无人应门' });
        visits++;
      }
      const present: z.input<typeof VisitInput>['present'] = people.filter((_, k) => k === 0 || rng.chance(0.8)).map((p) => ({
        residentId: p.id, temperature: Math.round((36.1 + rng.next() * 0.8) * 10) / 10, symptoms: [], needsFound: [],
      }));
      if (!symptomatic && b === 1) {
        symptomatic = true;
        Object.assign(present[0]!, { temperature: 37.8, symptoms: ['cough', 'fatigue'] });
      } else if (!traveller && b === 0 && d >= 3) {
        traveller = true;
        Object.assign(present[0]!, { travelFrom: '北京市朝阳区', arrivalDate: addDays(today, -3) });
      }
      if (!needsFound && b >= 1) {
        const old = present.find((p) => (people.find((r) => r.id === p.residentId)?.age ?? 0) >= 60);
        if (old) {
          needsFound = true;
          old.needsFound = ['chronic_illness'];
        }
      }
      const newPeople: z.input<typeof VisitInput>['newPeople'] = [];
      if (!tenant && b === 0 && d >= 4) {
        tenant = true;
        const found = syntheticPerson(createRng(seed).fork('screening.tenant'), { regionCode: '130102', today, minAge: 22, maxAge: 35 });
        newPeople.push({
          id: demoId(seed, 'screening.tenant'), name: found.name, sex: found.sex, birthDate: found.birthDate, idType: 'id_card',
          idNumber: found.idNumber, phone: found.phone, relation: 'tenant', residenceType: 'temporary', needs: [],
          temperature: 36.5, symptoms: [],
        });
      }
      await record(world, task.id, {
        id: demoId(seed, label, revisit ? 1 : 0), householdId: door.householdId, outcome: 'visited', present, newPeople,
        ...(revisit ? { note: '晚间复访，家中有人' } : {}),
      });
      visits++;
    }
  }
  return visits;
}

/** Through the same validation as the phone's request, then the service. */
async function record(world: DemoWorld, taskId: string, input: z.input<typeof VisitInput>): Promise<void> {
  await world.services.screening.recordVisit(world.actor, taskId, VisitInput.parse(input));
}
