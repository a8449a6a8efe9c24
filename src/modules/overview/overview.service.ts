import { shanghaiDay, shanghaiDayStart } from '../../platform/clock.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { can, requirePermission, type Actor, type Permission, type Scope } from '../../platform/policy.ts';
import { FormsRepository } from '../reports/forms.repository.ts';
import { formReachOf } from '../reports/forms.service.ts';
import { ReportersRepository, type NodeInfo } from '../reports/reporters.repository.ts';
import { activeOn, narrowest, reporterReach, type FormRecord } from '../reports/reports.scope.ts';
import { RollupRepository } from '../reports/rollup.repository.ts';
import { OverviewRepository, type FigureRow, type OverviewReach } from './overview.repository.ts';
import {
  OVERVIEW_FIGURES, type OverviewFigure, type OverviewFigures, type OverviewFormRow, type OverviewRow, type OverviewView,
  type TOverviewQuery,
} from './overview.schema.ts';

export interface OverviewDeps {
  db: Db;
  clock: Clock;
}

/** Which permission shows which figures: an account sees only what its role may read elsewhere. */
const FIGURE_PERMISSION: Record<OverviewFigure, Permission> = {
  dispatched: 'mobilization.read', reportedIn: 'mobilization.read', teams: 'mobilization.read', teamMembers: 'mobilization.read',
  pledges: 'mobilization.read', pledgeActions: 'mobilization.read', onDuty: 'duty.read', posts: 'org.read', areas: 'org.read',
  reportsSubmitted: 'reports.read', reportsMissing: 'reports.read',
};

const zeroFigures = (): OverviewFigures => Object.fromEntries(OVERVIEW_FIGURES.map((f) => [f, 0])) as OverviewFigures;

/** 工作台/总览: the day's counts across mobilisation, duty, organisation and reports, by community and by unit. */
export class OverviewService {
  constructor(private readonly deps: OverviewDeps) {}

  async get(actor: Actor, query: TOverviewQuery): Promise<OverviewView> {
    const scope = requirePermission(actor, 'reports.read');
    const { db, clock } = this.deps;
    const now = clock.now();
    const today = shanghaiDay(now);
    const day = query.day ?? today;
    const node = await this.nodeOf(actor, scope, query.nodeId);
    const reach: OverviewReach = {
      path: scope.kind === 'subtree' ? (narrowest([scope.path, node?.path ?? null]) ?? scope.path) : (node?.path ?? null),
      unitId: scope.kind === 'unit' ? scope.unitId : null,
    };
    const shown = OVERVIEW_FIGURES.filter((f) => can(actor, FIGURE_PERMISSION[f]));
    const repo = new OverviewRepository(db);
    const rows = new Map<OverviewFigure, FigureRow[]>();
    if (shown.includes('dispatched')) {
      const dayEnd = new Date(shanghaiDayStart(day).getTime() + 86_400_000).toISOString();
      const d = await repo.dispatch(reach, day, dayEnd);
      rows.set('dispatched', d.dispatched).set('reportedIn', d.reportedIn);
      const t = await repo.teams(reach);
      rows.set('teams', t.teams).set('teamMembers', t.members);
      const p = await repo.pledges(reach, day);
      rows.set('pledges', p.pledges).set('pledgeActions', p.actions);
    }
    if (shown.includes('onDuty')) rows.set('onDuty', await repo.onDuty(reach, day, day === today ? now.toISOString() : null));
    if (shown.includes('posts')) {
      const o = await repo.org(reach);
      rows.set('posts', o.posts).set('areas', o.areas);
    }
    const forms = (await new FormsRepository(db).list(await formReachOf(db, scope))).filter((f) => activeOn(f, day));
    const missing: FigureRow[] = [];
    for (const form of forms) {
      const r = reporterReach(form, scope, node?.path ?? null);
      if (r.nodes) missing.push(...await repo.missingNodes(form.id, day, r.nodes));
      if (r.units) missing.push(...await repo.missingUnits(form.id, day, r.units));
    }
    rows.set('reportsSubmitted', await repo.submitted(forms.map((f) => f.id), day, reach)).set('reportsMissing', missing);

    return {
      day, now: now.toISOString(), isToday: day === today,
      node: node && { id: node.id, name: node.name, levelCode: node.levelCode },
      figures: shown, totals: this.totals(rows), byCommunity: await this.byCommunity(repo, rows, reach),
      byUnit: await this.byUnit(repo, rows), forms: await this.formRows(forms, scope, node, day),
    };
  }

