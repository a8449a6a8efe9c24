import type { OverviewFigure, OverviewFigures, OverviewRow, OverviewView } from '@shared/modules/overview/overview.schema.ts';
import { api } from './client.ts';

export type { OverviewFigure, OverviewFigures, OverviewRow, OverviewView };

export const overviewApi = {
  get: (query: { day?: string; nodeId?: string } = {}) => api.get<OverviewView>('/api/overview', query),
};
