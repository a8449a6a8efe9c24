import { recordAudit } from '../../platform/audit.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { can, requirePermission, type Actor } from '../../platform/policy.ts';
import {
  type AlertView, type AlertsView, type AttendanceView, type CheckinContextView, type CheckinShiftView,
  type TAlertsQuery, type TCheckinInput,
} from './attendance.schema.ts';
import { AttendanceRepository, type AttendanceRow, type PersonShiftRow } from './attendance.repository.ts';
import { graceMsOf, refNotFound, type DutyDeps } from './duty.deps.ts';
import type { DutyPostKind, DutyRules } from './duty.schema.ts';
import { DutyPostsRepository } from './posts.repository.ts';
import { RosterRepository } from './roster.repository.ts';
import { checkinOpen, lateMinutes, MS, shiftAlerts } from './roster.rules.ts';
import { DutyRulesRepository } from './rules.repository.ts';

/** A check-out is still taken this long after the shift's end (a guard who stayed on). */
const CHECKOUT_AFTER_END_MS = 12 * MS.HOUR;
/** Alerts look this far back (missed shifts) and ahead (slots still open). */
const ALERT_WINDOW_MS = 24 * MS.HOUR;

function badRequest(field: string, key: string, text: string): AppError {
  return new AppError('BAD_REQUEST', text, [{ path: field, message: key }]);
}

/** Check-in and check-out at the post (QR on a phone, or the roster's button), and the alerts they feed. */
export class AttendanceService {
  constructor(private readonly deps: DutyDeps) {}

  /** What the phone page shows after a scan: the post, the signed-in person and their current or next shift. */
  async context(actor: Actor, token: string): Promise<CheckinContextView> {
    requirePermission(actor, 'duty.checkin');
    const ex = this.deps.db;
    const post = await new DutyPostsRepository(ex).findByToken(token);
    if (!post) throw notFound('duty post');
    const repo = new AttendanceRepository(ex);
    const now = this.deps.clock.now();
    const personId = await repo.personOfAccount(actor.accountId);
    const base = {
      post: { id: post.id, name: post.name, kind: post.kind as DutyPostKind, nodeName: post.node_name, phone: post.phone },
      now: now.toISOString(),
    };
    if (!personId) return { ...base, person: null, current: null, next: null };
    const rules = await new DutyRulesRepository(ex).load();
    const shifts = await this.nearShifts(repo, personId, post.id, now.getTime());
    const current = pickCurrent(shifts, now.getTime(), rules);
    const next = current ? undefined : shifts.find((s) => Date.parse(s.starts_at) - rules.checkinEarlyMinutes * MS.MINUTE > now.getTime());
    return {
      ...base, person: { id: personId, name: (await repo.personName(personId)) ?? '' },
      current: current ? shiftBrief(current) : null, next: next ? shiftBrief(next) : null,
    };
  }

