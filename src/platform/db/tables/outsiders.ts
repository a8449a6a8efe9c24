// Outsiders and arrivals (外来人员/返乡人员), the region risk list, the measures rule set (管控措施规则, versioned data)
// and each arrival's measures with their schedule.

/** One version of the measures rule set; immutable once its effective day has come (a change is a new version). */
export interface MeasureRuleVersionTable {
  id: string;
  /** e.g. 第九版防控方案 */
  name: string;
  /** YYYY-MM-DD (Asia/Shanghai): the version applies to arrivals on or after this day, until the next version. */
  effective_from: string;
  /** JSON text: { high: MeasureRule[], medium: [...], low: [...], none: [...] } (see outsiders.schema.ts). */
  rules: string;
  note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** The risk level of a region over a period (data the administrator keeps), picked when registering an arrival. */
export interface RegionRiskTable {
  id: string;
  /** e.g. 湖北省武汉市, 上海市浦东新区 */
  region: string;
  /** high | medium | low | none */
  risk_level: string;
  since: string;
  /** Last day of the level (inclusive); null while still in force. */
  until: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArrivalTable {
  id: string;
  name: string;
  /** id_card | passport | hk_macau_permit | taiwan_permit | household_register | none (as in the registry) */
  id_type: string;
  /** AES-256-GCM ciphertext; the plain number never reaches the database. */
  id_number_enc: string | null;
  /** HMAC blind index of the normalised number (exact search, duplicate detection with arrival_date). */
  id_number_hash: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  /** Free text, e.g. 湖北省武汉市 */
  from_region: string;
  /** high | medium | low | none: the region's level at the time of arrival. */
  risk_level: string;
  arrival_date: string;
  /** The household where staying, or null when staying elsewhere (hotel: stay_text). */
  stay_node_id: string | null;
  stay_text: string | null;
  /** The node that answers for the record: the household, or the community/compound for free-text stays. */
  scope_node_id: string;
  /** Materialised path of scope_node_id; every query scopes on it. */
  scope_path: string;
  /** checkpoint | community */
  registered_via: string;
  checkpoint_name: string | null;
  /** A registry resident this person is, when they are one. */
  resident_id: string | null;
  /** The rule-set version used to propose the measures. */
  rule_version_id: string | null;
  notes: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** Read by door-to-door sampling (nat): keep id, arrival_id, resident_id, node_path, kind, starts_on, ends_on, status. */
export interface ArrivalMeasureTable {
  id: string;
  arrival_id: string;
  resident_id: string | null;
  /** Path of the household where staying; null for a free-text stay (hotel). */
  node_path: string | null;
  /** Path of the arrival's scope node (always set): scoping of the due-today list. */
  scope_path: string;
  /** central_isolation | home_isolation | home_monitoring | tests */
  kind: string;
  starts_on: string;
  ends_on: string;
  /** For kind 'tests': JSON array of YYYY-MM-DD test days; null otherwise. */
  test_days: string | null;
  /** proposed | confirmed | done | cancelled */
  status: string;
  /** What the rule set proposed (kept when the community adjusts). */
  proposed_kind: string;
  proposed_starts_on: string;
  proposed_ends_on: string;
  /** Why the community adjusted or cancelled it. */
  reason: string | null;
  seq: number;
  confirmed_by: string | null;
  confirmed_at: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface OutsidersTables {
  measure_rule_versions: MeasureRuleVersionTable;
  region_risks: RegionRiskTable;
  arrivals: ArrivalTable;
  arrival_measures: ArrivalMeasureTable;
}
