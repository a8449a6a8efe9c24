import { sql, type Kysely, type RawBuilder } from 'kysely';
import { isPostgres, type Executor } from '../../platform/db/database.ts';
import { childOf, levelIn, pathIn, TRUE, unitIn } from './reach.sql.ts';
import type { ReporterReach } from './reports.scope.ts';

// Roll-ups as set-based queries: one pass over a level's reports for every figure, never a query per node.
// A row's key is the child of the level a reporter's path runs through (its 26-character id right after the
// level's own path; '' is the level's own report), a unit id, or a day. The summable fields are pivoted into
// columns (see pivot), so each report is counted once.

export interface KeyFigures {
  key: string;
  submitted: number;
  late: number;
  zero: number;
  /** Reports by reporters the form expects (for the missing count of a day in a history). */
  submittedExpected: number;
  sums: Record<string, number>;
}

export interface KeyExpected {
  key: string;
  expected: number;
  /** Expected reporters deeper than the child itself: the row can be opened. */
  below: number;
}

type Nodes = NonNullable<ReporterReach['nodes']>;
type Units = NonNullable<ReporterReach['units']>;

const n = (v: unknown) => Number(v ?? 0);

function days(alias: string, from: string, to: string): RawBuilder<boolean> {
  const day = sql.ref(`${alias}.day`);
  return from === to ? sql<boolean>`${day} = ${from}` : sql<boolean>`${day} >= ${from} and ${day} <= ${to}`;
}

/**
 * The summable fields as columns f0, f1, … of each report. PostgreSQL: one pass over the day's values grouped
 * per report, hash-joined. SQLite (nested loops only): one search of report_values' primary key per field and
 * report, which beats materialising the grouped subquery.
 */
function pivot(ex: Executor, formId: string, from: string, to: string, fields: string[]): { joins: RawBuilder<unknown>; sums: RawBuilder<unknown> } {
  if (fields.length === 0) return { joins: sql``, sums: sql`` };
  if (isPostgres(ex as unknown as Kysely<unknown>)) {
    const cols = fields.map((f, i) => sql`sum(case when v.field_key = ${f} then v.value end) as ${sql.id(`f${i}`)}`);
    return {
      joins: sql`left join (select v.submission_id, ${sql.join(cols)} from report_values v
        where v.form_id = ${formId} and ${days('v', from, to)} group by v.submission_id) x on x.submission_id = s.id`,
      sums: sql`, ${sql.join(fields.map((_, i) => sql`sum(${sql.ref(`x.f${i}`)}) as ${sql.id(`f${i}`)}`))}`,
    };
  }
  const joins = fields.map((f, i) => {
    const v = `v${i}`;
    return sql`left join report_values ${sql.id(v)} on ${sql.ref(`${v}.submission_id`)} = s.id and ${sql.ref(`${v}.field_key`)} = ${f}`;
  });
  return { joins: sql.join(joins, sql` `), sums: sql`, ${sql.join(fields.map((_, i) => sql`sum(${sql.ref(`v${i}.value`)}) as ${sql.id(`f${i}`)}`))}` };
}

/** Figures per key of the reports in `from` (alias s) matching `where`, with the summable fields summed. */
async function figuresOf(
  ex: Executor, range: { formId: string; from: string; to: string }, key: RawBuilder<string>, from: RawBuilder<unknown>,
  where: RawBuilder<boolean>, expected: RawBuilder<boolean>, fields: string[], extra: RawBuilder<unknown> = sql``,
): Promise<Array<KeyFigures & { name?: string }>> {
  const { joins, sums } = pivot(ex, range.formId, range.from, range.to, fields);
  const { rows } = await sql<Record<string, unknown>>`
    select ${key} as k, count(*) as submitted, sum(s.late) as late, sum(s.is_zero) as zero,
      sum(case when ${expected} then 1 else 0 end) as submitted_expected ${extra} ${sums}
    from ${from} ${joins}
    where s.form_id = ${range.formId} and ${days('s', range.from, range.to)} and ${where}
    group by ${key}`.execute(ex);
  return rows.map((r) => ({
    key: String(r.k ?? ''), submitted: n(r.submitted), late: n(r.late), zero: n(r.zero), submittedExpected: n(r.submitted_expected),
    sums: Object.fromEntries(fields.map((f, i) => [f, n(r[`f${i}`])])),
    ...(r.name !== undefined ? { name: String(r.name ?? '') } : {}),
  }));
}

