// The resident import sheet: columns (with the headings communities actually use), the per-row zod schema,
// and the import's own messages (zh/en). Values are parsed from the Chinese labels the export writes.
import { z } from 'zod';
import { fieldMessage, LIMITS, zOptionalText, zPhone, zText } from '../../platform/validation.ts';
import { maskIdNumber, maskPhone } from '../../platform/id-number.ts';
import type { TransferColumn } from '../../platform/transfer/index.ts';
import { ID_TYPE_LABELS, NEED_LABELS, RELATION_LABELS, RESIDENCE_LABELS } from './registry.labels.ts';
import { ID_TYPES, NEED_KINDS, REGISTRY_LIMITS, RELATIONS, RESIDENCE_TYPES, type NeedKind } from './registry.schema.ts';

export const IMPORT_COLUMNS: TransferColumn[] = [
  { key: 'compound', zh: '小区', en: 'Compound', aliases: ['小区名称', '院落', '网格小区', 'compound name'], example: '阳光花园', note: '可空：所选范围内楼栋名唯一时不必填写' },
  { key: 'building', zh: '楼栋', en: 'Building', aliases: ['楼号', '楼栋号', '栋', '幢', '楼'], required: true, example: '3号楼', note: '必须是系统中已有的楼栋；填“3”也能匹配“3号楼”' },
  { key: 'entrance', zh: '单元', en: 'Entrance', aliases: ['单元号'], example: '1单元', note: '可空；填写时必须是该楼已有的单元' },
  { key: 'household', zh: '门牌号', en: 'Household', aliases: ['房号', '户号', '室', '房间号', '门牌'], required: true, example: '302室', note: '系统中没有的门牌号会在该单元（或楼栋）下自动建户' },
  { key: 'name', zh: '姓名', en: 'Name', aliases: ['居民姓名', '人员姓名'], required: true, example: '王秀英' },
  { key: 'idType', zh: '证件类型', en: 'Document type', example: '居民身份证', note: `空=有号码时按居民身份证；可填：${Object.values(ID_TYPE_LABELS).map((l) => l.zh).join('、')}` },
  { key: 'idNumber', zh: '身份证号', en: 'ID number', aliases: ['证件号码', '身份证号码', '公民身份号码', '证件号', 'document number'], example: '110105194912310029', note: '请把该列设为“文本”格式，避免 Excel 截断' },
  { key: 'sex', zh: '性别', en: 'Sex', example: '女', note: '男/女；有身份证号时可空（由号码推出）' },
  { key: 'birthDate', zh: '出生日期', en: 'Birth date', aliases: ['出生年月日'], example: '1949-12-31', note: 'YYYY-MM-DD；有身份证号时可空' },
  { key: 'phone', zh: '联系电话', en: 'Mobile', aliases: ['手机号', '手机号码', '电话', '联系方式', 'phone'], example: '13800135678' },
  { key: 'relation', zh: '与户主关系', en: 'Relation to head', aliases: ['关系'], example: '户主', note: `${Object.values(RELATION_LABELS).map((l) => l.zh).join('、')}；空=其他（新登记）或不变` },
  { key: 'residenceType', zh: '居住类型', en: 'Residence', aliases: ['人口类型', '户籍类型'], example: '常住', note: '常住、暂住、外来；空=常住（新登记）或不变' },
  { key: 'needs', zh: '特殊需求', en: 'Special needs', aliases: ['特殊人群', '重点人群', '人员标签'], example: '行动不便、慢性病', note: `可多选，用顿号/逗号分隔：${Object.values(NEED_LABELS).map((l) => l.zh).join('、')}` },
  { key: 'notes', zh: '备注', en: 'Notes', example: '' },
];

/** Messages of the import itself; looked up before the shared FIELD_MESSAGES. */
const MESSAGES: Record<string, { zh: string; en: string }> = {
  'import.unknown_label': { zh: '无法识别的取值', en: 'Unrecognised value' },
  'import.unknown_need': { zh: '无法识别的特殊需求（可填：行动不便、残疾、婴幼儿、孕妇、慢性病、独居）', en: 'Unrecognised need (immobile, disabled, infant, pregnant, chronic illness, lives alone)' },
  'import.unknown_compound': { zh: '所选范围内没有这个小区', en: 'No such compound in the chosen area' },
  'import.unknown_building': { zh: '所选范围内没有这个楼栋（楼栋须先在辖区树中建立）', en: 'No such building in the chosen area (create it in the jurisdiction tree first)' },
  'import.ambiguous_building': { zh: '该楼栋名在所选范围内有多个，请填写小区', en: 'Several buildings have this name here; fill in the compound' },
  'import.unknown_entrance': { zh: '该楼栋下没有这个单元', en: 'This building has no such entrance' },
  'import.duplicate_id': { zh: '证件号码与本文件第 {row} 行重复', en: 'Same document number as row {row} of this file' },
  'import.duplicate_person': { zh: '与本文件第 {row} 行是同一户的同一人（姓名、出生日期相同）', en: 'Same person in the same household as row {row} of this file' },
  'import.bad_date': { zh: '日期格式应为 YYYY-MM-DD', en: 'Dates are YYYY-MM-DD' },
};

