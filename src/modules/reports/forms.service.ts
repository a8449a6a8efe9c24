import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { FormsRepository, type FormReach } from './forms.repository.ts';
import { ReportersRepository } from './reporters.repository.ts';
import {
  reportFormIssues, type ReportField, type ReportFormDetail, type ReportFormView, type TReportFieldInput,
  type TReportFormInput, type TReportFormUpdateInput,
} from './reports.schema.ts';
import { ancestorOrSelfIds, type FormRecord } from './reports.scope.ts';

export interface FormsDeps {
  db: Db;
  clock: Clock;
}

/** The forms an actor reads, as a reach for FormsRepository. */
export async function formReachOf(ex: Executor, scope: Scope): Promise<FormReach> {
  if (scope.kind !== 'unit') return scope;
  const unit = await new ReportersRepository(ex).unit(scope.unitId);
  if (!unit) return { kind: 'none' };
  return { kind: 'unit', unitId: unit.id, ancestorIds: unit.nodePath ? ancestorOrSelfIds(unit.nodePath) : [] };
}

export function formView(f: FormRecord): ReportFormView {
  const { nodePath: _nodePath, ...view } = f;
  return view;
}

function toFields(input: TReportFieldInput[]): ReportField[] {
  return input.map((f) => ({
    key: f.key, labelZh: f.labelZh, labelEn: f.labelEn, type: f.type, required: f.required,
    min: f.type === 'integer' ? (f.min ?? null) : null, max: f.type === 'integer' ? (f.max ?? null) : null,
    summable: f.type !== 'text' && f.summable,
  }));
}

/** Report forms are data: the command designs them; changing the fields makes a new version. */
export class FormsService {
  constructor(private readonly deps: FormsDeps) {}

  private repo(ex: Executor = this.deps.db) {
    return new FormsRepository(ex);
  }

  async list(actor: Actor): Promise<ReportFormView[]> {
    const scope = requirePermission(actor, 'reports.read');
    return (await this.repo().list(await formReachOf(this.deps.db, scope))).map(formView);
  }

  async get(actor: Actor, id: string): Promise<ReportFormDetail> {
    const scope = requirePermission(actor, 'reports.read');
    const repo = this.repo();
    const form = await repo.find(id, await formReachOf(this.deps.db, scope));
    if (!form) throw notFound('report form');
    return { ...formView(form), versions: await repo.listVersions(id), submissionCount: await repo.countSubmissions(id) };
  }

