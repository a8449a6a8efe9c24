import { sql } from 'kysely';
import { newId } from '../src/platform/ids.ts';
import { SYSTEM_ACTOR } from '../src/platform/policy.ts';
import { benchApp, percentile, type Bench, type Figure } from './harness.ts';
import { benchTree, resident } from './registry-rows.ts';

/**
 * Exact search by ID number and by mobile among N residents (1,000,000; 20,000 with FANGKONG_BENCH_QUICK=1),
 * through RegistryService.list (normalising the number, blind index, scope, joins, decrypting the masked
 * fields of the page). Baseline, same run: a bare SELECT of the row by its blind index. Target: service
 * p50 and p99 < 5 ms. ratio = baseline / service (1 = as fast as the bare query).
 */
export const registrySearch: Bench = async ({ db, quick }) => {
  const total = Number(process.env.FANGKONG_BENCH_ROWS) || (quick ? 20_000 : 1_000_000);
  const { ctx, close } = await benchApp(db);
  try {
    const kdb = ctx.database.db;
    const { entranceIds } = await benchTree(ctx, total);
    const at = new Date().toISOString();
    const households: string[] = [];
    const nodes = entranceIds.flatMap((e) => Array.from({ length: 30 }, (_, k) => {
      const id = newId();
      households.push(id);
      return { id, parent_id: e, level_code: 'household', name: `${k + 1}室`, code: null, path: `/bench/${e}/${id}/`, depth: 6, created_at: at, updated_at: at };
    }));
    for (let i = 0; i < nodes.length; i += 2000) await kdb.insertInto('jurisdiction_nodes').values(nodes.slice(i, i + 2000)).execute();
    const chunk = 1000;
    for (let i = 0; i < total; i += chunk) {
      const rows = [];
      for (let j = i; j < Math.min(total, i + chunk); j++) {
        const r = resident(j);
        rows.push({
          id: newId(), household_id: households[Math.floor(j / 3) % households.length], name: r.name, sex: r.sex, birth_date: r.birthDate,
          birth_year: Number(r.birthDate.slice(0, 4)), id_type: 'id_card',
          id_number_enc: ctx.cipher.encrypt(r.idNumber), id_number_hash: ctx.cipher.blindIndex(r.idNumber, 'id_number'),
          phone_enc: ctx.cipher.encrypt(r.phone), phone_hash: ctx.cipher.blindIndex(r.phone, 'phone'),
          relation: 'head', residence_type: 'permanent', status: 'active', status_date: null, notes: null, anonymised_at: null, created_at: at, updated_at: at,
        });
      }
      await kdb.insertInto('residents').values(rows).execute();
    }
    if (db === 'postgres') await sql`analyze`.execute(kdb);

    const runs = quick ? 200 : 1000;
    const pick = (i: number) => resident((i * 7919) % total);
    const time = async (fn: (i: number) => Promise<unknown>) => {
      for (let i = 0; i < 20; i++) await fn(i); // warm-up
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn(i);
        samples.push(performance.now() - t0);
      }
      return samples.sort((a, b) => a - b);
    };
    const registry = ctx.services.registry;
    const figures: Figure[] = [];
    const check = async (found: Promise<{ items: unknown[] }>) => {
      if ((await found).items.length !== 1) throw new Error('search did not find exactly one resident');
    };
    for (const [label, value, purpose] of [['ID number', (i: number) => pick(i).idNumber, 'id_number'], ['mobile', (i: number) => pick(i).phone, 'phone']] as const) {
      const baseline = await time((i) => kdb.selectFrom('residents').selectAll().where(purpose === 'phone' ? 'phone_hash' : 'id_number_hash', '=', ctx.cipher.blindIndex(value(i), purpose)).limit(51).execute());
      const service = await time((i) => check(registry.list(SYSTEM_ACTOR, { q: value(i), limit: 50 })));
      for (const p of [50, 99]) {
        const v = percentile(service, p);
        const b = percentile(baseline, p);
        figures.push({ bench: 'registry-search', figure: `exact ${label} search p${p} at ${total} residents (${db}; target < 5 ms)`, value: v, unit: 'ms', baseline: b, ratio: b / v });
      }
    }
    return figures;
  } finally {
    await close();
  }
};
