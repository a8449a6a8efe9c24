import type {
  ArrivalView, DueView, MeasureKind, MeasureView, ProposalView, RegionRiskView, RiskLevel, RuleSet, RuleVersionView, TArrivalListQuery,
} from '@shared/modules/outsiders/outsiders.schema.ts';
import { getLang } from '../i18n/index.tsx';
import { api, request, withQuery, type Page } from './client.ts';

export type { ArrivalView, DueView, MeasureView, ProposalView, RegionRiskView, RuleSet, RuleVersionView };
export type ArrivalFilters = Partial<Omit<TArrivalListQuery, 'after' | 'limit'>>;

export interface ArrivalWrite {
  id: string;
  name: string;
  idType: ArrivalView['idType'];
  idNumber?: string | null;
  phone?: string | null;
  fromRegion: string;
  riskLevel?: RiskLevel;
  arrivalDate: string;
  stayNodeId?: string | null;
  stayText?: string | null;
  nodeId?: string | null;
  registeredVia: 'checkpoint' | 'community';
  checkpointName?: string | null;
  notes?: string | null;
}

export interface RuleVersionWrite {
  name: string;
  effectiveFrom: string;
  rules: RuleSet;
  note?: string | null;
}

export const outsidersApi = {
  list: (filters: ArrivalFilters, after?: string | null, limit = 50) =>
    api.get<Page<ArrivalView>>('/api/outsiders/arrivals', { ...filters, after, limit }),
  create: (input: ArrivalWrite) => api.post<ArrivalView>('/api/outsiders/arrivals', input),
  confirmAll: (id: string) => api.post<ArrivalView>(`/api/outsiders/arrivals/${id}/confirm`, {}),
  confirm: (measureId: string, input: { kind?: MeasureKind; startsOn?: string; endsOn?: string; reason?: string | null }) =>
    api.post<ArrivalView>(`/api/outsiders/measures/${measureId}/confirm`, input),
  close: (measureId: string, status: 'done' | 'cancelled', reason?: string | null) =>
    api.post<ArrivalView>(`/api/outsiders/measures/${measureId}/close`, { status, reason }),
  due: (nodeId?: string | null, date?: string) => api.get<DueView>('/api/outsiders/due', { nodeId, date }),
  dueExportUrl: (nodeId?: string | null, date?: string) =>
    withQuery('/api/outsiders/due/export', { nodeId, date, format: 'xlsx', lang: getLang() }),
  proposal: (riskLevel: RiskLevel, arrivalDate: string) => api.get<ProposalView>('/api/outsiders/proposal', { riskLevel, arrivalDate }),
  versions: () => api.get<RuleVersionView[]>('/api/outsiders/rule-versions'),
  createVersion: (input: RuleVersionWrite & { id: string }) => api.post<RuleVersionView>('/api/outsiders/rule-versions', input),
  updateVersion: (id: string, input: RuleVersionWrite) => request<RuleVersionView>('PUT', `/api/outsiders/rule-versions/${id}`, { body: input }),
  deleteVersion: (id: string) => api.del<void>(`/api/outsiders/rule-versions/${id}`),
  regionRisks: (q?: string, date?: string) => api.get<RegionRiskView[]>('/api/outsiders/region-risks', { q, date }),
  saveRegionRisk: (input: Omit<RegionRiskView, 'id'> & { id?: string }, id?: string) =>
    id ? request<RegionRiskView>('PUT', `/api/outsiders/region-risks/${id}`, { body: input }) : api.post<RegionRiskView>('/api/outsiders/region-risks', input),
  deleteRegionRisk: (id: string) => api.del<void>(`/api/outsiders/region-risks/${id}`),
};
