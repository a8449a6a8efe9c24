import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../database.ts';

const NINTH_EDITION_RULES = {
  high: [{ kind: 'central_isolation', days: 7 }],
  medium: [{ kind: 'home_isolation', days: 7 }],
  low: [{ kind: 'tests', days: 3, count: 2 }],
  none: [],
};

// Outsiders and arrivals, the region risk list, the measures rule set and each arrival's measures.
export async function up(db: Kysely<any>): Promise<void> {
  // Byte-order collation keeps the '/A/B/' path range scans correct under any PostgreSQL locale.
  const pathCollation = isPostgres(db) ? sql`collate "C"` : sql``;

  await db.schema
    .createTable('measure_rule_versions')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('effective_from', 'varchar(10)', (c) => c.notNull().unique())
    .addColumn('rules', 'text', (c) => c.notNull())
    .addColumn('note', 'varchar(500)')
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('region_risks')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('region', 'varchar(100)', (c) => c.notNull())
    .addColumn('risk_level', 'varchar(16)', (c) => c.notNull())
    .addColumn('since', 'varchar(10)', (c) => c.notNull())
    .addColumn('until', 'varchar(10)')
    .addColumn('note', 'varchar(200)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('region_risks_region').on('region_risks').columns(['region', 'since']).execute();

  await db.schema
    .createTable('arrivals')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('id_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('id_number_enc', 'varchar(200)')
    .addColumn('id_number_hash', 'varchar(64)')
    .addColumn('phone_enc', 'varchar(200)')
    .addColumn('phone_hash', 'varchar(64)')
    .addColumn('from_region', 'varchar(100)', (c) => c.notNull())
    .addColumn('risk_level', 'varchar(16)', (c) => c.notNull())
    .addColumn('arrival_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('stay_node_id', 'varchar(26)', (c) => c.references('jurisdiction_nodes.id'))
    .addColumn('stay_text', 'varchar(200)')
    .addColumn('scope_node_id', 'varchar(26)', (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('scope_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('registered_via', 'varchar(16)', (c) => c.notNull())
    .addColumn('checkpoint_name', 'varchar(100)')
    .addColumn('resident_id', 'varchar(26)', (c) => c.references('residents.id'))
    .addColumn('rule_version_id', 'varchar(26)', (c) => c.references('measure_rule_versions.id'))
    .addColumn('notes', 'varchar(500)')
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  // One arrival per document and day: a second registration of the same person the same day is a duplicate.
  await db.schema.createIndex('arrivals_document_day').on('arrivals').columns(['id_number_hash', 'arrival_date']).unique().execute();
  await db.schema.createIndex('arrivals_scope').on('arrivals').columns(['scope_path', 'id']).execute();
  await db.schema.createIndex('arrivals_phone_hash').on('arrivals').column('phone_hash').execute();
  await db.schema.createIndex('arrivals_date').on('arrivals').column('arrival_date').execute();
  await db.schema.createIndex('arrivals_name').on('arrivals').column('name').execute();

  await db.schema
    .createTable('arrival_measures')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('arrival_id', 'varchar(26)', (c) => c.notNull().references('arrivals.id'))
    .addColumn('resident_id', 'varchar(26)', (c) => c.references('residents.id'))
    .addColumn('node_path', 'varchar(1000)', (c) => c.modifyEnd(pathCollation))
    .addColumn('scope_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('ends_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('test_days', 'text')
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('proposed_kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('proposed_starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('proposed_ends_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('reason', 'varchar(200)')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('confirmed_by', 'varchar(64)')
    .addColumn('confirmed_at', 'varchar(30)')
    .addColumn('closed_at', 'varchar(30)')
    .addColumn('created_at', 'varchar(30)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(30)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('arrival_measures_arrival').on('arrival_measures').columns(['arrival_id', 'seq']).execute();
  await db.schema.createIndex('arrival_measures_scope').on('arrival_measures').columns(['scope_path', 'starts_on']).execute();
  await db.schema.createIndex('arrival_measures_node').on('arrival_measures').column('node_path').execute();
  await db.schema.createIndex('arrival_measures_resident').on('arrival_measures').column('resident_id').execute();

  // The first version of the rule set is data (第九版防控方案, 2022-06-28), editable through new versions.
  const at = new Date().toISOString();
  await db.insertInto('measure_rule_versions').values({
    id: '01G6KQ00000000000000009ED1', name: '第九版防控方案', effective_from: '2022-06-28',
    rules: JSON.stringify(NINTH_EDITION_RULES), note: '高风险区 7天集中隔离；中风险区 7天居家隔离；低风险区 3天2检',
    created_by: 'system', created_at: at, updated_at: at,
  }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['arrival_measures', 'arrivals', 'region_risks', 'measure_rule_versions']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
