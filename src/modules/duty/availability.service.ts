import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { AvailabilityRepository, type ReleasableRow, type UnavailabilityRow } from './availability.repository.ts';
import { refNotFound, type DutyDeps } from './duty.deps.ts';
import type { UnavailabilityReason } from './duty.schema.ts';
import { DutyPostsRepository } from './posts.repository.ts';
import { shiftRef } from './roster.facts.ts';
import { nextInLine } from './roster.rules.ts';
import {
  parseInstant, type AvailabilityView, type MarkUnavailableResult, type TAvailabilityInput, type TUnavailabilityInput,
  type TUnavailabilityListQuery, type UnavailabilityView,
} from './roster.schema.ts';

/** When people can serve: declared weekly windows, and periods they cannot (isolation, sickness, leave). */
export class AvailabilityService {
  constructor(private readonly deps: DutyDeps) {}

  async getWindows(actor: Actor, personId: string): Promise<AvailabilityView> {
    const scope = requirePermission(actor, 'duty.read');
    const repo = new AvailabilityRepository(this.deps.db);
    const person = await this.personFor(repo, actor, scope, personId, false);
    const windows = await repo.windows(person.id);
    return { personId: person.id, personName: person.name, windows: windows.map((w) => ({ weekday: w.weekday, start: w.start_time, end: w.end_time })) };
  }

