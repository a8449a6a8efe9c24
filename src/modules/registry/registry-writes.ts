import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { documentPurpose, reconcileIdentity, type Identity } from './registry.identity.ts';
import { RegistryRepository, type NodeRow, type ResidentRow } from './registry.repository.ts';
import type { TMoveInput, TResidentInput, TResidentUpdateInput, TStatusInput } from './registry.schema.ts';
import type { RegistryDeps } from './registry.service.ts';

const EVENT_OF_STATUS = { active: 'returned', moved_away: 'moved_away', deceased: 'deceased' } as const;

/** Writes to the registry; each in one transaction with its audit row and its history event. */
export class ResidentWriter {
  constructor(private readonly deps: RegistryDeps) {}

  private today(): string {
    return shanghaiDay(this.deps.clock.now());
  }

  /** Returns the id; a retried create (same client id) writes nothing and answers the same record. */
  async create(actor: Actor, input: TResidentInput): Promise<string> {
    const scope = requirePermission(actor, 'registry.write');
    const id = input.id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new RegistryRepository(trx);
      if (await repo.findRaw(id)) return;
      const household = await this.household(repo, scope, input.householdId, 'householdId');
      const identity = reconcileIdentity({
        idType: input.idType, idNumber: input.idNumber ?? null, birthDate: input.birthDate ?? null, sex: input.sex ?? null,
      }, this.today());
      const secret = this.protect(input.idType, identity, input.phone ?? null);
      await this.checkUnique(repo, secret.id_number_hash, id);
      const at = this.deps.clock.now().toISOString();
      await repo.insert({
        id, household_id: household.id, name: input.name, sex: identity.sex, birth_date: identity.birthDate,
        birth_year: identity.birthDate ? Number(identity.birthDate.slice(0, 4)) : null, id_type: input.idType, ...secret,
        relation: input.relation, residence_type: input.residenceType, status: 'active', status_date: null,
        notes: input.notes ?? null, anonymised_at: null, created_at: at, updated_at: at,
      });
      await repo.replaceNeeds(id, (input.needs ?? []).map((n) => ({ kind: n.kind, note: n.note ?? null })));
      await this.event(trx, actor, { resident_id: id, kind: 'registered', from_household_id: null, to_household_id: household.id, on_date: this.today(), reason: null });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'resident.create', entityType: 'resident', entityId: id, scopePath: household.path,
        // Personal values never go into the audit log (retention could not reach them there).
        details: { householdId: household.id, fields: Object.keys(input).filter((k) => k !== 'id') },
      });
    });
    return id;
  }

  async update(actor: Actor, id: string, input: TResidentUpdateInput): Promise<void> {
    const scope = requirePermission(actor, 'registry.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new RegistryRepository(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('resident');
      const idType = input.idType ?? (current.id_type as TResidentInput['idType']);
      const storedNumber = current.id_number_enc ? this.deps.cipher.decrypt(current.id_number_enc) : null;
      const idNumber = input.idNumber !== undefined ? input.idNumber : idType === current.id_type ? storedNumber : null;
      // A new mainland number brings its own birth date and sex unless they are given (and then must agree).
      const rederive = idType === 'id_card' && (input.idNumber !== undefined || input.idType !== undefined);
      const identity = reconcileIdentity({
        idType, idNumber,
        birthDate: input.birthDate !== undefined ? input.birthDate : rederive ? null : current.birth_date,
        sex: input.sex !== undefined ? input.sex : rederive ? null : (current.sex as 'M' | 'F' | null),
      }, this.today());
      const phone = input.phone !== undefined ? input.phone : current.phone_enc ? this.deps.cipher.decrypt(current.phone_enc) : null;
      const secret = this.protect(idType, identity, phone);
      if (current.status === 'active') await this.checkUnique(repo, secret.id_number_hash, id);
      const patch: Partial<ResidentRow> = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.relation ? { relation: input.relation } : {}),
        ...(input.residenceType ? { residence_type: input.residenceType } : {}),
        ...(input.notes !== undefined ? { notes: input.notes ?? null } : {}),
        sex: identity.sex, birth_date: identity.birthDate,
        birth_year: identity.birthDate ? Number(identity.birthDate.slice(0, 4)) : current.birth_year, id_type: idType,
        updated_at: this.deps.clock.now().toISOString(),
      };
      // Re-encrypting an unchanged value would only churn ciphertexts; write the numbers only when they change.
      if (input.idNumber !== undefined || input.idType) Object.assign(patch, { id_number_enc: secret.id_number_enc, id_number_hash: secret.id_number_hash });
      if (input.phone !== undefined) Object.assign(patch, { phone_enc: secret.phone_enc, phone_hash: secret.phone_hash });
      await repo.update(id, patch);
      if (input.needs !== undefined) await repo.replaceNeeds(id, input.needs.map((n) => ({ kind: n.kind, note: n.note ?? null })));
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'resident.update', entityType: 'resident', entityId: id, scopePath: current.household_path,
        details: { fields: Object.keys(input) },
      });
    });
  }

  async move(actor: Actor, id: string, input: TMoveInput): Promise<void> {
    const scope = requirePermission(actor, 'registry.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new RegistryRepository(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('resident');
      if (input.id && (await this.retried(repo, input.id, id))) return;
      if (current.status !== 'active') {
        throw new AppError('INVALID_MOVE', 'only active residents move', [{ path: 'status', message: 'registry.not_active' }]);
      }
      const target = await this.household(repo, scope, input.toHouseholdId, 'toHouseholdId');
      if (target.id === current.household_id) {
        throw new AppError('INVALID_MOVE', 'already lives there', [{ path: 'toHouseholdId', message: 'registry.same_household' }]);
      }
      const date = this.checkDate(input.date);
      await repo.update(id, { household_id: target.id, updated_at: this.deps.clock.now().toISOString() });
      await this.event(trx, actor, {
        id: input.id, resident_id: id, kind: 'moved', from_household_id: current.household_id, to_household_id: target.id, on_date: date, reason: input.reason,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'resident.move', entityType: 'resident', entityId: id, scopePath: target.path,
        details: { from: current.household_id, to: target.id, date },
      });
    });
  }

  /** Moved away / deceased (or back to active): the record and its history stay. */
  async setStatus(actor: Actor, id: string, input: TStatusInput): Promise<void> {
    const scope = requirePermission(actor, 'registry.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new RegistryRepository(trx);
      const current = await repo.find(id, scope);
      if (!current) throw notFound('resident');
      if (input.id && (await this.retried(repo, input.id, id))) return;
      if (current.status === input.status) return;
      if (current.anonymised_at) {
        throw new AppError('INVALID_MOVE', 'an anonymised record cannot change', [{ path: 'status', message: 'registry.anonymised' }]);
      }
      if (input.status === 'active') await this.checkUnique(repo, current.id_number_hash, id);
      const date = this.checkDate(input.date);
      await repo.update(id, {
        status: input.status, status_date: input.status === 'active' ? null : date, updated_at: this.deps.clock.now().toISOString(),
      });
      await this.event(trx, actor, {
        id: input.id, resident_id: id, kind: EVENT_OF_STATUS[input.status], from_household_id: current.household_id,
        to_household_id: null, on_date: date, reason: input.reason ?? null,
      });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'resident.status', entityType: 'resident', entityId: id, scopePath: current.household_path,
        details: { from: current.status, to: input.status, date },
      });
    });
  }

  private async retried(repo: RegistryRepository, eventId: string, residentId: string): Promise<boolean> {
    const done = await repo.findEvent(eventId);
    if (!done) return false;
    if (done.resident_id !== residentId) throw new AppError('CONFLICT', 'this id belongs to another record', [{ path: 'id', message: 'registry.id_reused' }]);
    return true;
  }

  private checkDate(date: string | undefined): string {
    const today = this.today();
    if (date && date > today) throw new AppError('VALIDATION', 'date in the future', [{ path: 'date', message: 'registry.date_future' }]);
    return date ?? today;
  }

  private async household(repo: RegistryRepository, scope: Scope, id: string, path: string): Promise<NodeRow> {
    const node = await repo.findNode(id, scope);
    if (!node) throw new AppError('NOT_FOUND', 'household not found', [{ path, message: 'ref.outside_scope' }]);
    if (node.level_code !== 'household') {
      throw new AppError('INVALID_LEVEL', 'residents live in households', [{ path, message: 'registry.not_household' }]);
    }
    return node;
  }

  private async checkUnique(repo: RegistryRepository, hash: string | null, id: string): Promise<void> {
    if (!hash) return;
    const other = await repo.findActiveByIdNumberHash(hash);
    if (other && other.id !== id) {
      throw new AppError('CONFLICT', 'an active resident has this document number', [{ path: 'idNumber', message: 'id_number.taken' }]);
    }
  }

  private protect(idType: string, identity: Identity, phone: string | null) {
    const { cipher } = this.deps;
    return {
      id_number_enc: identity.idNumber ? cipher.encrypt(identity.idNumber) : null,
      id_number_hash: identity.idNumber ? cipher.blindIndex(identity.idNumber, documentPurpose(idType)) : null,
      phone_enc: phone ? cipher.encrypt(phone) : null,
      phone_hash: phone ? cipher.blindIndex(phone, 'phone') : null,
    };
  }

  private async event(
    ex: Executor, actor: Actor,
    e: { id?: string; resident_id: string; kind: string; from_household_id: string | null; to_household_id: string | null; on_date: string; reason: string | null },
  ): Promise<void> {
    await new RegistryRepository(ex).insertEvent({
      ...e, id: e.id ?? newId(), actor_id: actor.accountId || null, actor_name: actor.username, at: this.deps.clock.now().toISOString(),
    });
  }
}
