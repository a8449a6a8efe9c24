import type { Kysely } from 'kysely';

// Staff declarations of units. (Placeholder: the capability's tables are added here.)
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
