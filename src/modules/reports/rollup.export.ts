import type { Lang, SheetRow, TransferColumn } from '../../platform/transfer/index.ts';
import type { RollupCounts, RollupView } from './rollup.schema.ts';

// The day's roll-up as the sheet a level sends upward: one row per child (and the level's own report), then
// the total. Column keys of the figures are prefixed so a field named like a fixed column cannot clash.

const FIXED: TransferColumn[] = [
  { key: 'name', zh: '名称', en: 'Name' },
  { key: 'level', zh: '层级', en: 'Level' },
  { key: 'expected', zh: '应报', en: 'Expected' },
  { key: 'submitted', zh: '已报', en: 'Submitted' },
  { key: 'missing', zh: '未报', en: 'Missing' },
  { key: 'late', zh: '迟报', en: 'Late' },
  { key: 'zero', zh: '零报告', en: 'Zero reports' },
];

export function rollupColumns(view: RollupView): TransferColumn[] {
  return [...FIXED, ...view.fields.map((f) => ({ key: `f_${f.key}`, zh: f.labelZh, en: f.labelEn }))];
}

function figures(view: RollupView, c: RollupCounts): SheetRow {
  const row: SheetRow = { expected: c.expected, submitted: c.submitted, missing: c.missing, late: c.late, zero: c.zero };
  for (const f of view.fields) row[`f_${f.key}`] = c.sums[f.key] ?? 0;
  return row;
}

export function rollupSheetRows(view: RollupView, levels: Map<string, { zh: string; en: string }>, lang: Lang): SheetRow[] {
  const levelName = (code: string | null) => (code ? (levels.get(code)?.[lang] ?? code) : lang === 'en' ? 'Unit' : '单位');
  const own = lang === 'en' ? ' (own report)' : '（本级）';
  const rows: SheetRow[] = view.rows.map((r) => ({
    name: r.isSelf ? `${r.name}${own}` : r.name, level: levelName(r.levelCode), ...figures(view, r),
  }));
  rows.push({ name: lang === 'en' ? 'Total' : '合计', level: view.node ? levelName(view.node.levelCode) : '', ...figures(view, view.total) });
  return rows;
}
