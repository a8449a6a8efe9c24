import { loadDemoDeclarations } from './demo-declarations.loader.ts';
import { loadDemoNat } from './demo-nat.loader.ts';
import { loadDemoOutsiders } from './demo-outsiders.loader.ts';
import { loadDemoScreening } from './demo-screening.loader.ts';
import type { DemoWorld } from './demo-world.ts';

export interface DemoActivitySummary {
  screeningVisits: number;
  arrivals: number;
  natSampled: number;
  natRequired: number;
  declarationEntries: number;
  /** Parts that could not be loaded (with the reason); the rest of the demo is still there. */
  failed: string[];
}

/**
 * The district at work on the demo's day, each capability through its own service so the data obeys its rules:
 * arrivals first (a confirmed home isolation makes a home-visit sampling task), then the door-to-door screening,
 * the testing round (roster, sites, samples at the desks, bags, lab results, home visits) and a unit's declarations.
 * Every record carries a client id fixed by the seed, so a second load is a retry that adds nothing.
 */
export async function loadDemoActivity(world: DemoWorld): Promise<DemoActivitySummary> {
  const failed: string[] = [];
  // A part that fails (a service refusing the demo's data) is reported, not fatal: the server still starts.
  const attempt = async <T>(part: string, load: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await load();
    } catch (err) {
      failed.push(`${part}: ${err instanceof Error ? err.message : String(err)}`);
      return fallback;
    }
  };
  const outsiders = await attempt('outsiders', () => loadDemoOutsiders(world), { arrivals: 0, homeIsolatedResidentIds: new Set<string>() });
  const screeningVisits = await attempt('screening', () => loadDemoScreening(world), 0);
  const nat = await attempt('nat', () => loadDemoNat(world, { keepUnsampled: outsiders.homeIsolatedResidentIds }), { sampled: 0, required: 0 });
  const declarationEntries = await attempt('declarations', () => loadDemoDeclarations(world), 0);
  for (const f of failed) console.warn(`Demo activity not loaded — ${f}`);
  return { screeningVisits, arrivals: outsiders.arrivals, natSampled: nat.sampled, natRequired: nat.required, declarationEntries, failed };
}
