import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import type { Executor } from '../../platform/db/database.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor, type Scope } from '../../platform/policy.ts';
import { writeSheet, type Lang, type SheetFormat } from '../../platform/transfer/index.ts';
import type { DeclarationsDeps } from './declarations.deps.ts';
import { DeclarationsRepository, type CampaignJoinedRow, type EntryJoinedRow } from './declarations.repository.ts';
import type {
  CampaignView, EntryView, HistoryView, LinkView, PublicDeclarationView, RemindResult, TCampaignInput, TDeclarationInput,
} from './declarations.schema.ts';
import {
  columnsOf, declarationOf, entryView, hashToken, historyView, newToken, normalise, sameDeclaration,
} from './declaration-entries.ts';
import { EXPORT_COLUMNS, exportRow } from './declarations.export.ts';

type Filter = 'all' | 'declared' | 'not_declared' | 'flagged';

/**
 * Staff declarations of a unit: a campaign over a period, an entry per staff member (declared by the liaison
 * or by the person through a personal link), the non-declared list with reminders, flagged ones, export.
 */
export class DeclarationsService {
  constructor(readonly deps: DeclarationsDeps) {}

  private repo(ex: Executor = this.deps.db): DeclarationsRepository {
    return new DeclarationsRepository(ex);
  }

  private async views(rows: CampaignJoinedRow[]): Promise<CampaignView[]> {
    const counts = await this.repo().counts(rows.map((r) => r.id));
    return rows.map((c) => {
      const n = counts.get(c.id) ?? { staff: 0, declared: 0, flagged: 0 };
      return {
        id: c.id, unitId: c.unit_id, unitName: c.unit_name, title: c.title, startsOn: c.starts_on, endsOn: c.ends_on,
        status: c.status as CampaignView['status'], note: c.note, createdBy: c.created_by, createdAt: c.created_at,
        counts: { staff: n.staff, declared: n.declared, notDeclared: n.staff - n.declared, flagged: n.flagged },
      };
    });
  }

  /** Campaigns with counts: a unit sees its own; the command or a street sees the units in its reach. */
  async list(actor: Actor, unitId?: string): Promise<CampaignView[]> {
    const scope = requirePermission(actor, 'declarations.read');
    return this.views(await this.repo().listCampaigns(scope, unitId));
  }

  async get(actor: Actor, id: string): Promise<CampaignView> {
    const scope = requirePermission(actor, 'declarations.read');
    const row = await this.repo().findCampaign(id, scope);
    if (!row) throw notFound('campaign');
    return (await this.views([row]))[0];
  }

