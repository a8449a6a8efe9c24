import type {
  CampaignProgress, CampaignView, MyTaskView, Tabulation, TaskView, VisitResult, VisitView,
} from '@shared/modules/screening/screening.schema.ts';
import type { TResidentInput } from '@shared/modules/registry/registry.schema.ts';
import { api, request, withQuery } from '../../api/client.ts';
import { getLang } from '../../i18n/index.tsx';

export type { CampaignProgress, CampaignView, MyTaskView, Tabulation, TaskView, VisitResult, VisitView };

export interface CampaignWrite {
  id?: string;
  name: string;
  nodeId: string;
  startDate: string;
  endDate: string;
  recordTemperature: boolean;
  recordSymptoms: boolean;
  recordTravel: boolean;
  feverThreshold: number;
  notes?: string | null;
}

export interface Observation {
  temperature?: number | null;
  symptoms: string[];
  travelFrom?: string | null;
  arrivalDate?: string | null;
}

export interface VisitWrite {
  id: string;
  householdId: string;
  outcome: 'visited' | 'nobody_home' | 'refused';
  present: Array<Observation & { residentId: string; needsFound: string[] }>;
  newPeople: Array<Observation & Omit<TResidentInput, 'householdId'> & { id: string }>;
  note?: string | null;
}

export const screeningApi = {
  campaigns: (status: 'open' | 'closed' | 'all' = 'all') => api.get<CampaignView[]>('/api/screening/campaigns', { status }),
  create: (input: CampaignWrite) => api.post<CampaignView>('/api/screening/campaigns', input),
  close: (id: string) => api.post<CampaignView>(`/api/screening/campaigns/${id}/close`, {}),
  progress: (id: string) => api.get<CampaignProgress>(`/api/screening/campaigns/${id}/progress`),
  tabulation: (id: string) => api.get<Tabulation>(`/api/screening/campaigns/${id}/tabulation`),
  /** A plain link: the browser downloads it with the session cookie. */
  tabulationUrl: (id: string) => withQuery(`/api/screening/campaigns/${id}/tabulation.xlsx`, { lang: getLang() }),
  myTasks: () => api.get<MyTaskView[]>('/api/screening/my-tasks'),
  task: (id: string) => api.get<TaskView>(`/api/screening/tasks/${id}`),
  assign: (id: string, input: { personIds: string[]; accountIds: string[] }) => request<TaskView>('PUT', `/api/screening/tasks/${id}/assignees`, { body: input }),
  visit: (taskId: string, input: VisitWrite) => api.post<VisitResult>(`/api/screening/tasks/${taskId}/visits`, input),
  history: (taskId: string, householdId: string) => api.get<VisitView[]>(`/api/screening/tasks/${taskId}/households/${householdId}/visits`),
};
