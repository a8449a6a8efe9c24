import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { refNotFound, ruleConflict, ruleInvalid, type DutyDeps } from './duty.deps.ts';
import { DutyPostsRepository } from './posts.repository.ts';
import { assignmentView, ensureShifts, loadCandidates, openShift, shiftRef, shiftView } from './roster.facts.ts';
import { RosterRepository } from './roster.repository.ts';
import { planRoster, addDays, violations } from './roster.rules.ts';
import type { AssignmentView, AutoFillResult, RosterView, TAssignInput, TAutoFillInput, TGenerateInput, TRosterQuery } from './roster.schema.ts';
import { DutyRulesRepository } from './rules.repository.ts';

/** The week roster: shifts made from the requirements, manual assignment and the assistant. */
export class RosterService {
  constructor(private readonly deps: DutyDeps) {}

  async roster(actor: Actor, query: TRosterQuery): Promise<RosterView> {
    const scope = requirePermission(actor, 'duty.read');
    const ex = this.deps.db;
    const posts = await this.postsOf(ex, scope, query);
    const roster = new RosterRepository(ex);
    const days = Array.from({ length: 7 }, (_, i) => addDays(query.weekStart, i));
    const shifts = await roster.shiftsOnDays(posts.map((p) => p.id), days[0], days[6]);
    const assignments = await roster.assignmentsOf(shifts.map((s) => s.id));
    const byShift = groupBy(assignments, (a) => a.shift_id);
    const byPost = groupBy(shifts, (s) => s.post_id);
    return {
      weekStart: query.weekStart, days,
      posts: posts.map((p) => ({
        id: p.id, name: p.name, kind: p.kind, nodeId: p.node_id, nodeName: p.node_name,
        shifts: (byPost.get(p.id) ?? []).map((s) => shiftView(s, byShift.get(s.id) ?? [])),
      })),
    };
  }

