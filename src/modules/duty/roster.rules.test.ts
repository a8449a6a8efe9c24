import { describe, expect, it } from 'vitest';
import {
  attendedMs, checkinOpen, coverageGaps, isoWeekday, lateMinutes, MS, nextInLine, planRoster, shiftAlerts, shiftsForWeek,
  violations, windowOn, windowsCover, type Candidate, type OpenShift, type ShiftTemplate,
} from './roster.rules.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const at = (s: string) => Date.parse(s);

function shift(id: string, start: string, end: string, extra: Partial<OpenShift> = {}): OpenShift {
  return { id, start: at(start), end: at(end), night: false, required: 1, assigned: [], restMs: 8 * MS.HOUR, ...extra };
}

function person(id: string, extra: Partial<Candidate> = {}): Candidate {
  return { id, name: id, sex: null, windows: [], unavailable: [], commitments: [], ...extra };
}

describe('shift times in Asia/Shanghai', () => {
  it('places a day shift on the Shanghai wall clock and a night shift across midnight', () => {
    const day = windowOn('2026-02-21', '08:00', '16:00');
    expect([iso(day.start), iso(day.end)]).toEqual(['2026-02-21T00:00:00.000Z', '2026-02-21T08:00:00.000Z']);
    const night = windowOn('2026-02-21', '20:00', '08:00');
    expect([iso(night.start), iso(night.end)]).toEqual(['2026-02-21T12:00:00.000Z', '2026-02-22T00:00:00.000Z']);
    const late = windowOn('2026-02-21', '16:00', '24:00');
    expect(iso(late.end)).toBe('2026-02-21T16:00:00.000Z');
    const early = windowOn('2026-02-21', '00:00', '08:00');
    expect([iso(early.start), iso(early.end)]).toEqual(['2026-02-20T16:00:00.000Z', '2026-02-21T00:00:00.000Z']);
    const rotation = windowOn('2026-02-21', '08:00', '08:00');
    expect(rotation.end - rotation.start).toBe(24 * MS.HOUR);
  });

  it('generates a week from the requirement, only on the weekdays asked for', () => {
    expect(isoWeekday('2026-02-23')).toBe(1);
    expect(isoWeekday('2026-03-01')).toBe(7);
    const templates: ShiftTemplate[] = [
      { id: 'd', name: '白班', start: '08:00', end: '20:00', required: 2, night: false, weekdays: [1, 2, 3, 4, 5, 6, 7] },
      { id: 'n', name: '夜班', start: '20:00', end: '08:00', required: 1, night: true, weekdays: [6, 7] },
    ];
    const week = shiftsForWeek(templates, '2026-02-23');
    expect(week).toHaveLength(9);
    const nights = week.filter((s) => s.night);
    expect(nights.map((s) => s.day)).toEqual(['2026-02-28', '2026-03-01']);
    expect(nights[1].endsAt).toBe('2026-03-02T00:00:00.000Z');
    expect(week.map((s) => s.startsAt)).toEqual([...week.map((s) => s.startsAt)].sort());
  });
});

