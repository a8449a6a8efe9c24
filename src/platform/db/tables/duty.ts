// Duty: duty posts, coverage, shifts, roster, check-ins, swaps, availability, succession, daily notes.
// Global duty rules (minimum rest, late grace, …) are a JSON value in `settings` under 'duty.rules'.

/** A place that must be staffed: a gate, a sampling site, the duty phone, an isolation site. */
export interface DutyPostTable {
  id: string;
  name: string;
  /** gate | sampling | duty_phone | isolation_site | other */
  kind: string;
  node_id: string;
  vanguard_post_id: string | null;
  phone: string | null;
  note: string | null;
  /** Random, unguessable; printed in the post's QR code for check-in. */
  token: string;
  /** Per-post overrides of the global rules; null: use the global value. */
  min_rest_minutes: number | null;
  late_grace_minutes: number | null;
  active: number;
  created_at: string;
  updated_at: string;
}

/** One line of a post's coverage requirement: a daily shift (Shanghai wall clock) and how many people it needs. */
export interface DutyShiftTemplateTable {
  id: string;
  post_id: string;
  name: string;
  /** 'HH:MM'; an end not after the start means the shift crosses midnight (equal: a 24-hour rotation). */
  start_time: string;
  end_time: string;
  required: number;
  night: number;
  /** ISO weekdays it applies to, e.g. '1234567' (Monday = 1). */
  weekdays: string;
  sort: number;
  created_at: string;
}

/** The post's lead chain: rank 0 the lead, 1 the deputy, then the next in line. */
export interface DutyPostLeadTable {
  post_id: string;
  rank: number;
  person_id: string;
  created_at: string;
}

/** A concrete shift generated from a template for one Shanghai day. */
export interface DutyShiftTable {
  id: string;
  post_id: string;
  template_id: string | null;
  /** Shanghai day the shift starts on. */
  day: string;
  name: string;
  starts_at: string;
  ends_at: string;
  required: number;
  night: number;
  created_at: string;
  updated_at: string;
}

export interface DutyAssignmentTable {
  id: string;
  shift_id: string;
  person_id: string;
  /** active | released (unavailability) | swapped (replaced by an approved swap) */
  status: string;
  /** manual | assistant | swap */
  source: string;
  released_reason: string | null;
  released_at: string | null;
  unavailability_id: string | null;
  created_at: string;
  updated_at: string;
}

/** One person's presence on one shift: check-in and (maybe) check-out. The id is the check-in's client id. */
export interface DutyAttendanceTable {
  id: string;
  shift_id: string;
  person_id: string;
  checked_in_at: string;
  /** qr | button */
  check_in_method: string;
  late_minutes: number;
  checked_out_at: string | null;
  check_out_id: string | null;
  recorded_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface DutySwapTable {
  id: string;
  assignment_id: string;
  from_person_id: string;
  to_person_id: string;
  /** proposed | approved | rejected */
  status: string;
  reason: string | null;
  proposed_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  new_assignment_id: string | null;
  created_at: string;
  updated_at: string;
}

/** Weekly windows a person declared they can serve in (none declared: any time). */
export interface DutyAvailabilityTable {
  id: string;
  person_id: string;
  weekday: number;
  start_time: string;
  end_time: string;
  created_at: string;
}

export interface DutyUnavailabilityTable {
  id: string;
  person_id: string;
  from_at: string;
  to_at: string;
  /** isolation | sick | leave | other */
  reason: string;
  note: string | null;
  released_count: number;
  created_by: string | null;
  created_at: string;
}

/** Who became acting lead of a post, replacing whom, from when until when, and why. */
export interface DutySuccessionTable {
  id: string;
  post_id: string;
  from_person_id: string;
  /** null: nobody in the chain was available. */
  to_person_id: string | null;
  from_at: string;
  until_at: string;
  reason: string;
  unavailability_id: string | null;
  created_by: string | null;
  created_at: string;
}

export interface DutyDailyNoteTable {
  id: string;
  person_id: string;
  day: string;
  content: string;
  author_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface DutyTables {
  duty_posts: DutyPostTable;
  duty_shift_templates: DutyShiftTemplateTable;
  duty_post_leads: DutyPostLeadTable;
  duty_shifts: DutyShiftTable;
  duty_assignments: DutyAssignmentTable;
  duty_attendance: DutyAttendanceTable;
  duty_swaps: DutySwapTable;
  duty_availability: DutyAvailabilityTable;
  duty_unavailability: DutyUnavailabilityTable;
  duty_successions: DutySuccessionTable;
  duty_daily_notes: DutyDailyNoteTable;
}
