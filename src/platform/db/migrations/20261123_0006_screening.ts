import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../database.ts';

// Door-to-door screening: campaigns, tasks per building, households of a task, assignees, visits, latest status.
export async function up(db: Kysely<any>): Promise<void> {
  // Byte-order collation keeps the '/A/B/' path range scans correct under any PostgreSQL locale.
  const pathCollation = isPostgres(db) ? sql`collate "C"` : sql``;
  await db.schema
    .createTable('screening_campaigns')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('node_id', 'varchar(26)', (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('node_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('start_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('end_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('record_temperature', 'integer', (c) => c.notNull())
    .addColumn('record_symptoms', 'integer', (c) => c.notNull())
    .addColumn('record_travel', 'integer', (c) => c.notNull())
    .addColumn('fever_threshold', 'double precision', (c) => c.notNull())
    .addColumn('notes', 'varchar(500)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_by', 'varchar(26)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('screening_campaigns_path').on('screening_campaigns').columns(['node_path', 'id']).execute();

  await db.schema
    .createTable('screening_tasks')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('campaign_id', 'varchar(26)', (c) => c.notNull().references('screening_campaigns.id'))
    .addColumn('node_id', 'varchar(26)', (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('node_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('households_total', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('screening_tasks_campaign_node', ['campaign_id', 'node_id'])
    .execute();
  await db.schema.createIndex('screening_tasks_campaign_path').on('screening_tasks').columns(['campaign_id', 'node_path']).execute();

  await db.schema
    .createTable('screening_task_households')
    .addColumn('campaign_id', 'varchar(26)', (c) => c.notNull().references('screening_campaigns.id'))
    .addColumn('household_id', 'varchar(26)', (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('task_id', 'varchar(26)', (c) => c.notNull().references('screening_tasks.id'))
    .addColumn('household_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('door_order', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_task_households_pk', ['campaign_id', 'household_id'])
    .execute();
  await db.schema.createIndex('screening_task_households_task').on('screening_task_households').columns(['task_id', 'door_order']).execute();

  await db.schema
    .createTable('screening_assignees')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('task_id', 'varchar(26)', (c) => c.notNull().references('screening_tasks.id'))
    .addColumn('person_id', 'varchar(26)', (c) => c.references('people.id'))
    .addColumn('account_id', 'varchar(26)', (c) => c.references('accounts.id'))
    .addColumn('assigned_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('screening_assignees_task').on('screening_assignees').column('task_id').execute();
  await db.schema.createIndex('screening_assignees_person').on('screening_assignees').column('person_id').execute();
  await db.schema.createIndex('screening_assignees_account').on('screening_assignees').column('account_id').execute();

  await db.schema
    .createTable('screening_visits')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('campaign_id', 'varchar(26)', (c) => c.notNull().references('screening_campaigns.id'))
    .addColumn('task_id', 'varchar(26)', (c) => c.notNull().references('screening_tasks.id'))
    .addColumn('household_id', 'varchar(26)', (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('visited_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(26)')
    .addColumn('actor_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('people_present', 'integer', (c) => c.notNull())
    .addColumn('symptomatic', 'integer', (c) => c.notNull())
    .addColumn('arrivals', 'integer', (c) => c.notNull())
    .addColumn('needs_found', 'integer', (c) => c.notNull())
    .addColumn('new_people', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('screening_visits_household').on('screening_visits').columns(['campaign_id', 'household_id', 'id']).execute();

  await db.schema
    .createTable('screening_visit_people')
    .addColumn('visit_id', 'varchar(26)', (c) => c.notNull().references('screening_visits.id'))
    .addColumn('resident_id', 'varchar(26)', (c) => c.notNull().references('residents.id'))
    .addColumn('temperature', 'double precision')
    .addColumn('symptoms', 'varchar(500)', (c) => c.notNull())
    .addColumn('symptomatic', 'integer', (c) => c.notNull())
    .addColumn('travel_from', 'varchar(100)')
    .addColumn('arrival_date', 'varchar(10)')
    .addColumn('is_new', 'integer', (c) => c.notNull())
    .addColumn('needs_added', 'varchar(500)', (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_visit_people_pk', ['visit_id', 'resident_id'])
    .execute();

  await db.schema
    .createTable('screening_household_status')
    .addColumn('campaign_id', 'varchar(26)', (c) => c.notNull().references('screening_campaigns.id'))
    .addColumn('household_id', 'varchar(26)', (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('task_id', 'varchar(26)', (c) => c.notNull().references('screening_tasks.id'))
    .addColumn('last_visit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('outcome', 'varchar(16)', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addColumn('people_present', 'integer', (c) => c.notNull())
    .addColumn('symptomatic', 'integer', (c) => c.notNull())
    .addColumn('arrivals', 'integer', (c) => c.notNull())
    .addColumn('needs_found', 'integer', (c) => c.notNull())
    .addColumn('new_people', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_household_status_pk', ['campaign_id', 'household_id'])
    .execute();
  await db.schema.createIndex('screening_household_status_task').on('screening_household_status').columns(['task_id', 'outcome']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'screening_household_status', 'screening_visit_people', 'screening_visits', 'screening_assignees',
    'screening_task_households', 'screening_tasks', 'screening_campaigns',
  ]) await db.schema.dropTable(table).ifExists().execute();
}
