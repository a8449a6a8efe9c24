import { sql } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { ReportReminderTable } from '../../platform/db/tables/reports.ts';
import type { ReporterKind, ReminderView } from './reports.schema.ts';
import type { ReporterReach } from './reports.scope.ts';
import { levelIn, pathIn, unitIn } from './reach.sql.ts';

type Nodes = NonNullable<ReporterReach['nodes']>;
type Units = NonNullable<ReporterReach['units']>;

export interface ChaseRow {
  kind: ReporterKind;
  id: string;
  name: string;
  parentName: string | null;
  remindedAt: string | null;
  submittedAt: string | null;
}

const CHUNK = 500;

/** Who has not reported (催报), who reported late, and the reminders sent. Scope comes in as a reach. */
export class ChaseRepository {
  constructor(private readonly ex: Executor) {}

  /** Expected places without a report for the day, by parent and name; `limit` null = all (for reminding). */
  async missingNodes(formId: string, day: string, nodes: Nodes, limit: number | null): Promise<ChaseRow[]> {
    let q = this.ex.selectFrom('jurisdiction_nodes as n')
      .leftJoin('report_submissions as s', (j) => j.onRef('s.node_id', '=', 'n.id').on('s.form_id', '=', formId).on('s.day', '=', day))
      .leftJoin('jurisdiction_nodes as p', 'p.id', 'n.parent_id')
      .leftJoin('report_reminders as r', (j) => j.onRef('r.reporter_key', '=', 'n.id').on('r.form_id', '=', formId).on('r.day', '=', day))
      .select(['n.id', 'n.name', 'p.name as parent_name', 'r.created_at as reminded_at'])
      .where('s.id', 'is', null).where(levelIn('n', nodes.levels)).where(pathIn('n', nodes.path))
      .orderBy('p.name').orderBy('n.name').orderBy('n.id');
    if (limit !== null) q = q.limit(limit);
    return (await q.execute()).map((r) => ({ kind: 'node', id: r.id, name: r.name, parentName: r.parent_name, remindedAt: r.reminded_at, submittedAt: null }));
  }

  async missingUnits(formId: string, day: string, units: Units, limit: number | null): Promise<ChaseRow[]> {
    let q = this.ex.selectFrom('units as u')
      .leftJoin('report_submissions as s', (j) => j.onRef('s.unit_id', '=', 'u.id').on('s.form_id', '=', formId).on('s.day', '=', day))
      .leftJoin('report_reminders as r', (j) => j.onRef('r.reporter_key', '=', 'u.id').on('r.form_id', '=', formId).on('r.day', '=', day))
      .select(['u.id', 'u.name', 'r.created_at as reminded_at'])
      .where('s.id', 'is', null).where(unitIn('u.id', units, true))
      .orderBy('u.name').orderBy('u.id');
    if (limit !== null) q = q.limit(limit);
    return (await q.execute()).map((r) => ({ kind: 'unit', id: r.id, name: r.name, parentName: null, remindedAt: r.reminded_at, submittedAt: null }));
  }

  /** Late reports of places under `path` and of units in reach, earliest first. */
  async late(formId: string, day: string, path: string | null | undefined, units: Units | null, limit: number): Promise<ChaseRow[]> {
    const out: ChaseRow[] = [];
    if (path !== undefined) {
      const rows = await this.ex.selectFrom('report_submissions as s').innerJoin('jurisdiction_nodes as n', 'n.id', 's.node_id')
        .leftJoin('jurisdiction_nodes as p', 'p.id', 'n.parent_id')
        .select(['n.id', 'n.name', 'p.name as parent_name', 's.submitted_at'])
        .where('s.form_id', '=', formId).where('s.day', '=', day).where('s.late', '=', 1).where(pathIn('n', path))
        .orderBy('s.submitted_at').limit(limit).execute();
      for (const r of rows) out.push({ kind: 'node', id: r.id, name: r.name, parentName: r.parent_name, remindedAt: null, submittedAt: r.submitted_at });
    }
    if (units) {
      const rows = await this.ex.selectFrom('report_submissions as s').innerJoin('units as u', 'u.id', 's.unit_id')
        .select(['u.id', 'u.name', 's.submitted_at'])
        .where('s.form_id', '=', formId).where('s.day', '=', day).where('s.late', '=', 1).where(unitIn('s.unit_id', units, false))
        .orderBy('s.submitted_at').limit(limit).execute();
      for (const r of rows) out.push({ kind: 'unit', id: r.id, name: r.name, parentName: null, remindedAt: null, submittedAt: r.submitted_at });
    }
    return out;
  }

