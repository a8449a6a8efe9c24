// Door-to-door screening (入户登记排查): campaigns over a subtree, one task per building (or village), the
// households each task walks in door order, who works a task, and every visit with the people seen.

export interface ScreeningCampaignTable {
  id: string;
  name: string;
  /** Root of the screened subtree. */
  node_id: string;
  node_path: string;
  start_date: string;
  end_date: string;
  /** What the doorstep form asks for (0/1): the campaign decides, not the code. */
  record_temperature: number;
  record_symptoms: number;
  record_travel: number;
  /** A temperature at or above this (°C) counts as fever; the threshold changed during the epidemic. */
  fever_threshold: number;
  notes: string | null;
  /** open | closed */
  status: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScreeningTaskTable {
  id: string;
  campaign_id: string;
  /** A building, or a village/compound/entrance whose households hang directly under it. */
  node_id: string;
  node_path: string;
  households_total: number;
  created_at: string;
}

export interface ScreeningTaskHouseholdTable {
  campaign_id: string;
  household_id: string;
  task_id: string;
  household_path: string;
  /** Door order within the task (the households' path order when the campaign was made). */
  door_order: number;
}

export interface ScreeningAssigneeTable {
  id: string;
  task_id: string;
  /** Exactly one of person_id (a person of the workforce) and account_id is set. */
  person_id: string | null;
  account_id: string | null;
  assigned_at: string;
}

export interface ScreeningVisitTable {
  /** Client-made id: a retried submission answers with the same visit. */
  id: string;
  campaign_id: string;
  task_id: string;
  household_id: string;
  /** visited | nobody_home | refused */
  outcome: string;
  visited_at: string;
  actor_id: string | null;
  actor_name: string;
  note: string | null;
  people_present: number;
  symptomatic: number;
  arrivals: number;
  needs_found: number;
  new_people: number;
}

export interface ScreeningVisitPersonTable {
  visit_id: string;
  resident_id: string;
  /** °C, one decimal; null when not taken. */
  temperature: number | null;
  /** JSON array of symptom codes. */
  symptoms: string;
  symptomatic: number;
  travel_from: string | null;
  arrival_date: string | null;
  /** 1 when the person was found at this visit and registered by it. */
  is_new: number;
  /** JSON array of need kinds added by this visit. */
  needs_added: string;
}

/** The latest visit of each household in a campaign: what progress and the night tabulation count. */
export interface ScreeningHouseholdStatusTable {
  campaign_id: string;
  household_id: string;
  task_id: string;
  last_visit_id: string;
  outcome: string;
  visits: number;
  people_present: number;
  symptomatic: number;
  arrivals: number;
  needs_found: number;
  new_people: number;
  updated_at: string;
}

export interface ScreeningTables {
  screening_campaigns: ScreeningCampaignTable;
  screening_tasks: ScreeningTaskTable;
  screening_task_households: ScreeningTaskHouseholdTable;
  screening_assignees: ScreeningAssigneeTable;
  screening_visits: ScreeningVisitTable;
  screening_visit_people: ScreeningVisitPersonTable;
  screening_household_status: ScreeningHouseholdStatusTable;
}
