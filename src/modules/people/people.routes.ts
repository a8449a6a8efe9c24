import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import { PersonInput, PersonListQuery, PersonUpdateInput } from './people.schema.ts';
import type { PeopleService } from './people.service.ts';

const IdParams = z.object({ id: zId });
const tags = ['people'];

export function registerPeopleRoutes(app: App, people: PeopleService): void {
  app.get('/api/people', { schema: { tags, querystring: PersonListQuery } }, (req) => people.list(actorOf(req), req.query));
  app.get('/api/people/:id', { schema: { tags, params: IdParams } }, (req) => people.get(actorOf(req), req.params.id));
  app.post('/api/people', { schema: { tags, body: PersonInput } }, async (req, reply) =>
    reply.status(201).send(await people.create(actorOf(req), req.body)));
  app.patch('/api/people/:id', { schema: { tags, params: IdParams, body: PersonUpdateInput } }, (req) =>
    people.update(actorOf(req), req.params.id, req.body));
  app.delete('/api/people/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await people.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
}
