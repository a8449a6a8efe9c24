// Resident import jobs: the upload is spooled to disk by the caller, then validated (pass 1) and written
// (pass 2) in the background while the UI polls the job. Jobs live in this process's memory; the outcome of
// each finished job is in the audit log ('resident.import').
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import { RowErrorReport, TransferError, writeErrorReport, writeTemplate, type Lang, type SheetFormat } from '../../platform/transfer/index.ts';
import { IMPORT_COLUMNS } from './registry-import.columns.ts';
import { PlaceIndex } from './registry-import.places.ts';
import { ResidentImportRepository } from './registry-import.repository.ts';
import type { ResidentImportJobView } from './registry-import.schema.ts';
import { validatePass } from './registry-import.validate.ts';
import { writePass } from './registry-import.write.ts';
import { RegistryRepository } from './registry.repository.ts';
import type { RegistryDeps } from './registry.service.ts';

/** The registry's own upload limit: a million-row CSV is ~120 MB (the generic import allows 50 MB). */
export const RESIDENT_IMPORT_LIMITS = { bytes: 160 * 1024 * 1024, rows: 2_000_000, keepFinishedMs: 6 * 3600_000 } as const;

export interface StartImport {
  /** The uploaded file, already on disk; removed when the job ends unless keepInput (the CLI's own file). */
  path: string;
  keepInput?: boolean;
  fileName: string;
  format: SheetFormat;
  nodeId: string;
  acceptValid: boolean;
  lang: Lang;
}

interface Job {
  view: ResidentImportJobView;
  accountId: string;
  lang: Lang;
  report: RowErrorReport;
  done: Promise<void>;
  dir: string | null;
}

const PREVIEW = 100;

