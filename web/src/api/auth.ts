import type { SessionView } from '@shared/modules/accounts/accounts.schema.ts';
import { api } from './client.ts';

export const authApi = {
  me: () => api.get<SessionView>('/api/auth/me'),
  login: (username: string, password: string) => api.post<SessionView>('/api/auth/login', { username, password }),
  logout: () => api.post<void>('/api/auth/logout'),
  changePassword: (currentPassword: string, newPassword: string) =>
    api.post<void>('/api/auth/password', { currentPassword, newPassword }),
};
