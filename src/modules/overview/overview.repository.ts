import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import { levelIn, pathIn, TRUE, unitIn } from '../reports/reach.sql.ts';
import type { ReporterReach } from '../reports/reports.scope.ts';

// The overview's figures, each one grouped query over its own table returning (place path, unit, count) so
// the service adds them up by community and by unit. Tables: dispatch_* / assault_* / pledge* (mobilisation),
// duty_* (duty), vanguard_posts / responsibility_areas (organisation), report_* (reports).

/** Where the figures are read: a subtree (null = everywhere) and, for a unit account, its unit. */
export interface OverviewReach {
  path: string | null;
  unitId: string | null;
}

export interface FigureRow {
  path: string | null;
  unitId: string | null;
  n: number;
}

const toRows = (rows: Array<{ path: string | null; unit_id: string | null; n: unknown }>): FigureRow[] =>
  rows.map((r) => ({ path: r.path, unitId: r.unit_id, n: Number(r.n ?? 0) }));

function unitIs(column: string, unitId: string | null): RawBuilder<boolean> {
  return unitId ? sql<boolean>`${sql.ref(column)} = ${unitId}` : TRUE;
}

export class OverviewRepository {
  constructor(private readonly ex: Executor) {}

  /** People of batches running on the day (by where they reported in, else where they were sent) and those reported in by its end. */
  async dispatch(reach: OverviewReach, day: string, dayEnd: string): Promise<{ dispatched: FigureRow[]; reportedIn: FigureRow[] }> {
    const rows = await this.ex.selectFrom('dispatch_members as dm')
      .innerJoin('dispatch_batches as b', 'b.id', 'dm.batch_id')
      .innerJoin('jurisdiction_nodes as n', (j) => j.on(sql<boolean>`n.id = coalesce(dm.reported_node_id, dm.node_id)`))
      .select(['n.path', 'dm.unit_id', sql<number>`count(*)`.as('n'),
        sql<number>`sum(case when dm.reported_at is not null and dm.reported_at < ${dayEnd} then 1 else 0 end)`.as('reported')])
      .where('b.starts_on', '<=', day).where((eb) => eb.or([eb('b.ends_on', 'is', null), eb('b.ends_on', '>=', day)]))
      .where(pathIn('n', reach.path)).where(unitIs('dm.unit_id', reach.unitId))
      .groupBy(['n.path', 'dm.unit_id']).execute();
    return {
      dispatched: toRows(rows),
      reportedIn: rows.map((r) => ({ path: r.path, unitId: r.unit_id, n: Number(r.reported ?? 0) })),
    };
  }

