import type { Kysely } from 'kysely';

// Staff declarations of units: campaigns, one entry per staff member (with its link token), corrections' history.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('declaration_campaigns')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull().references('units.id'))
    .addColumn('title', 'varchar(100)', (c) => c.notNull())
    .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('ends_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('declaration_campaigns_unit').on('declaration_campaigns').columns(['unit_id', 'starts_on']).execute();

  await db.schema
    .createTable('declaration_entries')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('campaign_id', 'varchar(26)', (c) => c.notNull().references('declaration_campaigns.id'))
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull().references('units.id'))
    .addColumn('person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('token_enc', 'varchar(200)', (c) => c.notNull())
    .addColumn('declared_at', 'varchar(30)')
    .addColumn('declared_via', 'varchar(16)')
    .addColumn('declared_by', 'varchar(64)')
    .addColumn('whereabouts', 'varchar(16)')
    .addColumn('destination', 'varchar(100)')
    .addColumn('left_on', 'varchar(10)')
    .addColumn('return_on', 'varchar(10)')
    .addColumn('destination_risk', 'varchar(16)')
    .addColumn('health', 'varchar(16)')
    .addColumn('symptoms', 'varchar(200)')
    .addColumn('risk_contact', 'integer')
    .addColumn('contact_text', 'varchar(200)')
    .addColumn('flagged', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('reminded_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addUniqueConstraint('declaration_entries_person', ['campaign_id', 'person_id'])
    .execute();
  await db.schema.createIndex('declaration_entries_campaign').on('declaration_entries').columns(['campaign_id', 'declared_at']).execute();
  await db.schema.createIndex('declaration_entries_unit').on('declaration_entries').column('unit_id').execute();

  await db.schema
    .createTable('declaration_history')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('entry_id', 'varchar(26)', (c) => c.notNull().references('declaration_entries.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('declared_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('declared_via', 'varchar(16)', (c) => c.notNull())
    .addColumn('declared_by', 'varchar(64)')
    .execute();
  await db.schema.createIndex('declaration_history_entry').on('declaration_history').columns(['entry_id', 'version']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['declaration_history', 'declaration_entries', 'declaration_campaigns']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
