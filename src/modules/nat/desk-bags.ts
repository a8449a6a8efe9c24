import { sql } from 'kysely';
import { recordAudit } from '../../platform/audit.ts';
import type { Executor } from '../../platform/db/database.ts';
import type { NatBagTable } from '../../platform/db/tables/nat.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { requirePermission, subtreeEnd, type Actor, type Scope } from '../../platform/policy.ts';
import { onceInTransaction } from './desk-scan.ts';
import type { BagView, HandoverResult, SiteBagsView, TBagOpenInput, THandoverInput } from './desk.schema.ts';
import type { NatDeps } from './nat.deps.ts';
import { findRoundInScope, findSiteInScope } from './plan.repository.ts';

// Bags of closed tubes (转运袋): at most the round's bag_size tubes, sealed by hand or when full, handed to the
// courier by scan. At handover the courier's count (scanned tubes, or a number) is checked against the bag's
// record; a mismatch is answered and recorded (handed_tube_count ≠ tube_count) so the lab and the site can chase it.

type BagRow = NatBagTable;
const HANDED_SHOWN = 20;
const LOOSE_SHOWN = 200;

/** The site's place within the actor's subtree, on the joined site alias `s`. */
function scopeCondition(scope: Scope) {
  if (scope.kind === 'all') return sql<boolean>`1 = 1`;
  if (scope.kind !== 'subtree') return sql<boolean>`1 = 0`;
  return sql<boolean>`s.node_path >= ${scope.path} and s.node_path < ${subtreeEnd(scope.path)}`;
}

async function view(ex: Executor, bag: BagRow): Promise<BagView> {
  const tubes = await ex.selectFrom('nat_tubes').select('barcode').where('bag_id', '=', bag.id).orderBy('barcode').execute();
  return {
    id: bag.id, barcode: bag.barcode, siteId: bag.site_id, capacity: bag.capacity, status: bag.status, tubeCount: bag.tube_count,
    tubes: tubes.map((t) => t.barcode), courierName: bag.courier_name, handedTubeCount: bag.handed_tube_count, handedOverAt: bag.handed_over_at,
  };
}

export class BagDesk {
  constructor(private readonly deps: NatDeps) {}

  /** A bag whose site lies in the actor's subtree. */
  private async bagInScope(ex: Executor, scope: Scope, where: { id?: string; roundId?: string; barcode?: string }): Promise<BagRow> {
    let q = ex.selectFrom('nat_bags as b').innerJoin('nat_sites as s', 's.id', 'b.site_id').selectAll('b')
      .where(scopeCondition(scope));
    if (where.id) q = q.where('b.id', '=', where.id);
    if (where.roundId) q = q.where('b.round_id', '=', where.roundId);
    if (where.barcode) q = q.where('b.barcode', '=', where.barcode);
    const bag = await q.executeTakeFirst();
    if (!bag) throw notFound('bag');
    return bag;
  }

  async get(actor: Actor, bagId: string): Promise<BagView> {
    const scope = requirePermission(actor, 'nat.register');
    return view(this.deps.db, await this.bagInScope(this.deps.db, scope, { id: bagId }));
  }

