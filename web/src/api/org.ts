import type {
  AreaView, ChainNode, PartyOrgView, PostMemberView, PostView, TAreaInput, TPartyOrgListQuery, TPostInput, UnitView,
} from '@shared/modules/org/org.schema.ts';
import type { PartyOrgKind, PlaceKind, PostMemberRole, UnitKind } from '@shared/modules/org/org.schema.ts';
import { api } from './client.ts';

export type { AreaView, ChainNode, PartyOrgView, PostMemberView, PostView, UnitView };

export interface UnitWrite {
  name?: string;
  kind?: UnitKind;
  nodeId?: string | null;
}

export interface PartyOrgWrite {
  kind?: PartyOrgKind;
  name?: string;
  unitId?: string | null;
  parentId?: string | null;
  nodeId?: string | null;
  placeKind?: PlaceKind | null;
  placeName?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
}

export const orgApi = {
  units: () => api.get<UnitView[]>('/api/org/units'),
  createUnit: (input: UnitWrite) => api.post<UnitView>('/api/org/units', input),
  updateUnit: (id: string, input: UnitWrite) => api.patch<UnitView>(`/api/org/units/${id}`, input),
  removeUnit: (id: string) => api.del(`/api/org/units/${id}`),

  partyOrgs: (query: Partial<TPartyOrgListQuery> = {}) => api.get<PartyOrgView[]>('/api/org/party-orgs', query),
  createPartyOrg: (input: PartyOrgWrite) => api.post<PartyOrgView>('/api/org/party-orgs', input),
  updatePartyOrg: (id: string, input: PartyOrgWrite) => api.patch<PartyOrgView>(`/api/org/party-orgs/${id}`, input),
  removePartyOrg: (id: string) => api.del(`/api/org/party-orgs/${id}`),

  areas: (query: { branchId?: string; nodeId?: string } = {}) => api.get<AreaView[]>('/api/org/areas', query),
  createArea: (input: Partial<TAreaInput>) => api.post<AreaView>('/api/org/areas', input),
  updateArea: (id: string, input: Partial<TAreaInput>) => api.patch<AreaView>(`/api/org/areas/${id}`, input),
  removeArea: (id: string) => api.del(`/api/org/areas/${id}`),

  posts: (query: { areaId?: string } = {}) => api.get<PostView[]>('/api/org/posts', query),
  createPost: (input: Partial<TPostInput>) => api.post<PostView>('/api/org/posts', input),
  updatePost: (id: string, input: Partial<TPostInput>) => api.patch<PostView>(`/api/org/posts/${id}`, input),
  removePost: (id: string) => api.del(`/api/org/posts/${id}`),
  postMembers: (postId: string) => api.get<PostMemberView[]>(`/api/org/posts/${postId}/members`),
  addPostMember: (postId: string, personId: string, role: PostMemberRole) =>
    api.post<PostMemberView>(`/api/org/posts/${postId}/members`, { personId, role }),
  removePostMember: (postId: string, personId: string) => api.del(`/api/org/posts/${postId}/members/${personId}`),

  chain: (query: { unitId?: string; nodeId?: string } = {}) => api.get<ChainNode[]>('/api/org/chain', query),
};
