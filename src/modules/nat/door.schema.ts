import { z } from 'zod';
import { zId, zOptionalText } from '../../platform/validation.ts';
import { ScanInput, zBarcode } from './desk.schema.ts';

// Door-to-door sampling (敲门行动 / 上门采样): home-visit tasks for people who cannot come to a site.

/** Needs that keep a person at home; data for the caller (the default is the usual set). */
export const DEFAULT_HOMEBOUND_NEEDS = ['immobile', 'disabled', 'infant'] as const;
export const NEED_KINDS = ['immobile', 'disabled', 'infant', 'pregnant', 'chronic_illness', 'lives_alone'] as const;

export const DoorGenerateInput = z.object({
  needKinds: z.array(z.enum(NEED_KINDS)).max(NEED_KINDS.length).default([...DEFAULT_HOMEBOUND_NEEDS]),
  /** Also people under control (nat_round_residents.control_status) and under confirmed home isolation. */
  includeControlled: z.boolean().default(true),
  includeHomeIsolation: z.boolean().default(true),
});
export type TDoorGenerateInput = z.infer<typeof DoorGenerateInput>;

export const DoorAssignInput = z.object({
  taskIds: z.array(zId).min(1).max(1000).optional(),
  /** Every open task of a building. */
  buildingId: zId.optional(),
  teamId: zId.nullable().optional(),
  personId: zId.nullable().optional(),
}).refine((v) => (v.taskIds === undefined) !== (v.buildingId === undefined), { message: 'nat.scan_target', path: ['taskIds'] });
export type TDoorAssignInput = z.infer<typeof DoorAssignInput>;

export const DoorTubeInput = z.object({ id: zId, barcode: zBarcode, single: z.boolean().default(false), at: z.string().datetime({ offset: true }).optional() });
export type TDoorTubeInput = z.infer<typeof DoorTubeInput>;

/** A door sample: the desk scan's fields without the desk; the task says who and where. */
export const DoorScanInput = z.object({
  id: zId,
  tubeBarcode: zBarcode,
  at: z.string().datetime({ offset: true }).optional(),
});
export type TDoorScanInput = z.infer<typeof DoorScanInput>;
export { ScanInput };

export const DoorOutcomeInput = z.object({
  status: z.enum(['nobody_home', 'refused', 'open']),
  note: zOptionalText(200),
});
export type TDoorOutcomeInput = z.infer<typeof DoorOutcomeInput>;

export interface DoorTaskView {
  id: string;
  residentId: string;
  name: string;
  householdId: string;
  household: string;
  buildingId: string;
  building: string;
  /** The building's compound (小区): building names repeat across compounds. */
  buildingParent: string | null;
  reason: string;
  status: string;
  needs: string[];
  teamId: string | null;
  assigneePersonId: string | null;
  teamName: string | null;
  assigneeName: string | null;
  sampleId: string | null;
  visitedAt: string | null;
  note: string | null;
}

export interface DoorTaskList {
  round: { id: string; name: string; status: string; poolSize: number };
  buildings: { id: string; name: string; parentName: string | null; tasks: DoorTaskView[] }[];
}

export interface DoorGenerateResult {
  created: number;
  existing: number;
  byReason: Record<string, number>;
}
