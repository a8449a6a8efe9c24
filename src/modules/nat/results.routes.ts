import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { zId } from '../../platform/validation.ts';
import {
  CaseListQuery, CaseStatusInput, HandEntryInput, LabImportQuery, NatPositiveRulesInput, RoundParams, TemplateQuery,
} from './results.schema.ts';
import type { NatResultsService } from './results.service.ts';

const tags = ['nat-results'];
const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };
const base = '/api/nat/results';

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerNatResultsRoutes(app: App, results: NatResultsService): void {
  app.get(`${base}/rounds`, { schema: { tags } }, (req) => results.rounds(actorOf(req)));
  app.get(`${base}/rules`, { schema: { tags } }, (req) => results.rules(actorOf(req)));
  app.put(`${base}/rules`, { schema: { tags, body: NatPositiveRulesInput } }, (req) => results.updateRules(actorOf(req), req.body));

  app.get(`${base}/template`, { schema: { tags, querystring: TemplateQuery } }, async (req, reply) => {
    const lang = requestLang(req);
    const file = await results.template(req.query.format, lang);
    const name = `${lang === 'en' ? 'lab-results' : '检测结果'}-template.${req.query.format}`;
    return reply.type(CONTENT_TYPES[req.query.format]).header('content-disposition', attachment(name)).send(file);
  });

  app.get(`${base}/rounds/:roundId/summary`, { schema: { tags, params: RoundParams } }, (req) => results.summary(actorOf(req), req.params.roundId));
  app.get(`${base}/rounds/:roundId/cases`, { schema: { tags, params: RoundParams, querystring: CaseListQuery } }, (req) =>
    results.cases(actorOf(req), req.params.roundId, req.query));
  app.get(`${base}/rounds/:roundId/resamples`, { schema: { tags, params: RoundParams } }, (req) => results.resamples(actorOf(req), req.params.roundId));
  app.get(`${base}/rounds/:roundId/imports`, { schema: { tags, params: RoundParams } }, (req) => results.imports(actorOf(req), req.params.roundId));

  app.post(`${base}/rounds/:roundId/tubes`, { schema: { tags, params: RoundParams, body: HandEntryInput } }, (req) =>
    results.enterResult(actorOf(req), req.params.roundId, req.body));

  // multipart field "file"; ?correction=1 lets the file change results tubes already have.
  app.post(`${base}/rounds/:roundId/import`, { schema: { tags, params: RoundParams, querystring: LabImportQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const file = await req.file();
    if (!file) throw new AppError('IMPORT_FILE', 'no file uploaded (multipart field "file")');
    const buffer = await file.toBuffer();
    const lang = requestLang(req);
    const answer = await results.importLabFile(actor, req.params.roundId, { buffer, fileName: file.filename, correction: req.query.correction, lang });
    if (!answer.ok) {
      return reply.status(422).send({
        error: {
          code: 'IMPORT_INVALID',
          message: lang === 'en' ? `${answer.errors.length} errors; nothing was applied` : `发现 ${answer.errors.length} 处错误，未应用任何结果`,
          details: answer.errors.map((e) => ({ row: e.line, column: e.column, message: e.message, value: e.value })),
        },
        errors: answer.errors,
      });
    }
    return answer.outcome;
  });

  app.post(`${base}/cases/:id/status`, { schema: { tags, params: z.object({ id: zId }), body: CaseStatusInput } }, (req) =>
    results.setCaseStatus(actorOf(req), req.params.id, req.body.status));
}
