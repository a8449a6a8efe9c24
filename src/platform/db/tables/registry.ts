// Registry (居民登记): residents of households, their special needs, and the history of moves and status changes.

export interface ResidentTable {
  id: string;
  /** A jurisdiction node of level 'household'. */
  household_id: string;
  name: string;
  sex: string | null;
  /** YYYY-MM-DD; null once retention has cut it down to the year. */
  birth_date: string | null;
  birth_year: number | null;
  /** id_card | passport | hk_macau_permit | taiwan_permit | household_register | none */
  id_type: string;
  /** AES-256-GCM ciphertext; the plain number never reaches the database. */
  id_number_enc: string | null;
  /** HMAC blind index of the normalised number, for exact search. */
  id_number_hash: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  relation: string;
  /** permanent | temporary | outsider */
  residence_type: string;
  /** active | moved_away | deceased */
  status: string;
  status_date: string | null;
  notes: string | null;
  /** Set when retention anonymised the record (UTC ISO); counts stay, personal data goes. */
  anonymised_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ResidentNeedTable {
  resident_id: string;
  /** immobile | disabled | infant | pregnant | chronic_illness | lives_alone */
  kind: string;
  /** What the person needs at the door (medicine, carried supplies, sampling at home…). */
  note: string | null;
}

export interface ResidentEventTable {
  id: string;
  resident_id: string;
  /** registered | moved | moved_away | deceased | returned */
  kind: string;
  from_household_id: string | null;
  to_household_id: string | null;
  /** The day it happened (YYYY-MM-DD, Asia/Shanghai). */
  on_date: string;
  reason: string | null;
  actor_id: string | null;
  actor_name: string;
  at: string;
}

export interface RegistryTables {
  residents: ResidentTable;
  resident_needs: ResidentNeedTable;
  resident_events: ResidentEventTable;
}
