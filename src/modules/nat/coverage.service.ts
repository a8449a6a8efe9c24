import { AppError, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/id-number.ts';
import { ID_PATTERN } from '../../platform/ids.ts';
import { pathInScope, requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { exportUntested } from './coverage-export.ts';
import { SlowQueryMemo } from './coverage-memo.ts';
import { sitesCoverage } from './coverage-sites.ts';
import { CoverageRepository, type CountsRow, type NodeRow } from './coverage.repository.ts';
import type {
  CoverageCounts, CoverageNodeRow, CoverageNodesView, CoverageRoundView, SeriesView, SitesCoverageView, TCoverageNodeQuery,
  TSeriesQuery, TUntestedQuery, UntestedPage, UntestedRow,
} from './coverage.schema.ts';
import type { NatDeps } from './nat.deps.ts';
import { findRoundInScope, pathAndAncestors, roundVisible, type RoundRow } from './plan.repository.ts';

const naturalOrder = new Intl.Collator('zh-CN', { numeric: true });
const PATH_PATTERN = /^(\/[0-9A-HJKMNP-TV-Z]{26})+\/$/;
/** Where a coverage query looks: the round, the node and its path, within the actor's reach. */
export interface CoverageTarget {
  round: RoundRow;
  node: NodeRow;
  /** Path of the top the actor sees of this round: the round's root, or the actor's own place when inside it. */
  topPath: string;
}

export function countsView(c: CountsRow): CoverageCounts {
  return { required: c.required, sampled: c.sampled, untested: c.required - c.sampled, exempt: c.exempt, sampledNotRequired: c.sampled_not_required };
}

function sumCounts(rows: CoverageCounts[]): CountsRow {
  const out: CountsRow = { required: 0, sampled: 0, exempt: 0, sampled_not_required: 0 };
  for (const r of rows) {
    out.required += r.required;
    out.sampled += r.sampled;
    out.exempt += r.exempt;
    out.sampled_not_required += r.sampledNotRequired;
  }
  return out;
}

function roundView(r: RoundRow): CoverageRoundView {
  return { id: r.id, name: r.name, number: r.number, status: r.status, nodeId: r.node_id, startsOn: r.starts_on, endsOn: r.ends_on };
}

export function encodeCursor(path: string, id: string): string {
  return Buffer.from(JSON.stringify([path, id])).toString('base64url');
}

/** The keyset cursor of the untested list, checked to lie inside the listed path. */
export function decodeCursor(cursor: string, within: string): { path: string; id: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  if (Array.isArray(parsed) && parsed.length === 2) {
    const [path, id] = parsed as unknown[];
    if (typeof path === 'string' && typeof id === 'string' && PATH_PATTERN.test(path) && ID_PATTERN.test(id) && path.startsWith(within)) {
      return { path, id };
    }
  }
  throw new AppError('VALIDATION', 'bad cursor', [{ path: 'after', message: 'nat.cursor_invalid' }]);
}

/** Live coverage of a round: totals per node, per site, the untested list, the time series and the export. */
export class NatCoverageService {
  /** Slow aggregates (a whole district) answered once per 10 s however many pages poll them. */
  readonly memo = new SlowQueryMemo();

  constructor(readonly deps: NatDeps) {}

  /** Totals under a path (remembered briefly when the scan was slow). */
  totals(repo: CoverageRepository, roundId: string, path: string): Promise<CountsRow> {
    return this.memo.get(`totals:${roundId}:${path}`, () => repo.counts(roundId, path));
  }

  /** Rounds the actor can follow, newest first (for the page's picker). */
  async rounds(actor: Actor): Promise<CoverageRoundView[]> {
    const scope = requirePermission(actor, 'nat.read');
    const rows = await this.deps.db.selectFrom('nat_rounds').selectAll().where((eb) => roundVisible(eb, 'nat_rounds.node_path', scope))
      .orderBy('starts_on', 'desc').orderBy('number', 'desc').limit(100).execute();
    return rows.map(roundView);
  }

  /** A node's totals and those of each child (drill-down: compounds → buildings → entrances → households). */
  async nodes(actor: Actor, roundId: string, query: TCoverageNodeQuery): Promise<CoverageNodesView> {
    const scope = requirePermission(actor, 'nat.read');
    const { round, node, topPath } = await this.target(scope, actor, roundId, query.nodeId);
    const repo = new CoverageRepository(this.deps.db);
    // The whole table is remembered when it was slow (a district's streets: each scan quick, together not).
    const { children, own } = await this.memo.get(`drill:${round.id}:${node.path}`, async () => {
      const kids = await repo.children(node.id);
      kids.sort((a, b) => naturalOrder.compare(a.name, b.name));
      const rows: CoverageNodeRow[] = [];
      for (const k of kids) {
        rows.push({ nodeId: k.id, name: k.name, levelCode: k.level_code, hasChildren: k.child_count > 0, ...countsView(await this.totals(repo, round.id, k.path)) });
      }
      // Roster rows sit at household paths, so a node with children totals exactly its children's sums.
      return { children: rows, own: rows.length > 0 ? sumCounts(rows) : await this.totals(repo, round.id, node.path) };
    });
    const self: CoverageNodeRow = { nodeId: node.id, name: node.name, levelCode: node.level_code, hasChildren: children.length > 0, ...countsView(own) };
    const trailIds = pathAndAncestors(node.path).filter((p) => p.length >= topPath.length).map((p) => p.split('/').at(-2) as string);
    const trailNodes = new Map((await repo.nodesByIds(trailIds)).map((n) => [n.id, n.name]));
    return {
      round: roundView(round), node: self, children, at: this.deps.clock.now().toISOString(),
      trail: trailIds.map((id) => ({ nodeId: id, name: trailNodes.get(id) ?? '' })),
    };
  }

  /** How many must still be tested under the node (the partial index alone). */
  async untestedCount(actor: Actor, roundId: string, query: TCoverageNodeQuery): Promise<{ untested: number }> {
    const scope = requirePermission(actor, 'nat.read');
    const { round, node } = await this.target(scope, actor, roundId, query.nodeId);
    return { untested: await new CoverageRepository(this.deps.db).untestedCount(round.id, node.path) };
  }

  /** The untested list under a node, in door order, page by page (keyset, never OFFSET). */
  async untested(actor: Actor, roundId: string, query: TUntestedQuery): Promise<UntestedPage> {
    const scope = requirePermission(actor, 'nat.read');
    const { round, node } = await this.target(scope, actor, roundId, query.nodeId);
    const after = query.after ? decodeCursor(query.after, node.path) : null;
    const repo = new CoverageRepository(this.deps.db);
    const keys = await repo.untestedPage(round.id, node.path, after, query.limit + 1);
    const page = keys.slice(0, query.limit);
    const items = await this.untestedRows(repo, round.id, node.path, page);
    const last = page.at(-1);
    return { items, next: keys.length > query.limit && last ? encodeCursor(last.node_path, last.resident_id) : null };
  }

  /** Rows of the list: address below the listed node, masked phone, special needs, the door task if any. */
  async untestedRows(repo: CoverageRepository, roundId: string, basePath: string, page: Array<{ resident_id: string; household_id: string; node_path: string; control_status: string | null }>): Promise<UntestedRow[]> {
    const ids = page.map((k) => k.resident_id);
    const below = page.map((k) => k.node_path.slice(basePath.length).split('/').filter(Boolean).slice(-4));
    const [people, needs, tasks, places] = await Promise.all([
      repo.residents(ids), repo.needs(ids), repo.doorTasks(roundId, ids), repo.nodesByIds([...new Set(below.flat())]),
    ]);
    const names = new Map(places.map((p) => [p.id, p.name]));
    return page.map((k, i) => {
      const person = people.get(k.resident_id);
      return {
        id: k.resident_id, householdId: k.household_id, address: below[i].map((id) => names.get(id) ?? '').filter(Boolean).join(' '),
        name: person?.name ?? '', phoneMasked: person?.phone_enc ? maskPhone(this.deps.cipher.decrypt(person.phone_enc)) : null,
        needs: needs.get(k.resident_id) ?? [], doorTask: tasks.get(k.resident_id) ?? null, controlStatus: k.control_status,
      };
    });
  }

  /** People first sampled per bucket (15 or 60 minutes) under the node, with the running total. */
  async series(actor: Actor, roundId: string, query: TSeriesQuery): Promise<SeriesView> {
    const scope = requirePermission(actor, 'nat.read');
    const { round, node } = await this.target(scope, actor, roundId, query.nodeId);
    const repo = new CoverageRepository(this.deps.db);
    const rows = await this.memo.get(`series:${round.id}:${node.path}:${query.bucket}`, () => repo.series(round.id, node.path, query.bucket));
    let cumulative = 0;
    const points = rows.map((r) => {
      cumulative += r.n;
      const at = new Date(`${r.hour}:00:00.000Z`);
      at.setUTCMinutes(r.part * query.bucket);
      return { at: at.toISOString(), count: r.n, cumulative };
    });
    return { bucketMinutes: query.bucket, points, at: this.deps.clock.now().toISOString() };
  }

  /** Per site: sampled so far and per hour, tubes, and the queue estimate (see coverage-sites.ts). */
  async sites(actor: Actor, roundId: string): Promise<SitesCoverageView> {
    const scope = requirePermission(actor, 'nat.read');
    const round = await findRoundInScope(this.deps.db, scope, roundId);
    if (!round) throw notFound('round');
    return sitesCoverage(this.deps, scope, round, this.memo);
  }

  /** The untested list as a workbook, one sheet per building, for the building leads. */
  async exportUntested(actor: Actor, roundId: string, query: TCoverageNodeQuery, lang: 'zh' | 'en', out: NodeJS.WritableStream): Promise<number> {
    const scope = requirePermission(actor, 'nat.read');
    const target = await this.target(scope, actor, roundId, query.nodeId);
    return exportUntested(this, actor, target, lang, out);
  }

  /** Resolves round and node through the actor's scope; a node outside the actor's reach is not found. */
  async target(scope: Scope, actor: Actor, roundId: string, nodeId: string | undefined): Promise<CoverageTarget> {
    const wanted = nodeId ?? actor.nodeId;
    const rows = await new CoverageRepository(this.deps.db).roundWithNodes(roundId, scope, wanted ? [wanted] : []);
    if (rows.length === 0) throw notFound('round');
    const { n_id: _i, n_parent_id: _p, n_name: _n, n_level_code: _l, n_path: _h, ...round } = rows[0];
    const nodeOf = (id: string): NodeRow | undefined => {
      const r = rows.find((x) => x.n_id === id);
      return r && r.n_id && r.n_path ? { id: r.n_id, parent_id: r.n_parent_id, name: r.n_name ?? '', level_code: r.n_level_code ?? '', path: r.n_path } : undefined;
    };
    const actorInside = scope.kind === 'subtree' && scope.path !== round.node_path && scope.path.startsWith(round.node_path);
    const topPath = actorInside && scope.kind === 'subtree' ? scope.path : round.node_path;
    if (!nodeId) {
      const top = nodeOf(actorInside && actor.nodeId ? actor.nodeId : round.node_id);
      if (!top) throw notFound('node');
      return { round, node: top, topPath };
    }
    const node = nodeOf(nodeId);
    if (!node || !pathInScope(scope, node.path)) throw notFound('node');
    if (!node.path.startsWith(round.node_path)) {
      throw new AppError('VALIDATION', 'node outside the round', [{ path: 'nodeId', message: 'nat.node_outside_round' }]);
    }
    return { round, node, topPath };
  }
}
