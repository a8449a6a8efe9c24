import type { z } from 'zod';
import type { Executor } from '../../platform/db/database.ts';
import type { Actor } from '../../platform/policy.ts';
import type { SheetRow, TransferColumn } from '../../platform/transfer/index.ts';

export type ImportOutcome = 'created' | 'updated' | 'unchanged';

/**
 * One kind of spreadsheet the platform imports and exports (jurisdiction tree, people, units…). The engine
 * (platform/transfer) reads and validates rows; the kind resolves names to ids and writes through the
 * owning module's service, inside the import's single transaction.
 */
export interface TransferKind<T = any> {
  name: string;
  columns: TransferColumn[];
  rowSchema: z.ZodType<T>;
  /** Called once per import; the returned function applies one valid row (throws AppError for a bad reference). */
  applier(actor: Actor, ex: Executor): (row: T) => Promise<ImportOutcome>;
  exportRows(actor: Actor): AsyncIterable<SheetRow>;
}

/** Splits '新城区/东街街道/幸福社区' (also with ／ or >) into names. */
export function splitPath(path: string | undefined | null): string[] {
  return (path ?? '').split(/[/／>＞]/).map((s) => s.trim()).filter(Boolean);
}

/** Maps a Chinese label or an English code to the code; undefined when neither matches. */
export function fromLabel<C extends string>(labels: Record<C, readonly string[]>, value: string): C | undefined {
  const v = value.trim();
  for (const [code, names] of Object.entries(labels) as Array<[C, readonly string[]]>) {
    if (code === v.toLowerCase() || names.includes(v)) return code;
  }
  return undefined;
}

/** Builds a zod preprocessor that accepts the labels of an enum. */
export function labelled<C extends string>(labels: Record<C, readonly string[]>) {
  return (v: unknown) => (typeof v === 'string' ? (fromLabel(labels, v) ?? v) : v);
}
