import type { IdType, NeedKind, Relation, ResidenceType, ResidentStatus } from './registry.schema.ts';

// Cell values of exported sheets, in the sheet's language (the web app has its own copy in its dictionary).
type Labels<K extends string> = Record<K, { zh: string; en: string }>;

export const ID_TYPE_LABELS: Labels<IdType> = {
  id_card: { zh: '居民身份证', en: 'Mainland ID card' },
  passport: { zh: '护照', en: 'Passport' },
  hk_macau_permit: { zh: '港澳居民来往内地通行证', en: 'Hong Kong/Macau permit' },
  taiwan_permit: { zh: '台湾居民来往大陆通行证', en: 'Taiwan permit' },
  household_register: { zh: '户口簿', en: 'Household register' },
  none: { zh: '无证件', en: 'None' },
};

export const RELATION_LABELS: Labels<Relation> = {
  head: { zh: '户主', en: 'Head' },
  spouse: { zh: '配偶', en: 'Spouse' },
  child: { zh: '子女', en: 'Child' },
  parent: { zh: '父母', en: 'Parent' },
  grandparent: { zh: '祖父母/外祖父母', en: 'Grandparent' },
  grandchild: { zh: '孙子女/外孙子女', en: 'Grandchild' },
  sibling: { zh: '兄弟姐妹', en: 'Sibling' },
  other_relative: { zh: '其他亲属', en: 'Other relative' },
  tenant: { zh: '租户', en: 'Tenant' },
  other: { zh: '其他', en: 'Other' },
};

export const RESIDENCE_LABELS: Labels<ResidenceType> = {
  permanent: { zh: '常住', en: 'Permanent' },
  temporary: { zh: '暂住', en: 'Temporary' },
  outsider: { zh: '外来', en: 'Outsider' },
};

export const NEED_LABELS: Labels<NeedKind> = {
  immobile: { zh: '行动不便', en: 'Immobile' },
  disabled: { zh: '残疾', en: 'Disabled' },
  infant: { zh: '婴幼儿', en: 'Infant' },
  pregnant: { zh: '孕妇', en: 'Pregnant' },
  chronic_illness: { zh: '慢性病', en: 'Chronic illness' },
  lives_alone: { zh: '独居', en: 'Lives alone' },
};

export const STATUS_LABELS: Labels<ResidentStatus> = {
  active: { zh: '在住', en: 'Living here' },
  moved_away: { zh: '已迁出', en: 'Moved away' },
  deceased: { zh: '已故', en: 'Deceased' },
};

export const SEX_LABELS: Labels<'M' | 'F'> = { M: { zh: '男', en: 'M' }, F: { zh: '女', en: 'F' } };
