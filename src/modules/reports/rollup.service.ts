import { shanghaiDay } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { writeSheet, type Lang, type SheetFormat } from '../../platform/transfer/index.ts';
import { FormsRepository } from './forms.repository.ts';
import { formReachOf, type FormsDeps } from './forms.service.ts';
import { ReportersRepository, type NodeInfo } from './reporters.repository.ts';
import type {
  RollupCounts, RollupHistoryDay, RollupHistoryView, RollupRow, RollupView, TRollupHistoryQuery, TRollupQuery,
} from './rollup.schema.ts';
import { activeOn, narrowest, reporterReach, summableFields, type FormRecord } from './reports.scope.ts';
import { rollupColumns, rollupSheetRows } from './rollup.export.ts';
import { RollupRepository, type KeyExpected, type KeyFigures } from './rollup.repository.ts';

const emptyCounts = (): RollupCounts => ({ expected: 0, submitted: 0, missing: 0, late: 0, zero: 0, sums: {} });

function addInto(total: RollupCounts, c: RollupCounts): void {
  total.expected += c.expected;
  total.submitted += c.submitted;
  total.missing += c.missing;
  total.late += c.late;
  total.zero += c.zero;
  for (const [k, v] of Object.entries(c.sums)) total.sums[k] = (total.sums[k] ?? 0) + v;
}

/** Merges the expected reporters and the reports of a level into counts per key. */
function byKey(expected: KeyExpected[], figures: KeyFigures[], fields: string[]): Map<string, RollupCounts & { below: number }> {
  const map = new Map<string, RollupCounts & { below: number }>();
  const at = (key: string) => {
    let c = map.get(key);
    if (!c) {
      c = { ...emptyCounts(), below: 0, sums: Object.fromEntries(fields.map((f) => [f, 0])) };
      map.set(key, c);
    }
    return c;
  };
  for (const e of expected) Object.assign(at(e.key), { expected: e.expected, below: e.below });
  for (const f of figures) Object.assign(at(f.key), { submitted: f.submitted, late: f.late, zero: f.zero, sums: f.sums, missing: -f.submittedExpected });
  // One report per reporter and day: the expected reporters without one are the missing.
  for (const c of map.values()) c.missing = Math.max(0, c.expected + c.missing);
  return map;
}

function inclusiveDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** The live roll-up: community → street → district by the tree, and unit → all units (the task force total). */
export class RollupService {
  constructor(private readonly deps: FormsDeps) {}

  async day(actor: Actor, query: TRollupQuery): Promise<RollupView> {
    const scope = requirePermission(actor, 'reports.read');
    const day = query.day ?? shanghaiDay(this.deps.clock.now());
    const form = await this.form(scope, query.formId);
    const fields = summableFields(form.fields);
    const keys = fields.map((f) => f.key);
    const head = { form: { id: form.id, name: form.name, version: form.version, deadline: form.deadline }, fields, day };
    const repo = new RollupRepository(this.deps.db);
    if (query.by === 'unit') {
      const units = this.reach(form, scope, null, day).units;
      const rows: RollupRow[] = [];
      if (units) {
        const expected = await repo.unitExpected(form.id, day, units);
        const counted = await repo.unitFigures(form.id, day, day, units, keys, 'unit');
        const merged = byKey(expected.map((u) => ({ key: u.id, expected: 1, below: 0 })), counted, keys);
        const names = new Map([...expected.map((u) => [u.id, u.name] as const), ...counted.map((c) => [c.key, c.name] as const)]);
        for (const [id, c] of merged) {
          const { below: _below, ...counts } = c;
          rows.push({ id, kind: 'unit', name: names.get(id) ?? '', levelCode: null, isSelf: false, drillable: false, ...counts });
        }
        rows.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
      }
      return { ...head, by: 'unit', node: null, ancestors: [], rows, total: this.total(rows, keys) };
    }
    const level = await this.level(actor, scope, form, query.nodeId);
    if (!level) return { ...head, by: 'node', node: null, ancestors: [], rows: [], total: this.total([], keys) };
    const { node, path } = level;
    const offset = path.length;
    const reach = this.reach(form, scope, node?.path ?? null, day);
    const range = narrowest([form.nodePath, scope.kind === 'subtree' ? scope.path : null, node?.path ?? null]);
    const merged = range === undefined ? new Map() : byKey(
      reach.nodes ? await repo.nodeExpected(reach.nodes, offset) : [],
      await repo.nodeFigures(form.id, day, day, range, form.reporterLevels, keys, { offset }), keys,
    );
    const reporters = new ReportersRepository(this.deps.db);
    const rows: RollupRow[] = [];
    const own = merged.get('');
    if (own && node) {
      const { below: _below, ...counts } = own;
      rows.push({ id: node.id, kind: 'node', name: node.name, levelCode: node.levelCode, isSelf: true, drillable: false, ...counts });
    }
    for (const child of await reporters.children(node?.id ?? null)) {
      const c = merged.get(child.id);
      if (!c || (c.expected === 0 && c.submitted === 0)) continue;
      const { below, ...counts } = c;
      rows.push({ id: child.id, kind: 'node', name: child.name, levelCode: child.levelCode, isSelf: false, drillable: below > 0, ...counts });
    }
    const total = emptyCounts();
    for (const c of merged.values()) addInto(total, { ...c });
    total.sums = Object.fromEntries(keys.map((k) => [k, total.sums[k] ?? 0]));
    return {
      ...head, by: 'node', node: node && { id: node.id, name: node.name, levelCode: node.levelCode },
      ancestors: node ? await this.ancestors(actor, node) : [], rows, total,
    };
  }

