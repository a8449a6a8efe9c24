import { shanghaiDay } from '../../platform/clock.ts';
import { notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/id-number.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import { writeSheet, type Lang, type SheetFormat, type TransferColumn } from '../../platform/transfer/index.ts';
import type { Page } from '../../platform/validation.ts';
import { personSearchKey } from '../registry/registry.identity.ts';
import { pathTail } from '../registry/registry.views.ts';
import { ArrivalWriter } from './arrival-writes.ts';
import { MeasureRulesRepository } from './measure-rules.repository.ts';
import { MeasureRulesService } from './measure-rules.service.ts';
import type { OutsidersDeps } from './outsiders.deps.ts';
import { OutsidersRepository, type ArrivalSearch, type DueRow } from './outsiders.repository.ts';
import { daysBetween } from './outsiders.rules.ts';
import type {
  ArrivalView, DueItem, DueKind, DueView, MeasureKind, MeasureStatus, RiskLevel, TArrivalInput, TArrivalListQuery,
  TDueQuery, TMeasureCloseInput, TMeasureConfirmInput,
} from './outsiders.schema.ts';
import { arrivalViews, parseTestDays, stayOf } from './outsiders.views.ts';

const DUE_OF_KIND: Record<MeasureKind, DueKind> = {
  tests: 'test_due', central_isolation: 'isolation_ends', home_isolation: 'isolation_ends', home_monitoring: 'monitoring',
};

const LABELS = {
  zh: {
    due: { test_due: '今日应检', isolation_ends: '今日隔离期满', monitoring: '健康监测中' },
    kind: { central_isolation: '集中隔离', home_isolation: '居家隔离', home_monitoring: '居家健康监测', tests: '核酸检测' },
    risk: { high: '高风险', medium: '中风险', low: '低风险', none: '无风险' },
    status: { proposed: '待确认', confirmed: '已确认', done: '已完成', cancelled: '已取消' },
    test: (n: number, of: number) => `第${n}/${of}次`,
  },
  en: {
    due: { test_due: 'Test due today', isolation_ends: 'Isolation ends today', monitoring: 'Monitoring' },
    kind: { central_isolation: 'Central isolation', home_isolation: 'Home isolation', home_monitoring: 'Home monitoring', tests: 'Tests' },
    risk: { high: 'High', medium: 'Medium', low: 'Low', none: 'None' },
    status: { proposed: 'Proposed', confirmed: 'Confirmed', done: 'Done', cancelled: 'Cancelled' },
    test: (n: number, of: number) => `${n} of ${of}`,
  },
} as const;

const DUE_COLUMNS: TransferColumn[] = [
  { key: 'due', zh: '事项', en: 'Due' },
  { key: 'name', zh: '姓名', en: 'Name' },
  { key: 'phone', zh: '手机号', en: 'Phone' },
  { key: 'stay', zh: '住址', en: 'Staying at' },
  { key: 'fromRegion', zh: '来自', en: 'From' },
  { key: 'risk', zh: '风险等级', en: 'Risk level' },
  { key: 'kind', zh: '措施', en: 'Measure' },
  { key: 'period', zh: '起止日期', en: 'Period' },
  { key: 'day', zh: '第几天', en: 'Day' },
  { key: 'test', zh: '检测次序', en: 'Test' },
  { key: 'status', zh: '状态', en: 'Status' },
];

/** Outsiders and arrivals: registration, the proposed measures and their confirmation, the due-today list. */
export class OutsidersService {
  readonly rules: MeasureRulesService;
  private readonly writer: ArrivalWriter;

  constructor(readonly deps: OutsidersDeps) {
    this.rules = new MeasureRulesService(deps);
    this.writer = new ArrivalWriter(deps);
  }

  private today(): string {
    return shanghaiDay(this.deps.clock.now());
  }

  async create(actor: Actor, input: TArrivalInput): Promise<ArrivalView> {
    return this.get(actor, await this.writer.create(actor, input));
  }

  async confirm(actor: Actor, measureId: string, input: TMeasureConfirmInput): Promise<ArrivalView> {
    return this.get(actor, await this.writer.confirm(actor, measureId, input));
  }

  async confirmAll(actor: Actor, arrivalId: string): Promise<ArrivalView> {
    await this.writer.confirmAll(actor, arrivalId);
    return this.get(actor, arrivalId);
  }

  async close(actor: Actor, measureId: string, input: TMeasureCloseInput): Promise<ArrivalView> {
    return this.get(actor, await this.writer.close(actor, measureId, input));
  }

  async get(actor: Actor, id: string): Promise<ArrivalView> {
    const scope = requirePermission(actor, 'outsiders.read');
    const repo = new OutsidersRepository(this.deps.db);
    const row = await repo.find(id, scope);
    if (!row) throw notFound('arrival');
    return (await arrivalViews(repo, [row], this.deps.cipher, await this.versionNames()))[0];
  }

  /** Search by name fragment, or exactly by ID / document / mobile number (blind index); masked; newest first. */
  async list(actor: Actor, query: TArrivalListQuery): Promise<Page<ArrivalView>> {
    const scope = requirePermission(actor, 'outsiders.read');
    const repo = new OutsidersRepository(this.deps.db);
    const search: ArrivalSearch = {
      limit: query.limit, after: query.after, regionLike: query.fromRegion, riskLevel: query.riskLevel, from: query.from, to: query.to,
    };
    if (query.nodeId) {
      const node = await repo.findNode(query.nodeId, scope);
      if (!node) return { items: [], next: null };
      search.nodePath = node.path;
    }
    if (query.q) {
      const key = personSearchKey(query.q, query.idType, this.today(), (v, p) => this.deps.cipher.blindIndex(v, p));
      if (key.kind === 'nothing') return { items: [], next: null };
      if (key.kind === 'idNumberHash') search.idNumberHash = key.hash;
      else if (key.kind === 'phoneHash') search.phoneHash = key.hash;
      else search.nameLike = key.text;
    }
    const rows = await repo.search(scope, search);
    const items = await arrivalViews(repo, rows.slice(0, query.limit), this.deps.cipher, await this.versionNames());
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }

  private async versionNames(): Promise<Map<string, string>> {
    const versions = await new MeasureRulesRepository(this.deps.db).versions();
    return new Map(versions.map((v) => [v.id, v.name]));
  }

  /** Who is due for what on the day (Asia/Shanghai): tests due, isolations ending, monitoring in progress. */
  async due(actor: Actor, query: TDueQuery): Promise<DueView> {
    const scope = requirePermission(actor, 'outsiders.read');
    const repo = new OutsidersRepository(this.deps.db);
    const date = query.date ?? this.today();
    let nodePath: string | undefined;
    if (query.nodeId) {
      const node = await repo.findNode(query.nodeId, scope);
      if (!node) throw notFound('node');
      nodePath = node.path;
    }
    const rows = await repo.dueOn(scope, date, nodePath);
    const names = await repo.nodeNames([...new Set(rows.flatMap((r) => pathTail(r.stay_path)))]);
    const items = rows.map((r) => this.dueItem(r, date, names));
    const counts: Record<DueKind, number> = { test_due: 0, isolation_ends: 0, monitoring: 0 };
    for (const i of items) counts[i.due]++;
    return { date, items, counts };
  }

  private dueItem(r: DueRow, date: string, names: Map<string, string>): DueItem {
    const kind = r.kind as MeasureKind;
    const days = parseTestDays(r.test_days);
    return {
      measureId: r.id, arrivalId: r.arrival_id, name: r.name,
      phoneMasked: r.phone_enc ? maskPhone(this.deps.cipher.decrypt(r.phone_enc)) : null,
      stay: stayOf(r.stay_text, r.stay_path, names), fromRegion: r.from_region, riskLevel: r.risk_level as RiskLevel,
      due: DUE_OF_KIND[kind], kind, status: r.status as MeasureStatus, startsOn: r.starts_on, endsOn: r.ends_on,
      testNo: days ? days.indexOf(date) + 1 : null, testCount: days ? days.length : null,
      dayNo: daysBetween(r.starts_on, date) + 1,
    };
  }

  /** The due list as XLSX/CSV (masked phones). Checks first, so a refusal is a proper error reply. */
  async prepareDueExport(actor: Actor, query: TDueQuery, lang: Lang): Promise<(format: SheetFormat, out: NodeJS.WritableStream) => Promise<number>> {
    requirePermission(actor, 'data.export');
    const view = await this.due(actor, query);
    const l = LABELS[lang];
    const rows = view.items.map((i) => ({
      due: l.due[i.due], name: i.name, phone: i.phoneMasked ?? '', stay: i.stay, fromRegion: i.fromRegion, risk: l.risk[i.riskLevel],
      kind: l.kind[i.kind], period: `${i.startsOn} ~ ${i.endsOn}`, day: i.dayNo,
      test: i.testNo && i.testCount ? l.test(i.testNo, i.testCount) : '', status: l.status[i.status],
    }));
    return async (format, out) => (await writeSheet(DUE_COLUMNS, rows, format, { lang, out, sheetName: lang === 'en' ? `Due ${view.date}` : `今日事项 ${view.date}` })).rows;
  }
}
