import type { FastifyRequest } from 'fastify';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { createRateLimiter, type RateLimiter } from '../../platform/rate-limit.ts';
import { zId } from '../../platform/validation.ts';
import { CampaignInput, CampaignListQuery, DeclarationInput, EntryQuery, ExportQuery, LinksQuery, zDeclarationToken } from './declarations.schema.ts';
import type { DeclarationsService } from './declarations.service.ts';

const IdParams = z.object({ id: zId });
const TokenParams = z.object({ token: zDeclarationToken });
const tags = ['declarations'];
const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** Per-address limits of the public link page: a phone declares a few times; a script guessing tokens is stopped. */
function limitedBy(limiter: RateLimiter) {
  return async (req: FastifyRequest) => {
    if (!limiter.check(req.ip)) throw new AppError('RATE_LIMITED', 'too many requests from this address');
  };
}

export function registerDeclarationsRoutes(app: App, declarations: DeclarationsService): void {
  const d = declarations;
  app.get('/api/declarations/campaigns', { schema: { tags, querystring: CampaignListQuery } }, (req) => d.list(actorOf(req), req.query.unitId));
  app.post('/api/declarations/campaigns', { schema: { tags, body: CampaignInput } }, async (req, reply) =>
    reply.status(201).send(await d.create(actorOf(req), req.body)));
  app.get('/api/declarations/campaigns/:id', { schema: { tags, params: IdParams } }, (req) => d.get(actorOf(req), req.params.id));
  app.post('/api/declarations/campaigns/:id/close', { schema: { tags, params: IdParams } }, (req) => d.close(actorOf(req), req.params.id));
  app.post('/api/declarations/campaigns/:id/sync', { schema: { tags, params: IdParams } }, (req) => d.syncStaff(actorOf(req), req.params.id));
  app.get('/api/declarations/campaigns/:id/entries', { schema: { tags, params: IdParams, querystring: EntryQuery } }, (req) =>
    d.entries(actorOf(req), req.params.id, req.query.filter));
  app.get('/api/declarations/campaigns/:id/links', { schema: { tags, params: IdParams, querystring: LinksQuery } }, (req) =>
    d.links(actorOf(req), req.params.id, req.query.filter));
  app.post('/api/declarations/campaigns/:id/remind', { schema: { tags, params: IdParams } }, (req) => d.remind(actorOf(req), req.params.id));
  app.get('/api/declarations/campaigns/:id/export', { schema: { tags, params: IdParams, querystring: ExportQuery } }, async (req, reply) => {
    const lang = requestLang(req);
    const { write } = await d.prepareExport(actorOf(req), req.params.id, lang);
    const out = new PassThrough();
    write(req.query.format, out).catch((err) => out.destroy(err));
    const name = `${lang === 'en' ? 'declarations' : '人员申报'}-${new Date().toISOString().slice(0, 10)}.${req.query.format}`;
    return reply.type(CONTENT_TYPES[req.query.format]).header('content-disposition', attachment(name)).send(out);
  });
  app.put('/api/declarations/entries/:id', { schema: { tags, params: IdParams, body: DeclarationInput } }, (req) =>
    d.declare(actorOf(req), req.params.id, req.body));
  app.get('/api/declarations/entries/:id/history', { schema: { tags, params: IdParams } }, (req) => d.history(actorOf(req), req.params.id));

  // No sign-in: the personal link a staff member opens on their phone.
  const read = limitedBy(createRateLimiter({ windowMs: 60_000, max: 120 }));
  const write = limitedBy(createRateLimiter({ windowMs: 10 * 60_000, max: 30 }));
  app.get('/api/public/declare/:token', { onRequest: read, schema: { tags: ['public'], params: TokenParams } }, (req) => d.publicView(req.params.token));
  app.post('/api/public/declare/:token', { onRequest: write, schema: { tags: ['public'], params: TokenParams, body: DeclarationInput } }, (req) =>
    d.publicDeclare(req.params.token, req.body));
}
