import type {
  CampaignView, DeclarationView, EntryView, HistoryView, LinkView, PublicDeclarationView, RemindResult,
} from '@shared/modules/declarations/declarations.schema.ts';
import { getLang } from '../i18n/index.tsx';
import { api, request, withQuery } from './client.ts';

export type { CampaignView, DeclarationView, EntryView, HistoryView, LinkView, PublicDeclarationView };
export type EntryFilter = 'all' | 'declared' | 'not_declared' | 'flagged';
export type DeclarationWrite = Omit<DeclarationView, never>;

export const declarationsApi = {
  campaigns: () => api.get<CampaignView[]>('/api/declarations/campaigns'),
  create: (input: { id: string; unitId?: string; title: string; startsOn: string; endsOn: string; note?: string | null }) =>
    api.post<CampaignView>('/api/declarations/campaigns', input),
  close: (id: string) => api.post<CampaignView>(`/api/declarations/campaigns/${id}/close`, {}),
  sync: (id: string) => api.post<CampaignView>(`/api/declarations/campaigns/${id}/sync`, {}),
  entries: (id: string, filter: EntryFilter) => api.get<EntryView[]>(`/api/declarations/campaigns/${id}/entries`, { filter }),
  links: (id: string) => api.get<LinkView[]>(`/api/declarations/campaigns/${id}/links`),
  remind: (id: string) => api.post<RemindResult>(`/api/declarations/campaigns/${id}/remind`, {}),
  exportUrl: (id: string) => withQuery(`/api/declarations/campaigns/${id}/export`, { format: 'xlsx', lang: getLang() }),
  declare: (entryId: string, input: DeclarationWrite) => request<EntryView>('PUT', `/api/declarations/entries/${entryId}`, { body: input }),
  history: (entryId: string) => api.get<HistoryView[]>(`/api/declarations/entries/${entryId}/history`),
  publicView: (token: string) => api.get<PublicDeclarationView>(`/api/public/declare/${encodeURIComponent(token)}`),
  publicDeclare: (token: string, input: DeclarationWrite) =>
    api.post<PublicDeclarationView>(`/api/public/declare/${encodeURIComponent(token)}`, input),
};
