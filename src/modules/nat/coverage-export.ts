import { recordAudit } from '../../platform/audit.ts';
import type { Actor } from '../../platform/policy.ts';
import { addXlsxSheet, newWorkbook, type SheetCell } from '../../platform/transfer/write.ts';
import { NEED_LABELS } from '../registry/registry.labels.ts';
import { CoverageRepository, type NodeRow, type UntestedKey } from './coverage.repository.ts';
import type { NatCoverageService, CoverageTarget } from './coverage.service.ts';
import type { UntestedRow } from './coverage.schema.ts';

type Lang = 'zh' | 'en';
const PAGE = 1000;

const HEADINGS = {
  zh: ['住址', '姓名', '手机号', '特殊需求', '上门采样', '管控状态'],
  en: ['Address', 'Name', 'Mobile', 'Special needs', 'Home visit', 'Control'],
};
const TASK_LABELS: Record<string, { zh: string; en: string }> = {
  open: { zh: '待上门', en: 'Open' },
  sampled: { zh: '已上门采样', en: 'Sampled' },
  nobody_home: { zh: '无人在家', en: 'Nobody home' },
  refused: { zh: '拒绝采样', en: 'Refused' },
};

function cells(r: UntestedRow, lang: Lang): SheetCell[] {
  const needs = r.needs.map((n) => (NEED_LABELS as Record<string, { zh: string; en: string }>)[n.kind]?.[lang] ?? n.kind).join('、');
  return [r.address, r.name, r.phoneMasked, needs, r.doorTask ? TASK_LABELS[r.doorTask.status]?.[lang] ?? r.doorTask.status : null, r.controlStatus];
}

/**
 * The building a household path belongs to: the deepest ancestor of level 'building' (a household straight
 * under a compound falls back to its parent). Rows come in path order, so each building's rows are contiguous.
 */
function buildingOf(path: string, nodes: Map<string, NodeRow>): string {
  const ids = path.split('/').filter(Boolean);
  for (let i = ids.length - 1; i >= 0; i--) if (nodes.get(ids[i])?.level_code === 'building') return ids[i];
  return ids.at(-2) ?? ids[0];
}

/**
 * Streams the untested list under the target node as XLSX with one sheet per building (the building lead's
 * sheet), reading the list page by page in door order so memory holds one building at a time.
 */
export async function exportUntested(service: NatCoverageService, actor: Actor, target: CoverageTarget, lang: Lang, out: NodeJS.WritableStream): Promise<number> {
  const { db, clock } = service.deps;
  const { round, node } = target;
  await recordAudit(db, clock, actor, {
    action: 'nat.untested_export', entityType: 'nat_round', entityId: round.id, scopePath: node.path, details: { nodeId: node.id },
  });
  const repo = new CoverageRepository(db);
  const nodes = new Map<string, NodeRow>();
  const wb = newWorkbook(out);
  const sheetNames = new Set<string>();
  let total = 0;
  let current: { building: string; rows: UntestedRow[] } | null = null;
  const flush = async () => {
    if (!current) return;
    const b = nodes.get(current.building);
    const parent = b?.parent_id ? nodes.get(b.parent_id) : undefined;
    let name = [parent?.name, b?.name].filter(Boolean).join(' ').replace(/[\\/?*[\]:]/g, '_').slice(0, 28) || 'Sheet';
    for (let i = 2; sheetNames.has(name); i++) name = `${name.slice(0, 26)}-${i}`;
    sheetNames.add(name);
    total += await addXlsxSheet(wb, { name, headings: HEADINGS[lang], widths: [30, 10, 14, 16, 12, 10] }, current.rows.map((r) => cells(r, lang)));
    current = null;
  };
  try {
    let after: { path: string; id: string } | null = null;
    for (;;) {
      const keys: UntestedKey[] = await repo.untestedPage(round.id, node.path, after, PAGE);
      const missing = [...new Set(keys.flatMap((k) => k.node_path.split('/').filter(Boolean)))].filter((id) => !nodes.has(id));
      for (const n of await repo.nodesByIds(missing)) nodes.set(n.id, n);
      const rows = await service.untestedRows(repo, round.id, node.path, keys);
      for (let i = 0; i < keys.length; i++) {
        const building = buildingOf(keys[i].node_path, nodes);
        if (current && current.building !== building) await flush();
        current ??= { building, rows: [] };
        current.rows.push(rows[i]);
      }
      if (keys.length < PAGE) break;
      const last = keys[keys.length - 1];
      after = { path: last.node_path, id: last.resident_id };
    }
    await flush();
    if (sheetNames.size === 0) await addXlsxSheet(wb, { name: lang === 'en' ? 'Untested' : '未检测', headings: HEADINGS[lang] }, []);
    await wb.commit();
    return total;
  } catch (err) {
    (out as { destroy?: () => void }).destroy?.();
    throw err;
  }
}
