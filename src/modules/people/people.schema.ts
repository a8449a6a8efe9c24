import { z } from 'zod';
import { LIMITS, zId, zIdNumber, zPhone, zText } from '../../platform/validation.ts';

export const POLITICAL_STATUSES = ['member', 'activist', 'non_member'] as const;
export const PERSON_CATEGORIES = ['cadre', 'staff', 'volunteer', 'community_worker', 'medic', 'police', 'other'] as const;

export const zPoliticalStatus = z.enum(POLITICAL_STATUSES);
export const zPersonCategory = z.enum(PERSON_CATEGORIES);
export const zSex = z.enum(['M', 'F']);

/** Skills as a list; a spreadsheet cell "驾驶, 医护、心理疏导" splits on commas and Chinese enumeration marks. */
export const zSkills = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(/[,，、;；]/)).map((s) => s.trim()).filter(Boolean))
  .refine((list) => list.join(',').length <= LIMITS.skills, { message: `at most ${LIMITS.skills} characters` })
  .refine((list) => list.every((s) => !/[\u0000-\u001f]/.test(s)), 'text.control');

export const PersonInput = z.object({
  /** Client-made id: a retried create answers with the same person. */
  id: zId.optional(),
  name: zText(LIMITS.name),
  sex: zSex.nullish(),
  politicalStatus: zPoliticalStatus,
  category: zPersonCategory,
  unitId: zId.nullish(),
  branchId: zId.nullish(),
  homeNodeId: zId.nullish(),
  phone: zPhone.nullish(),
  idNumber: zIdNumber.nullish(),
  skills: zSkills.optional(),
});
export type TPersonInput = z.infer<typeof PersonInput>;

export const PersonUpdateInput = PersonInput.omit({ id: true }).partial();
export type TPersonUpdateInput = z.infer<typeof PersonUpdateInput>;

export const PersonListQuery = z.object({
  /** Name fragment, or a full mobile number / ID number (matched exactly through the blind index). */
  q: z.string().trim().max(LIMITS.search).optional(),
  unitId: zId.optional(),
  branchId: zId.optional(),
  nodeId: zId.optional(),
  politicalStatus: zPoliticalStatus.optional(),
  category: zPersonCategory.optional(),
  after: zId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type TPersonListQuery = z.infer<typeof PersonListQuery>;

export interface PersonView {
  id: string;
  name: string;
  sex: 'M' | 'F' | null;
  politicalStatus: (typeof POLITICAL_STATUSES)[number];
  category: (typeof PERSON_CATEGORIES)[number];
  unitId: string | null;
  unitName: string | null;
  branchId: string | null;
  branchName: string | null;
  homeNodeId: string | null;
  /** The home's last places, e.g. 阳光花园 3号楼 1单元 102室. */
  homeNodeName: string | null;
  /** Masked by default (138****5678); the full value is never in a list. */
  phoneMasked: string | null;
  idNumberMasked: string | null;
  skills: string[];
  createdAt: string;
  updatedAt: string;
}
