import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import {
  ArrivalInput, ArrivalListQuery, DueExportQuery, DueQuery, MeasureCloseInput, MeasureConfirmInput, ProposalQuery,
  RegionRiskInput, RegionRiskQuery, RuleVersionInput,
} from './outsiders.schema.ts';
import type { OutsidersService } from './outsiders.service.ts';

const IdParams = z.object({ id: zId });
const tags = ['outsiders'];
const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerOutsidersRoutes(app: App, outsiders: OutsidersService): void {
  const { rules } = outsiders;
  app.get('/api/outsiders/arrivals', { schema: { tags, querystring: ArrivalListQuery } }, (req) => outsiders.list(actorOf(req), req.query));
  app.get('/api/outsiders/arrivals/:id', { schema: { tags, params: IdParams } }, (req) => outsiders.get(actorOf(req), req.params.id));
  app.post('/api/outsiders/arrivals', { schema: { tags, body: ArrivalInput } }, async (req, reply) =>
    reply.status(201).send(await outsiders.create(actorOf(req), req.body)));
  app.post('/api/outsiders/arrivals/:id/confirm', { schema: { tags, params: IdParams } }, (req) =>
    outsiders.confirmAll(actorOf(req), req.params.id));
  app.post('/api/outsiders/measures/:id/confirm', { schema: { tags, params: IdParams, body: MeasureConfirmInput } }, (req) =>
    outsiders.confirm(actorOf(req), req.params.id, req.body));
  app.post('/api/outsiders/measures/:id/close', { schema: { tags, params: IdParams, body: MeasureCloseInput } }, (req) =>
    outsiders.close(actorOf(req), req.params.id, req.body));

  app.get('/api/outsiders/due', { schema: { tags, querystring: DueQuery } }, (req) => outsiders.due(actorOf(req), req.query));
  app.get('/api/outsiders/due/export', { schema: { tags, querystring: DueExportQuery } }, async (req, reply) => {
    const { format, ...query } = req.query;
    const write = await outsiders.prepareDueExport(actorOf(req), query, requestLang(req));
    const out = new PassThrough();
    write(format, out).catch((err) => out.destroy(err));
    const day = query.date ?? 'today';
    return reply.type(CONTENT_TYPES[format]).header('content-disposition', attachment(`arrivals-due-${day}.${format}`)).send(out);
  });

  app.get('/api/outsiders/proposal', { schema: { tags, querystring: ProposalQuery } }, (req) =>
    rules.proposal(actorOf(req), req.query.riskLevel, req.query.arrivalDate));
  app.get('/api/outsiders/rule-versions', { schema: { tags } }, (req) => rules.list(actorOf(req)));
  app.post('/api/outsiders/rule-versions', { schema: { tags, body: RuleVersionInput } }, async (req, reply) =>
    reply.status(201).send(await rules.create(actorOf(req), req.body)));
  app.put('/api/outsiders/rule-versions/:id', { schema: { tags, params: IdParams, body: RuleVersionInput } }, (req) =>
    rules.update(actorOf(req), req.params.id, req.body));
  app.delete('/api/outsiders/rule-versions/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await rules.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.get('/api/outsiders/region-risks', { schema: { tags, querystring: RegionRiskQuery } }, (req) => rules.regionRisks(actorOf(req), req.query));
  app.post('/api/outsiders/region-risks', { schema: { tags, body: RegionRiskInput } }, async (req, reply) =>
    reply.status(201).send(await rules.saveRegionRisk(actorOf(req), req.body)));
  app.put('/api/outsiders/region-risks/:id', { schema: { tags, params: IdParams, body: RegionRiskInput } }, (req) =>
    rules.saveRegionRisk(actorOf(req), req.body, req.params.id));
  app.delete('/api/outsiders/region-risks/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await rules.removeRegionRisk(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
}
