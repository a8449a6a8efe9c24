// Pure roster rules: shift times in Asia/Shanghai, overlap, rest, declared availability, unavailability,
// coverage gaps and the assistant that fills open slots. No I/O: the services load the facts and call these.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const SHANGHAI_OFFSET = 8 * HOUR;

export interface Interval {
  start: number;
  end: number;
}

/** 'HH:MM' (or '24:00') → minutes after midnight. */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar day: Monday 1 … Sunday 7. */
export function isoWeekday(day: string): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** The instant a Shanghai day starts, in ms. */
export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00Z`) - SHANGHAI_OFFSET;
}

export function shanghaiDayOf(ms: number): string {
  return new Date(ms + SHANGHAI_OFFSET).toISOString().slice(0, 10);
}

/**
 * A daily wall-clock window on a Shanghai day as an interval. An end not after the start crosses midnight
 * (20:00–08:00 ends the next morning); equal start and end is a 24-hour rotation; '24:00' is midnight.
 */
export function windowOn(day: string, start: string, end: string): Interval {
  const s = minutesOf(start);
  let e = minutesOf(end);
  if (e <= s) e += 24 * 60;
  const base = dayStartMs(day);
  return { start: base + s * MINUTE, end: base + e * MINUTE };
}

export interface ShiftTemplate {
  id: string;
  name: string;
  start: string;
  end: string;
  required: number;
  night: boolean;
  weekdays: number[];
}

export interface ShiftInstance {
  templateId: string;
  day: string;
  name: string;
  startsAt: string;
  endsAt: string;
  required: number;
  night: boolean;
}

/** The concrete shifts a coverage requirement asks for on the days [weekStart, weekStart + days). */
export function shiftsForWeek(templates: ShiftTemplate[], weekStart: string, days = 7): ShiftInstance[] {
  const out: ShiftInstance[] = [];
  for (let i = 0; i < days; i++) {
    const day = addDays(weekStart, i);
    const weekday = isoWeekday(day);
    for (const t of templates) {
      if (!t.weekdays.includes(weekday)) continue;
      const w = windowOn(day, t.start, t.end);
      out.push({
        templateId: t.id, day, name: t.name, required: t.required, night: t.night,
        startsAt: new Date(w.start).toISOString(), endsAt: new Date(w.end).toISOString(),
      });
    }
  }
  return out.sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.name.localeCompare(b.name));
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.start < b.end && b.start < a.end;
}

/** Declared weekly windows; none declared means "any time". */
export interface AvailabilityWindow {
  weekday: number;
  start: string;
  end: string;
}

/** True when the declared windows (merged across midnight and adjacent days) cover the whole interval. */
export function windowsCover(windows: AvailabilityWindow[], iv: Interval): boolean {
  if (windows.length === 0) return true;
  const parts: Interval[] = [];
  const first = addDays(shanghaiDayOf(iv.start), -1);
  const last = shanghaiDayOf(iv.end);
  for (let day = first; day <= last; day = addDays(day, 1)) {
    const wd = isoWeekday(day);
    for (const w of windows) if (w.weekday === wd) parts.push(windowOn(day, w.start, w.end));
  }
  parts.sort((a, b) => a.start - b.start);
  let reached = iv.start;
  for (const p of parts) {
    if (p.start > reached) break;
    reached = Math.max(reached, p.end);
    if (reached >= iv.end) return true;
  }
  return reached >= iv.end;
}

/** A shift someone already holds (or is planned to hold), with the rest its post asks for. */
export interface Commitment extends Interval {
  shiftId: string;
  restMs: number;
}

export type RuleViolation =
  | 'duty.already_assigned' | 'duty.unavailable' | 'duty.outside_availability' | 'duty.overlap' | 'duty.rest';

export interface Candidate {
  id: string;
  name: string;
  sex: 'M' | 'F' | null;
  windows: AvailabilityWindow[];
  unavailable: Interval[];
  commitments: Commitment[];
}

export interface OpenShift extends Interval {
  id: string;
  night: boolean;
  required: number;
  /** People who hold it now (active assignments). */
  assigned: string[];
  restMs: number;
}

/**
 * Why this person cannot take this shift (empty: they can). Rest is the stricter of the two posts' rules:
 * the gap between the end of one shift and the start of the other must be at least that long.
 */
export function violations(person: Candidate, shift: OpenShift): RuleViolation[] {
  const out: RuleViolation[] = [];
  if (shift.assigned.includes(person.id)) out.push('duty.already_assigned');
  if (person.unavailable.some((u) => overlaps(u, shift))) out.push('duty.unavailable');
  if (!windowsCover(person.windows, shift)) out.push('duty.outside_availability');
  let overlap = false;
  let rest = false;
  for (const c of person.commitments) {
    if (c.shiftId === shift.id) continue;
    if (overlaps(c, shift)) overlap = true;
    else {
      const gap = c.end <= shift.start ? shift.start - c.end : c.start - shift.end;
      if (gap < Math.max(c.restMs, shift.restMs)) rest = true;
    }
  }
  if (overlap) out.push('duty.overlap');
  if (rest) out.push('duty.rest');
  return out;
}

export interface PlanInput {
  shifts: OpenShift[];
  people: Candidate[];
  /** Soft preference: for night shifts men are tried first. */
  nightPreferMen: boolean;
}

export interface PlanResult {
  assignments: Array<{ shiftId: string; personId: string }>;
  uncovered: Array<{ shiftId: string; missing: number }>;
}

/** True when the person may take the shift: `violations` without building the list (the assistant's hot path). */
function canTake(person: Candidate, shift: OpenShift): boolean {
  if (shift.assigned.includes(person.id)) return false;
  for (const c of person.commitments) {
    if (c.shiftId === shift.id) continue;
    if (overlaps(c, shift)) return false;
    const gap = c.end <= shift.start ? shift.start - c.end : c.start - shift.end;
    if (gap < Math.max(c.restMs, shift.restMs)) return false;
  }
  for (const u of person.unavailable) if (overlaps(u, shift)) return false;
  return windowsCover(person.windows, shift);
}

interface Planned extends Candidate {
  /** Hours held and planned so far (ms): the assistant evens the load. */
  load: number;
  /** Position in Chinese name order, then id: the final tie-break, computed once. */
  rank: number;
}

/**
 * The assistant: shifts in time order, each open slot to the candidate who passes every rule and has served
 * least so far (hours already held plus planned), men first on night shifts when preferred, then by name and
 * id so the same facts always give the same roster. Commitments grow as it plans, so it never double-books.
 * One pass over the people per shift keeps the best `missing` of them: choosing one person for a shift changes
 * nobody else's eligibility for it, so this equals re-checking everyone slot by slot.
 */
export function planRoster(input: PlanInput): PlanResult {
  const collator = new Intl.Collator('zh');
  const ordered = [...input.people].sort((a, b) => collator.compare(a.name, b.name) || a.id.localeCompare(b.id));
  const people: Planned[] = ordered.map((p, rank) => ({
    ...p, commitments: [...p.commitments], rank,
    load: p.commitments.reduce((sum, x) => sum + (x.end - x.start), 0),
  }));
  const assignments: PlanResult['assignments'] = [];
  const uncovered: PlanResult['uncovered'] = [];
  const shifts = [...input.shifts].sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  for (const shift of shifts) {
    let missing = shift.required - shift.assigned.length;
    if (missing > 0) {
      const menFirst = shift.night && input.nightPreferMen;
      const before = (a: Planned, b: Planned): boolean => {
        if (menFirst) {
          const am = a.sex === 'M' ? 0 : 1;
          const bm = b.sex === 'M' ? 0 : 1;
          if (am !== bm) return am < bm;
        }
        return a.load - b.load < 0 || (a.load === b.load && a.rank < b.rank);
      };
      // The best `missing` candidates, kept sorted (missing is small: a post needs a few people per shift).
      const best: Planned[] = [];
      for (const p of people) {
        if (best.length === missing && !before(p, best[missing - 1])) continue;
        if (!canTake(p, shift)) continue;
        let i = best.length;
        while (i > 0 && before(p, best[i - 1])) i--;
        best.splice(i, 0, p);
        if (best.length > missing) best.pop();
      }
      for (const chosen of best) {
        chosen.commitments.push({ shiftId: shift.id, start: shift.start, end: shift.end, restMs: shift.restMs });
        chosen.load += shift.end - shift.start;
        assignments.push({ shiftId: shift.id, personId: chosen.id });
        missing--;
      }
    }
    if (missing > 0) uncovered.push({ shiftId: shift.id, missing });
  }
  return { assignments, uncovered };
}

/** Open places per shift: required minus active holders, never negative. */
export function coverageGaps(shifts: Array<{ id: string; required: number; activeCount: number }>): Array<{ shiftId: string; missing: number }> {
  return shifts
    .map((s) => ({ shiftId: s.id, missing: Math.max(0, s.required - s.activeCount) }))
    .filter((g) => g.missing > 0);
}

/** The first person in the lead chain, other than those excluded, who is available; null if none is. */
export function nextInLine(chain: string[], excluded: string[], isAvailable: (personId: string) => boolean): string | null {
  for (const id of chain) if (!excluded.includes(id) && isAvailable(id)) return id;
  return null;
}

/** Minutes late: after start + grace counts as late, measured from the start. */
export function lateMinutes(checkedInMs: number, startMs: number, graceMs: number): number {
  return checkedInMs > startMs + graceMs ? Math.floor((checkedInMs - startMs) / MINUTE) : 0;
}

/** Check-in is open from `earlyMs` before the start until the end. */
export function checkinOpen(nowMs: number, shift: Interval, earlyMs: number): boolean {
  return nowMs >= shift.start - earlyMs && nowMs < shift.end;
}

/** Time on duty: check-in to check-out; a missing check-out counts until the shift's end (or now, if earlier). */
export function attendedMs(checkedInMs: number, checkedOutMs: number | null, shiftEndMs: number, nowMs: number): number {
  const until = checkedOutMs ?? Math.min(shiftEndMs, nowMs);
  return Math.max(0, until - checkedInMs);
}

export interface AlertShift extends Interval {
  id: string;
  required: number;
  graceMs: number;
  holders: Array<{ personId: string; checkedIn: boolean }>;
}

export type ShiftAlert =
  | { kind: 'missed'; shiftId: string; personId: string; count: number }
  | { kind: 'late'; shiftId: string; personId: string; count: number }
  | { kind: 'uncovered'; shiftId: string; personId: null; count: number };

/**
 * Alerts for "now": a holder who did not check in by start + grace is late while the shift runs and missed
 * once it is over; a running or coming shift with fewer holders than required is uncovered.
 */
export function shiftAlerts(nowMs: number, shifts: AlertShift[]): ShiftAlert[] {
  const out: ShiftAlert[] = [];
  for (const s of shifts) {
    for (const h of s.holders) {
      if (h.checkedIn || s.start > nowMs) continue;
      if (nowMs >= s.end) out.push({ kind: 'missed', shiftId: s.id, personId: h.personId, count: 0 });
      else if (nowMs > s.start + s.graceMs) out.push({ kind: 'late', shiftId: s.id, personId: h.personId, count: Math.floor((nowMs - s.start) / MINUTE) });
    }
    if (s.end > nowMs && s.holders.length < s.required) {
      out.push({ kind: 'uncovered', shiftId: s.id, personId: null, count: s.required - s.holders.length });
    }
  }
  return out;
}

export const MS = { MINUTE, HOUR, DAY };
