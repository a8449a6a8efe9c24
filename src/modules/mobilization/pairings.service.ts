import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { DispatchRepository } from './dispatch.repository.ts';
import type { PairingActivity, PairingView, TPairingInput, TPairingListQuery, TPairingUpdateInput } from './dispatch.schema.ts';
import { refNotFound } from './dispatch.service.ts';
import { memberView, type MobilizationDeps } from './dispatch.views.ts';
import { PairingsRepository, type PairingViewRow } from './pairings.repository.ts';
import { ReachRepository } from './reach.repository.ts';

const ACTIVITY_LIMIT = 500;

/**
 * 结对共建: a unit paired with a community it supports. Either side may set a pair up (the community's
 * managers, or the unit's liaison / managers above the unit); both see it and the unit's people's work there.
 */
export class PairingsService {
  constructor(private readonly deps: MobilizationDeps) {}

  async list(actor: Actor, query: TPairingListQuery): Promise<PairingView[]> {
    const scope = requirePermission(actor, 'mobilization.read');
    const nodePath = await new ReachRepository(this.deps.db).pathFilter(query.nodeId);
    if (nodePath === null) return [];
    return (await new PairingsRepository(this.deps.db).list(scope, { unitId: query.unitId, nodePath })).map(strip);
  }

  /** Names of all units (not only those in reach): either side of a pair may name the other. */
  async unitOptions(actor: Actor): Promise<Array<{ id: string; name: string }>> {
    requirePermission(actor, 'mobilization.read');
    return new ReachRepository(this.deps.db).unitOptions();
  }

  async get(actor: Actor, id: string): Promise<PairingView> {
    const scope = requirePermission(actor, 'mobilization.read');
    const row = await new PairingsRepository(this.deps.db).find(id, scope);
    if (!row) throw notFound('pairing');
    return strip(row);
  }

  async create(actor: Actor, input: TPairingInput): Promise<PairingView> {
    const scope = requirePermission(actor, 'mobilization.write');
    const id = input.id ?? newId();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new PairingsRepository(trx);
      if (input.id && (await repo.findRaw(id))) {
        const mine = await repo.find(id, scope);
        if (!mine) throw new AppError('CONFLICT', 'id already used', [{ path: 'id', message: 'already used' }]);
        return strip(mine);
      }
      const { unitId, nodeId, nodePath } = await this.checkSides(trx, scope, input.unitId, input.nodeId);
      if (await repo.findByPair(unitId, nodeId)) {
        throw new AppError('CONFLICT', 'already paired', [{ path: 'nodeId', message: 'mobilization.pairing_exists' }]);
      }
      const at = this.deps.clock.now().toISOString();
      await repo.insert({
        id, unit_id: unitId, node_id: nodeId, starts_on: input.startsOn, ends_on: input.endsOn ?? null, note: input.note ?? null,
        created_at: at, updated_at: at,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'pairing.create', entityType: 'pairing', entityId: id, scopePath: nodePath,
        details: { unitId, nodeId, startsOn: input.startsOn, endsOn: input.endsOn ?? null },
      });
      return strip((await repo.find(id, { kind: 'all' }))!);
    });
  }

  async update(actor: Actor, id: string, input: TPairingUpdateInput): Promise<PairingView> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new PairingsRepository(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('pairing');
      const startsOn = input.startsOn ?? current.startsOn;
      const endsOn = input.endsOn !== undefined ? input.endsOn : current.endsOn;
      if (endsOn && endsOn < startsOn) throw new AppError('VALIDATION', 'end before start', [{ path: 'endsOn', message: 'date.range' }]);
      await repo.update(id, {
        starts_on: startsOn, ends_on: endsOn ?? null, ...(input.note !== undefined ? { note: input.note } : {}),
        updated_at: this.deps.clock.now().toISOString(),
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'pairing.update', entityType: 'pairing', entityId: id, scopePath: current.nodePath,
        details: { before: { startsOn: current.startsOn, endsOn: current.endsOn, note: current.note }, after: input },
      });
      return strip((await repo.find(id, { kind: 'all' }))!);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const scope = requirePermission(actor, 'mobilization.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new PairingsRepository(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('pairing');
      await repo.delete(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'pairing.delete', entityType: 'pairing', entityId: id, scopePath: current.nodePath,
        details: { unitId: current.unitId, nodeId: current.nodeId },
      });
    });
  }

  /** The unit's people in the paired place: who is dispatched, reported in, assigned; teams and pledges. */
  async activity(actor: Actor, id: string): Promise<PairingActivity> {
    const scope = requirePermission(actor, 'mobilization.read');
    const repo = new PairingsRepository(this.deps.db);
    const pairing = await repo.find(id, scope);
    if (!pairing) throw notFound('pairing');
    const members = await new DispatchRepository(this.deps.db).unitMembersIn(pairing.unitId, pairing.nodePath, ACTIVITY_LIMIT);
    const counts = await repo.pledgeCounts(pairing.unitId, pairing.nodePath);
    return {
      pairing: strip(pairing),
      members: members.map((m) => memberView(m, this.deps.cipher)),
      teamMembers: await repo.teamMembers(pairing.unitId, pairing.nodePath),
      ...counts,
    };
  }

  /** The actor must reach the unit or the place; the other side only has to exist. */
  private async checkSides(ex: Executor, scope: Scope, unitId: string, nodeId: string) {
    const reach = new ReachRepository(ex);
    const unit = await reach.anyUnit(unitId);
    if (!unit) throw refNotFound('unitId', 'unit');
    const node = await reach.node(nodeId);
    if (!node) throw refNotFound('nodeId', 'node');
    const mine = (await reach.unit(unitId, scope)) || (await reach.nodeInScope(nodeId, scope));
    if (!mine) throw refNotFound('nodeId', 'node');
    return { unitId: unit.id, nodeId: node.id, nodePath: node.path };
  }
}

function strip(row: PairingViewRow): PairingView {
  const { nodePath: _path, ...view } = row;
  return view;
}