export class ResidentImportService {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: RegistryDeps) {}

  /** Rights and the chosen node; the route asks before reading a large upload. */
  async checkTarget(actor: Actor, nodeId: string) {
    const scope = requirePermission(actor, 'registry.write');
    requirePermission(actor, 'data.import');
    const node = await new RegistryRepository(this.deps.db).findNode(nodeId, scope);
    if (!node) throw notFound('node');
    return node;
  }

  /** Checks rights and the chosen node, then runs the import in the background; answers the new job. */
  async start(actor: Actor, input: StartImport): Promise<ResidentImportJobView> {
    const node = await this.checkTarget(actor, input.nodeId);
    this.forgetOld();
    const view: ResidentImportJobView = {
      id: newId(), nodeId: node.id, fileName: input.fileName, acceptValid: input.acceptValid, state: 'validating',
      estimatedRows: null, read: 0, valid: 0, invalid: 0, errorCount: 0, errors: [], written: 0, created: 0, updated: 0,
      moved: 0, unchanged: 0, householdsCreated: 0, message: null, startedAt: this.deps.clock.now().toISOString(), finishedAt: null,
    };
    const job: Job = { view, accountId: actor.accountId, lang: input.lang, report: new RowErrorReport(), done: Promise.resolve(), dir: null };
    this.jobs.set(view.id, job);
    job.done = this.run(actor, job, node.path, input).catch(() => undefined);
    return this.snapshot(job);
  }

  /** The job as it is now; someone else's job reads as not found (administrators see all). */
  get(actor: Actor, id: string): ResidentImportJobView {
    return this.snapshot(this.own(actor, id));
  }

  /** Resolves when the job has ended (CLI, benches, tests). */
  async wait(actor: Actor, id: string): Promise<ResidentImportJobView> {
    const job = this.own(actor, id);
    await job.done;
    return this.snapshot(job);
  }

  async errorReport(actor: Actor, id: string, format: SheetFormat): Promise<Buffer> {
    const job = this.own(actor, id);
    return writeErrorReport(job.report, format, { lang: job.lang });
  }

  async template(actor: Actor, format: SheetFormat, lang: Lang): Promise<Buffer> {
    requirePermission(actor, 'registry.write');
    return writeTemplate(IMPORT_COLUMNS, format, lang);
  }

  private own(actor: Actor, id: string): Job {
    requirePermission(actor, 'registry.write');
    const job = this.jobs.get(id);
    if (!job || (job.accountId !== actor.accountId && actor.role !== 'admin')) throw notFound('import');
    return job;
  }

  private snapshot(job: Job): ResidentImportJobView {
    const errors = job.report.errors.slice(0, PREVIEW).map((e) => ({ row: e.rowNumber, column: e.column, message: e.message, ...(e.value ? { value: e.value } : {}) }));
    return { ...job.view, errorCount: job.report.total, errors };
  }

  private forgetOld(): void {
    const cutoff = this.deps.clock.now().getTime() - RESIDENT_IMPORT_LIMITS.keepFinishedMs;
    for (const [id, job] of this.jobs) if (job.view.finishedAt && Date.parse(job.view.finishedAt) < cutoff) this.jobs.delete(id);
  }

  private async run(actor: Actor, job: Job, rootPath: string, input: StartImport): Promise<void> {
    const { view } = job;
    const lang = input.lang;
    // The final state is shown only once the audit row is written and the temporary files are gone, so a
    // caller that sees 'done' may close the app or delete the data directory.
    let final: ResidentImportJobView['state'] = 'failed';
    try {
      if (input.format === 'csv') void countLines(input.path).then((n) => { if (view.state === 'validating') view.estimatedRows = Math.max(0, n - 1); }, () => undefined);
      job.dir = await mkdtemp(path.join(os.tmpdir(), 'fangkong-resident-import-'));
      const spooled = path.join(job.dir, 'valid.jsonl');
      const places = new PlaceIndex(await new ResidentImportRepository(this.deps.db).places(rootPath));
      await validatePass({ path: input.path }, input.format, spooled, {
        cipher: this.deps.cipher, places, today: shanghaiDay(this.deps.clock.now()), lang, report: job.report, progress: view,
        maxRows: RESIDENT_IMPORT_LIMITS.rows,
      });
      view.estimatedRows = view.read;
      if (!job.report.isEmpty && !input.acceptValid) {
        final = 'rejected';
      } else {
        view.state = 'writing';
        await writePass(spooled, {
          db: this.deps.db, clock: this.deps.clock, cipher: this.deps.cipher, actor, counts: view,
          reason: lang === 'en' ? 'Resident import' : '居民导入',
        });
        final = 'done';
      }
    } catch (err) {
      final = 'failed';
      view.message = err instanceof TransferError ? (lang === 'en' ? (err.details.en ?? err.message) : err.message)
        : err instanceof AppError ? err.message : lang === 'en' ? 'The import stopped because of a server error' : '导入因服务器错误中断';
      if (!(err instanceof TransferError) && !(err instanceof AppError)) console.error('resident import failed', err);
    } finally {
      view.finishedAt = this.deps.clock.now().toISOString();
      await this.audit(actor, job, rootPath, final).catch((e) => console.error('resident import audit failed', e));
      if (!input.keepInput) await rm(input.path, { force: true }).catch(() => undefined);
      if (job.dir) await rm(job.dir, { recursive: true, force: true }).catch(() => undefined);
      view.state = final;
    }
  }

  private async audit(actor: Actor, job: Job, rootPath: string, state: ResidentImportJobView['state']): Promise<void> {
    const v = job.view;
    await this.deps.db.transaction().execute((trx) => recordAudit(trx, this.deps.clock, actor, {
      action: 'resident.import', entityType: 'jurisdiction_node', entityId: v.nodeId, scopePath: rootPath,
      details: {
        job: v.id, state, acceptValid: v.acceptValid, rows: v.read, valid: v.valid, invalid: v.invalid, errors: job.report.total,
        created: v.created, updated: v.updated, moved: v.moved, unchanged: v.unchanged, householdsCreated: v.householdsCreated,
      },
    }));
  }
}

/** Newlines in a file: a cheap estimate of the row count for the progress bar (quoted newlines are rare). */
async function countLines(file: string): Promise<number> {
  let n = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let i = -1;
    while ((i = chunk.indexOf(10, i + 1)) !== -1) n++;
  }
  return n;
}
