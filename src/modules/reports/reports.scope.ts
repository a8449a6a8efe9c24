import type { Scope } from '../../platform/policy.ts';
import type { ReportField, ReportFormView, UnitMode } from './reports.schema.ts';

// Who reports on a form, as far as an actor reaches. Pure: the service builds a reach, the repositories turn it
// into WHERE clauses (path ranges on jurisdiction_nodes, unit ids).

/** A form row as the services use it (JSON columns parsed, the form's node path joined). */
export interface FormRecord extends ReportFormView {
  /** Materialised path of the form's node; null = the form applies everywhere. */
  nodePath: string | null;
}

/** A reporter: a place (community, street…) or a unit (机关单位) that sends the day's figures. */
export type Reporter =
  | { kind: 'node'; id: string; name: string; path: string; levelCode: string }
  | { kind: 'unit'; id: string; name: string; nodePath: string | null };

export interface ReporterReach {
  /** Node reporters: nodes at `levels` under `path` (null = anywhere); null = no node reporters. */
  nodes: { levels: string[]; path: string | null } | null;
  /** Unit reporters: `ids` (a listed form) or all, located under `path`, or just `unitId`; null = none. */
  units: { ids: string[] | null; path: string | null; unitId: string | null } | null;
}

/**
 * The deepest of nested subtree paths (null entries mean "no restriction"); undefined when two of them are
 * disjoint, i.e. the ranges do not overlap at all.
 */
export function narrowest(paths: Array<string | null | undefined>): string | null | undefined {
  let deepest: string | null = null;
  for (const p of paths) {
    if (!p) continue;
    if (deepest === null || p.startsWith(deepest)) deepest = p;
    else if (!deepest.startsWith(p)) return undefined;
  }
  return deepest;
}

export function ancestorOrSelfIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

export function activeOn(form: Pick<ReportFormView, 'activeFrom' | 'activeTo'>, day: string): boolean {
  return form.activeFrom <= day && (form.activeTo === null || day <= form.activeTo);
}

/** Whether a reporter fills in a form (ignoring the dates). */
export function formAppliesTo(form: FormRecord, reporter: Reporter): boolean {
  if (reporter.kind === 'node') {
    return form.reporterLevels.includes(reporter.levelCode) && (form.nodePath === null || reporter.path.startsWith(form.nodePath));
  }
  if (form.unitMode === 'listed') return form.unitIds.includes(reporter.id);
  if (form.unitMode === 'all') return form.nodePath === null || (!!reporter.nodePath && reporter.nodePath.startsWith(form.nodePath));
  return false;
}

/**
 * The reporters of a form an actor reaches, optionally only those under a node. Unit-bound actors reach their
 * own unit; place-bound actors the places and the units located in their subtree.
 */
export function reporterReach(form: FormRecord, scope: Scope, underPath: string | null): ReporterReach {
  const mode: UnitMode = form.unitMode;
  if (scope.kind === 'none') return { nodes: null, units: null };
  if (scope.kind === 'unit') {
    return {
      nodes: null,
      units: mode === 'none' ? null : { ids: mode === 'listed' ? form.unitIds : null, path: mode === 'all' ? form.nodePath : null, unitId: scope.unitId },
    };
  }
  const scopePath = scope.kind === 'subtree' ? scope.path : null;
  const nodePath = narrowest([form.nodePath, scopePath, underPath]);
  const unitPath = narrowest([mode === 'all' ? form.nodePath : null, scopePath, underPath]);
  return {
    nodes: form.reporterLevels.length > 0 && nodePath !== undefined ? { levels: form.reporterLevels, path: nodePath } : null,
    units: mode !== 'none' && unitPath !== undefined ? { ids: mode === 'listed' ? form.unitIds : null, path: unitPath, unitId: null } : null,
  };
}

/** Whether an actor may act for a reporter: its own unit, or a place inside its subtree. */
export function reporterInScope(scope: Scope, reporter: Reporter): boolean {
  if (scope.kind === 'all') return true;
  if (scope.kind === 'unit') return reporter.kind === 'unit' && reporter.id === scope.unitId;
  if (scope.kind === 'subtree') return reporter.kind === 'node' && reporter.path.startsWith(scope.path);
  return false;
}

export function summableFields(fields: ReportField[]): ReportField[] {
  return fields.filter((f) => f.summable && f.type !== 'text');
}
