// Views of the resident import shared with the web app (browser-safe: no Node imports here).

export type ImportState = 'validating' | 'writing' | 'done' | 'rejected' | 'failed';

export interface ResidentImportJobView {
  id: string;
  nodeId: string;
  fileName: string;
  acceptValid: boolean;
  state: ImportState;
  /** Data rows in the file, estimated from its line count (CSV only; null while unknown). */
  estimatedRows: number | null;
  /** Rows read, rows valid, rows with at least one error (validation pass). */
  read: number;
  valid: number;
  invalid: number;
  errorCount: number;
  /** The first errors, for a preview; the full list is the error report. */
  errors: Array<{ row: number; column: string; message: string; value?: string }>;
  /** Rows processed by the writing pass, and what happened to them. */
  written: number;
  created: number;
  updated: number;
  /** Of the updated: residents whose household changed (a 'moved' event each). */
  moved: number;
  unchanged: number;
  householdsCreated: number;
  message: string | null;
  startedAt: string;
  finishedAt: string | null;
}

/** Share of the work done, 0–100: validation is the first half, writing the second. */
export function importPercent(job: ResidentImportJobView): number {
  if (job.state === 'done' || job.state === 'rejected') return 100;
  if (job.state === 'writing') return 50 + Math.floor((50 * job.written) / Math.max(1, job.valid));
  if (!job.estimatedRows) return 0;
  return Math.min(49, Math.floor((50 * job.read) / job.estimatedRows));
}
