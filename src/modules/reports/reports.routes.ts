import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import {
  ChaseQuery, CorrectionInput, DayQuery, RemindInput, ReportFormInput, ReportFormUpdateInput, SubmissionInput,
  SubmissionListQuery,
} from './reports.schema.ts';
import { RollupExportQuery, RollupHistoryQuery, RollupQuery } from './rollup.schema.ts';
import { NotificationListQuery } from './notifications.schema.ts';
import type { ReportsService } from './reports.service.ts';

const IdParams = z.object({ id: zId });
const tags = ['reports'];

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerReportsRoutes(app: App, reports: ReportsService): void {
  const { forms, submissions, chase, rollup, notifications } = reports;

  app.get('/api/reports/forms', { schema: { tags } }, (req) => forms.list(actorOf(req)));
  app.get('/api/reports/forms/:id', { schema: { tags, params: IdParams } }, (req) => forms.get(actorOf(req), req.params.id));
  app.post('/api/reports/forms', { schema: { tags, body: ReportFormInput } }, async (req, reply) =>
    reply.status(201).send(await forms.create(actorOf(req), req.body)));
  app.patch('/api/reports/forms/:id', { schema: { tags, params: IdParams, body: ReportFormUpdateInput } }, (req) =>
    forms.update(actorOf(req), req.params.id, req.body));
  app.delete('/api/reports/forms/:id', { schema: { tags, params: IdParams } }, async (req, reply) => {
    await forms.remove(actorOf(req), req.params.id);
    return reply.status(204).send();
  });

  app.get('/api/reports/mine', { schema: { tags, querystring: DayQuery } }, (req) => submissions.mine(actorOf(req), req.query.day));
  app.get('/api/reports/submissions', { schema: { tags, querystring: SubmissionListQuery } }, (req) => submissions.list(actorOf(req), req.query));
  app.get('/api/reports/submissions/:id', { schema: { tags, params: IdParams } }, (req) => submissions.get(actorOf(req), req.params.id));
  app.post('/api/reports/submissions', { schema: { tags, body: SubmissionInput } }, async (req, reply) =>
    reply.status(201).send(await submissions.submit(actorOf(req), req.body)));
  app.post('/api/reports/submissions/:id/corrections', { schema: { tags, params: IdParams, body: CorrectionInput } }, async (req, reply) =>
    reply.status(201).send(await submissions.correct(actorOf(req), req.params.id, req.body)));

  app.get('/api/reports/chase', { schema: { tags, querystring: ChaseQuery } }, (req) => chase.chase(actorOf(req), req.query));
  app.post('/api/reports/chase/remind', { schema: { tags, body: RemindInput } }, (req) => chase.remind(actorOf(req), req.body));
  app.get('/api/reports/reminders', { schema: { tags, querystring: ChaseQuery } }, (req) => chase.reminders(actorOf(req), req.query));

  app.get('/api/reports/rollup', { schema: { tags, querystring: RollupQuery } }, (req) => rollup.day(actorOf(req), req.query));
  app.get('/api/reports/rollup/history', { schema: { tags, querystring: RollupHistoryQuery } }, (req) => rollup.history(actorOf(req), req.query));
  app.get('/api/reports/rollup/export', { schema: { tags, querystring: RollupExportQuery } }, async (req, reply) => {
    const { format, ...query } = req.query;
    const file = await rollup.export(actorOf(req), query, format, requestLang(req));
    const out = new PassThrough();
    file.write(out).catch((err: Error) => out.destroy(err));
    return reply.type(CONTENT_TYPES[format]).header('content-disposition', attachment(file.fileName)).send(out);
  });

  app.get('/api/notifications', { schema: { tags: ['notifications'], querystring: NotificationListQuery } }, (req) =>
    notifications.list(actorOf(req), req.query));
  app.post('/api/notifications/:id/read', { schema: { tags: ['notifications'], params: IdParams } }, async (req, reply) => {
    await notifications.markRead(actorOf(req), req.params.id);
    return reply.status(204).send();
  });
  app.post('/api/notifications/read-all', { schema: { tags: ['notifications'] } }, (req) => notifications.markAllRead(actorOf(req)));
}
