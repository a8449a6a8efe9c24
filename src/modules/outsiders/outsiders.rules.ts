import type { MeasureKind, ProposedMeasure, RiskLevel, RuleSet } from './outsiders.schema.ts';

// Pure schedule arithmetic of the measures rule set: no storage, no clock, so it is tested on its own.

/** 'YYYY-MM-DD' plus n calendar days (Shanghai days have no daylight saving, so UTC arithmetic is exact). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (to − from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * `count` test days spread evenly over [start, end], first and last included: 2 tests in 3 days → days 1 and 3;
 * 3 in 7 → days 1, 4, 7; one test → the first day.
 */
export function testDays(start: string, end: string, count: number): string[] {
  const span = daysBetween(start, end);
  if (count <= 1 || span <= 0) return [start];
  const days = new Set<string>();
  for (let i = 0; i < count; i++) days.add(addDays(start, Math.round((i * span) / (count - 1))));
  return [...days];
}

/** The measures a rule set proposes for an arrival from a region of `riskLevel` on `arrivalDate`. */
export function proposeMeasures(rules: RuleSet, riskLevel: RiskLevel, arrivalDate: string): ProposedMeasure[] {
  return rules[riskLevel].map((rule) => {
    const startsOn = addDays(arrivalDate, rule.offsetDays ?? 0);
    const endsOn = addDays(startsOn, rule.days - 1);
    return { kind: rule.kind, startsOn, endsOn, testDays: rule.kind === 'tests' ? testDays(startsOn, endsOn, rule.count ?? 1) : null };
  });
}

/** The schedule after an adjustment: tests keep their number of tests, spread over the new dates. */
export function adjustedTestDays(kind: MeasureKind, startsOn: string, endsOn: string, previous: string[] | null): string[] | null {
  if (kind !== 'tests') return null;
  return testDays(startsOn, endsOn, previous?.length ?? (startsOn === endsOn ? 1 : 2));
}
