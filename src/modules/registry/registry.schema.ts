import { z } from 'zod';
import { LIMITS, zDate, zId, zOptionalText, zPhone, zText } from '../../platform/validation.ts';

// Inputs and views of the household registry (居民登记), shared by the API, the CLI and the web forms.

export const ID_TYPES = ['id_card', 'passport', 'hk_macau_permit', 'taiwan_permit', 'household_register', 'none'] as const;
export const RELATIONS = ['head', 'spouse', 'child', 'parent', 'grandparent', 'grandchild', 'sibling', 'other_relative', 'tenant', 'other'] as const;
export const RESIDENCE_TYPES = ['permanent', 'temporary', 'outsider'] as const;
export const NEED_KINDS = ['immobile', 'disabled', 'infant', 'pregnant', 'chronic_illness', 'lives_alone'] as const;
export const RESIDENT_STATUSES = ['active', 'moved_away', 'deceased'] as const;
export const UNMASK_FIELDS = ['idNumber', 'phone'] as const;

export type IdType = (typeof ID_TYPES)[number];
export type Relation = (typeof RELATIONS)[number];
export type ResidenceType = (typeof RESIDENCE_TYPES)[number];
export type NeedKind = (typeof NEED_KINDS)[number];
export type ResidentStatus = (typeof RESIDENT_STATUSES)[number];
export type UnmaskField = (typeof UNMASK_FIELDS)[number];

export const REGISTRY_LIMITS = { needNote: 200, reason: 200, document: 30, specialNeedsList: 5000 } as const;

export const zNeed = z.object({
  kind: z.enum(NEED_KINDS),
  /** What the person needs at the door, e.g. 每周送降压药. */
  note: zOptionalText(REGISTRY_LIMITS.needNote),
});

const zNeeds = z.array(zNeed).max(NEED_KINDS.length)
  .refine((list) => new Set(list.map((n) => n.kind)).size === list.length, 'registry.need_duplicate');

/**
 * The number as typed; checked against its document type by the service (GB 11643 for mainland ID cards,
 * 15-digit legacy numbers upgraded), so one rule serves create and update.
 */
const zDocumentNumber = z.string().trim().max(REGISTRY_LIMITS.document)
  .transform((v) => (v === '' ? null : v)).nullish();

const ResidentFields = {
  name: zText(LIMITS.name),
  sex: z.enum(['M', 'F']).nullish(),
  birthDate: zDate.nullish(),
  idType: z.enum(ID_TYPES),
  idNumber: zDocumentNumber,
  /** Optional: elderly people and children often have none. */
  phone: zPhone.nullish(),
  relation: z.enum(RELATIONS),
  residenceType: z.enum(RESIDENCE_TYPES),
  needs: zNeeds.optional(),
  notes: zOptionalText(LIMITS.note),
};

export const ResidentInput = z.object({
  /** Client-made id: a retried create answers with the same resident. */
  id: zId.optional(),
  householdId: zId,
  ...ResidentFields,
});
export type TResidentInput = z.infer<typeof ResidentInput>;

/** Moving between households is its own action (with history), so the household is not patched here. */
export const ResidentUpdateInput = z.object(ResidentFields).partial();
export type TResidentUpdateInput = z.infer<typeof ResidentUpdateInput>;

export const MoveInput = z.object({
  /** Client-made id of the move: a retry answers with the same result. */
  id: zId.optional(),
  toHouseholdId: zId,
  /** The day of the move; today (Shanghai) when absent. */
  date: zDate.optional(),
  reason: zText(REGISTRY_LIMITS.reason),
});
export type TMoveInput = z.infer<typeof MoveInput>;

export const StatusInput = z.object({
  id: zId.optional(),
  status: z.enum(RESIDENT_STATUSES),
  date: zDate.optional(),
  reason: zOptionalText(REGISTRY_LIMITS.reason),
});
export type TStatusInput = z.infer<typeof StatusInput>;

export const UnmaskInput = z.object({
  fields: z.array(z.enum(UNMASK_FIELDS)).min(1).max(2),
  reason: z.string().trim().min(2).max(REGISTRY_LIMITS.reason),
});
export type TUnmaskInput = z.infer<typeof UnmaskInput>;

const zFlag = z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true');