  /**
   * 签到/签退. With the post's token the signed-in person checks in to their shift there (open from the rule's
   * minutes before the start until the end); with a shift and a person a duty manager records it. A retry with
   * the same id answers with the same record; checking in twice to one shift answers with the first check-in.
   */
  async checkin(actor: Actor, input: TCheckinInput): Promise<AttendanceView> {
    const scope = requirePermission(actor, 'duty.checkin');
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const repo = new AttendanceRepository(trx);
      const again = input.kind === 'in' ? await repo.findAttendance(input.id) : await repo.findByCheckOut(input.id);
      if (again) {
        // A retry answers with the record only to its person, or to a duty manager reaching the shift.
        const mine = again.person_id === (await repo.personOfAccount(actor.accountId));
        if (!mine && !(can(actor, 'duty.write') && (await new RosterRepository(trx).findShift(again.shift_id, scope)))) throw notFound('check-in');
        return again.id;
      }
      const now = this.deps.clock.now();
      const nowIso = now.toISOString();
      const rules = await new DutyRulesRepository(trx).load();
      let personId: string;
      let target: PersonShiftRow | undefined;
      if (input.token) {
        const post = await new DutyPostsRepository(trx).findByToken(input.token);
        if (!post) throw refNotFound('token', 'duty post');
        const own = await repo.personOfAccount(actor.accountId);
        if (!own) throw badRequest('token', 'duty.no_person', 'this account is not linked to a person');
        personId = own;
        target = pickCurrent(await this.nearShifts(repo, own, post.id, now.getTime()), now.getTime(), rules, input.kind);
      } else {
        requirePermission(actor, 'duty.write');
        const shift = await new RosterRepository(trx).findShift(input.shiftId!, scope);
        if (!shift) throw refNotFound('shiftId', 'shift');
        personId = input.personId!;
        const rows = await repo.personShiftsAtPost(personId, shift.post_id, shift.starts_at, shift.ends_at);
        const row = rows.find((r) => r.shift_id === shift.id);
        if (!row) throw refNotFound('personId', 'assignment');
        target = pickCurrent([row], now.getTime(), rules, input.kind);
      }
      const field = input.token ? 'token' : 'shiftId';
      if (input.kind === 'in') {
        if (!target) throw badRequest(field, 'duty.no_shift_now', 'no shift to check in to now');
        if (target.att_id) return target.att_id;
        const late = lateMinutes(now.getTime(), Date.parse(target.starts_at), graceMsOf(target, rules));
        await repo.insertAttendance({
          id: input.id, shift_id: target.shift_id, person_id: personId, checked_in_at: nowIso, check_in_method: input.token ? 'qr' : 'button',
          late_minutes: late, checked_out_at: null, check_out_id: null, recorded_by: actor.accountId || null, created_at: nowIso, updated_at: nowIso,
        });
        const row = (await repo.findAttendance(input.id))!;
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'duty_attendance.check_in', entityType: 'duty_attendance', entityId: input.id, scopePath: row.node_path,
          details: { shiftId: target.shift_id, personId, lateMinutes: late, method: input.token ? 'qr' : 'button' },
        });
        return input.id;
      }
      if (!target?.att_id || target.att_out) throw badRequest(field, 'duty.not_checked_in', 'not checked in');
      await repo.checkOut(target.att_id, input.id, nowIso);
      const row = (await repo.findAttendance(target.att_id))!;
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'duty_attendance.check_out', entityType: 'duty_attendance', entityId: target.att_id, scopePath: row.node_path,
        details: { shiftId: target.shift_id, personId },
      });
      return target.att_id;
    });
    return attendanceView((await new AttendanceRepository(this.deps.db).findAttendance(id))!);
  }

  /**
   * Alerts for now, computed from shifts, holders and check-ins (nothing stored): late and missed check-ins,
   * slots open in the running or next 24 hours (also those left by released shifts), and posts without a lead.
   */
  async alerts(actor: Actor, query: TAlertsQuery): Promise<AlertsView> {
    const scope = requirePermission(actor, 'duty.read');
    const ex = this.deps.db;
    const postsRepo = new DutyPostsRepository(ex);
    let nodePath: string | undefined;
    if (query.nodeId) {
      nodePath = await postsRepo.nodePath(query.nodeId);
      if (!nodePath) throw refNotFound('nodeId', 'node');
    }
    const posts = await postsRepo.list(scope, { nodePath });
    const now = this.deps.clock.now();
    const nowIso = now.toISOString();
    const roster = new RosterRepository(ex);
    const rules = await new DutyRulesRepository(ex).load();
    const shifts = await roster.shiftsBetween(posts.map((p) => p.id), new Date(now.getTime() - ALERT_WINDOW_MS).toISOString(),
      new Date(now.getTime() + ALERT_WINDOW_MS).toISOString());
    const holders = (await roster.assignmentsOf(shifts.map((s) => s.id))).filter((a) => a.status === 'active');
    const raw = shiftAlerts(now.getTime(), shifts.map((s) => ({
      id: s.id, start: Date.parse(s.starts_at), end: Date.parse(s.ends_at), required: s.required, graceMs: graceMsOf(s, rules),
      holders: holders.filter((h) => h.shift_id === s.id).map((h) => ({ personId: h.person_id, checkedIn: !!h.att_id })),
    })));
    const shiftById = new Map(shifts.map((s) => [s.id, s]));
    const names = new Map(holders.map((h) => [h.person_id, h.person_name]));
    const alerts: AlertView[] = raw.map((a) => {
      const s = shiftById.get(a.shiftId)!;
      return {
        kind: a.kind, postId: s.post_id, postName: s.post_name, nodeName: s.node_name, shiftId: s.id, shiftName: s.name, day: s.day,
        startsAt: s.starts_at, endsAt: s.ends_at, personId: a.personId, personName: a.personId ? names.get(a.personId) ?? null : null, count: a.count,
      };
    });
    const ids = posts.map((p) => p.id);
    const leads = await postsRepo.leads(ids);
    const acting = await postsRepo.successionsAt(ids, nowIso);
    const away = await postsRepo.unavailableAt([...new Set(leads.map((l) => l.person_id))], nowIso);
    for (const p of posts) {
      const chain = leads.filter((l) => l.post_id === p.id);
      if (chain.length === 0) continue;
      const inForce = acting.find((s) => s.post_id === p.id);
      const leaderless = inForce ? !inForce.to_person_id : away.has(chain[0].person_id);
      if (!leaderless) continue;
      const missingLead = inForce ? { id: inForce.from_person_id, name: inForce.from_person_name } : { id: chain[0].person_id, name: chain[0].person_name };
      alerts.push({
        kind: 'no_lead', postId: p.id, postName: p.name, nodeName: p.node_name, shiftId: null, shiftName: null, day: null,
        startsAt: null, endsAt: null, personId: missingLead.id, personName: missingLead.name, count: 0,
      });
    }
    const order: Record<string, number> = { late: 0, uncovered: 1, missed: 2, no_lead: 3 };
    alerts.sort((a, b) => order[a.kind] - order[b.kind] || (a.startsAt ?? '').localeCompare(b.startsAt ?? '') || a.postName.localeCompare(b.postName));
    return { now: nowIso, alerts };
  }

  private nearShifts(repo: AttendanceRepository, personId: string, postId: string, nowMs: number) {
    return repo.personShiftsAtPost(personId, postId, new Date(nowMs - CHECKOUT_AFTER_END_MS).toISOString(), new Date(nowMs + 7 * MS.DAY).toISOString());
  }
}

