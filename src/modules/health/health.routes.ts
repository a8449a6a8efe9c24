import { sql } from 'kysely';
import type { AppContext } from '../../app.ts';
import type { App } from '../../platform/http/types.ts';

/** Liveness and readiness in one: answers ok only when the database answers. */
export function registerHealthRoutes(app: App, ctx: Pick<AppContext, 'database' | 'clock'>): void {
  app.get('/api/health', { schema: { tags: ['health'] } }, async (_req, reply) => {
    try {
      await sql`select 1`.execute(ctx.database.db);
      return { status: 'ok', database: ctx.database.dialect, time: ctx.clock.now().toISOString() };
    } catch {
      return reply.status(503).send({ status: 'unavailable', database: ctx.database.dialect });
    }
  });
}
