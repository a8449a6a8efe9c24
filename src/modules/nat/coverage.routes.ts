import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import { CoverageNodeQuery, ExportQuery, SeriesQuery, UntestedQuery } from './coverage.schema.ts';
import type { NatCoverageService } from './coverage.service.ts';

const RoundParams = z.object({ roundId: zId });
const tags = ['nat'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerNatCoverageRoutes(app: App, coverage: NatCoverageService): void {
  const base = '/api/nat/coverage/rounds';
  app.get(base, { schema: { tags } }, (req) => coverage.rounds(actorOf(req)));
  app.get(`${base}/:roundId/nodes`, { schema: { tags, params: RoundParams, querystring: CoverageNodeQuery } }, (req) =>
    coverage.nodes(actorOf(req), req.params.roundId, req.query));
  app.get(`${base}/:roundId/untested-count`, { schema: { tags, params: RoundParams, querystring: CoverageNodeQuery } }, (req) =>
    coverage.untestedCount(actorOf(req), req.params.roundId, req.query));
  app.get(`${base}/:roundId/untested`, { schema: { tags, params: RoundParams, querystring: UntestedQuery } }, (req) =>
    coverage.untested(actorOf(req), req.params.roundId, req.query));
  app.get(`${base}/:roundId/series`, { schema: { tags, params: RoundParams, querystring: SeriesQuery } }, (req) =>
    coverage.series(actorOf(req), req.params.roundId, req.query));
  app.get(`${base}/:roundId/sites`, { schema: { tags, params: RoundParams } }, (req) => coverage.sites(actorOf(req), req.params.roundId));

  app.get(`${base}/:roundId/untested.xlsx`, { schema: { tags, params: RoundParams, querystring: ExportQuery } }, async (req, reply) => {
    const lang = requestLang(req);
    const out = new PassThrough();
    // Rights and scope are settled before the first byte, so a refusal is a proper error reply.
    const started = coverage.exportUntested(actorOf(req), req.params.roundId, { nodeId: req.query.nodeId }, lang, out);
    const first = await Promise.race([started.then(() => 'done' as const), new Promise<'streaming'>((resolve) => out.once('readable', () => resolve('streaming')))]);
    if (first === 'streaming') started.catch((err) => out.destroy(err));
    const name = `${lang === 'en' ? 'untested' : '未检测名单'}-${new Date().toISOString().slice(0, 10)}.xlsx`;
    return reply.type(XLSX).header('content-disposition', attachment(name)).send(out);
  });
}
