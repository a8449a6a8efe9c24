import { pathBelow } from '../registry/registry.views.ts';
import type { AssigneeRow, CampaignRow, TaskCountsRow } from './screening.repository.ts';
import type { AssigneeView, CampaignView, Counts } from './screening.schema.ts';

export function campaignView(c: CampaignRow, nodeName: string, size?: { tasks: number; households: number }): CampaignView {
  return {
    id: c.id, name: c.name, nodeId: c.node_id, nodeName, startDate: c.start_date, endDate: c.end_date,
    recordTemperature: c.record_temperature === 1, recordSymptoms: c.record_symptoms === 1, recordTravel: c.record_travel === 1,
    feverThreshold: Number(c.fever_threshold), notes: c.notes, status: c.status as CampaignView['status'],
    tasks: size?.tasks ?? 0, householdsTotal: size?.households ?? 0, createdAt: c.created_at,
  };
}

export function emptyCounts(): Counts {
  return { householdsTotal: 0, visited: 0, nobodyHome: 0, refused: 0, notYet: 0, peoplePresent: 0, symptomatic: 0, arrivals: 0, needsFound: 0, newPeople: 0 };
}

export function countsOf(r: TaskCountsRow): Counts {
  return {
    householdsTotal: r.households_total, visited: r.visited, nobodyHome: r.nobody_home, refused: r.refused,
    notYet: Math.max(0, r.households_total - r.visited - r.nobody_home - r.refused),
    peoplePresent: r.people_present, symptomatic: r.symptomatic, arrivals: r.arrivals, needsFound: r.needs_found, newPeople: r.new_people,
  };
}

const COUNT_KEYS = Object.keys(emptyCounts()) as Array<keyof Counts>;

/** Adds the figures of `c` into `into` (which may carry other fields, e.g. a row's name). */
export function addCounts<T extends Counts>(into: T, c: Counts): T {
  for (const k of COUNT_KEYS) into[k] += c[k];
  return into;
}

/** Ids naming a task under its campaign (compound, building…); the task's own node when it is the campaign's node. */
export function taskNameIds(taskNodeId: string, taskPath: string, campaignPath: string): string[] {
  const below = pathBelow(taskPath, campaignPath);
  return below.length > 0 ? below : [taskNodeId];
}

export function assigneeViews(rows: AssigneeRow[]): Map<string, AssigneeView[]> {
  const map = new Map<string, AssigneeView[]>();
  for (const r of rows) {
    const view: AssigneeView = { personId: r.person_id, accountId: r.account_id, name: r.person_name ?? r.account_name ?? '' };
    map.set(r.task_id, [...(map.get(r.task_id) ?? []), view]);
  }
  return map;
}
