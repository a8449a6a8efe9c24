import type { Kysely } from 'kysely';

// Outsiders, arrivals and the measures rule set. (Placeholder: the capability's tables are added here.)
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
