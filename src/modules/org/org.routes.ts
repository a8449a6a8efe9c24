import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import {
  AreaInput, AreaListQuery, AreaUpdateInput, ChainQuery, PartyOrgInput, PartyOrgListQuery, PartyOrgUpdateInput,
  PostInput, PostListQuery, PostMemberInput, PostUpdateInput, UnitInput, UnitUpdateInput,
} from './org.schema.ts';
import type { OrgService } from './org.service.ts';

const IdParams = z.object({ id: zId });
const MemberParams = z.object({ id: zId, personId: zId });
const tags = ['org'];

export function registerOrgRoutes(app: App, org: OrgService): void {
  const { units, partyOrgs, areas, posts, chain } = org;

  app.get('/api/org/units', { schema: { tags } }, (req) => units.list(actorOf(req)));
  app.post('/api/org/units', { schema: { tags, body: UnitInput } }, async (req, reply) =>
    reply.status(201).send(await units.create(actorOf(req), req.body)));
  app.get('/api/org/units/:id', { schema: { tags, params: IdParams } }, (req) => units.get(actorOf(req), req.params.id));
  app.patch('/api/org/units/:id', { schema: { tags, params: IdParams, body: UnitUpdateInput } }, (req) =>
    units.update(actorOf(req), req.params.id, req.body));
  app.delete('/api/org/units/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await units.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.get('/api/org/party-orgs', { schema: { tags, querystring: PartyOrgListQuery } }, (req) => partyOrgs.list(actorOf(req), req.query));
  app.post('/api/org/party-orgs', { schema: { tags, body: PartyOrgInput } }, async (req, reply) =>
    reply.status(201).send(await partyOrgs.create(actorOf(req), req.body)));
  app.get('/api/org/party-orgs/:id', { schema: { tags, params: IdParams } }, (req) => partyOrgs.get(actorOf(req), req.params.id));
  app.patch('/api/org/party-orgs/:id', { schema: { tags, params: IdParams, body: PartyOrgUpdateInput } }, (req) =>
    partyOrgs.update(actorOf(req), req.params.id, req.body));
  app.delete('/api/org/party-orgs/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await partyOrgs.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.get('/api/org/areas', { schema: { tags, querystring: AreaListQuery } }, (req) => areas.list(actorOf(req), req.query));
  app.post('/api/org/areas', { schema: { tags, body: AreaInput } }, async (req, reply) =>
    reply.status(201).send(await areas.create(actorOf(req), req.body)));
  app.get('/api/org/areas/:id', { schema: { tags, params: IdParams } }, (req) => areas.get(actorOf(req), req.params.id));
  app.patch('/api/org/areas/:id', { schema: { tags, params: IdParams, body: AreaUpdateInput } }, (req) =>
    areas.update(actorOf(req), req.params.id, req.body));
  app.delete('/api/org/areas/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await areas.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.get('/api/org/posts', { schema: { tags, querystring: PostListQuery } }, (req) => posts.list(actorOf(req), req.query));
  app.post('/api/org/posts', { schema: { tags, body: PostInput } }, async (req, reply) =>
    reply.status(201).send(await posts.create(actorOf(req), req.body)));
  app.get('/api/org/posts/:id', { schema: { tags, params: IdParams } }, (req) => posts.get(actorOf(req), req.params.id));
  app.patch('/api/org/posts/:id', { schema: { tags, params: IdParams, body: PostUpdateInput } }, (req) =>
    posts.update(actorOf(req), req.params.id, req.body));
  app.delete('/api/org/posts/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await posts.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.get('/api/org/posts/:id/members', { schema: { tags, params: IdParams } }, (req) => posts.listMembers(actorOf(req), req.params.id));
  app.post('/api/org/posts/:id/members', { schema: { tags, params: IdParams, body: PostMemberInput } }, async (req, reply) =>
    reply.status(201).send(await posts.addMember(actorOf(req), req.params.id, req.body)));
  app.delete('/api/org/posts/:id/members/:personId', { schema: { tags, params: MemberParams } }, async (req, reply) => {
    await posts.removeMember(actorOf(req), req.params.id, req.params.personId);
    return reply.status(204).send();
  });

  app.get('/api/org/chain', { schema: { tags, querystring: ChainQuery } }, (req) => chain.get(actorOf(req), req.query));
}
