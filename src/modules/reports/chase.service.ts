import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay, shanghaiTime } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Notifier } from '../../platform/notifier.ts';
import { can, requirePermission, ROLES, type Actor, type Scope } from '../../platform/policy.ts';
import { ChaseRepository, type ChaseRow } from './chase.repository.ts';
import { FormsRepository } from './forms.repository.ts';
import { formReachOf, type FormsDeps } from './forms.service.ts';
import { ReportersRepository, type NodeInfo } from './reporters.repository.ts';
import {
  REPORT_LIMITS, type ChaseView, type ReminderView, type RemindResult, type TChaseQuery, type TRemindInput,
} from './reports.schema.ts';
import { activeOn, narrowest, reporterReach, type FormRecord, type ReporterReach } from './reports.scope.ts';
import { RollupRepository } from './rollup.repository.ts';

export interface ChaseDeps extends FormsDeps {
  notifier: Notifier;
}

/** Roles whose accounts submit reports: the ones a reminder is addressed to. */
const SUBMITTING_ROLES: string[] = ROLES.filter((role) => can({ role }, 'reports.submit'));

interface Target {
  form: FormRecord;
  day: string;
  reach: ReporterReach;
  /** Range of reporting places whose reports the actor reads; undefined: none (a unit account, or disjoint). */
  path: string | null | undefined;
}

/** 催报: who should have reported and has not, who was late, and one-click reminders through the notifier. */
export class ChaseService {
  constructor(private readonly deps: ChaseDeps) {}

  async chase(actor: Actor, query: TChaseQuery): Promise<ChaseView> {
    const scope = requirePermission(actor, 'reports.read');
    const { form, day, reach, path } = await this.target(this.deps.db, actor, scope, query);
    const chase = new ChaseRepository(this.deps.db);
    const rollup = new RollupRepository(this.deps.db);
    const limit = REPORT_LIMITS.chaseRows + 1;
    const missing = [
      ...(reach.nodes ? await chase.missingNodes(form.id, day, reach.nodes, limit) : []),
      ...(reach.units ? await chase.missingUnits(form.id, day, reach.units, limit) : []),
    ];
    const late = await chase.late(form.id, day, path, reach.units, limit);
    let expected = 0;
    let missingCount = 0;
    let submitted = 0;
    let lateCount = 0;
    let zeroCount = 0;
    let reportedExpected = 0;
    if (path !== undefined) {
      for (const c of await rollup.nodeFigures(form.id, day, day, path, form.reporterLevels, [], { offset: 0 })) {
        submitted += c.submitted;
        lateCount += c.late;
        zeroCount += c.zero;
        reportedExpected += c.submittedExpected;
      }
    }
    if (reach.nodes) {
      const places = await rollup.nodeExpectedTotal(reach.nodes);
      expected += places;
      missingCount += Math.max(0, places - reportedExpected);
    }
    if (reach.units) {
      const units = await rollup.unitExpected(form.id, day, reach.units);
      expected += units.length;
      missingCount += units.filter((u) => !u.reported).length;
      for (const c of await rollup.unitFigures(form.id, day, day, reach.units, [], 'unit')) {
        submitted += c.submitted;
        lateCount += c.late;
        zeroCount += c.zero;
      }
    }
    const cut = (rows: ChaseRow[]) => rows.slice(0, REPORT_LIMITS.chaseRows);
    return {
      form: { id: form.id, name: form.name, deadline: form.deadline }, day, deadlineAt: shanghaiTime(day, form.deadline).toISOString(),
      expected, submitted, missingCount, lateCount, zeroCount, missing: cut(missing), late: cut(late),
      truncated: missing.length > REPORT_LIMITS.chaseRows || late.length > REPORT_LIMITS.chaseRows,
    };
  }

