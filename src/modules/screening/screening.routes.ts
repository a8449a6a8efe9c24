import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import { AssigneesInput, CampaignInput, CampaignListQuery, VisitInput } from './screening.schema.ts';
import type { ScreeningService } from './screening.service.ts';

const IdParams = z.object({ id: zId });
const HouseholdParams = z.object({ id: zId, householdId: zId });
const tags = ['screening'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerScreeningRoutes(app: App, screening: ScreeningService): void {
  app.get('/api/screening/campaigns', { schema: { tags, querystring: CampaignListQuery } }, (req) =>
    screening.listCampaigns(actorOf(req), req.query.status));
  app.post('/api/screening/campaigns', { schema: { tags, body: CampaignInput } }, async (req, reply) =>
    reply.status(201).send(await screening.createCampaign(actorOf(req), req.body)));
  app.get('/api/screening/campaigns/:id', { schema: { tags, params: IdParams } }, (req) => screening.getCampaign(actorOf(req), req.params.id));
  app.post('/api/screening/campaigns/:id/close', { schema: { tags, params: IdParams } }, (req) => screening.closeCampaign(actorOf(req), req.params.id));
  app.get('/api/screening/campaigns/:id/progress', { schema: { tags, params: IdParams } }, (req) => screening.progress(actorOf(req), req.params.id));
  app.get('/api/screening/campaigns/:id/tabulation', { schema: { tags, params: IdParams } }, (req) => screening.tabulation(actorOf(req), req.params.id));
  app.get('/api/screening/campaigns/:id/tabulation.xlsx', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const sheet = await screening.tabulationSheet(actorOf(req), req.params.id, requestLang(req));
    return reply.type(XLSX).header('content-disposition', attachment(sheet.name)).send(sheet.body);
  });

  app.get('/api/screening/my-tasks', { schema: { tags } }, (req) => screening.myTasks(actorOf(req)));
  app.get('/api/screening/tasks/:id', { schema: { tags, params: IdParams } }, (req) => screening.task(actorOf(req), req.params.id));
  app.put('/api/screening/tasks/:id/assignees', { schema: { tags, params: IdParams, body: AssigneesInput } }, (req) =>
    screening.assign(actorOf(req), req.params.id, req.body));
  app.post('/api/screening/tasks/:id/visits', { schema: { tags, params: IdParams, body: VisitInput } }, (req) =>
    screening.recordVisit(actorOf(req), req.params.id, req.body));
  app.get('/api/screening/tasks/:id/households/:householdId/visits', { schema: { tags, params: HouseholdParams } }, (req) =>
    screening.householdVisits(actorOf(req), req.params.id, req.params.householdId));
}
