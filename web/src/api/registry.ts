import type {
  HouseholdView, NeedKind, RegistrySummary, ResidentDetailView, ResidentView, RetentionReport, SpecialNeedsList,
  TResidentListQuery, UnmaskField, UnmaskResult,
} from '@shared/modules/registry/registry.schema.ts';
import { getLang } from '../i18n/index.tsx';
import { api, withQuery, type Page } from './client.ts';

export type { HouseholdView, RegistrySummary, ResidentDetailView, ResidentView, SpecialNeedsList, UnmaskResult };
export type ResidentFilters = Partial<Omit<TResidentListQuery, 'after' | 'limit'>>;

export interface ResidentWrite {
  id?: string;
  householdId?: string;
  name?: string;
  sex?: 'M' | 'F' | null;
  birthDate?: string | null;
  idType?: ResidentView['idType'];
  idNumber?: string | null;
  phone?: string | null;
  relation?: ResidentView['relation'];
  residenceType?: ResidentView['residenceType'];
  needs?: Array<{ kind: NeedKind; note: string | null }>;
  notes?: string | null;
}

export interface ExportOptions {
  nodeId: string;
  format: 'xlsx' | 'csv';
  includeInactive: boolean;
  unmasked: boolean;
  reason?: string;
}

export const registryApi = {
  list: (filters: ResidentFilters, after?: string | null, limit = 50) =>
    api.get<Page<ResidentView>>('/api/registry/residents', { ...filters, after, limit }),
  get: (id: string) => api.get<ResidentDetailView>(`/api/registry/residents/${id}`),
  household: (id: string, includeInactive = false) =>
    api.get<HouseholdView>(`/api/registry/households/${id}`, { includeInactive: includeInactive ? 1 : 0 }),
  create: (input: ResidentWrite) => api.post<ResidentDetailView>('/api/registry/residents', input),
  update: (id: string, input: ResidentWrite) => api.patch<ResidentDetailView>(`/api/registry/residents/${id}`, input),
  move: (id: string, input: { id?: string; toHouseholdId: string; date?: string; reason: string }) =>
    api.post<ResidentDetailView>(`/api/registry/residents/${id}/move`, input),
  setStatus: (id: string, input: { id?: string; status: ResidentView['status']; date?: string; reason?: string | null }) =>
    api.post<ResidentDetailView>(`/api/registry/residents/${id}/status`, input),
  unmask: (id: string, fields: UnmaskField[], reason: string) =>
    api.post<UnmaskResult>(`/api/registry/residents/${id}/unmask`, { fields, reason }),
  specialNeeds: (nodeId: string, kind?: NeedKind) => api.get<SpecialNeedsList>('/api/registry/special-needs', { nodeId, kind }),
  summary: (nodeId: string) => api.get<RegistrySummary>('/api/registry/summary', { nodeId }),
  retention: (input: { before: string; nodeId?: string; dryRun: boolean }) => api.post<RetentionReport>('/api/registry/retention', input),
  /** A plain link (the browser downloads it with the session cookie); the server audits every export. */
  exportUrl: (o: ExportOptions) => withQuery('/api/registry/export', {
    nodeId: o.nodeId, format: o.format, includeInactive: o.includeInactive ? 1 : 0, unmasked: o.unmasked ? 1 : 0,
    reason: o.unmasked ? o.reason : undefined, lang: getLang(),
  }),
};
