import type { App } from '../../platform/http/types.ts';
import { registerDispatchRoutes } from './dispatch.routes.ts';
import type { MobilizationService } from './mobilization.service.ts';
import { registerPublicRoutes } from './public.routes.ts';
import { registerTeamRoutes } from './teams.routes.ts';

/** /api/mobilization/* for signed-in accounts and /api/public/* (volunteer sign-up, report-in by QR) for anyone. */
export function registerMobilizationRoutes(app: App, mobilization: MobilizationService): void {
  registerDispatchRoutes(app, mobilization);
  registerTeamRoutes(app, mobilization);
  registerPublicRoutes(app, mobilization);
}
