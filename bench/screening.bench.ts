import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { SYSTEM_ACTOR } from '../src/platform/policy.ts';
import { benchApp, percentile, type Bench, type Figure } from './harness.ts';

type NodeRow = { id: string; parent_id: string | null; level_code: string; name: string; path: string; depth: number };

/** A street → 20 communities → 5 compounds → 10 buildings → households (20 or 4 each), batched inserts. */
async function buildStreet(db: Db, householdsPerBuilding: number, at: string) {
  const rows: NodeRow[] = [];
  const add = (parent: NodeRow | null, level_code: string, name: string): NodeRow => {
    const id = newId();
    const r = { id, parent_id: parent?.id ?? null, level_code, name, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0 };
    rows.push(r);
    return r;
  };
  const street = add(null, 'street', '基准街道');
  const households: NodeRow[] = [];
  for (let c = 0; c < 20; c++) {
    const community = add(street, 'community', `社区${c}`);
    for (let p = 0; p < 5; p++) {
      const compound = add(community, 'compound', `小区${c}-${p}`);
      for (let b = 0; b < 10; b++) {
        const building = add(compound, 'building', `${b + 1}号楼`);
        for (let h = 0; h < householdsPerBuilding; h++) households.push(add(building, 'household', `${h + 101}室`));
      }
    }
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await trx.insertInto('jurisdiction_nodes').values(rows.slice(i, i + 500).map((r) => ({ ...r, code: null, created_at: at, updated_at: at }))).execute();
    }
  });
  return { street, households };
}

/**
 * Screening at a street of 1,000 buildings (20,000 households; --quick 4,000): making the campaign (one task per
 * building), recording a visit through the service, and the live progress and night tabulation with half the
 * households visited. Baselines in the same run: reading the household list (campaign), a bare insert of one
 * visit row (visit), a bare GROUP BY over the status table (progress, tabulation). ratio = baseline / value.
 */
export const screening: Bench = async ({ db, quick }) => {
  const perBuilding = quick ? 4 : 20;
  const { ctx, close } = await benchApp(db);
  try {
    const kdb = ctx.database.db;
    const at = new Date().toISOString();
    const { street, households } = await buildStreet(kdb, perBuilding, at);
    const figures: Figure[] = [];
    const label = `${households.length} households (${db})`;

    let t0 = performance.now();
    await kdb.selectFrom('jurisdiction_nodes').select(['id', 'path']).where('level_code', '=', 'household')
      .where('path', '>=', street.path).where('path', '<', `${street.path}~`).orderBy('path').execute();
    const listMs = performance.now() - t0;
    t0 = performance.now();
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const campaign = await ctx.services.screening.createCampaign(SYSTEM_ACTOR, {
      name: '基准排查', nodeId: street.id, startDate: today, endDate: today, recordTemperature: true, recordSymptoms: true, recordTravel: true, feverThreshold: 37.3,
    });
    const createMs = performance.now() - t0;
    if (campaign.tasks !== 1000 || campaign.householdsTotal !== households.length) throw new Error(`tasks ${campaign.tasks} households ${campaign.householdsTotal}`);
    figures.push({ bench: 'screening', figure: `create campaign (1,000 tasks) at ${label}`, value: createMs, unit: 'ms', baseline: listMs, ratio: listMs / createMs });

    // Half the households get a latest status straight into the table, as after a day at the doors.
    const doors = await kdb.selectFrom('screening_task_households').select(['household_id', 'task_id']).where('campaign_id', '=', campaign.id).orderBy('household_path').execute();
    await kdb.transaction().execute(async (trx) => {
      const rows = doors.filter((_, i) => i % 2 === 0).map((d, i) => ({
        campaign_id: campaign.id, household_id: d.household_id, task_id: d.task_id, last_visit_id: newId(), outcome: i % 5 === 0 ? 'nobody_home' : 'visited',
        visits: 1, people_present: 2, symptomatic: i % 50 === 0 ? 1 : 0, arrivals: i % 20 === 0 ? 1 : 0, needs_found: 0, new_people: 0, updated_at: at,
      }));
      for (let i = 0; i < rows.length; i += 400) await trx.insertInto('screening_household_status').values(rows.slice(i, i + 400)).execute();
    });
    if (db === 'postgres') await sql`analyze`.execute(kdb);

    const runs = quick ? 10 : 40;
    const time = async (fn: (i: number) => Promise<unknown>) => {
      await fn(-1);
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn(i);
        samples.push(performance.now() - t);
      }
      return samples.sort((a, b) => a - b);
    };
    const add = (figure: string, samples: number[], baseline: number[]) => {
      for (const p of [50, 99]) {
        const value = percentile(samples, p);
        const base = percentile(baseline, p);
        figures.push({ bench: 'screening', figure: `${figure} p${p} at ${label}`, value, unit: 'ms', baseline: base, ratio: base / value });
      }
    };
    const bareSum = () => kdb.selectFrom('screening_household_status').select(['task_id', sql<number>`sum(case when outcome = 'visited' then 1 else 0 end)`.as('v'), sql<number>`sum(symptomatic)`.as('s')])
      .where('campaign_id', '=', campaign.id).groupBy('task_id').execute();
    const progress = await ctx.services.screening.progress(SYSTEM_ACTOR, campaign.id);
    const expected = doors.filter((_, i) => i % 2 === 0).filter((_, i) => i % 5 !== 0).length;
    if (progress.total.visited !== expected) throw new Error(`visited ${progress.total.visited} != ${expected}`);
    add('progress (1,000 buildings)', await time(() => ctx.services.screening.progress(SYSTEM_ACTOR, campaign.id)), await time(bareSum));
    add('night tabulation', await time(() => ctx.services.screening.tabulation(SYSTEM_ACTOR, campaign.id)), await time(bareSum));

    // Visits to households not yet visited (odd positions), one service call each.
    const open = doors.filter((_, i) => i % 2 === 1);
    const visit = (i: number) => {
      const d = open[i + 1];
      return ctx.services.screening.recordVisit(SYSTEM_ACTOR, d.task_id, { id: newId(), householdId: d.household_id, outcome: 'nobody_home', present: [], newPeople: [] });
    };
    const bareVisit = () => kdb.transaction().execute((trx) => trx.insertInto('screening_visits').values({
      id: newId(), campaign_id: campaign.id, task_id: open[0].task_id, household_id: open[0].household_id, outcome: 'refused', visited_at: at,
      actor_id: null, actor_name: 'bench', note: null, people_present: 0, symptomatic: 0, arrivals: 0, needs_found: 0, new_people: 0,
    }).execute());
    add('record a visit', await time(visit), await time(bareVisit));
    return figures;
  } finally {
    await close();
  }
};
