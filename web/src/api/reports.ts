import type {
  ChaseView, MyReportItem, ReminderView, RemindResult, ReportField, ReportFormDetail, ReportFormView, ReportValues,
  SubmissionDetail, SubmissionView, TReportFieldInput, UnitMode,
} from '@shared/modules/reports/reports.schema.ts';
import type { RollupHistoryView, RollupView } from '@shared/modules/reports/rollup.schema.ts';
import type { NotificationPage } from '@shared/modules/reports/notifications.schema.ts';
import { getLang } from '../i18n/index.tsx';
import { api, withQuery, type Page } from './client.ts';

export type {
  ChaseView, MyReportItem, NotificationPage, ReminderView, RemindResult, ReportField, ReportFormDetail, ReportFormView,
  ReportValues, RollupHistoryView, RollupView, SubmissionDetail, SubmissionView,
};

export interface ReportFormWrite {
  id?: string;
  name?: string;
  nodeId?: string | null;
  reporterLevels?: string[];
  unitMode?: UnitMode;
  unitIds?: string[];
  deadline?: string;
  activeFrom?: string;
  activeTo?: string | null;
  fields?: Array<Partial<TReportFieldInput>>;
}

export interface SubmissionWrite {
  id: string;
  formId: string;
  day?: string;
  nodeId?: string;
  unitId?: string;
  zero?: boolean;
  values?: ReportValues;
}

export interface RollupParams {
  formId: string;
  day?: string;
  nodeId?: string;
  by?: 'node' | 'unit';
}

export const reportsApi = {
  forms: () => api.get<ReportFormView[]>('/api/reports/forms'),
  form: (id: string) => api.get<ReportFormDetail>(`/api/reports/forms/${id}`),
  createForm: (input: ReportFormWrite) => api.post<ReportFormView>('/api/reports/forms', input),
  updateForm: (id: string, input: ReportFormWrite) => api.patch<ReportFormView>(`/api/reports/forms/${id}`, input),
  removeForm: (id: string) => api.del(`/api/reports/forms/${id}`),

  mine: (day?: string) => api.get<MyReportItem[]>('/api/reports/mine', { day }),
  submit: (input: SubmissionWrite) => api.post<SubmissionView>('/api/reports/submissions', input),
  submission: (id: string) => api.get<SubmissionDetail>(`/api/reports/submissions/${id}`),
  correct: (id: string, input: { id: string; zero?: boolean; values?: ReportValues; reason: string }) =>
    api.post<SubmissionDetail>(`/api/reports/submissions/${id}/corrections`, input),
  history: (query: { formId?: string; nodeId?: string; unitId?: string; from: string; to: string }, after?: string | null, limit = 50) =>
    api.get<Page<SubmissionView>>('/api/reports/submissions', { ...query, after, limit }),

  chase: (formId: string, day?: string, nodeId?: string) => api.get<ChaseView>('/api/reports/chase', { formId, day, nodeId }),
  remind: (formId: string, day?: string, nodeId?: string) => api.post<RemindResult>('/api/reports/chase/remind', { formId, day, nodeId }),
  reminders: (formId: string, day?: string) => api.get<ReminderView[]>('/api/reports/reminders', { formId, day }),

  rollup: (params: RollupParams) => api.get<RollupView>('/api/reports/rollup', { ...params }),
  rollupHistory: (params: { formId: string; nodeId?: string; by?: 'node' | 'unit'; from: string; to: string }) =>
    api.get<RollupHistoryView>('/api/reports/rollup/history', params),

  notifications: (before?: string | null, unread = false) =>
    api.get<NotificationPage>('/api/notifications', { before, unread: unread ? '1' : undefined }),
  markRead: (id: string) => api.post<void>(`/api/notifications/${id}/read`),
  markAllRead: () => api.post<{ marked: number }>('/api/notifications/read-all'),
};

/** A plain link the browser saves: the roll-up in the shape sent upward. */
export function rollupExportUrl(params: RollupParams, format: 'xlsx' | 'csv'): string {
  return withQuery('/api/reports/rollup/export', { ...params, format, lang: getLang() });
}
