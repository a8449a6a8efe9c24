import { shanghaiDay, shanghaiDayStart } from '../../platform/clock.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import type { MobilizationCounts, TCountsQuery, TodayCounts } from './dispatch.schema.ts';
import type { MobilizationDeps } from './dispatch.views.ts';
import { CountsRepository, type CountFilter } from './counts.repository.ts';
import { ReachRepository } from './reach.repository.ts';

/** Dispatched / reported in / assigned per unit and per receiving place, and the figures of today. */
export class CountsService {
  constructor(private readonly deps: MobilizationDeps) {}

  async counts(actor: Actor, query: TCountsQuery): Promise<MobilizationCounts> {
    const scope = requirePermission(actor, 'mobilization.read');
    const filter = await this.filter(query);
    if (!filter) return { totals: { dispatched: 0, reportedIn: 0, assigned: 0 }, byUnit: [], byNode: [] };
    const repo = new CountsRepository(this.deps.db);
    const byUnit = await repo.byUnit(scope, filter);
    const byNode = await repo.byNode(scope, filter);
    const totals = byUnit.reduce(
      (t, u) => ({ dispatched: t.dispatched + u.dispatched, reportedIn: t.reportedIn + u.reportedIn, assigned: t.assigned + u.assigned }),
      { dispatched: 0, reportedIn: 0, assigned: 0 },
    );
    return { totals, byUnit, byNode };
  }

  /** Today is the Asia/Shanghai calendar day of the clock, whatever the server's time zone. */
  async today(actor: Actor, query: TCountsQuery): Promise<TodayCounts> {
    const scope = requirePermission(actor, 'mobilization.read');
    const now = this.deps.clock.now();
    const day = shanghaiDay(now);
    const from = shanghaiDayStart(day).toISOString();
    const to = new Date(shanghaiDayStart(day).getTime() + 24 * 3600 * 1000).toISOString();
    const filter = await this.filter(query);
    if (!filter) {
      return {
        day, active: { dispatched: 0, reportedIn: 0, assigned: 0 }, reportedToday: 0, assignedToday: 0, teams: 0, teamMembers: 0,
        pledges: 0, fulfilmentsToday: 0, volunteersPending: 0, volunteersToday: 0,
      };
    }
    const repo = new CountsRepository(this.deps.db);
    const teams = await repo.teams(scope, filter.nodePath);
    const pledges = await repo.pledges(scope, filter.nodePath, day);
    const volunteers = await repo.volunteers(scope, filter.nodePath, from, to);
    return {
      day,
      active: await repo.active(scope, filter, day),
      reportedToday: await repo.within(scope, filter, 'dm.reported_at', from, to),
      assignedToday: await repo.within(scope, filter, 'dm.assigned_at', from, to),
      teams: teams.teams,
      teamMembers: teams.members,
      pledges: pledges.pledges,
      fulfilmentsToday: pledges.fulfilmentsToday,
      volunteersPending: volunteers.pending,
      volunteersToday: volunteers.today,
    };
  }

  private async filter(query: TCountsQuery): Promise<CountFilter | null> {
    const filter: CountFilter = { unitId: query.unitId };
    const nodePath = await new ReachRepository(this.deps.db).pathFilter(query.nodeId);
    if (nodePath === null) return null;
    filter.nodePath = nodePath;
    return filter;
  }
}