export const ResidentListQuery = z.object({
  /** Name fragment, or a full ID number (15 or 18 digits) / mobile number, matched exactly via the blind index. */
  q: z.string().trim().max(LIMITS.search).optional(),
  /** Residents of this subtree (a building, an entrance, a household…). */
  nodeId: zId.optional(),
  /** Fragment of the household's (or its building's) name, e.g. 302室. */
  address: z.string().trim().max(LIMITS.search).optional(),
  /** With q: the document type of an exact passport / permit / household-register number search. */
  idType: z.enum(['id_card', 'passport', 'hk_macau_permit', 'taiwan_permit', 'household_register']).optional(),
  status: z.enum([...RESIDENT_STATUSES, 'all']).optional(),
  needKind: z.enum(NEED_KINDS).optional(),
  after: zId.optional(),
  limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).default(50),
});
export type TResidentListQuery = z.infer<typeof ResidentListQuery>;

export const HouseholdQuery = z.object({ includeInactive: zFlag });

export const SpecialNeedsQuery = z.object({
  nodeId: zId,
  kind: z.enum(NEED_KINDS).optional(),
});
export type TSpecialNeedsQuery = z.infer<typeof SpecialNeedsQuery>;

export const SummaryQuery = z.object({ nodeId: zId });

export const ExportQuery = z.object({
  nodeId: zId,
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  includeInactive: zFlag,
  /** Full ID and phone numbers: only for roles with registry.unmask, with a reason; audited. */
  unmasked: zFlag,
  reason: z.string().trim().max(REGISTRY_LIMITS.reason).optional(),
});
export type TExportQuery = z.infer<typeof ExportQuery>;

export const RetentionInput = z.object({
  /** Records registered before this day (Asia/Shanghai) are anonymised. */
  before: zDate,
  nodeId: zId.optional(),
  dryRun: z.boolean().default(true),
});
export type TRetentionInput = z.infer<typeof RetentionInput>;

export interface NeedView {
  kind: NeedKind;
  note: string | null;
}

export interface ResidentView {
  id: string;
  householdId: string;
  /** The household's last places, e.g. 阳光花园 3号楼 1单元 102室. */
  address: string;
  name: string;
  sex: 'M' | 'F' | null;
  birthDate: string | null;
  birthYear: number | null;
  idType: IdType;
  /** First 6 + last 4 (110105********002X); the full value only through unmask. */
  idNumberMasked: string | null;
  /** 138****5678. */
  phoneMasked: string | null;
  relation: Relation;
  residenceType: ResidenceType;
  status: ResidentStatus;
  statusDate: string | null;
  needs: NeedView[];
  notes: string | null;
  anonymised: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ResidentEventView {
  id: string;
  kind: 'registered' | 'moved' | 'moved_away' | 'deceased' | 'returned';
  fromHouseholdId: string | null;
  fromAddress: string | null;
  toHouseholdId: string | null;
  toAddress: string | null;
  date: string;
  reason: string | null;
  actorName: string;
  at: string;
}

export interface ResidentDetailView extends ResidentView {
  history: ResidentEventView[];
}

export interface HouseholdView {
  id: string;
  name: string;
  address: string;
  residents: ResidentView[];
}

export interface SpecialNeedsEntry {
  residentId: string;
  name: string;
  sex: 'M' | 'F' | null;
  birthYear: number | null;
  householdId: string;
  /** Places below the listed node, e.g. 3号楼 1单元 102室. */
  address: string;
  phoneMasked: string | null;
  needs: NeedView[];
}

export interface SpecialNeedsList {
  nodeId: string;
  nodeName: string;
  items: SpecialNeedsEntry[];
  /** True when the list was cut at REGISTRY_LIMITS.specialNeedsList entries: choose a smaller subtree. */
  truncated: boolean;
}

export interface SummaryRow {
  nodeId: string;
  name: string;
  levelCode: string;
  residents: number;
  active: number;
  specialNeeds: number;
}

export interface RegistrySummary {
  node: SummaryRow;
  children: SummaryRow[];
}

export interface UnmaskResult {
  idNumber?: string | null;
  phone?: string | null;
}

export interface RetentionCommunity {
  nodeId: string | null;
  name: string;
  residents: number;
  withIdNumber: number;
  withPhone: number;
  moves: number;
  /** Arrivals (outsiders) arriving before the day, still holding a name, number, phone or free text. */
  arrivals: number;
  /** Staff declaration entries of campaigns ended before the day, still holding whereabouts or health text. */
  declarations: number;
  /** Earlier versions of those declarations still holding such text. */
  declarationVersions: number;
  /** Door-to-door screening visits before the day with temperatures, symptoms, travel origin or a note. */
  screeningVisits: number;
  /** Nucleic-acid positive cases detected before the day whose exposure still names people. */
  natCases: number;
}

export interface RetentionReport {
  before: string;
  nodeId: string | null;
  dryRun: boolean;
  communities: RetentionCommunity[];
  total: Omit<RetentionCommunity, 'nodeId' | 'name'>;
}