describe('availability, rest and overlap', () => {
  it('declared windows cover a shift, also across midnight; none declared means any time', () => {
    const night = windowOn('2026-02-21', '20:00', '08:00'); // Saturday night into Sunday
    expect(windowsCover([], night)).toBe(true);
    expect(windowsCover([{ weekday: 6, start: '18:00', end: '24:00' }, { weekday: 7, start: '00:00', end: '09:00' }], night)).toBe(true);
    expect(windowsCover([{ weekday: 6, start: '18:00', end: '06:00' }], night)).toBe(false);
    expect(windowsCover([{ weekday: 6, start: '19:00', end: '09:00' }], night)).toBe(true);
    expect(windowsCover([{ weekday: 5, start: '08:00', end: '20:00' }], night)).toBe(false);
  });

  it('reports overlap, too little rest, unavailability and a shift already held', () => {
    const s = shift('s2', '2026-02-21T12:00:00Z', '2026-02-22T00:00:00Z');
    const earlier = { shiftId: 's1', start: at('2026-02-21T00:00:00Z'), end: at('2026-02-21T08:00:00Z'), restMs: 8 * MS.HOUR };
    expect(violations(person('a', { commitments: [earlier] }), s)).toEqual(['duty.rest']);
    const rested = { ...earlier, end: at('2026-02-21T04:00:00Z') };
    expect(violations(person('a', { commitments: [rested] }), s)).toEqual([]);
    const clash = { ...earlier, end: at('2026-02-21T13:00:00Z') };
    expect(violations(person('a', { commitments: [clash] }), s)).toEqual(['duty.overlap']);
    // The stricter post wins: the other shift's post asks for 12 hours.
    expect(violations(person('a', { commitments: [{ ...rested, restMs: 12 * MS.HOUR }] }), s)).toEqual(['duty.rest']);
    const sick = person('a', { unavailable: [{ start: at('2026-02-21T10:00:00Z'), end: at('2026-02-21T13:00:00Z') }] });
    expect(violations(sick, s)).toEqual(['duty.unavailable']);
    expect(violations(person('a'), { ...s, assigned: ['a'] })).toEqual(['duty.already_assigned']);
    expect(violations(person('a', { windows: [{ weekday: 1, start: '08:00', end: '16:00' }] }), s)).toEqual(['duty.outside_availability']);
  });
});

describe('the assistant', () => {
  it('fills every slot it can, never double-books, respects rest and returns what stays uncovered', () => {
    const shifts = [
      shift('d1', '2026-02-21T00:00:00Z', '2026-02-21T08:00:00Z', { required: 2 }),
      shift('e1', '2026-02-21T08:00:00Z', '2026-02-21T16:00:00Z', { required: 2 }),
      shift('n1', '2026-02-21T16:00:00Z', '2026-02-22T00:00:00Z', { required: 2, night: true }),
    ];
    const people = ['甲', '乙', '丙', '丁'].map((n) => person(n));
    const plan = planRoster({ shifts, people, nightPreferMen: false });
    // Four people, 8 h rest: d1 takes two, e1 the other two, n1 again the first two (8 h after d1 ended).
    expect(plan.assignments).toHaveLength(6);
    expect(plan.uncovered).toEqual([]);
    for (const s of shifts) {
      const holders = plan.assignments.filter((a) => a.shiftId === s.id).map((a) => a.personId);
      expect(new Set(holders).size).toBe(holders.length);
    }
    const byPerson = new Map<string, string[]>();
    for (const a of plan.assignments) byPerson.set(a.personId, [...(byPerson.get(a.personId) ?? []), a.shiftId]);
    expect(plan.assignments.filter((a) => a.shiftId === 'e1').some((a) => byPerson.get(a.personId)!.includes('d1'))).toBe(false);

    const tight = planRoster({ shifts, people: people.slice(0, 3), nightPreferMen: false });
    expect(tight.uncovered).toEqual([{ shiftId: 'e1', missing: 1 }]);
  });

  it('gives night shifts to men first when preferred, and balances load', () => {
    const night = shift('n', '2026-02-21T12:00:00Z', '2026-02-22T00:00:00Z', { night: true });
    const people = [person('A', { sex: 'F' }), person('B', { sex: 'M' }), person('C', { sex: 'F' })];
    expect(planRoster({ shifts: [night], people, nightPreferMen: true }).assignments).toEqual([{ shiftId: 'n', personId: 'B' }]);
    expect(planRoster({ shifts: [night], people, nightPreferMen: false }).assignments).toEqual([{ shiftId: 'n', personId: 'A' }]);
    const busy = person('A', { commitments: [{ shiftId: 'x', start: at('2026-02-19T00:00:00Z'), end: at('2026-02-19T08:00:00Z'), restMs: 0 }] });
    expect(planRoster({ shifts: [night], people: [busy, person('C')], nightPreferMen: false }).assignments[0].personId).toBe('C');
  });

  it('counts holders already there and skips the unavailable', () => {
    const s = shift('s', '2026-02-21T00:00:00Z', '2026-02-21T08:00:00Z', { required: 2, assigned: ['A'] });
    const out = planRoster({
      shifts: [s],
      people: [person('A'), person('B', { unavailable: [{ start: at('2026-02-20T00:00:00Z'), end: at('2026-03-06T00:00:00Z') }] })],
      nightPreferMen: false,
    });
    expect(out).toEqual({ assignments: [], uncovered: [{ shiftId: 's', missing: 1 }] });
  });
});