  async create(actor: Actor, input: TReportFormInput): Promise<ReportFormView> {
    const scope = requirePermission(actor, 'reports.manage');
    const id = input.id ?? newId();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (await repo.exists(id)) {
        // A retried create answers with what it made; someone else's id is simply not there.
        const made = await repo.findManaged(id, scope);
        if (!made) throw notFound('report form');
        return formView(made);
      }
      const node = await this.placeOf(trx, actor, scope, input.nodeId);
      await this.checkRefs(trx, input.reporterLevels, input.unitMode === 'listed' ? input.unitIds : []);
      const at = this.deps.clock.now().toISOString();
      await repo.insert({
        id, name: input.name, node_id: node?.id ?? null, reporter_levels: JSON.stringify(input.reporterLevels),
        unit_mode: input.unitMode, unit_ids: JSON.stringify(input.unitMode === 'listed' ? input.unitIds : []),
        deadline: input.deadline, active_from: input.activeFrom, active_to: input.activeTo ?? null, current_version: 1,
        created_at: at, updated_at: at,
      });
      await repo.insertVersion({ form_id: id, version: 1, fields: JSON.stringify(toFields(input.fields)), created_at: at, created_by: actor.accountId || null });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'report_form.create', entityType: 'report_form', entityId: id, scopePath: node?.path ?? null,
        details: { name: input.name, fields: input.fields.length },
      });
      return formView((await repo.find(id, { kind: 'all' }))!);
    });
  }

  async update(actor: Actor, id: string, input: TReportFormUpdateInput): Promise<ReportFormView> {
    const scope = requirePermission(actor, 'reports.manage');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.findManaged(id, scope);
      if (!current) throw notFound('report form');
      const merged = {
        reporterLevels: input.reporterLevels ?? current.reporterLevels,
        unitMode: input.unitMode ?? current.unitMode,
        unitIds: input.unitIds ?? current.unitIds,
        activeFrom: input.activeFrom ?? current.activeFrom,
        activeTo: input.activeTo !== undefined ? input.activeTo : current.activeTo,
        fields: input.fields ?? current.fields,
      };
      const issues = reportFormIssues(merged);
      if (issues.length > 0) throw new AppError('VALIDATION', 'the form is inconsistent', issues);
      await this.checkRefs(trx, input.reporterLevels ?? [], input.unitIds && merged.unitMode === 'listed' ? input.unitIds : []);
      const at = this.deps.clock.now().toISOString();
      const fields = input.fields ? toFields(input.fields) : current.fields;
      const fieldsChanged = JSON.stringify(fields) !== JSON.stringify(current.fields);
      const version = fieldsChanged ? current.version + 1 : current.version;
      if (fieldsChanged) {
        await repo.insertVersion({ form_id: id, version, fields: JSON.stringify(fields), created_at: at, created_by: actor.accountId || null });
      }
      await repo.update(id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.deadline !== undefined ? { deadline: input.deadline } : {}),
        reporter_levels: JSON.stringify(merged.reporterLevels),
        unit_mode: merged.unitMode,
        unit_ids: JSON.stringify(merged.unitMode === 'listed' ? merged.unitIds : []),
        active_from: merged.activeFrom, active_to: merged.activeTo ?? null, current_version: version, updated_at: at,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'report_form.update', entityType: 'report_form', entityId: id, scopePath: current.nodePath,
        details: { changed: Object.keys(input), version, newVersion: fieldsChanged },
      });
      return formView((await repo.find(id, { kind: 'all' }))!);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const scope = requirePermission(actor, 'reports.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.findManaged(id, scope);
      if (!current) throw notFound('report form');
      const reports = await repo.countSubmissions(id);
      if (reports > 0) throw new AppError('HAS_DEPENDENTS', `form has ${reports} reports`, [{ path: 'submissions', message: String(reports) }]);
      await repo.delete(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'report_form.delete', entityType: 'report_form', entityId: id, scopePath: current.nodePath, details: { name: current.name },
      });
    });
  }

  /** The node a new form applies under: given and in reach, else the account's own node; everywhere: administrators. */
  private async placeOf(ex: Executor, actor: Actor, scope: Scope, nodeId: string | null | undefined) {
    const reporters = new ReportersRepository(ex);
    const wanted = nodeId !== undefined ? nodeId : scope.kind === 'all' ? null : actor.nodeId;
    if (wanted === null) {
      if (scope.kind !== 'all') throw new AppError('FORBIDDEN', 'only an administrator sets a form for everywhere');
      return null;
    }
    const node = await reporters.node(wanted, scope);
    if (!node) throw new AppError('NOT_FOUND', 'node not found', [{ path: 'nodeId', message: 'not found, or outside your jurisdiction' }]);
    return node;
  }

  private async checkRefs(ex: Executor, levels: string[], unitIds: string[]): Promise<void> {
    const known = await this.repo(ex).knownLevels(levels);
    const issues = levels.map((code, i) => ({ code, i })).filter((l) => !known.has(l.code))
      .map((l) => ({ path: `reporterLevels.${l.i}`, message: 'reports.level_unknown' }));
    const units = await new ReportersRepository(ex).existingUnitIds(unitIds);
    unitIds.forEach((u, i) => { if (!units.has(u)) issues.push({ path: `unitIds.${i}`, message: 'reports.unit_unknown' }); });
    if (issues.length > 0) throw new AppError('VALIDATION', 'unknown levels or units', issues);
  }
}
