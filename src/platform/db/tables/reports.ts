// Reports: report forms (data), daily and zero submissions, corrections, reminders, and the notification outbox.

export interface ReportFormTable {
  id: string;
  name: string;
  /** Where the form applies: reporters in this node's subtree; null = everywhere (set by an administrator). */
  node_id: string | null;
  /** JSON array of jurisdiction level codes whose nodes report, e.g. ["community"]. */
  reporter_levels: string;
  /** 'none' | 'all' (every unit located in the form's subtree) | 'listed' (unit_ids). */
  unit_mode: string;
  /** JSON array of unit ids when unit_mode = 'listed'. */
  unit_ids: string;
  /** Daily deadline, Asia/Shanghai wall clock 'HH:MM'. */
  deadline: string;
  active_from: string;
  active_to: string | null;
  current_version: number;
  created_at: string;
  updated_at: string;
}

export interface ReportFormVersionTable {
  form_id: string;
  version: number;
  /** JSON array of ReportField. */
  fields: string;
  created_at: string;
  created_by: string | null;
}

export interface ReportSubmissionTable {
  id: string;
  form_id: string;
  /** The form version the report was made with; corrections keep it. */
  form_version: number;
  /** Shanghai calendar day the report is for. */
  day: string;
  reporter_kind: string;
  node_id: string | null;
  unit_id: string | null;
  /** node_id or unit_id: one report per form, day and reporter. */
  reporter_key: string;
  is_zero: number;
  late: number;
  /** JSON object of the latest revision's values. */
  values_json: string;
  revision: number;
  submitted_at: string;
  submitted_by: string | null;
  updated_at: string;
}

export interface ReportRevisionTable {
  id: string;
  submission_id: string;
  revision: number;
  values_json: string;
  is_zero: number;
  reason: string | null;
  made_at: string;
  made_by: string | null;
  made_by_name: string;
}

/** The latest revision's numeric and yes/no values, one row per field, so roll-ups are plain portable SUMs. */
export interface ReportValueTable {
  submission_id: string;
  /** The report's form and day, copied (they never change) so a day's values are read by index alone. */
  form_id: string;
  day: string;
  field_key: string;
  value: number;
}

export interface ReportReminderTable {
  id: string;
  form_id: string;
  day: string;
  reporter_key: string;
  reporter_kind: string;
  node_id: string | null;
  unit_id: string | null;
  created_at: string;
  created_by: string | null;
  created_by_name: string;
  /** Set when the messages were handed to the notifier; a reminder is sent once. */
  notified_at: string | null;
  recipients: number;
}

/** Outbox: every message the platform sends; the in-app list reads it, a later SMS/WeChat adapter drains it. */
export interface NotificationTable {
  id: string;
  kind: string;
  title: string;
  body: string;
  ref_id: string | null;
  recipient_account_id: string | null;
  recipient_unit_id: string | null;
  recipient_node_id: string | null;
  recipient_phone: string | null;
  created_at: string;
  read_at: string | null;
  /** Set by an external delivery adapter once sent over its channel. */
  delivered_at: string | null;
}

export interface ReportsTables {
  report_forms: ReportFormTable;
  report_form_versions: ReportFormVersionTable;
  report_submissions: ReportSubmissionTable;
  report_revisions: ReportRevisionTable;
  report_values: ReportValueTable;
  report_reminders: ReportReminderTable;
  notifications: NotificationTable;
}
