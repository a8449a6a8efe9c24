import type { ResidentImportJobView } from '@shared/modules/registry/registry-import.schema.ts';
import { api, request, withQuery } from '../../api/client.ts';
import { getLang } from '../../i18n/index.tsx';

export type { ResidentImportJobView };
export type SheetFormat = 'xlsx' | 'csv';

/** The resident import: upload starts a job on the server, which the dialog polls for its progress. */
export const residentImportApi = {
  start: (file: File, nodeId: string, acceptValid: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<ResidentImportJobView>('POST', '/api/registry/imports', { body: form, query: { nodeId, acceptValid: acceptValid ? 1 : 0 } });
  },
  get: (id: string) => api.get<ResidentImportJobView>(`/api/registry/imports/${id}`),
  /** Plain links: the browser downloads them with the session cookie. */
  errorsUrl: (id: string, format: SheetFormat) => withQuery(`/api/registry/imports/${id}/errors`, { format, lang: getLang() }),
  templateUrl: (format: SheetFormat) => withQuery('/api/registry/import/template', { format, lang: getLang() }),
};