export class RollupRepository {
  constructor(private readonly ex: Executor) {}

  /**
   * Expected reporters (places at the form's levels) per child: an index range scan, no join. Missing is
   * expected minus the reports of expected reporters (nodeFigures' submittedExpected): one report per reporter.
   */
  async nodeExpected(nodes: Nodes, offset: number): Promise<KeyExpected[]> {
    const child = childOf('n', offset);
    const rows = await this.ex.selectFrom('jurisdiction_nodes as n')
      .select([
        child.as('key'),
        sql<number>`count(*)`.as('expected'),
        sql<number>`sum(case when length(n.path) > ${sql.lit(offset + 27)} then 1 else 0 end)`.as('below'),
      ])
      .where(levelIn('n', nodes.levels)).where(pathIn('n', nodes.path))
      .groupBy(child).execute();
    return rows.map((r) => ({ key: r.key, expected: n(r.expected), below: n(r.below) }));
  }

  async nodeExpectedTotal(nodes: Nodes): Promise<number> {
    const r = await this.ex.selectFrom('jurisdiction_nodes as n').select(sql<number>`count(*)`.as('c'))
      .where(levelIn('n', nodes.levels)).where(pathIn('n', nodes.path)).executeTakeFirstOrThrow();
    return n(r.c);
  }

  /**
   * Reports of places under `path` (every report in reach, whatever its reporter's level), grouped by the
   * child of the level at `offset` or by day.
   */
  async nodeFigures(formId: string, from: string, to: string, path: string | null, levels: string[], fields: string[], group: { offset: number } | 'day'): Promise<KeyFigures[]> {
    return figuresOf(
      this.ex, { formId, from, to }, group === 'day' ? sql<string>`s.day` : childOf('n', group.offset),
      sql`report_submissions s inner join jurisdiction_nodes n on n.id = s.node_id`, pathIn('n', path), levelIn('n', levels), fields,
    );
  }

  /** Units the form expects, each with whether it has reported. */
  async unitExpected(formId: string, day: string, units: Units): Promise<Array<{ id: string; name: string; reported: boolean }>> {
    const rows = await this.ex.selectFrom('units as u')
      .leftJoin('report_submissions as s', (j) => j.onRef('s.unit_id', '=', 'u.id').on('s.form_id', '=', formId).on('s.day', '=', day))
      .select(['u.id', 'u.name', 's.id as sid'])
      .where(unitIn('u.id', units, true)).orderBy('u.name').orderBy('u.id').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, reported: r.sid !== null }));
  }

  async unitExpectedTotal(units: Units): Promise<number> {
    const r = await this.ex.selectFrom('units as u').select(sql<number>`count(*)`.as('c')).where(unitIn('u.id', units, true))
      .executeTakeFirstOrThrow();
    return n(r.c);
  }

  /** Reports of units in reach, per unit (with its name) or per day. */
  async unitFigures(formId: string, from: string, to: string, units: Units, fields: string[], group: 'unit' | 'day'): Promise<Array<KeyFigures & { name: string }>> {
    const rows = await figuresOf(
      this.ex, { formId, from, to }, group === 'unit' ? sql<string>`s.unit_id` : sql<string>`s.day`,
      sql`report_submissions s inner join units u on u.id = s.unit_id`, unitIn('s.unit_id', units, false),
      units.ids ? unitIn('s.unit_id', units, true) : TRUE, fields, group === 'unit' ? sql`, max(u.name) as name` : sql``,
    );
    return rows.map((r) => ({ ...r, name: r.name ?? '' }));
  }
}
