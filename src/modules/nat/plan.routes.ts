import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import {
  AreasInput, CodeReissueInput, CodeSheetQuery, DeskInput, NatDefaults, RoundInput, RoundUpdateInput, SiteInput,
  SiteUpdateInput, SlotInput, StaffInput, VerifyInput,
} from './nat.schema.ts';
import type { NatPlanService } from './plan.service.ts';

const IdParams = z.object({ id: zId });
const tags = ['nat'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerNatPlanRoutes(app: App, plan: NatPlanService): void {
  const { sites, slots, codes, certificates } = plan;

  app.get('/api/nat/defaults', { schema: { tags } }, (req) => plan.defaults(actorOf(req)));
  app.put('/api/nat/defaults', { schema: { tags, body: NatDefaults } }, (req) => plan.saveDefaults(actorOf(req), req.body));

  app.get('/api/nat/rounds', { schema: { tags } }, (req) => plan.listRounds(actorOf(req)));
  app.post('/api/nat/rounds', { schema: { tags, body: RoundInput } }, async (req, reply) =>
    reply.status(201).send(await plan.createRound(actorOf(req), req.body)));
  app.get('/api/nat/rounds/:id', { schema: { tags, params: IdParams } }, (req) => plan.getRound(actorOf(req), req.params.id));
  app.patch('/api/nat/rounds/:id', { schema: { tags, params: IdParams, body: RoundUpdateInput } }, (req) =>
    plan.updateRound(actorOf(req), req.params.id, req.body));
  app.get('/api/nat/rounds/:id/roster', { schema: { tags, params: IdParams } }, (req) => plan.roster(actorOf(req), req.params.id));
  app.post('/api/nat/rounds/:id/roster', { schema: { tags, params: IdParams } }, (req) => plan.buildRoster(actorOf(req), req.params.id));

  app.get('/api/nat/rounds/:id/sites', { schema: { tags, params: IdParams } }, (req) => sites.list(actorOf(req), req.params.id));
  app.post('/api/nat/rounds/:id/sites', { schema: { tags, params: IdParams, body: SiteInput } }, async (req, reply) =>
    reply.status(201).send(await sites.create(actorOf(req), req.params.id, req.body)));
  app.get('/api/nat/sites/:id', { schema: { tags, params: IdParams } }, (req) => sites.get(actorOf(req), req.params.id));
  app.patch('/api/nat/sites/:id', { schema: { tags, params: IdParams, body: SiteUpdateInput } }, (req) =>
    sites.update(actorOf(req), req.params.id, req.body));
  app.delete('/api/nat/sites/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await sites.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.post('/api/nat/sites/:id/desks', { schema: { tags, params: IdParams, body: DeskInput } }, async (req, reply) =>
    reply.status(201).send(await sites.addDesk(actorOf(req), req.params.id, req.body)));
  app.delete('/api/nat/sites/:id/desks/:deskId', { schema: { tags, params: IdParams.extend({ deskId: zId }) } }, async (req, reply) => {
    await sites.removeDesk(actorOf(req), req.params.id, req.params.deskId);
    return reply.status(204).send();
  });
  app.post('/api/nat/sites/:id/staff', { schema: { tags, params: IdParams, body: StaffInput } }, async (req, reply) =>
    reply.status(201).send(await sites.addStaff(actorOf(req), req.params.id, req.body)));
  app.delete('/api/nat/sites/:id/staff/:staffId', { schema: { tags, params: IdParams.extend({ staffId: zId }) } }, async (req, reply) => {
    await sites.removeStaff(actorOf(req), req.params.id, req.params.staffId);
    return reply.status(204).send();
  });
  app.put('/api/nat/sites/:id/areas', { schema: { tags, params: IdParams, body: AreasInput } }, (req) =>
    sites.setAreas(actorOf(req), req.params.id, req.body));

  app.get('/api/nat/rounds/:id/slots', { schema: { tags, params: IdParams, querystring: z.object({ siteId: zId.optional() }) } }, (req) =>
    slots.list(actorOf(req), req.params.id, req.query.siteId));
  app.post('/api/nat/sites/:id/slots', { schema: { tags, params: IdParams, body: SlotInput } }, async (req, reply) =>
    reply.status(201).send(await slots.create(actorOf(req), req.params.id, req.body)));
  app.delete('/api/nat/slots/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await slots.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.get('/api/nat/slots/:id/reminders', { schema: { tags, params: IdParams } }, (req) => slots.reminders(actorOf(req), req.params.id));
  app.post('/api/nat/slots/:id/reminders/send', { schema: { tags, params: IdParams } }, (req) => slots.sendReminders(actorOf(req), req.params.id));
  app.get('/api/nat/slots/:id/reminders.xlsx', { schema: { tags, params: IdParams } }, async (req, reply) => {
    const file = await slots.reminderWorkbook(actorOf(req), req.params.id, requestLang(req));
    return reply.type(XLSX).header('content-disposition', attachment(file.name)).send(file.data);
  });

  app.get('/api/nat/codes/sheet', { schema: { tags, querystring: CodeSheetQuery } }, (req) => codes.sheet(actorOf(req), req.query.nodeId));
  app.post('/api/nat/codes/:id/reissue', { schema: { tags, params: IdParams, body: CodeReissueInput } }, (req) =>
    codes.reissue(actorOf(req), req.params.id, req.body.reason));

  app.get('/api/nat/rounds/:id/certificates/:residentId', { schema: { tags, params: IdParams.extend({ residentId: zId }) } }, (req) =>
    certificates.issue(actorOf(req), req.params.id, req.params.residentId));
  // Public: checkpoints and residents use these without signing in.
  app.get('/api/nat/certificates/public-key', { schema: { tags } }, async (_req, reply) =>
    reply.header('cache-control', 'public, max-age=3600').send(certificates.publicKey()));
  app.post('/api/nat/certificates/verify', { schema: { tags, body: VerifyInput } }, (req) => certificates.verify(req.body.token));
  app.post('/api/nat/me', { schema: { tags, body: z.object({ code: z.string().max(2000) }) } }, (req) => certificates.selfService(req.body.code));
}
