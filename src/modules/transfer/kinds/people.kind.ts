import { z } from 'zod';
import { AppError } from '../../../platform/errors.ts';
import type { Executor } from '../../../platform/db/database.ts';
import type { Actor } from '../../../platform/policy.ts';
import { LIMITS, zIdNumber, zPhone, zText } from '../../../platform/validation.ts';
import type { JurisdictionService } from '../../jurisdiction/jurisdiction.service.ts';
import { PERSON_CATEGORIES, POLITICAL_STATUSES, zSkills, type PersonView } from '../../people/people.schema.ts';
import type { PeopleService } from '../../people/people.service.ts';
import { labelled, splitPath, type TransferKind } from '../transfer.kind.ts';

export const SEX_LABELS = { M: ['男', '男性'], F: ['女', '女性'] } as const;
export const POLITICAL_LABELS = {
  member: ['中共党员', '党员', '中共预备党员', '预备党员'],
  activist: ['入党积极分子', '积极分子'],
  non_member: ['群众', '非党员', '其他'],
} as const;
export const CATEGORY_LABELS = {
  cadre: ['干部', '机关干部'],
  staff: ['职工', '工作人员'],
  volunteer: ['志愿者'],
  community_worker: ['社区工作者', '社工', '网格员'],
  medic: ['医护人员', '医护', '医生', '护士'],
  police: ['警察', '民警', '公安', '辅警'],
  other: ['其他'],
} as const;

const RowSchema = z.object({
  name: zText(LIMITS.name),
  sex: z.preprocess(labelled(SEX_LABELS), z.enum(['M', 'F'], { error: 'import.sex' })).optional(),
  politicalStatus: z.preprocess(labelled(POLITICAL_LABELS), z.enum(POLITICAL_STATUSES, { error: (iss) => (iss.input === undefined ? undefined : 'import.political_status') })),
  category: z.preprocess(labelled(CATEGORY_LABELS), z.enum(PERSON_CATEGORIES, { error: (iss) => (iss.input === undefined ? undefined : 'import.category') })),
  unit: z.string().trim().max(LIMITS.placeName).optional(),
  branch: z.string().trim().max(LIMITS.placeName).optional(),
  home: z.string().trim().max(1000).optional(),
  phone: zPhone.optional(),
  idNumber: zIdNumber.optional(),
  skills: zSkills.optional(),
});
type Row = z.infer<typeof RowSchema>;

export interface PeopleKindDeps {
  people: PeopleService;
  jurisdiction: JurisdictionService;
  /** Name → id lookups for units and party branches. */
  findUnitByName(ex: Executor, name: string): Promise<string | undefined>;
  findBranchByName(ex: Executor, name: string): Promise<string | undefined>;
}

const label = <C extends string>(labels: Record<C, readonly string[]>, code: string | null) =>
  code ? (labels[code as C]?.[0] ?? code) : '';

export function peopleKind(deps: PeopleKindDeps): TransferKind<Row> {
  return {
    name: 'people',
    columns: [
      { key: 'name', zh: '姓名', en: 'Name', aliases: ['人员姓名', '名字'], required: true, example: '王红梅' },
      { key: 'sex', zh: '性别', en: 'Sex', example: '女', note: '男 / 女' },
      { key: 'politicalStatus', zh: '政治面貌', en: 'Political status', required: true, example: '中共党员', note: '中共党员 / 入党积极分子 / 群众' },
      { key: 'category', zh: '人员类别', en: 'Category', aliases: ['身份', '类别'], required: true, example: '干部', note: '干部 / 职工 / 志愿者 / 社区工作者 / 医护人员 / 警察 / 其他' },
      { key: 'unit', zh: '所在单位', en: 'Unit', aliases: ['工作单位', '单位'], example: '市文物保护中心', note: '须为系统中已有的单位名称' },
      { key: 'branch', zh: '所属支部', en: 'Party branch', aliases: ['党支部', '支部'], example: '机关党支部', note: '须为系统中已有的党组织名称' },
      { key: 'home', zh: '居住社区', en: 'Home', aliases: ['居住地', '所在社区', '住址社区'], example: '新城区/东街街道/幸福社区', note: '从顶层起的辖区路径，用 / 分隔' },
      { key: 'phone', zh: '联系电话', en: 'Phone', aliases: ['手机号', '手机', '电话', '手机号码'], example: '13800000000' },
      { key: 'idNumber', zh: '身份证号', en: 'ID number', aliases: ['身份证', '公民身份号码', '身份证号码'], example: '11010519491231002X' },
      { key: 'skills', zh: '技能特长', en: 'Skills', aliases: ['特长', '技能'], example: '驾驶、医护', note: '多项用顿号或逗号分隔' },
    ],
    rowSchema: RowSchema,
    applier(actor: Actor, ex: Executor) {
      const homes = new Map<string, string>();
      return async (row) => {
        const unitId = row.unit ? await deps.findUnitByName(ex, row.unit) : undefined;
        if (row.unit && !unitId) throw new AppError('NOT_FOUND', 'unit not found', [{ path: 'unit', message: `unknown unit: ${row.unit}` }]);
        const branchId = row.branch ? await deps.findBranchByName(ex, row.branch) : undefined;
        if (row.branch && !branchId) throw new AppError('NOT_FOUND', 'branch not found', [{ path: 'branch', message: `unknown branch: ${row.branch}` }]);
        let homeNodeId: string | undefined;
        if (row.home) {
          homeNodeId = homes.get(row.home) ?? (await deps.jurisdiction.resolvePath(actor, ex, splitPath(row.home)))?.id;
          if (!homeNodeId) throw new AppError('NOT_FOUND', 'home not found', [{ path: 'home', message: `not found: ${row.home}` }]);
          homes.set(row.home, homeNodeId);
        }
        const { outcome } = await deps.people.importOne(actor, {
          name: row.name, sex: row.sex ?? null, politicalStatus: row.politicalStatus, category: row.category,
          unitId: unitId ?? null, branchId: branchId ?? null, homeNodeId: homeNodeId ?? null,
          phone: row.phone ?? null, idNumber: row.idNumber ?? null, skills: row.skills ?? [],
        }, ex);
        return outcome;
      };
    },
    async *exportRows(actor) {
      for await (const p of deps.people.exportRows(actor) as AsyncIterable<PersonView>) {
        yield {
          name: p.name, sex: label(SEX_LABELS, p.sex), politicalStatus: label(POLITICAL_LABELS, p.politicalStatus),
          category: label(CATEGORY_LABELS, p.category), unit: p.unitName, branch: p.branchName, home: p.homeNodeName,
          phone: p.phoneMasked, idNumber: p.idNumberMasked, skills: p.skills.join('、'),
        };
      }
    },
  };
}
