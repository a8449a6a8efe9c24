// HTTP of the resident import: upload (spooled to disk, then a background job), job polling, error report, template.
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { AppError } from '../../platform/errors.ts';
import { actorOf } from '../../platform/http/auth-hook.ts';
import { requestLang } from '../../platform/http/errors.ts';
import type { App } from '../../platform/http/types.ts';
import { newId } from '../../platform/ids.ts';
import { zId } from '../../platform/validation.ts';
import { RESIDENT_IMPORT_LIMITS } from './registry-import.ts';
import type { RegistryService } from './registry.service.ts';

const tags = ['registry'];
const CONTENT_TYPES = { xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', csv: 'text/csv; charset=utf-8' };
const FormatQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
const StartQuery = z.object({
  nodeId: zId,
  /** "Import the valid rows anyway": explicit; by default any bad row means nothing is imported. */
  acceptValid: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
});
const JobParams = z.object({ id: zId });

function attachment(name: string): string {
  return `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function registerResidentImportRoutes(app: App, registry: RegistryService): void {
  const imports = registry.imports;

  app.get('/api/registry/import/template', { schema: { tags, querystring: FormatQuery } }, async (req, reply) => {
    const lang = requestLang(req);
    const file = await imports.template(actorOf(req), req.query.format, lang);
    return reply.type(CONTENT_TYPES[req.query.format])
      .header('content-disposition', attachment(`${lang === 'en' ? 'residents-template' : '居民导入模板'}.${req.query.format}`)).send(file);
  });

  app.post('/api/registry/imports', { schema: { tags, querystring: StartQuery } }, async (req, reply) => {
    const actor = actorOf(req);
    // Refuse (rights, node out of scope) before reading a large upload.
    await imports.checkTarget(actor, req.query.nodeId);
    const file = await req.file({ limits: { fileSize: RESIDENT_IMPORT_LIMITS.bytes, files: 1 } });
    if (!file) throw new AppError('IMPORT_FILE', 'no file uploaded (multipart field "file")');
    const format = /\.csv$/i.test(file.filename) ? 'csv' : /\.xlsx$/i.test(file.filename) ? 'xlsx' : null;
    if (!format) {
      file.file.resume();
      throw new AppError('IMPORT_FILE', 'only .xlsx and .csv files can be imported', [{ path: 'file', message: file.filename }]);
    }
    const dir = path.join(os.tmpdir(), 'fangkong-uploads');
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const spooled = path.join(dir, `${newId()}.${format}`);
    try {
      await pipeline(file.file, createWriteStream(spooled, { mode: 0o600 }));
      if (file.file.truncated) {
        throw new AppError('IMPORT_FILE', `the file is larger than ${RESIDENT_IMPORT_LIMITS.bytes / 1024 / 1024} MB`, [{ path: 'file', message: 'too_large' }]);
      }
      const job = await imports.start(actor, {
        path: spooled, fileName: file.filename, format, nodeId: req.query.nodeId, acceptValid: req.query.acceptValid, lang: requestLang(req),
      });
      return reply.status(202).send(job);
    } catch (err) {
      await rm(spooled, { force: true });
      throw err;
    }
  });

  app.get('/api/registry/imports/:id', { schema: { tags, params: JobParams } }, (req) => imports.get(actorOf(req), req.params.id));

  app.get('/api/registry/imports/:id/errors', { schema: { tags, params: JobParams, querystring: FormatQuery } }, async (req, reply) => {
    const file = await imports.errorReport(actorOf(req), req.params.id, req.query.format);
    const name = `${requestLang(req) === 'en' ? 'import-errors' : '导入错误'}.${req.query.format}`;
    return reply.type(CONTENT_TYPES[req.query.format]).header('content-disposition', attachment(name)).send(file);
  });
}
