import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import { AlertsQuery, CheckinInput, HoursExportQuery, HoursQuery, NoteInput, NoteListQuery, TokenParams } from './attendance.schema.ts';
import { DutyPostInput, DutyPostListQuery, DutyPostUpdateInput, DutyRulesInput, LeadsInput, SuccessionListQuery } from './duty.schema.ts';
import type { DutyService } from './duty.service.ts';
import {
  AssignInput, AutoFillInput, AvailabilityInput, GenerateInput, RosterQuery, SwapInput, SwapListQuery, UnavailabilityInput,
  UnavailabilityListQuery,
} from './roster.schema.ts';

const IdParams = z.object({ id: zId });
const PersonParams = z.object({ personId: zId });
const tags = ['duty'];

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerDutyRoutes(app: App, duty: DutyService): void {
  const { posts, roster, swaps, availability, attendance, records, rules } = duty;

  app.get('/api/duty/rules', { schema: { tags } }, (req) => rules.get(actorOf(req)));
  app.put('/api/duty/rules', { schema: { tags, body: DutyRulesInput } }, (req) => rules.update(actorOf(req), req.body));

  app.get('/api/duty/posts', { schema: { tags, querystring: DutyPostListQuery } }, (req) => posts.list(actorOf(req), req.query));
  app.post('/api/duty/posts', { schema: { tags, body: DutyPostInput } }, async (req, reply) =>
    reply.status(201).send(await posts.create(actorOf(req), req.body)));
  app.get('/api/duty/posts/:id', { schema: { tags, params: IdParams } }, (req) => posts.get(actorOf(req), req.params.id));
  app.patch('/api/duty/posts/:id', { schema: { tags, params: IdParams, body: DutyPostUpdateInput } }, (req) =>
    posts.update(actorOf(req), req.params.id, req.body));
  app.delete('/api/duty/posts/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await posts.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.put('/api/duty/posts/:id/leads', { schema: { tags, params: IdParams, body: LeadsInput } }, (req) =>
    posts.setLeads(actorOf(req), req.params.id, req.body));
  app.post('/api/duty/posts/:id/token', { schema: { tags, params: IdParams } }, (req) => posts.rotateToken(actorOf(req), req.params.id));
  app.get('/api/duty/successions', { schema: { tags, querystring: SuccessionListQuery } }, (req) => posts.successions(actorOf(req), req.query));

  app.get('/api/duty/roster', { schema: { tags, querystring: RosterQuery } }, (req) => roster.roster(actorOf(req), req.query));
  app.post('/api/duty/roster/generate', { schema: { tags, body: GenerateInput } }, (req) => roster.generate(actorOf(req), req.body));
  app.post('/api/duty/roster/auto-fill', { schema: { tags, body: AutoFillInput } }, (req) => roster.autoFill(actorOf(req), req.body));
  app.post('/api/duty/assignments', { schema: { tags, body: AssignInput } }, async (req, reply) =>
    reply.status(201).send(await roster.assign(actorOf(req), req.body)));
  app.delete('/api/duty/assignments/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await roster.unassign(actorOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.get('/api/duty/swaps', { schema: { tags, querystring: SwapListQuery } }, (req) => swaps.list(actorOf(req), req.query));
  app.post('/api/duty/swaps', { schema: { tags, body: SwapInput } }, async (req, reply) =>
    reply.status(201).send(await swaps.propose(actorOf(req), req.body)));
  app.post('/api/duty/swaps/:id/approve', { schema: { tags, params: IdParams } }, (req) => swaps.approve(actorOf(req), req.params.id));
  app.post('/api/duty/swaps/:id/reject', { schema: { tags, params: IdParams } }, (req) => swaps.reject(actorOf(req), req.params.id));

  app.get('/api/duty/availability/:personId', { schema: { tags, params: PersonParams } }, (req) =>
    availability.getWindows(actorOf(req), req.params.personId));
  app.put('/api/duty/availability/:personId', { schema: { tags, params: PersonParams, body: AvailabilityInput } }, (req) =>
    availability.setWindows(actorOf(req), req.params.personId, req.body));
  app.get('/api/duty/unavailability', { schema: { tags, querystring: UnavailabilityListQuery } }, (req) =>
    availability.listUnavailability(actorOf(req), req.query));
  app.post('/api/duty/unavailability', { schema: { tags, body: UnavailabilityInput } }, async (req, reply) =>
    reply.status(201).send(await duty.markUnavailable(actorOf(req), req.body)));
  app.post('/api/duty/unavailability/:id/end', { schema: { tags, params: IdParams } }, (req) =>
    availability.endUnavailability(actorOf(req), req.params.id));

  app.get('/api/duty/checkin/:token', { schema: { tags, params: TokenParams } }, (req) => attendance.context(actorOf(req), req.params.token));
  app.post('/api/duty/checkins', { schema: { tags, body: CheckinInput } }, async (req, reply) =>
    reply.status(req.body.kind === 'in' ? 201 : 200).send(await attendance.checkin(actorOf(req), req.body)));
  app.get('/api/duty/alerts', { schema: { tags, querystring: AlertsQuery } }, (req) => attendance.alerts(actorOf(req), req.query));

  app.get('/api/duty/notes', { schema: { tags, querystring: NoteListQuery } }, (req) => records.listNotes(actorOf(req), req.query));
  app.put('/api/duty/notes', { schema: { tags, body: NoteInput } }, (req) => records.putNote(actorOf(req), req.body));
  app.get('/api/duty/hours', { schema: { tags, querystring: HoursQuery } }, (req) => records.hours(actorOf(req), req.query));
  app.get('/api/duty/hours/export', { schema: { tags, querystring: HoursExportQuery } }, async (req, reply) => {
    const { format, ...query } = req.query;
    const write = await records.prepareHoursExport(actorOf(req), query, requestLang(req));
    const out = new PassThrough();
    write(format, out).catch((err) => out.destroy(err));
    return reply.type(CONTENT_TYPES[format])
      .header('content-disposition', attachment(`duty-hours-${query.from}-${query.to}.${format}`)).send(out);
  });
}
