import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound, type ErrorDetail } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import type { Page } from '../../platform/validation.ts';
import { DispatchRepository, type BatchJoinedRow } from './dispatch.repository.ts';
import type {
  BatchDetail, BatchView, TBatchInput, TBatchListQuery, TBatchMembersInput, TBatchUpdateInput,
} from './dispatch.schema.ts';
import { batchView, memberView, type MobilizationDeps } from './dispatch.views.ts';
import { ReachRepository } from './reach.repository.ts';

/**
 * 下沉批次: a unit (its liaison, or a manager whose subtree holds the unit) sends its people down to a
 * community or street. The receiving side reads the batch; only the sending side changes it.
 */
export class DispatchService {
  constructor(private readonly deps: MobilizationDeps) {}

  async list(actor: Actor, query: TBatchListQuery): Promise<Page<BatchView>> {
    const scope = requirePermission(actor, 'mobilization.read');
    const reach = new ReachRepository(this.deps.db);
    let nodePath: string | undefined;
    if (query.nodeId) {
      const node = await reach.node(query.nodeId);
      if (!node) return { items: [], next: null };
      nodePath = node.path;
    }
    const rows = await new DispatchRepository(this.deps.db).listBatches(scope, { ...query, nodePath });
    const items = rows.slice(0, query.limit).map(batchView);
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }

  async get(actor: Actor, id: string): Promise<BatchDetail> {
    const scope = requirePermission(actor, 'mobilization.read');
    const row = await new DispatchRepository(this.deps.db).findBatch(id, scope);
    if (!row) throw notFound('dispatch batch');
    return this.detail(this.deps.db, row);
  }

