import type { Db } from '../../src/platform/db/database.ts';
import { newId } from '../../src/platform/ids.ts';

// Testing rounds for the browser tests, written straight into the tables (planning has its own tests).

export function firstCommunity(db: Db): Promise<{ id: string; path: string }> {
  return db.selectFrom('jurisdiction_nodes').select(['id', 'path']).where('level_code', '=', 'community').orderBy('path').executeTakeFirstOrThrow();
}

/** An open round 3 over `node`, pools of 10, bags of 20; its roster is up to the test. Returns its id. */
export async function openRound(db: Db, node: { id: string; path: string }): Promise<string> {
  const at = new Date().toISOString();
  const id = newId();
  await db.insertInto('nat_rounds').values({
    id, name: '第三轮全员核酸检测', number: 3, node_id: node.id, node_path: node.path, starts_on: at.slice(0, 10), ends_on: at.slice(0, 10),
    pool_size: 10, bag_size: 20, certificate_valid_hours: 48, required_rule: '{}', status: 'open', roster_built_at: at, created_by: null,
    created_at: at, updated_at: at,
  }).execute();
  return id;
}

/** A site over `node` with one pooled desk. */
export async function siteWithDesk(db: Db, roundId: string, node: { id: string; path: string }): Promise<{ siteId: string; deskId: string }> {
  const at = new Date().toISOString();
  const siteId = newId();
  await db.insertInto('nat_sites').values({
    id: siteId, round_id: roundId, name: '社区广场点位', node_id: node.id, node_path: node.path, address: null,
    opens_at: '07:00', closes_at: '19:00', pool_size: null, created_at: at, updated_at: at,
  }).execute();
  const deskId = newId();
  await db.insertInto('nat_desks').values({ id: deskId, round_id: roundId, site_id: siteId, name: '3号采样台', kind: 'pooled', created_at: at }).execute();
  return { siteId, deskId };
}
