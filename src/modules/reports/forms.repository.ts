import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReportFormTable, ReportFormVersionTable } from '../../platform/db/tables/reports.ts';
import { subtreeEnd, type Scope } from '../../platform/policy.ts';
import type { ReportField, ReportFormVersionView, UnitMode } from './reports.schema.ts';
import { ancestorOrSelfIds, type FormRecord } from './reports.scope.ts';

/**
 * Which forms an actor reads: a place-bound actor those set at or above its node and those set inside its
 * subtree; a unit those that name units and reach it (ancestorIds: the unit's node and the nodes above it).
 */
export type FormReach =
  | { kind: 'all' }
  | { kind: 'subtree'; path: string }
  | { kind: 'unit'; unitId: string; ancestorIds: string[] }
  | { kind: 'none' };

type FormJoinedRow = ReportFormTable & { node_path: string | null; node_name: string | null; fields: string };

const never = sql<boolean>`1 = 0`;

/** Every SQL statement about report forms and their versions. */
export class FormsRepository {
  constructor(private readonly ex: Executor) {}

  private joined() {
    return this.ex.selectFrom('report_forms as f')
      .leftJoin('jurisdiction_nodes as n', 'n.id', 'f.node_id')
      .innerJoin('report_form_versions as v', (j) => j.onRef('v.form_id', '=', 'f.id').onRef('v.version', '=', 'f.current_version'))
      .selectAll('f')
      .select(['n.path as node_path', 'n.name as node_name', 'v.fields']);
  }

  private reached(reach: FormReach) {
    const q = this.joined();
    if (reach.kind === 'all') return q;
    if (reach.kind === 'none') return q.where(never);
    if (reach.kind === 'subtree') {
      const above = ancestorOrSelfIds(reach.path);
      return q.where((eb) => eb.or([
        eb('f.node_id', 'is', null),
        eb('f.node_id', 'in', above),
        eb.and([eb('n.path', '>=', reach.path), eb('n.path', '<', subtreeEnd(reach.path))]),
      ]));
    }
    // A listed form names the unit in its JSON array; ids are [0-9A-Z] only, so the pattern has no wildcards.
    const listed = `%"${reach.unitId}"%`;
    return q.where((eb) => eb.or([
      eb.and([eb('f.unit_mode', '=', 'listed'), eb('f.unit_ids', 'like', listed)]),
      eb.and([
        eb('f.unit_mode', '=', 'all'),
        reach.ancestorIds.length > 0
          ? eb.or([eb('f.node_id', 'is', null), eb('f.node_id', 'in', reach.ancestorIds)])
          : eb('f.node_id', 'is', null),
      ]),
    ]));
  }

  async list(reach: FormReach): Promise<FormRecord[]> {
    return (await this.reached(reach).orderBy('f.name').orderBy('f.id').execute()).map(toRecord);
  }

  async find(id: string, reach: FormReach): Promise<FormRecord | undefined> {
    const r = await this.reached(reach).where('f.id', '=', id).executeTakeFirst();
    return r && toRecord(r);
  }

  /** A form the actor may change: set inside its subtree (forms for everywhere: administrators only). */
  async findManaged(id: string, scope: Scope): Promise<FormRecord | undefined> {
    let q = this.joined().where('f.id', '=', id);
    if (scope.kind === 'subtree') q = q.where('n.path', '>=', scope.path).where('n.path', '<', subtreeEnd(scope.path));
    else if (scope.kind !== 'all') return undefined;
    const r = await q.executeTakeFirst();
    return r && toRecord(r);
  }

  async exists(id: string): Promise<boolean> {
    return !!(await this.ex.selectFrom('report_forms').select('id').where('id', '=', id).executeTakeFirst());
  }

  async insert(row: ReportFormTable): Promise<void> {
    await this.ex.insertInto('report_forms').values(row).execute();
  }

  async update(id: string, patch: Partial<Omit<ReportFormTable, 'id' | 'created_at'>>): Promise<void> {
    await this.ex.updateTable('report_forms').set(patch).where('id', '=', id).execute();
  }

  async insertVersion(row: ReportFormVersionTable): Promise<void> {
    await this.ex.insertInto('report_form_versions').values(row).execute();
  }

  async listVersions(formId: string): Promise<ReportFormVersionView[]> {
    const rows = await this.ex.selectFrom('report_form_versions').selectAll().where('form_id', '=', formId)
      .orderBy('version', 'desc').execute();
    return rows.map((r) => ({ version: r.version, createdAt: r.created_at, fields: JSON.parse(r.fields) as ReportField[] }));
  }

  async versionFields(formId: string, version: number): Promise<ReportField[] | undefined> {
    const r = await this.ex.selectFrom('report_form_versions').select('fields').where('form_id', '=', formId)
      .where('version', '=', version).executeTakeFirst();
    return r && (JSON.parse(r.fields) as ReportField[]);
  }

  async countSubmissions(formId: string): Promise<number> {
    const r = await this.ex.selectFrom('report_submissions').select((eb) => eb.fn.countAll<number>().as('n'))
      .where('form_id', '=', formId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Removes a form that has no reports: its reminders, versions and the form. */
  async delete(id: string): Promise<void> {
    await this.ex.deleteFrom('report_reminders').where('form_id', '=', id).execute();
    await this.ex.deleteFrom('report_form_versions').where('form_id', '=', id).execute();
    await this.ex.deleteFrom('report_forms').where('id', '=', id).execute();
  }

  async knownLevels(codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await this.ex.selectFrom('jurisdiction_levels').select('code').where('code', 'in', codes).execute();
    return new Set(rows.map((r) => r.code));
  }
}

function toRecord(r: FormJoinedRow): FormRecord {
  return {
    id: r.id, name: r.name, nodeId: r.node_id, nodeName: r.node_name, nodePath: r.node_path,
    reporterLevels: JSON.parse(r.reporter_levels) as string[], unitMode: r.unit_mode as UnitMode,
    unitIds: JSON.parse(r.unit_ids) as string[], deadline: r.deadline, activeFrom: r.active_from, activeTo: r.active_to,
    version: r.current_version, fields: JSON.parse(r.fields) as ReportField[], createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
