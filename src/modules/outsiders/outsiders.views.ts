import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { maskIdNumber, maskPhone } from '../../platform/id-number.ts';
import { joinNames, pathTail } from '../registry/registry.views.ts';
import type { ArrivalRow, MeasureRow, OutsidersRepository } from './outsiders.repository.ts';
import type { ArrivalView, MeasureKind, MeasureStatus, MeasureView, RiskLevel } from './outsiders.schema.ts';

export function parseTestDays(json: string | null): string[] | null {
  return json ? (JSON.parse(json) as string[]) : null;
}

export function measureView(m: MeasureRow): MeasureView {
  return {
    id: m.id, arrivalId: m.arrival_id, kind: m.kind as MeasureKind, startsOn: m.starts_on, endsOn: m.ends_on,
    testDays: parseTestDays(m.test_days), status: m.status as MeasureStatus,
    proposed: { kind: m.proposed_kind as MeasureKind, startsOn: m.proposed_starts_on, endsOn: m.proposed_ends_on },
    reason: m.reason, confirmedBy: m.confirmed_by, confirmedAt: m.confirmed_at,
  };
}

/** Where someone stays, as people say it: the household's compound, building, entrance and room, or the free text. */
export function stayOf(stayText: string | null, stayPath: string | null, names: Map<string, string>): string {
  return stayText ?? joinNames(pathTail(stayPath), names);
}

/** Views of a page of arrivals: their measures and the names of their places in two queries. */
export async function arrivalViews(
  repo: OutsidersRepository, rows: ArrivalRow[], cipher: FieldCipher, versionNames: Map<string, string>,
): Promise<ArrivalView[]> {
  const ids = new Set<string>();
  for (const r of rows) {
    ids.add(r.scope_node_id);
    if (r.stay_node_id) for (const id of pathTail(r.scope_path)) ids.add(id);
  }
  const [measures, names] = await Promise.all([repo.measuresOf(rows.map((r) => r.id)), repo.nodeNames([...ids])]);
  return rows.map((r) => ({
    id: r.id, name: r.name, idType: r.id_type as ArrivalView['idType'],
    idNumberMasked: r.id_number_enc ? maskIdNumber(cipher.decrypt(r.id_number_enc)) : null,
    phoneMasked: r.phone_enc ? maskPhone(cipher.decrypt(r.phone_enc)) : null,
    fromRegion: r.from_region, riskLevel: r.risk_level as RiskLevel, arrivalDate: r.arrival_date,
    stayNodeId: r.stay_node_id, stay: stayOf(r.stay_text, r.stay_node_id ? r.scope_path : null, names), stayText: r.stay_text,
    scopeNodeId: r.scope_node_id, scopeName: names.get(r.scope_node_id) ?? '',
    registeredVia: r.registered_via as ArrivalView['registeredVia'], checkpointName: r.checkpoint_name, residentId: r.resident_id,
    ruleVersion: r.rule_version_id ? { id: r.rule_version_id, name: versionNames.get(r.rule_version_id) ?? '' } : null,
    notes: r.notes, measures: (measures.get(r.id) ?? []).map(measureView), createdBy: r.created_by, createdAt: r.created_at,
  }));
}
