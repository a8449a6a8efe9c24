import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB, PersonTable } from '../../platform/db/schema.ts';
import type { VolunteerSignupTable } from '../../platform/db/tables/mobilization.ts';
import type { Scope } from '../../platform/policy.ts';
import { never, nodeIdsIn } from './reach.repository.ts';
import type { PublicCommunity, VolunteerStatus } from './volunteers.schema.ts';

export type SignupRow = VolunteerSignupTable;
export type SignupJoinedRow = SignupRow & { node_name: string; node_path: string; assignment_name: string | null };

/** Levels a volunteer can sign up for (the public list of communities). */
export const COMMUNITY_LEVELS = ['community', 'village'] as const;

type SignupEb = ExpressionBuilder<DB & { v: VolunteerSignupTable }, 'v'>;

/** Sign-ups reach the community they are for (and the levels above it); unit accounts do not handle them. */
export function signupScope(ex: Executor, eb: SignupEb, scope: Scope): Expression<SqlBool> {
  if (scope.kind === 'all') return sql<SqlBool>`1 = 1`;
  if (scope.kind !== 'subtree') return never;
  return eb('v.node_id', 'in', nodeIdsIn(ex, scope.path));
}

/** Every SQL statement about volunteer sign-ups (请战 / 志愿者报名). */
export class VolunteersRepository {
  constructor(private readonly ex: Executor) {}

  /** Communities and villages by name, with the street (town) above them: all an anonymous visitor needs. */
  async communities(q: string | undefined, limit: number): Promise<PublicCommunity[]> {
    let query = this.ex.selectFrom('jurisdiction_nodes as n').leftJoin('jurisdiction_nodes as s', 's.id', 'n.parent_id')
      .select(['n.id', 'n.name', 's.name as streetName'])
      .where('n.level_code', 'in', [...COMMUNITY_LEVELS])
      .orderBy('n.name').orderBy('n.id').limit(limit);
    if (q) {
      const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where(sql<SqlBool>`(n.name like ${pattern} escape '\\' or s.name like ${pattern} escape '\\')`);
    }
    return query.execute();
  }

  async community(id: string): Promise<{ id: string; name: string; path: string } | undefined> {
    return this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name', 'path']).where('id', '=', id)
      .where('level_code', 'in', [...COMMUNITY_LEVELS]).executeTakeFirst();
  }

  private joined() {
    return this.ex.selectFrom('volunteer_signups as v')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'v.node_id')
      .leftJoin('assault_teams as at', (j) => j.onRef('at.id', '=', 'v.assignment_id').on('v.assignment_kind', '=', 'team'))
      .leftJoin('vanguard_posts as vp', (j) => j.onRef('vp.id', '=', 'v.assignment_id').on('v.assignment_kind', '=', 'post'))
      .leftJoin('responsibility_areas as ra', (j) => j.onRef('ra.id', '=', 'v.assignment_id').on('v.assignment_kind', '=', 'area'))
      .selectAll('v')
      .select(['n.name as node_name', 'n.path as node_path'])
      .select((eb) => eb.fn.coalesce('at.name', 'vp.name', 'ra.name').as('assignment_name'));
  }

  /** Oldest first for pending sign-ups (first come, first served), newest first otherwise. */
  async list(scope: Scope, f: { status?: VolunteerStatus; nodePath?: string; after?: string; limit: number }): Promise<SignupJoinedRow[]> {
    const oldestFirst = f.status === 'pending';
    let q = this.joined().where((eb) => signupScope(this.ex, eb, scope)).orderBy('v.id', oldestFirst ? 'asc' : 'desc').limit(f.limit + 1);
    if (f.after) q = q.where('v.id', oldestFirst ? '>' : '<', f.after);
    if (f.status) q = q.where('v.status', '=', f.status);
    if (f.nodePath) q = q.where('v.node_id', 'in', nodeIdsIn(this.ex, f.nodePath));
    return q.execute();
  }

  async find(id: string, scope: Scope): Promise<SignupJoinedRow | undefined> {
    return this.joined().where('v.id', '=', id).where((eb) => signupScope(this.ex, eb, scope)).executeTakeFirst();
  }

  async findRaw(id: string): Promise<(SignupRow & { node_name: string }) | undefined> {
    return this.ex.selectFrom('volunteer_signups as v').innerJoin('jurisdiction_nodes as n', 'n.id', 'v.node_id')
      .selectAll('v').select('n.name as node_name').where('v.id', '=', id).executeTakeFirst();
  }

  /** A pending sign-up of the same phone for the same community: signing up twice is one sign-up. */
  async findPending(nodeId: string, phoneHash: string): Promise<(SignupRow & { node_name: string }) | undefined> {
    return this.ex.selectFrom('volunteer_signups as v').innerJoin('jurisdiction_nodes as n', 'n.id', 'v.node_id')
      .selectAll('v').select('n.name as node_name')
      .where('v.node_id', '=', nodeId).where('v.phone_hash', '=', phoneHash).where('v.status', '=', 'pending')
      .executeTakeFirst();
  }

  async insert(row: SignupRow): Promise<void> {
    await this.ex.insertInto('volunteer_signups').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<SignupRow, 'id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('volunteer_signups').set(patch).where('id', '=', id).execute();
  }

  /** The people module's rule for the same person: same name and same mobile number. */
  async findPerson(name: string, phoneHash: string): Promise<{ id: string } | undefined> {
    return this.ex.selectFrom('people').select('id').where('name', '=', name).where('phone_hash', '=', phoneHash).executeTakeFirst();
  }

  async insertPerson(row: PersonTable): Promise<void> {
    await this.ex.insertInto('people').values(row).execute();
  }
}
