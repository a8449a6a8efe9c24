import type { AppContext, Services } from '../../app.ts';
import type { Actor } from '../../platform/policy.ts';
import { createRng } from './random.ts';
import type { DemoDistrict } from './synthetic-district.ts';

// What the activity loaders (screening, arrivals, testing round, declarations) share: the district as loaded, its
// residents and workforce with their ids, the demo clock, and ids that are the same for a seed on every load.

export interface DemoResident {
  id: string;
  homeKey: string;
  householdId: string;
  name: string;
  idNumber: string;
  age: number;
  needs: string[];
}

export interface DemoWorker {
  id: string;
  name: string;
  homeKey: string;
}

export interface DemoWorld {
  deps: Pick<AppContext, 'database' | 'clock' | 'services'>;
  services: Services;
  actor: Actor;
  seed: number;
  demo: DemoDistrict;
  /** Demo node key (d.s1.c2.p1.b3…) → node id. */
  ids: Map<string, string>;
  residents: DemoResident[];
  workforce: DemoWorker[];
  /** The demo clock's now and its Shanghai day: everything "live" is placed relative to them. */
  now: Date;
  today: string;
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A client id for a demo record: the same for a seed and label on every load, so loading again is a retry the
 * services answer with the stored record. `order` keeps ids of one kind sortable where the services compare them
 * (a revisit's id must sort after the first visit's).
 */
export function demoId(seed: number, label: string, order = 0): string {
  const rng = createRng(seed).fork(label);
  let tail = '';
  for (let i = 0; i < 18; i++) tail += ALPHABET[rng.int(0, 31)];
  return `01DEM1${String(order).padStart(2, '0').slice(-2)}${tail}`;
}

export const minutesFrom = (at: Date, minutes: number): Date => new Date(at.getTime() + minutes * 60_000);

export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Residents living under a node key, in door order (the order they were generated in). */
export const residentsUnder = (world: DemoWorld, key: string): DemoResident[] =>
  world.residents.filter((r) => r.homeKey.startsWith(`${key}.`));
