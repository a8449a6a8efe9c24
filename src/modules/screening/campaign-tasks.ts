import type { ScreeningTaskHouseholdTable } from '../../platform/db/tables/screening.ts';
import { newId } from '../../platform/ids.ts';
import type { ScreeningRepository, TaskRow } from './screening.repository.ts';

/** A campaign over a street stays workable; past this, split it by community. */
export const MAX_CAMPAIGN_HOUSEHOLDS = 50_000;

const segments = (path: string): string[] => path.split('/').filter(Boolean);

/**
 * One task per building of the subtree; households that hang under no building (village houses, say) go to the
 * task of their parent. Door order is the households' path order. Only nodes inside the campaign's subtree are
 * used, so a campaign over one entrance makes one task for that entrance.
 */
export async function planTasks(repo: ScreeningRepository, campaignId: string, root: { id: string; path: string }, at: string) {
  const households = await repo.householdsUnder(root.path);
  const rootDepth = segments(root.path).length;
  const ancestorIds = new Set<string>();
  for (const h of households) for (const id of segments(h.path).slice(rootDepth - 1, -1)) ancestorIds.add(id);
  const nodes = await repo.nodeLevels([...ancestorIds]);

  const tasks = new Map<string, TaskRow>();
  const rows: ScreeningTaskHouseholdTable[] = [];
  const order = new Map<string, number>();
  for (const h of households) {
    const within = segments(h.path).slice(rootDepth - 1, -1);
    const building = [...within].reverse().find((id) => nodes.get(id)?.level_code === 'building');
    const unitId = building ?? within[within.length - 1] ?? h.id;
    const unitPath = nodes.get(unitId)?.path ?? h.path;
    let task = tasks.get(unitId);
    if (!task) {
      task = { id: newId(), campaign_id: campaignId, node_id: unitId, node_path: unitPath, households_total: 0, created_at: at };
      tasks.set(unitId, task);
    }
    task.households_total++;
    const door = (order.get(task.id) ?? 0) + 1;
    order.set(task.id, door);
    rows.push({ campaign_id: campaignId, household_id: h.id, task_id: task.id, household_path: h.path, door_order: door });
  }
  return { tasks: [...tasks.values()], households: rows };
}
