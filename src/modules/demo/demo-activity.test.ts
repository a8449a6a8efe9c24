import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../platform/clock.ts';
import { SYSTEM_ACTOR } from '../../platform/policy.ts';
import { createTestApp, type TestApp } from '../../../test/support/harness.ts';
import { CaseListQuery } from '../nat/results.schema.ts';
import { ArrivalListQuery } from '../outsiders/outsiders.schema.ts';
import { loadDemo } from './demo.loader.ts';

// The demo district at work: a screening campaign, arrivals with measures, a testing round with samples, bags, lab
// results and home visits, a declaration campaign — all through the services, and a second load adds nothing.

const TABLES = [
  'residents', 'people', 'screening_campaigns', 'screening_visits', 'screening_assignees', 'arrivals', 'arrival_measures',
  'nat_rounds', 'nat_round_residents', 'nat_sites', 'nat_desks', 'nat_site_staff', 'nat_site_areas', 'nat_slots', 'resident_codes',
  'nat_tubes', 'nat_samples', 'nat_bags', 'nat_lab_imports', 'nat_cases', 'nat_door_tasks', 'declaration_campaigns',
  'declaration_entries', 'declaration_history',
] as const;

describe('demo activity', () => {
  let t: TestApp;
  const clock = fixedClock('2026-02-21T03:30:00.000Z'); // 11:30 in Shanghai: the round's first morning
  const options = { communities: 2, residents: 260, seed: 2020 };

  async function counts(): Promise<Record<string, number>> {
    const db = t.ctx.database.db;
    const out: Record<string, number> = {};
    for (const table of TABLES) {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    const summary = await loadDemo(t.ctx, SYSTEM_ACTOR, options);
    expect(summary.activity?.failed).toEqual([]);
  }, 120_000);
  afterAll(async () => t?.close());

  it('records a screening campaign under way', async () => {
    const { services } = t.ctx;
    const [campaign] = await services.screening.listCampaigns(SYSTEM_ACTOR, 'all');
    expect(campaign?.name).toMatch(/入户登记排查$/);
    const { total, tasks } = await services.screening.progress(SYSTEM_ACTOR, campaign!.id);
    expect(total.visited).toBeGreaterThan(3);
    expect(total.nobodyHome + total.refused).toBeGreaterThan(0);
    expect(total.symptomatic).toBe(1);
    expect(total.needsFound).toBe(1);
    expect(total.newPeople).toBe(1);
    expect(total.notYet).toBeGreaterThan(0);
    expect(tasks[0]!.assignees.length).toBeGreaterThan(0);
  });

  it('runs a testing round with partial coverage, bags, results, a case and home visits', async () => {
    const { services } = t.ctx;
    const [round] = await services.natPlan.listRounds(SYSTEM_ACTOR);
    expect(round).toMatchObject({ name: '第三轮全员核酸检测', number: 3, status: 'open' });
    const roster = await services.natPlan.roster(SYSTEM_ACTOR, round!.id);
    expect(roster.sampled / roster.required).toBeGreaterThan(0.4);
    expect(roster.sampled / roster.required).toBeLessThan(0.85);
    const sites = await services.natPlan.sites.list(SYSTEM_ACTOR, round!.id);
    expect(sites).toHaveLength(2);
    expect(sites.map((s) => s.poolSize)).toEqual([null, 5]);
    expect(sites[0]!.desks.map((d) => d.kind)).toContain('single');
    expect(sites.every((s) => s.staff.length > 0 && s.areas.length > 0)).toBe(true);
    expect(sites[0]!.staff.some((s) => s.fromAt && s.toAt)).toBe(true);
    expect((await services.natPlan.slots.list(SYSTEM_ACTOR, round!.id)).length).toBeGreaterThan(3);
    const summary = await services.natResults.summary(SYSTEM_ACTOR, round!.id);
    expect(summary.tubes.positive).toBe(2);
    expect(summary.tubes.invalid).toBe(1);
    expect(summary.tubes.negative).toBeGreaterThan(5);
    expect(summary.tubes.pending).toBeGreaterThan(0);
    expect(summary.controlled).toBeGreaterThan(1);
    expect(summary.resamplesOutstanding).toBeGreaterThan(1);
    expect(summary.openCases).toBe(1);
    const cases = await services.natResults.cases(SYSTEM_ACTOR, round!.id, CaseListQuery.parse({}));
    expect(cases.items[0]!.exposure.staff.length).toBeGreaterThan(0);
    const sitesNow = await services.natCoverage.sites(SYSTEM_ACTOR, round!.id);
    expect(sitesNow.sites.reduce((n, s) => n + s.sampled, 0)).toBe(roster.sampled - 1);
    const bags = await t.ctx.database.db.selectFrom('nat_bags').select(['status']).execute();
    expect(bags.map((b) => b.status)).toEqual(['handed_over', 'handed_over']);
    const door = await services.natDesk.doorTasks(SYSTEM_ACTOR, round!.id, false);
    const doorTasks = door.buildings.flatMap((b) => b.tasks);
    expect(doorTasks.some((d) => d.reason === 'home_isolation')).toBe(true);
    expect(doorTasks.some((d) => d.status === 'sampled')).toBe(true);
    expect(doorTasks.some((d) => d.status === 'nobody_home')).toBe(true);
  });

  it('lists arrivals with proposed and confirmed measures, some due today', async () => {
    const { services } = t.ctx;
    const arrivals = await services.outsiders.list(SYSTEM_ACTOR, ArrivalListQuery.parse({ limit: 50 }));
    expect(arrivals.items.length).toBe(7);
    const statuses = arrivals.items.flatMap((a) => a.measures.map((m) => m.status));
    expect(statuses).toContain('proposed');
    expect(statuses).toContain('confirmed');
    const due = await services.outsiders.due(SYSTEM_ACTOR, {});
    expect(due.counts.test_due).toBeGreaterThanOrEqual(2);
    expect(due.counts.isolation_ends).toBeGreaterThanOrEqual(1);
  });

  it('has a declaration campaign with some declared and some not', async () => {
    const { services } = t.ctx;
    const [campaign] = await services.declarations.list(SYSTEM_ACTOR);
    expect(campaign!.counts.declared).toBeGreaterThan(0);
    expect(campaign!.counts.staff - campaign!.counts.declared).toBeGreaterThan(0);
    expect(campaign!.counts.flagged).toBeGreaterThan(0);
  });

  it('adds nothing when loaded again, also an hour later', async () => {
    const before = await counts();
    clock.advance(3_600_000);
    const again = await loadDemo(t.ctx, SYSTEM_ACTOR, options);
    expect(again.activity?.failed).toEqual([]);
    expect(await counts()).toEqual(before);
  }, 120_000);
});
