import { describe, expect, it } from 'vitest';
import { addDays, proposeMeasures, testDays } from './outsiders.rules.ts';
import type { RuleSet } from './outsiders.schema.ts';

const NINTH: RuleSet = {
  high: [{ kind: 'central_isolation', days: 7 }],
  medium: [{ kind: 'home_isolation', days: 7 }],
  low: [{ kind: 'tests', days: 3, count: 2 }],
  none: [],
};

describe('measures rule set: proposed schedules', () => {
  it('counts days across month and year ends', () => {
    expect(addDays('2022-12-29', 7)).toBe('2023-01-05');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });

  it('spreads tests over the window, first and last day included', () => {
    expect(testDays('2022-07-10', '2022-07-12', 2)).toEqual(['2022-07-10', '2022-07-12']);
    expect(testDays('2022-07-01', '2022-07-07', 3)).toEqual(['2022-07-01', '2022-07-04', '2022-07-07']);
    expect(testDays('2022-07-01', '2022-07-07', 1)).toEqual(['2022-07-01']);
  });

  it('proposes the 9th-edition measures for high, medium, low and none', () => {
    expect(proposeMeasures(NINTH, 'high', '2022-07-10')).toEqual([{ kind: 'central_isolation', startsOn: '2022-07-10', endsOn: '2022-07-16', testDays: null }]);
    expect(proposeMeasures(NINTH, 'medium', '2022-07-10')).toEqual([{ kind: 'home_isolation', startsOn: '2022-07-10', endsOn: '2022-07-16', testDays: null }]);
    expect(proposeMeasures(NINTH, 'low', '2022-07-10')).toEqual([{ kind: 'tests', startsOn: '2022-07-10', endsOn: '2022-07-12', testDays: ['2022-07-10', '2022-07-12'] }]);
    expect(proposeMeasures(NINTH, 'none', '2022-07-10')).toEqual([]);
  });

  it('starts a follow-on measure after its offset (7 days isolation, then 7 days monitoring)', () => {
    const rules: RuleSet = { ...NINTH, high: [{ kind: 'central_isolation', days: 7 }, { kind: 'home_monitoring', days: 7, offsetDays: 7 }] };
    expect(proposeMeasures(rules, 'high', '2022-07-10').map((m) => [m.kind, m.startsOn, m.endsOn])).toEqual([
      ['central_isolation', '2022-07-10', '2022-07-16'], ['home_monitoring', '2022-07-17', '2022-07-23'],
    ]);
  });
});
