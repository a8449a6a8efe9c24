import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay, shanghaiTime } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { can, requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import type { Page } from '../../platform/validation.ts';
import { isUniqueViolation } from './db-errors.ts';
import { FormsRepository } from './forms.repository.ts';
import { formReachOf, formView, type FormsDeps } from './forms.service.ts';
import { numericValues, reportValues } from './report-values.ts';
import { ReportersRepository } from './reporters.repository.ts';
import {
  REPORT_LIMITS, type MyReportItem, type SubmissionDetail, type SubmissionView, type TCorrectionInput,
  type TSubmissionInput, type TSubmissionListQuery,
} from './reports.schema.ts';
import { activeOn, formAppliesTo, reporterInScope, type Reporter } from './reports.scope.ts';
import { SubmissionsRepository, submissionView } from './submissions.repository.ts';

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Submitting the day's figures (or a zero report), corrections with history, and reading reports. */
export class SubmissionsService {
  constructor(private readonly deps: FormsDeps) {}

  private today(): string {
    return shanghaiDay(this.deps.clock.now());
  }

  /** The forms the actor's own place or unit fills in on a day, each with its status. */
  async mine(actor: Actor, day?: string): Promise<MyReportItem[]> {
    const scope = requirePermission(actor, 'reports.submit');
    const { db, clock } = this.deps;
    const theDay = day ?? this.today();
    const reporter = await this.ownReporter(db, actor, scope);
    if (!reporter) return [];
    const forms = (await new FormsRepository(db).list(await formReachOf(db, scope)))
      .filter((f) => activeOn(f, theDay) && formAppliesTo(f, reporter));
    const made = new Map((await new SubmissionsRepository(db).forReporterDay(reporter.id, theDay, scope)).map((s) => [s.formId, s]));
    const now = clock.now().getTime();
    return forms.map((f) => {
      const deadline = shanghaiTime(theDay, f.deadline);
      const s = made.get(f.id);
      return {
        form: formView(f), day: theDay, reporter: { kind: reporter.kind, id: reporter.id, name: reporter.name },
        deadlineAt: deadline.toISOString(), status: s ? (s.late ? 'late' : 'submitted') : 'missing',
        overdue: !s && now > deadline.getTime(), submission: s ? submissionView(s) : null,
      };
    });
  }

  async submit(actor: Actor, input: TSubmissionInput): Promise<SubmissionView> {
    const scope = requirePermission(actor, 'reports.submit');
    const day = input.day ?? this.today();
    if (day > this.today()) throw new AppError('VALIDATION', 'future day', [{ path: 'day', message: 'reports.future_day' }]);
    const id = input.id ?? newId();
    try {
      await this.deps.db.transaction().execute((trx) => this.submitIn(trx, actor, scope, id, day, input));
    } catch (err) {
      // Two requests raced for the same report: a retry of this one answers with it, another one conflicts.
      if (!isUniqueViolation(err)) throw err;
      if (!(await new SubmissionsRepository(this.deps.db).findRaw(id))) {
        throw new AppError('CONFLICT', 'already submitted', [{ path: 'formId', message: 'reports.already_submitted' }]);
      }
    }
    const made = await new SubmissionsRepository(this.deps.db).find(id, scope);
    if (!made) throw notFound('report');
    return submissionView(made);
  }

  private async submitIn(trx: Executor, actor: Actor, scope: Scope, id: string, day: string, input: TSubmissionInput): Promise<void> {
    const subs = new SubmissionsRepository(trx);
    if (await subs.findRaw(id)) return; // a retried submission: already made
    const form = await new FormsRepository(trx).find(input.formId, await formReachOf(trx, scope));
    if (!form) throw new AppError('NOT_FOUND', 'form not found', [{ path: 'formId', message: 'not found, or outside your jurisdiction' }]);
    const reporter = await this.chosenReporter(trx, actor, scope, input);
    const reporterPath = reporter.kind === 'unit' ? 'unitId' : 'nodeId';
    if (!formAppliesTo(form, reporter)) throw new AppError('VALIDATION', 'not a reporter of this form', [{ path: reporterPath, message: 'reports.not_reporter' }]);
    if (!activeOn(form, day)) throw new AppError('VALIDATION', 'form not active on this day', [{ path: 'day', message: 'reports.form_inactive' }]);
    if (await subs.findFor(form.id, day, reporter.id)) {
      throw new AppError('CONFLICT', 'already submitted', [{ path: 'formId', message: 'reports.already_submitted' }]);
    }
    const values = reportValues(form.fields, input.zero, input.values);
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const late = now.getTime() > shanghaiTime(day, form.deadline).getTime();
    await subs.insert({
      id, form_id: form.id, form_version: form.version, day, reporter_kind: reporter.kind,
      node_id: reporter.kind === 'node' ? reporter.id : null, unit_id: reporter.kind === 'unit' ? reporter.id : null,
      reporter_key: reporter.id, is_zero: input.zero ? 1 : 0, late: late ? 1 : 0, values_json: JSON.stringify(values),
      revision: 1, submitted_at: at, submitted_by: actor.accountId || null, updated_at: at,
    });
    await subs.insertRevision({
      id: newId(), submission_id: id, revision: 1, values_json: JSON.stringify(values), is_zero: input.zero ? 1 : 0,
      reason: null, made_at: at, made_by: actor.accountId || null, made_by_name: actor.displayName || actor.username,
    });
    await subs.replaceValues({ id, formId: form.id, day }, numericValues(form.fields, values));
    await recordAudit(trx, this.deps.clock, actor, {
      action: input.zero ? 'report.submit_zero' : 'report.submit', entityType: 'report', entityId: id,
      scopePath: reporter.kind === 'node' ? reporter.path : reporter.nodePath,
      details: { formId: form.id, day, reporter: reporter.id, late, version: form.version },
    });
  }

  /** A new revision of a report; the roll-ups read the latest. Same day: the reporter; later: a manager. */
  async correct(actor: Actor, id: string, input: TCorrectionInput): Promise<SubmissionDetail> {
    const scope = requirePermission(actor, 'reports.submit');
    const revisionId = input.id ?? newId();
    try {
      await this.deps.db.transaction().execute(async (trx) => {
        const subs = new SubmissionsRepository(trx);
        const current = await subs.find(id, scope);
        if (!current) throw notFound('report');
        const retried = await subs.findRevision(revisionId);
        if (retried) {
          if (retried.submission_id !== id) throw new AppError('CONFLICT', 'revision id used elsewhere', [{ path: 'id', message: 'already used' }]);
          return;
        }
        if (current.day !== this.today() && !can(actor, 'reports.manage')) {
          throw new AppError('FORBIDDEN', 'only a manager corrects a past day', [{ path: 'day', message: 'reports.correction_closed' }]);
        }
        const fields = (await new FormsRepository(trx).versionFields(current.formId, current.formVersion)) ?? [];
        const values = reportValues(fields, input.zero, input.values);
        const at = this.deps.clock.now().toISOString();
        const revision = current.revision + 1;
        await subs.insertRevision({
          id: revisionId, submission_id: id, revision, values_json: JSON.stringify(values), is_zero: input.zero ? 1 : 0,
          reason: input.reason, made_at: at, made_by: actor.accountId || null, made_by_name: actor.displayName || actor.username,
        });
        await subs.update(id, { values_json: JSON.stringify(values), is_zero: input.zero ? 1 : 0, revision, updated_at: at });
        await subs.replaceValues({ id, formId: current.formId, day: current.day }, numericValues(fields, values));
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'report.correct', entityType: 'report', entityId: id, scopePath: current.scopePath,
          details: { formId: current.formId, day: current.day, revision, reason: input.reason },
        });
      });
    } catch (err) {
      // The same correction sent twice at once: the second revision number is refused; the first stands.
      if (!isUniqueViolation(err)) throw err;
      if (!(await new SubmissionsRepository(this.deps.db).findRevision(revisionId))) {
        throw new AppError('CONFLICT', 'corrected at the same time by someone else; reload and try again');
      }
    }
    return this.get(actor, id);
  }

  async get(actor: Actor, id: string): Promise<SubmissionDetail> {
    const scope = requirePermission(actor, 'reports.read');
    const { db } = this.deps;
    const subs = new SubmissionsRepository(db);
    const rec = await subs.find(id, scope);
    if (!rec) throw notFound('report');
    return {
      ...submissionView(rec),
      fields: (await new FormsRepository(db).versionFields(rec.formId, rec.formVersion)) ?? [],
      revisions: await subs.listRevisions(id),
      canCorrect: can(actor, 'reports.submit') && (rec.day === this.today() || can(actor, 'reports.manage')),
    };
  }

  async list(actor: Actor, query: TSubmissionListQuery): Promise<Page<SubmissionView>> {
    const scope = requirePermission(actor, 'reports.read');
    if (query.to < query.from) throw new AppError('VALIDATION', 'bad range', [{ path: 'to', message: 'date.range' }]);
    if (daysBetween(query.from, query.to) >= REPORT_LIMITS.rangeDays) {
      throw new AppError('VALIDATION', 'range too long', [{ path: 'to', message: 'reports.range_too_long' }]);
    }
    const after = query.after ? { day: query.after.slice(0, 10), id: query.after.slice(11) } : undefined;
    const rows = await new SubmissionsRepository(this.deps.db).search(scope, { ...query, after, limit: query.limit });
    const items = rows.slice(0, query.limit).map(submissionView);
    const last = items[items.length - 1];
    return { items, next: rows.length > query.limit && last ? `${last.day}_${last.id}` : null };
  }

  /** The account's own place (its node) or its unit, as a reporter. */
  private async ownReporter(ex: Executor, actor: Actor, scope: Scope): Promise<Reporter | undefined> {
    const reporters = new ReportersRepository(ex);
    if (scope.kind === 'unit') return reporters.reporterUnit(scope.unitId);
    if (scope.kind === 'subtree' && actor.nodeId) return reporters.reporterNode(actor.nodeId, scope);
    return undefined;
  }

  private async chosenReporter(ex: Executor, actor: Actor, scope: Scope, input: TSubmissionInput): Promise<Reporter> {
    const reporters = new ReportersRepository(ex);
    let reporter: Reporter | undefined;
    let path = 'nodeId';
    if (input.unitId) {
      path = 'unitId';
      reporter = await reporters.reporterUnit(input.unitId);
    } else if (input.nodeId) {
      reporter = await reporters.reporterNode(input.nodeId, scope);
    } else {
      reporter = await this.ownReporter(ex, actor, scope);
      if (!reporter) throw new AppError('VALIDATION', 'choose a reporter', [{ path: 'nodeId', message: 'reports.reporter_required' }]);
    }
    if (!reporter || !reporterInScope(scope, reporter)) {
      throw new AppError('NOT_FOUND', 'reporter not found', [{ path, message: 'not found, or outside your jurisdiction' }]);
    }
    return reporter;
  }
}