  /**
   * People on duty: today, checked in and not out on a shift that has not ended; another day, everyone who
   * checked in on that day's shifts. A person counts under their unit.
   */
  async onDuty(reach: OverviewReach, day: string, now: string | null): Promise<FigureRow[]> {
    let q = this.ex.selectFrom('duty_attendance as a')
      .innerJoin('duty_shifts as sh', 'sh.id', 'a.shift_id')
      .innerJoin('duty_posts as p', 'p.id', 'sh.post_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'p.node_id')
      .leftJoin('people as pe', 'pe.id', 'a.person_id')
      .select(['n.path', 'pe.unit_id', sql<number>`count(distinct a.person_id)`.as('n')])
      .where(pathIn('n', reach.path)).where(unitIs('pe.unit_id', reach.unitId));
    if (now) {
      q = q.where('a.checked_in_at', '<=', now).where('sh.ends_at', '>', now)
        .where((eb) => eb.or([eb('a.checked_out_at', 'is', null), eb('a.checked_out_at', '>', now)]));
    } else {
      q = q.where('sh.day', '=', day);
    }
    return toRows(await q.groupBy(['n.path', 'pe.unit_id']).execute());
  }

  async teams(reach: OverviewReach): Promise<{ teams: FigureRow[]; members: FigureRow[] }> {
    const teams = await this.ex.selectFrom('assault_teams as t').innerJoin('jurisdiction_nodes as n', 'n.id', 't.node_id')
      .select(['n.path', 't.unit_id', sql<number>`count(*)`.as('n')])
      .where(pathIn('n', reach.path)).where(unitIs('t.unit_id', reach.unitId))
      .groupBy(['n.path', 't.unit_id']).execute();
    const members = await this.ex.selectFrom('assault_team_members as m').innerJoin('assault_teams as t', 't.id', 'm.team_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 't.node_id')
      .select(['n.path', 't.unit_id', sql<number>`count(*)`.as('n')])
      .where(pathIn('n', reach.path)).where(unitIs('t.unit_id', reach.unitId))
      .groupBy(['n.path', 't.unit_id']).execute();
    return { teams: toRows(teams), members: toRows(members) };
  }

  /** Vanguard posts and responsibility areas; a unit's are those of its party branches. */
  async org(reach: OverviewReach): Promise<{ posts: FigureRow[]; areas: FigureRow[] }> {
    const posts = await this.ex.selectFrom('vanguard_posts as vp').innerJoin('jurisdiction_nodes as n', 'n.id', 'vp.node_id')
      .leftJoin('responsibility_areas as ra', 'ra.id', 'vp.area_id').leftJoin('party_orgs as po', 'po.id', 'ra.branch_id')
      .select(['n.path', 'po.unit_id', sql<number>`count(*)`.as('n')])
      .where(pathIn('n', reach.path)).where(unitIs('po.unit_id', reach.unitId))
      .groupBy(['n.path', 'po.unit_id']).execute();
    const areas = await this.ex.selectFrom('responsibility_areas as ra').innerJoin('jurisdiction_nodes as n', 'n.id', 'ra.node_id')
      .leftJoin('party_orgs as po', 'po.id', 'ra.branch_id')
      .select(['n.path', 'po.unit_id', sql<number>`count(*)`.as('n')])
      .where(pathIn('n', reach.path)).where(unitIs('po.unit_id', reach.unitId))
      .groupBy(['n.path', 'po.unit_id']).execute();
    return { posts: toRows(posts), areas: toRows(areas) };
  }

  /** Pledges made by the day (亮承诺) and pledges acted on that day (践诺); a person counts under their unit. */
  async pledges(reach: OverviewReach, day: string): Promise<{ pledges: FigureRow[]; actions: FigureRow[] }> {
    const pledges = await this.ex.selectFrom('pledges as pl').innerJoin('jurisdiction_nodes as n', 'n.id', 'pl.node_id')
      .leftJoin('people as pe', 'pe.id', 'pl.person_id')
      .select(['n.path', 'pe.unit_id', sql<number>`count(*)`.as('n')])
      .where('pl.pledged_on', '<=', day).where(pathIn('n', reach.path)).where(unitIs('pe.unit_id', reach.unitId))
      .groupBy(['n.path', 'pe.unit_id']).execute();
    const actions = await this.ex.selectFrom('pledge_fulfilments as f').innerJoin('pledges as pl', 'pl.id', 'f.pledge_id')
      .innerJoin('jurisdiction_nodes as n', 'n.id', 'pl.node_id').leftJoin('people as pe', 'pe.id', 'pl.person_id')
      .select(['n.path', 'pe.unit_id', sql<number>`count(*)`.as('n')])
      .where('f.done_on', '=', day).where(pathIn('n', reach.path)).where(unitIs('pe.unit_id', reach.unitId))
      .groupBy(['n.path', 'pe.unit_id']).execute();
    return { pledges: toRows(pledges), actions: toRows(actions) };
  }

  /** The day's reports of the given forms: places by their path, units by id. */
  async submitted(formIds: string[], day: string, reach: OverviewReach): Promise<FigureRow[]> {
    if (formIds.length === 0) return [];
    const rows = await this.ex.selectFrom('report_submissions as s')
      .leftJoin('jurisdiction_nodes as n', 'n.id', 's.node_id')
      .leftJoin('units as u', 'u.id', 's.unit_id').leftJoin('jurisdiction_nodes as un', 'un.id', 'u.node_id')
      .select(['n.path', 's.unit_id', sql<number>`count(*)`.as('n')])
      .where('s.form_id', 'in', formIds).where('s.day', '=', day).where(unitIs('s.unit_id', reach.unitId))
      .where((eb) => (reach.path === null ? TRUE : eb.or([pathIn('n', reach.path), pathIn('un', reach.path)])))
      .groupBy(['n.path', 's.unit_id']).execute();
    return toRows(rows);
  }

  /** Expected places of a form without a report on the day, grouped by place. */
  async missingNodes(formId: string, day: string, nodes: NonNullable<ReporterReach['nodes']>): Promise<FigureRow[]> {
    const rows = await this.ex.selectFrom('jurisdiction_nodes as n')
      .leftJoin('report_submissions as s', (j) => j.onRef('s.node_id', '=', 'n.id').on('s.form_id', '=', formId).on('s.day', '=', day))
      .select(['n.path', sql<string | null>`null`.as('unit_id'), sql<number>`count(*)`.as('n')])
      .where('s.id', 'is', null).where(levelIn('n', nodes.levels)).where(pathIn('n', nodes.path))
      .groupBy('n.path').execute();
    return toRows(rows);
  }

  async missingUnits(formId: string, day: string, units: NonNullable<ReporterReach['units']>): Promise<FigureRow[]> {
    const rows = await this.ex.selectFrom('units as u')
      .leftJoin('report_submissions as s', (j) => j.onRef('s.unit_id', '=', 'u.id').on('s.form_id', '=', formId).on('s.day', '=', day))
      .select([sql<string | null>`null`.as('path'), 'u.id as unit_id', sql<number>`count(*)`.as('n')])
      .where('s.id', 'is', null).where(unitIn('u.id', units, true))
      .groupBy('u.id').execute();
    return toRows(rows);
  }

  /** Level codes counted as communities: those at the rank of 'community' (community, village), else those two codes. */
  async communityLevels(): Promise<string[]> {
    const rows = await this.ex.selectFrom('jurisdiction_levels as l')
      .where('l.rank', '=', (eb) => eb.selectFrom('jurisdiction_levels').select('rank').where('code', '=', 'community'))
      .select('l.code').execute();
    return rows.length ? rows.map((r) => r.code) : ['community', 'village'];
  }

  async communities(levels: string[], path: string | null): Promise<Array<{ id: string; name: string; parentId: string | null }>> {
    const rows = await this.ex.selectFrom('jurisdiction_nodes as n').select(['n.id', 'n.name', 'n.parent_id'])
      .where(levelIn('n', levels)).where(pathIn('n', path)).orderBy('n.path').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id }));
  }

  async communitiesByIds(levels: string[], ids: string[]): Promise<Array<{ id: string; name: string; parentId: string | null }>> {
    if (ids.length === 0) return [];
    const rows = await this.ex.selectFrom('jurisdiction_nodes as n').select(['n.id', 'n.name', 'n.parent_id'])
      .where(levelIn('n', levels)).where('n.id', 'in', ids).orderBy('n.path').execute();
    return rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parent_id }));
  }

  async names(table: 'units' | 'jurisdiction_nodes', ids: string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await this.ex.selectFrom(table).select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
