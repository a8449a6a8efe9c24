import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { OrgRefs, refNotFound, ruleError } from './org.scope.ts';
import { removeOrgRecord } from './org.remove.ts';
import {
  BRANCH_KINDS, PARENT_KINDS, partyOrgIssues, type PartyOrgKind, type PartyOrgView, type TPartyOrgInput,
  type TPartyOrgListQuery, type TPartyOrgUpdateInput,
} from './org.schema.ts';
import { PartyOrgsRepository, type PartyOrgViewRow } from './party-orgs.repository.ts';
import type { OrgDeps } from './units.service.ts';

/** Party organisations: the top two levels of the chain, and the temporary ones set up at the front line. */
export class PartyOrgsService {
  constructor(private readonly deps: OrgDeps) {}

  private repo(ex: Executor = this.deps.db) {
    return new PartyOrgsRepository(ex);
  }

  async list(actor: Actor, query: TPartyOrgListQuery): Promise<PartyOrgView[]> {
    const scope = requirePermission(actor, 'org.read');
    let nodePath: string | undefined;
    if (query.nodeId) {
      nodePath = await new OrgRefs(this.deps.db).nodePath(query.nodeId);
      if (!nodePath) return [];
    }
    return (await this.repo().list(scope, { kind: query.kind, unitId: query.unitId, nodePath })).map(strip);
  }

  async get(actor: Actor, id: string): Promise<PartyOrgView> {
    const scope = requirePermission(actor, 'org.read');
    const row = await this.repo().find(id, scope);
    if (!row) throw notFound('party organisation');
    return strip(row);
  }

