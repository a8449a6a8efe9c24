import { sql } from 'kysely';
import { shanghaiDay } from '../src/platform/clock.ts';
import { newId } from '../src/platform/ids.ts';
import { SYSTEM_ACTOR } from '../src/platform/policy.ts';
import { benchApp, percentile, type Bench, type Figure } from './harness.ts';

/**
 * A street with 500 duty posts (3 shifts a day, 2 people each) and 5,000 people, one week: the roster view with its
 * coverage gaps, and the assistant filling the week. Baseline: a bare query of the same week's shifts and their
 * assignment counts on the same database. ratio = baseline / value; the target is the value itself (< 1 s).
 */
export const rosterCoverage: Bench = async ({ db, quick }) => {
  const postCount = quick ? 50 : 500;
  const peopleCount = quick ? 500 : 5000;
  const { ctx, close } = await benchApp(db);
  try {
    const k = ctx.database.db;
    const at = new Date().toISOString();
    const street = newId();
    await k.insertInto('jurisdiction_nodes').values({ id: street, parent_id: null, level_code: 'street', name: '基准街道', code: null, path: `/${street}/`, depth: 0, created_at: at, updated_at: at }).execute();
    const communities: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = newId();
      communities.push(id);
      await k.insertInto('jurisdiction_nodes').values({ id, parent_id: street, level_code: 'community', name: `社区${i}`, code: null, path: `/${street}/${id}/`, depth: 1, created_at: at, updated_at: at }).execute();
    }
    const rows = Array.from({ length: peopleCount }, (_, i) => ({
      id: newId(), name: `值守${i}`, sex: i % 2 ? 'M' : 'F', political_status: 'member', category: 'volunteer', unit_id: null, branch_id: null,
      home_node_id: communities[i % communities.length], phone_enc: null, phone_hash: null, id_number_enc: null, id_number_hash: null,
      skills: '', created_at: at, updated_at: at,
    }));
    for (let i = 0; i < rows.length; i += 500) await k.insertInto('people').values(rows.slice(i, i + 500)).execute();
    for (let i = 0; i < postCount; i++) {
      await ctx.services.duty.posts.create(SYSTEM_ACTOR, {
        name: `卡口${i}`, kind: 'gate', nodeId: communities[i % communities.length], leadPersonIds: [],
        shifts: [
          { name: '早班', start: '08:00', end: '16:00', required: 2, night: false },
          { name: '中班', start: '16:00', end: '24:00', required: 2, night: false },
          { name: '夜班', start: '00:00', end: '08:00', required: 2, night: true },
        ],
      });
    }
    const weekStart = shanghaiDay(new Date(Date.now() + 7 * 86400000));
    await ctx.services.duty.roster.generate(SYSTEM_ACTOR, { weekStart, nodeId: street });
    if (db === 'postgres') await sql`analyze`.execute(k);

    const weekEnd = new Date(new Date(`${weekStart}T00:00:00+08:00`).getTime() + 7 * 86400000).toISOString();
    const weekFrom = new Date(`${weekStart}T00:00:00+08:00`).toISOString();
    const baselineQuery = () => k.selectFrom('duty_shifts as s').leftJoin('duty_assignments as a', 'a.shift_id', 's.id')
      .select(['s.id', 's.required']).select((eb) => eb.fn.count('a.id').as('n'))
      .where('s.starts_at', '>=', weekFrom).where('s.starts_at', '<', weekEnd).groupBy(['s.id', 's.required']).execute();
    const runs = quick ? 3 : 5;
    const time = async (fn: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      return samples.sort((a, b) => a - b);
    };
    const baseline = await time(baselineQuery);
    const t0 = performance.now();
    const filled = await ctx.services.duty.roster.autoFill(SYSTEM_ACTOR, { weekStart, nodeId: street });
    const fillMs = performance.now() - t0;
    const view = await time(() => ctx.services.duty.roster.roster(SYSTEM_ACTOR, { weekStart, nodeId: street }));
    const label = `${postCount} posts, ${peopleCount} people, one week (${db})`;
    const base = percentile(baseline, 50);
    const figures: Figure[] = [
      { bench: 'roster-coverage', figure: `roster with coverage gaps p50, ${label}`, value: percentile(view, 50), unit: 'ms', baseline: base, ratio: base / percentile(view, 50) },
      { bench: 'roster-coverage', figure: `assistant fills the week (${filled.assigned.length} assigned, ${filled.uncovered.length} slots uncovered), ${label}`, value: fillMs, unit: 'ms', baseline: base, ratio: base / fillMs },
    ];
    return figures;
  } finally {
    await close();
  }
};
