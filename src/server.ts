import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from './app.ts';
import { registerAuthHook } from './platform/http/auth-hook.ts';
import { handleError } from './platform/http/errors.ts';
import type { App } from './platform/http/types.ts';
import { LIMITS } from './platform/validation.ts';
import { registerAccountRoutes, registerAuthRoutes } from './modules/accounts/accounts.routes.ts';
import { registerAuditRoutes } from './modules/audit/audit.routes.ts';
import { registerHealthRoutes } from './modules/health/health.routes.ts';
import { registerJurisdictionRoutes } from './modules/jurisdiction/jurisdiction.routes.ts';
import { registerOrgRoutes } from './modules/org/org.routes.ts';
import { registerPeopleRoutes } from './modules/people/people.routes.ts';
import { registerTransferRoutes } from './modules/transfer/transfer.routes.ts';
import { registerMobilizationRoutes } from './modules/mobilization/mobilization.routes.ts';
import { registerDutyRoutes } from './modules/duty/duty.routes.ts';
import { registerReportsRoutes } from './modules/reports/reports.routes.ts';
import { registerOverviewRoutes } from './modules/overview/overview.routes.ts';
import { registerRegistryRoutes } from './modules/registry/registry.routes.ts';
import { registerScreeningRoutes } from './modules/screening/screening.routes.ts';
import { registerOutsidersRoutes } from './modules/outsiders/outsiders.routes.ts';
import { registerDeclarationsRoutes } from './modules/declarations/declarations.routes.ts';
import { registerNatPlanRoutes } from './modules/nat/plan.routes.ts';
import { registerNatDeskRoutes } from './modules/nat/desk.routes.ts';
import { registerNatResultsRoutes } from './modules/nat/results.routes.ts';
import { registerNatCoverageRoutes } from './modules/nat/coverage.routes.ts';

export interface ServerOptions {
  logger?: boolean;
  /** Serve the built web app (web/dist) and fall back to index.html for client routes. */
  serveWeb?: boolean;
}

export async function buildServer(ctx: AppContext, opts: ServerOptions = {}): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: ctx.config.logLevel } : false,
    // Login throttling and public rate limits key on the client address; only a proxy may vouch for it.
    trustProxy: ctx.config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(handleError);

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: LIMITS.importBytes, files: 1 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'fangkong API', description: '防控 — community epidemic prevention and control', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'fangkong_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, () => app.swagger());

  const s = ctx.services;
  registerAuthHook(app, s.auth);
  registerHealthRoutes(app, ctx);
  registerAuthRoutes(app, s.auth, ctx.config.cookieSecure);
  registerAccountRoutes(app, s.accounts);
  registerAuditRoutes(app, s.audit);
  registerJurisdictionRoutes(app, s.jurisdiction);
  registerOrgRoutes(app, s.org);
  registerPeopleRoutes(app, s.people);
  registerTransferRoutes(app, s.transfer);
  registerMobilizationRoutes(app, s.mobilization);
  registerDutyRoutes(app, s.duty);
  registerReportsRoutes(app, s.reports);
  registerOverviewRoutes(app, s.overview);
  registerRegistryRoutes(app, s.registry);
  registerScreeningRoutes(app, s.screening);
  registerOutsidersRoutes(app, s.outsiders);
  registerDeclarationsRoutes(app, s.declarations);
  registerNatPlanRoutes(app, s.natPlan);
  registerNatDeskRoutes(app, s.natDesk);
  registerNatResultsRoutes(app, s.natResults);
  registerNatCoverageRoutes(app, s.natCoverage);

  const indexHtml = path.join(ctx.config.webDist, 'index.html');
  const webReady = !!opts.serveWeb && fs.existsSync(indexHtml);
  if (webReady) await app.register(fastifyStatic, { root: ctx.config.webDist, index: 'index.html' });
  // Unknown /api paths answer JSON; any other path is a client-side route of the web app.
  app.setNotFoundHandler((req, reply) => {
    if (webReady && req.method === 'GET' && !req.url.startsWith('/api/')) return reply.sendFile('index.html');
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${req.method} ${req.url.split('?')[0]}`, details: [] } });
  });
  return app;
}
