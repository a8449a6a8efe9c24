import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import {
  LevelInput, NodeChildrenQuery, NodeCreateInput, NodeMoveInput, NodeSearchQuery, NodeUpdateInput, zLevelCode,
} from './jurisdiction.schema.ts';
import type { JurisdictionService } from './jurisdiction.service.ts';

const IdParams = z.object({ id: zId });
const tags = ['jurisdiction'];

export function registerJurisdictionRoutes(app: App, jurisdiction: JurisdictionService): void {
  app.get('/api/jurisdiction/levels', { schema: { tags } }, (req) => jurisdiction.listLevels(actorOf(req)));
  app.put('/api/jurisdiction/levels', { schema: { tags, body: LevelInput } }, (req) => jurisdiction.saveLevel(actorOf(req), req.body));
  app.delete('/api/jurisdiction/levels/:code', { schema: { tags, params: z.object({ code: zLevelCode }) } }, async (req, reply) => {
    await jurisdiction.deleteLevel(actorOf(req), req.params.code);
    return reply.status(204).send();
  });

  app.get('/api/jurisdiction/nodes', { schema: { tags, querystring: NodeChildrenQuery } }, (req) =>
    req.query.parentId ? jurisdiction.listChildren(actorOf(req), req.query.parentId) : jurisdiction.listTop(actorOf(req)));
  app.get('/api/jurisdiction/nodes/:id', { schema: { tags, params: IdParams } }, (req) => jurisdiction.get(actorOf(req), req.params.id));
  app.get('/api/jurisdiction/search', { schema: { tags, querystring: NodeSearchQuery } }, (req) =>
    jurisdiction.search(actorOf(req), req.query.q, req.query.limit));
  app.post('/api/jurisdiction/nodes', { schema: { tags, body: NodeCreateInput } }, async (req, reply) =>
    reply.status(201).send(await jurisdiction.create(actorOf(req), req.body)));
  app.patch('/api/jurisdiction/nodes/:id', { schema: { tags, params: IdParams, body: NodeUpdateInput } }, (req) =>
    jurisdiction.update(actorOf(req), req.params.id, req.body));
  app.post('/api/jurisdiction/nodes/:id/move', { schema: { tags, params: IdParams, body: NodeMoveInput } }, (req) =>
    jurisdiction.move(actorOf(req), req.params.id, req.body));
  app.delete('/api/jurisdiction/nodes/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await jurisdiction.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
}