/** A message key of the import or of the platform in the chosen language ({row} etc. filled in). */
export function importMessage(key: string, lang: 'zh' | 'en', vars: Record<string, string | number> = {}): string {
  const own = MESSAGES[key];
  const text = own ? own[lang] : /^[a-z_]+\.[a-z_]+$/.test(key) ? fieldMessage(key, lang) : key;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** Personal values are masked in the error report: it is a file that gets passed around. */
export function reportValue(key: string, value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (key === 'idNumber') return maskIdNumber(value);
  if (key === 'phone') return maskPhone(value);
  return value;
}

type Labels<K extends string> = Record<K, { zh: string; en: string }>;

const EXTRA_LABELS: Record<string, string> = {
  身份证: 'id_card', 二代身份证: 'id_card', 居民身份证号: 'id_card', 港澳通行证: 'hk_macau_permit', 台胞证: 'taiwan_permit', 无: 'none',
  本人: 'head', 妻: 'spouse', 夫: 'spouse', 妻子: 'spouse', 丈夫: 'spouse', 子: 'child', 女: 'child', 儿子: 'child', 女儿: 'child',
  父亲: 'parent', 母亲: 'parent', 租客: 'tenant', 常住人口: 'permanent', 暂住人口: 'temporary', 流动人口: 'outsider', 户籍: 'permanent',
};

function fromLabels<K extends string>(codes: readonly K[], labels: Labels<K>) {
  const map = new Map<string, K>();
  for (const code of codes) {
    map.set(code, code);
    map.set(labels[code].zh, code);
    map.set(labels[code].en.toLowerCase(), code);
  }
  return (v: unknown) => {
    if (typeof v !== 'string') return v;
    const t = v.trim();
    const extra = EXTRA_LABELS[t];
    return map.get(t) ?? map.get(t.toLowerCase()) ?? (extra && map.has(extra) ? extra : t);
  };
}

const NEED_MAP = new Map<string, NeedKind>();
for (const k of NEED_KINDS) {
  NEED_MAP.set(k, k);
  NEED_MAP.set(NEED_LABELS[k].zh, k);
  NEED_MAP.set(NEED_LABELS[k].en.toLowerCase(), k);
}
for (const [alias, k] of [['残疾人', 'disabled'], ['婴儿', 'infant'], ['幼儿', 'infant'], ['孕产妇', 'pregnant'], ['独居老人', 'lives_alone'], ['慢病', 'chronic_illness'], ['卧床', 'immobile']] as const) NEED_MAP.set(alias, k);

/** '行动不便、慢性病' → ['immobile', 'chronic_illness']; an unknown word fails the whole cell. */
const zNeedList = z.string().transform((v, ctx) => {
  const kinds = new Set<NeedKind>();
  const find = (w: string) => NEED_MAP.get(w) ?? NEED_MAP.get(w.toLowerCase());
  for (const part of v.split(/[,，、;；/|]+/)) {
    const word = part.replace(/[（(].*[)）]$/, '').trim();
    if (!word) continue;
    // 'Chronic illness' is one need; '行动不便 慢性病' (space-separated) is two.
    const found = find(word) ? [find(word)] : word.split(/\s+/).map(find);
    if (found.some((k) => !k)) {
      ctx.addIssue({ code: 'custom', message: 'import.unknown_need' });
      return z.NEVER;
    }
    for (const k of found) kinds.add(k!);
  }
  return [...kinds];
});

/** '1949/12/31', '1949.12.31', '19491231' → '1949-12-31'; anything else stays and fails the date rule. */
function normaliseDate(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim().replace(/ 00:00:00$/, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  return m ? `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}` : t;
}

const zSheetDate = z.preprocess(normaliseDate, z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'import.bad_date').refine((v) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}, 'date.invalid'));

const place = zText(LIMITS.placeName);

export const ImportRow = z.object({
  compound: place.optional(),
  building: place,
  entrance: place.optional(),
  household: place,
  name: zText(LIMITS.name),
  idType: z.preprocess(fromLabels(ID_TYPES, ID_TYPE_LABELS), z.enum(ID_TYPES, 'import.unknown_label')).optional(),
  idNumber: z.string().trim().max(REGISTRY_LIMITS.document).optional(),
  sex: z.preprocess((v) => (v === '男' || v === 'm' ? 'M' : v === '女' || v === 'f' ? 'F' : v), z.enum(['M', 'F'], 'import.unknown_label')).optional(),
  birthDate: zSheetDate.optional(),
  phone: z.preprocess((v) => (typeof v === 'string' ? v.replace(/^\+?86[-\s]?/, '') : v), zPhone).optional(),
  relation: z.preprocess(fromLabels(RELATIONS, RELATION_LABELS), z.enum(RELATIONS, 'import.unknown_label')).optional(),
  residenceType: z.preprocess(fromLabels(RESIDENCE_TYPES, RESIDENCE_LABELS), z.enum(RESIDENCE_TYPES, 'import.unknown_label')).optional(),
  needs: zNeedList.optional(),
  notes: zOptionalText(LIMITS.note).optional(),
});
export type TImportRow = z.infer<typeof ImportRow>;
