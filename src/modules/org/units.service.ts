import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { OrgRefs, ruleError } from './org.scope.ts';
import { removeOrgRecord } from './org.remove.ts';
import type { ImportOutcome, TUnitInput, TUnitUpdateInput, UnitExportView, UnitView } from './org.schema.ts';
import { UnitsRepository, type UnitViewRow } from './units.repository.ts';

export interface OrgDeps {
  db: Db;
  clock: Clock;
}

/** Units (机关单位): read by everyone who reaches them, changed by place-bound managers (a liaison only reads its own). */
export class UnitsService {
  constructor(private readonly deps: OrgDeps) {}

  private repo(ex: Executor = this.deps.db) {
    return new UnitsRepository(ex);
  }

  async list(actor: Actor): Promise<UnitView[]> {
    const scope = requirePermission(actor, 'org.read');
    return (await this.repo().list(scope)).map(strip);
  }

  async get(actor: Actor, id: string): Promise<UnitView> {
    const scope = requirePermission(actor, 'org.read');
    const row = await this.repo().find(id, scope);
    if (!row) throw notFound('unit');
    return strip(row);
  }

  async create(actor: Actor, input: TUnitInput): Promise<UnitView> {
    const scope = writeScope(actor);
    const id = newId();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const path = await this.checkNode(trx, scope, input.nodeId ?? null);
      if (await repo.findByName(input.name)) throw nameTaken();
      const at = this.deps.clock.now().toISOString();
      await repo.insert({ id, name: input.name, kind: input.kind, node_id: input.nodeId ?? null, created_at: at, updated_at: at });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'unit.create', entityType: 'unit', entityId: id, scopePath: path, details: { ...input },
      });
      return strip((await repo.find(id, { kind: 'all' }))!);
    });
  }

  async update(actor: Actor, id: string, input: TUnitUpdateInput): Promise<UnitView> {
    const scope = writeScope(actor);
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('unit');
      let path = current.nodePath;
      if (input.nodeId !== undefined) path = await this.checkNode(trx, scope, input.nodeId);
      if (input.name && input.name !== current.name && (await repo.findByName(input.name))) throw nameTaken();
      await repo.update(id, {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.nodeId !== undefined ? { node_id: input.nodeId } : {}),
        updated_at: this.deps.clock.now().toISOString(),
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'unit.update', entityType: 'unit', entityId: id, scopePath: path,
        details: { before: { name: current.name, kind: current.kind, nodeId: current.nodeId }, after: input },
      });
      return strip((await repo.find(id, { kind: 'all' }))!);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await removeOrgRecord(this.deps, actor, writeScope(actor), id, {
      label: 'unit', repository: (trx) => this.repo(trx),
      audit: (u) => ({ action: 'unit.delete', entityType: 'unit', entityId: id, scopePath: u.nodePath, details: { name: u.name } }),
    });
  }

  /** Every unit the actor reaches, for the spreadsheet export, with its location spelt out from the top. */
  async listForExport(actor: Actor): Promise<UnitExportView[]> {
    const scope = requirePermission(actor, 'org.read');
    requirePermission(actor, 'data.export');
    const repo = this.repo();
    const rows = await repo.list(scope);
    const idsOf = (path: string | null) => (path ?? '').split('/').filter(Boolean);
    const names = await repo.nodeNames([...new Set(rows.flatMap((r) => idsOf(r.nodePath)))]);
    return rows.map((r) => ({ ...strip(r), locationNames: idsOf(r.nodePath).map((id) => names.get(id) ?? '?') }));
  }

  /**
   * One spreadsheet row, matched by unit name: importing the same sheet twice changes nothing. An omitted
   * node keeps the unit's current one. Runs in the caller's transaction when given one.
   */
  async importUnit(actor: Actor, input: TUnitInput, ex?: Executor): Promise<ImportOutcome> {
    const scope = writeScope(actor);
    const run = async (tx: Executor): Promise<ImportOutcome> => {
      const repo = this.repo(tx);
      const nodeId = input.nodeId ?? null;
      const path = nodeId ? await this.checkNode(tx, scope, nodeId) : null;
      const at = this.deps.clock.now().toISOString();
      const existing = await repo.findByName(input.name);
      if (existing) {
        const current = await repo.find(existing.id, scope);
        if (!current) throw new AppError('NOT_FOUND', 'unit registered outside your jurisdiction', [{ path: 'name', message: 'registered outside your jurisdiction' }]);
        const node = nodeId ?? existing.node_id;
        if (existing.kind === input.kind && existing.node_id === node) return 'unchanged';
        await repo.update(existing.id, { kind: input.kind, node_id: node, updated_at: at });
        await recordAudit(tx, this.deps.clock, actor, {
          action: 'unit.import_update', entityType: 'unit', entityId: existing.id, scopePath: path ?? current.nodePath,
          details: { name: input.name, kind: input.kind, nodeId: node },
        });
        return 'updated';
      }
      if (scope.kind === 'subtree' && !nodeId) throw ruleError('nodeId', 'org.scope_required', 'a unit needs a location inside your jurisdiction');
      const id = newId();
      await repo.insert({ id, name: input.name, kind: input.kind, node_id: nodeId, created_at: at, updated_at: at });
      await recordAudit(tx, this.deps.clock, actor, {
        action: 'unit.import_create', entityType: 'unit', entityId: id, scopePath: path, details: { ...input },
      });
      return 'created';
    };
    return ex ? run(ex) : this.deps.db.transaction().execute(run);
  }

  /**
   * A unit's location must be a node within reach; a place-bound account must give one (a unit without a
   * location is reachable only by administrators). Returns the node's path for the audit row.
   */
  private async checkNode(ex: Executor, scope: Scope, nodeId: string | null): Promise<string | null> {
    if (!nodeId) {
      if (scope.kind === 'subtree') throw ruleError('nodeId', 'org.scope_required', 'a unit needs a location inside your jurisdiction');
      return null;
    }
    return (await new OrgRefs(ex).requireNode('nodeId', nodeId, scope)).path;
  }
}

/** Liaisons read their unit but do not change units. */
function writeScope(actor: Actor): Scope {
  const scope = requirePermission(actor, 'org.write');
  if (scope.kind === 'unit') throw new AppError('FORBIDDEN', 'a unit account cannot change units', [{ message: 'org.unit_readonly' }]);
  return scope;
}

function nameTaken(): AppError {
  return new AppError('CONFLICT', 'a unit with this name exists', [{ path: 'name', message: 'already used' }]);
}

function strip(row: UnitViewRow): UnitView {
  const { nodePath: _path, ...view } = row;
  return view;
}