  /** Opens a campaign over the unit's staff (people whose unit it is), each with a personal link. */
  async create(actor: Actor, input: TCampaignInput): Promise<CampaignView> {
    const scope = requirePermission(actor, 'declarations.manage');
    const id = input.id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      if (await repo.findCampaignRaw(id)) return;
      const unitId = input.unitId ?? actor.unitId;
      if (!unitId) throw new AppError('VALIDATION', 'choose the unit', [{ path: 'unitId', message: 'declarations.unit_required' }]);
      const unit = await repo.findUnit(unitId, scope);
      if (!unit) throw new AppError('NOT_FOUND', 'unit not found', [{ path: 'unitId', message: 'ref.outside_scope' }]);
      const at = this.deps.clock.now().toISOString();
      await repo.insertCampaign({
        id, unit_id: unit.id, title: input.title, starts_on: input.startsOn, ends_on: input.endsOn, status: 'open', note: input.note ?? null,
        created_by: actor.username, created_at: at, updated_at: at,
      });
      const added = await this.addStaff(repo, id, unit.id, at);
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'declaration_campaign.create', entityType: 'declaration_campaign', entityId: id,
        details: { unitId: unit.id, startsOn: input.startsOn, endsOn: input.endsOn, staff: added },
      });
    });
    return this.get(actor, id);
  }

  private async addStaff(repo: DeclarationsRepository, campaignId: string, unitId: string, at: string): Promise<number> {
    const people = await repo.staffWithoutEntry(campaignId, unitId);
    for (const personId of people) {
      const { token_hash, token_enc } = newToken(this.deps.cipher);
      await repo.insertEntry({
        id: newId(), campaign_id: campaignId, unit_id: unitId, person_id: personId, token_hash, token_enc,
        declared_at: null, declared_via: null, declared_by: null, whereabouts: null, destination: null, left_on: null, return_on: null,
        destination_risk: null, health: null, symptoms: null, risk_contact: null, contact_text: null, flagged: 0, version: 0,
        reminded_at: null, created_at: at, updated_at: at,
      });
    }
    return people.length;
  }

  private async managed(repo: DeclarationsRepository, scope: Scope, id: string): Promise<CampaignJoinedRow> {
    const c = await repo.findCampaign(id, scope);
    if (!c) throw notFound('campaign');
    return c;
  }

  /** Adds staff who joined the unit since the campaign opened. Running it again adds nobody twice. */
  async syncStaff(actor: Actor, id: string): Promise<CampaignView> {
    const scope = requirePermission(actor, 'declarations.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const c = await this.managed(repo, scope, id);
      const added = await this.addStaff(repo, c.id, c.unit_id, this.deps.clock.now().toISOString());
      if (added > 0) await recordAudit(trx, this.deps.clock, actor, { action: 'declaration_campaign.sync', entityType: 'declaration_campaign', entityId: id, details: { added } });
    });
    return this.get(actor, id);
  }

  async close(actor: Actor, id: string): Promise<CampaignView> {
    const scope = requirePermission(actor, 'declarations.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const c = await this.managed(repo, scope, id);
      if (c.status === 'closed') return;
      await repo.updateCampaign(id, { status: 'closed', updated_at: this.deps.clock.now().toISOString() });
      await recordAudit(trx, this.deps.clock, actor, { action: 'declaration_campaign.close', entityType: 'declaration_campaign', entityId: id });
    });
    return this.get(actor, id);
  }

  /** Who has declared, who has not (the non-declared list), the flagged ones. */
  async entries(actor: Actor, id: string, filter: Filter): Promise<EntryView[]> {
    const scope = requirePermission(actor, 'declarations.manage');
    const repo = this.repo();
    await this.managed(repo, scope, id);
    return (await repo.entries(id, filter)).map((e) => entryView(e, this.deps.cipher));
  }

  /** The liaison enters (or corrects) a staff member's declaration. */
  async declare(actor: Actor, entryId: string, input: TDeclarationInput): Promise<EntryView> {
    const scope = requirePermission(actor, 'declarations.manage');
    return this.write(async (repo) => repo.findEntry(entryId, scope), input, { via: 'liaison', by: actor.username, actor });
  }

  async history(actor: Actor, entryId: string): Promise<HistoryView[]> {
    const scope = requirePermission(actor, 'declarations.manage');
    const repo = this.repo();
    if (!(await repo.findEntry(entryId, scope))) throw notFound('entry');
    return (await repo.history(entryId)).map(historyView);
  }

  /** The personal links, for the liaison to send out; showing them is audited. */
  async links(actor: Actor, id: string, filter: Filter = 'not_declared'): Promise<LinkView[]> {
    const scope = requirePermission(actor, 'declarations.manage');
    const repo = this.repo();
    await this.managed(repo, scope, id);
    const rows = await repo.entries(id, filter);
    await recordAudit(this.deps.db, this.deps.clock, actor, { action: 'declaration_campaign.links', entityType: 'declaration_campaign', entityId: id, details: { count: rows.length } });
    return rows.map((e) => ({ entryId: e.id, name: e.name, path: `/declare/${this.deps.cipher.decrypt(e.token_enc)}` }));
  }

  /**
   * One reminder per not-yet-declared staff member and Shanghai day, through the notifier outbox (to their
   * account when they have one, else to the unit for a delivery adapter to route by the entry id).
   */
  async remind(actor: Actor, id: string): Promise<RemindResult> {
    const scope = requirePermission(actor, 'declarations.manage');
    const now = this.deps.clock.now();
    const today = shanghaiDay(now);
    const at = now.toISOString();
    const { campaign, due, already } = await this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const c = await this.managed(repo, scope, id);
      if (c.status !== 'open') throw new AppError('CONFLICT', 'campaign closed', [{ path: 'status', message: 'declarations.closed' }]);
      const missing = await repo.entries(id, 'not_declared');
      const dueNow = missing.filter((e) => !e.reminded_at || shanghaiDay(new Date(e.reminded_at)) !== today);
      for (const e of dueNow) await repo.updateEntry(e.id, { reminded_at: at });
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'declaration_campaign.remind', entityType: 'declaration_campaign', entityId: id, details: { reminded: dueNow.length, missing: missing.length },
      });
      return { campaign: c, due: dueNow, already: missing.length - dueNow.length };
    });
    const accounts = await this.repo().accountsOf(due.map((e) => e.person_id));
    for (const e of due) {
      const accountId = accounts.get(e.person_id);
      await this.deps.notifier.send({
        kind: 'declaration.reminder', refId: e.id, recipient: { unitId: campaign.unit_id, ...(accountId ? { accountId } : {}) },
        title: `请填报：${campaign.title}`,
        body: `${e.name}：请尽快填报《${campaign.title}》（${campaign.starts_on} 至 ${campaign.ends_on}）的人员动向和身体状况。`,
      });
    }
    return { reminded: due.length, alreadyReminded: already };
  }

  async prepareExport(actor: Actor, id: string, lang: Lang): Promise<{ title: string; write: (format: SheetFormat, out: NodeJS.WritableStream) => Promise<number> }> {
    requirePermission(actor, 'data.export');
    const scope = requirePermission(actor, 'declarations.manage');
    const repo = this.repo();
    const c = await this.managed(repo, scope, id);
    const rows = (await repo.entries(id, 'all')).map((e) => exportRow(entryView(e, this.deps.cipher), lang));
    await recordAudit(this.deps.db, this.deps.clock, actor, { action: 'declaration_campaign.export', entityType: 'declaration_campaign', entityId: id, details: { rows: rows.length } });
    return { title: c.title, write: async (format, out) => (await writeSheet(EXPORT_COLUMNS, rows, format, { lang, out, sheetName: lang === 'en' ? 'Declarations' : '申报情况' })).rows };
  }

  /** The public page of a personal link: the campaign and the person's own current declaration. */
  async publicView(token: string): Promise<PublicDeclarationView> {
    const repo = this.repo();
    const e = await repo.findEntryByTokenHash(hashToken(token));
    if (!e) throw new AppError('NOT_FOUND', 'no such link');
    const c = (await repo.findCampaign(e.campaign_id, { kind: 'all' }))!;
    return {
      unitName: c.unit_name, title: c.title, startsOn: c.starts_on, endsOn: c.ends_on, open: c.status === 'open', name: e.name,
      declaration: declarationOf(e), declaredAt: e.declared_at,
    };
  }

  async publicDeclare(token: string, input: TDeclarationInput): Promise<PublicDeclarationView> {
    await this.write(async (repo) => repo.findEntryByTokenHash(hashToken(token)), input, { via: 'link', by: null, actor: null });
    return this.publicView(token);
  }

  /**
   * Records a declaration. The same content again changes nothing (a double tap, a retry); a different one is a
   * correction: the previous declaration goes to the history and the version counts up.
   */
  private async write(
    find: (repo: DeclarationsRepository) => Promise<EntryJoinedRow | undefined>, input: TDeclarationInput,
    who: { via: 'liaison' | 'link'; by: string | null; actor: Actor | null },
  ): Promise<EntryView> {
    return this.deps.db.transaction().execute(async (trx) => {
      const repo = this.repo(trx);
      const e = await find(repo);
      if (!e) throw new AppError('NOT_FOUND', 'entry not found');
      const c = (await repo.findCampaignRaw(e.campaign_id))!;
      if (c.status !== 'open') throw new AppError('CONFLICT', 'campaign closed', [{ path: 'status', message: 'declarations.closed' }]);
      const d = normalise(input);
      const current = declarationOf(e);
      if (sameDeclaration(current, d)) return entryView(e, this.deps.cipher);
      const at = this.deps.clock.now().toISOString();
      if (current) {
        await repo.insertHistory({
          id: newId(), entry_id: e.id, version: e.version, data: JSON.stringify(current), declared_at: e.declared_at!,
          declared_via: e.declared_via ?? 'liaison', declared_by: e.declared_by,
        });
      }
      const patch = { ...columnsOf(d), declared_at: at, declared_via: who.via, declared_by: who.by, version: e.version + 1, updated_at: at };
      await repo.updateEntry(e.id, patch);
      const auditActor = who.actor ?? { accountId: '', username: 'link', displayName: e.name, role: 'resident' as const, nodeId: null, nodePath: null, unitId: e.unit_id };
      await recordAudit(trx, this.deps.clock, auditActor, {
        action: current ? 'declaration.correct' : 'declaration.declare', entityType: 'declaration_entry', entityId: e.id,
        // Whereabouts and health are personal: the audit says who declared and how, not what.
        details: { campaignId: e.campaign_id, via: who.via, version: e.version + 1 },
      });
      return entryView({ ...e, ...patch }, this.deps.cipher);
    });
  }
}
