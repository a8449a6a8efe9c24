// Mobilisation: dispatch batches, report-in, pairing, teams, pledges, volunteer sign-up.

/** 下沉批次: a unit sends some of its people down to a community or street from a date. */
export interface DispatchBatchTable {
  id: string;
  unit_id: string;
  /** The receiving community or street. */
  node_id: string;
  batch_no: string | null;
  name: string;
  starts_on: string;
  ends_on: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** One person of a batch: whether and where they reported in, and where the community put them. */
export interface DispatchMemberTable {
  id: string;
  batch_id: string;
  person_id: string;
  /** Copied from the batch so the receiving and sending sides filter without a join. */
  unit_id: string;
  node_id: string;
  reported_at: string | null;
  /** 'qr' (scanned the community's code) or 'confirm' (the community pressed the button). */
  report_method: string | null;
  /** Where the person reported in: the batch's node, or a community below a street they were sent to. */
  reported_node_id: string | null;
  reported_by: string | null;
  /** 'team' | 'post' | 'area'; the id is of assault_teams / vanguard_posts / responsibility_areas. */
  assignment_kind: string | null;
  assignment_id: string | null;
  assigned_at: string | null;
  created_at: string;
}

/** The report-in QR of a place: the token is looked up by its hash and kept encrypted to show it again. */
export interface ReportInCodeTable {
  node_id: string;
  token_hash: string;
  token_enc: string;
  created_at: string;
  created_by: string | null;
}

/** 结对共建: a unit paired with a community it supports. */
export interface UnitPairingTable {
  id: string;
  unit_id: string;
  node_id: string;
  starts_on: string;
  ends_on: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** 党员突击队 / 青年突击队. */
export interface AssaultTeamTable {
  id: string;
  kind: string;
  name: string;
  node_id: string;
  unit_id: string | null;
  duty: string | null;
  created_at: string;
  updated_at: string;
}

export interface AssaultTeamMemberTable {
  team_id: string;
  person_id: string;
  /** 'leader' | 'deputy' | 'member'; at most one leader and one deputy per team. */
  role: string;
  created_at: string;
}

/** 亮承诺: what a member pledges to do at a place. */
export interface PledgeTable {
  id: string;
  person_id: string;
  node_id: string;
  team_id: string | null;
  content: string;
  pledged_on: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** 践诺: one entry of keeping a pledge. */
export interface PledgeFulfilmentTable {
  id: string;
  pledge_id: string;
  done_on: string;
  note: string;
  created_by: string | null;
  created_at: string;
}

/** 请战 / 志愿者报名 from the public page; the phone is stored only encrypted with its blind index. */
export interface VolunteerSignupTable {
  id: string;
  node_id: string;
  name: string;
  phone_enc: string;
  phone_hash: string;
  political_status: string;
  skills: string;
  availability: string | null;
  note: string | null;
  /** 'pending' | 'approved' | 'declined'. */
  status: string;
  decline_reason: string | null;
  person_id: string | null;
  assignment_kind: string | null;
  assignment_id: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MobilizationTables {
  dispatch_batches: DispatchBatchTable;
  dispatch_members: DispatchMemberTable;
  report_in_codes: ReportInCodeTable;
  unit_pairings: UnitPairingTable;
  assault_teams: AssaultTeamTable;
  assault_team_members: AssaultTeamMemberTable;
  pledges: PledgeTable;
  pledge_fulfilments: PledgeFulfilmentTable;
  volunteer_signups: VolunteerSignupTable;
}
