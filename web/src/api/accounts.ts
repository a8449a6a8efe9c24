import type { AccountView } from '@shared/modules/accounts/accounts.schema.ts';
import type { Role } from '@shared/platform/policy.ts';
import { api, type Page } from './client.ts';

export type { AccountView };

export interface AccountCreate {
  username: string;
  displayName: string;
  role: Role;
  nodeId?: string | null;
  unitId?: string | null;
  personId?: string | null;
  password?: string;
}

export interface AccountUpdate {
  displayName?: string;
  role?: Role;
  nodeId?: string | null;
  unitId?: string | null;
  personId?: string | null;
  active?: boolean;
}

export const accountsApi = {
  list: (filters: { q?: string; role?: Role }, after?: string | null, limit = 50) =>
    api.get<Page<AccountView>>('/api/accounts', { ...filters, after, limit }),
  create: (input: AccountCreate) => api.post<{ account: AccountView; temporaryPassword?: string }>('/api/accounts', input),
  update: (id: string, input: AccountUpdate) => api.patch<AccountView>(`/api/accounts/${id}`, input),
  resetPassword: (id: string) => api.post<{ temporaryPassword: string }>(`/api/accounts/${id}/reset-password`),
};
