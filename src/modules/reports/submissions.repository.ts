import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReportRevisionTable, ReportSubmissionTable } from '../../platform/db/tables/reports.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import type { ReporterKind, ReportValues, RevisionView, SubmissionView } from './reports.schema.ts';

export type SubmissionRow = ReportSubmissionTable;

export interface SubmissionRecord extends SubmissionView {
  /** Path of the reporting node, or of the unit's location (for the audit scope). */
  scopePath: string | null;
}

export interface SubmissionSearch {
  formId?: string;
  nodeId?: string;
  unitId?: string;
  from: string;
  to: string;
  after?: { day: string; id: string };
  limit: number;
}

const never = sql<boolean>`1 = 0`;

/** Daily reports, their revisions and the numbers that roll up. Scope is part of every read. */
export class SubmissionsRepository {
  constructor(private readonly ex: Executor) {}

  private joined() {
    return this.ex.selectFrom('report_submissions as s')
      .innerJoin('report_forms as f', 'f.id', 's.form_id')
      .leftJoin('jurisdiction_nodes as n', 'n.id', 's.node_id')
      .leftJoin('units as u', 'u.id', 's.unit_id')
      .leftJoin('jurisdiction_nodes as un', 'un.id', 'u.node_id')
      .selectAll('s')
      .select(['f.name as form_name', 'n.name as node_name', 'n.path as node_path', 'u.name as unit_name', 'un.path as unit_path']);
  }

  /** Place-bound actors read reports of places in their subtree and of units located there; a unit its own. */
  private scoped(scope: Scope) {
    const q = this.joined();
    if (scope.kind === 'all') return q;
    if (scope.kind === 'unit') return q.where('s.unit_id', '=', scope.unitId);
    if (scope.kind === 'none') return q.where(never);
    const { path } = scope;
    const end = subtreeEnd(path);
    return q.where((eb) => eb.or([
      eb.and([eb('n.path', '>=', path), eb('n.path', '<', end)]),
      eb.and([eb('un.path', '>=', path), eb('un.path', '<', end)]),
    ]));
  }

  async find(id: string, scope: Scope): Promise<SubmissionRecord | undefined> {
    const r = await this.scoped(scope).where('s.id', '=', id).executeTakeFirst();
    return r && toRecord(r);
  }

  async findRaw(id: string): Promise<SubmissionRow | undefined> {
    return this.ex.selectFrom('report_submissions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async findFor(formId: string, day: string, reporterKey: string): Promise<SubmissionRow | undefined> {
    return this.ex.selectFrom('report_submissions').selectAll()
      .where('form_id', '=', formId).where('day', '=', day).where('reporter_key', '=', reporterKey).executeTakeFirst();
  }

  /** A reporter's reports of one day, for the forms it fills in. */
  async forReporterDay(reporterKey: string, day: string, scope: Scope): Promise<SubmissionRecord[]> {
    const rows = await this.scoped(scope).where('s.reporter_key', '=', reporterKey).where('s.day', '=', day).execute();
    return rows.map(toRecord);
  }

  /** Newest day first; keyset on (day desc, id). Fetches limit + 1 so the caller knows whether more exist. */
  async search(scope: Scope, s: SubmissionSearch): Promise<SubmissionRecord[]> {
    let q = this.scoped(scope).where('s.day', '>=', s.from).where('s.day', '<=', s.to)
      .orderBy('s.day', 'desc').orderBy('s.id').limit(s.limit + 1);
    if (s.formId) q = q.where('s.form_id', '=', s.formId);
    if (s.nodeId) q = q.where('s.node_id', '=', s.nodeId);
    if (s.unitId) q = q.where('s.unit_id', '=', s.unitId);
    if (s.after) {
      const { day, id } = s.after;
      q = q.where((eb) => eb.or([eb('s.day', '<', day), eb.and([eb('s.day', '=', day), eb('s.id', '>', id)])]));
    }
    return (await q.execute()).map(toRecord);
  }

  async insert(row: SubmissionRow): Promise<void> {
    await this.ex.insertInto('report_submissions').values(row).execute();
  }

  async update(id: string, patch: Partial<Pick<SubmissionRow, 'values_json' | 'is_zero' | 'revision' | 'updated_at'>>): Promise<void> {
    await this.ex.updateTable('report_submissions').set(patch).where('id', '=', id).execute();
  }

  async insertRevision(row: ReportRevisionTable): Promise<void> {
    await this.ex.insertInto('report_revisions').values(row).execute();
  }

  async findRevision(id: string): Promise<ReportRevisionTable | undefined> {
    return this.ex.selectFrom('report_revisions').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async listRevisions(submissionId: string): Promise<RevisionView[]> {
    const rows = await this.ex.selectFrom('report_revisions').selectAll().where('submission_id', '=', submissionId)
      .orderBy('revision', 'desc').execute();
    return rows.map((r) => ({
      id: r.id, revision: r.revision, values: JSON.parse(r.values_json) as ReportValues, isZero: r.is_zero === 1,
      reason: r.reason, madeAt: r.made_at, madeByName: r.made_by_name,
    }));
  }

  /** The latest revision's numbers replace the previous ones: roll-ups read only these. */
  async replaceValues(report: { id: string; formId: string; day: string }, rows: Array<{ field_key: string; value: number }>): Promise<void> {
    await this.ex.deleteFrom('report_values').where('submission_id', '=', report.id).execute();
    if (rows.length === 0) return;
    await this.ex.insertInto('report_values')
      .values(rows.map((r) => ({ submission_id: report.id, form_id: report.formId, day: report.day, ...r }))).execute();
  }
}

type JoinedRow = SubmissionRow & {
  form_name: string; node_name: string | null; node_path: string | null; unit_name: string | null; unit_path: string | null;
};

function toRecord(r: JoinedRow): SubmissionRecord {
  return {
    id: r.id, formId: r.form_id, formName: r.form_name, formVersion: r.form_version, day: r.day,
    reporterKind: r.reporter_kind as ReporterKind, nodeId: r.node_id, unitId: r.unit_id,
    reporterName: r.node_name ?? r.unit_name ?? '', isZero: r.is_zero === 1, late: r.late === 1,
    values: JSON.parse(r.values_json) as ReportValues, revision: r.revision, submittedAt: r.submitted_at, updatedAt: r.updated_at,
    scopePath: r.node_path ?? r.unit_path,
  };
}

export function submissionView(r: SubmissionRecord): SubmissionView {
  const { scopePath: _scopePath, ...view } = r;
  return view;
}
