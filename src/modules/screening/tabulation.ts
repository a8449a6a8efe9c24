import ExcelJS from '../../platform/transfer/exceljs.ts';
import { escapeCell } from '../../platform/transfer/index.ts';
import type { ScreeningRepository, TaskCountsRow } from './screening.repository.ts';
import type { CampaignView, Counts, Tabulation, TabulationRow } from './screening.schema.ts';
import { addCounts, countsOf, emptyCounts } from './screening.views.ts';

const COMMUNITY_LEVELS = new Set(['community', 'village']);

/**
 * Rolls task figures up by path: each building into the compound and the community (or village) above it.
 * A building under no compound (a village's houses) counts in its community only.
 */
export async function tabulate(repo: ScreeningRepository, campaign: CampaignView, tasks: TaskCountsRow[]): Promise<Tabulation> {
  const ids = new Set<string>();
  for (const t of tasks) for (const id of t.node_path.split('/').filter(Boolean)) ids.add(id);
  const nodes = await repo.nodeLevels([...ids]);
  const compounds = new Map<string, TabulationRow>();
  const communities = new Map<string, TabulationRow>();
  const buildings: TabulationRow[] = [];
  const total = emptyCounts();
  const row = (id: string, parentName: string | null): TabulationRow => ({ nodeId: id, name: nodes.get(id)?.name ?? '', parentName, ...emptyCounts() });
  for (const t of tasks) {
    const path = t.node_path.split('/').filter(Boolean);
    const compoundId = path.find((id) => nodes.get(id)?.level_code === 'compound');
    const communityId = path.find((id) => COMMUNITY_LEVELS.has(nodes.get(id)?.level_code ?? ''));
    const c = countsOf(t);
    addCounts(total, c);
    const parents = [communityId, compoundId].filter((x): x is string => !!x && x !== t.node_id).map((id) => nodes.get(id)?.name ?? '');
    buildings.push({ nodeId: t.node_id, name: nodes.get(t.node_id)?.name ?? '', parentName: parents.join(' ') || null, ...c });
    if (compoundId) {
      const r = compounds.get(compoundId) ?? row(compoundId, communityId ? nodes.get(communityId)?.name ?? null : null);
      compounds.set(compoundId, addCounts(r, c));
    }
    if (communityId) {
      const r = communities.get(communityId) ?? row(communityId, null);
      communities.set(communityId, addCounts(r, c));
    }
  }
  return { campaign, buildings, compounds: [...compounds.values()], communities: [...communities.values()], total };
}

const FIGURES: Array<{ key: keyof Counts; zh: string; en: string }> = [
  { key: 'householdsTotal', zh: '应排查户数', en: 'Households' },
  { key: 'visited', zh: '已入户', en: 'Visited' },
  { key: 'nobodyHome', zh: '无人在家', en: 'Nobody home' },
  { key: 'refused', zh: '拒绝', en: 'Refused' },
  { key: 'notYet', zh: '未排查', en: 'Not yet' },
  { key: 'peoplePresent', zh: '在家人数', en: 'People seen' },
  { key: 'symptomatic', zh: '有症状', en: 'Symptomatic' },
  { key: 'arrivals', zh: '外地返回', en: 'Arrivals' },
  { key: 'needsFound', zh: '新发现特殊需求', en: 'Special needs found' },
  { key: 'newPeople', zh: '新登记人员', en: 'New people registered' },
];

/** The tabulation as a workbook: one sheet per level, each ending with the campaign total, numbers as on screen. */
export async function writeTabulation(tab: Tabulation, lang: 'zh' | 'en'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheets: Array<{ zh: string; en: string; parent: { zh: string; en: string } | null; rows: TabulationRow[] }> = [
    { zh: '楼栋', en: 'Buildings', parent: { zh: '所属社区/小区', en: 'Community / compound' }, rows: tab.buildings },
    { zh: '小区', en: 'Compounds', parent: { zh: '所属社区', en: 'Community' }, rows: tab.compounds },
    { zh: '社区', en: 'Communities', parent: null, rows: tab.communities },
  ];
  for (const s of sheets) {
    const ws = wb.addWorksheet(s[lang], { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([`${escapeCell(tab.campaign.name)}（${tab.campaign.startDate} – ${tab.campaign.endDate}）`]);
    ws.addRow([lang === 'en' ? 'Name' : '名称', ...(s.parent ? [s.parent[lang]] : []), ...FIGURES.map((f) => f[lang])]).font = { bold: true };
    for (const r of s.rows) ws.addRow([escapeCell(r.name), ...(s.parent ? [escapeCell(r.parentName ?? '')] : []), ...FIGURES.map((f) => r[f.key])]);
    ws.addRow([lang === 'en' ? 'Total' : '合计', ...(s.parent ? [''] : []), ...FIGURES.map((f) => tab.total[f.key])]).font = { bold: true };
    ws.columns.forEach((col, i) => { col.width = i < (s.parent ? 2 : 1) ? 24 : 12; });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