  /** The node asked for, within reach (a unit account may narrow to any place); else the account's own node. */
  private async nodeOf(actor: Actor, scope: Scope, nodeId: string | undefined): Promise<NodeInfo | null> {
    const reporters = new ReportersRepository(this.deps.db);
    if (nodeId) {
      const node = await reporters.node(nodeId, scope.kind === 'unit' ? { kind: 'all' } : scope);
      if (!node) throw notFound('node');
      return node;
    }
    if (scope.kind === 'subtree' && actor.nodeId) return (await reporters.node(actor.nodeId, scope)) ?? null;
    return null;
  }

  private totals(rows: Map<OverviewFigure, FigureRow[]>): OverviewFigures {
    const totals = zeroFigures();
    for (const [figure, list] of rows) for (const r of list) totals[figure] += r.n;
    return totals;
  }

  /** Adds each row to the community its place lies in (a community id on its path); places above communities are in the totals only. */
  private async byCommunity(repo: OverviewRepository, rows: Map<OverviewFigure, FigureRow[]>, reach: OverviewReach): Promise<OverviewRow[]> {
    const levels = await repo.communityLevels();
    let communities: Array<{ id: string; name: string; parentId: string | null }>;
    if (reach.unitId) {
      const ids = new Set<string>();
      for (const list of rows.values()) for (const r of list) for (const id of (r.path ?? '').split('/').filter(Boolean)) ids.add(id);
      communities = await repo.communitiesByIds(levels, [...ids]);
    } else {
      communities = await repo.communities(levels, reach.path);
    }
    const byId = new Map(communities.map((c) => [c.id, { ...c, figures: zeroFigures() }]));
    for (const [figure, list] of rows) {
      for (const r of list) {
        const id = (r.path ?? '').split('/').find((segment) => byId.has(segment));
        if (id) byId.get(id)!.figures[figure] += r.n;
      }
    }
    const parents = await repo.names('jurisdiction_nodes', [...new Set(communities.map((c) => c.parentId).filter((p): p is string => !!p))]);
    return [...byId.values()].map((c) => ({ id: c.id, name: c.name, parentName: c.parentId ? (parents.get(c.parentId) ?? null) : null, figures: c.figures }));
  }

  private async byUnit(repo: OverviewRepository, rows: Map<OverviewFigure, FigureRow[]>): Promise<OverviewRow[]> {
    const byId = new Map<string, OverviewFigures>();
    for (const [figure, list] of rows) {
      for (const r of list) {
        if (!r.unitId) continue;
        const f = byId.get(r.unitId) ?? zeroFigures();
        f[figure] += r.n;
        byId.set(r.unitId, f);
      }
    }
    const names = await repo.names('units', [...byId.keys()]);
    return [...byId].map(([id, figures]) => ({ id, name: names.get(id) ?? '', parentName: null, figures }))
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
  }

  /** Per form of the day: expected reporters in reach, reported, missing, late. */
  private async formRows(forms: FormRecord[], scope: Scope, node: NodeInfo | null, day: string): Promise<OverviewFormRow[]> {
    const rollup = new RollupRepository(this.deps.db);
    const out: OverviewFormRow[] = [];
    for (const form of forms) {
      const r = reporterReach(form, scope, node?.path ?? null);
      const row: OverviewFormRow = { id: form.id, name: form.name, deadline: form.deadline, expected: 0, submitted: 0, missing: 0, late: 0 };
      if (r.nodes) {
        const places = await rollup.nodeExpectedTotal(r.nodes);
        let reportedExpected = 0;
        for (const c of await rollup.nodeFigures(form.id, day, day, r.nodes.path, form.reporterLevels, [], { offset: 0 })) {
          row.submitted += c.submitted;
          row.late += c.late;
          reportedExpected += c.submittedExpected;
        }
        row.expected += places;
        row.missing += Math.max(0, places - reportedExpected);
      }
      if (r.units) {
        const units = await rollup.unitExpected(form.id, day, r.units);
        row.expected += units.length;
        row.missing += units.filter((u) => !u.reported).length;
        for (const c of await rollup.unitFigures(form.id, day, day, r.units, [], 'unit')) {
          row.submitted += c.submitted;
          row.late += c.late;
        }
      }
      out.push(row);
    }
    return out;
  }
}