  /** New reminders; a reporter already reminded for the form and day is left as it is (unique index). */
  async insertReminders(rows: ReportReminderTable[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await this.ex.insertInto('report_reminders').values(rows.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['form_id', 'day', 'reporter_key']).doNothing()).execute();
    }
  }

  /** Reminders of these reporters not yet handed to the notifier. */
  async unsent(formId: string, day: string, reporterKeys: string[]): Promise<ReportReminderTable[]> {
    const out: ReportReminderTable[] = [];
    for (let i = 0; i < reporterKeys.length; i += CHUNK) {
      out.push(...await this.ex.selectFrom('report_reminders').selectAll().where('form_id', '=', formId).where('day', '=', day)
        .where('notified_at', 'is', null).where('reporter_key', 'in', reporterKeys.slice(i, i + CHUNK)).execute());
    }
    return out;
  }

  async countReminded(formId: string, day: string, reporterKeys: string[]): Promise<number> {
    let total = 0;
    for (let i = 0; i < reporterKeys.length; i += CHUNK) {
      const r = await this.ex.selectFrom('report_reminders').select(sql<number>`count(*)`.as('c')).where('form_id', '=', formId)
        .where('day', '=', day).where('reporter_key', 'in', reporterKeys.slice(i, i + CHUNK)).executeTakeFirstOrThrow();
      total += Number(r.c);
    }
    return total;
  }

  /** Takes a reminder for sending; false when another request already took it (a double click). */
  async claim(id: string, at: string): Promise<boolean> {
    const r = await this.ex.updateTable('report_reminders').set({ notified_at: at }).where('id', '=', id).where('notified_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async release(id: string): Promise<void> {
    await this.ex.updateTable('report_reminders').set({ notified_at: null }).where('id', '=', id).execute();
  }

  async setRecipients(id: string, recipients: number): Promise<void> {
    await this.ex.updateTable('report_reminders').set({ recipients }).where('id', '=', id).execute();
  }

  /** Reminders of a form and day for reporters in reach, newest first. */
  async list(formId: string, day: string, path: string | null | undefined, units: Units | null): Promise<ReminderView[]> {
    const rows = await this.ex.selectFrom('report_reminders as r')
      .leftJoin('jurisdiction_nodes as n', 'n.id', 'r.node_id')
      .leftJoin('units as u', 'u.id', 'r.unit_id')
      .selectAll('r').select(['n.name as node_name', 'u.name as unit_name'])
      .where('r.form_id', '=', formId).where('r.day', '=', day)
      .where((eb) => eb.or([
        path !== undefined ? eb.and([eb('r.node_id', 'is not', null), pathIn('n', path)]) : eb.lit(false),
        units ? eb.and([eb('r.unit_id', 'is not', null), unitIn('r.unit_id', units, false)]) : eb.lit(false),
      ]))
      .orderBy('r.id', 'desc').execute();
    return rows.map((r) => ({
      id: r.id, reporterKind: r.reporter_kind as ReporterKind, reporterId: r.reporter_key, reporterName: r.node_name ?? r.unit_name ?? '',
      createdAt: r.created_at, createdByName: r.created_by_name, notifiedAt: r.notified_at, recipients: r.recipients,
    }));
  }
}
