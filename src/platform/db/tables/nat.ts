// Mass nucleic-acid testing (核酸检测): rounds, sites and desks, pooled tubes and bags, the samples taken,
// the round's roster of who must be tested, door-to-door sampling, lab results and positive cases.
// Paths (`node_path`) are materialised jurisdiction paths ('/A/B/'), so coverage and scope are range scans.

export interface NatRoundTable {
  id: string;
  /** e.g. 第三轮全员核酸检测 */
  name: string;
  /** The round's number in the outbreak (1, 2, 3…). */
  number: number;
  /** Root of the subtree the round covers. */
  node_id: string;
  node_path: string;
  /** YYYY-MM-DD (Asia/Shanghai) */
  starts_on: string;
  ends_on: string;
  /** 1 | 5 | 10 | 20; a site may override. */
  pool_size: number;
  /** Tubes to a sealed bag (default 20). */
  bag_size: number;
  /** Hours a completion certificate stays valid after sampling (rule data, e.g. 48 or 72). */
  certificate_valid_hours: number;
  /** JSON of the who-must-be-tested rule, see nat schema (e.g. {"exemptUnderAgeYears":3}). */
  required_rule: string;
  /** planned | open | closed */
  status: string;
  /** When the roster (nat_round_residents) was last built from the registry. */
  roster_built_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface NatSiteTable {
  id: string;
  round_id: string;
  /** e.g. 幸福里小区东门广场 */
  name: string;
  /** The place the site stands in (a community or compound node); scopes the site. */
  node_id: string;
  node_path: string;
  address: string | null;
  /** HH:MM local time */
  opens_at: string;
  closes_at: string;
  /** Overrides the round's pool size when set. */
  pool_size: number | null;
  created_at: string;
  updated_at: string;
}

export interface NatDeskTable {
  id: string;
  round_id: string;
  site_id: string;
  /** e.g. 3号采样台 */
  name: string;
  /** single | pooled: single-tube desks serve isolated people and key groups. */
  kind: string;
  created_at: string;
}

export interface NatSiteStaffTable {
  id: string;
  round_id: string;
  site_id: string;
  /** A desk when the role works at one. */
  desk_id: string | null;
  person_id: string;
  /** site_lead | group_lead | sampler | registrar | guide */
  role: string;
  /** ISO time span the person works (for exposure lookup); null = the whole opening hours. */
  from_at: string | null;
  to_at: string | null;
  created_at: string;
}

/** Compounds (or any nodes) assigned to a site: their residents go to that site. */
export interface NatSiteAreaTable {
  round_id: string;
  site_id: string;
  node_id: string;
  node_path: string;
}

/** Batch schedule (分批次): a compound / building / entrance comes to its site in a time slot. */
export interface NatSlotTable {
  id: string;
  round_id: string;
  site_id: string;
  node_id: string;
  node_path: string;
  /** ISO UTC */
  starts_at: string;
  ends_at: string;
  note: string | null;
  created_at: string;
}

/**
 * A resident's personal code (个人码): the signed token carries resident id and serial; re-issuing bumps the
 * serial so a lost printed code stops working.
 */
export interface ResidentCodeTable {
  resident_id: string;
  serial: number;
  issued_at: string;
}

/**
 * The round's roster: one row per resident the round knows of. Built from the registry by the required rule
 * when the round opens (and refreshed on demand); a person sampled who was not on it gets a row with
 * required = 0. Coverage, the untested list and results read only this table.
 */
export interface NatRoundResidentTable {
  round_id: string;
  resident_id: string;
  household_id: string;
  /** Path of the household node, e.g. '/district/street/community/compound/building/entrance/household/'. */
  node_path: string;
  /** 1 = must be tested this round; 0 = exempt or not in the round's population. */
  required: number;
  /** Why exempt: e.g. 'under_age', 'moved_away'; null when required. */
  exempt_reason: string | null;
  /** First accepted sample (ISO UTC); null = untested. */
  sampled_at: string | null;
  sample_id: string | null;
  /** null (pending or untested) | negative | pool_positive | positive | invalid */
  result: string | null;
  /** Put under control by a positive pool or case (status per the rule set), else null. */
  control_status: string | null;
}

export interface NatTubeTable {
  id: string;
  round_id: string;
  /** Barcode printed on the tube; unique within the round. */
  barcode: string;
  site_id: string | null;
  desk_id: string | null;
  /** desk | door | resample */
  source: string;
  /** How many people the tube takes (1 = single tube). */
  capacity: number;
  /** open | closed | bagged | handed_over */
  status: string;
  /** Accepted samples in it (kept in step with nat_samples). */
  sample_count: number;
  bag_id: string | null;
  /** pending | negative | positive | invalid */
  result: string;
  result_at: string | null;
  opened_by: string | null;
  opened_at: string;
  closed_at: string | null;
}

/**
 * One registration of a person into a tube. `id` is made by the client (the desk page), so a retried or
 * re-synced scan is the same row, never a second one.
 */
export interface NatSampleTable {
  id: string;
  round_id: string;
  tube_id: string;
  resident_id: string;
  household_id: string;
  node_path: string;
  site_id: string | null;
  desk_id: string | null;
  door_task_id: string | null;
  /** code | id_number | household | manual */
  method: string;
  /** When the person was scanned at the desk (client time, checked against the server's). */
  sampled_at: string;
  /** Set when the person had already been sampled this round: the earlier sample's id; not counted twice. */
  duplicate_of: string | null;
  /** Set when undone at the desk; an undone sample counts for nothing. */
  undone_at: string | null;
  registrar_id: string | null;
  created_at: string;
}

export interface NatBagTable {
  id: string;
  round_id: string;
  site_id: string | null;
  /** Barcode of the bag (转运袋). */
  barcode: string;
  capacity: number;
  /** open | sealed | handed_over */
  status: string;
  tube_count: number;
  sealed_at: string | null;
  courier_name: string | null;
  /** Tubes the courier's scan counted at handover, to check against tube_count. */
  handed_tube_count: number | null;
  handed_over_at: string | null;
  handed_over_by: string | null;
  created_at: string;
}

/** Home-visit sampling (敲门行动 / 上门采样) for one person in the round. */
export interface NatDoorTaskTable {
  id: string;
  round_id: string;
  resident_id: string;
  household_id: string;
  /** The building (or nearest ancestor) the task is grouped under. */
  building_id: string;
  node_path: string;
  /** special_needs | home_isolation | sealed | resample */
  reason: string;
  /** For a re-sample: the positive pool tube it comes from. */
  source_tube_id: string | null;
  team_id: string | null;
  assignee_person_id: string | null;
  /** open | sampled | nobody_home | refused */
  status: string;
  sample_id: string | null;
  visited_at: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** A lab result file (or a hand entry batch) applied to a round. */
export interface NatLabImportTable {
  id: string;
  round_id: string;
  file_name: string;
  /** sha256 of the file: the same file applied twice changes nothing. */
  file_hash: string;
  lines: number;
  applied_at: string;
  actor_id: string | null;
  actor_name: string;
}

/** A positive single tube: a case for the person, with who and what it touched. */
export interface NatCaseTable {
  id: string;
  round_id: string;
  resident_id: string;
  tube_id: string;
  household_id: string;
  node_path: string;
  detected_at: string;
  /** JSON: household members and the staff who worked the desk at that hour. */
  exposure: string;
  /** open | closed */
  status: string;
  created_at: string;
}

/** A completion certificate withdrawn (sample undone, wrong person…): verification refuses it. */
export interface NatCertificateRevocationTable {
  round_id: string;
  resident_id: string;
  reason: string;
  revoked_at: string;
  actor_id: string | null;
}

export interface NatTables {
  nat_rounds: NatRoundTable;
  nat_sites: NatSiteTable;
  nat_desks: NatDeskTable;
  nat_site_staff: NatSiteStaffTable;
  nat_site_areas: NatSiteAreaTable;
  nat_slots: NatSlotTable;
  resident_codes: ResidentCodeTable;
  nat_round_residents: NatRoundResidentTable;
  nat_tubes: NatTubeTable;
  nat_samples: NatSampleTable;
  nat_bags: NatBagTable;
  nat_door_tasks: NatDoorTaskTable;
  nat_lab_imports: NatLabImportTable;
  nat_cases: NatCaseTable;
  nat_certificate_revocations: NatCertificateRevocationTable;
}
