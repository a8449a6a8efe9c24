import { recordAudit } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { requirePermission, subtreeEnd, type Actor } from '../../platform/policy.ts';
import { pathBelow } from '../registry/registry.views.ts';
import { maskName, residentCodeToken } from './codes.ts';
import type { NatDeps } from './nat.deps.ts';
import type { CodeSheetEntry } from './nat.schema.ts';
import { findNodeInScope, inScope, nodeNames } from './plan.repository.ts';

// Issuing personal codes: a printable sheet per building (one QR per resident, name masked) for those without a
// phone, and re-issue when a code is lost (the old printed code stops working at once).

const SHEET_MAX = 5000;

export class NatCodesService {
  constructor(private readonly deps: NatDeps) {}

  /**
   * The codes of every active resident under a node (a building, usually), in door order. Printing issues them:
   * residents without a resident_codes row get one at serial 1, so the sheet records when codes went out.
   */
  async sheet(actor: Actor, nodeId: string): Promise<{ nodeName: string; entries: CodeSheetEntry[] }> {
    const scope = requirePermission(actor, 'nat.manage');
    const node = await findNodeInScope(this.deps.db, scope, nodeId);
    if (!node) throw notFound('node');
    const at = this.deps.clock.now().toISOString();
    const rows = await this.deps.db.transaction().execute(async (trx) => {
      const found = await trx.selectFrom('residents as r')
        .innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
        .leftJoin('resident_codes as c', 'c.resident_id', 'r.id')
        .select(['r.id', 'r.name', 'h.path', 'c.serial'])
        .where('r.status', '=', 'active')
        .where('h.path', '>=', node.path).where('h.path', '<', subtreeEnd(node.path))
        .orderBy('h.path').orderBy('r.id')
        .limit(SHEET_MAX)
        .execute();
      const fresh = found.filter((r) => r.serial === null).map((r) => ({ resident_id: r.id, serial: 1, issued_at: at }));
      for (let i = 0; i < fresh.length; i += 500) {
        await trx.insertInto('resident_codes').values(fresh.slice(i, i + 500)).onConflict((oc) => oc.column('resident_id').doNothing()).execute();
      }
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'nat.codes.sheet', entityType: 'jurisdiction_node', entityId: node.id, scopePath: node.path,
        details: { residents: found.length, newlyIssued: fresh.length },
      });
      return found;
    });
    const names = await nodeNames(this.deps.db, rows.flatMap((r) => pathBelow(r.path, node.path)));
    return {
      nodeName: node.name,
      entries: rows.map((r) => ({
        residentId: r.id, nameMasked: maskName(r.name), serial: r.serial ?? 1,
        household: pathBelow(r.path, node.path).map((id) => names.get(id) ?? '').filter(Boolean).join(' '),
        token: residentCodeToken(this.deps.signer, r.id, r.serial ?? 1),
      })),
    };
  }

  /** A new code for a resident; every earlier code of theirs is refused from now on. */
  async reissue(actor: Actor, residentId: string, reason: string | null | undefined): Promise<CodeSheetEntry> {
    const scope = requirePermission(actor, 'nat.manage');
    const at = this.deps.clock.now().toISOString();
    const result = await this.deps.db.transaction().execute(async (trx) => {
      const resident = await trx.selectFrom('residents as r')
        .innerJoin('jurisdiction_nodes as h', 'h.id', 'r.household_id')
        .leftJoin('resident_codes as c', 'c.resident_id', 'r.id')
        .select(['r.id', 'r.name', 'h.path', 'h.name as household', 'c.serial'])
        .where('r.id', '=', residentId)
        .where((eb) => inScope(eb, 'h.path', scope))
        .executeTakeFirst();
      if (!resident) throw notFound('resident');
      const serial = (resident.serial ?? 1) + 1;
      await trx.insertInto('resident_codes').values({ resident_id: residentId, serial, issued_at: at })
        .onConflict((oc) => oc.column('resident_id').doUpdateSet({ serial, issued_at: at })).execute();
      await recordAudit(trx, this.deps.clock, actor, {
        action: 'nat.code.reissue', entityType: 'resident', entityId: residentId, scopePath: resident.path,
        details: { serial, reason: reason ?? null },
      });
      return { ...resident, serial };
    });
    return {
      residentId, nameMasked: maskName(result.name), household: result.household, serial: result.serial,
      token: residentCodeToken(this.deps.signer, residentId, result.serial),
    };
  }
}
