import { newId } from '../../platform/ids.ts';
import { restMsOf } from './duty.deps.ts';
import type { DutyRules } from './duty.schema.ts';
import type { DutyPostsRepository, PostRow } from './posts.repository.ts';
import type { AssignmentRow, RosterRepository, ShiftRow } from './roster.repository.ts';
import type { AssignmentView, ShiftRef, ShiftView } from './roster.schema.ts';
import { addDays, MS, shiftsForWeek, type Candidate, type OpenShift } from './roster.rules.ts';

// Loading the facts the pure rules need (who holds what, who is away, declared windows) and turning rows into
// views. Shared by the roster, swap and unavailability services; every function takes the caller's executor.

/** Rest rules are at most 48 h, so commitments further away than that cannot matter. */
const REACH_MS = 48 * MS.HOUR;

export async function loadCandidates(
  repo: RosterRepository, people: Array<{ id: string; name: string; sex: string | null }>, fromMs: number, toMs: number, rules: DutyRules,
): Promise<Candidate[]> {
  const ids = people.map((p) => p.id);
  const from = new Date(fromMs - REACH_MS).toISOString();
  const to = new Date(toMs + REACH_MS).toISOString();
  const commitments = await repo.commitments(ids, from, to);
  const windows = await repo.windows(ids);
  const away = await repo.unavailability(ids, from, to);
  const byId = new Map<string, Candidate>(people.map((p) => [p.id, {
    id: p.id, name: p.name, sex: p.sex === 'M' || p.sex === 'F' ? p.sex : null, windows: [], unavailable: [], commitments: [],
  }]));
  for (const c of commitments) {
    byId.get(c.person_id)?.commitments.push({
      shiftId: c.shift_id, start: Date.parse(c.starts_at), end: Date.parse(c.ends_at), restMs: restMsOf(c, rules),
    });
  }
  for (const w of windows) byId.get(w.person_id)?.windows.push({ weekday: w.weekday, start: w.start_time, end: w.end_time });
  for (const u of away) byId.get(u.person_id)?.unavailable.push({ start: Date.parse(u.from_at), end: Date.parse(u.to_at) });
  return [...byId.values()];
}

export function openShift(s: ShiftRow, holders: string[], rules: DutyRules): OpenShift {
  return {
    id: s.id, start: Date.parse(s.starts_at), end: Date.parse(s.ends_at), night: s.night === 1, required: s.required,
    assigned: holders, restMs: restMsOf(s, rules),
  };
}

/**
 * Makes the week's shifts from each post's requirement: missing ones are created; future ones nobody holds
 * follow an edited requirement. Returns how many were created. Safe to run again (one shift per template and day).
 */
export async function ensureShifts(
  posts: DutyPostsRepository, roster: RosterRepository, postRows: PostRow[], weekStart: string, nowIso: string,
): Promise<number> {
  const ids = postRows.map((p) => p.id);
  const templates = await posts.templates(ids);
  const existing = await roster.shiftsOnDays(ids, weekStart, addDays(weekStart, 6));
  const held = await roster.activeCounts(existing.map((s) => s.id));
  const byKey = new Map(existing.filter((s) => s.template_id).map((s) => [`${s.post_id}|${s.template_id}|${s.day}`, s]));
  let created = 0;
  for (const post of postRows) {
    const own = templates.filter((t) => t.post_id === post.id).map((t) => ({
      id: t.id, name: t.name, start: t.start_time, end: t.end_time, required: t.required, night: t.night === 1,
      weekdays: t.weekdays.split('').map(Number),
    }));
    for (const inst of shiftsForWeek(own, weekStart)) {
      const found = byKey.get(`${post.id}|${inst.templateId}|${inst.day}`);
      if (!found) {
        await roster.insertShift({
          id: newId(), post_id: post.id, template_id: inst.templateId, day: inst.day, name: inst.name,
          starts_at: inst.startsAt, ends_at: inst.endsAt, required: inst.required, night: inst.night ? 1 : 0,
          created_at: nowIso, updated_at: nowIso,
        });
        created++;
        continue;
      }
      if (found.starts_at <= nowIso) continue;
      const timesMove = (found.starts_at !== inst.startsAt || found.ends_at !== inst.endsAt) && !held.get(found.id);
      const changed = found.name !== inst.name || found.required !== inst.required || found.night !== (inst.night ? 1 : 0) || timesMove;
      if (changed) {
        await roster.updateShift(found.id, {
          name: inst.name, required: inst.required, night: inst.night ? 1 : 0, updated_at: nowIso,
          ...(timesMove ? { starts_at: inst.startsAt, ends_at: inst.endsAt } : {}),
        });
      }
    }
  }
  return created;
}

export function assignmentView(a: AssignmentRow): AssignmentView {
  return {
    id: a.id, shiftId: a.shift_id, personId: a.person_id, personName: a.person_name,
    sex: a.sex === 'M' || a.sex === 'F' ? a.sex : null,
    status: a.status as AssignmentView['status'], source: a.source as AssignmentView['source'], releasedReason: a.released_reason,
    attendance: a.att_id && a.att_in ? { id: a.att_id, checkedInAt: a.att_in, checkedOutAt: a.att_out, lateMinutes: a.att_late ?? 0 } : null,
  };
}

/** `own`: this shift's assignments (the caller groups them once, so a week of many posts stays linear). */
export function shiftView(s: ShiftRow, own: readonly AssignmentRow[]): ShiftView {
  const active = own.filter((a) => a.status === 'active').map(assignmentView);
  return {
    id: s.id, postId: s.post_id, templateId: s.template_id, day: s.day, name: s.name, startsAt: s.starts_at, endsAt: s.ends_at,
    night: s.night === 1, required: s.required, missing: Math.max(0, s.required - active.length),
    assignments: active, released: own.filter((a) => a.status !== 'active').map(assignmentView),
  };
}

export function shiftRef(s: ShiftRow): ShiftRef {
  return { shiftId: s.id, postId: s.post_id, postName: s.post_name, day: s.day, shiftName: s.name, startsAt: s.starts_at, endsAt: s.ends_at };
}
