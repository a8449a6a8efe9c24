// Resolving a row's 小区/楼栋/单元/门牌号 under the chosen node. Buildings and entrances must already exist
// (an unknown building is a typo far more often than a new building); households are numerous and not
// pre-registered, so a missing one is created under its entrance (or building) when the row is written.
import { newId } from '../../platform/ids.ts';
import type { PlaceRow, ResidentImportRepository } from './registry-import.repository.ts';

const SUFFIXES = { building: ['号楼', '栋', '幢', '号', '楼'], entrance: ['单元'], household: ['室', '号', '户'] } as const;

/** '3' ⇄ '3号楼' / '3栋'…, '302' ⇄ '302室': the forms of one place name that count as the same. */
export function nameForms(name: string, kind: keyof typeof SUFFIXES): string[] {
  const forms = [name];
  let base = name;
  for (const s of SUFFIXES[kind]) {
    if (name.endsWith(s) && name.length > s.length) { base = name.slice(0, -s.length); break; }
  }
  if (base !== name) forms.push(base);
  if (/^[0-9A-Za-z-]+$/.test(base)) for (const s of SUFFIXES[kind]) if (`${base}${s}` !== name) forms.push(`${base}${s}`);
  return forms;
}

export type PlaceResult = { ok: true; parentId: string; parentPath: string } | { ok: false; column: 'compound' | 'building' | 'entrance'; message: string };

/** The subtree's compounds, buildings and entrances in memory (small), for the validation pass. */
export class PlaceIndex {
  private readonly compounds = new Map<string, PlaceRow[]>();
  private readonly buildingsByName = new Map<string, PlaceRow[]>();
  private readonly entrances = new Map<string, PlaceRow>();
  private readonly compoundOf = new Map<string, string | null>();

  constructor(rows: PlaceRow[]) {
    const compoundByPath = new Map<string, PlaceRow>();
    for (const r of rows) if (r.level_code === 'compound') { compoundByPath.set(r.path, r); push(this.compounds, r.name, r); }
    for (const r of rows) {
      if (r.level_code === 'building') {
        push(this.buildingsByName, r.name, r);
        const ancestors = r.path.split('/').filter(Boolean);
        let compound: string | null = null;
        for (let i = ancestors.length - 1; i > 0 && !compound; i--) {
          const c = compoundByPath.get(`/${ancestors.slice(0, i).join('/')}/`);
          if (c) compound = c.id;
        }
        this.compoundOf.set(r.id, compound);
      } else if (r.level_code === 'entrance' && r.parent_id) {
        this.entrances.set(`${r.parent_id}\u0000${r.name}`, r);
      }
    }
  }

  resolve(compound: string | undefined, building: string, entrance: string | undefined): PlaceResult {
    let compoundIds: Set<string> | undefined;
    if (compound) {
      const list = this.compounds.get(compound);
      if (!list) return { ok: false, column: 'compound', message: 'import.unknown_compound' };
      compoundIds = new Set(list.map((c) => c.id));
    }
    const found = new Map<string, PlaceRow>();
    for (const form of nameForms(building, 'building')) {
      for (const b of this.buildingsByName.get(form) ?? []) {
        if (!compoundIds || compoundIds.has(this.compoundOf.get(b.id) ?? '')) found.set(b.id, b);
      }
      if (found.size > 0) break;
    }
    if (found.size === 0) return { ok: false, column: 'building', message: 'import.unknown_building' };
    if (found.size > 1) return { ok: false, column: 'building', message: 'import.ambiguous_building' };
    const b = [...found.values()][0];
    if (!entrance) return { ok: true, parentId: b.id, parentPath: b.path };
    for (const form of nameForms(entrance, 'entrance')) {
      const e = this.entrances.get(`${b.id}\u0000${form}`);
      if (e) return { ok: true, parentId: e.id, parentPath: e.path };
    }
    return { ok: false, column: 'entrance', message: 'import.unknown_entrance' };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Households by (parent, name) for the writing pass: looked up a batch at a time, created when missing.
 * The cache is dropped when it grows large, so memory stays bounded on a million-row sheet.
 */
export class HouseholdResolver {
  private readonly cache = new Map<string, string>();
  created = 0;

  constructor(private readonly at: string) {}

  async resolve(repo: ResidentImportRepository, wanted: Array<{ parentId: string; parentPath: string; name: string }>): Promise<Map<string, string>> {
    if (this.cache.size > 100_000) this.cache.clear();
    const key = (parentId: string, name: string) => `${parentId}\u0000${name}`;
    const missingParents = new Set<string>();
    for (const w of wanted) if (!this.cache.has(key(w.parentId, w.name))) missingParents.add(w.parentId);
    if (missingParents.size > 0) {
      const rows = await repo.householdsUnder([...missingParents]);
      // The first existing form wins, so '302' finds '302室' (and the other way round).
      for (const r of rows) if (r.parent_id) for (const f of nameForms(r.name, 'household')) if (!this.cache.has(key(r.parent_id, f))) this.cache.set(key(r.parent_id, f), r.id);
      const inserts: Array<{ id: string; parent_id: string; level_code: string; name: string; code: null; path: string; depth: number; created_at: string; updated_at: string }> = [];
      for (const w of wanted) {
        if (this.cache.has(key(w.parentId, w.name))) continue;
        const id = newId();
        const path = `${w.parentPath}${id}/`;
        inserts.push({ id, parent_id: w.parentId, level_code: 'household', name: w.name, code: null, path, depth: path.split('/').length - 3, created_at: this.at, updated_at: this.at });
        for (const f of nameForms(w.name, 'household')) if (!this.cache.has(key(w.parentId, f))) this.cache.set(key(w.parentId, f), id);
      }
      if (inserts.length > 0) {
        await repo.insertNodes(inserts);
        this.created += inserts.length;
      }
    }
    const out = new Map<string, string>();
    for (const w of wanted) out.set(key(w.parentId, w.name), this.cache.get(key(w.parentId, w.name))!);
    return out;
  }
}
