import type {
  JurisdictionLevel, JurisdictionNode, JurisdictionNodeDetail, NodeSearchHit,
} from '@shared/modules/jurisdiction/jurisdiction.schema.ts';
import { api } from './client.ts';

export type { JurisdictionLevel, JurisdictionNode, JurisdictionNodeDetail, NodeSearchHit };

export const jurisdictionApi = {
  levels: () => api.get<JurisdictionLevel[]>('/api/jurisdiction/levels'),
  top: () => api.get<JurisdictionNode[]>('/api/jurisdiction/nodes'),
  children: (parentId: string) => api.get<JurisdictionNode[]>('/api/jurisdiction/nodes', { parentId }),
  get: (id: string) => api.get<JurisdictionNodeDetail>(`/api/jurisdiction/nodes/${id}`),
  search: (q: string, signal?: AbortSignal) => api.get<NodeSearchHit[]>('/api/jurisdiction/search', { q }, signal),
  create: (input: { id?: string; parentId: string | null; levelCode: string; name: string; code?: string | null }) =>
    api.post<JurisdictionNode>('/api/jurisdiction/nodes', input),
  update: (id: string, input: { name?: string; code?: string | null }) =>
    api.patch<JurisdictionNode>(`/api/jurisdiction/nodes/${id}`, input),
  move: (id: string, newParentId: string) => api.post<JurisdictionNode>(`/api/jurisdiction/nodes/${id}/move`, { newParentId }),
  remove: (id: string) => api.del(`/api/jurisdiction/nodes/${id}`),
};
