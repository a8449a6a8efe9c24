import { actorOf } from '../../platform/http/auth-hook.ts';
import type { App } from '../../platform/http/types.ts';
import { AuditListQuery } from './audit.schema.ts';
import type { AuditService } from './audit.service.ts';

export function registerAuditRoutes(app: App, audit: AuditService): void {
  app.get('/api/audit', { schema: { tags: ['audit'], querystring: AuditListQuery } }, (req) => audit.list(actorOf(req), req.query));
}