/**
 * The shift a tap refers to: an open check-in (to check out of) comes first, then a shift whose check-in window
 * is open. For a check-out only open check-ins count.
 */
function pickCurrent(shifts: PersonShiftRow[], nowMs: number, rules: DutyRules, kind?: 'in' | 'out'): PersonShiftRow | undefined {
  const early = rules.checkinEarlyMinutes * MS.MINUTE;
  const open = shifts.find((s) => s.att_id && !s.att_out
    && nowMs >= Date.parse(s.starts_at) - early && nowMs < Date.parse(s.ends_at) + CHECKOUT_AFTER_END_MS);
  if (kind === 'out') return open;
  const window = shifts.filter((s) => checkinOpen(nowMs, { start: Date.parse(s.starts_at), end: Date.parse(s.ends_at) }, early));
  const toCheckIn = window.find((s) => !s.att_id) ?? window[0];
  return kind === 'in' ? toCheckIn ?? open : open ?? toCheckIn;
}

function shiftBrief(s: PersonShiftRow): CheckinShiftView {
  return {
    shiftId: s.shift_id, name: s.name, day: s.day, startsAt: s.starts_at, endsAt: s.ends_at,
    attendance: s.att_id && s.att_in ? { id: s.att_id, checkedInAt: s.att_in, checkedOutAt: s.att_out, lateMinutes: s.att_late ?? 0 } : null,
  };
}

export function attendanceView(r: AttendanceRow): AttendanceView {
  return {
    id: r.id, shiftId: r.shift_id, postId: r.post_id, postName: r.post_name, shiftName: r.shift_name, day: r.day,
    startsAt: r.starts_at, endsAt: r.ends_at, personId: r.person_id, personName: r.person_name, checkedInAt: r.checked_in_at,
    checkedOutAt: r.checked_out_at, lateMinutes: r.late_minutes, method: r.check_in_method as AttendanceView['method'],
  };
}