describe('gaps, succession, lateness, hours and alerts', () => {
  it('lists coverage gaps', () => {
    expect(coverageGaps([{ id: 'a', required: 2, activeCount: 1 }, { id: 'b', required: 1, activeCount: 3 }])).toEqual([{ shiftId: 'a', missing: 1 }]);
  });

  it('picks the next available in the lead chain', () => {
    expect(nextInLine(['L', 'D', 'N'], ['L'], () => true)).toBe('D');
    expect(nextInLine(['L', 'D', 'N'], ['L'], (id) => id !== 'D')).toBe('N');
    expect(nextInLine(['L'], ['L'], () => true)).toBeNull();
  });

  it('measures lateness with a grace period, the check-in window, and hours until the shift end', () => {
    const start = at('2026-02-21T00:00:00Z');
    expect(lateMinutes(start + 10 * MS.MINUTE, start, 15 * MS.MINUTE)).toBe(0);
    expect(lateMinutes(start + 20 * MS.MINUTE, start, 15 * MS.MINUTE)).toBe(20);
    const iv = { start, end: start + 8 * MS.HOUR };
    expect(checkinOpen(start - 31 * MS.MINUTE, iv, 30 * MS.MINUTE)).toBe(false);
    expect(checkinOpen(start - 30 * MS.MINUTE, iv, 30 * MS.MINUTE)).toBe(true);
    expect(checkinOpen(iv.end, iv, 30 * MS.MINUTE)).toBe(false);
    expect(attendedMs(start, start + 3 * MS.HOUR, iv.end, iv.end + MS.HOUR)).toBe(3 * MS.HOUR);
    expect(attendedMs(start, null, iv.end, iv.end + MS.HOUR)).toBe(8 * MS.HOUR);
    expect(attendedMs(start, null, iv.end, start + 2 * MS.HOUR)).toBe(2 * MS.HOUR);
  });

  it('raises late, missed and uncovered alerts for now', () => {
    const now = at('2026-02-21T08:30:00Z');
    const grace = 15 * MS.MINUTE;
    const alerts = shiftAlerts(now, [
      { id: 'past', start: at('2026-02-21T00:00:00Z'), end: at('2026-02-21T08:00:00Z'), required: 1, graceMs: grace, holders: [{ personId: 'A', checkedIn: false }] },
      { id: 'run', start: at('2026-02-21T08:00:00Z'), end: at('2026-02-21T16:00:00Z'), required: 2, graceMs: grace, holders: [{ personId: 'B', checkedIn: false }] },
      { id: 'soon', start: at('2026-02-21T16:00:00Z'), end: at('2026-02-22T00:00:00Z'), required: 1, graceMs: grace, holders: [] },
      { id: 'fine', start: at('2026-02-21T08:20:00Z'), end: at('2026-02-21T16:00:00Z'), required: 1, graceMs: grace, holders: [{ personId: 'C', checkedIn: false }] },
    ]);
    expect(alerts).toEqual([
      { kind: 'missed', shiftId: 'past', personId: 'A', count: 0 },
      { kind: 'late', shiftId: 'run', personId: 'B', count: 30 },
      { kind: 'uncovered', shiftId: 'run', personId: null, count: 1 },
      { kind: 'uncovered', shiftId: 'soon', personId: null, count: 1 },
    ]);
  });
});
