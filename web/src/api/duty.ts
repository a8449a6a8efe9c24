import type {
  AlertsView, AttendanceView, CheckinContextView, HoursView, NoteView, THoursQuery,
} from '@shared/modules/duty/attendance.schema.ts';
import type { DutyPostView, DutyRules, SuccessionView, TDutyPostInput, TDutyPostUpdateInput } from '@shared/modules/duty/duty.schema.ts';
import type {
  AssignmentView, AutoFillResult, AvailabilityView, MarkUnavailableResult, RosterView, SwapStatus, SwapView, TUnavailabilityInput,
  UnavailabilityView,
} from '@shared/modules/duty/roster.schema.ts';
import { getLang } from '../i18n/index.tsx';
import { api, request, withQuery } from './client.ts';

export type {
  AlertsView, AssignmentView, AttendanceView, AutoFillResult, AvailabilityView, CheckinContextView, DutyPostView, DutyRules, HoursView,
  MarkUnavailableResult, NoteView, RosterView, SuccessionView, SwapView, UnavailabilityView,
};

/** A post body as the forms send it (the server applies defaults and trims). */
export type DutyPostWrite = Omit<TDutyPostInput, 'shifts' | 'leadPersonIds'> & {
  shifts?: Array<Omit<TDutyPostInput['shifts'][number], 'night'> & { night?: boolean }>;
  leadPersonIds?: string[];
};

export const dutyApi = {
  rules: () => api.get<DutyRules>('/api/duty/rules'),
  posts: (nodeId?: string | null) => api.get<DutyPostView[]>('/api/duty/posts', { nodeId }),
  post: (id: string) => api.get<DutyPostView>(`/api/duty/posts/${id}`),
  createPost: (body: DutyPostWrite) => api.post<DutyPostView>('/api/duty/posts', body),
  updatePost: (id: string, body: Omit<TDutyPostUpdateInput, 'shifts'> & { shifts?: DutyPostWrite['shifts'] }) =>
    api.patch<DutyPostView>(`/api/duty/posts/${id}`, body),
  removePost: (id: string) => api.del(`/api/duty/posts/${id}`),
  setLeads: (id: string, personIds: string[]) => request<DutyPostView>('PUT', `/api/duty/posts/${id}/leads`, { body: { personIds } }),
  rotateToken: (id: string) => api.post<DutyPostView>(`/api/duty/posts/${id}/token`, {}),
  successions: (nodeId?: string | null) => api.get<SuccessionView[]>('/api/duty/successions', { nodeId }),

  roster: (weekStart: string, filter: { nodeId?: string | null; postId?: string | null }) =>
    api.get<RosterView>('/api/duty/roster', { weekStart, ...filter }),
  generate: (weekStart: string, filter: { nodeId?: string | null; postId?: string | null }) =>
    api.post<{ generated: number }>('/api/duty/roster/generate', { weekStart, ...clean(filter) }),
  autoFill: (weekStart: string, filter: { nodeId?: string | null; postId?: string | null; poolNodeId?: string | null }) =>
    api.post<AutoFillResult>('/api/duty/roster/auto-fill', { weekStart, ...clean(filter) }),
  assign: (body: { id: string; shiftId: string; personId: string }) => api.post<AssignmentView>('/api/duty/assignments', body),
  unassign: (id: string) => api.del(`/api/duty/assignments/${id}`),

  swaps: (nodeId?: string | null, status?: SwapStatus) => api.get<SwapView[]>('/api/duty/swaps', { nodeId, status }),
  proposeSwap: (body: { id: string; assignmentId: string; toPersonId: string; reason?: string | null }) => api.post<SwapView>('/api/duty/swaps', body),
  approveSwap: (id: string) => api.post<SwapView>(`/api/duty/swaps/${id}/approve`, {}),
  rejectSwap: (id: string) => api.post<SwapView>(`/api/duty/swaps/${id}/reject`, {}),

  availability: (personId: string) => api.get<AvailabilityView>(`/api/duty/availability/${personId}`),
  setAvailability: (personId: string, windows: Array<{ weekday: number; start: string; end: string }>) =>
    request<AvailabilityView>('PUT', `/api/duty/availability/${personId}`, { body: { windows } }),
  unavailability: (nodeId?: string | null, current = true) =>
    api.get<UnavailabilityView[]>('/api/duty/unavailability', { nodeId, current: current ? '1' : undefined }),
  markUnavailable: (body: TUnavailabilityInput) => api.post<MarkUnavailableResult>('/api/duty/unavailability', body),
  endUnavailability: (id: string) => api.post<UnavailabilityView>(`/api/duty/unavailability/${id}/end`, {}),

  checkinContext: (token: string) => api.get<CheckinContextView>(`/api/duty/checkin/${encodeURIComponent(token)}`),
  checkin: (body: { id: string; kind: 'in' | 'out'; token?: string; shiftId?: string; personId?: string }) =>
    api.post<AttendanceView>('/api/duty/checkins', body),
  alerts: (nodeId?: string | null) => api.get<AlertsView>('/api/duty/alerts', { nodeId }),

  notes: (query: { day?: string; nodeId?: string | null; mine?: boolean }) =>
    api.get<NoteView[]>('/api/duty/notes', { day: query.day, nodeId: query.nodeId, mine: query.mine ? '1' : undefined }),
  putNote: (body: { id?: string; personId?: string; content: string }) => request<NoteView>('PUT', '/api/duty/notes', { body }),
  hours: (query: Partial<THoursQuery> & { from: string; to: string }) => api.get<HoursView>('/api/duty/hours', { ...query }),
  hoursExportUrl: (query: Partial<THoursQuery> & { from: string; to: string }, format: 'xlsx' | 'csv') =>
    withQuery('/api/duty/hours/export', { ...query, format, lang: getLang() }),
};

function clean<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined && v !== '')) as Partial<T>;
}
