import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../database.ts';

// Foundation: jurisdiction tree, party chain, people, accounts, sessions, audit.
export async function up(db: Kysely<any>): Promise<void> {
  const pgDialect = isPostgres(db);
  // Byte-order collation keeps the '/A/B/' path range scans correct under any PostgreSQL locale.
  const pathCollation = pgDialect ? sql`collate "C"` : sql``;

  await db.schema
    .createTable('jurisdiction_levels')
    .addColumn('code', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('name_zh', 'varchar(50)', (c) => c.notNull())
    .addColumn('name_en', 'varchar(50)', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('jurisdiction_nodes')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('parent_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('level_code', 'varchar(32)', (c) => c.notNull().references('jurisdiction_levels.code'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('code', 'varchar(40)')
    .addColumn('path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('jurisdiction_nodes_path').on('jurisdiction_nodes').column('path').unique().execute();
  await db.schema.createIndex('jurisdiction_nodes_parent').on('jurisdiction_nodes').columns(['parent_id', 'name']).execute();
  await db.schema.createIndex('jurisdiction_nodes_name').on('jurisdiction_nodes').column('name').execute();

  await db.schema
    .createTable('units')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull().unique())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('node_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('party_orgs')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.references('units.id'))
    .addColumn('parent_id', 'varchar(26)', (c) => c.references('party_orgs.id'))
    .addColumn('node_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('place_kind', 'varchar(32)')
    .addColumn('place_name', 'varchar(100)')
    .addColumn('starts_on', 'varchar(10)')
    .addColumn('ends_on', 'varchar(10)')
    .addColumn('secretary_person_id', 'varchar(26)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_orgs_unit').on('party_orgs').column('unit_id').execute();
  await db.schema.createIndex('party_orgs_parent').on('party_orgs').column('parent_id').execute();
  await db.schema.createIndex('party_orgs_node').on('party_orgs').column('node_id').execute();

  await db.schema
    .createTable('responsibility_areas')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('node_id', 'varchar(26)', (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('branch_id', 'varchar(26)', (c) => c.notNull().references('party_orgs.id'))
    .addColumn('leader_person_id', 'varchar(26)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('responsibility_areas_branch').on('responsibility_areas').column('branch_id').execute();
  await db.schema.createIndex('responsibility_areas_node').on('responsibility_areas').column('node_id').execute();

  await db.schema
    .createTable('vanguard_posts')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('area_id', 'varchar(26)', (c) => c.notNull().references('responsibility_areas.id'))
    .addColumn('node_id', 'varchar(26)', (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('duty', 'varchar(200)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vanguard_posts_area').on('vanguard_posts').column('area_id').execute();

  await db.schema
    .createTable('people')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('sex', 'varchar(1)')
    .addColumn('political_status', 'varchar(16)', (c) => c.notNull())
    .addColumn('category', 'varchar(32)', (c) => c.notNull())
    .addColumn('unit_id', 'varchar(26)', (c) => c.references('units.id'))
    .addColumn('branch_id', 'varchar(26)', (c) => c.references('party_orgs.id'))
    .addColumn('home_node_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('phone_enc', 'varchar(200)')
    .addColumn('phone_hash', 'varchar(64)')
    .addColumn('id_number_enc', 'varchar(200)')
    .addColumn('id_number_hash', 'varchar(64)')
    .addColumn('skills', 'varchar(500)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('people_home_node').on('people').columns(['home_node_id', 'id']).execute();
  await db.schema.createIndex('people_unit').on('people').columns(['unit_id', 'id']).execute();
  await db.schema.createIndex('people_branch').on('people').column('branch_id').execute();
  await db.schema.createIndex('people_name').on('people').column('name').execute();
  await db.schema.createIndex('people_phone_hash').on('people').column('phone_hash').execute();
  await db.schema.createIndex('people_id_number_hash').on('people').column('id_number_hash').unique().execute();

  await db.schema
    .createTable('post_members')
    .addColumn('post_id', 'varchar(26)', (c) => c.notNull().references('vanguard_posts.id'))
    .addColumn('person_id', 'varchar(26)', (c) => c.notNull().references('people.id'))
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addPrimaryKeyConstraint('post_members_pk', ['post_id', 'person_id'])
    .execute();
  await db.schema.createIndex('post_members_person').on('post_members').column('person_id').execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'varchar(50)', (c) => c.notNull())
    .addColumn('password_hash', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('node_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('unit_id', 'varchar(26)', (c) => c.references('units.id'))
    .addColumn('person_id', 'varchar(26)', (c) => c.references('people.id'))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_login_at', 'varchar(30)')
    .execute();
  await db.schema.createIndex('accounts_node').on('accounts').column('node_id').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('account_id', 'varchar(26)', (c) => c.notNull().references('accounts.id'))
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('last_seen_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'varchar(200)', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(30)')
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('at', 'varchar(30)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(26)')
    .addColumn('actor_name', 'varchar(64)', (c) => c.notNull())
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('entity_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('entity_id', 'varchar(26)')
    .addColumn('scope_path', 'varchar(1000)', (c) => c.modifyEnd(pathCollation))
    .addColumn('details', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_entity').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_log_actor').on('audit_log').columns(['actor_id', 'id']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'varchar(100)', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'settings', 'audit_log', 'login_throttle', 'sessions', 'accounts', 'post_members', 'people',
    'vanguard_posts', 'responsibility_areas', 'party_orgs', 'units', 'jurisdiction_nodes', 'jurisdiction_levels',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
