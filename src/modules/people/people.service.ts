import { recordAudit } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { isMainlandMobile, maskIdNumber, maskPhone, parseMainlandIdNumber } from '../../platform/id-number.ts';
import { newId } from '../../platform/ids.ts';
import { pathInScope, requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import type { Page } from '../../platform/validation.ts';
import { PeopleRepository, type PersonJoinedRow, type PersonRow, type PersonSearch } from './people.repository.ts';
import type { PersonView, TPersonInput, TPersonListQuery, TPersonUpdateInput } from './people.schema.ts';

export interface PeopleDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
}

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

/** The workforce: members, cadres, volunteers, medics… with their unit, branch and home community. */
export class PeopleService {
  constructor(private readonly deps: PeopleDeps) {}

  private repo(ex: Executor = this.deps.db) {
    return new PeopleRepository(ex);
  }

  async list(actor: Actor, query: TPersonListQuery): Promise<Page<PersonView>> {
    const scope = requirePermission(actor, 'people.read');
    const repo = this.repo();
    const search: PersonSearch = { ...query };
    if (query.nodeId) {
      const path = await repo.nodePath(query.nodeId);
      if (!path) return { items: [], next: null };
      search.nodePath = path;
    }
    const q = query.q;
    if (q) {
      if (isMainlandMobile(q)) search.phoneHash = this.deps.cipher.blindIndex(q, 'phone');
      else if (/^[0-9]{14}[0-9Xx]$|^[0-9]{17}[0-9Xx]$/.test(q)) {
        const parsed = parseMainlandIdNumber(q);
        if (!parsed.ok) return { items: [], next: null };
        search.idNumberHash = this.deps.cipher.blindIndex(parsed.value, 'id_number');
      } else search.nameLike = q;
    }
    const rows = await repo.search(scope, search);
    const page = rows.slice(0, query.limit);
    const places = await this.placeNames(repo, page);
    const items = page.map((r) => this.toView(r, places));
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }

  async get(actor: Actor, id: string): Promise<PersonView> {
    const scope = requirePermission(actor, 'people.read');
    const repo = this.repo();
    const row = await repo.find(id, scope);
    if (!row) throw notFound('person');
    return this.toView(row, await this.placeNames(repo, [row]));
  }