  async create(actor: Actor, input: TPartyOrgInput): Promise<PartyOrgView> {
    const scope = requirePermission(actor, 'org.write');
    const id = newId();
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const refs = new OrgRefs(trx);
      const unitId = await this.checkUnit(refs, scope, input.unitId ?? null);
      if (input.nodeId) await refs.requireNode('nodeId', input.nodeId, scope);
      if (input.parentId) {
        const parent = await repo.find(input.parentId, scope);
        if (!parent) throw refNotFound('parentId', 'parent organisation');
        checkParentKind(input.kind, parent.kind);
      }
      await refs.requirePerson('secretaryPersonId', input.secretaryPersonId, scope);
      const at = this.deps.clock.now().toISOString();
      await repo.insert({
        id, kind: input.kind, name: input.name, unit_id: unitId, parent_id: input.parentId ?? null,
        node_id: input.nodeId ?? null, place_kind: input.placeKind ?? null, place_name: input.placeName ?? null,
        starts_on: input.startsOn ?? null, ends_on: input.endsOn ?? null,
        secretary_person_id: input.secretaryPersonId ?? null, created_at: at, updated_at: at,
      });
      const view = await this.reachableAfterWrite(repo, id, scope);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'party_org.create', entityType: 'party_org', entityId: id, scopePath: view.scopePath,
        details: { ...input, unitId },
      });
      return strip(view);
    });
  }

  async update(actor: Actor, id: string, input: TPartyOrgUpdateInput): Promise<PartyOrgView> {
    const scope = requirePermission(actor, 'org.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const refs = new OrgRefs(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('party organisation');
      const pick = <K extends keyof TPartyOrgUpdateInput & keyof PartyOrgView>(k: K) =>
        (input[k] !== undefined ? input[k] : current[k]) as PartyOrgView[K] | null;
      const kind = input.kind ?? current.kind;
      const issues = partyOrgIssues({ kind, nodeId: pick('nodeId'), placeKind: pick('placeKind'), startsOn: pick('startsOn'), endsOn: pick('endsOn') });
      if (issues.length > 0) throw new AppError('VALIDATION', 'invalid party organisation', issues);

      const unitId = input.unitId !== undefined && input.unitId !== current.unitId
        ? await this.checkUnit(refs, scope, input.unitId) : current.unitId;
      if (input.nodeId && input.nodeId !== current.nodeId) await refs.requireNode('nodeId', input.nodeId, scope);
      if (input.secretaryPersonId && input.secretaryPersonId !== current.secretaryPersonId) {
        await refs.requirePerson('secretaryPersonId', input.secretaryPersonId, scope);
      }
      const parentId = pick('parentId');
      const parentChanged = input.parentId !== undefined && input.parentId !== current.parentId;
      if (parentId && parentChanged) {
        const parent = await repo.find(parentId, scope);
        if (!parent) throw refNotFound('parentId', 'parent organisation');
        if (parentId === id || (await repo.descendantIds(id)).includes(parentId)) {
          throw new AppError('INVALID_MOVE', 'an organisation cannot sit under itself or its sub-organisations', [{ path: 'parentId', message: 'org.parent_cycle' }]);
        }
      }
      if (parentId && (parentChanged || kind !== current.kind)) checkParentKind(kind, (await repo.findKind(parentId))!);
      if (kind !== current.kind) await this.checkKindFitsBelow(repo, id, kind);

      await repo.update(id, {
        ...(input.kind !== undefined ? { kind: input.kind } : {}),
        ...(input.name !== undefined ? { name: input.name } : {}),
        unit_id: unitId,
        ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
        ...(input.nodeId !== undefined ? { node_id: input.nodeId } : {}),
        ...(input.placeKind !== undefined ? { place_kind: input.placeKind } : {}),
        ...(input.placeName !== undefined ? { place_name: input.placeName } : {}),
        ...(input.startsOn !== undefined ? { starts_on: input.startsOn } : {}),
        ...(input.endsOn !== undefined ? { ends_on: input.endsOn } : {}),
        ...(input.secretaryPersonId !== undefined ? { secretary_person_id: input.secretaryPersonId } : {}),
        updated_at: this.deps.clock.now().toISOString(),
      });
      const view = await this.reachableAfterWrite(repo, id, scope);
      const { scopePath: _p, ...before } = current;
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'party_org.update', entityType: 'party_org', entityId: id, scopePath: view.scopePath,
        details: { before, after: input },
      });
      return strip(view);
    });
  }

  async remove(actor: Actor, id: string): Promise<void> {
    await removeOrgRecord(this.deps, actor, requirePermission(actor, 'org.write'), id, {
      label: 'party organisation', repository: (trx) => this.repo(trx),
      audit: (o) => ({
        action: 'party_org.delete', entityType: 'party_org', entityId: id, scopePath: o.scopePath, details: { kind: o.kind, name: o.name },
      }),
    });
  }

  /** A liaison's orgs always belong to its own unit; others may name a unit within reach. */
  private async checkUnit(refs: OrgRefs, scope: Scope, unitId: string | null): Promise<string | null> {
    if (scope.kind === 'unit') {
      if (unitId && unitId !== scope.unitId) throw refNotFound('unitId', 'unit');
      return scope.unitId;
    }
    if (unitId && !(await refs.unit(unitId, scope))) throw refNotFound('unitId', 'unit');
    return unitId;
  }

  /** A write must leave the org within the writer's reach (a place or a unit inside its jurisdiction). */
  private async reachableAfterWrite(repo: PartyOrgsRepository, id: string, scope: Scope): Promise<PartyOrgViewRow> {
    const view = await repo.find(id, scope);
    if (!view) throw ruleError('nodeId', 'org.scope_required', 'the organisation needs a place or unit inside your jurisdiction');
    return view;
  }

  /** Changing an org's kind must keep its sub-organisations and areas valid. */
  private async checkKindFitsBelow(repo: PartyOrgsRepository, id: string, kind: PartyOrgKind): Promise<void> {
    const misfits = (await repo.childKinds(id)).filter((child) => !PARENT_KINDS[child].includes(kind));
    const areas = BRANCH_KINDS.includes(kind) ? 0 : await repo.countAreas(id);
    if (misfits.length > 0 || areas > 0) {
      throw ruleError('kind', 'org.kind_children', `sub-organisations (${misfits.join(', ') || 'none'}) or ${areas} areas do not fit kind ${kind}`);
    }
  }
}

function checkParentKind(kind: PartyOrgKind, parentKind: PartyOrgKind): void {
  if (!PARENT_KINDS[kind].includes(parentKind)) {
    throw ruleError('parentId', 'org.parent_kind', `a ${kind} cannot sit under a ${parentKind}`);
  }
}

function strip(row: PartyOrgViewRow): PartyOrgView {
  const { scopePath: _path, ...view } = row;
  return view;
}
