import type { Scope } from '../../platform/policy.ts';
import type { SlowQueryMemo } from './coverage-memo.ts';
import { CoverageRepository } from './coverage.repository.ts';
import { COVERAGE_LIMITS, type QueueEstimate, type SiteCoverageRow, type SitesCoverageView } from './coverage.schema.ts';
import type { NatDeps } from './nat.deps.ts';
import type { RoundRow } from './plan.repository.ts';

/**
 * The places a site's started slots call, reduced to disjoint paths (a compound slot covers its building slots)
 * and cut to the actor's reach (a community secretary counts only their community's people).
 */
export function calledPaths(slotPaths: string[], scope: Scope): string[] {
  const inReach: string[] = [];
  for (const p of slotPaths) {
    if (scope.kind === 'all') inReach.push(p);
    else if (scope.kind === 'subtree') {
      if (p.startsWith(scope.path)) inReach.push(p);
      else if (scope.path.startsWith(p)) inReach.push(scope.path);
    }
  }
  const sorted = [...new Set(inReach)].sort();
  const out: string[] = [];
  for (const p of sorted) if (!out.some((q) => p.startsWith(q))) out.push(p);
  return out;
}

/**
 * Queue estimate of a site. expected = required people under the site's batch slots that have started by now
 * (everyone called so far); waiting = those of them not yet sampled (at any site), never below 0. The rate is the
 * site's accepted samples over the last 30 minutes; minutes to clear = waiting ÷ rate (null when the rate is 0).
 */
export function queueEstimate(expected: number, sampled: number, recent: { n: number; desks: number } | undefined): QueueEstimate {
  const waiting = Math.max(0, expected - sampled);
  const ratePerMinute = (recent?.n ?? 0) / COVERAGE_LIMITS.rateWindowMinutes;
  return {
    expected, sampled, waiting, ratePerMinute: Math.round(ratePerMinute * 100) / 100, activeDesks: recent?.desks ?? 0,
    minutesToClear: ratePerMinute > 0 ? Math.ceil(waiting / ratePerMinute) : null,
  };
}

export async function sitesCoverage(deps: NatDeps, scope: Scope, round: RoundRow, memo: SlowQueryMemo): Promise<SitesCoverageView> {
  const repo = new CoverageRepository(deps.db);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - COVERAGE_LIMITS.rateWindowMinutes * 60_000).toISOString();
  const thisHour = now.toISOString().slice(0, 13);
  const sites = await repo.sites(round.id, scope);
  const [desks, hours, recent, tubes, slots] = await Promise.all([
    repo.desksPerSite(round.id), memo.get(`site-hours:${round.id}`, () => repo.samplesPerSiteHour(round.id)),
    repo.recentPerSite(round.id, sites.map((s) => s.id), since), memo.get(`site-tubes:${round.id}`, () => repo.tubesPerSite(round.id)),
    repo.startedSlots(round.id, now.toISOString()),
  ]);
  const rows: SiteCoverageRow[] = [];
  for (const s of sites) {
    const perHour = hours.filter((h) => h.site_id === s.id).sort((a, b) => a.hour.localeCompare(b.hour))
      .map((h) => ({ at: new Date(`${h.hour}:00:00.000Z`).toISOString(), count: h.n }));
    const paths = calledPaths(slots.filter((x) => x.site_id === s.id).map((x) => x.node_path), scope);
    let queue: QueueEstimate | null = null;
    if (paths.length > 0) {
      let expected = 0;
      let sampled = 0;
      for (const p of paths) {
        const c = await memo.get(`totals:${round.id}:${p}`, () => repo.counts(round.id, p));
        expected += c.required;
        sampled += c.sampled;
      }
      queue = queueEstimate(expected, sampled, recent.get(s.id));
    }
    rows.push({
      siteId: s.id, name: s.name, opensAt: s.opens_at, closesAt: s.closes_at, desks: desks.get(s.id) ?? 0,
      sampled: perHour.reduce((a, h) => a + h.count, 0),
      thisHour: hours.filter((h) => h.site_id === s.id && h.hour === thisHour).reduce((a, h) => a + h.n, 0),
      perHour, tubesOpen: tubes.get(s.id)?.open ?? 0, tubesClosed: tubes.get(s.id)?.closed ?? 0, queue,
    });
  }
  return { sites: rows, at: now.toISOString() };
}