  /**
   * The bag table of a site: open and sealed bags, the latest handed over ones (HANDED_SHOWN), and the closed tubes of
   * its desks not yet in a bag (LOOSE_SHOWN at most, oldest first: they are the ones to bag next).
   */
  async site(actor: Actor, siteId: string): Promise<SiteBagsView> {
    const scope = requirePermission(actor, 'nat.register');
    const db = this.deps.db;
    const site = await findSiteInScope(db, scope, siteId);
    if (!site) throw notFound('site');
    const round = await db.selectFrom('nat_rounds').selectAll().where('id', '=', site.round_id).executeTakeFirstOrThrow();
    const active = await db.selectFrom('nat_bags').selectAll().where('round_id', '=', round.id).where('site_id', '=', site.id)
      .where('status', 'in', ['open', 'sealed']).orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
    const handed = await db.selectFrom('nat_bags').selectAll().where('round_id', '=', round.id).where('site_id', '=', site.id)
      .where('status', '=', 'handed_over').orderBy('handed_over_at', 'desc').orderBy('id', 'desc').limit(HANDED_SHOWN).execute();
    const bags: BagView[] = [];
    for (const bag of [...active, ...handed]) bags.push(await view(db, bag));
    // Through the desks: nat_tubes is indexed by (desk_id, status).
    const loose = await db.selectFrom('nat_tubes as t').innerJoin('nat_desks as d', 'd.id', 't.desk_id')
      .select(['t.barcode', 'd.name as desk_name', 't.sample_count', 't.closed_at'])
      .where('d.site_id', '=', site.id).where('t.status', '=', 'closed').where('t.bag_id', 'is', null)
      .orderBy('t.closed_at').orderBy('t.barcode').limit(LOOSE_SHOWN).execute();
    return {
      site: { id: site.id, name: site.name, roundId: round.id, roundName: round.name, roundStatus: round.status, bagSize: round.bag_size },
      bags,
      looseTubes: loose.map((t) => ({ barcode: t.barcode, deskName: t.desk_name, sampleCount: t.sample_count, closedAt: t.closed_at })),
    };
  }

  async open(actor: Actor, input: TBagOpenInput): Promise<BagView> {
    const scope = requirePermission(actor, 'nat.register');
    const site = await findSiteInScope(this.deps.db, scope, input.siteId);
    if (!site) throw notFound('site');
    const round = await this.deps.db.selectFrom('nat_rounds').selectAll().where('id', '=', site.round_id).executeTakeFirstOrThrow();
    return onceInTransaction(this.deps, async (trx) => {
      const same = await trx.selectFrom('nat_bags').selectAll().where('id', '=', input.id).executeTakeFirst();
      if (same) return view(trx, same);
      const taken = await trx.selectFrom('nat_bags').selectAll().where('round_id', '=', round.id).where('barcode', '=', input.barcode).executeTakeFirst();
      if (taken) {
        if (taken.site_id === site.id && taken.status === 'open') return view(trx, taken);
        throw new AppError('NAT_BAG_STATE', `bag ${input.barcode} already used`, [{ path: 'barcode', message: 'nat.barcode' }]);
      }
      const row: BagRow = {
        id: input.id, round_id: round.id, site_id: site.id, barcode: input.barcode, capacity: round.bag_size, status: 'open',
        tube_count: 0, sealed_at: null, courier_name: null, handed_tube_count: null, handed_over_at: null, handed_over_by: null,
        created_at: this.deps.clock.now().toISOString(),
      };
      await trx.insertInto('nat_bags').values(row).execute();
      return view(trx, row);
    });
  }

  /** Puts a closed tube of the bag's site into an open bag; the bag seals itself when it reaches its capacity. */
  async addTube(actor: Actor, bagId: string, tubeBarcode: string): Promise<BagView> {
    const scope = requirePermission(actor, 'nat.register');
    return this.deps.db.transaction().execute(async (trx) => {
      const bag = await this.bagInScope(trx, scope, { id: bagId });
      const tube = await trx.selectFrom('nat_tubes').selectAll().where('round_id', '=', bag.round_id).where('barcode', '=', tubeBarcode).executeTakeFirst();
      if (!tube || (tube.site_id !== bag.site_id && tube.site_id !== null)) {
        throw new AppError('VALIDATION', 'tube not of this round or site', [{ path: 'tubeBarcode', message: 'nat.tube_other_round' }]);
      }
      if (tube.bag_id === bag.id) return view(trx, bag);
      if (bag.status !== 'open') throw new AppError('NAT_BAG_STATE', `bag is ${bag.status}`, [{ path: 'tubeBarcode', message: 'nat.bag_full' }]);
      if (tube.status !== 'closed') throw new AppError('VALIDATION', 'tube not closed', [{ path: 'tubeBarcode', message: 'nat.tube_not_closed' }]);
      const now = this.deps.clock.now().toISOString();
      const placed = await trx.updateTable('nat_bags')
        .set({
          tube_count: sql`tube_count + 1`,
          status: sql`case when tube_count + 1 >= capacity then 'sealed' else 'open' end`,
          sealed_at: sql`case when tube_count + 1 >= capacity then ${now} else sealed_at end`,
        })
        .where('id', '=', bag.id).where('status', '=', 'open').where(sql<boolean>`tube_count < capacity`).executeTakeFirst();
      if (Number(placed.numUpdatedRows) !== 1) throw new AppError('NAT_BAG_STATE', 'bag full', [{ path: 'tubeBarcode', message: 'nat.bag_full' }]);
      await trx.updateTable('nat_tubes').set({ status: 'bagged', bag_id: bag.id }).where('id', '=', tube.id).where('status', '=', 'closed').execute();
      return view(trx, await this.bagInScope(trx, scope, { id: bag.id }));
    });
  }

