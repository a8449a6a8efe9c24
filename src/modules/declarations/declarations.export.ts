import type { Lang, TransferColumn } from '../../platform/transfer/index.ts';
import type { EntryView } from './declarations.schema.ts';

export const EXPORT_COLUMNS: TransferColumn[] = [
  { key: 'name', zh: '姓名', en: 'Name' },
  { key: 'phone', zh: '手机号', en: 'Phone' },
  { key: 'declared', zh: '是否申报', en: 'Declared' },
  { key: 'whereabouts', zh: '动向', en: 'Whereabouts' },
  { key: 'destination', zh: '去向', en: 'Destination' },
  { key: 'dates', zh: '离开/返回日期', en: 'Left / back' },
  { key: 'risk', zh: '去向风险等级', en: 'Destination risk' },
  { key: 'health', zh: '身体状况', en: 'Health' },
  { key: 'contact', zh: '涉疫接触', en: 'Risk contact' },
  { key: 'flags', zh: '需关注', en: 'Flags' },
  { key: 'declaredAt', zh: '申报时间', en: 'Declared at' },
];

const L = {
  zh: {
    yes: '是', no: '否', stayed: '留在本地', left: '离开本地', normal: '正常', fever: '发热', symptoms: '有症状',
    risk: { high: '高风险', medium: '中风险', low: '低风险', none: '无风险' },
    flag: { risk_destination: '去过风险地区', fever: '发热', symptoms: '有症状', risk_contact: '涉疫接触' },
  },
  en: {
    yes: 'Yes', no: 'No', stayed: 'Stayed', left: 'Left', normal: 'Normal', fever: 'Fever', symptoms: 'Symptoms',
    risk: { high: 'High', medium: 'Medium', low: 'Low', none: 'None' },
    flag: { risk_destination: 'Risk area', fever: 'Fever', symptoms: 'Symptoms', risk_contact: 'Risk contact' },
  },
} as const;

/** One sheet row: masked phone, the declaration in words, Shanghai time of the declaration. */
export function exportRow(e: EntryView, lang: Lang): Record<string, string> {
  const l = L[lang];
  const d = e.declaration;
  const at = e.declaredAt ? new Date(new Date(e.declaredAt).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ') : '';
  return {
    name: e.name, phone: e.phoneMasked ?? '', declared: e.declared ? l.yes : l.no,
    whereabouts: d ? l[d.whereabouts] : '', destination: d?.destination ?? '',
    dates: d?.leftOn ? `${d.leftOn} ~ ${d.returnOn ?? ''}` : '', risk: d?.destinationRisk ? l.risk[d.destinationRisk] : '',
    health: d ? `${l[d.health]}${d.symptoms ? `：${d.symptoms}` : ''}` : '',
    contact: d ? (d.riskContact ? `${l.yes}：${d.contactText ?? ''}` : l.no) : '',
    flags: e.flags.map((f) => l.flag[f]).join('、'), declaredAt: at,
  };
}
