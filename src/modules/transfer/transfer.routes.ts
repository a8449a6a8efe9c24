import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { TRANSFER_KINDS, type TransferService } from './transfer.service.ts';

const KindParams = z.object({ kind: z.enum(TRANSFER_KINDS) });
const FormatQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
const ImportQuery = z.object({ acceptValid: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true') });
const tags = ['transfer'];

const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerTransferRoutes(app: App, transfer: TransferService): void {
  app.get('/api/transfer/:kind/template', { schema: { tags, params: KindParams, querystring: FormatQuery } }, async (req, reply) => {
    const lang = requestLang(req);
    const file = await transfer.template(actorOf(req), req.params.kind, req.query.format, lang);
    return reply.type(CONTENT_TYPES[req.query.format])
      .header('content-disposition', attachment(`${req.params.kind}-template.${req.query.format}`)).send(file);
  });

  app.get('/api/transfer/:kind/export', { schema: { tags, params: KindParams, querystring: FormatQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const out = new PassThrough();
    const done = transfer.export(actor, req.params.kind, req.query.format, requestLang(req), out);
    done.catch((err) => out.destroy(err));
    return reply.type(CONTENT_TYPES[req.query.format])
      .header('content-disposition', attachment(`${req.params.kind}-${new Date().toISOString().slice(0, 10)}.${req.query.format}`)).send(out);
  });

  app.post('/api/transfer/:kind/import', { schema: { tags, params: KindParams, querystring: ImportQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    const file = await req.file();
    if (!file) throw new AppError('IMPORT_FILE', 'no file uploaded (multipart field "file")');
    const format = /\.csv$/i.test(file.filename) ? 'csv' : /\.xlsx$/i.test(file.filename) ? 'xlsx' : null;
    if (!format) throw new AppError('IMPORT_FILE', 'only .xlsx and .csv files can be imported', [{ path: 'file', message: file.filename }]);
    const buffer = await file.toBuffer();
    const lang = requestLang(req);
    const report = await transfer.import(actor, req.params.kind, { buffer }, format, { acceptValid: req.query.acceptValid, lang });
    if (report.rolledBack) {
      return reply.status(422).send({
        error: {
          code: 'IMPORT_INVALID',
          message: lang === 'en' ? `${report.errorCount} errors; nothing was imported` : `发现 ${report.errorCount} 处错误，未导入任何数据`,
          details: report.errors.map((e) => ({ row: e.row, column: e.column, message: e.message })),
        },
        report,
      });
    }
    return report;
  });
}
