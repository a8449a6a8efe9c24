import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { maskIdNumber, maskPhone } from '../../platform/id-number.ts';
import type { EventRow, NeedRow, RegistryRepository, ResidentJoinedRow } from './registry.repository.ts';
import type { NeedView, ResidentEventView, ResidentView } from './registry.schema.ts';

/** Ids of a household path's last four places (compound, building, entrance, household). */
export function pathTail(path: string | null | undefined, n = 4): string[] {
  return path ? path.split('/').filter(Boolean).slice(-n) : [];
}

/** Ids below `basePath` on `path` (the places under a listed building, say), at most the last four. */
export function pathBelow(path: string, basePath: string): string[] {
  const below = path.startsWith(basePath) ? path.slice(basePath.length) : path;
  return below.split('/').filter(Boolean).slice(-4);
}

/** Names of every place on the given id lists, one query for a whole page. */
export async function placeNames(repo: RegistryRepository, idLists: string[][]): Promise<Map<string, string>> {
  const ids = new Set<string>();
  for (const list of idLists) for (const id of list) ids.add(id);
  return repo.nodeNames([...ids]);
}

export function joinNames(ids: string[], names: Map<string, string>): string {
  return ids.map((id) => names.get(id) ?? '').filter(Boolean).join(' ');
}

export function needViews(needs: NeedRow[] | undefined): NeedView[] {
  return (needs ?? []).map((n) => ({ kind: n.kind as NeedView['kind'], note: n.note }));
}

export function residentView(r: ResidentJoinedRow, needs: NeedRow[] | undefined, names: Map<string, string>, cipher: FieldCipher): ResidentView {
  return {
    id: r.id, householdId: r.household_id, address: joinNames(pathTail(r.household_path), names),
    name: r.name, sex: (r.sex as 'M' | 'F' | null) ?? null, birthDate: r.birth_date, birthYear: r.birth_year,
    idType: r.id_type as ResidentView['idType'],
    idNumberMasked: r.id_number_enc ? maskIdNumber(cipher.decrypt(r.id_number_enc)) : null,
    phoneMasked: r.phone_enc ? maskPhone(cipher.decrypt(r.phone_enc)) : null,
    relation: r.relation as ResidentView['relation'], residenceType: r.residence_type as ResidentView['residenceType'],
    status: r.status as ResidentView['status'], statusDate: r.status_date, needs: needViews(needs), notes: r.notes,
    anonymised: r.anonymised_at !== null, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export async function residentViews(repo: RegistryRepository, rows: ResidentJoinedRow[], cipher: FieldCipher): Promise<ResidentView[]> {
  const [needs, names] = await Promise.all([
    repo.needsOf(rows.map((r) => r.id)),
    placeNames(repo, rows.map((r) => pathTail(r.household_path))),
  ]);
  return rows.map((r) => residentView(r, needs.get(r.id), names, cipher));
}

export function eventView(e: EventRow, addresses: Map<string, string>): ResidentEventView {
  return {
    id: e.id, kind: e.kind as ResidentEventView['kind'],
    fromHouseholdId: e.from_household_id, fromAddress: e.from_household_id ? addresses.get(e.from_household_id) ?? null : null,
    toHouseholdId: e.to_household_id, toAddress: e.to_household_id ? addresses.get(e.to_household_id) ?? null : null,
    date: e.on_date, reason: e.reason, actorName: e.actor_name, at: e.at,
  };
}
