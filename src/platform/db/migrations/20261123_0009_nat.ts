import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { isPostgres } from '../database.ts';

// Mass nucleic-acid testing: rounds, sites, desks, staff, batch slots, personal codes, the round roster,
// tubes, samples, bags, door-to-door tasks, lab imports, cases and certificate revocations.
const id = 'varchar(26)';
const time = 'varchar(30)';

export async function up(db: Kysely<any>): Promise<void> {
  // Byte-order collation keeps the '/A/B/' path range scans correct under any PostgreSQL locale.
  const pathCollation = isPostgres(db) ? sql`collate "C"` : sql``;
  await db.schema.createTable('nat_rounds')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('node_id', id, (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('node_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('starts_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('ends_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('pool_size', 'integer', (c) => c.notNull())
    .addColumn('bag_size', 'integer', (c) => c.notNull())
    .addColumn('certificate_valid_hours', 'integer', (c) => c.notNull())
    .addColumn('required_rule', 'varchar(2000)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('roster_built_at', time)
    .addColumn('created_by', id)
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nat_rounds_path').on('nat_rounds').column('node_path').execute();

  await db.schema.createTable('nat_sites')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('name', 'varchar(100)', (c) => c.notNull())
    .addColumn('node_id', id, (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('node_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('address', 'varchar(200)')
    .addColumn('opens_at', 'varchar(5)', (c) => c.notNull())
    .addColumn('closes_at', 'varchar(5)', (c) => c.notNull())
    .addColumn('pool_size', 'integer')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nat_sites_round').on('nat_sites').columns(['round_id', 'node_path']).execute();

  await db.schema.createTable('nat_desks')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('nat_sites.id'))
    .addColumn('name', 'varchar(50)', (c) => c.notNull())
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nat_desks_site').on('nat_desks').column('site_id').execute();

  await db.schema.createTable('nat_site_staff')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('nat_sites.id'))
    .addColumn('desk_id', id, (c) => c.references('nat_desks.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('people.id'))
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('from_at', time)
    .addColumn('to_at', time)
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nat_site_staff_site').on('nat_site_staff').columns(['site_id', 'desk_id']).execute();
  await db.schema.createIndex('nat_site_staff_person').on('nat_site_staff').columns(['person_id', 'round_id']).execute();

  await db.schema.createTable('nat_site_areas')
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('nat_sites.id'))
    .addColumn('node_id', id, (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('node_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addPrimaryKeyConstraint('nat_site_areas_pk', ['round_id', 'node_id'])
    .execute();
  await db.schema.createIndex('nat_site_areas_site').on('nat_site_areas').column('site_id').execute();

  await db.schema.createTable('nat_slots')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('site_id', id, (c) => c.notNull().references('nat_sites.id'))
    .addColumn('node_id', id, (c) => c.notNull().references('jurisdiction_nodes.id'))
    .addColumn('node_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('starts_at', time, (c) => c.notNull())
    .addColumn('ends_at', time, (c) => c.notNull())
    .addColumn('note', 'varchar(200)')
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nat_slots_site').on('nat_slots').columns(['round_id', 'site_id', 'starts_at']).execute();

  await db.schema.createTable('resident_codes')
    .addColumn('resident_id', id, (c) => c.primaryKey().references('residents.id'))
    .addColumn('serial', 'integer', (c) => c.notNull())
    .addColumn('issued_at', time, (c) => c.notNull())
    .execute();

  await db.schema.createTable('nat_round_residents')
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('resident_id', id, (c) => c.notNull().references('residents.id'))
    .addColumn('household_id', id, (c) => c.notNull())
    .addColumn('node_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('required', 'integer', (c) => c.notNull())
    .addColumn('exempt_reason', 'varchar(32)')
    .addColumn('sampled_at', time)
    .addColumn('sample_id', id)
    .addColumn('result', 'varchar(16)')
    .addColumn('control_status', 'varchar(32)')
    .addPrimaryKeyConstraint('nat_round_residents_pk', ['round_id', 'resident_id'])
    .execute();
  // Totals per subtree (required / sampled / exempt) read from the index alone (coverage: no table lookups).
  await db.schema.createIndex('nat_round_residents_path').on('nat_round_residents')
    .columns(['round_id', 'node_path', 'required', 'sampled_at', 'exempt_reason']).execute();
  // The untested list: a partial index holding only who must still be tested, in door order (keyset).
  await db.schema.createIndex('nat_round_residents_untested').on('nat_round_residents')
    .columns(['round_id', 'node_path', 'resident_id'])
    .where(sql.ref('sampled_at'), 'is', null).where(sql.ref('required'), '=', 1).execute();

  await db.schema.createTable('nat_bags')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('site_id', id, (c) => c.references('nat_sites.id'))
    .addColumn('barcode', 'varchar(64)', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('tube_count', 'integer', (c) => c.notNull())
    .addColumn('sealed_at', time)
    .addColumn('courier_name', 'varchar(50)')
    .addColumn('handed_tube_count', 'integer')
    .addColumn('handed_over_at', time)
    .addColumn('handed_over_by', id)
    .addColumn('created_at', time, (c) => c.notNull())
    .addUniqueConstraint('nat_bags_barcode', ['round_id', 'barcode'])
    .execute();

  await db.schema.createTable('nat_tubes')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('barcode', 'varchar(64)', (c) => c.notNull())
    .addColumn('site_id', id, (c) => c.references('nat_sites.id'))
    .addColumn('desk_id', id, (c) => c.references('nat_desks.id'))
    .addColumn('source', 'varchar(16)', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('sample_count', 'integer', (c) => c.notNull())
    .addColumn('bag_id', id, (c) => c.references('nat_bags.id'))
    .addColumn('result', 'varchar(16)', (c) => c.notNull())
    .addColumn('result_at', time)
    .addColumn('opened_by', id)
    .addColumn('opened_at', time, (c) => c.notNull())
    .addColumn('closed_at', time)
    .addUniqueConstraint('nat_tubes_barcode', ['round_id', 'barcode'])
    .execute();
  await db.schema.createIndex('nat_tubes_desk').on('nat_tubes').columns(['desk_id', 'status']).execute();
  await db.schema.createIndex('nat_tubes_bag').on('nat_tubes').column('bag_id').execute();
  await db.schema.createIndex('nat_tubes_result').on('nat_tubes').columns(['round_id', 'result']).execute();

  await db.schema.createTable('nat_door_tasks')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('resident_id', id, (c) => c.notNull().references('residents.id'))
    .addColumn('household_id', id, (c) => c.notNull())
    .addColumn('building_id', id, (c) => c.notNull())
    .addColumn('node_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('reason', 'varchar(16)', (c) => c.notNull())
    .addColumn('source_tube_id', id, (c) => c.references('nat_tubes.id'))
    .addColumn('team_id', id)
    .addColumn('assignee_person_id', id)
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('sample_id', id)
    .addColumn('visited_at', time)
    .addColumn('note', 'varchar(200)')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nat_door_tasks_building').on('nat_door_tasks')
    .columns(['round_id', 'building_id', 'status']).execute();
  await db.schema.createIndex('nat_door_tasks_resident').on('nat_door_tasks').columns(['round_id', 'resident_id']).execute();

  await db.schema.createTable('nat_samples')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('tube_id', id, (c) => c.notNull().references('nat_tubes.id'))
    .addColumn('resident_id', id, (c) => c.notNull().references('residents.id'))
    .addColumn('household_id', id, (c) => c.notNull())
    .addColumn('node_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('site_id', id)
    .addColumn('desk_id', id)
    .addColumn('door_task_id', id)
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    .addColumn('sampled_at', time, (c) => c.notNull())
    .addColumn('duplicate_of', id)
    .addColumn('undone_at', time)
    .addColumn('registrar_id', id)
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('nat_samples_resident').on('nat_samples').columns(['round_id', 'resident_id']).execute();
  await db.schema.createIndex('nat_samples_tube').on('nat_samples').column('tube_id').execute();
  // The desk page's "sampled at this desk" count (desk part).
  await db.schema.createIndex('nat_samples_desk').on('nat_samples').columns(['desk_id', 'undone_at', 'duplicate_of']).execute();
  // Sampled per hour, per site and for the round.
  await db.schema.createIndex('nat_samples_site_time').on('nat_samples').columns(['round_id', 'site_id', 'sampled_at']).execute();

  await db.schema.createTable('nat_lab_imports')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('file_name', 'varchar(200)', (c) => c.notNull())
    .addColumn('file_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('lines', 'integer', (c) => c.notNull())
    .addColumn('applied_at', time, (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('actor_name', 'varchar(64)', (c) => c.notNull())
    .addUniqueConstraint('nat_lab_imports_hash', ['round_id', 'file_hash'])
    .execute();

  await db.schema.createTable('nat_cases')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('resident_id', id, (c) => c.notNull().references('residents.id'))
    .addColumn('tube_id', id, (c) => c.notNull().references('nat_tubes.id'))
    .addColumn('household_id', id, (c) => c.notNull())
    .addColumn('node_path', 'varchar(1000)', (c) => c.notNull().modifyEnd(pathCollation))
    .addColumn('detected_at', time, (c) => c.notNull())
    .addColumn('exposure', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addUniqueConstraint('nat_cases_person_tube', ['round_id', 'resident_id', 'tube_id'])
    .execute();
  await db.schema.createIndex('nat_cases_path').on('nat_cases').columns(['round_id', 'node_path']).execute();

  await db.schema.createTable('nat_certificate_revocations')
    .addColumn('round_id', id, (c) => c.notNull().references('nat_rounds.id'))
    .addColumn('resident_id', id, (c) => c.notNull().references('residents.id'))
    .addColumn('reason', 'varchar(200)', (c) => c.notNull())
    .addColumn('revoked_at', time, (c) => c.notNull())
    .addColumn('actor_id', id)
    .addPrimaryKeyConstraint('nat_certificate_revocations_pk', ['round_id', 'resident_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'nat_certificate_revocations', 'nat_cases', 'nat_lab_imports', 'nat_samples', 'nat_door_tasks', 'nat_tubes',
    'nat_bags', 'nat_round_residents', 'resident_codes', 'nat_slots', 'nat_site_areas', 'nat_site_staff',
    'nat_desks', 'nat_sites', 'nat_rounds',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
