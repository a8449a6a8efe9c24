import { sql, type Kysely } from 'kysely';

// Duty: duty posts, coverage, shifts, roster, check-ins, swaps, availability, succession, daily notes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('duty_posts')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('node_id', 'varchar(26)', (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('vanguard_post_id', 'varchar(26)', (c) => c.references('vanguard_posts.id'))
    .addColumn('phone', 'varchar(30)')
    .addColumn('note', 'varchar(500)')
    .addColumn('token', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('min_rest_minutes', 'integer')
    .addColumn('late_grace_minutes', 'integer')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_posts_node').on('duty_posts').columns(['node_id', 'name']).execute();

  await db.schema
    .createTable('duty_shift_templates')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('post_id', 'varchar(26)', (c) => c.notNull().references('duty_posts.id'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('start_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('end_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('night', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('weekdays', 'varchar(7)', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_shift_templates_post').on('duty_shift_templates').columns(['post_id', 'sort']).execute();

  await db.schema
    .createTable('duty_post_leads')
    .addColumn('post_id', 'varchar(26)', (c) => c.notNull().references('duty_posts.id'))
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('duty_post_leads_pk', ['post_id', 'rank'])
    .execute();
  await db.schema.createIndex('duty_post_leads_person').on('duty_post_leads').column('person_id').execute();

  await db.schema
    .createTable('duty_shifts')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('post_id', 'varchar(26)', (c) => c.notNull().references('duty_posts.id'))
    .addColumn('template_id', 'varchar(26)')
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('starts_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('ends_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('night', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // One shift per template and day: generating a week twice changes nothing.
  await db.schema.createIndex('duty_shifts_template_day').on('duty_shifts').columns(['post_id', 'template_id', 'day']).unique().execute();
  await db.schema.createIndex('duty_shifts_post_start').on('duty_shifts').columns(['post_id', 'starts_at']).execute();
  await db.schema.createIndex('duty_shifts_start').on('duty_shifts').columns(['starts_at', 'ends_at']).execute();

  await db.schema
    .createTable('duty_unavailability')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('from_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('to_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('reason', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('released_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'varchar(26)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_unavailability_person').on('duty_unavailability').columns(['person_id', 'from_at']).execute();

  await db.schema
    .createTable('duty_assignments')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('shift_id', 'varchar(26)', (c) => c.notNull().references('duty_shifts.id'))
    .addColumn('person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('released_reason', 'varchar(16)')
    .addColumn('released_at', 'varchar(30)')
    .addColumn('unavailability_id', 'varchar(26)', (c) => c.references('duty_unavailability.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_assignments_shift').on('duty_assignments').columns(['shift_id', 'status']).execute();
  await db.schema.createIndex('duty_assignments_person').on('duty_assignments').columns(['person_id', 'status']).execute();
  // A person holds a shift at most once; released and swapped rows stay as history.
  await sql`create unique index duty_assignments_active on duty_assignments (shift_id, person_id) where status = 'active'`.execute(db);

  await db.schema
    .createTable('duty_attendance')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('shift_id', 'varchar(26)', (c) => c.notNull().references('duty_shifts.id'))
    .addColumn('person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('checked_in_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('check_in_method', 'varchar(16)', (c) => c.notNull())
    .addColumn('late_minutes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('checked_out_at', 'varchar(30)')
    .addColumn('check_out_id', 'varchar(26)', (c) => c.unique())
    .addColumn('recorded_by', 'varchar(26)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_attendance_shift_person').on('duty_attendance').columns(['shift_id', 'person_id']).unique().execute();
  await db.schema.createIndex('duty_attendance_person').on('duty_attendance').columns(['person_id', 'checked_in_at']).execute();

  await db.schema
    .createTable('duty_swaps')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('assignment_id', 'varchar(26)', (c) => c.notNull().references('duty_assignments.id'))
    .addColumn('from_person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('to_person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('reason', 'varchar(500)')
    .addColumn('proposed_by', 'varchar(26)')
    .addColumn('decided_by', 'varchar(26)')
    .addColumn('decided_at', 'varchar(30)')
    .addColumn('new_assignment_id', 'varchar(26)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_swaps_assignment').on('duty_swaps').columns(['assignment_id', 'status']).execute();
  await db.schema.createIndex('duty_swaps_status').on('duty_swaps').columns(['status', 'id']).execute();

  await db.schema
    .createTable('duty_availability')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('end_time', 'varchar(5)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_availability_person').on('duty_availability').column('person_id').execute();

  await db.schema
    .createTable('duty_successions')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('post_id', 'varchar(26)', (c) => c.notNull().references('duty_posts.id'))
    .addColumn('from_person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('to_person_id', 'varchar(26)', (c) => c.references('people.id'))
    .addColumn('from_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('until_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('reason', 'varchar(16)', (c) => c.notNull())
    .addColumn('unavailability_id', 'varchar(26)', (c) => c.references('duty_unavailability.id'))
    .addColumn('created_by', 'varchar(26)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_successions_post').on('duty_successions').columns(['post_id', 'from_at']).execute();

  await db.schema
    .createTable('duty_daily_notes')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('day', 'varchar(10)', (c) => c.notNull())
    .addColumn('content', 'varchar(500)', (c) => c.notNull())
    .addColumn('author_id', 'varchar(26)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_daily_notes_person_day').on('duty_daily_notes').columns(['person_id', 'day']).unique().execute();
  await db.schema.createIndex('duty_daily_notes_day').on('duty_daily_notes').column('day').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'duty_daily_notes', 'duty_successions', 'duty_availability', 'duty_swaps', 'duty_attendance', 'duty_assignments',
    'duty_unavailability', 'duty_shifts', 'duty_post_leads', 'duty_shift_templates', 'duty_posts',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
