import { actorOf } from '../../platform/http/auth-hook.ts';
import type { App } from '../../platform/http/types.ts';
import { OverviewQuery } from './overview.schema.ts';
import type { OverviewService } from './overview.service.ts';

export function registerOverviewRoutes(app: App, overview: OverviewService): void {
  app.get('/api/overview', { schema: { tags: ['overview'], querystring: OverviewQuery } }, (req) => overview.get(actorOf(req), req.query));
}
