import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/id-number.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import type { Page } from '../../platform/validation.ts';
import { assignPerson } from './assignment.service.ts';
import { PUBLIC_ACTOR, type MobilizationDeps } from './dispatch.views.ts';
import type { AssignmentKind, TAssignInput } from './mobilization.schema.ts';
import { ReachRepository } from './reach.repository.ts';
import { VolunteersRepository, type SignupJoinedRow } from './volunteers.repository.ts';
import type {
  PublicCommunity, PublicVolunteerReceipt, TPublicCommunityQuery, TPublicVolunteerInput, TVolunteerApproveInput,
  TVolunteerDeclineInput, TVolunteerListQuery, VolunteerStatus, VolunteerView,
} from './volunteers.schema.ts';

/**
 * 请战 / 志愿者报名: anyone (a stranded medic, a student, a resident) signs up for a community on a public
 * page; the community approves (the volunteer joins the people register) or declines, then assigns them.
 */
export class VolunteersService {
  constructor(private readonly deps: MobilizationDeps) {}

  // ---------------------------------------------------------------- public (no account)

  async publicCommunities(query: TPublicCommunityQuery): Promise<PublicCommunity[]> {
    return new VolunteersRepository(this.deps.db).communities(query.q || undefined, query.limit);
  }

  /**
   * Idempotent by the form's id; a second pending sign-up of the same phone for the same community answers
   * with the first. The phone is stored only encrypted, with its blind index.
   */
  async publicSignUp(input: TPublicVolunteerInput): Promise<PublicVolunteerReceipt> {
    const { cipher } = this.deps;
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new VolunteersRepository(trx);
      const again = await repo.findRaw(input.id);
      if (again) return receipt(again);
      const community = await repo.community(input.nodeId);
      if (!community) throw new AppError('VALIDATION', 'choose a community', [{ path: 'nodeId', message: 'mobilization.community_required' }]);
      const phoneHash = cipher.blindIndex(input.phone, 'phone');
      const pending = await repo.findPending(community.id, phoneHash);
      if (pending) return receipt(pending);
      const at = this.deps.clock.now().toISOString();
      await repo.insert({
        id: input.id, node_id: community.id, name: input.name, phone_enc: cipher.encrypt(input.phone), phone_hash: phoneHash,
        political_status: input.politicalStatus, skills: (input.skills ?? []).join(','), availability: input.availability ?? null,
        note: input.note ?? null, status: 'pending', decline_reason: null, person_id: null, assignment_kind: null, assignment_id: null,
        decided_by: null, decided_at: null, created_at: at, updated_at: at,
      });
      await recordAudit(trx, this.deps.clock, PUBLIC_ACTOR, {
        action: 'volunteer.sign_up', entityType: 'volunteer_signup', entityId: input.id, scopePath: community.path,
        details: { nodeId: community.id, politicalStatus: input.politicalStatus },
      });
      return { id: input.id, status: 'pending', communityName: community.name, createdAt: at };
    });
  }

  // ---------------------------------------------------------------- the community

  async list(actor: Actor, query: TVolunteerListQuery): Promise<Page<VolunteerView>> {
    const scope = requirePermission(actor, 'mobilization.read');
    const nodePath = await new ReachRepository(this.deps.db).pathFilter(query.nodeId);
    if (nodePath === null) return { items: [], next: null };
    const rows = await new VolunteersRepository(this.deps.db).list(scope, { ...query, nodePath });
    const items = rows.slice(0, query.limit).map((r) => this.view(r));
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }

  async get(actor: Actor, id: string): Promise<VolunteerView> {
    const scope = requirePermission(actor, 'mobilization.read');
    const row = await new VolunteersRepository(this.deps.db).find(id, scope);
    if (!row) throw notFound('volunteer sign-up');
    return this.view(row);
  }

  /** The full mobile number, to call the volunteer; the read is audited. */
  async phone(actor: Actor, id: string): Promise<{ phone: string }> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await new VolunteersRepository(trx).find(id, scope);
      if (!row) throw notFound('volunteer sign-up');
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'volunteer.read_unmasked', entityType: 'volunteer_signup', entityId: id, scopePath: row.node_path, details: { fields: ['phone'] },
      });
      return { phone: this.deps.cipher.decrypt(row.phone_enc) };
    });
  }

  /**
   * Approving adds the volunteer to the people register (category 'volunteer' unless told otherwise, home =
   * the community, phone encrypted), or links the person already registered with the same name and phone.
   * Idempotent: approving again answers with the approved sign-up.
   */
  async approve(actor: Actor, id: string, input: TVolunteerApproveInput): Promise<VolunteerView> {
    const scope = requirePermission(actor, 'mobilization.write');
    const { cipher } = this.deps;
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new VolunteersRepository(trx);
      const row = await repo.find(id, scope);
      if (!row) throw notFound('volunteer sign-up');
      if (row.status === 'approved') return this.view(row);
      if (row.status === 'declined') throw alreadyDecided();
      const at = this.deps.clock.now().toISOString();
      const existing = await repo.findPerson(row.name, row.phone_hash);
      const personId = existing?.id ?? newId();
      if (!existing) {
        await repo.insertPerson({
          id: personId, name: row.name, sex: null, political_status: row.political_status, category: input.category, unit_id: null,
          branch_id: null, home_node_id: row.node_id, phone_enc: cipher.encrypt(cipher.decrypt(row.phone_enc)), phone_hash: row.phone_hash,
          id_number_enc: null, id_number_hash: null, skills: row.skills, created_at: at, updated_at: at,
        });
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'person.create', entityType: 'person', entityId: personId, scopePath: row.node_path,
          details: { name: row.name, category: input.category, fromVolunteerSignup: id },
        });
      }
      await repo.update(id, { status: 'approved', person_id: personId, decided_by: actor.accountId || null, decided_at: at, updated_at: at });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'volunteer.approve', entityType: 'volunteer_signup', entityId: id, scopePath: row.node_path,
        details: { personId, personCreated: !existing, category: input.category },
      });
      return this.view((await repo.find(id, { kind: 'all' }))!);
    });
  }

  /** Declining keeps the sign-up with its reason. Idempotent for a declined sign-up; refused once approved. */
  async decline(actor: Actor, id: string, input: TVolunteerDeclineInput): Promise<VolunteerView> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new VolunteersRepository(trx);
      const row = await repo.find(id, scope);
      if (!row) throw notFound('volunteer sign-up');
      if (row.status === 'declined') return this.view(row);
      if (row.status === 'approved') throw alreadyDecided();
      const at = this.deps.clock.now().toISOString();
      await repo.update(id, { status: 'declined', decline_reason: input.reason, decided_by: actor.accountId || null, decided_at: at, updated_at: at });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'volunteer.decline', entityType: 'volunteer_signup', entityId: id, scopePath: row.node_path, details: { reason: input.reason },
      });
      return this.view((await repo.find(id, { kind: 'all' }))!);
    });
  }

  /** Puts an approved volunteer into a team, on a vanguard post or in a responsibility area within reach. */
  async assign(actor: Actor, id: string, input: TAssignInput): Promise<VolunteerView> {
    const scope = requirePermission(actor, 'mobilization.write');
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = new VolunteersRepository(trx);
      const row = await repo.find(id, scope);
      if (!row) throw notFound('volunteer sign-up');
      if (row.status !== 'approved' || !row.person_id) {
        throw new AppError('VALIDATION', 'approve the sign-up first', [{ path: 'id', message: 'mobilization.not_approved' }]);
      }
      const at = this.deps.clock.now().toISOString();
      const target = await assignPerson(trx, scope, row.person_id, input, at);
      await repo.update(id, { assignment_kind: target.kind, assignment_id: target.id, updated_at: at });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'volunteer.assign', entityType: 'volunteer_signup', entityId: id, scopePath: row.node_path,
        details: { personId: row.person_id, kind: target.kind, targetId: target.id, role: input.role },
      });
      return this.view((await repo.find(id, { kind: 'all' }))!);
    });
  }

  private view(r: SignupJoinedRow): VolunteerView {
    return {
      id: r.id, nodeId: r.node_id, nodeName: r.node_name, name: r.name, phoneMasked: maskPhone(this.deps.cipher.decrypt(r.phone_enc)),
      politicalStatus: r.political_status, skills: r.skills ? r.skills.split(',') : [], availability: r.availability, note: r.note,
      status: r.status as VolunteerStatus, declineReason: r.decline_reason, personId: r.person_id,
      assignment: r.assignment_kind && r.assignment_id
        ? { kind: r.assignment_kind as AssignmentKind, id: r.assignment_id, name: r.assignment_name, at: null }
        : null,
      decidedAt: r.decided_at, createdAt: r.created_at,
    };
  }
}

function receipt(r: { id: string; status: string; node_name: string; created_at: string }): PublicVolunteerReceipt {
  return { id: r.id, status: r.status as VolunteerStatus, communityName: r.node_name, createdAt: r.created_at };
}

function alreadyDecided(): AppError {
  return new AppError('CONFLICT', 'this sign-up has already been decided', [{ path: 'status', message: 'mobilization.already_decided' }]);
}
