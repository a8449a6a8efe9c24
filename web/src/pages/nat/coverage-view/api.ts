import type {
  CoverageNodesView, CoverageRoundView, SeriesView, SitesCoverageView, UntestedPage,
} from '@shared/modules/nat/coverage.schema.ts';
import { api, withQuery } from '../../../api/client.ts';
import { getLang } from '../../../i18n/index.tsx';

export type { CoverageNodeRow, CoverageNodesView, CoverageRoundView, SeriesView, SiteCoverageRow, SitesCoverageView, UntestedRow } from '@shared/modules/nat/coverage.schema.ts';

const base = (roundId: string) => `/api/nat/coverage/rounds/${roundId}`;

export const coverageApi = {
  rounds: () => api.get<CoverageRoundView[]>('/api/nat/coverage/rounds'),
  nodes: (roundId: string, nodeId?: string) => api.get<CoverageNodesView>(`${base(roundId)}/nodes`, { nodeId }),
  sites: (roundId: string) => api.get<SitesCoverageView>(`${base(roundId)}/sites`),
  series: (roundId: string, bucket: 15 | 60, nodeId?: string) => api.get<SeriesView>(`${base(roundId)}/series`, { nodeId, bucket }),
  untested: (roundId: string, nodeId: string | undefined, after: string | null, limit = 50) =>
    api.get<UntestedPage>(`${base(roundId)}/untested`, { nodeId, after, limit }),
  /** A plain link: the browser downloads it with the session cookie; the server audits the export. */
  exportUrl: (roundId: string, nodeId?: string) => withQuery(`${base(roundId)}/untested.xlsx`, { nodeId, lang: getLang() }),
};
