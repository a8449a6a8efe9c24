import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { NatCoverageService } from '../src/modules/nat/coverage.service.ts';
import { SYSTEM_ACTOR, subtreeEnd } from '../src/platform/policy.ts';
import { benchApp, percentile, type Bench, type Figure } from './harness.ts';

/**
 * Live coverage of a nucleic-acid round over a synthetic district: 1,000,000 residents (quick: 50,000) in
 * 1 district → 10 streets → 100 communities → 1,000 compounds → 10 buildings → 2 entrances → 20 households of 2–3
 * people, 90% sampled. Figures through the SERVICE (scope, round and node checks included) against the bare SQL of
 * the same question in the same run; ratio = baseline / value (1 = as fast as the bare query). Targets: untested
 * count for the district < 150 ms, for one compound < 10 ms, a page of 50 untested < 20 ms.
 */

interface NodeRow { id: string; parent_id: string | null; level_code: string; name: string; code: null; path: string; depth: number; created_at: string; updated_at: string }

async function insertBatched<T>(db: Db, table: 'jurisdiction_nodes' | 'residents' | 'nat_round_residents', rows: T[], size: number) {
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += size) await trx.insertInto(table).values(rows.slice(i, i + size) as never).execute();
  });
}

/** The tree, residents and the round's roster, straight into the tables in large batches. */
export async function buildDistrict(db: Db, residents: number, at: string) {
  const households = Math.round(residents / 2.5);
  const entrances = Math.max(1, Math.round(households / 20));
  const buildings = Math.max(1, Math.round(entrances / 2));
  const compounds = Math.max(1, Math.round(buildings / 10));
  const communities = Math.max(1, Math.round(compounds / 10));
  const streets = Math.max(1, Math.round(communities / 10));
  const nodes: NodeRow[] = [];
  const add = (parent: NodeRow | null, level: string, name: string): NodeRow => {
    const id = newId();
    const row = { id, parent_id: parent?.id ?? null, level_code: level, name, code: null, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, created_at: at, updated_at: at };
    nodes.push(row);
    return row;
  };
  const district = add(null, 'district', '基准区');
  // Each level spreads evenly over its parents (index i goes to parent floor(i * parents / n)).
  const level = (parents: NodeRow[], n: number, code: string, name: (i: number) => string) =>
    Array.from({ length: n }, (_, i) => add(parents[Math.floor((i * parents.length) / n)], code, name(i)));
  const streetRows = level([district], streets, 'street', (i) => `街道${i + 1}`);
  const communityRows = level(streetRows, communities, 'community', (i) => `社区${i + 1}`);
  const compoundRows = level(communityRows, compounds, 'compound', (i) => `小区${i + 1}`);
  const buildingRows = level(compoundRows, buildings, 'building', (i) => `${(i % 10) + 1}号楼-${i}`);
  const entranceRows = level(buildingRows, entrances, 'entrance', (i) => `${(i % 2) + 1}单元-${i}`);
  const householdRows = level(entranceRows, households, 'household', (i) => `${(i % 20) + 101}室-${i}`);
  await insertBatched(db, 'jurisdiction_nodes', nodes, 3000);

  const round = newId();
  await db.insertInto('nat_rounds').values({
    id: round, name: '第三轮全员核酸检测', number: 3, node_id: district.id, node_path: district.path, starts_on: '2026-02-21', ends_on: '2026-02-21',
    pool_size: 10, bag_size: 20, certificate_valid_hours: 48, required_rule: '{"exemptUnderAgeYears":null}', status: 'open', roster_built_at: at,
    created_by: null, created_at: at, updated_at: at,
  }).execute();
  const dayStart = Date.parse('2026-02-21T00:00:00Z'); // 08:00 in Shanghai; sampling runs nine hours
  const chunk = 30_000; // generated and inserted a chunk at a time, so memory stays flat
  for (let from = 0; from < residents; from += chunk) {
    const people = [];
    const roster = [];
    for (let i = from; i < Math.min(residents, from + chunk); i++) {
      const h = householdRows[Math.floor((i * households) / residents)];
      const id = newId();
      people.push({
        id, household_id: h.id, name: `居民${i}`, sex: i % 2 ? 'M' : 'F', birth_date: null, birth_year: 1950 + (i % 60), id_type: 'none',
        id_number_enc: null, id_number_hash: null, phone_enc: null, phone_hash: null, relation: 'other', residence_type: 'permanent',
        status: 'active', status_date: null, notes: null, anonymised_at: null, created_at: at, updated_at: at,
      });
      const sampled = i % 10 !== 7;
      roster.push({
        round_id: round, resident_id: id, household_id: h.id, node_path: h.path, required: 1, exempt_reason: null,
        sampled_at: sampled ? new Date(dayStart + ((i * 7919) % (9 * 3600)) * 1000).toISOString() : null, sample_id: null, result: null, control_status: null,
      });
    }
    await insertBatched(db, 'residents', people, 1500);
    await insertBatched(db, 'nat_round_residents', roster, 3000);
  }
  return { district, compounds: compoundRows, round, untested: residents / 10 };
}

