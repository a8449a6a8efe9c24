// Staff declarations of units (人员动向和身体状况申报): a unit's campaign over a period, one entry per staff member
// (with a personal link token), and the earlier versions of corrected declarations.

export interface DeclarationCampaignTable {
  id: string;
  unit_id: string;
  /** e.g. 春节期间人员动向和身体状况 */
  title: string;
  starts_on: string;
  ends_on: string;
  /** open | closed */
  status: string;
  note: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** One staff member's declaration in a campaign; declared_at null = not declared yet. */
export interface DeclarationEntryTable {
  id: string;
  campaign_id: string;
  unit_id: string;
  person_id: string;
  /** SHA-256 of the personal link token (the lookup); the token itself only encrypted, to show the link again. */
  token_hash: string;
  token_enc: string;
  declared_at: string | null;
  /** liaison | link */
  declared_via: string | null;
  declared_by: string | null;
  /** stayed | left */
  whereabouts: string | null;
  destination: string | null;
  left_on: string | null;
  return_on: string | null;
  /** high | medium | low | none: risk level of the destination */
  destination_risk: string | null;
  /** normal | fever | symptoms */
  health: string | null;
  symptoms: string | null;
  /** 0/1: contact with risk areas or cases */
  risk_contact: number | null;
  contact_text: string | null;
  /** 0/1: left to a risk area, fever/symptoms or risk contact */
  flagged: number;
  /** Number of declarations made (corrections count up); earlier ones are in declaration_history. */
  version: number;
  reminded_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface DeclarationHistoryTable {
  id: string;
  entry_id: string;
  version: number;
  /** JSON text of the declaration as it was (the same fields as the entry). */
  data: string;
  declared_at: string;
  declared_via: string;
  declared_by: string | null;
}

export interface DeclarationsTables {
  declaration_campaigns: DeclarationCampaignTable;
  declaration_entries: DeclarationEntryTable;
  declaration_history: DeclarationHistoryTable;
}
