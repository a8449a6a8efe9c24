import type { Executor } from '../../platform/db/database.ts';

/**
 * Vanguard-post membership written by mobilisation when a community puts a person on a post. Same table and
 * rules as the org module's post members (the post must be in the actor's reach; the pair is unique).
 */
export class AssignmentRepository {
  constructor(private readonly ex: Executor) {}

  async postMember(postId: string, personId: string): Promise<{ role: string } | undefined> {
    return this.ex.selectFrom('post_members').select('role').where('post_id', '=', postId).where('person_id', '=', personId).executeTakeFirst();
  }

  async insertPostMember(postId: string, personId: string, role: string, at: string): Promise<void> {
    await this.ex.insertInto('post_members').values({ post_id: postId, person_id: personId, role, created_at: at }).execute();
  }

  async setPostRole(postId: string, personId: string, role: string): Promise<void> {
    await this.ex.updateTable('post_members').set({ role }).where('post_id', '=', postId).where('person_id', '=', personId).execute();
  }
}
