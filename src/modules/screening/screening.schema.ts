import { z } from 'zod';
import { ResidentInput, NEED_KINDS, type NeedKind, type ResidentView } from '../registry/registry.schema.ts';
import { LIMITS, zDate, zId, zOptionalText, zText } from '../../platform/validation.ts';

// Inputs and views of door-to-door screening (入户登记排查), shared by the API and the web pages.

export const OUTCOMES = ['visited', 'nobody_home', 'refused'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const SYMPTOMS = ['fever', 'cough', 'sore_throat', 'fatigue', 'loss_taste_smell', 'short_breath', 'diarrhoea', 'runny_nose'] as const;
export type Symptom = (typeof SYMPTOMS)[number];

export const SCREENING_LIMITS = {
  name: 100, region: 100, campaignDays: 93, tempMin: 34, tempMax: 43, peoplePerVisit: 30, assignees: 20,
} as const;

export const CampaignInput = z.object({
  /** Client-made id: a retried create answers with the same campaign (and makes no second set of tasks). */
  id: zId.optional(),
  name: zText(SCREENING_LIMITS.name),
  nodeId: zId,
  startDate: zDate,
  endDate: zDate,
  recordTemperature: z.boolean().default(true),
  recordSymptoms: z.boolean().default(true),
  recordTravel: z.boolean().default(true),
  /** °C at or above which a temperature counts as fever (37.3 in most guidance of the time). */
  feverThreshold: z.number().min(36).max(39).default(37.3),
  notes: zOptionalText(LIMITS.note),
}).refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'date.range' });
export type TCampaignInput = z.infer<typeof CampaignInput>;

export const CampaignListQuery = z.object({ status: z.enum(['open', 'closed', 'all']).default('all') });

export const AssigneesInput = z.object({
  personIds: z.array(zId).max(SCREENING_LIMITS.assignees).default([]),
  accountIds: z.array(zId).max(SCREENING_LIMITS.assignees).default([]),
});
export type TAssigneesInput = z.infer<typeof AssigneesInput>;

const zTemperature = z.number()
  .min(SCREENING_LIMITS.tempMin, 'screening.temperature_range').max(SCREENING_LIMITS.tempMax, 'screening.temperature_range')
  .transform((v) => Math.round(v * 10) / 10);

/** What was seen of one person at the door. */
const Observation = {
  temperature: zTemperature.nullish(),
  symptoms: z.array(z.enum(SYMPTOMS)).max(SYMPTOMS.length).default([])
    .refine((l) => new Set(l).size === l.length, 'screening.symptom_duplicate'),
  /** Where the person came from recently (region text as told), and the day of arrival. */
  travelFrom: zOptionalText(SCREENING_LIMITS.region),
  arrivalDate: zDate.nullish(),
};

export const PresentPerson = z.object({
  residentId: zId,
  ...Observation,
  /** Special needs found at the door; added to the resident's flags (never removed by a visit). */
  needsFound: z.array(z.enum(NEED_KINDS)).max(NEED_KINDS.length).default([]),
});

/** A person found at the door who is not registered: registered in this household through the registry's rules. */
export const NewPerson = ResidentInput.omit({ householdId: true }).extend({
  /** Required here: the phone may retry, and the retry must not register the person twice. */
  id: zId,
  ...Observation,
});

export const VisitInput = z.object({
  /** Client-made id of the visit: a retry answers with the same result. */
  id: zId,
  householdId: zId,
  outcome: z.enum(OUTCOMES),
  present: z.array(PresentPerson).max(SCREENING_LIMITS.peoplePerVisit).default([])
    .refine((l) => new Set(l.map((p) => p.residentId)).size === l.length, 'screening.person_duplicate'),
  newPeople: z.array(NewPerson).max(SCREENING_LIMITS.peoplePerVisit).default([]),
  note: zOptionalText(LIMITS.note),
});
export type TVisitInput = z.infer<typeof VisitInput>;
export type TPresentPerson = z.infer<typeof PresentPerson>;
export type TNewPerson = z.infer<typeof NewPerson>;

export interface CampaignView {
  id: string;
  name: string;
  nodeId: string;
  nodeName: string;
  startDate: string;
  endDate: string;
  recordTemperature: boolean;
  recordSymptoms: boolean;
  recordTravel: boolean;
  feverThreshold: number;
  notes: string | null;
  status: 'open' | 'closed';
  tasks: number;
  householdsTotal: number;
  createdAt: string;
}

export interface Counts {
  householdsTotal: number;
  visited: number;
  nobodyHome: number;
  refused: number;
  notYet: number;
  peoplePresent: number;
  symptomatic: number;
  arrivals: number;
  needsFound: number;
  newPeople: number;
}

export interface AssigneeView {
  personId: string | null;
  accountId: string | null;
  name: string;
}

export interface TaskProgressRow extends Counts {
  taskId: string;
  nodeId: string;
  /** The building's places below the campaign node, e.g. 阳光花园 1号楼. */
  name: string;
  assignees: AssigneeView[];
}

export interface CampaignProgress {
  campaign: CampaignView;
  tasks: TaskProgressRow[];
  total: Counts;
  at: string;
}

export interface TabulationRow extends Counts {
  nodeId: string | null;
  name: string;
  /** For buildings: the compound and community it lies in. */
  parentName: string | null;
}

export interface Tabulation {
  campaign: CampaignView;
  buildings: TabulationRow[];
  compounds: TabulationRow[];
  communities: TabulationRow[];
  total: Counts;
}

export interface MyTaskView extends Counts {
  taskId: string;
  campaignId: string;
  campaignName: string;
  name: string;
  startDate: string;
  endDate: string;
}

export interface VisitPersonView {
  residentId: string;
  name: string;
  temperature: number | null;
  symptoms: Symptom[];
  symptomatic: boolean;
  travelFrom: string | null;
  arrivalDate: string | null;
  isNew: boolean;
  needsAdded: NeedKind[];
}

export interface VisitView {
  id: string;
  householdId: string;
  outcome: Outcome;
  visitedAt: string;
  actorName: string;
  note: string | null;
  people: VisitPersonView[];
}

export interface TaskHouseholdView {
  householdId: string;
  /** Places below the task's building, e.g. 1单元 101室. */
  name: string;
  doorOrder: number;
  outcome: Outcome | null;
  visits: number;
  lastVisitAt: string | null;
  symptomatic: number;
  residents: ResidentView[];
}

export interface TaskView {
  id: string;
  campaign: CampaignView;
  nodeId: string;
  name: string;
  assignees: AssigneeView[];
  households: TaskHouseholdView[];
  counts: Counts;
  canManage: boolean;
}

export interface VisitResult {
  visit: VisitView;
  counts: Counts;
}
