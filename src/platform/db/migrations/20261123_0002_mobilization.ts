import type { Kysely } from 'kysely';

// Mobilisation: dispatch batches, report-in, pairing, teams, pledges, volunteer sign-up.
// Rows about a person (batch membership, team membership, pledges) go with the person when it is deleted;
// places and units are referenced without cascade.
export async function up(db: Kysely<any>): Promise<void> {
  const id = (c: any) => c.primaryKey();
  const ts = 'varchar(30)';
  const day = 'varchar(10)';
  const ref = 'varchar(26)';

  await db.schema
    .createTable('dispatch_batches')
    .addColumn('id', ref, id)
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('node_id', ref, (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('batch_no', 'varchar(40)')
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('starts_on', day, (c) => c.notNull())
    .addColumn('ends_on', day)
    .addColumn('note', 'varchar(500)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dispatch_batches_unit').on('dispatch_batches').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('dispatch_batches_node').on('dispatch_batches').columns(['node_id', 'id']).execute();

  await db.schema
    .createTable('dispatch_members')
    .addColumn('id', ref, id)
    .addColumn('batch_id', ref, (c) => c.notNull().references('dispatch_batches.id'))
    .addColumn('person_id', ref, (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('node_id', ref, (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('reported_at', ts)
    .addColumn('report_method', 'varchar(16)')
    .addColumn('reported_node_id', ref, (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('reported_by', ref)
    .addColumn('assignment_kind', 'varchar(16)')
    .addColumn('assignment_id', ref)
    .addColumn('assigned_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dispatch_members_batch_person').on('dispatch_members').columns(['batch_id', 'person_id']).unique().execute();
  await db.schema.createIndex('dispatch_members_person').on('dispatch_members').column('person_id').execute();
  await db.schema.createIndex('dispatch_members_node').on('dispatch_members').columns(['node_id', 'id']).execute();
  await db.schema.createIndex('dispatch_members_reported_node').on('dispatch_members').columns(['reported_node_id', 'id']).execute();
  await db.schema.createIndex('dispatch_members_unit').on('dispatch_members').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('dispatch_members_reported_at').on('dispatch_members').column('reported_at').execute();

  await db.schema
    .createTable('report_in_codes')
    .addColumn('node_id', ref, (c) => c.primaryKey().references('jurisdiction_nodes.id'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('token_enc', 'varchar(200)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', ref)
    .execute();

  await db.schema
    .createTable('unit_pairings')
    .addColumn('id', ref, id)
    .addColumn('unit_id', ref, (c) => c.notNull().references('units.id'))
    .addColumn('node_id', ref, (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('starts_on', day, (c) => c.notNull())
    .addColumn('ends_on', day)
    .addColumn('note', 'varchar(500)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('unit_pairings_unit_node').on('unit_pairings').columns(['unit_id', 'node_id']).unique().execute();
  await db.schema.createIndex('unit_pairings_node').on('unit_pairings').column('node_id').execute();

  await db.schema
    .createTable('assault_teams')
    .addColumn('id', ref, id)
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('node_id', ref, (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('unit_id', ref, (c) => c.references('units.id'))
    .addColumn('duty', 'varchar(200)')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('assault_teams_node').on('assault_teams').column('node_id').execute();
  await db.schema.createIndex('assault_teams_unit').on('assault_teams').column('unit_id').execute();

  await db.schema
    .createTable('assault_team_members')
    .addColumn('team_id', ref, (c) => c.notNull().references('assault_teams.id'))
    .addColumn('person_id', ref, (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('assault_team_members_pk', ['team_id', 'person_id'])
    .execute();
  await db.schema.createIndex('assault_team_members_person').on('assault_team_members').column('person_id').execute();

  await db.schema
    .createTable('pledges')
    .addColumn('id', ref, id)
    .addColumn('person_id', ref, (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('node_id', ref, (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('team_id', ref, (c) => c.references('assault_teams.id'))
    .addColumn('content', 'varchar(500)', (c) => c.notNull())
    .addColumn('pledged_on', day, (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pledges_person').on('pledges').column('person_id').execute();
  await db.schema.createIndex('pledges_node').on('pledges').columns(['node_id', 'id']).execute();
  await db.schema.createIndex('pledges_team').on('pledges').column('team_id').execute();

  await db.schema
    .createTable('pledge_fulfilments')
    .addColumn('id', ref, id)
    .addColumn('pledge_id', ref, (c) => c.notNull().references('pledges.id').onDelete('cascade'))
    .addColumn('done_on', day, (c) => c.notNull())
    .addColumn('note', 'varchar(500)', (c) => c.notNull())
    .addColumn('created_by', ref)
    .addColumn('created_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pledge_fulfilments_pledge').on('pledge_fulfilments').columns(['pledge_id', 'done_on']).execute();

  await db.schema
    .createTable('volunteer_signups')
    .addColumn('id', ref, id)
    .addColumn('node_id', ref, (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('phone_enc', 'varchar(200)', (c) => c.notNull())
    .addColumn('phone_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('political_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('skills', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('availability', 'varchar(200)')
    .addColumn('note', 'varchar(500)')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('decline_reason', 'varchar(500)')
    .addColumn('person_id', ref, (c) => c.references('people.id').onDelete('set null'))
    .addColumn('assignment_kind', 'varchar(16)')
    .addColumn('assignment_id', ref)
    .addColumn('decided_by', ref)
    .addColumn('decided_at', ts)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('volunteer_signups_node').on('volunteer_signups').columns(['node_id', 'status', 'id']).execute();
  await db.schema.createIndex('volunteer_signups_phone').on('volunteer_signups').column('phone_hash').execute();
  await db.schema.createIndex('volunteer_signups_person').on('volunteer_signups').column('person_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'volunteer_signups', 'pledge_fulfilments', 'pledges', 'assault_team_members', 'assault_teams', 'unit_pairings',
    'report_in_codes', 'dispatch_members', 'dispatch_batches',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