  async history(actor: Actor, query: TRollupHistoryQuery): Promise<RollupHistoryView> {
    const scope = requirePermission(actor, 'reports.read');
    const form = await this.form(scope, query.formId);
    const fields = summableFields(form.fields);
    const keys = fields.map((f) => f.key);
    const head = { form: { id: form.id, name: form.name, version: form.version, deadline: form.deadline }, fields };
    const repo = new RollupRepository(this.deps.db);
    let expected = 0;
    let figures: KeyFigures[] = [];
    let node: NodeInfo | null = null;
    if (query.by === 'unit') {
      const units = reporterReach(form, scope, null).units;
      if (units) {
        expected = await repo.unitExpectedTotal(units);
        figures = await repo.unitFigures(form.id, query.from, query.to, units, keys, 'day');
      }
    } else {
      const level = await this.level(actor, scope, form, query.nodeId);
      node = level?.node ?? null;
      const reach = reporterReach(form, scope, node?.path ?? null);
      const range = level ? narrowest([form.nodePath, scope.kind === 'subtree' ? scope.path : null, node?.path ?? null]) : undefined;
      if (range !== undefined) {
        expected = reach.nodes ? await repo.nodeExpectedTotal(reach.nodes) : 0;
        figures = await repo.nodeFigures(form.id, query.from, query.to, range, form.reporterLevels, keys, 'day');
      }
    }
    const byDay = new Map(figures.map((c) => [c.key, c]));
    const days: RollupHistoryDay[] = inclusiveDays(query.from, query.to).map((day) => {
      const c = byDay.get(day);
      const due = activeOn(form, day) ? expected : 0;
      return {
        day, expected: due, submitted: c?.submitted ?? 0, missing: Math.max(0, due - (c?.submittedExpected ?? 0)),
        late: c?.late ?? 0, zero: c?.zero ?? 0, sums: c?.sums ?? Object.fromEntries(keys.map((k) => [k, 0])),
      };
    });
    return { ...head, by: query.by, node: node && { id: node.id, name: node.name, levelCode: node.levelCode }, days };
  }

  /** The day's table as a spreadsheet in the shape sent upward: a row per child and a total row. */
  async export(actor: Actor, query: TRollupQuery, format: SheetFormat, lang: Lang): Promise<{ fileName: string; write: (out: NodeJS.WritableStream) => Promise<unknown> }> {
    requirePermission(actor, 'reports.read');
    const view = await this.day(actor, query);
    const levels = await new ReportersRepository(this.deps.db).levelNames();
    const place = view.by === 'unit' ? (lang === 'en' ? 'units' : '单位') : (view.node?.name ?? (lang === 'en' ? 'all' : '全部'));
    return {
      fileName: `${view.form.name}-${place}-${view.day}.${format}`,
      write: (out) => writeSheet(rollupColumns(view), rollupSheetRows(view, levels, lang), format, { lang, sheetName: view.day, out }),
    };
  }

  /** Who is expected to report: nobody on a day outside the form's dates. */
  private reach(form: FormRecord, scope: Scope, underPath: string | null, day: string) {
    return activeOn(form, day) ? reporterReach(form, scope, underPath) : { nodes: null, units: null };
  }

  private async form(scope: Scope, formId: string): Promise<FormRecord> {
    const form = await new FormsRepository(this.deps.db).find(formId, await formReachOf(this.deps.db, scope));
    if (!form) throw notFound('report form');
    return form;
  }

  /**
   * The level whose children are the rows: the node asked for (in reach), else the account's node, else the
   * form's node, else (administrators) the top of the tree (path '/'). Unit-bound accounts have no level.
   */
  private async level(actor: Actor, scope: Scope, form: FormRecord, nodeId: string | undefined): Promise<{ node: NodeInfo | null; path: string } | null> {
    const reporters = new ReportersRepository(this.deps.db);
    const wanted = nodeId ?? (scope.kind === 'subtree' ? actor.nodeId : form.nodeId);
    if (!wanted) return scope.kind === 'all' ? { node: null, path: '/' } : null;
    const node = await reporters.node(wanted, scope);
    if (!node) {
      if (nodeId) throw notFound('node');
      return null;
    }
    return { node, path: node.path };
  }

  private async ancestors(actor: Actor, node: NodeInfo): Promise<Array<{ id: string; name: string; levelCode: string }>> {
    let ids = node.path.split('/').filter(Boolean).slice(0, -1);
    if (actor.role !== 'admin' && actor.nodeId) {
      const at = ids.indexOf(actor.nodeId);
      ids = at >= 0 ? ids.slice(at) : [];
    }
    const found = new Map((await new ReportersRepository(this.deps.db).nodesByIds(ids)).map((n) => [n.id, n]));
    return ids.map((id) => found.get(id)).filter((n): n is NodeInfo => !!n).map((n) => ({ id: n.id, name: n.name, levelCode: n.levelCode }));
  }

  private total(rows: RollupRow[], keys: string[]): RollupCounts {
    const total = emptyCounts();
    for (const r of rows) addInto(total, r);
    total.sums = Object.fromEntries(keys.map((k) => [k, total.sums[k] ?? 0]));
    return total;
  }
}
