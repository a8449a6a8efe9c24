import { PassThrough } from 'node:stream';
import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { maskPhone } from '../../platform/id-number.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import { addXlsxSheet, newWorkbook } from '../../platform/transfer/write.ts';
import { pathBelow } from '../registry/registry.views.ts';
import type { NatDeps } from './nat.deps.ts';
import type { ReminderHousehold, ReminderList, SlotView, TSlotInput } from './nat.schema.ts';
import {
  findSlotRow, listSlotRows, pathServedBySite, REMINDER_KIND, reminderResidents, remindedHouseholds, rosterTotals,
  type SlotRow,
} from './plan-slots.repository.ts';
import { findNodeInScope, findRoundInScope, findSiteInScope, nodeNames } from './plan.repository.ts';

// Batch schedule (分批次): a compound, building or entrance comes to its site in a time slot, so the queue stays
// short. Each slot has a household reminder list (print, Excel) and a "send reminders" that goes through the
// notifier outbox once per household and slot (sending again adds nothing).

const fieldError = (path: string, message: string) => new AppError('VALIDATION', message, [{ path, message }]);

/** 'HH:MM' in Shanghai of an ISO instant. */
export function shanghaiClock(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(11, 16);
}

export class NatSlotsService {
  constructor(private readonly deps: NatDeps) {}

  private async view(row: SlotRow): Promise<SlotView> {
    const totals = await rosterTotals(this.deps.db, row.round_id, row.node_path);
    return {
      id: row.id, roundId: row.round_id, siteId: row.site_id, siteName: row.site_name, nodeId: row.node_id,
      nodeName: row.node_name, startsAt: row.starts_at, endsAt: row.ends_at, note: row.note, ...totals,
    };
  }

  async list(actor: Actor, roundId: string, siteId?: string): Promise<SlotView[]> {
    const scope = requirePermission(actor, 'nat.read');
    if (!(await findRoundInScope(this.deps.db, scope, roundId))) throw notFound('round');
    const rows = await listSlotRows(this.deps.db, scope, roundId, siteId);
    const views: SlotView[] = [];
    for (const row of rows) views.push(await this.view(row));
    return views;
  }

