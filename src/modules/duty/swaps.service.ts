import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { can, requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { refNotFound, ruleConflict, ruleInvalid, type DutyDeps } from './duty.deps.ts';
import { loadCandidates, openShift } from './roster.facts.ts';
import { RosterRepository, type AssignmentRow, type ShiftRow } from './roster.repository.ts';
import { violations } from './roster.rules.ts';
import type { SwapStatus, SwapView, TSwapInput, TSwapListQuery } from './roster.schema.ts';
import { DutyRulesRepository } from './rules.repository.ts';
import { SwapsRepository, type SwapRow } from './swaps.repository.ts';

/** Shift swaps (换班): the holder (or a manager) proposes another person; a manager approves; rules are checked both times. */
export class SwapsService {
  constructor(private readonly deps: DutyDeps) {}

  async list(actor: Actor, query: TSwapListQuery): Promise<SwapView[]> {
    const scope = requirePermission(actor, 'duty.read');
    const repo = new SwapsRepository(this.deps.db);
    let nodePath: string | undefined;
    if (query.nodeId) {
      nodePath = await repo.nodePath(query.nodeId);
      if (!nodePath) return [];
    }
    const personId = await repo.personOfAccount(actor.accountId);
    return (await repo.list(scope, { nodePath, status: query.status, personId })).map(swapView);
  }

  async propose(actor: Actor, input: TSwapInput): Promise<SwapView> {
    const scope = requirePermission(actor, 'duty.read');
    const id = input.id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      const swaps = new SwapsRepository(trx);
      const roster = new RosterRepository(trx);
      const ownPerson = await swaps.personOfAccount(actor.accountId);
      const again = await swaps.find(id);
      if (again) {
        if (again.from_person_id !== ownPerson && !(await roster.findShift(again.shift_id, scope))) throw notFound('swap');
        return;
      }
      const { assignment, shift } = await this.reachable(roster, scope, actor, ownPerson, input.assignmentId, 'assignmentId');
      if (input.toPersonId === assignment.person_id) throw ruleInvalid('toPersonId', 'duty.swap_same_person', 'cannot swap to the same person');
      if (await swaps.pendingFor(assignment.id)) {
        throw new AppError('CONFLICT', 'a swap is already proposed for this assignment', [{ path: 'assignmentId', message: 'duty.swap_pending' }]);
      }
      await this.checkTaker(trx, roster, scope, shift, assignment, input.toPersonId);
      const at = this.deps.clock.now().toISOString();
      await swaps.insert({
        id, assignment_id: assignment.id, from_person_id: assignment.person_id, to_person_id: input.toPersonId, status: 'proposed',
        reason: input.reason ?? null, proposed_by: actor.accountId || null, decided_by: null, decided_at: null, new_assignment_id: null,
        created_at: at, updated_at: at,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_swap.propose', entityType: 'duty_swap', entityId: id, scopePath: shift.node_path,
        details: { assignmentId: assignment.id, fromPersonId: assignment.person_id, toPersonId: input.toPersonId },
      });
    });
    return this.view(id);
  }

  /** The manager's yes: the holder's assignment becomes 'swapped' and the other person takes the shift. */
  async approve(actor: Actor, id: string): Promise<SwapView> {
    const scope = requirePermission(actor, 'duty.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const swaps = new SwapsRepository(trx);
      const roster = new RosterRepository(trx);
      const swap = await this.pending(swaps, roster, scope, id);
      const assignment = await roster.findAssignment(swap.assignment_id);
      const shift = await roster.findShift(swap.shift_id, scope);
      if (!assignment || !shift) throw notFound('swap');
      this.checkStillOpen(assignment, shift);
      await this.checkTaker(trx, roster, scope, shift, assignment, swap.to_person_id);
      const at = this.deps.clock.now().toISOString();
      const newAssignmentId = newId();
      await roster.updateAssignment(assignment.id, { status: 'swapped', released_reason: 'swap', released_at: at, updated_at: at });
      await roster.insertAssignment({
        id: newAssignmentId, shift_id: shift.id, person_id: swap.to_person_id, status: 'active', source: 'swap',
        released_reason: null, released_at: null, unavailability_id: null, created_at: at, updated_at: at,
      });
      await swaps.update(id, { status: 'approved', decided_by: actor.accountId || null, decided_at: at, new_assignment_id: newAssignmentId, updated_at: at });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_swap.approve', entityType: 'duty_swap', entityId: id, scopePath: shift.node_path,
        details: { shiftId: shift.id, fromPersonId: swap.from_person_id, toPersonId: swap.to_person_id, newAssignmentId },
      });
    });
    return this.view(id);
  }

  async reject(actor: Actor, id: string): Promise<SwapView> {
    const scope = requirePermission(actor, 'duty.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const swaps = new SwapsRepository(trx);
      const swap = await this.pending(swaps, new RosterRepository(trx), scope, id);
      const at = this.deps.clock.now().toISOString();
      await swaps.update(id, { status: 'rejected', decided_by: actor.accountId || null, decided_at: at, updated_at: at });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_swap.reject', entityType: 'duty_swap', entityId: id, scopePath: swap.node_path,
        details: { fromPersonId: swap.from_person_id, toPersonId: swap.to_person_id },
      });
    });
    return this.view(id);
  }

  private async pending(swaps: SwapsRepository, roster: RosterRepository, scope: Scope, id: string): Promise<SwapRow> {
    const swap = await swaps.find(id);
    if (!swap || !(await roster.findShift(swap.shift_id, scope))) throw notFound('swap');
    if (swap.status !== 'proposed') throw new AppError('CONFLICT', 'the swap was already decided', [{ path: 'id', message: 'duty.swap_decided' }]);
    return swap;
  }

  /** The holder may propose for their own assignment; a manager for any assignment at a post in reach. */
  private async reachable(roster: RosterRepository, scope: Scope, actor: Actor, ownPerson: string | null, assignmentId: string, field: string) {
    const assignment = await roster.findAssignment(assignmentId);
    const own = !!assignment && !!ownPerson && assignment.person_id === ownPerson;
    const shift = assignment && (await roster.findShift(assignment.shift_id, own ? { kind: 'all' } : scope));
    if (!assignment || !shift || (!own && !can(actor, 'duty.write'))) throw refNotFound(field, 'assignment');
    this.checkStillOpen(assignment, shift);
    return { assignment, shift };
  }

  private checkStillOpen(assignment: AssignmentRow, shift: ShiftRow): void {
    if (assignment.status !== 'active') {
      throw new AppError('CONFLICT', 'the assignment is no longer active', [{ path: 'assignmentId', message: 'duty.assignment_inactive' }]);
    }
    if (assignment.att_id) throw new AppError('CONFLICT', 'the holder has checked in', [{ path: 'assignmentId', message: 'duty.has_attendance' }]);
    if (shift.ends_at <= this.deps.clock.now().toISOString()) throw ruleInvalid('assignmentId', 'duty.shift_past', 'the shift is over');
  }

  /** The person taking over must be in reach and pass every rule (the holder's own place does not count). */
  private async checkTaker(ex: Executor, roster: RosterRepository, scope: Scope, shift: ShiftRow, assignment: AssignmentRow, toPersonId: string) {
    const person = await roster.person(toPersonId, scope);
    if (!person) throw refNotFound('toPersonId', 'person');
    const rules = await new DutyRulesRepository(ex).load();
    const holders = (await roster.assignmentsOf([shift.id])).filter((a) => a.status === 'active' && a.id !== assignment.id).map((a) => a.person_id);
    const open = openShift(shift, holders, rules);
    const [candidate] = await loadCandidates(roster, [person], open.start, open.end, rules);
    const broken = violations(candidate, open);
    if (broken.length > 0) throw ruleConflict('toPersonId', broken, `${person.name} cannot take this shift`);
  }

  private async view(id: string): Promise<SwapView> {
    return swapView((await new SwapsRepository(this.deps.db).find(id))!);
  }
}

function swapView(r: SwapRow): SwapView {
  return {
    id: r.id, assignmentId: r.assignment_id,
    shift: { shiftId: r.shift_id, postId: r.post_id, postName: r.post_name, day: r.day, shiftName: r.shift_name, startsAt: r.starts_at, endsAt: r.ends_at },
    fromPersonId: r.from_person_id, fromPersonName: r.from_person_name, toPersonId: r.to_person_id, toPersonName: r.to_person_name,
    status: r.status as SwapStatus, reason: r.reason, createdAt: r.created_at, decidedAt: r.decided_at,
  };
}
