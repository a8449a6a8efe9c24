import type { Permission, Role } from '@shared/platform/policy.ts';

type Bilingual = { zh: string; en: string };

// Display names for the domain's code values (see the glossary); the code values themselves come from the server.
const ROLE_LABELS: Record<Role, Bilingual> = {
  admin: { zh: '系统管理员', en: 'Administrator' },
  command: { zh: '指挥部', en: 'Command' },
  street: { zh: '街道', en: 'Street office' },
  community_secretary: { zh: '社区书记', en: 'Community secretary' },
  unit_liaison: { zh: '单位联络员', en: 'Unit liaison' },
  site_lead: { zh: '点长', en: 'Site lead' },
  building_lead: { zh: '楼长', en: 'Building lead' },
  gate_guard: { zh: '卡口值守', en: 'Gate guard' },
  isolation_staff: { zh: '隔离点工作人员', en: 'Isolation-site staff' },
  volunteer: { zh: '志愿者', en: 'Volunteer' },
  resident: { zh: '居民', en: 'Resident' },
};

// Partial: a permission added on the server before the web knows it shows its code rather than failing the build.
const PERMISSION_LABELS: Partial<Record<Permission, Bilingual>> = {
  'tree.read': { zh: '查看辖区', en: 'View jurisdiction' },
  'tree.write': { zh: '维护辖区', en: 'Edit jurisdiction' },
  'levels.write': { zh: '维护层级', en: 'Edit levels' },
  'org.read': { zh: '查看组织', en: 'View organisation' },
  'org.write': { zh: '维护组织', en: 'Edit organisation' },
  'people.read': { zh: '查看人员', en: 'View people' },
  'people.write': { zh: '维护人员', en: 'Edit people' },
  'accounts.manage': { zh: '管理账号', en: 'Manage accounts' },
  'audit.read': { zh: '查看审计', en: 'Read audit log' },
  'data.import': { zh: '导入数据', en: 'Import data' },
  'data.export': { zh: '导出数据', en: 'Export data' },
  'mobilization.read': { zh: '查看下沉报到', en: 'View dispatch' },
  'mobilization.write': { zh: '维护下沉报到', en: 'Manage dispatch' },
  'duty.read': { zh: '查看值班', en: 'View duty roster' },
  'duty.write': { zh: '排班', en: 'Plan duty' },
  'duty.checkin': { zh: '值班签到', en: 'Duty check-in' },
  'reports.submit': { zh: '报送日报', en: 'Submit daily reports' },
  'reports.read': { zh: '查看日报', en: 'Read daily reports' },
  'reports.manage': { zh: '管理日报', en: 'Manage daily reports' },
  'registry.read': { zh: '查看居民登记', en: 'View registry' },
  'registry.write': { zh: '维护居民登记', en: 'Edit registry' },
  'registry.unmask': { zh: '查看完整证件号码', en: 'See full ID and phone numbers' },
};

