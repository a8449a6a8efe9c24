import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../database.ts';

// Reports: report forms (data), daily and zero submissions, corrections, reminders, and the notification outbox.
export async function up(db: Kysely<any>): Promise<void> {
  const pgDialect = isPostgres(db);
  await db.schema
    .createTable('report_forms')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('node_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('reporter_levels', 'varchar(500)', (c) => c.notNull())
    .addColumn('unit_mode', 'varchar(16)', (c) => c.notNull())
    .addColumn('unit_ids', 'text', (c) => c.notNull())
    .addColumn('deadline', 'varchar(5)', (c) => c.notNull())
    .addColumn('active_from', 'varchar(10)', (c) => c.notNull())
    .addColumn('active_to', 'varchar(10)')
    .addColumn('current_version', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_forms_node').on('report_forms').column('node_id').execute();

  await db.schema
    .createTable('report_form_versions')
    .addColumn('form_id', 'varchar(26)', (c) => c.notNull().references('report_forms.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(26)')
    .addPrimaryKeyConstraint('report_form_versions_pk', ['form_id', 'version'])
    .execute();

  await db.schema
    .createTable('report_submissions')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('form_id', 'varchar(26)', (c) => c.notNull().references('report_forms.id'))
    .addColumn('form_version', 'integer', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('reporter_kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('node_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('unit_id', 'varchar(26)', (c) => c.references('units.id'))
    .addColumn('reporter_key', 'varchar(26)', (c) => c.notNull())
    .addColumn('is_zero', 'integer', (c) => c.notNull())
    .addColumn('late', 'integer', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('submitted_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('submitted_by', 'varchar(26)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // One report per form, day and reporter.
  await db.schema.createIndex('report_submissions_reporter_day').on('report_submissions')
    .columns(['form_id', 'day', 'reporter_key']).unique().execute();
  // The roll-up reads a day's reports of a form with their place, lateness and zero flag from this index alone.
  await db.schema.createIndex('report_submissions_rollup').on('report_submissions')
    .columns(['form_id', 'day', 'node_id', 'id', 'late', 'is_zero']).execute();
  // Who of the expected places has reported (chase list, missing counts), and a place's history.
  await db.schema.createIndex('report_submissions_node').on('report_submissions').columns(['node_id', 'form_id', 'day', 'id']).execute();
  await db.schema.createIndex('report_submissions_unit').on('report_submissions').columns(['unit_id', 'day']).execute();

  await db.schema
    .createTable('report_revisions')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('submission_id', 'varchar(26)', (c) => c.notNull().references('report_submissions.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('values_json', 'text', (c) => c.notNull())
    .addColumn('is_zero', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)')
    .addColumn('made_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('made_by', 'varchar(26)')
    .addColumn('made_by_name', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_revisions_submission').on('report_revisions')
    .columns(['submission_id', 'revision']).unique().execute();

  await db.schema
    .createTable('report_values')
    .addColumn('submission_id', 'varchar(26)', (c) => c.notNull().references('report_submissions.id'))
    .addColumn('form_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('field_key', 'varchar(40)', (c) => c.notNull())
    .addColumn('value', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_values_pk', ['submission_id', 'field_key'])
    // On SQLite the rows live in the primary-key b-tree itself: one search per figure in a roll-up.
    .modifyEnd(pgDialect ? sql`` : sql`without rowid`)
    .execute();
  // A day's figures of a form in report order, read by index alone (the PostgreSQL roll-up groups them per report).
  await db.schema.createIndex('report_values_day').on('report_values')
    .columns(['form_id', 'day', 'submission_id', 'field_key', 'value']).execute();

  await db.schema
    .createTable('report_reminders')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('form_id', 'varchar(26)', (c) => c.notNull().references('report_forms.id'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('reporter_key', 'varchar(26)', (c) => c.notNull())
    .addColumn('reporter_kind', 'varchar(8)', (c) => c.notNull())
    .addColumn('node_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('unit_id', 'varchar(26)', (c) => c.references('units.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(26)')
    .addColumn('created_by_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('notified_at', 'varchar(30)')
    .addColumn('recipients', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  // A reporter is reminded at most once per form and day, however often "一键催报" is pressed.
  await db.schema.createIndex('report_reminders_once').on('report_reminders')
    .columns(['form_id', 'day', 'reporter_key']).unique().execute();

  await db.schema
    .createTable('notifications')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('title', 'varchar(200)', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'varchar(26)')
    .addColumn('recipient_account_id', 'varchar(26)', (c) => c.references('accounts.id'))
    .addColumn('recipient_unit_id', 'varchar(26)')
    .addColumn('recipient_node_id', 'varchar(26)')
    .addColumn('recipient_phone', 'varchar(20)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('read_at', 'varchar(30)')
    .addColumn('delivered_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('notifications_recipient').on('notifications').columns(['recipient_account_id', 'id']).execute();
  await db.schema.createIndex('notifications_undelivered').on('notifications').columns(['delivered_at', 'id']).execute();

  // Hot paths of the roll-up on the tree: a report's place and its path in one index search, and the expected
  // reporters (places at some levels under a path) without touching the other levels' rows.
  await db.schema.createIndex('jurisdiction_nodes_id_path').on('jurisdiction_nodes').columns(['id', 'path', 'level_code']).execute();
  await db.schema.createIndex('jurisdiction_nodes_level_path').on('jurisdiction_nodes').columns(['level_code', 'path', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('jurisdiction_nodes_level_path').ifExists().execute();
  await db.schema.dropIndex('jurisdiction_nodes_id_path').ifExists().execute();
  for (const table of [
    'notifications', 'report_reminders', 'report_values', 'report_revisions', 'report_submissions',
    'report_form_versions', 'report_forms',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