export const natCoverage: Bench = async ({ db, quick }) => {
  const residents = quick ? 50_000 : 1_000_000;
  const { ctx, close } = await benchApp(db);
  try {
    const k = ctx.database.db;
    const at = new Date().toISOString();
    const t0 = performance.now();
    const world = await buildDistrict(k, residents, at);
    if (db === 'postgres') await sql`vacuum analyze`.execute(k);
    else await sql`analyze`.execute(k);
    const loadMs = performance.now() - t0;
    const service = ctx.services.natCoverage;
    const compound = world.compounds[Math.floor(world.compounds.length / 2)];

    // The numbers must be right before their speed means anything.
    const district = await service.untestedCount(SYSTEM_ACTOR, world.round, {});
    if (district.untested !== world.untested) throw new Error(`district untested ${district.untested} != ${world.untested}`);

    const rawCount = (path: string) => sql<{ n: number }>`select count(*) as n from nat_round_residents
      where round_id = ${world.round} and node_path >= ${path} and node_path < ${subtreeEnd(path)} and required = 1 and sampled_at is null`.execute(k);
    const rawPage = (path: string, after: { path: string; id: string } | null) => sql`select resident_id, node_path from nat_round_residents
      where round_id = ${world.round} and node_path >= ${after?.path ?? path} and node_path < ${subtreeEnd(path)} and required = 1 and sampled_at is null
      ${after ? sql`and (node_path > ${after.path} or resident_id > ${after.id})` : sql``}
      order by node_path, resident_id limit 51`.execute(k);

    const runs = quick ? 30 : 100;
    // Warm up, and collect the garbage of the load first (run with NODE_OPTIONS=--expose-gc to allow it), so the
    // percentiles measure the queries rather than the clean-up of a million generated rows.
    const settle = () => (globalThis as { gc?: () => void }).gc?.();
    const time = async (fn: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 5; i++) await fn(0);
      settle();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const s = performance.now();
        await fn(i + 1);
        samples.push(performance.now() - s);
      }
      return samples.sort((a, b) => a - b);
    };
    // Pages walk the district's list by cursor ("load more"), each call the next page.
    const cursors: Array<string | undefined> = [undefined];
    const rawCursors: Array<{ path: string; id: string } | null> = [null];
    for (let i = 0; i <= runs; i++) {
      const page = await service.untested(SYSTEM_ACTOR, world.round, { after: cursors[i], limit: 50 });
      cursors.push(page.next ?? undefined);
      const last = await rawPage(world.district.path, rawCursors[i]);
      const row = last.rows[49] as { resident_id: string; node_path: string };
      rawCursors.push({ path: row.node_path, id: row.resident_id });
    }

    const figures: Figure[] = [];
    const label = `${residents.toLocaleString('en')} residents, ${(residents - world.untested).toLocaleString('en')} sampled (${db})`;
    const add = (figure: string, samples: number[], baseline: number[]) => {
      for (const p of [50, 99]) {
        const value = percentile(samples, p);
        const base = percentile(baseline, p);
        figures.push({ bench: 'nat-coverage', figure: `${figure} p${p}, ${label}`, value, unit: 'ms', baseline: base, ratio: base / value });
      }
    };
    add('untested count, district (target < 150 ms)',
      await time(() => service.untestedCount(SYSTEM_ACTOR, world.round, {})), await time(() => rawCount(world.district.path)));
    add('untested count, one compound (target < 10 ms)',
      await time(() => service.untestedCount(SYSTEM_ACTOR, world.round, { nodeId: compound.id })), await time(() => rawCount(compound.path)));
    add('page of 50 untested, district, keyset (target < 20 ms)',
      await time((i) => service.untested(SYSTEM_ACTOR, world.round, { after: cursors[i], limit: 50 })),
      await time((i) => rawPage(world.district.path, rawCursors[i])));
    const rawTotals = (path: string) => sql`select count(*) from nat_round_residents where round_id = ${world.round}
      and node_path >= ${path} and node_path < ${subtreeEnd(path)} and required = 1 and sampled_at is not null`.execute(k);
    const fewRuns = async (fn: () => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < (quick ? 3 : 5); i++) {
        const s = performance.now();
        await fn();
        samples.push(performance.now() - s);
      }
      return samples.sort((a, b) => a - b);
    };
    // Cold: a fresh service each call, so the slow-scan memo (see coverage-memo.ts) cannot answer.
    add('drill-down table, district, cold (totals of each street)',
      await fewRuns(() => new NatCoverageService(service.deps).nodes(SYSTEM_ACTOR, world.round, {})), await fewRuns(() => rawTotals(world.district.path)));
    add('drill-down table, district, polled within 10 s (memo)',
      await time(() => service.nodes(SYSTEM_ACTOR, world.round, {})), await fewRuns(() => rawTotals(world.district.path)));
    add('drill-down table, one compound (totals of each building)',
      await time(() => service.nodes(SYSTEM_ACTOR, world.round, { nodeId: compound.id })), await time(() => rawTotals(compound.path)));
    figures.push({ bench: 'nat-coverage', figure: `load of the synthetic district, ${label}`, value: loadMs / 1000, unit: 's', baseline: loadMs / 1000, ratio: 1 });
    return figures;
  } finally {
    await close();
  }
};
