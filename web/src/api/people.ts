import type { PersonView, TPersonListQuery } from '@shared/modules/people/people.schema.ts';
import { api, type Page } from './client.ts';

export type { PersonView };
export type PersonFilters = Partial<Omit<TPersonListQuery, 'after' | 'limit'>>;

export interface PersonWrite {
  id?: string;
  name?: string;
  sex?: 'M' | 'F' | null;
  politicalStatus?: PersonView['politicalStatus'];
  category?: PersonView['category'];
  unitId?: string | null;
  branchId?: string | null;
  homeNodeId?: string | null;
  phone?: string | null;
  idNumber?: string | null;
  skills?: string[];
}

export const peopleApi = {
  list: (filters: PersonFilters, after?: string | null, limit = 50) =>
    api.get<Page<PersonView>>('/api/people', { ...filters, after, limit }),
  get: (id: string) => api.get<PersonView>(`/api/people/${id}`),
  create: (input: PersonWrite) => api.post<PersonView>('/api/people', input),
  update: (id: string, input: PersonWrite) => api.patch<PersonView>(`/api/people/${id}`, input),
  remove: (id: string) => api.del(`/api/people/${id}`),
};
