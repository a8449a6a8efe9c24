import { z } from 'zod';
import { zId } from '../../platform/validation.ts';

// Lab results of a nucleic-acid round: inputs and views shared by the API, the CLI and the /nat/results page.

export const TUBE_RESULTS = ['negative', 'positive', 'invalid'] as const;
export type TubeResult = (typeof TUBE_RESULTS)[number];

/**
 * What a positive pool, a positive single tube and an invalid tube do to the people in it. Rule data kept in the
 * `settings` table under 'nat.positiveRules'; administrators edit it (GET/PUT /api/nat/results/rules).
 */
export const NatPositiveRulesInput = z.object({
  /** control_status given to every member of a positive pool (e.g. 'controlled' 管控, 'home_isolation'). */
  poolPositive: z.string().trim().min(1).max(32).regex(/^[a-z_]+$/),
  /** control_status given to the person of a positive single tube (a case). */
  positive: z.string().trim().min(1).max(32).regex(/^[a-z_]+$/),
  /** Members of an invalid tube (sample unusable) get a single-tube re-sampling task. */
  resampleInvalid: z.boolean(),
  /** A negative re-sample (single tube) lifts the control a positive pool put on the person. */
  releaseOnNegativeResample: z.boolean(),
});
export type NatPositiveRules = z.infer<typeof NatPositiveRulesInput>;

export const DEFAULT_POSITIVE_RULES: NatPositiveRules = {
  poolPositive: 'controlled', positive: 'case', resampleInvalid: true, releaseOnNegativeResample: true,
};

export const RoundParams = z.object({ roundId: zId });

export const HandEntryInput = z.object({
  barcode: z.string().trim().min(1).max(64),
  result: z.enum(TUBE_RESULTS),
  /** Needed to change a result the tube already has (a lab correction). */
  correction: z.boolean().default(false),
});
export type THandEntryInput = z.infer<typeof HandEntryInput>;

export const LabImportQuery = z.object({
  correction: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
});

export const TemplateQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });

export const CaseListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('all'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** Keyset: the last case id of the previous page (newest first). */
  before: zId.optional(),
});
export type TCaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseStatusInput = z.object({ status: z.enum(['open', 'closed']) });

/** One problem in a lab file; nothing of the file is applied while there is any. */
export interface LabLineError {
  /** Line number as the sheet shows it (the header is line 1). */
  line: number;
  column: string;
  value: string;
  /** unknown_tube | duplicate_line | bad_value | empty_barcode | result_conflict */
  code: string;
  message: string;
}

export interface LabImportOutcome {
  status: 'applied' | 'already_applied';
  importId: string;
  fileName: string;
  lines: number;
  /** Tubes whose result changed / that already had that result. */
  changed: number;
  unchanged: number;
  counts: Record<TubeResult, number>;
  casesCreated: number;
  resamplesCreated: number;
}

export interface TubeResultOutcome {
  tubeId: string;
  barcode: string;
  result: TubeResult;
  changed: boolean;
  members: number;
  casesCreated: number;
  resamplesCreated: number;
}

export interface ResultsSummary {
  roundId: string;
  roundName: string;
  /** The actor may apply results (their scope covers the whole round). */
  canApply: boolean;
  tubes: { pending: number; negative: number; positive: number; invalid: number };
  /** Re-sampling tasks (reason resample) not yet sampled. */
  resamplesOutstanding: number;
  resamplesDone: number;
  /** People of the roster under control (control_status set). */
  controlled: number;
  openCases: number;
}

export interface ExposureHousehold {
  residentId: string;
  name: string;
  relation: string;
  phoneMasked: string | null;
}

export interface ExposureStaff {
  personId: string;
  name: string;
  role: string;
  deskName: string | null;
  fromAt: string | null;
  toAt: string | null;
  phoneMasked: string | null;
}

export interface CaseExposure {
  household: ExposureHousehold[];
  staff: ExposureStaff[];
  siteName: string | null;
  deskName: string | null;
  sampledAt: string;
}

export interface CaseView {
  id: string;
  roundId: string;
  residentId: string;
  residentName: string;
  address: string;
  tubeBarcode: string;
  detectedAt: string;
  status: 'open' | 'closed';
  exposure: CaseExposure;
}

export interface ResampleView {
  id: string;
  residentId: string;
  residentName: string;
  address: string;
  sourceBarcode: string | null;
  status: string;
  createdAt: string;
}

export interface LabImportView {
  id: string;
  fileName: string;
  lines: number;
  appliedAt: string;
  actorName: string;
}

export interface ResultsRoundView {
  id: string;
  name: string;
  number: number;
  startsOn: string;
  status: string;
}
