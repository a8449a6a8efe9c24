import { describe, expect, it } from 'vitest';
import { ageOnDate, isMainlandMobile, parseMainlandIdNumber } from '../../platform/id-number.ts';
import { createRng } from './random.ts';
import { SURNAMES, syntheticPerson, type SyntheticPerson } from './synthetic-people.ts';
import {
  buildDemoDistrict,
  listDemoNodes,
  pickHomeLocations,
  type DemoLevel,
  type DemoNode,
} from './synthetic-district.ts';

const today = '2022-04-15';

describe('createRng', () => {
  it('repeats itself for a seed and differs between seeds', () => {
    const draw = (seed: number) => { const r = createRng(seed); return Array.from({ length: 20 }, () => r.next()); };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
    expect(draw(2 ** 40)).not.toEqual(draw(0));
    expect(() => createRng(1.5)).toThrow(RangeError);
  });

  it('keeps int within inclusive bounds and reaches both ends', () => {
    const r = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(-2, 3);
      expect(Number.isInteger(v) && v >= -2 && v <= 3).toBe(true);
      seen.add(v);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(r.int(7, 7)).toBe(7);
    expect(() => r.int(3, 2)).toThrow(RangeError);
  });

  it('picks, weights, shuffles and samples', () => {
    const r = createRng(2);
    const items = ['a', 'b', 'c', 'd', 'e'];
    const shuffled = r.shuffle(items);
    expect([...shuffled].sort()).toEqual(items);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e']);
    const sample = r.sample(items, 3);
    expect(new Set(sample).size).toBe(3);
    expect(() => r.sample(items, 6)).toThrow(RangeError);
    expect(() => r.pick([])).toThrow(RangeError);

    const counts = { x: 0, y: 0, z: 0 };
    for (let i = 0; i < 4000; i++) counts[r.weightedPick([['x', 3], ['y', 1], ['z', 0]] as const)]++;
    expect(counts.z).toBe(0);
    expect(counts.x / counts.y).toBeGreaterThan(2.5);
    expect(counts.x / counts.y).toBeLessThan(3.5);
    expect(() => r.weightedPick([['x', 0]])).toThrow(RangeError);

    expect(Array.from({ length: 100 }, () => r.chance(0)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, () => r.chance(1)).every(Boolean)).toBe(true);
  });

  it('forks independently of how much the parent has been used', () => {
    const a = createRng(9);
    const b = createRng(9);
    b.next(); b.next();
    expect(a.fork('x').next()).toBe(b.fork('x').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
    expect(a.next()).toBe(createRng(9).next());
  });
});

function people(seed: number, count: number, opts: Partial<Parameters<typeof syntheticPerson>[1]> = {}): SyntheticPerson[] {
  const rng = createRng(seed);
  return Array.from({ length: count }, () => syntheticPerson(rng, { regionCode: '150102', today, ...opts }));
}

describe('syntheticPerson', () => {
  const crowd = people(7, 3000);

  it('is deterministic for a seed', () => {
    expect(people(7, 50)).toEqual(crowd.slice(0, 50));
    expect(people(8, 50)).not.toEqual(crowd.slice(0, 50));
  });

  it('makes identity numbers that validate and agree with the person', () => {
    for (const p of crowd) {
      const parsed = parseMainlandIdNumber(p.idNumber, { today });
      expect(parsed, p.idNumber).toEqual({
        ok: true, value: p.idNumber, birthDate: p.birthDate, sex: p.sex, regionCode: '150102',
      });
    }
  });

  it('keeps identity numbers unique when asked to', () => {
    const usedIdNumbers = new Set<string>();
    // A narrow age band crowds birthdays together, so collisions would be certain without the set.
    const many = people(13, 5000, { minAge: 30, maxAge: 30, sex: 'M', usedIdNumbers });
    expect(new Set(many.map((p) => p.idNumber)).size).toBe(many.length);
    expect(usedIdNumbers.size).toBe(many.length);
    for (const p of many.slice(0, 200)) expect(parseMainlandIdNumber(p.idNumber, { today }).ok).toBe(true);
  });

  it('keeps ages in range, also around 29 February', () => {
    for (const p of crowd) {
      const age = ageOnDate(p.birthDate, today);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThanOrEqual(90);
    }
    for (const day of ['2024-02-29', '2023-02-28', '2023-03-01', '2022-12-31', '2022-01-01']) {
      for (const p of people(3, 200, { today: day, minAge: 3, maxAge: 4 })) {
        expect([3, 4]).toContain(ageOnDate(p.birthDate, day));
        expect(parseMainlandIdNumber(p.idNumber, { today: day }).ok).toBe(true);
      }
    }
  });

  it('gives phones to most, but not to young children and not to many of the very old', () => {
    for (const p of crowd) {
      const age = ageOnDate(p.birthDate, today);
      if (age < 12) expect(p.phone).toBeNull();
      else if (age <= 75) expect(p.phone).not.toBeNull();
      if (p.phone !== null) expect(isMainlandMobile(p.phone), p.phone).toBe(true);
    }
    const old = people(11, 1000, { minAge: 76, maxAge: 100 });
    const without = old.filter((p) => p.phone === null).length / old.length;
    expect(without).toBeGreaterThan(0.24);
    expect(without).toBeLessThan(0.36);
    expect(people(12, 200, { minAge: 0, maxAge: 11 }).every((p) => p.phone === null)).toBe(true);
  });

  it('uses plausible Chinese names with a realistic spread of surnames and sexes', () => {
    for (const p of crowd) expect(p.name).toMatch(/^[\u4e00-\u9fff]{2,6}$/);
    expect(SURNAMES.length).toBeGreaterThanOrEqual(60);
    const top = new Map<string, number>();
    for (const p of crowd) for (const s of ['王', '李', '张', '欧阳']) if (p.name.startsWith(s)) top.set(s, (top.get(s) ?? 0) + 1);
    for (const s of ['王', '李', '张']) expect((top.get(s) ?? 0) / crowd.length).toBeGreaterThan(0.04);
    expect((top.get('欧阳') ?? 0) / crowd.length).toBeLessThan(0.01);
    const men = crowd.filter((p) => p.sex === 'M').length / crowd.length;
    expect(men).toBeGreaterThan(0.45);
    expect(men).toBeLessThan(0.57);
    expect(people(5, 100, { sex: 'F' }).every((p) => p.sex === 'F')).toBe(true);
  });

  it('refuses bad options', () => {
    const rng = createRng(1);
    expect(() => syntheticPerson(rng, { regionCode: '15010', today })).toThrow(RangeError);
    expect(() => syntheticPerson(rng, { regionCode: '150102', today: '2022-02-30' })).toThrow(RangeError);
    expect(() => syntheticPerson(rng, { regionCode: '150102', today, minAge: 30, maxAge: 20 })).toThrow(RangeError);
  });
});

function byLevel(root: DemoNode): Record<DemoLevel, number> {
  const counts = { district: 0, street: 0, town: 0, community: 0, village: 0, compound: 0, building: 0, entrance: 0, household: 0 };
  for (const node of listDemoNodes(root)) counts[node.level]++;
  return counts;
}

const CHILD_LEVELS: Record<DemoLevel, DemoLevel[]> = {
  district: ['street', 'town'],
  street: ['community'],
  town: ['village'],
  community: ['compound'],
  village: ['household'],
  compound: ['building'],
  building: ['entrance'],
  entrance: ['household'],
  household: [],
};

describe('buildDemoDistrict', () => {
  it('is deterministic for a seed', () => {
    expect(buildDemoDistrict({ seed: 1, today })).toEqual(buildDemoDistrict({ seed: 1, today }));
    expect(buildDemoDistrict({ seed: 1, today })).not.toEqual(buildDemoDistrict({ seed: 2, today }));
  });

  it('defaults to one street of 4 communities plus a town with 2 villages', () => {
    const { district, units } = buildDemoDistrict({ seed: 1, today });
    expect(district).toMatchObject({ key: 'd', level: 'district', name: '新城区', code: '150102' });
    const counts = byLevel(district);
    expect(counts).toMatchObject({ district: 1, street: 1, town: 1, community: 4, village: 2 });
    expect(district.children.map((c) => c.level)).toEqual(['street', 'town']);
    expect(district.children[0]?.name).toMatch(/街道$/);
    expect(district.children[1]?.name).toMatch(/镇$/);
    expect(units).toHaveLength(6);
  });

  it('splits communities into streets of 4', () => {
    const { district } = buildDemoDistrict({ seed: 3, communities: 10, today });
    const streets = district.children.filter((c) => c.level === 'street');
    expect(streets.map((s) => s.children.length)).toEqual([4, 4, 2]);
    expect(byLevel(district).community).toBe(10);
  });

  it('respects the shape at every level', () => {
    const { district } = buildDemoDistrict({ seed: 5, communities: 12, today });
    for (const node of listDemoNodes(district)) {
      for (const child of node.children) expect(CHILD_LEVELS[node.level]).toContain(child.level);
      const n = node.children.length;
      if (node.level === 'community') expect(n >= 2 && n <= 4).toBe(true);
      if (node.level === 'compound') expect(n >= 2 && n <= 6).toBe(true);
      if (node.level === 'building') expect(n >= 1 && n <= 3).toBe(true);
      if (node.level === 'entrance') expect(n >= 6 && n <= 12).toBe(true);
      if (node.level === 'town') expect(n).toBe(2);
      if (node.level === 'village') expect(n).toBeGreaterThan(0);
      if (node.level === 'household') expect(node.name).toMatch(/^\d+(室|号)$/);
      if (node.level === 'entrance') expect(node.name).toMatch(/^\d单元$/);
      if (node.level === 'building') expect(node.name).toMatch(/^\d号楼$/);
      if (node.level === 'street' || node.level === 'town') expect(node.code).toMatch(/^150102\d{3}$/);
      if (node.level === 'community' || node.level === 'village') expect(node.code).toMatch(/^150102\d{6}$/);
    }
  });

  it('has unique keys and codes, and unique names among siblings', () => {
    for (const communities of [1, 4, 37, 396]) {
      const { district, units } = buildDemoDistrict({ seed: 8, communities, today });
      const nodes = listDemoNodes(district);
      const keys = [...nodes.map((n) => n.key), ...units.map((u) => u.key)];
      expect(new Set(keys).size).toBe(keys.length);
      const codes = nodes.flatMap((n) => (n.code ? [n.code] : []));
      expect(new Set(codes).size).toBe(codes.length);
      const clashes = nodes.filter((node) => new Set(node.children.map((c) => c.name)).size !== node.children.length);
      expect(clashes.map((n) => n.key)).toEqual([]);
      const communityNames = listDemoNodes(district, 'community').map((c) => c.name);
      expect(new Set(communityNames).size).toBe(communities);
      expect(new Set(units.map((u) => u.name)).size).toBe(units.length);
    }
  });

  it('keeps a community the same when the district grows', () => {
    const small = buildDemoDistrict({ seed: 4, communities: 4, today });
    const large = buildDemoDistrict({ seed: 4, communities: 9, today });
    expect(large.district.children[0]).toEqual(small.district.children[0]);
  });

  it('pairs each unit with its own community or village', () => {
    const { district, units } = buildDemoDistrict({ seed: 6, communities: 8, today });
    const targets = new Map(listDemoNodes(district).map((n) => [n.key, n.level]));
    expect(new Set(units.map((u) => u.pairedCommunityKey)).size).toBe(units.length);
    for (const unit of units) {
      expect(['community', 'village']).toContain(targets.get(unit.pairedCommunityKey));
      expect(unit.partyGroupName.startsWith(unit.name)).toBe(true);
      expect(unit.branches.length).toBeGreaterThan(0);
      for (const branch of unit.branches) expect(branch).toMatch(/党支部$/);
    }
  });

  it('refuses bad options', () => {
    expect(() => buildDemoDistrict({ seed: 1, communities: 0, today })).toThrow(RangeError);
    expect(() => buildDemoDistrict({ seed: 1, communities: 397, today })).toThrow(RangeError);
    expect(() => buildDemoDistrict({ seed: 1, communities: 2.5, today })).toThrow(RangeError);
    expect(() => buildDemoDistrict({ seed: 1, today: '2022/04/15' })).toThrow(RangeError);
  });
});

describe('pickHomeLocations', () => {
  const { district } = buildDemoDistrict({ seed: 2, today });
  const households = new Set(listDemoNodes(district, 'household').map((n) => n.key));

  it('places residents in families in existing households', () => {
    const homes = pickHomeLocations(district, createRng(1), 500);
    expect(homes).toHaveLength(500);
    for (const key of homes) expect(households.has(key)).toBe(true);
    // Each family is one run of equal keys.
    const runs = homes.filter((key, i) => i === 0 || homes[i - 1] !== key);
    expect(new Set(runs).size).toBe(runs.length);
    const mean = homes.length / runs.length;
    expect(mean).toBeGreaterThan(2);
    expect(mean).toBeLessThan(3.3);
    expect(pickHomeLocations(district, createRng(1), 500)).toEqual(homes);
  });

  it('copes with more residents than homes, none, and a subtree', () => {
    expect(pickHomeLocations(district, createRng(1), households.size * 5)).toHaveLength(households.size * 5);
    expect(pickHomeLocations(district, createRng(1), 0)).toEqual([]);
    const village = listDemoNodes(district, 'village')[0]!;
    for (const key of pickHomeLocations(village, createRng(3), 20)) expect(key.startsWith(`${village.key}.`)).toBe(true);
  });
});
