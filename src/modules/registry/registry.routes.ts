import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import {
  ExportQuery, HouseholdQuery, MoveInput, ResidentInput, ResidentListQuery, ResidentUpdateInput, RetentionInput,
  SpecialNeedsQuery, StatusInput, SummaryQuery, UnmaskInput,
} from './registry.schema.ts';
import type { RegistryService } from './registry.service.ts';
import { registerResidentImportRoutes } from './registry-import.routes.ts';

const IdParams = z.object({ id: zId });
const tags = ['registry'];
const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerRegistryRoutes(app: App, registry: RegistryService): void {
  app.get('/api/registry/residents', { schema: { tags, querystring: ResidentListQuery } }, (req) => registry.list(actorOf(req), req.query));
  app.get('/api/registry/residents/:id', { schema: { tags, params: IdParams } }, (req) => registry.get(actorOf(req), req.params.id));
  app.post('/api/registry/residents', { schema: { tags, body: ResidentInput } }, async (req, reply) =>
    reply.status(201).send(await registry.create(actorOf(req), req.body)));
  app.patch('/api/registry/residents/:id', { schema: { tags, params: IdParams, body: ResidentUpdateInput } }, (req) =>
    registry.update(actorOf(req), req.params.id, req.body));
  app.post('/api/registry/residents/:id/move', { schema: { tags, params: IdParams, body: MoveInput } }, (req) =>
    registry.move(actorOf(req), req.params.id, req.body));
  app.post('/api/registry/residents/:id/status', { schema: { tags, params: IdParams, body: StatusInput } }, (req) =>
    registry.setStatus(actorOf(req), req.params.id, req.body));
  app.post('/api/registry/residents/:id/unmask', { schema: { tags, params: IdParams, body: UnmaskInput } }, (req) =>
    registry.unmask(actorOf(req), req.params.id, req.body));

  app.get('/api/registry/households/:id', { schema: { tags, params: IdParams, querystring: HouseholdQuery } }, (req) =>
    registry.household(actorOf(req), req.params.id, req.query.includeInactive));
  app.get('/api/registry/special-needs', { schema: { tags, querystring: SpecialNeedsQuery } }, (req) =>
    registry.specialNeeds(actorOf(req), req.query));
  app.get('/api/registry/summary', { schema: { tags, querystring: SummaryQuery } }, (req) =>
    registry.summary(actorOf(req), req.query.nodeId));

  app.get('/api/registry/export', { schema: { tags, querystring: ExportQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const lang = requestLang(req);
    const out = new PassThrough();
    // Rights, scope and the audit row are settled before the first byte, so a refusal is a proper error reply.
    const started = registry.export(actor, req.query, lang, out);
    const first = await Promise.race([started.then(() => 'done' as const), new Promise<'streaming'>((resolve) => out.once('readable', () => resolve('streaming')))]);
    if (first === 'streaming') started.catch((err) => out.destroy(err));
    const name = `${lang === 'en' ? 'residents' : '居民'}-${new Date().toISOString().slice(0, 10)}.${req.query.format}`;
    return reply.type(CONTENT_TYPES[req.query.format]).header('content-disposition', attachment(name)).send(out);
  });

  app.post('/api/registry/retention', { schema: { tags, body: RetentionInput } }, (req) => registry.retention(actorOf(req), req.body));

  registerResidentImportRoutes(app, registry);
}