  async create(actor: Actor, siteId: string, input: TSlotInput): Promise<SlotView> {
    const scope = requirePermission(actor, 'nat.manage');
    const id = input.id ?? newId();
    await this.deps.db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('nat_slots').select('id').where('id', '=', id).executeTakeFirst()) return;
      const site = await findSiteInScope(trx, scope, siteId);
      if (!site) throw notFound('site');
      const round = await trx.selectFrom('nat_rounds').selectAll().where('id', '=', site.round_id).executeTakeFirstOrThrow();
      const node = await findNodeInScope(trx, scope, input.nodeId);
      if (!node) throw fieldError('nodeId', 'ref.outside_scope');
      if (!(await pathServedBySite(trx, site.id, site.node_path, node.path))) throw fieldError('nodeId', 'nat.node_outside_site');
      // The slot's first and last minute must fall on the round's days (Shanghai calendar).
      const lastMinute = new Date(new Date(input.endsAt).getTime() - 1);
      if (shanghaiDay(new Date(input.startsAt)) < round.starts_on || shanghaiDay(new Date(input.startsAt)) > round.ends_on) {
        throw fieldError('startsAt', 'nat.slot_outside_round');
      }
      if (shanghaiDay(lastMinute) > round.ends_on) throw fieldError('endsAt', 'nat.slot_outside_round');
      await trx.insertInto('nat_slots').values({
        id, round_id: round.id, site_id: site.id, node_id: node.id, node_path: node.path, starts_at: input.startsAt,
        ends_at: input.endsAt, note: input.note ?? null, created_at: this.deps.clock.now().toISOString(),
      }).execute();
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.slot.create', entityType: 'nat_slot', entityId: id, scopePath: node.path, details: { siteId, startsAt: input.startsAt } });
    });
    const row = await findSlotRow(this.deps.db, scope, id);
    if (!row) throw notFound('slot');
    return this.view(row);
  }

  async remove(actor: Actor, slotId: string): Promise<void> {
    const scope = requirePermission(actor, 'nat.manage');
    await this.deps.db.transaction().execute(async (trx) => {
      const slot = await findSlotRow(trx, scope, slotId);
      if (!slot) throw notFound('slot');
      await trx.deleteFrom('nat_slots').where('id', '=', slotId).execute();
      await recordAudit(trx, this.deps.clock, actor, { action: 'nat.slot.delete', entityType: 'nat_slot', entityId: slotId, scopePath: slot.node_path });
    });
  }

  /** The households of a slot with their required residents (masked phones), in door order. */
  async reminders(actor: Actor, slotId: string): Promise<ReminderList> {
    const scope = requirePermission(actor, 'nat.read');
    const slot = await findSlotRow(this.deps.db, scope, slotId);
    if (!slot) throw notFound('slot');
    const rows = await reminderResidents(this.deps.db, slot.round_id, slot.node_path);
    const names = await nodeNames(this.deps.db, rows.flatMap((r) => pathBelow(r.node_path, slot.node_path)));
    const byHousehold = new Map<string, ReminderHousehold>();
    for (const r of rows) {
      let h = byHousehold.get(r.household_id);
      if (!h) {
        const address = [slot.node_name, ...pathBelow(r.node_path, slot.node_path).map((id) => names.get(id) ?? '')].filter(Boolean).join(' ');
        h = { householdId: r.household_id, address, residents: [], phones: 0 };
        byHousehold.set(r.household_id, h);
      }
      const phoneMasked = r.phone_enc ? maskPhone(this.deps.cipher.decrypt(r.phone_enc)) : null;
      if (phoneMasked) h.phones++;
      h.residents.push({ id: r.id, name: r.name, phoneMasked });
    }
    const { firstAt } = await remindedHouseholds(this.deps.db, slotId);
    return { slot: await this.view(slot), households: [...byHousehold.values()], sentAt: firstAt };
  }

  /**
   * Sends one reminder per household of the slot through the notifier (the outbox; an SMS or WeChat adapter
   * resolves the household's phones). Households already reminded of this slot are skipped.
   */
  async sendReminders(actor: Actor, slotId: string): Promise<{ sent: number; alreadySent: number }> {
    requirePermission(actor, 'nat.manage');
    const list = await this.reminders(actor, slotId);
    const round = await this.deps.db.selectFrom('nat_rounds').select('name').where('id', '=', list.slot.roundId).executeTakeFirstOrThrow();
    const done = await remindedHouseholds(this.deps.db, slotId);
    const when = `${shanghaiDay(new Date(list.slot.startsAt))} ${shanghaiClock(list.slot.startsAt)}–${shanghaiClock(list.slot.endsAt)}`;
    let sent = 0;
    for (const h of list.households) {
      if (done.ids.has(h.householdId)) continue;
      await this.deps.notifier.send({
        recipient: { nodeId: h.householdId }, kind: REMINDER_KIND, refId: slotId,
        title: `${round.name}：${when}`,
        body: `请${h.address}的居民于${when}到${list.slot.siteName}参加${round.name}，请带好个人码（手机或纸质），错峰排队。`,
      });
      sent++;
    }
    await recordAudit(this.deps.db, this.deps.clock, actor, { action: 'nat.slot.remind', entityType: 'nat_slot', entityId: slotId, details: { sent } });
    return { sent, alreadySent: done.ids.size };
  }

  /** The reminder list as an .xlsx for the building leads. */
  async reminderWorkbook(actor: Actor, slotId: string, lang: 'zh' | 'en'): Promise<{ name: string; data: Buffer }> {
    const list = await this.reminders(actor, slotId);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const wb = newWorkbook(out);
    const zh = lang === 'zh';
    const headings = zh ? ['时段', '采样点', '地址', '姓名', '手机号', '已通知'] : ['Slot', 'Site', 'Address', 'Name', 'Phone', 'Reminded'];
    const when = `${shanghaiClock(list.slot.startsAt)}–${shanghaiClock(list.slot.endsAt)}`;
    const rows = list.households.flatMap((h) => h.residents.map((r) => [when, list.slot.siteName, h.address, r.name, r.phoneMasked ?? '', list.sentAt ? (zh ? '是' : 'yes') : '']));
    await addXlsxSheet(wb, { name: zh ? '提醒名单' : 'Reminders', headings, widths: [14, 20, 30, 12, 14, 8] }, rows);
    await wb.commit();
    await new Promise((resolve) => out.end(resolve));
    const name = `${zh ? '提醒名单' : 'reminders'}-${list.slot.nodeName}-${shanghaiClock(list.slot.startsAt).replace(':', '')}.xlsx`;
    return { name, data: Buffer.concat(chunks) };
  }
}
