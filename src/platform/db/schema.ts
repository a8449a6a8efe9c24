import type { DeclarationsTables } from './tables/declarations.ts';
import type { DutyTables } from './tables/duty.ts';
import type { MobilizationTables } from './tables/mobilization.ts';
import type { NatTables } from './tables/nat.ts';
import type { OutsidersTables } from './tables/outsiders.ts';
import type { RegistryTables } from './tables/registry.ts';
import type { ReportsTables } from './tables/reports.ts';
import type { ScreeningTables } from './tables/screening.ts';

// Table types for Kysely. Portable storage conventions (see ARCHITECTURE.md): ids are 26-char text,
// timestamps are UTC ISO-8601 text, calendar days are 'YYYY-MM-DD' text, booleans are 0/1 integers,
// JSON is text. That keeps one code path for SQLite and PostgreSQL.

export interface JurisdictionLevelTable {
  code: string;
  name_zh: string;
  name_en: string;
  /** Depth order: a child's level must have a larger rank than its parent's (levels may be skipped). */
  rank: number;
  created_at: string;
}

export interface JurisdictionNodeTable {
  id: string;
  parent_id: string | null;
  level_code: string;
  name: string;
  code: string | null;
  /** Materialised path of ids, '/A/B/C/'; a subtree is the range [path, path + '~'). */
  path: string;
  depth: number;
  created_at: string;
  updated_at: string;
}

export interface UnitTable {
  id: string;
  name: string;
  kind: string;
  node_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface PartyOrgTable {
  id: string;
  kind: string;
  name: string;
  unit_id: string | null;
  parent_id: string | null;
  node_id: string | null;
  place_kind: string | null;
  place_name: string | null;
  starts_on: string | null;
  ends_on: string | null;
  secretary_person_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResponsibilityAreaTable {
  id: string;
  name: string;
  node_id: string;
  branch_id: string;
  leader_person_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface VanguardPostTable {
  id: string;
  name: string;
  area_id: string;
  node_id: string;
  duty: string | null;
  created_at: string;
  updated_at: string;
}

export interface PostMemberTable {
  post_id: string;
  person_id: string;
  role: string;
  created_at: string;
}

export interface PersonTable {
  id: string;
  name: string;
  sex: string | null;
  political_status: string;
  category: string;
  unit_id: string | null;
  branch_id: string | null;
  home_node_id: string | null;
  /** AES-256-GCM ciphertext; the plain value never reaches the database. */
  phone_enc: string | null;
  /** HMAC blind index for exact search. */
  phone_hash: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  skills: string;
  created_at: string;
  updated_at: string;
}

export interface AccountTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  node_id: string | null;
  unit_id: string | null;
  person_id: string | null;
  active: number;
  must_change_password: number;
  created_at: string;
  updated_at: string;
  last_login_at: string | null;
}

export interface SessionTable {
  /** sha256 of the cookie token: a leaked table does not yield usable cookies. */
  id: string;
  account_id: string;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  locked_until: string | null;
  updated_at: string;
}

export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  /** Scope path of the record (node path) so scoped accounts browse only their subtree's audit rows. */
  scope_path: string | null;
  details: string;
}

export interface SettingTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface FoundationTables {
  jurisdiction_levels: JurisdictionLevelTable;
  jurisdiction_nodes: JurisdictionNodeTable;
  units: UnitTable;
  party_orgs: PartyOrgTable;
  responsibility_areas: ResponsibilityAreaTable;
  vanguard_posts: VanguardPostTable;
  post_members: PostMemberTable;
  people: PersonTable;
  accounts: AccountTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditLogTable;
  settings: SettingTable;
}

/** Every table; each capability after the foundation keeps its table types in tables/<capability>.ts. */
export interface DB extends FoundationTables, MobilizationTables, DutyTables, ReportsTables, RegistryTables,
  ScreeningTables, OutsidersTables, DeclarationsTables, NatTables {}