  async create(actor: Actor, input: TPersonInput): Promise<PersonView> {
    const scope = requirePermission(actor, 'people.write');
    const id = input.id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (await repo.findRaw(id)) return; // retried create: already made
      const refs = await this.checkRefs(repo, actor, scope, input);
      const at = this.deps.clock.now().toISOString();
      const secret = this.protect(input);
      if (secret.id_number_hash && (await repo.findByIdNumberHash(secret.id_number_hash))) {
        throw new AppError('CONFLICT', 'a person with this ID number exists', [{ path: 'idNumber', message: 'id_number.taken' }]);
      }
      await repo.insert({
        id, name: input.name, sex: input.sex ?? null, political_status: input.politicalStatus, category: input.category,
        unit_id: refs.unitId, branch_id: input.branchId ?? null, home_node_id: input.homeNodeId ?? null,
        ...secret, skills: (input.skills ?? []).join(','), created_at: at, updated_at: at,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'person.create', entityType: 'person', entityId: id, scopePath: refs.homePath,
        details: { name: input.name, category: input.category },
      });
    });
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: TPersonUpdateInput): Promise<PersonView> {
    const scope = requirePermission(actor, 'people.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('person');
      const merged = {
        unitId: input.unitId !== undefined ? input.unitId : current.unit_id,
        branchId: input.branchId !== undefined ? input.branchId : current.branch_id,
        homeNodeId: input.homeNodeId !== undefined ? input.homeNodeId : current.home_node_id,
      };
      const refs = await this.checkRefs(repo, actor, scope, merged);
      const secret = this.protect(input);
      if (secret.id_number_hash) {
        const other = await repo.findByIdNumberHash(secret.id_number_hash);
        if (other && other.id !== id) throw new AppError('CONFLICT', 'a person with this ID number exists', [{ path: 'idNumber', message: 'id_number.taken' }]);
      }
      const patch: Partial<PersonRow> = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.sex !== undefined ? { sex: input.sex } : {}),
        ...(input.politicalStatus ? { political_status: input.politicalStatus } : {}),
        ...(input.category ? { category: input.category } : {}),
        ...(input.skills !== undefined ? { skills: input.skills.join(',') } : {}),
        ...(input.phone !== undefined ? { phone_enc: secret.phone_enc, phone_hash: secret.phone_hash } : {}),
        ...(input.idNumber !== undefined ? { id_number_enc: secret.id_number_enc, id_number_hash: secret.id_number_hash } : {}),
        unit_id: refs.unitId, branch_id: merged.branchId ?? null, home_node_id: merged.homeNodeId ?? null,
        updated_at: this.deps.clock.now().toISOString(),
      };
      await repo.update(id, patch);
      const changed = Object.keys(input).filter((k) => k !== 'phone' && k !== 'idNumber');
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'person.update', entityType: 'person', entityId: id, scopePath: refs.homePath,
        // Personal values are never copied into the audit log; only which fields changed.
        details: { fields: [...changed, ...(input.phone !== undefined ? ['phone'] : []), ...(input.idNumber !== undefined ? ['idNumber'] : [])] },
      });
    });
    return this.get(actor, id);
  }

  async remove(actor: Actor, id: string): Promise<void> {
    const scope = requirePermission(actor, 'people.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('person');
      const blocking = Object.entries(await repo.countDependents(id)).filter(([, n]) => n > 0);
      if (blocking.length > 0) {
        throw new AppError('HAS_DEPENDENTS', `person still has ${blocking.map(([k, n]) => `${n} ${k}`).join(', ')}`,
          blocking.map(([k, n]) => ({ path: k, message: String(n) })));
      }
      await repo.delete(id);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'person.delete', entityType: 'person', entityId: id, scopePath: current.home_node_path, details: { name: current.name },
      });
    });
  }

  /**
   * One spreadsheet row: matched by ID number, else by name + phone, so importing the same sheet twice
   * changes nothing and an updated sheet updates.
   */
  async importOne(actor: Actor, input: TPersonInput, ex: Executor): Promise<{ id: string; outcome: ImportOutcome }> {
    const scope = requirePermission(actor, 'people.write');
    const repo = this.repo(ex);
    const refs = await this.checkRefs(repo, actor, scope, input);
    const secret = this.protect(input);
    const existing = secret.id_number_hash
      ? await repo.findByIdNumberHash(secret.id_number_hash)
      : secret.phone_hash ? await repo.findByNameAndPhoneHash(input.name, secret.phone_hash) : undefined;
    const at = this.deps.clock.now().toISOString();
    const values = {
      name: input.name, sex: input.sex ?? null, political_status: input.politicalStatus, category: input.category,
      unit_id: refs.unitId, branch_id: input.branchId ?? null, home_node_id: input.homeNodeId ?? null,
      skills: (input.skills ?? []).join(','),
    };
    if (existing) {
      if (!(await repo.find(existing.id, scope))) throw notFound('person (registered outside your jurisdiction)');
      const same = (Object.keys(values) as Array<keyof typeof values>).every((k) => existing[k] === values[k])
        && existing.phone_hash === secret.phone_hash;
      if (same) return { id: existing.id, outcome: 'unchanged' };
      await repo.update(existing.id, { ...values, phone_enc: secret.phone_enc, phone_hash: secret.phone_hash, updated_at: at });
      await recordAudit(ex, this.deps.clock, actor, { action: 'person.import_update', entityType: 'person', entityId: existing.id, scopePath: refs.homePath });
      return { id: existing.id, outcome: 'updated' };
    }
    const id = newId();
    await repo.insert({ id, ...values, ...secret, created_at: at, updated_at: at });
    await recordAudit(ex, this.deps.clock, actor, { action: 'person.import_create', entityType: 'person', entityId: id, scopePath: refs.homePath });
    return { id, outcome: 'created' };
  }

  /** Masked rows of the actor's people for export, streamed page by page. */
  async *exportRows(actor: Actor): AsyncGenerator<PersonView> {
    const scope = requirePermission(actor, 'data.export');
    requirePermission(actor, 'people.read');
    let after: string | undefined;
    for (;;) {
      const rows = await this.repo().search(scope, { limit: 1000, after });
      const page = rows.slice(0, 1000);
      const places = await this.placeNames(this.repo(), page);
      for (const r of page) yield this.toView(r, places);
      if (rows.length <= 1000) return;
      after = rows[999].id;
    }
  }

  private protect(input: { phone?: string | null; idNumber?: string | null }) {
    const { cipher } = this.deps;
    return {
      phone_enc: input.phone ? cipher.encrypt(input.phone) : null,
      phone_hash: input.phone ? cipher.blindIndex(input.phone, 'phone') : null,
      id_number_enc: input.idNumber ? cipher.encrypt(input.idNumber) : null,
      id_number_hash: input.idNumber ? cipher.blindIndex(input.idNumber, 'id_number') : null,
    };
  }

  /**
   * A place-bound actor may only register people whose home lies in its subtree; a unit liaison registers
   * its own unit's people. Units and branches anywhere may be named (people are sent down across areas).
   */
  private async checkRefs(
    repo: PeopleRepository, actor: Actor, scope: Scope,
    input: { unitId?: string | null; branchId?: string | null; homeNodeId?: string | null },
  ): Promise<{ unitId: string | null; homePath: string | null }> {
    let unitId = input.unitId ?? null;
    if (scope.kind === 'unit') {
      if (unitId && unitId !== scope.unitId) throw new AppError('NOT_FOUND', 'unit not found', [{ path: 'unitId', message: 'ref.outside_scope' }]);
      unitId = scope.unitId;
    }
    if (unitId && !(await repo.unitExists(unitId))) throw new AppError('NOT_FOUND', 'unit not found', [{ path: 'unitId', message: 'ref.not_found' }]);
    if (input.branchId && !(await repo.branchExists(input.branchId))) {
      throw new AppError('NOT_FOUND', 'branch not found', [{ path: 'branchId', message: 'ref.not_found' }]);
    }
    let homePath: string | null = null;
    if (input.homeNodeId) {
      homePath = (await repo.nodePath(input.homeNodeId)) ?? null;
      const visible = homePath !== null && (scope.kind === 'unit' || pathInScope(scope, homePath));
      if (!visible) throw new AppError('NOT_FOUND', 'home node not found', [{ path: 'homeNodeId', message: 'ref.outside_scope' }]);
    } else if (scope.kind === 'subtree') {
      throw new AppError('VALIDATION', 'home community required', [{ path: 'homeNodeId', message: 'home.required' }]);
    }
    return { unitId, homePath };
  }

  /**
   * Names of the last few places on each home's path, so a home reads "阳光花园 3号楼 1单元 102室" rather than
   * a bare "102室"; one query for a whole page.
   */
  private async placeNames(repo: PeopleRepository, rows: PersonJoinedRow[]): Promise<Map<string, string>> {
    const ids = new Set<string>();
    for (const r of rows) for (const id of homeTail(r.home_node_path)) ids.add(id);
    return repo.nodeNames([...ids]);
  }

  private toView(r: PersonJoinedRow, places: Map<string, string>): PersonView {
    const { cipher } = this.deps;
    return {
      id: r.id, name: r.name, sex: (r.sex as 'M' | 'F' | null) ?? null,
      politicalStatus: r.political_status as PersonView['politicalStatus'], category: r.category as PersonView['category'],
      unitId: r.unit_id, unitName: r.unit_name, branchId: r.branch_id, branchName: r.branch_name,
      homeNodeId: r.home_node_id,
      homeNodeName: r.home_node_path ? homeTail(r.home_node_path).map((id) => places.get(id) ?? '').join(' ') : r.home_node_name,
      phoneMasked: r.phone_enc ? maskPhone(cipher.decrypt(r.phone_enc)) : null,
      idNumberMasked: r.id_number_enc ? maskIdNumber(cipher.decrypt(r.id_number_enc)) : null,
      skills: r.skills ? r.skills.split(',') : [],
      createdAt: r.created_at, updatedAt: r.updated_at,
    };
  }
}

/** The ids of a home path's last four places (e.g. compound, building, entrance, household). */
function homeTail(path: string | null): string[] {
  return path ? path.split('/').filter(Boolean).slice(-4) : [];
}
