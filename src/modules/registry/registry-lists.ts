import { recordAudit } from '../../platform/audit.ts';
import { notFound } from '../../platform/errors.ts';
import { maskIdNumber, maskPhone } from '../../platform/id-number.ts';
import type { Actor, Scope } from '../../platform/policy.ts';
import { writeSheet, type SheetRow, type TransferColumn } from '../../platform/transfer/index.ts';
import { ID_TYPE_LABELS, NEED_LABELS, RELATION_LABELS, RESIDENCE_LABELS, SEX_LABELS, STATUS_LABELS } from './registry.labels.ts';
import { RegistryRepository, type ResidentJoinedRow } from './registry.repository.ts';
import {
  REGISTRY_LIMITS, type RegistrySummary, type SpecialNeedsList, type SummaryRow, type TExportQuery, type TSpecialNeedsQuery,
} from './registry.schema.ts';
import type { RegistryDeps } from './registry.service.ts';
import { joinNames, needViews, pathBelow, pathTail, placeNames } from './registry.views.ts';
import { ResidentImportRepository } from './registry-import.repository.ts';

const naturalOrder = new Intl.Collator('zh-CN', { numeric: true });

function compareNames(a: string[], b: string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const c = naturalOrder.compare(a[i], b[i]);
    if (c !== 0) return c;
  }
  return a.length - b.length;
}

/** The door-to-door list: active residents with special needs, ordered by building, entrance, household. */
export async function specialNeedsList(deps: RegistryDeps, scope: Scope, query: TSpecialNeedsQuery): Promise<SpecialNeedsList> {
  const repo = new RegistryRepository(deps.db);
  const node = await repo.findNode(query.nodeId, scope);
  if (!node) throw notFound('node');
  const cap = REGISTRY_LIMITS.specialNeedsList;
  const rows = (await repo.specialNeeds(node.path, query.kind, cap));
  const page = rows.slice(0, cap);
  const needs = await repo.needsOf(page.map((r) => r.id));
  const below = page.map((r) => pathBelow(r.household_path, node.path));
  const names = await placeNames(repo, below);
  const items = page.map((r, i) => ({
    sortKey: below[i].map((id) => names.get(id) ?? ''),
    entry: {
      residentId: r.id, name: r.name, sex: (r.sex as 'M' | 'F' | null) ?? null, birthYear: r.birth_year, householdId: r.household_id,
      address: joinNames(below[i], names) || node.name,
      phoneMasked: r.phone_enc ? maskPhone(deps.cipher.decrypt(r.phone_enc)) : null,
      needs: needViews(needs.get(r.id)),
    },
  }));
  items.sort((a, b) => compareNames(a.sortKey, b.sortKey) || naturalOrder.compare(a.entry.name, b.entry.name));
  return { nodeId: node.id, nodeName: node.name, items: items.map((i) => i.entry), truncated: rows.length > cap };
}

/** Counts of a node and of each child: residents, those living here, those with special needs. */
export async function summary(deps: RegistryDeps, scope: Scope, nodeId: string): Promise<RegistrySummary> {
  const repo = new RegistryRepository(deps.db);
  const node = await repo.findNode(nodeId, scope);
  if (!node) throw notFound('node');
  const rows = await repo.childCounts(node);
  const view = (r: (typeof rows)[number]): SummaryRow => ({
    nodeId: r.id, name: r.name, levelCode: r.level_code, residents: r.residents, active: r.active, specialNeeds: r.special_needs,
  });
  const self = rows.find((r) => r.id === node.id);
  const children = rows.filter((r) => r.id !== node.id).map(view);
  children.sort((a, b) => naturalOrder.compare(a.name, b.name));
  return { node: self ? view(self) : { nodeId: node.id, name: node.name, levelCode: node.level_code, residents: 0, active: 0, specialNeeds: 0 }, children };
}

export const EXPORT_COLUMNS: readonly TransferColumn[] = [
  { key: 'address', zh: '住址', en: 'Address' },
  // The place columns of the import sheet, so an (unmasked) export can be edited and imported again.
  { key: 'compound', zh: '小区', en: 'Compound' },
  { key: 'building', zh: '楼栋', en: 'Building' },
  { key: 'entrance', zh: '单元', en: 'Entrance' },
  { key: 'household', zh: '门牌号', en: 'Household' },
  { key: 'name', zh: '姓名', en: 'Name' },
  { key: 'sex', zh: '性别', en: 'Sex' },
  { key: 'birthDate', zh: '出生日期', en: 'Birth date' },
  { key: 'idType', zh: '证件类型', en: 'Document type' },
  { key: 'idNumber', zh: '证件号码', en: 'Document number' },
  { key: 'phone', zh: '手机号', en: 'Mobile' },
  { key: 'relation', zh: '与户主关系', en: 'Relation to head' },
  { key: 'residenceType', zh: '居住类型', en: 'Residence' },
  { key: 'status', zh: '状态', en: 'Status' },
  { key: 'needs', zh: '特殊需求', en: 'Special needs' },
  { key: 'notes', zh: '备注', en: 'Notes' },
];

