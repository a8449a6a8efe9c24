import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import {
  ArrivalListQuery, BatchInput, BatchListQuery, BatchMembersInput, BatchUpdateInput, CountsQuery, PairingInput, PairingListQuery,
  PairingUpdateInput,
} from './dispatch.schema.ts';
import { AssignInput } from './mobilization.schema.ts';
import type { MobilizationService } from './mobilization.service.ts';

const IdParams = z.object({ id: zId });
const NodeParams = z.object({ nodeId: zId });
const MemberParams = z.object({ id: zId, personId: zId });
const tags = ['mobilization'];
const base = '/api/mobilization';

/** 下沉批次, 报到 (arrivals and report-in codes), 结对共建 and the counts. */
export function registerDispatchRoutes(app: App, m: MobilizationService): void {
  const { dispatch, arrivals, pairings, counts } = m;

  app.get(`${base}/batches`, { schema: { tags, querystring: BatchListQuery } }, (req) => dispatch.list(actorOf(req), req.query));
  app.post(`${base}/batches`, { schema: { tags, body: BatchInput } }, async (req, reply) =>
    reply.status(201).send(await dispatch.create(actorOf(req), req.body)));
  app.get(`${base}/batches/:id`, { schema: { tags, params: IdParams } }, (req) => dispatch.get(actorOf(req), req.params.id));
  app.patch(`${base}/batches/:id`, { schema: { tags, params: IdParams, body: BatchUpdateInput } }, (req) =>
    dispatch.update(actorOf(req), req.params.id, req.body));
  app.delete(`${base}/batches/:id`, { schema: { tags, params: IdParams } }, async (req, reply) => {
    await dispatch.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.post(`${base}/batches/:id/members`, { schema: { tags, params: IdParams, body: BatchMembersInput } }, (req) =>
    dispatch.addMembers(actorOf(req), req.params.id, req.body));
  app.delete(`${base}/batches/:id/members/:personId`, { schema: { tags, params: MemberParams } }, async (req, reply) => {
    await dispatch.removeMember(actorOf(req), req.params.id, req.params.personId);
    return reply.status(204).send();
  });

  app.get(`${base}/arrivals`, { schema: { tags, querystring: ArrivalListQuery } }, (req) => arrivals.list(actorOf(req), req.query));
  app.get(`${base}/arrivals/:id`, { schema: { tags, params: IdParams } }, (req) => arrivals.get(actorOf(req), req.params.id));
  app.post(`${base}/arrivals/:id/confirm`, { schema: { tags, params: IdParams } }, (req) => arrivals.confirm(actorOf(req), req.params.id));
  app.post(`${base}/arrivals/:id/assign`, { schema: { tags, params: IdParams, body: AssignInput } }, (req) =>
    arrivals.assign(actorOf(req), req.params.id, req.body));

  app.get(`${base}/report-in-codes/:nodeId`, { schema: { tags, params: NodeParams } }, (req) => arrivals.code(actorOf(req), req.params.nodeId));
  app.post(`${base}/report-in-codes/:nodeId`, { schema: { tags, params: NodeParams } }, (req) =>
    arrivals.regenerateCode(actorOf(req), req.params.nodeId));

  app.get(`${base}/unit-options`, { schema: { tags } }, (req) => pairings.unitOptions(actorOf(req)));
  app.get(`${base}/pairings`, { schema: { tags, querystring: PairingListQuery } }, (req) => pairings.list(actorOf(req), req.query));
  app.post(`${base}/pairings`, { schema: { tags, body: PairingInput } }, async (req, reply) =>
    reply.status(201).send(await pairings.create(actorOf(req), req.body)));
  app.get(`${base}/pairings/:id`, { schema: { tags, params: IdParams } }, (req) => pairings.get(actorOf(req), req.params.id));
  app.patch(`${base}/pairings/:id`, { schema: { tags, params: IdParams, body: PairingUpdateInput } }, (req) =>
    pairings.update(actorOf(req), req.params.id, req.body));
  app.delete(`${base}/pairings/:id`, { schema: { tags, params: IdParams } }, async (req, reply) => {
    await pairings.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.get(`${base}/pairings/:id/activity`, { schema: { tags, params: IdParams } }, (req) => pairings.activity(actorOf(req), req.params.id));

  app.get(`${base}/counts`, { schema: { tags, querystring: CountsQuery } }, (req) => counts.counts(actorOf(req), req.query));
  app.get(`${base}/counts/today`, { schema: { tags, querystring: CountsQuery } }, (req) => counts.today(actorOf(req), req.query));
}
