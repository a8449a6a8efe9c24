import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import { AssignInput } from './mobilization.schema.ts';
import type { MobilizationService } from './mobilization.service.ts';
import {
  FulfilmentInput, PledgeCountsQuery, PledgeInput, PledgeListQuery, PledgeUpdateInput, ReachPeopleQuery, RosterQuery, TeamInput,
  TeamListQuery, TeamMemberInput, TeamUpdateInput,
} from './teams.schema.ts';
import { VolunteerApproveInput, VolunteerDeclineInput, VolunteerListQuery } from './volunteers.schema.ts';

const IdParams = z.object({ id: zId });
const MemberParams = z.object({ id: zId, personId: zId });
const FulfilmentParams = z.object({ id: zId, fulfilmentId: zId });
const tags = ['mobilization'];
const base = '/api/mobilization';

/** 突击队, 亮承诺 / 践诺, 亮身份 and the handling of volunteer sign-ups. */
export function registerTeamRoutes(app: App, m: MobilizationService): void {
  const { teams, pledges, roster, volunteers } = m;

  app.get(`${base}/people`, { schema: { tags, querystring: ReachPeopleQuery } }, (req) => teams.reachablePeople(actorOf(req), req.query));

  app.get(`${base}/teams`, { schema: { tags, querystring: TeamListQuery } }, (req) => teams.list(actorOf(req), req.query));
  app.post(`${base}/teams`, { schema: { tags, body: TeamInput } }, async (req, reply) =>
    reply.status(201).send(await teams.create(actorOf(req), req.body)));
  app.get(`${base}/teams/:id`, { schema: { tags, params: IdParams } }, (req) => teams.get(actorOf(req), req.params.id));
  app.patch(`${base}/teams/:id`, { schema: { tags, params: IdParams, body: TeamUpdateInput } }, (req) =>
    teams.update(actorOf(req), req.params.id, req.body));
  app.delete(`${base}/teams/:id`, { schema: { tags, params: IdParams } }, async (req, reply) => {
    await teams.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.post(`${base}/teams/:id/members`, { schema: { tags, params: IdParams, body: TeamMemberInput } }, async (req, reply) =>
    reply.status(201).send(await teams.addMember(actorOf(req), req.params.id, req.body)));
  app.delete(`${base}/teams/:id/members/:personId`, { schema: { tags, params: MemberParams } }, async (req, reply) => {
    await teams.removeMember(actorOf(req), req.params.id, req.params.personId);
    return reply.status(204).send();
  });

  app.get(`${base}/pledges`, { schema: { tags, querystring: PledgeListQuery } }, (req) => pledges.list(actorOf(req), req.query));
  app.get(`${base}/pledges/counts`, { schema: { tags, querystring: PledgeCountsQuery } }, (req) => pledges.counts(actorOf(req), req.query));
  app.post(`${base}/pledges`, { schema: { tags, body: PledgeInput } }, async (req, reply) =>
    reply.status(201).send(await pledges.create(actorOf(req), req.body)));
  app.get(`${base}/pledges/:id`, { schema: { tags, params: IdParams } }, (req) => pledges.get(actorOf(req), req.params.id));
  app.patch(`${base}/pledges/:id`, { schema: { tags, params: IdParams, body: PledgeUpdateInput } }, (req) =>
    pledges.update(actorOf(req), req.params.id, req.body));
  app.delete(`${base}/pledges/:id`, { schema: { tags, params: IdParams } }, async (req, reply) => {
    await pledges.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.post(`${base}/pledges/:id/fulfilments`, { schema: { tags, params: IdParams, body: FulfilmentInput } }, async (req, reply) =>
    reply.status(201).send(await pledges.addFulfilment(actorOf(req), req.params.id, req.body)));
  app.delete(`${base}/pledges/:id/fulfilments/:fulfilmentId`, { schema: { tags, params: FulfilmentParams } }, async (req, reply) => {
    await pledges.removeFulfilment(actorOf(req), req.params.id, req.params.fulfilmentId);
    return reply.status(204).send();
  });

  app.get(`${base}/roster`, { schema: { tags, querystring: RosterQuery } }, (req) => roster.roster(actorOf(req), req.query));

  app.get(`${base}/volunteers`, { schema: { tags, querystring: VolunteerListQuery } }, (req) => volunteers.list(actorOf(req), req.query));
  app.get(`${base}/volunteers/:id`, { schema: { tags, params: IdParams } }, (req) => volunteers.get(actorOf(req), req.params.id));
  app.get(`${base}/volunteers/:id/phone`, { schema: { tags, params: IdParams } }, (req) => volunteers.phone(actorOf(req), req.params.id));
  app.post(`${base}/volunteers/:id/approve`, { schema: { tags, params: IdParams, body: VolunteerApproveInput } }, (req) =>
    volunteers.approve(actorOf(req), req.params.id, req.body));
  app.post(`${base}/volunteers/:id/decline`, { schema: { tags, params: IdParams, body: VolunteerDeclineInput } }, (req) =>
    volunteers.decline(actorOf(req), req.params.id, req.body));
  app.post(`${base}/volunteers/:id/assign`, { schema: { tags, params: IdParams, body: AssignInput } }, (req) =>
    volunteers.assign(actorOf(req), req.params.id, req.body));
}