export const LABELS = {
  role: ROLE_LABELS,
  permission: PERMISSION_LABELS,
  sex: { M: { zh: '男', en: 'Male' }, F: { zh: '女', en: 'Female' } },
  political: {
    member: { zh: '党员', en: 'Party member' },
    activist: { zh: '入党积极分子', en: 'Activist' },
    non_member: { zh: '群众', en: 'Non-member' },
  },
  category: {
    cadre: { zh: '干部', en: 'Cadre' },
    staff: { zh: '职工', en: 'Staff' },
    volunteer: { zh: '志愿者', en: 'Volunteer' },
    community_worker: { zh: '社区工作者', en: 'Community worker' },
    medic: { zh: '医护人员', en: 'Medic' },
    police: { zh: '民警', en: 'Police' },
    other: { zh: '其他', en: 'Other' },
  },
  partyOrgKind: {
    party_group: { zh: '党组', en: 'Party group' },
    party_committee: { zh: '党委', en: 'Party committee' },
    branch: { zh: '党支部', en: 'Branch' },
    temporary_branch: { zh: '临时党支部', en: 'Temporary branch' },
    temporary_group: { zh: '临时党小组', en: 'Temporary group' },
  },
  placeKind: {
    compound: { zh: '小区', en: 'Compound' },
    checkpoint: { zh: '卡口', en: 'Checkpoint' },
    isolation_site: { zh: '隔离点', en: 'Isolation site' },
    other: { zh: '其他', en: 'Other' },
  },
  chainKind: {
    party_group: { zh: '党组', en: 'Party group' },
    party_committee: { zh: '党委', en: 'Party committee' },
    branch: { zh: '党支部', en: 'Branch' },
    temporary_branch: { zh: '临时党支部', en: 'Temporary branch' },
    temporary_group: { zh: '临时党小组', en: 'Temporary group' },
    area: { zh: '责任区', en: 'Area' },
    post: { zh: '先锋岗', en: 'Post' },
    member: { zh: '党员', en: 'Member' },
  },
  unitKind: {
    government: { zh: '党政机关', en: 'Government organ' },
    institution: { zh: '事业单位', en: 'Public institution' },
    enterprise: { zh: '企业', en: 'Enterprise' },
    social: { zh: '社会组织', en: 'Social organisation' },
    other: { zh: '其他', en: 'Other' },
  },
  entityType: {
    account: { zh: '账号', en: 'Account' },
    auth: { zh: '登录', en: 'Sign-in' },
    session: { zh: '会话', en: 'Session' },
    level: { zh: '辖区层级', en: 'Level' },
    node: { zh: '辖区', en: 'Place' },
    unit: { zh: '机关单位', en: 'Unit' },
    party_org: { zh: '党组织', en: 'Party organisation' },
    area: { zh: '责任区', en: 'Area' },
    post: { zh: '先锋岗', en: 'Post' },
    person: { zh: '人员', en: 'Person' },
    resident: { zh: '居民', en: 'Resident' },
    dispatch_batch: { zh: '下沉批次', en: 'Dispatch batch' },
    dispatch_member: { zh: '下沉人员', en: 'Dispatched person' },
    report_in_code: { zh: '报到码', en: 'Report-in code' },
    pairing: { zh: '结对共建', en: 'Pairing' },
    team: { zh: '突击队', en: 'Assault team' },
    pledge: { zh: '承诺', en: 'Pledge' },
    volunteer_signup: { zh: '志愿者报名', en: 'Volunteer sign-up' },
    field_key: { zh: '加密密钥', en: 'Encryption key' },
  },
  auditVerb: {
    create: { zh: '新增', en: 'created' },
    update: { zh: '修改', en: 'updated' },
    delete: { zh: '删除', en: 'deleted' },
    move: { zh: '移动', en: 'moved' },
    save: { zh: '保存', en: 'saved' },
    import_create: { zh: '导入新增', en: 'imported (new)' },
    import_update: { zh: '导入更新', en: 'imported (update)' },
    reset_password: { zh: '重置密码', en: 'password reset' },
    password_change: { zh: '修改密码', en: 'password changed' },
    login: { zh: '登录', en: 'signed in' },
    logout: { zh: '退出', en: 'signed out' },
    member_add: { zh: '添加人员', en: 'member added' },
    member_remove: { zh: '移出人员', en: 'member removed' },
    read_unmasked: { zh: '查看敏感信息', en: 'read unmasked data' },
    unmask: { zh: '查看完整号码', en: 'unmasked' },
    export: { zh: '导出', en: 'exported' },
    export_unmasked: { zh: '导出完整号码', en: 'exported unmasked' },
    rotate: { zh: '轮换密钥', en: 'key rotated' },
    retention: { zh: '匿名化处理', en: 'anonymised' },
    report_in: { zh: '报到', en: 'reported in' },
    assign: { zh: '安排', en: 'assigned' },
    regenerate: { zh: '重新生成', en: 'regenerated' },
    sign_up: { zh: '报名', en: 'signed up' },
    approve: { zh: '通过', en: 'approved' },
    decline: { zh: '婉拒', en: 'declined' },
    fulfil: { zh: '践诺', en: 'fulfilled' },
    fulfilment_remove: { zh: '删除践诺', en: 'fulfilment removed' },
    member_update: { zh: '调整人员', en: 'member updated' },
  },
  /** Keys of HAS_DEPENDENTS details: what still refers to the record. */
  dependent: {
    children: { zh: '下级辖区', en: 'Child places' },
    units: { zh: '机关单位', en: 'Units' },
    partyOrgs: { zh: '党组织', en: 'Party organisations' },
    childOrgs: { zh: '下级党组织', en: 'Sub-organisations' },
    responsibilityAreas: { zh: '责任区', en: 'Responsibility areas' },
    areas: { zh: '责任区', en: 'Responsibility areas' },
    areasLed: { zh: '负责的责任区', en: 'Areas led' },
    vanguardPosts: { zh: '先锋岗', en: 'Vanguard posts' },
    posts: { zh: '先锋岗', en: 'Vanguard posts' },
    members: { zh: '在岗人员', en: 'Members on post' },
    accounts: { zh: '账号', en: 'Accounts' },
    people: { zh: '人员', en: 'People' },
    nodes: { zh: '辖区', en: 'Places' },
    reportedIn: { zh: '已报到人员', en: 'People reported in' },
    dispatchBatches: { zh: '下沉批次', en: 'Dispatch batches' },
    dispatchMembers: { zh: '下沉人员', en: 'Dispatched people' },
    pairings: { zh: '结对共建', en: 'Pairings' },
    teams: { zh: '突击队', en: 'Assault teams' },
    pledges: { zh: '承诺', en: 'Pledges' },
    volunteerSignups: { zh: '志愿者报名', en: 'Volunteer sign-ups' },
    residents: { zh: '居民', en: 'Residents' },
    reportForms: { zh: '日报表单', en: 'Report forms' },
    dailyReports: { zh: '已报日报', en: 'Daily reports' },
    reportReminders: { zh: '催报记录', en: 'Reminders' },
  },
  postRole: {
    leader: { zh: '岗长', en: 'Post leader' },
    member: { zh: '岗员', en: 'Member' },
  },
} satisfies Record<string, Record<string, Bilingual>>;

export type LabelGroup = keyof typeof LABELS;

export function labelOf(group: LabelGroup, value: string | null | undefined, lang: 'zh' | 'en'): string {
  if (value === null || value === undefined || value === '') return '';
  const table = LABELS[group] as Record<string, Bilingual>;
  return table[value]?.[lang] ?? value;
}

/** Options for a Select, in table order. */
export function optionsOf(group: LabelGroup, lang: 'zh' | 'en', only?: readonly string[]) {
  const table = LABELS[group] as Record<string, Bilingual>;
  return Object.keys(table)
    .filter((k) => !only || only.includes(k))
    .map((value) => ({ value, label: table[value][lang] }));
}
