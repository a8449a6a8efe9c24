import { sql } from 'kysely';
import type { Db } from '../src/platform/db/database.ts';
import { newId } from '../src/platform/ids.ts';
import { SYSTEM_ACTOR } from '../src/platform/policy.ts';
import { createRng } from '../src/modules/demo/random.ts';
import { benchApp, percentile, type Bench, type Figure } from './harness.ts';

const DAY = '2026-02-21';
const FIELDS = [
  { key: 'close_contacts', labelZh: '密切接触者', labelEn: 'Close contacts', type: 'integer' as const, required: true, summable: true },
  { key: 'volunteer_services', labelZh: '志愿服务人次', labelEn: 'Volunteer services', type: 'integer' as const, required: true, summable: true },
  { key: 'help_given', labelZh: '社区帮扶', labelEn: 'Community help', type: 'integer' as const, required: false, summable: true },
  { key: 'anomaly', labelZh: '有异常情况', labelEn: 'Anything unusual', type: 'boolean' as const, required: false, summable: true },
];

/** district → 10 streets → 10 片区 each → communities under each 片区: four levels, built with batched inserts. */
async function buildTree(db: Db, communities: number, at: string) {
  await db.insertInto('jurisdiction_levels').values({ code: 'grid', name_zh: '片区', name_en: 'Grid', rank: 25, created_at: at })
    .onConflict((oc) => oc.column('code').doNothing()).execute();
  const rows: Array<{ id: string; parent_id: string | null; level_code: string; name: string; path: string; depth: number }> = [];
  const district = { id: newId(), path: '' };
  district.path = `/${district.id}/`;
  rows.push({ id: district.id, parent_id: null, level_code: 'district', name: '基准区', path: district.path, depth: 0 });
  const streets: Array<{ id: string; path: string }> = [];
  const grids: Array<{ id: string; path: string }> = [];
  for (let s = 0; s < 10; s++) {
    const id = newId();
    const path = `${district.path}${id}/`;
    streets.push({ id, path });
    rows.push({ id, parent_id: district.id, level_code: 'street', name: `街道${s}`, path, depth: 1 });
    for (let g = 0; g < 10; g++) {
      const gid = newId();
      const gpath = `${path}${gid}/`;
      grids.push({ id: gid, path: gpath });
      rows.push({ id: gid, parent_id: id, level_code: 'grid', name: `片区${s}-${g}`, path: gpath, depth: 2 });
    }
  }
  const reporters: string[] = [];
  for (let c = 0; c < communities; c++) {
    const grid = grids[c % grids.length];
    const id = newId();
    reporters.push(id);
    rows.push({ id, parent_id: grid.id, level_code: 'community', name: `社区${c}`, path: `${grid.path}${id}/`, depth: 3 });
  }
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await trx.insertInto('jurisdiction_nodes').values(rows.slice(i, i + 500).map((r) => ({ ...r, code: null, created_at: at, updated_at: at }))).execute();
    }
  });
  return { district, streets, reporters };
}

/** One day's reports of every community (a twentieth of them zero reports), straight into the tables. */
async function submitAll(db: Db, formId: string, reporters: string[], at: string) {
  const rng = createRng(7);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < reporters.length; i += 250) {
      const subs = [];
      const values = [];
      for (const nodeId of reporters.slice(i, i + 250)) {
        const id = newId();
        const zero = rng.chance(0.05);
        const v = zero
          ? { close_contacts: 0, volunteer_services: 0, help_given: 0, anomaly: false }
          : { close_contacts: rng.int(0, 5), volunteer_services: rng.int(0, 40), help_given: rng.int(0, 10), anomaly: rng.chance(0.1) };
        subs.push({
          id, form_id: formId, form_version: 1, day: DAY, reporter_kind: 'node', node_id: nodeId, unit_id: null, reporter_key: nodeId,
          is_zero: zero ? 1 : 0, late: rng.chance(0.1) ? 1 : 0, values_json: JSON.stringify(v), revision: 1, submitted_at: at,
          submitted_by: null, updated_at: at,
        });
        for (const [field_key, value] of Object.entries(v)) values.push({ submission_id: id, form_id: formId, day: DAY, field_key, value: Number(value) });
      }
      await trx.insertInto('report_submissions').values(subs).execute();
      await trx.insertInto('report_values').values(values).execute();
    }
  });
}

/**
 * The live roll-up of one day at 10,000 reporting communities: the service's table for the district (rows =
 * 10 streets) and for one street (rows = its 片区), against a bare SELECT SUM over the same reports in the
 * same run. ratio = baseline / value (1 = as fast as the bare sum). Target: p99 < 100 ms.
 */
export const reportsRollup: Bench = async ({ db, quick }) => {
  const communities = quick ? 2_000 : 10_000;
  const { ctx, close } = await benchApp(db);
  try {
    const kdb = ctx.database.db;
    const at = new Date().toISOString();
    const tree = await buildTree(kdb, communities, at);
    const form = await ctx.services.reports.forms.create(SYSTEM_ACTOR, {
      name: '基准日报', nodeId: tree.district.id, reporterLevels: ['community'], unitMode: 'none', unitIds: [], deadline: '17:00',
      activeFrom: '2026-02-01', activeTo: null, fields: FIELDS,
    });
    await submitAll(kdb, form.id, tree.reporters, at);
    if (db === 'postgres') await sql`analyze`.execute(kdb);

    const rawSum = (path: string) => kdb.selectFrom('report_values as v')
      .innerJoin('report_submissions as s', 's.id', 'v.submission_id').innerJoin('jurisdiction_nodes as n', 'n.id', 's.node_id')
      .select(['v.field_key', sql<number>`sum(v.value)`.as('total')])
      .where('s.form_id', '=', form.id).where('s.day', '=', DAY)
      .where('n.path', '>=', path).where('n.path', '<', `${path}~`)
      .groupBy('v.field_key').execute();
    const rollup = (nodeId: string) => ctx.services.reports.rollup.day(SYSTEM_ACTOR, { formId: form.id, day: DAY, nodeId, by: 'node' });

    // The roll-up must equal the bare sum before its speed means anything.
    const street = tree.streets[3];
    for (const [nodeId, path] of [[tree.district.id, tree.district.path], [street.id, street.path]]) {
      const view = await rollup(nodeId);
      for (const r of await rawSum(path)) {
        if (view.total.sums[r.field_key] !== Number(r.total)) throw new Error(`roll-up ${r.field_key} ${view.total.sums[r.field_key]} != ${r.total}`);
      }
    }

    const runs = quick ? 20 : 100;
    const time = async (fn: () => Promise<unknown>) => {
      await fn();
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn();
        samples.push(performance.now() - t0);
      }
      return samples.sort((a, b) => a - b);
    };
    const figures: Figure[] = [];
    const add = (figure: string, samples: number[], baseline: number[]) => {
      for (const p of [50, 99]) {
        const value = percentile(samples, p);
        const base = percentile(baseline, p);
        figures.push({ bench: 'reports-rollup', figure: `${figure} p${p} at ${communities} communities (${db})`, value, unit: 'ms', baseline: base, ratio: base / value });
      }
    };
    add('district roll-up (10 streets)', await time(() => rollup(tree.district.id)), await time(() => rawSum(tree.district.path)));
    add('street roll-up (10 grids)', await time(() => rollup(street.id)), await time(() => rawSum(street.path)));
    return figures;
  } finally {
    await close();
  }
};