  /** A person declares their own windows; a manager may set anyone's in reach. Replaces the whole list. */
  async setWindows(actor: Actor, personId: string, input: TAvailabilityInput): Promise<AvailabilityView> {
    const scope = requirePermission(actor, 'duty.checkin');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new AvailabilityRepository(trx);
      const person = await this.personFor(repo, actor, scope, personId, true);
      await repo.replaceWindows(person.id, input.windows.map((w) => ({ id: newId(), ...w })), this.deps.clock.now().toISOString());
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_availability.set', entityType: 'person', entityId: person.id, scopePath: person.home_path,
        details: { windows: input.windows.length },
      });
    });
    return this.getWindows(actor, personId);
  }

  async listUnavailability(actor: Actor, query: TUnavailabilityListQuery): Promise<UnavailabilityView[]> {
    const scope = requirePermission(actor, 'duty.read');
    const repo = new AvailabilityRepository(this.deps.db);
    let nodePath: string | undefined;
    if (query.nodeId) {
      nodePath = await repo.nodePath(query.nodeId);
      if (!nodePath) return [];
    }
    const currentAt = query.current === '1' ? this.deps.clock.now().toISOString() : undefined;
    return (await repo.listUnavailability(scope, { nodePath, personId: query.personId, currentAt })).map(unavailabilityView);
  }

  /**
   * Marks a person unavailable (the isolation capability calls this too, in its own transaction via `ex`):
   * their shifts in the period that have not ended and have no check-in are released and flagged, and every
   * post they lead gets the next available person of its lead chain as acting lead, recorded as a succession.
   * A retry with the same id answers with what the first call did.
   */
  async markUnavailable(actor: Actor, input: TUnavailabilityInput, ex?: Executor): Promise<MarkUnavailableResult> {
    const scope = requirePermission(actor, 'duty.write');
    const run = (trx: Executor) => this.mark(trx, actor, scope, input);
    return ex ? run(ex) : this.deps.db.transaction().execute(run);
  }

  /** Ends a period now (isolation lifted early); a period not begun yet is thereby cancelled. */
  async endUnavailability(actor: Actor, id: string): Promise<UnavailabilityView> {
    const scope = requirePermission(actor, 'duty.write');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = new AvailabilityRepository(trx);
      const row = await repo.findUnavailability(id);
      const person = row && (await repo.person(row.person_id, scope));
      if (!row || !person) throw notFound('unavailability');
      const now = this.deps.clock.now().toISOString();
      if (row.to_at <= now) return;
      const end = row.from_at > now ? row.from_at : now;
      await repo.updateUnavailability(id, { to_at: end });
      await repo.endSuccessions(id, end);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_unavailability.end', entityType: 'person', entityId: row.person_id, scopePath: person.home_path,
        details: { unavailabilityId: id, plannedTo: row.to_at, endedAt: end },
      });
    });
    const repo = new AvailabilityRepository(this.deps.db);
    return unavailabilityView((await repo.findUnavailability(id))!);
  }

  private async mark(trx: Executor, actor: Actor, scope: Scope, input: TUnavailabilityInput): Promise<MarkUnavailableResult> {
    const repo = new AvailabilityRepository(trx);
    const posts = new DutyPostsRepository(trx);
    const id = input.id ?? newId();
    const again = await repo.findUnavailability(id);
    if (again) {
      if (!(await repo.person(again.person_id, scope))) throw notFound('unavailability');
      return this.replay(repo, posts, again);
    }
    const person = await repo.person(input.personId, scope);
    if (!person) throw refNotFound('personId', 'person');
    const from = parseInstant(input.from, 'from')!.toISOString();
    const to = parseInstant(input.to, 'to')!.toISOString();
    const now = this.deps.clock.now().toISOString();
    await repo.insertUnavailability({
      id, person_id: person.id, from_at: from, to_at: to, reason: input.reason, note: input.note ?? null,
      released_count: 0, created_by: actor.accountId || null, created_at: now,
    });
    const released = await repo.releasable(person.id, from, to, now);
    for (const r of released) await repo.release(r.assignment_id, input.reason, id, now);
    if (released.length > 0) await repo.updateUnavailability(id, { released_count: released.length });

    const successions: MarkUnavailableResult['successions'] = [];
    const effective = from > now ? from : now;
    if (effective < to) {
      for (const post of await posts.chainsWith(person.id)) {
        const inForce = (await posts.successionsAt([post.post_id], effective))[0];
        const lead = inForce ? inForce.to_person_id : post.chain[0];
        if (lead !== person.id) continue;
        const away = await posts.unavailableDuring(post.chain, effective, to);
        const successor = nextInLine(post.chain, [person.id], (pid) => !away.has(pid));
        const successionId = newId();
        await posts.insertSuccession({
          id: successionId, post_id: post.post_id, from_person_id: person.id, to_person_id: successor, from_at: effective, until_at: to,
          reason: input.reason, unavailability_id: id, created_by: actor.accountId || null, created_at: now,
        });
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'duty_post.succession', entityType: 'duty_post', entityId: post.post_id, scopePath: post.node_path,
          details: { fromPersonId: person.id, toPersonId: successor, reason: input.reason, from: effective, until: to },
        });
        successions.push({ id: successionId, postId: post.post_id, postName: post.post_name, fromPersonId: person.id, toPersonId: successor, toPersonName: null });
      }
    }
    await recordAudit(trx, this.deps.clock, actor, {
      action: 'duty_unavailability.create', entityType: 'person', entityId: person.id, scopePath: person.home_path,
      details: { unavailabilityId: id, reason: input.reason, from, to, released: released.length, successions: successions.length },
    });
    const names = await repo.findUnavailability(id);
    return {
      unavailability: unavailabilityView(names!),
      released: released.map(releasedRef),
      successions: await this.withNames(posts, successions),
    };
  }

  private async replay(repo: AvailabilityRepository, posts: DutyPostsRepository, row: UnavailabilityRow): Promise<MarkUnavailableResult> {
    const released = await repo.releasedBy(row.id);
    const successions = (await posts.successionsFor(row.id)).map((s) => ({
      id: s.id, postId: s.post_id, postName: s.post_name, fromPersonId: s.from_person_id, toPersonId: s.to_person_id, toPersonName: s.to_person_name,
    }));
    return { unavailability: unavailabilityView(row), released: released.map(releasedRef), successions: await this.withNames(posts, successions) };
  }

  private async withNames(posts: DutyPostsRepository, list: MarkUnavailableResult['successions']) {
    const leads = await posts.leads([...new Set(list.map((s) => s.postId))]);
    return list.map((s) => ({ ...s, toPersonName: s.toPersonName ?? leads.find((l) => l.person_id === s.toPersonId)?.person_name ?? null }));
  }

  /** Own person: anyone with the permission; someone else: a duty manager, for people in reach. */
  private async personFor(repo: AvailabilityRepository, actor: Actor, scope: Scope, personId: string, write: boolean) {
    const own = (await repo.personOfAccount(actor.accountId)) === personId;
    if (!own && write) requirePermission(actor, 'duty.write');
    const person = await repo.person(personId, own ? { kind: 'all' } : scope);
    if (!person) throw notFound('person');
    return person;
  }
}

function releasedRef(r: ReleasableRow) {
  return { ...shiftRef(r), assignmentId: r.assignment_id };
}

export function unavailabilityView(r: UnavailabilityRow): UnavailabilityView {
  return {
    id: r.id, personId: r.person_id, personName: r.person_name, from: r.from_at, to: r.to_at,
    reason: r.reason as UnavailabilityReason, note: r.note, releasedCount: r.released_count, createdAt: r.created_at,
  };
}