  /** Creates the week's shifts from the requirements (idempotent). */
  async generate(actor: Actor, input: TGenerateInput): Promise<{ generated: number }> {
    const scope = requirePermission(actor, 'duty.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const posts = await this.postsOf(trx, scope, input);
      const at = this.deps.clock.now().toISOString();
      const generated = await ensureShifts(new DutyPostsRepository(trx), new RosterRepository(trx), posts, input.weekStart, at);
      if (generated > 0) {
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'duty_roster.generate', entityType: 'duty_roster', entityId: input.postId ?? null,
          scopePath: posts.length === 1 ? posts[0].node_path : actor.nodePath, details: { weekStart: input.weekStart, generated, posts: posts.length },
        });
      }
      return { generated };
    });
  }

  /**
   * 自动排班: makes the week's shifts, then fills the open slots of shifts that have not started from the pool
   * (people in reach, of a subtree or named), under every rule; answers what was filled and what stays open.
   */
  async autoFill(actor: Actor, input: TAutoFillInput): Promise<AutoFillResult> {
    const scope = requirePermission(actor, 'duty.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const postsRepo = new DutyPostsRepository(trx);
      const roster = new RosterRepository(trx);
      const posts = await this.postsOf(trx, scope, input);
      const now = this.deps.clock.now();
      const at = now.toISOString();
      const rules = await new DutyRulesRepository(trx).load();
      const generated = await ensureShifts(postsRepo, roster, posts, input.weekStart, at);
      const shifts = (await roster.shiftsOnDays(posts.map((p) => p.id), input.weekStart, addDays(input.weekStart, 6)))
        .filter((s) => s.starts_at > at);
      const current = await roster.assignmentsOf(shifts.map((s) => s.id));
      let poolPath: string | undefined;
      if (input.poolNodeId) {
        poolPath = (await postsRepo.node(input.poolNodeId, scope))?.path;
        if (!poolPath) throw refNotFound('poolNodeId', 'node');
      }
      if (input.personIds) {
        const reach = await postsRepo.peopleInReach(input.personIds, scope);
        const outside = input.personIds.findIndex((id) => !reach.has(id));
        if (outside >= 0) throw refNotFound(`personIds.${outside}`, 'person');
      }
      const pool = await roster.candidates(scope, { poolPath, personIds: input.personIds });
      const activeByShift = groupBy(current.filter((a) => a.status === 'active'), (a) => a.shift_id);
      const open = shifts.map((s) => openShift(s, (activeByShift.get(s.id) ?? []).map((a) => a.person_id), rules));
      const span = open.length ? [Math.min(...open.map((s) => s.start)), Math.max(...open.map((s) => s.end))] : [0, 0];
      const people = await loadCandidates(roster, pool, span[0], span[1], rules);
      const plan = planRoster({ shifts: open, people, nightPreferMen: rules.nightPreferMen });
      const names = new Map(pool.map((p) => [p.id, p.name]));
      const byId = new Map(shifts.map((s) => [s.id, s]));
      await roster.insertAssignments(plan.assignments.map((a) => ({
        id: newId(), shift_id: a.shiftId, person_id: a.personId, status: 'active', source: 'assistant',
        released_reason: null, released_at: null, unavailability_id: null, created_at: at, updated_at: at,
      })));
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_roster.autofill', entityType: 'duty_roster', entityId: input.postId ?? null,
        scopePath: posts.length === 1 ? posts[0].node_path : actor.nodePath,
        details: { weekStart: input.weekStart, generated, assigned: plan.assignments.length, uncovered: plan.uncovered.length, pool: pool.length },
      });
      return {
        generated,
        assigned: plan.assignments.map((a) => ({ ...shiftRef(byId.get(a.shiftId)!), personId: a.personId, personName: names.get(a.personId) ?? '' })),
        uncovered: plan.uncovered.map((u) => ({ ...shiftRef(byId.get(u.shiftId)!), missing: u.missing })),
      };
    });
  }

  /** Puts a person on a shift by hand, under the same rules as the assistant. A retry with the same id answers the same. */
  async assign(actor: Actor, input: TAssignInput): Promise<AssignmentView> {
    const scope = requirePermission(actor, 'duty.write');
    const id = input.id ?? newId();
    return this.deps.db.transaction().execute(async (trx) => {
      const roster = new RosterRepository(trx);
      const again = await roster.findAssignment(id);
      if (again) {
        if (!(await roster.findShift(again.shift_id, scope))) throw notFound('assignment');
        return assignmentView(again);
      }
      const shift = await roster.findShift(input.shiftId, scope);
      if (!shift) throw refNotFound('shiftId', 'shift');
      const now = this.deps.clock.now().toISOString();
      if (shift.ends_at <= now) throw ruleInvalid('shiftId', 'duty.shift_past', 'the shift is over');
      const person = await roster.person(input.personId, scope);
      if (!person) throw refNotFound('personId', 'person');
      const rules = await new DutyRulesRepository(trx).load();
      const holders = (await roster.assignmentsOf([shift.id])).filter((a) => a.status === 'active').map((a) => a.person_id);
      const open = openShift(shift, holders, rules);
      const [candidate] = await loadCandidates(roster, [person], open.start, open.end, rules);
      const broken: string[] = violations(candidate, open);
      if (!holders.includes(person.id) && holders.length >= shift.required) broken.push('duty.shift_full');
      if (broken.length > 0) throw ruleConflict('personId', broken, `cannot put ${person.name} on this shift`);
      await roster.insertAssignment({
        id, shift_id: shift.id, person_id: person.id, status: 'active', source: 'manual',
        released_reason: null, released_at: null, unavailability_id: null, created_at: now, updated_at: now,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_assignment.create', entityType: 'duty_assignment', entityId: id, scopePath: shift.node_path,
        details: { shiftId: shift.id, personId: person.id, day: shift.day, shift: shift.name, post: shift.post_name },
      });
      return assignmentView((await roster.findAssignment(id))!);
    });
  }

  async unassign(actor: Actor, id: string): Promise<void> {
    const scope = requirePermission(actor, 'duty.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const roster = new RosterRepository(trx);
      const current = await roster.findAssignment(id);
      const shift = current && (await roster.findShift(current.shift_id, scope));
      if (!current || !shift) throw notFound('assignment');
      if (current.att_id) throw new AppError('CONFLICT', 'the person has checked in to this shift', [{ path: 'id', message: 'duty.has_attendance' }]);
      await roster.deleteAssignment(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_assignment.delete', entityType: 'duty_assignment', entityId: id, scopePath: shift.node_path,
        details: { shiftId: shift.id, personId: current.person_id, day: shift.day, shift: shift.name },
      });
    });
  }

  private async postsOf(ex: Executor, scope: Scope, q: { postId?: string; nodeId?: string }) {
    const repo = new DutyPostsRepository(ex);
    let nodePath: string | undefined;
    if (q.nodeId) {
      nodePath = await repo.nodePath(q.nodeId);
      if (!nodePath) throw refNotFound('nodeId', 'node');
    }
    if (q.postId && !(await repo.find(q.postId, scope))) throw refNotFound('postId', 'duty post');
    return repo.list(scope, { nodePath, postId: q.postId });
  }
}

function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
