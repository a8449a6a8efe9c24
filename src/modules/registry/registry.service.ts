import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay, type Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db, Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import type { Page } from '../../platform/validation.ts';
import { personSearchKey } from './registry.identity.ts';
import { RegistryRepository, type ResidentRow, type ResidentSearch } from './registry.repository.ts';
import type {
  HouseholdView, RegistrySummary, ResidentDetailView, ResidentStatus, ResidentView, RetentionReport, SpecialNeedsList,
  TExportQuery, TMoveInput, TResidentInput, TResidentListQuery, TResidentUpdateInput, TRetentionInput, TSpecialNeedsQuery,
  TStatusInput, TUnmaskInput, UnmaskResult,
} from './registry.schema.ts';
import { eventView, joinNames, pathTail, placeNames, residentViews } from './registry.views.ts';
import { exportResidents, specialNeedsList, summary } from './registry-lists.ts';
import { runRetention } from './registry-retention.ts';
import { ResidentWriter } from './registry-writes.ts';
import { ResidentImportService } from './registry-import.ts';

export interface RegistryDeps {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
}

const ACTIVE: ResidentStatus[] = ['active'];

/** The household registry (居民登记): residents of households, personal numbers protected by default. */
export class RegistryService {
  private readonly writer: ResidentWriter;
  /** Streaming sheet imports (jobs with progress); see registry-import.ts. */
  readonly imports: ResidentImportService;

  constructor(private readonly deps: RegistryDeps) {
    this.writer = new ResidentWriter(deps);
    this.imports = new ResidentImportService(deps);
  }

  private repo(ex: Executor = this.deps.db) {
    return new RegistryRepository(ex);
  }

  async list(actor: Actor, query: TResidentListQuery): Promise<Page<ResidentView>> {
    const scope = requirePermission(actor, 'registry.read');
    const repo = this.repo();
    const search: ResidentSearch = {
      limit: query.limit, after: query.after, addressLike: query.address, needKind: query.needKind,
      statuses: query.status === 'all' ? undefined : query.status ? [query.status] : ACTIVE,
    };
    if (query.nodeId) {
      const node = await repo.findNode(query.nodeId, scope);
      if (!node) return { items: [], next: null };
      search.nodePath = node.path;
    }
    if (query.q) {
      const key = personSearchKey(query.q, query.idType, shanghaiDay(this.deps.clock.now()), (v, p) => this.deps.cipher.blindIndex(v, p));
      if (key.kind === 'nothing') return { items: [], next: null };
      if (key.kind === 'idNumberHash') search.idNumberHash = key.hash;
      else if (key.kind === 'phoneHash') search.phoneHash = key.hash;
      else search.nameLike = key.text;
    }
    const rows = await repo.search(scope, search);
    const items = await residentViews(repo, rows.slice(0, query.limit), this.deps.cipher);
    return { items, next: rows.length > query.limit ? items[items.length - 1].id : null };
  }

  async get(actor: Actor, id: string): Promise<ResidentDetailView> {
    const scope = requirePermission(actor, 'registry.read');
    const repo = this.repo();
    const row = await repo.find(id, scope);
    if (!row) throw notFound('resident');
    const [view] = await residentViews(repo, [row], this.deps.cipher);
    const events = await repo.eventsOf(id);
    const households = new Set<string>();
    for (const e of events) for (const h of [e.from_household_id, e.to_household_id]) if (h) households.add(h);
    const paths = await repo.nodePaths([...households]);
    const names = await placeNames(repo, [...paths.values()].map((p) => pathTail(p)));
    const addresses = new Map([...paths].map(([hid, p]) => [hid, joinNames(pathTail(p), names)]));
    return { ...view, history: events.map((e) => eventView(e, addresses)) };
  }

  /** A household with its residents (active ones unless asked for all). */
  async household(actor: Actor, householdId: string, includeInactive: boolean): Promise<HouseholdView> {
    const scope = requirePermission(actor, 'registry.read');
    const repo = this.repo();
    const node = await repo.findNode(householdId, scope);
    if (!node || node.level_code !== 'household') throw notFound('household');
    const rows = await repo.residentsOfHousehold(householdId, includeInactive ? null : ACTIVE);
    const names = await placeNames(repo, [pathTail(node.path)]);
    return { id: node.id, name: node.name, address: joinNames(pathTail(node.path), names), residents: await residentViews(repo, rows, this.deps.cipher) };
  }

  async create(actor: Actor, input: TResidentInput): Promise<ResidentDetailView> {
    requirePermission(actor, 'registry.write');
    const id = await this.writer.create(actor, input);
    return this.get(actor, id);
  }

  async update(actor: Actor, id: string, input: TResidentUpdateInput): Promise<ResidentDetailView> {
    requirePermission(actor, 'registry.write');
    await this.writer.update(actor, id, input);
    return this.get(actor, id);
  }

  async move(actor: Actor, id: string, input: TMoveInput): Promise<ResidentDetailView> {
    requirePermission(actor, 'registry.write');
    await this.writer.move(actor, id, input);
    return this.get(actor, id);
  }

  async setStatus(actor: Actor, id: string, input: TStatusInput): Promise<ResidentDetailView> {
    requirePermission(actor, 'registry.write');
    await this.writer.setStatus(actor, id, input);
    return this.get(actor, id);
  }

  /** Full ID / phone numbers for one resident, for a stated reason; every call leaves an audit row. */
  async unmask(actor: Actor, id: string, input: TUnmaskInput): Promise<UnmaskResult> {
    const scope = requirePermission(actor, 'registry.unmask');
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.repo(trx).find(id, scope);
      if (!row) throw notFound('resident');
      const result: UnmaskResult = {};
      const fields = [...new Set(input.fields)];
      for (const field of fields) {
        const stored: ResidentRow['id_number_enc'] = field === 'idNumber' ? row.id_number_enc : row.phone_enc;
        result[field] = stored ? this.deps.cipher.decrypt(stored) : null;
      }
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'resident.unmask', entityType: 'resident', entityId: id, scopePath: row.household_path,
        details: { fields, reason: input.reason },
      });
      return result;
    });
  }

  async specialNeeds(actor: Actor, query: TSpecialNeedsQuery): Promise<SpecialNeedsList> {
    const scope = requirePermission(actor, 'registry.read');
    return specialNeedsList(this.deps, scope, query);
  }

  async summary(actor: Actor, nodeId: string): Promise<RegistrySummary> {
    const scope = requirePermission(actor, 'registry.read');
    return summary(this.deps, scope, nodeId);
  }

  /** Writes the residents of a subtree as a sheet to `out`; masked unless allowed and asked for, audited either way. */
  async export(actor: Actor, query: TExportQuery, lang: 'zh' | 'en', out: NodeJS.WritableStream): Promise<number> {
    const scope: Scope = requirePermission(actor, 'registry.read');
    requirePermission(actor, 'data.export');
    if (query.unmasked) {
      requirePermission(actor, 'registry.unmask');
      const reason = query.reason ?? '';
      if (reason.length < 2) throw new AppError('VALIDATION', 'a reason is required for an unmasked export', [{ path: 'reason', message: 'registry.reason_required' }]);
    }
    return exportResidents(this.deps, actor, scope, query, lang, out);
  }

  /** Anonymises records registered before a day (dry run: only counts); administrators only. */
  async retention(actor: Actor, input: TRetentionInput): Promise<RetentionReport> {
    const scope = requirePermission(actor, 'registry.write');
    if (scope.kind !== 'all') throw new AppError('FORBIDDEN', 'retention is for administrators');
    return runRetention(this.deps, actor, input);
  }
}
