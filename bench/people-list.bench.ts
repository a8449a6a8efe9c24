import { sql } from 'kysely';
import { SYSTEM_ACTOR, type Actor } from '../src/platform/policy.ts';
import { newId } from '../src/platform/ids.ts';
import { createRng } from '../src/modules/demo/random.ts';
import { syntheticPerson } from '../src/modules/demo/synthetic-people.ts';
import { benchApp, percentile, type Bench, type Figure } from './harness.ts';

/**
 * Paged people list at 100,000 people: the service (scope, joins, decrypting masked fields) against a bare
 * keyset SELECT of the same page on the same database. ratio = baseline p50 / service p50 (1 = as fast as raw).
 */
export const peopleList: Bench = async ({ db, quick }) => {
  const total = quick ? 20_000 : 100_000;
  const { ctx, close } = await benchApp(db);
  try {
    const { db: kdb } = ctx.database;
    const at = new Date().toISOString();
    const district = newId();
    await kdb.insertInto('jurisdiction_nodes').values({ id: district, parent_id: null, level_code: 'district', name: '基准区', code: null, path: `/${district}/`, depth: 0, created_at: at, updated_at: at }).execute();
    const communities: Array<{ id: string; path: string }> = [];
    for (let i = 0; i < 50; i++) {
      const id = newId();
      const path = `/${district}/${id}/`;
      communities.push({ id, path });
      await kdb.insertInto('jurisdiction_nodes').values({ id, parent_id: district, level_code: 'community', name: `社区${i}`, code: null, path, depth: 1, created_at: at, updated_at: at }).execute();
    }
    const rng = createRng(1);
    const batch: any[] = [];
    await kdb.transaction().execute(async (trx) => {
      for (let i = 0; i < total; i++) {
        const p = syntheticPerson(rng, { regionCode: '150102', today: '2026-11-23' });
        batch.push({
          id: newId(), name: p.name, sex: p.sex, political_status: 'member', category: 'volunteer', unit_id: null, branch_id: null,
          home_node_id: communities[i % communities.length].id,
          phone_enc: p.phone ? ctx.cipher.encrypt(p.phone) : null, phone_hash: p.phone ? ctx.cipher.blindIndex(p.phone, 'phone') : null,
          id_number_enc: null, id_number_hash: null, skills: '', created_at: at, updated_at: at,
        });
        if (batch.length === 500) await trx.insertInto('people').values(batch.splice(0)).execute();
      }
      if (batch.length) await trx.insertInto('people').values(batch.splice(0)).execute();
    });
    if (db === 'postgres') await sql`analyze`.execute(kdb);

    const ids = (await kdb.selectFrom('people').select('id').orderBy('id').execute()).map((r) => r.id);
    const community = communities[7];
    const communityActor: Actor = { ...SYSTEM_ACTOR, role: 'community_secretary', accountId: newId(), nodeId: community.id, nodePath: community.path };
    const runs = quick ? 50 : 300;
    const time = async (fn: (i: number) => Promise<unknown>) => {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn(i);
        samples.push(performance.now() - t0);
      }
      return samples.sort((a, b) => a - b);
    };
    const after = (i: number) => ids[(i * 7919) % (ids.length - 100)];
    const baseline = await time((i) => kdb.selectFrom('people').selectAll().where('id', '>', after(i)).orderBy('id').limit(51).execute());
    const service = await time((i) => ctx.services.people.list(SYSTEM_ACTOR, { after: after(i), limit: 50 }));
    const scoped = await time((i) => ctx.services.people.list(communityActor, { after: i % 2 ? undefined : after(i), limit: 50 }));
    const named = await time(() => ctx.services.people.list(SYSTEM_ACTOR, { q: '王', limit: 50 }));
    const figures: Figure[] = [];
    const add = (figure: string, samples: number[]) => {
      for (const p of [50, 99]) {
        const value = percentile(samples, p);
        const base = percentile(baseline, p);
        figures.push({ bench: 'people-list', figure: `${figure} p${p} at ${total} people (${db})`, value, unit: 'ms', baseline: base, ratio: base / value });
      }
    };
    add('page of 50 (admin, keyset)', service);
    add('page of 50 (community scope)', scoped);
    add('name search page of 50', named);
    return figures;
  } finally {
    await close();
  }
};
