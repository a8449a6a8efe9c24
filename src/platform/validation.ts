import { z } from 'zod';
import { ID_PATTERN } from './ids.ts';
import { isMainlandMobile, parseMainlandIdNumber } from './id-number.ts';

// Field rules and limits in one place, shared by HTTP bodies, CLI input, spreadsheet rows and UI forms.
// Custom messages are keys of FIELD_MESSAGES so server and browser show them in the user's language.
export const LIMITS = {
  name: 50,
  placeName: 100,
  code: 40,
  note: 500,
  skills: 500,
  pageSize: 200,
  search: 50,
  username: 64,
  passwordMin: 10,
  passwordMax: 128,
  importBytes: 50 * 1024 * 1024,
} as const;

export const FIELD_MESSAGES: Record<string, { zh: string; en: string }> = {
  'id.invalid': { zh: '编号格式不正确', en: 'Invalid id' },
  'text.blank': { zh: '不能为空', en: 'Must not be blank' },
  'text.control': { zh: '含有不允许的字符', en: 'Contains characters that are not allowed' },
  'phone.invalid': { zh: '手机号应为11位，以1开头', en: 'Mobile number must be 11 digits starting with 1' },
  'id_number.length': { zh: '身份证号应为18位（或15位旧号）', en: 'ID number must have 18 (or legacy 15) characters' },
  'id_number.format': { zh: '身份证号只能包含数字和末位X', en: 'ID number may hold only digits and a final X' },
  'id_number.region': { zh: '身份证号地区码无效', en: 'ID number has an invalid region code' },
  'id_number.birth_date': { zh: '身份证号中的出生日期无效', en: 'ID number has an invalid birth date' },
  'id_number.check_digit': { zh: '身份证号校验位错误', en: 'ID number check digit is wrong' },
  'date.invalid': { zh: '日期格式应为 YYYY-MM-DD', en: 'Date must be YYYY-MM-DD' },
  'date.range': { zh: '结束日期不能早于开始日期', en: 'End date is before start date' },
  'password.weak': {
    zh: `密码至少${LIMITS.passwordMin}位，且须包含字母和数字`,
    en: `Password needs at least ${LIMITS.passwordMin} characters with letters and digits`,
  },
  'username.format': { zh: '用户名只能包含字母、数字、下划线、点和横线', en: 'Username may hold letters, digits, _ . -' },
  'level.unknown': { zh: '未知的层级', en: 'Unknown level' },
  'level.below_parent': { zh: '层级须低于上级节点的层级', en: 'The level must be below the parent\'s level' },
  'name.taken': { zh: '同一上级下已有同名节点', en: 'A sibling already has this name' },
  'id_number.taken': { zh: '该身份证号已登记', en: 'This ID number is already registered' },
  'username.taken': { zh: '用户名已被使用', en: 'This username is taken' },
  'ref.not_found': { zh: '所选记录不存在', en: 'The chosen record does not exist' },
  'ref.outside_scope': { zh: '所选记录不在您的辖区内', en: 'The chosen record is outside your jurisdiction' },
  'home.required': { zh: '请选择居住社区', en: 'Choose the home community' },
  'role.too_high': { zh: '不能设置与您同级或更高的角色', en: 'You cannot grant a role as high as your own' },
  'binding.required': { zh: '该角色须绑定辖区或单位', en: 'This role needs a jurisdiction node or a unit' },
  'password.wrong': { zh: '当前密码错误', en: 'The current password is wrong' },
  'password.same': { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  'import.sex': { zh: '性别应为：男、女', en: 'Sex must be 男 (M) or 女 (F)' },
  'import.political_status': { zh: '政治面貌应为：中共党员、入党积极分子、群众', en: 'Political status must be 中共党员, 入党积极分子 or 群众 (member, activist, non_member)' },
  'import.category': { zh: '人员类别应为：干部、职工、志愿者、社区工作者、医护人员、警察、其他', en: 'Category must be one of 干部, 职工, 志愿者, 社区工作者, 医护人员, 警察, 其他' },
  'import.unit_kind': { zh: '单位类型应为：机关、事业单位、企业、社会组织、其他', en: 'Unit type must be 机关, 事业单位, 企业, 社会组织 or 其他' },
  'org.place_required': { zh: '临时党组织须填写所在地点', en: 'A temporary organisation needs a place' },
  'org.start_required': { zh: '临时党组织须填写成立日期', en: 'A temporary organisation needs a start date' },
  'org.parent_kind': { zh: '上级组织类型不符', en: 'This kind of organisation cannot sit under that parent' },
  'org.parent_cycle': { zh: '不能把组织放到自己或下级组织之下', en: 'An organisation cannot sit under itself or its own sub-organisations' },
  'org.kind_children': { zh: '下级组织或责任区与新类型不符', en: 'Sub-organisations or areas do not fit the new kind' },
  'org.branch_kind': { zh: '责任区须属于党支部或临时党支部', en: 'An area belongs to a branch or temporary branch' },
  'org.post_outside_area': { zh: '先锋岗须位于责任区范围内', en: 'A post must lie inside its area' },
  'org.posts_outside_area': { zh: '已有先锋岗不在新的范围内', en: 'Existing posts would lie outside the area' },
  'org.scope_required': { zh: '须选择您辖区内的地点或单位', en: 'Choose a place or unit inside your jurisdiction' },
  'org.unit_readonly': { zh: '单位账号不能修改单位信息', en: 'A unit account cannot change units' },
};

export function fieldMessage(key: string, lang: 'zh' | 'en'): string {
  return FIELD_MESSAGES[key]?.[lang] ?? key;
}

/** A message that is one of our keys ('phone.invalid') in the user's language; any other text as it is. */
export function localiseMessage(message: string, lang: 'zh' | 'en'): string {
  return /^[a-z_]+\.[a-z_]+$/.test(message) ? fieldMessage(message, lang) : message;
}

export const zId = z.string().regex(ID_PATTERN, 'id.invalid');

/** Trimmed single-line text without control characters. */
export function zText(max: number) {
  return z
    .string()
    .trim()
    .min(1, 'text.blank')
    .max(max)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'text.control');
}

export function zOptionalText(max: number) {
  return z
    .string()
    .trim()
    .max(max)
    .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'text.control')
    .transform((v) => (v === '' ? null : v))
    .nullish();
}

export const zPhone = z
  .string()
  .trim()
  .transform((v) => v.replace(/[\s-]/g, '').replace(/^\+?86/, ''))
  .refine(isMainlandMobile, 'phone.invalid');

/** Validates GB 11643 and normalises (15 → 18 digits, upper-case X). */
export const zIdNumber = z.string().transform((raw, ctx) => {
  const r = parseMainlandIdNumber(raw);
  if (!r.ok) {
    ctx.addIssue({ code: 'custom', message: `id_number.${r.reason}` });
    return z.NEVER;
  }
  return r.value;
});

export const zDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date.invalid').refine((v) => {
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}, 'date.invalid');

export const zPassword = z
  .string()
  .min(LIMITS.passwordMin, 'password.weak')
  .max(LIMITS.passwordMax)
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), 'password.weak');

export const zUsername = z.string().trim().min(2).max(LIMITS.username).regex(/^[A-Za-z0-9_.-]+$/, 'username.format');

/** Keyset page: `after` is the last id of the previous page. */
export const zPage = z.object({
  after: zId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});

export interface Page<T> {
  items: T[];
  /** Pass as `after` to get the next page; null when this is the last page. */
  next: string | null;
}