  async seal(actor: Actor, bagId: string): Promise<BagView> {
    const scope = requirePermission(actor, 'nat.register');
    return this.deps.db.transaction().execute(async (trx) => {
      const bag = await this.bagInScope(trx, scope, { id: bagId });
      if (bag.status === 'open') {
        const at = this.deps.clock.now().toISOString();
        await trx.updateTable('nat_bags').set({ status: 'sealed', sealed_at: at }).where('id', '=', bag.id).execute();
        await recordAudit(trx, this.deps.clock, actor, { action: 'nat.bag.seal', entityType: 'nat_bag', entityId: bag.id, details: { barcode: bag.barcode, tubes: bag.tube_count } });
        return view(trx, { ...bag, status: 'sealed', sealed_at: at });
      }
      return view(trx, bag);
    });
  }

  /** Courier handover by scan: the bag, then its tubes (or their count), compared with what the bag holds. */
  async handover(actor: Actor, input: THandoverInput): Promise<HandoverResult> {
    const scope = requirePermission(actor, 'nat.register');
    const round = await findRoundInScope(this.deps.db, scope, input.roundId);
    if (!round) throw notFound('round');
    return this.deps.db.transaction().execute(async (trx) => {
      const bag = await this.bagInScope(trx, scope, { roundId: round.id, barcode: input.bagBarcode });
      if (bag.status === 'open' && bag.tube_count === 0) throw new AppError('NAT_BAG_STATE', 'empty bag');
      const inBag = (await trx.selectFrom('nat_tubes').select('barcode').where('bag_id', '=', bag.id).execute()).map((t) => t.barcode);
      const scanned = input.tubeBarcodes ? [...new Set(input.tubeBarcodes)] : null;
      const counted = scanned ? scanned.length : input.tubeCount ?? 0;
      const missing = scanned ? inBag.filter((b) => !scanned.includes(b)).sort() : [];
      const unexpected = scanned ? scanned.filter((b) => !inBag.includes(b)).sort() : [];
      const match = counted === bag.tube_count && missing.length === 0 && unexpected.length === 0;
      if (bag.status !== 'handed_over') {
        const at = this.deps.clock.now().toISOString();
        await trx.updateTable('nat_bags').set({
          status: 'handed_over', sealed_at: bag.sealed_at ?? at, courier_name: input.courierName, handed_tube_count: counted,
          handed_over_at: at, handed_over_by: actor.accountId || null,
        }).where('id', '=', bag.id).execute();
        await trx.updateTable('nat_tubes').set({ status: 'handed_over' }).where('bag_id', '=', bag.id).execute();
        await recordAudit(trx, this.deps.clock, actor, {
          action: 'nat.bag.handover', entityType: 'nat_bag', entityId: bag.id,
          details: { barcode: bag.barcode, courier: input.courierName, expected: bag.tube_count, counted, missing, unexpected, note: input.note ?? null },
        });
      }
      const after = await this.bagInScope(trx, scope, { id: bag.id });
      return { bag: await view(trx, after), expected: bag.tube_count, counted: after.handed_tube_count ?? counted, match, missing, unexpected };
    });
  }
}