  async create(actor: Actor, input: TBatchInput): Promise<BatchDetail> {
    const scope = requirePermission(actor, 'mobilization.write');
    const id = input.id ?? newId();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new DispatchRepository(trx);
      if (input.id && (await repo.findBatch(id, { kind: 'all' }))) {
        // A retried create answers with what it made (if the actor may see it).
        const mine = await repo.findBatch(id, scope);
        if (!mine) throw new AppError('CONFLICT', 'id already used', [{ path: 'id', message: 'already used' }]);
        return this.detail(trx, mine);
      }
      const reach = new ReachRepository(trx);
      const unitId = this.sendingUnit(scope, input.unitId);
      const unit = await reach.unit(unitId, scope);
      if (!unit) throw refNotFound('unitId', 'unit');
      const node = await reach.node(input.nodeId);
      if (!node) throw refNotFound('nodeId', 'node');
      const personIds = await this.checkPeople(trx, unit.id, input.personIds);
      const at = this.deps.clock.now().toISOString();
      await repo.insertBatch({
        id, unit_id: unit.id, node_id: node.id, batch_no: input.batchNo ?? null, name: input.name, starts_on: input.startsOn,
        ends_on: input.endsOn ?? null, note: input.note ?? null, created_at: at, updated_at: at,
      });
      await repo.insertMembers(personIds.map((personId) => this.memberRow(id, personId, unit.id, node.id, at)));
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'dispatch_batch.create', entityType: 'dispatch_batch', entityId: id, scopePath: node.path,
        details: { name: input.name, batchNo: input.batchNo ?? null, unitId: unit.id, nodeId: node.id, people: personIds.length },
      });
      return this.detail(trx, (await repo.findBatch(id, { kind: 'all' }))!);
    });
  }

  async update(actor: Actor, id: string, input: TBatchUpdateInput): Promise<BatchDetail> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new DispatchRepository(trx);
      const current = await this.sendingBatch(repo, id, scope);
      const startsOn = input.startsOn ?? current.starts_on;
      const endsOn = input.endsOn !== undefined ? input.endsOn : current.ends_on;
      if (endsOn && endsOn < startsOn) throw new AppError('VALIDATION', 'end before start', [{ path: 'endsOn', message: 'date.range' }]);
      await repo.updateBatch(id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.batchNo !== undefined ? { batch_no: input.batchNo } : {}),
        ...(input.note !== undefined ? { note: input.note } : {}),
        starts_on: startsOn, ends_on: endsOn ?? null, updated_at: this.deps.clock.now().toISOString(),
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'dispatch_batch.update', entityType: 'dispatch_batch', entityId: id, scopePath: current.node_path,
        details: { before: { name: current.name, batchNo: current.batch_no, startsOn: current.starts_on, endsOn: current.ends_on }, after: input },
      });
      return this.detail(trx, (await repo.findBatch(id, { kind: 'all' }))!);
    });
  }

  /** Refused once anyone of the batch has reported in: end the batch (until date) instead. */
  async remove(actor: Actor, id: string): Promise<void> {
    const scope = requirePermission(actor, 'mobilization.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new DispatchRepository(trx);
      const current = await this.sendingBatch(repo, id, scope);
      const reported = Number(current.n_reported ?? 0);
      if (reported > 0) throw new AppError('HAS_DEPENDENTS', `${reported} people have reported in`, [{ path: 'reportedIn', message: String(reported) }]);
      await repo.deleteBatch(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'dispatch_batch.delete', entityType: 'dispatch_batch', entityId: id, scopePath: current.node_path,
        details: { name: current.name, people: Number(current.n_dispatched ?? 0) },
      });
    });
  }

  /** Idempotent: people already in the batch are left as they are. */
  async addMembers(actor: Actor, id: string, input: TBatchMembersInput): Promise<BatchDetail> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new DispatchRepository(trx);
      const batch = await this.sendingBatch(repo, id, scope);
      const personIds = await this.checkPeople(trx, batch.unit_id, input.personIds);
      const existing = await repo.memberPersonIds(id);
      const added = personIds.filter((p) => !existing.has(p));
      if (added.length > 0) {
        const at = this.deps.clock.now().toISOString();
        await repo.insertMembers(added.map((personId) => this.memberRow(id, personId, batch.unit_id, batch.node_id, at)));
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'dispatch_batch.member_add', entityType: 'dispatch_batch', entityId: id, scopePath: batch.node_path, details: { personIds: added },
        });
      }
      return this.detail(trx, (await repo.findBatch(id, { kind: 'all' }))!);
    });
  }

  async removeMember(actor: Actor, id: string, personId: string): Promise<void> {
    const scope = requirePermission(actor, 'mobilization.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new DispatchRepository(trx);
      const batch = await this.sendingBatch(repo, id, scope);
      const member = await repo.findMemberByPerson(id, personId);
      if (!member) throw notFound('batch member');
      if (member.reported_at) throw new AppError('HAS_DEPENDENTS', 'the person has reported in', [{ path: 'reportedIn', message: '1' }]);
      await repo.deleteMember(member.id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'dispatch_batch.member_remove', entityType: 'dispatch_batch', entityId: id, scopePath: batch.node_path, details: { personId },
      });
    });
  }

  private async detail(ex: Executor, row: BatchJoinedRow): Promise<BatchDetail> {
    const members = await new DispatchRepository(ex).batchMembers(row.id);
    return { ...batchView(row), members: members.map((m) => memberView(m, this.deps.cipher)) };
  }

  /** The batch if the actor is on its sending side; the receiving side reads it but may not change it. */
  private async sendingBatch(repo: DispatchRepository, id: string, scope: Scope): Promise<BatchJoinedRow> {
    const row = await repo.findBatch(id, scope, true);
    if (row) return row;
    if (await repo.findBatch(id, scope)) throw new AppError('FORBIDDEN', 'only the sending unit changes a batch');
    throw notFound('dispatch batch');
  }

  private sendingUnit(scope: Scope, unitId: string | null | undefined): string {
    if (scope.kind === 'unit') {
      if (unitId && unitId !== scope.unitId) throw refNotFound('unitId', 'unit');
      return scope.unitId;
    }
    if (!unitId) throw new AppError('VALIDATION', 'the sending unit is required', [{ path: 'unitId', message: 'mobilization.unit_required' }]);
    return unitId;
  }

  /** Every person must exist and belong to the sending unit; each failure names its position in the list. */
  private async checkPeople(ex: Executor, unitId: string, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const found = new Map((await new ReachRepository(ex).peopleByIds(unique)).map((p) => [p.id, p]));
    const missing: ErrorDetail[] = [];
    const foreign: ErrorDetail[] = [];
    ids.forEach((id, i) => {
      const p = found.get(id);
      if (!p) missing.push({ path: `personIds.${i}`, message: 'ref.not_found' });
      else if (p.unitId !== unitId) foreign.push({ path: `personIds.${i}`, message: 'mobilization.person_not_in_unit' });
    });
    if (missing.length > 0) throw new AppError('NOT_FOUND', 'person not found', missing);
    if (foreign.length > 0) throw new AppError('VALIDATION', 'only people of the sending unit can be dispatched', foreign);
    return unique;
  }

  private memberRow(batchId: string, personId: string, unitId: string, nodeId: string, at: string) {
    return {
      id: newId(), batch_id: batchId, person_id: personId, unit_id: unitId, node_id: nodeId, reported_at: null, report_method: null,
      reported_node_id: null, reported_by: null, assignment_kind: null, assignment_id: null, assigned_at: null, created_at: at,
    };
  }
}

export function refNotFound(field: string, what: string): AppError {
  return new AppError('NOT_FOUND', `${what} not found`, [{ path: field, message: 'ref.outside_scope' }]);
}
