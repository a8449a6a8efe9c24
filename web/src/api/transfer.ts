import { getLang } from '../i18n/index.tsx';
import { request, withQuery } from './client.ts';

export type TransferKind = 'jurisdiction' | 'people' | 'units';
export type SheetFormat = 'xlsx' | 'csv';

export interface ImportRowError {
  row: number;
  column: string;
  message: string;
}

/** What the server answers after an import (src/modules/transfer/transfer.service.ts ImportReport). */
export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  /** Rows not imported because they had errors. */
  skipped: number;
  errorCount: number;
  errors: ImportRowError[];
  rolledBack: boolean;
}

/** Downloads go through a plain navigation so the browser saves the file; the session cookie authenticates it. */
export function templateUrl(kind: TransferKind, format: SheetFormat): string {
  return withQuery(`/api/transfer/${kind}/template`, { format, lang: getLang() });
}

export function exportUrl(kind: TransferKind, format: SheetFormat): string {
  return withQuery(`/api/transfer/${kind}/export`, { format, lang: getLang() });
}

export function download(url: string): void {
  const a = document.createElement('a');
  a.href = url;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export const transferApi = {
  import: (kind: TransferKind, file: File, acceptValid: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ImportReport>('POST', `/api/transfer/${kind}/import`, { body: form, query: { acceptValid: acceptValid ? 1 : 0 } });
  },
};
