import type { z } from 'zod';
import { LIMITS } from '../../platform/validation.ts';
import { DeclarationInput } from '../declarations/declarations.schema.ts';
import { createRng } from './random.ts';
import { addDays, demoId, type DemoWorld } from './demo-world.ts';

// A unit's staff declaration campaign (人员动向和身体状况申报) opened three days ago: about two thirds have declared
// (the liaison entered them), one left for a medium-risk area and one has a fever, so the flagged list has
// something; the rest are on the non-declared list waiting for a reminder.

export async function loadDemoDeclarations(world: DemoWorld): Promise<number> {
  const { services, actor, seed, today } = world;
  const units = await services.org.units.list(actor);
  const pairs = await Promise.all(units.map(async (u) => ({ unit: u, staff: await countStaff(world, u.id) })));
  // The unit with the most staff, ties by name: the same unit for a seed whatever the order of the list.
  const chosen = pairs.filter((p) => p.staff > 0).sort((a, b) => b.staff - a.staff || a.unit.name.localeCompare(b.unit.name))[0];
  const id = demoId(seed, 'declarations.campaign');
  const existing = await services.declarations.list(actor).then((l) => l.find((c) => c.id === id));
  const unitId = existing?.unitId ?? chosen?.unit.id;
  if (!unitId) return 0;
  const campaign = await services.declarations.create(actor, {
    id, unitId, title: '近期人员动向和身体状况申报', startsOn: addDays(today, -3), endsOn: addDays(today, 4),
    note: '请全体干部职工如实申报近14天行程和身体状况，离开本地须提前报备。',
  });
  const entries = (await services.declarations.entries(actor, campaign.id, 'all'))
    .sort((a, b) => a.name.localeCompare(b.name) || a.personId.localeCompare(b.personId));
  const rng = createRng(seed).fork('declarations');
  for (const [i, entry] of entries.entries()) {
    const declares = rng.chance(0.65);
    const variant = rng.next();
    if (!declares || entry.declared) continue;
    let input: z.input<typeof DeclarationInput> = { whereabouts: 'stayed', health: 'normal', riskContact: false };
    if (i === 1) {
      input = {
        whereabouts: 'left', destination: '西安市雁塔区', leftOn: addDays(today, -9), returnOn: addDays(today, -2), destinationRisk: 'medium',
        health: 'normal', riskContact: false,
      };
    } else if (i === 3) {
      input = { whereabouts: 'stayed', health: 'fever', riskContact: false };
    } else if (variant < 0.15) {
      input = { whereabouts: 'left', destination: '包头市', leftOn: addDays(today, -5), returnOn: addDays(today, -3), destinationRisk: 'none', health: 'normal', riskContact: false };
    }
    await services.declarations.declare(actor, entry.id, DeclarationInput.parse(input));
  }
  return entries.length;
}

/** Staff of a unit (one page is plenty for a demo unit). */
async function countStaff(world: DemoWorld, unitId: string): Promise<number> {
  return (await world.services.people.list(world.actor, { unitId, limit: LIMITS.pageSize })).items.length;
}
