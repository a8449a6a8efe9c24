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
  // Each capability adds its rule messages under its own heading below ('<module>.<rule>' keys).
  // screening: (door-to-door screening campaigns)
  'screening.temperature_range': { zh: '体温应在 34–43 °C 之间', en: 'Temperature must be between 34 and 43 °C' },
  'screening.symptom_duplicate': { zh: '症状重复', en: 'A symptom is listed twice' },
  'screening.person_duplicate': { zh: '同一人重复勾选', en: 'A person is ticked twice' },
  'screening.no_households': { zh: '所选范围内没有“户”，无法生成排查任务', en: 'No households under this node to screen' },
  'screening.too_many_households': { zh: '范围过大（超过5万户），请按社区分别发起', en: 'Too many households (over 50,000); start one campaign per community' },
  'screening.campaign_closed': { zh: '排查活动已结束，不能再登记', en: 'The campaign is closed' },
  'screening.outside_dates': { zh: '今天不在排查活动的日期范围内', en: 'Today is outside the campaign dates' },
  'screening.not_in_task': { zh: '该户不在此排查任务中', en: 'This household is not part of the task' },
  'screening.not_in_household': { zh: '此人不是该户的在住居民', en: 'Not a resident of this household' },
  'screening.nobody_seen': { zh: '无人在家或拒绝时不能登记在家人员', en: 'No people can be recorded when nobody was home or the visit was refused' },
  // outsiders: (outsiders, arrivals and the measures rule set)
  'outsiders.count_only_tests': { zh: '只有核酸检测措施填写检测次数', en: 'Only a tests measure has a number of tests' },
  'outsiders.count_required': { zh: '请填写检测次数', en: 'Give the number of tests' },
  'outsiders.count_over_days': { zh: '检测次数不能多于天数', en: 'More tests than days' },
  'outsiders.stay_required': { zh: '请选择居住的户，或填写住处（如酒店），二选一', en: 'Choose the household stayed at, or type the place (hotel) — one of the two' },
  'outsiders.checkpoint_required': { zh: '请填写卡口名称', en: 'Give the checkpoint name' },
  'outsiders.date_future': { zh: '抵达日期不能晚于今天', en: 'The arrival date cannot be after today' },
  'outsiders.risk_unknown': { zh: '风险地区名单中没有该地区，请选择风险等级', en: 'The region is not in the risk list; choose its risk level' },
  'outsiders.duplicate': { zh: '此人当天已登记抵达', en: 'This person is already registered as arriving that day' },
  'outsiders.node_required': { zh: '请选择负责的社区或小区', en: 'Choose the community or compound that answers for the record' },
  'outsiders.reason_required': { zh: '调整或取消须填写原因', en: 'Give a reason for the change or cancellation' },
  'outsiders.measure_closed': { zh: '该措施已完成或已取消', en: 'This measure is already done or cancelled' },
  'outsiders.version_day_taken': { zh: '已有版本从这一天开始生效', en: 'Another version starts that day' },
  'outsiders.version_past': { zh: '生效日期不能早于今天（新规则不能改写过去）', en: 'The effective date cannot be before today' },
  'outsiders.version_immutable': { zh: '已生效的版本不能修改，请新建版本', en: 'A version in force cannot change; create a new version' },
  // declarations: (staff declarations of units)
  'declarations.destination_required': { zh: '离开本地须填写去向', en: 'Give the destination' },
  'declarations.left_on_required': { zh: '请填写离开日期', en: 'Give the day of leaving' },
  'declarations.risk_required': { zh: '请选择去向地的风险等级', en: 'Choose the risk level of the destination' },
  'declarations.symptoms_required': { zh: '请描述症状', en: 'Describe the symptoms' },
  'declarations.contact_required': { zh: '请说明接触情况', en: 'Describe the contact' },
  'declarations.unit_required': { zh: '请选择单位', en: 'Choose the unit' },
  'declarations.closed': { zh: '本次申报已结束', en: 'This declaration campaign is closed' },
  // nat: (nucleic-acid testing rounds)
  'nat.lab_unknown_tube': { zh: '本轮没有这个管码的采样管', en: 'No tube with this barcode in this round' },
  'nat.lab_duplicate_line': { zh: '管码在文件中重复出现', en: 'The barcode appears more than once in the file' },
  'nat.lab_bad_value': { zh: '结果应为 阴性、阳性 或 无效', en: 'Result must be negative, positive or invalid' },
  'nat.lab_empty_barcode': { zh: '管码为空', en: 'The tube barcode is empty' },
  'nat.lab_result_conflict': { zh: '该管已有不同的结果；如为更正，请勾选“更正已有结果”', en: 'The tube already has a different result; tick "correction" to change it' },
  'nat.pool_size': { zh: '混采人数只能是 1、5、10 或 20', en: 'Pool size must be 1, 5, 10 or 20' },
  'nat.time_invalid': { zh: '时间格式应为 HH:MM', en: 'Time must be HH:MM' },
  'nat.datetime_invalid': { zh: '时间格式不正确', en: 'Invalid date and time' },
  'nat.closes_before_opens': { zh: '结束时间须晚于开始时间', en: 'Closing time must be after opening time' },
  'nat.ends_before_starts': { zh: '结束时间须晚于开始时间', en: 'The end must be after the start' },
  'nat.slot_outside_round': { zh: '时段须在本轮检测日期之内', en: 'The slot must fall within the round\'s dates' },
  'nat.place_outside_round': { zh: '所选区域不在本轮检测范围内', en: 'The chosen place is outside the round\'s area' },
  'nat.node_outside_site': { zh: '所选区域未分配给该点位', en: 'The chosen place is not assigned to this site' },
  'nat.desk_other_site': { zh: '采样台不属于该点位', en: 'The desk belongs to another site' },
  'nat.area_taken': { zh: '该区域已分配给其他点位', en: 'This place is already assigned to another site' },
  'nat.cursor_invalid': { zh: '翻页位置无效，请从第一页重新加载', en: 'Invalid page cursor; reload from the first page' },
  'nat.bucket_invalid': { zh: '时间粒度只能是15或60分钟', en: 'Bucket must be 15 or 60 minutes' },
  'nat.node_outside_round': { zh: '所选地点不在本轮检测范围内', en: 'The place is outside this round' },
  'nat.barcode': { zh: '条码应为6–32位字母、数字或横线', en: 'Barcode: 6–32 letters, digits or dashes' },
  'nat.scan_target': { zh: '须扫个人码、填写证件号码或选择同户成员（只选一种）', en: 'Give one of: personal code, ID number, or a household member' },
  'nat.resident_unknown': { zh: '未找到该证件号码的居民，请核对或手工登记', en: 'No resident with this ID number; check it or register by hand' },
  'nat.tube_unknown': { zh: '此采样台没有该采样管，请先扫管', en: 'No such tube at this desk; scan the tube first' },
  'nat.tube_not_closed': { zh: '只有已封管的采样管可以装袋', en: 'Only closed tubes go into a bag' },
  'nat.bag_full': { zh: '转运袋已满', en: 'The bag is full' },
  'nat.tube_other_round': { zh: '采样管不属于本轮或不在此点位', en: 'The tube is not of this round or site' },
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
  'registry.id_number_required': { zh: '请填写证件号码', en: 'Enter the document number' },
  'registry.id_number_unexpected': { zh: '无证件时不应填写号码', en: 'No number when there is no document' },
  'registry.document_format': { zh: '证件号码只能包含字母、数字、括号和横线（4–30位）', en: 'Document number: 4–30 letters, digits, brackets or dashes' },
  'registry.birth_date_mismatch': { zh: '出生日期与身份证号不一致', en: 'Birth date does not match the ID number' },
  'registry.sex_mismatch': { zh: '性别与身份证号不一致', en: 'Sex does not match the ID number' },
  'registry.date_future': { zh: '日期不能晚于今天', en: 'The date cannot be after today' },
  'registry.not_household': { zh: '请选择“户”一级的地址', en: 'Choose a household' },
  'registry.not_active': { zh: '仅在住居民可以迁户', en: 'Only residents living here can move' },
  'registry.same_household': { zh: '已在该户', en: 'Already lives in this household' },
  'registry.anonymised': { zh: '已匿名化的记录不能修改', en: 'An anonymised record cannot change' },
  'registry.id_reused': { zh: '该编号已用于其他记录', en: 'This id belongs to another record' },
  'registry.reason_required': { zh: '请填写原因', en: 'Give a reason' },
  'registry.need_duplicate': { zh: '特殊需求重复', en: 'A need is listed twice' },
  'mobilization.person_not_in_unit': { zh: '只能选择派出单位的人员', en: 'Only people of the sending unit can be dispatched' },
  'mobilization.unit_required': { zh: '请选择派出单位', en: 'Choose the sending unit' },
  'mobilization.not_reported': { zh: '该人员尚未报到，请先确认报到', en: 'This person has not reported in yet' },
  'mobilization.not_dispatched_here': {
    zh: '未找到派往此处的下沉记录，请核对姓名和手机号，或联系社区工作人员',
    en: 'No one with this name and mobile number is dispatched here; check them or ask the community staff',
  },
  'mobilization.leader_deputy_same': { zh: '队长和副队长不能是同一人', en: 'Leader and deputy must be different people' },
  'mobilization.already_decided': { zh: '该报名已处理', en: 'This sign-up has already been decided' },
  'mobilization.not_approved': { zh: '报名通过审核后才能安排岗位', en: 'Approve the sign-up before assigning it' },
  'mobilization.community_required': { zh: '请选择要报名的社区（村）', en: 'Choose a community (village)' },
  'mobilization.political_required': { zh: '请选择政治面貌', en: 'Choose a political status' },
  'mobilization.pairing_exists': { zh: '该单位已与该社区结对', en: 'This unit is already paired with this place' },
  'mobilization.place_required': { zh: '请选择地点（或选择突击队）', en: 'Choose a place (or a team)' },
  'duty.time_invalid': { zh: '时间格式应为 HH:MM', en: 'Time must be HH:MM' },
  'duty.shift_names_unique': { zh: '班次名称不能重复', en: 'Shift names must differ' },
  'duty.people_unique': { zh: '人员不能重复', en: 'A person may appear only once' },
  'duty.period_range': { zh: '结束时间须晚于开始时间', en: 'The end must be after the start' },
  'duty.instant_invalid': { zh: '应为日期（YYYY-MM-DD）或带时区的时间', en: 'Use a date (YYYY-MM-DD) or a time with its offset' },
  'duty.range_too_long': { zh: '日期范围不能超过一年', en: 'The range may not exceed one year' },
  'duty.checkin_target': { zh: '须提供点位二维码，或班次和人员', en: 'Give the post QR token, or a shift and a person' },
  'duty.unavailable': { zh: '该人员在此期间不可值班（隔离、病假或请假）', en: 'The person is unavailable then (isolation, sick or leave)' },
  'duty.outside_availability': { zh: '不在该人员申报的可值班时段内', en: 'Outside the times the person declared available' },
  'duty.overlap': { zh: '与该人员的其他班次时间重叠', en: 'Overlaps another shift of this person' },
  'duty.rest': { zh: '与该人员的其他班次间隔不足最少休息时间', en: 'Too little rest between this and another shift of the person' },
  'duty.already_assigned': { zh: '该人员已在此班次', en: 'The person already holds this shift' },
  'duty.shift_full': { zh: '班次人数已满', en: 'The shift is already fully staffed' },
  'duty.shift_past': { zh: '班次已结束', en: 'The shift is over' },
  'duty.no_person': { zh: '账号未关联人员，无法签到', en: 'This account is not linked to a person' },
  'duty.no_shift_now': { zh: '现在没有您在此点位可签到的班次', en: 'You have no shift at this post to check in to now' },
  'duty.not_checked_in': { zh: '尚未签到，不能签退', en: 'Not checked in, so cannot check out' },
  'duty.note_closed': { zh: '只能填写或修改当天的值班日志', en: 'Only today\'s note can be written or changed' },
  'duty.swap_same_person': { zh: '不能换给本人', en: 'Cannot swap to the same person' },
  'duty.swap_pending': { zh: '该排班已有待审批的换班申请', en: 'A swap is already waiting for approval for this assignment' },
  'duty.swap_decided': { zh: '该换班申请已处理', en: 'This swap has already been decided' },
  'duty.assignment_inactive': { zh: '该排班已失效', en: 'This assignment is no longer active' },
  'duty.has_attendance': { zh: '已有签到记录，不能删除', en: 'There is already a check-in; it cannot be removed' },
  'reports.field_required': { zh: '此项必填', en: 'Required' },
  'reports.integer': { zh: '须为整数', en: 'Must be a whole number' },
  'reports.min': { zh: '小于允许的最小值', en: 'Below the allowed minimum' },
  'reports.max': { zh: '超过允许的最大值', en: 'Above the allowed maximum' },
  'reports.boolean': { zh: '须为“是”或“否”', en: 'Must be yes or no' },
  'reports.text': { zh: '文字过长或含有不允许的字符', en: 'Text too long or contains characters that are not allowed' },
  'reports.unknown_field': { zh: '表单中没有此项', en: 'Not a field of this form' },
  'reports.field_key': { zh: '代码须以小写字母开头，只含小写字母、数字和下划线', en: 'Key must start with a lower-case letter and hold only a–z, 0–9 and _' },
  'reports.duplicate_key': { zh: '代码重复', en: 'Duplicate key' },
  'reports.summable_type': { zh: '只有整数和“是/否”项可以汇总', en: 'Only whole-number and yes/no fields can be summed' },
  'reports.minmax_type': { zh: '只有整数项可以设最小值、最大值', en: 'Only whole-number fields take a minimum or maximum' },
  'reports.min_max': { zh: '最小值不能大于最大值', en: 'Minimum is above maximum' },
  'reports.deadline_format': { zh: '截止时间格式应为 HH:MM', en: 'Deadline must be HH:MM' },
  'reports.no_reporters': { zh: '须选择填报层级或填报单位', en: 'Choose the levels or units that report' },
  'reports.units_required': { zh: '须选择填报单位', en: 'Choose the reporting units' },
  'reports.future_day': { zh: '不能填报未来的日期', en: 'Cannot report for a future day' },
  'reports.form_inactive': { zh: '该日期不在报表有效期内', en: 'The form is not active on this day' },
  'reports.not_reporter': { zh: '该辖区或单位不需要填报此报表', en: 'This place or unit does not fill in this form' },
  'reports.already_submitted': { zh: '当日已报送，请使用“更正”', en: 'Already submitted for this day; correct it instead' },
  'reports.correction_closed': { zh: '过期报告只能由管理人员更正', en: "Only a manager can correct a past day's report" },
  'reports.reporter_required': { zh: '须指定填报的辖区或单位', en: 'Choose the place or unit that reports' },
  'reports.level_unknown': { zh: '未知的辖区层级', en: 'Unknown jurisdiction level' },
  'reports.unit_unknown': { zh: '单位不存在', en: 'Unknown unit' },
  'reports.range_too_long': { zh: '日期范围不能超过 93 天', en: 'The range can be at most 93 days' },
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
