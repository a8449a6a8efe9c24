import { z } from 'zod';
import { zId } from '../../platform/validation.ts';

// Queries and views of live coverage (检测进度), shared by the API and the /nat/coverage page.

export const COVERAGE_LIMITS = {
  untestedPage: 200,
  /** Recent window for the sampling rate behind the queue estimate. */
  rateWindowMinutes: 30,
  /** Buckets of the sampled-over-time series, in minutes. */
  bucketMinutes: [15, 60] as const,
} as const;

/** A node inside the round (and the actor's reach); omitted = the round's root as far as the actor reaches. */
export const CoverageNodeQuery = z.object({ nodeId: zId.optional() });
export type TCoverageNodeQuery = z.infer<typeof CoverageNodeQuery>;

export const ExportQuery = CoverageNodeQuery.extend({ lang: z.enum(['zh', 'en']).optional() });
export type TExportQuery = z.infer<typeof ExportQuery>;

export const UntestedQuery = z.object({
  nodeId: zId.optional(),
  /** Opaque keyset cursor: the `next` of the previous page. */
  after: z.string().max(2000).optional(),
  limit: z.coerce.number().int().min(1).max(COVERAGE_LIMITS.untestedPage).default(50),
});
export type TUntestedQuery = z.infer<typeof UntestedQuery>;

export const SeriesQuery = z.object({
  nodeId: zId.optional(),
  bucket: z.coerce.number().int().refine((n) => (COVERAGE_LIMITS.bucketMinutes as readonly number[]).includes(n), 'nat.bucket_invalid').default(60),
});
export type TSeriesQuery = z.infer<typeof SeriesQuery>;

export interface CoverageCounts {
  /** Must be tested (required = 1). */
  required: number;
  /** Of those, sampled (an accepted first sample). */
  sampled: number;
  untested: number;
  /** Exempt by the round's rule (required = 0 with a reason, e.g. infants). */
  exempt: number;
  /** Sampled although not required (exempt, or not in the round's population). */
  sampledNotRequired: number;
}

export interface CoverageRoundView {
  id: string;
  name: string;
  number: number;
  status: string;
  nodeId: string;
  startsOn: string;
  endsOn: string;
}

export interface CoverageNodeRow extends CoverageCounts {
  nodeId: string;
  name: string;
  levelCode: string;
  /** False for a household (nothing to drill into). */
  hasChildren: boolean;
}

export interface CoverageNodesView {
  round: CoverageRoundView;
  node: CoverageNodeRow;
  /** Ancestors from the round's root (or the actor's top) down to the node, for the breadcrumb. */
  trail: Array<{ nodeId: string; name: string }>;
  children: CoverageNodeRow[];
  at: string;
}

export interface QueueEstimate {
  /** Required people whose batch slot at this site has started. */
  expected: number;
  /** Of those, already sampled (at any site). */
  sampled: number;
  /** expected − sampled (never below 0): people called and not yet sampled. */
  waiting: number;
  /** Accepted samples per minute at the site over the recent window. */
  ratePerMinute: number;
  /** Desks that registered a sample in the recent window. */
  activeDesks: number;
  /** waiting ÷ rate; null when nothing was sampled in the window. */
  minutesToClear: number | null;
}

export interface SiteHour {
  /** Start of the hour, ISO UTC; the page shows it in Asia/Shanghai time. */
  at: string;
  count: number;
}

export interface SiteCoverageRow {
  siteId: string;
  name: string;
  opensAt: string;
  closesAt: string;
  desks: number;
  sampled: number;
  /** Accepted samples in the current clock hour. */
  thisHour: number;
  perHour: SiteHour[];
  tubesOpen: number;
  tubesClosed: number;
  /** null when the site has no batch slots yet. */
  queue: QueueEstimate | null;
}

export interface SitesCoverageView {
  sites: SiteCoverageRow[];
  at: string;
}

export interface UntestedRow {
  /** The resident id (list key). */
  id: string;
  householdId: string;
  /** Names of the places below the listed node: compound building entrance household. */
  address: string;
  name: string;
  phoneMasked: string | null;
  needs: Array<{ kind: string; note: string | null }>;
  /** Status of the person's home-visit task this round, if any (open | sampled | nobody_home | refused). */
  doorTask: { reason: string; status: string } | null;
  controlStatus: string | null;
}

export interface UntestedPage {
  items: UntestedRow[];
  next: string | null;
}

export interface SeriesPoint {
  /** Bucket start, ISO UTC. */
  at: string;
  count: number;
  cumulative: number;
}

export interface SeriesView {
  bucketMinutes: number;
  points: SeriesPoint[];
  at: string;
}
