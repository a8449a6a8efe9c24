import { z } from 'zod';
import { zDate, zId } from '../../platform/validation.ts';

// 工作台/总览: the day's figures of a place (or a unit), by community and by unit. Shared with the web app.

export const OVERVIEW_FIGURES = [
  'dispatched', 'reportedIn', 'onDuty', 'teams', 'teamMembers', 'posts', 'areas', 'pledges', 'pledgeActions',
  'reportsSubmitted', 'reportsMissing',
] as const;
export type OverviewFigure = (typeof OVERVIEW_FIGURES)[number];
export type OverviewFigures = Record<OverviewFigure, number>;

export const OverviewQuery = z.object({
  /** Shanghai day; defaults to today. */
  day: zDate.optional(),
  /** Narrow to a node's subtree (within the account's reach). */
  nodeId: zId.optional(),
});
export type TOverviewQuery = z.infer<typeof OverviewQuery>;

export interface OverviewRow {
  id: string;
  name: string;
  /** A community's parent (street or town); null for units. */
  parentName: string | null;
  figures: OverviewFigures;
}

export interface OverviewFormRow {
  id: string;
  name: string;
  deadline: string;
  expected: number;
  submitted: number;
  missing: number;
  late: number;
}

export interface OverviewView {
  day: string;
  /** The instant "on duty now" refers to (for another day: people who checked in on that day's shifts). */
  now: string;
  isToday: boolean;
  node: { id: string; name: string; levelCode: string } | null;
  /** Figures this account may read (mobilisation, duty, organisation, reports); the others are 0 and hidden. */
  figures: OverviewFigure[];
  totals: OverviewFigures;
  /** One row per community (community or village level) in reach. */
  byCommunity: OverviewRow[];
  /** One row per unit with any figure. */
  byUnit: OverviewRow[];
  /** The day's report forms: who reported and who is missing. */
  forms: OverviewFormRow[];
}