  /**
   * 一键催报: one reminder per missing reporter, form and day (a second click sends nothing again), each sent
   * to the reporter's accounts through the notifier after the reminders are recorded.
   */
  async remind(actor: Actor, input: TRemindInput): Promise<RemindResult> {
    const scope = requirePermission(actor, 'reports.read');
    const { deps } = this;
    const at = deps.clock.now().toISOString();
    const { form, day, missing, already } = await deps.db.transaction().execute(async (trx) => {
      const target = await this.target(trx, actor, scope, input);
      const chase = new ChaseRepository(trx);
      const rows = [
        ...(target.reach.nodes ? await chase.missingNodes(target.form.id, target.day, target.reach.nodes, null) : []),
        ...(target.reach.units ? await chase.missingUnits(target.form.id, target.day, target.reach.units, null) : []),
      ];
      const keys = rows.map((r) => r.id);
      const remindedBefore = await chase.countReminded(target.form.id, target.day, keys);
      await chase.insertReminders(rows.filter((r) => r.remindedAt === null).map((r) => ({
        id: newId(), form_id: target.form.id, day: target.day, reporter_key: r.id, reporter_kind: r.kind,
        node_id: r.kind === 'node' ? r.id : null, unit_id: r.kind === 'unit' ? r.id : null, created_at: at,
        created_by: actor.accountId || null, created_by_name: actor.displayName || actor.username, notified_at: null, recipients: 0,
      })));
      await recordAudit(trx, deps.clock, actor, {
        action: 'report.remind', entityType: 'report_form', entityId: target.form.id, scopePath: target.form.nodePath,
        details: { day: target.day, missing: rows.length, alreadyReminded: remindedBefore, nodeId: input.nodeId ?? null },
      });
      return { form: target.form, day: target.day, missing: rows, already: remindedBefore };
    });
    const messages = await this.send(form, day, missing, at);
    return { reminded: messages.reminders, alreadyReminded: already, messages: messages.sent };
  }

  async reminders(actor: Actor, query: TChaseQuery): Promise<ReminderView[]> {
    const scope = requirePermission(actor, 'reports.read');
    const { form, day, reach, path } = await this.target(this.deps.db, actor, scope, query);
    return new ChaseRepository(this.deps.db).list(form.id, day, path, reach.units);
  }

  /** Hands the unsent reminders to the notifier, each claimed first so two requests never send the same one. */
  private async send(form: FormRecord, day: string, missing: ChaseRow[], at: string): Promise<{ reminders: number; sent: number }> {
    const { db, notifier } = this.deps;
    const chase = new ChaseRepository(db);
    const unsent = await chase.unsent(form.id, day, missing.map((r) => r.id));
    if (unsent.length === 0) return { reminders: 0, sent: 0 };
    const names = new Map(missing.map((r) => [r.id, r.name]));
    const accounts = await new ReportersRepository(db).recipients(
      unsent.filter((r) => r.node_id).map((r) => r.node_id!), unsent.filter((r) => r.unit_id).map((r) => r.unit_id!), SUBMITTING_ROLES,
    );
    const byReporter = new Map<string, string[]>();
    for (const a of accounts) {
      const key = a.nodeId ?? a.unitId!;
      byReporter.set(key, [...(byReporter.get(key) ?? []), a.accountId]);
    }
    let reminders = 0;
    let sent = 0;
    for (const r of unsent) {
      if (!(await chase.claim(r.id, at))) continue;
      const place = r.node_id ? { nodeId: r.node_id } : { unitId: r.unit_id! };
      const to = byReporter.get(r.reporter_key) ?? [];
      const message = {
        kind: 'report.reminder', refId: form.id, title: `催报：${form.name}（${day}）`,
        body: `${names.get(r.reporter_key) ?? ''}：请尽快报送 ${day} 的《${form.name}》（截止 ${form.deadline}）；如无情况，请报“零报告”。`,
      };
      try {
        // A reporter without an account still gets one message to its place, for a delivery adapter to route.
        for (const recipient of to.length ? to.map((accountId) => ({ accountId, ...place })) : [place]) {
          await notifier.send({ ...message, recipient });
          sent++;
        }
        await chase.setRecipients(r.id, to.length);
        reminders++;
      } catch (err) {
        await chase.release(r.id);
        throw err;
      }
    }
    return { reminders, sent };
  }

  private async target(ex: Executor, actor: Actor, scope: Scope, query: TChaseQuery): Promise<Target> {
    const form = await new FormsRepository(ex).find(query.formId, await formReachOf(ex, scope));
    if (!form) throw notFound('report form');
    let under: NodeInfo | undefined;
    if (query.nodeId) {
      under = await new ReportersRepository(ex).node(query.nodeId, scope);
      if (!under) throw notFound('node');
    }
    const day = query.day ?? shanghaiDay(this.deps.clock.now());
    // On a day outside the form's dates nobody is expected (and nobody is reminded).
    const reach = activeOn(form, day) ? reporterReach(form, scope, under?.path ?? null) : { nodes: null, units: null };
    const path = scope.kind === 'unit' || scope.kind === 'none'
      ? undefined : narrowest([form.nodePath, scope.kind === 'subtree' ? scope.path : null, under?.path ?? null]);
    return { form, day, reach, path };
  }
}
