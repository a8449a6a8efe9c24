import type {
  CaseView, LabImportOutcome, LabImportView, NatPositiveRules, ResampleView, ResultsRoundView, ResultsSummary, TubeResult,
  TubeResultOutcome,
} from '@shared/modules/nat/results.schema.ts';
import { api, request, withQuery, type Page } from '../../../api/client.ts';
import { getLang } from '../../../i18n/index.tsx';

export type { CaseView, LabImportOutcome, LabImportView, ResampleView, ResultsRoundView, ResultsSummary, TubeResult, TubeResultOutcome };

const base = '/api/nat/results';

export function labTemplateUrl(format: 'xlsx' | 'csv'): string {
  return withQuery(`${base}/template`, { format, lang: getLang() });
}

export const natResultsApi = {
  rounds: () => api.get<ResultsRoundView[]>(`${base}/rounds`),
  summary: (roundId: string) => api.get<ResultsSummary>(`${base}/rounds/${roundId}/summary`),
  cases: (roundId: string, before?: string | null) => api.get<Page<CaseView>>(`${base}/rounds/${roundId}/cases`, { before, limit: 50 }),
  resamples: (roundId: string) => api.get<ResampleView[]>(`${base}/rounds/${roundId}/resamples`),
  imports: (roundId: string) => api.get<LabImportView[]>(`${base}/rounds/${roundId}/imports`),
  rules: () => api.get<NatPositiveRules>(`${base}/rules`),
  enter: (roundId: string, input: { barcode: string; result: TubeResult; correction: boolean }) =>
    api.post<TubeResultOutcome>(`${base}/rounds/${roundId}/tubes`, input),
  setCaseStatus: (caseId: string, status: 'open' | 'closed') => api.post<{ id: string; status: string }>(`${base}/cases/${caseId}/status`, { status }),
  importFile: (roundId: string, file: File, correction: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return request<LabImportOutcome>('POST', `${base}/rounds/${roundId}/import`, { body: form, query: { correction: correction ? 1 : 0 } });
  },
};