/**
 * Residents of a subtree as a sheet, page by page (keyset by id) so a large community streams. The audit row
 * is written first: an unmasked export that fails half-way has still been recorded.
 */
export async function exportResidents(
  deps: RegistryDeps, actor: Actor, scope: Scope, query: TExportQuery, lang: 'zh' | 'en', out: NodeJS.WritableStream,
): Promise<number> {
  const node = await new RegistryRepository(deps.db).findNode(query.nodeId, scope);
  if (!node) throw notFound('node');
  await deps.db.transaction().execute(async (trx) => {
    await recordAudit(trx, deps.clock, actor, {
      action: query.unmasked ? 'resident.export_unmasked' : 'resident.export', entityType: 'jurisdiction_node', entityId: node.id,
      scopePath: node.path,
      details: { format: query.format, unmasked: query.unmasked, includeInactive: query.includeInactive, ...(query.unmasked ? { reason: query.reason } : {}) },
    });
  });
  const { rows } = await writeSheet(EXPORT_COLUMNS, sheetRows(deps, scope, node.path, query, lang), query.format, {
    lang, out, sheetName: lang === 'en' ? 'Residents' : '居民',
  });
  return rows;
}

async function* sheetRows(deps: RegistryDeps, scope: Scope, path: string, query: TExportQuery, lang: 'zh' | 'en'): AsyncGenerator<SheetRow> {
  const repo = new RegistryRepository(deps.db);
  const size = 1000;
  let after: string | undefined;
  for (;;) {
    const rows = await repo.search(scope, { limit: size, after, nodePath: path, statuses: query.includeInactive ? undefined : ['active'] });
    const page = rows.slice(0, size);
    const needs = await repo.needsOf(page.map((r) => r.id));
    const places = await new ResidentImportRepository(deps.db).placesById([...new Set(page.flatMap((r) => pathTail(r.household_path)))]);
    const names = new Map([...places].map(([id, p]) => [id, p.name]));
    for (const r of page) {
      const tail = pathTail(r.household_path);
      const at = (level: string) => tail.map((id) => places.get(id)).find((p) => p?.level === level)?.name ?? '';
      yield {
        ...sheetRow(deps, r, joinNames(tail, names), needViews(needs.get(r.id)), query.unmasked, lang),
        compound: at('compound'), building: at('building'), entrance: at('entrance'), household: at('household'),
      };
    }
    if (rows.length <= size) return;
    after = page[page.length - 1].id;
  }
}

function sheetRow(
  deps: RegistryDeps, r: ResidentJoinedRow, address: string, needs: ReturnType<typeof needViews>, unmasked: boolean, lang: 'zh' | 'en',
): SheetRow {
  const idNumber = r.id_number_enc ? deps.cipher.decrypt(r.id_number_enc) : null;
  const phone = r.phone_enc ? deps.cipher.decrypt(r.phone_enc) : null;
  const label = <K extends string>(labels: Record<K, { zh: string; en: string }>, k: string | null) =>
    k && k in labels ? labels[k as K][lang] : (k ?? '');
  return {
    address, name: r.name, sex: label(SEX_LABELS, r.sex), birthDate: r.birth_date ?? (r.birth_year ? String(r.birth_year) : ''),
    idType: label(ID_TYPE_LABELS, r.id_type),
    idNumber: idNumber ? (unmasked ? idNumber : maskIdNumber(idNumber)) : '',
    phone: phone ? (unmasked ? phone : maskPhone(phone)) : '',
    relation: label(RELATION_LABELS, r.relation), residenceType: label(RESIDENCE_LABELS, r.residence_type),
    status: label(STATUS_LABELS, r.status),
    needs: needs.map((n) => `${NEED_LABELS[n.kind][lang]}${n.note ? (lang === 'en' ? ` (${n.note})` : `（${n.note}）`) : ''}`).join(lang === 'en' ? '; ' : '；'),
    notes: r.notes ?? '',
  };
}
