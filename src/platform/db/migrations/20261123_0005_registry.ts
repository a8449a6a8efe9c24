import type { Kysely } from 'kysely';

// Registry: residents of households, their special needs, moves and status changes.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('residents')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('household_id', 'varchar(26)', (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('sex', 'varchar(1)')
    .addColumn('birth_date', 'varchar(10)')
    .addColumn('birth_year', 'integer')
    .addColumn('id_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('id_number_enc', 'varchar(200)')
    .addColumn('id_number_hash', 'varchar(64)')
    .addColumn('phone_enc', 'varchar(200)')
    .addColumn('phone_hash', 'varchar(64)')
    .addColumn('relation', 'varchar(32)', (c) => c.notNull())
    .addColumn('residence_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('status_date', 'varchar(10)')
    .addColumn('notes', 'varchar(500)')
    .addColumn('anonymised_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // The household view and subtree lists: residents of a household by id (keyset order).
  await db.schema.createIndex('residents_household').on('residents').columns(['household_id', 'status', 'id']).execute();
  await db.schema.createIndex('residents_id_number_hash').on('residents').column('id_number_hash').execute();
  await db.schema.createIndex('residents_phone_hash').on('residents').column('phone_hash').execute();
  await db.schema.createIndex('residents_name').on('residents').column('name').execute();
  // Retention picks records by registration time.
  await db.schema.createIndex('residents_created').on('residents').column('created_at').execute();

  await db.schema
    .createTable('resident_needs')
    .addColumn('resident_id', 'varchar(26)', (c) => c.notNull().references('residents.id'))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('note', 'varchar(200)')
    .addPrimaryKeyConstraint('resident_needs_pk', ['resident_id', 'kind'])
    .execute();
  await db.schema.createIndex('resident_needs_kind').on('resident_needs').column('kind').execute();

  await db.schema
    .createTable('resident_events')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('resident_id', 'varchar(26)', (c) => c.notNull().references('residents.id'))
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('from_household_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('to_household_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('on_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('reason', 'varchar(200)')
    .addColumn('actor_id', 'varchar(26)')
    .addColumn('actor_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('resident_events_resident').on('resident_events').columns(['resident_id', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['resident_events', 'resident_needs', 'residents']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
