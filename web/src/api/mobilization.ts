import type {
  BatchDetail, BatchView, DispatchMemberView, MemberStatus, MobilizationCounts, PairingActivity, PairingView, PublicReportInPlace,
  PublicReportInResult, ReportInCodeView, TodayCounts,
} from '@shared/modules/mobilization/dispatch.schema.ts';
import type { AssignmentKind, TeamKind, TeamRole } from '@shared/modules/mobilization/mobilization.schema.ts';
import type {
  PledgeCounts, PledgeView, ReachPerson, RosterPlace, TeamDetail, TeamMemberView, TeamView,
} from '@shared/modules/mobilization/teams.schema.ts';
import type { PublicCommunity, PublicVolunteerReceipt, VolunteerStatus, VolunteerView } from '@shared/modules/mobilization/volunteers.schema.ts';
import { api, type Page } from './client.ts';

export type {
  BatchDetail, BatchView, DispatchMemberView, MemberStatus, MobilizationCounts, PairingActivity, PairingView, PledgeCounts, PledgeView,
  PublicCommunity, PublicReportInPlace, PublicReportInResult, PublicVolunteerReceipt, ReportInCodeView, RosterPlace, TeamDetail,
  TeamMemberView, TeamView, TodayCounts, VolunteerStatus, VolunteerView,
};

const base = '/api/mobilization';

export interface BatchWrite {
  id?: string;
  unitId?: string | null;
  nodeId?: string;
  batchNo?: string | null;
  name?: string;
  startsOn?: string;
  endsOn?: string | null;
  note?: string | null;
  personIds?: string[];
}

export interface AssignWrite {
  kind: AssignmentKind;
  targetId: string;
  role?: TeamRole;
}

export interface PairingWrite {
  id?: string;
  unitId?: string;
  nodeId?: string;
  startsOn?: string;
  endsOn?: string | null;
  note?: string | null;
}

export interface TeamWrite {
  id?: string;
  kind?: TeamKind;
  name?: string;
  nodeId?: string;
  unitId?: string | null;
  duty?: string | null;
  leaderPersonId?: string | null;
  deputyPersonId?: string | null;
}

export interface PledgeWrite {
  id?: string;
  personId?: string;
  nodeId?: string | null;
  teamId?: string | null;
  content?: string;
  pledgedOn?: string;
}

export interface VolunteerSignUp {
  id: string;
  name: string;
  phone: string;
  politicalStatus: string;
  skills?: string[];
  availability?: string | null;
  nodeId: string;
  note?: string | null;
}

export const mobilizationApi = {
  batches: (filters: { unitId?: string; nodeId?: string }, after?: string | null) =>
    api.get<Page<BatchView>>(`${base}/batches`, { ...filters, after, limit: 50 }),
  batch: (id: string) => api.get<BatchDetail>(`${base}/batches/${id}`),
  createBatch: (input: BatchWrite) => api.post<BatchDetail>(`${base}/batches`, input),
  updateBatch: (id: string, input: BatchWrite) => api.patch<BatchDetail>(`${base}/batches/${id}`, input),
  removeBatch: (id: string) => api.del(`${base}/batches/${id}`),
  addBatchMembers: (id: string, personIds: string[]) => api.post<BatchDetail>(`${base}/batches/${id}/members`, { personIds }),
  removeBatchMember: (id: string, personId: string) => api.del(`${base}/batches/${id}/members/${personId}`),

  arrivals: (filters: { nodeId?: string; status?: MemberStatus; batchId?: string }, after?: string | null) =>
    api.get<Page<DispatchMemberView>>(`${base}/arrivals`, { ...filters, after, limit: 50 }),
  confirm: (id: string) => api.post<DispatchMemberView>(`${base}/arrivals/${id}/confirm`),
  assignArrival: (id: string, input: AssignWrite) => api.post<DispatchMemberView>(`${base}/arrivals/${id}/assign`, input),
  code: (nodeId: string) => api.get<ReportInCodeView>(`${base}/report-in-codes/${nodeId}`),
  regenerateCode: (nodeId: string) => api.post<ReportInCodeView>(`${base}/report-in-codes/${nodeId}`),

  unitOptions: () => api.get<Array<{ id: string; name: string }>>(`${base}/unit-options`),
  pairings: () => api.get<PairingView[]>(`${base}/pairings`),
  createPairing: (input: PairingWrite) => api.post<PairingView>(`${base}/pairings`, input),
  updatePairing: (id: string, input: PairingWrite) => api.patch<PairingView>(`${base}/pairings/${id}`, input),
  removePairing: (id: string) => api.del(`${base}/pairings/${id}`),
  pairingActivity: (id: string) => api.get<PairingActivity>(`${base}/pairings/${id}/activity`),

  counts: (filters: { nodeId?: string; unitId?: string } = {}) => api.get<MobilizationCounts>(`${base}/counts`, filters),
  today: (filters: { nodeId?: string; unitId?: string } = {}) => api.get<TodayCounts>(`${base}/counts/today`, filters),

  people: (q?: string) => api.get<ReachPerson[]>(`${base}/people`, { q, limit: 20 }),
  teams: (filters: { nodeId?: string; kind?: TeamKind } = {}) => api.get<TeamView[]>(`${base}/teams`, filters),
  team: (id: string) => api.get<TeamDetail>(`${base}/teams/${id}`),
  createTeam: (input: TeamWrite) => api.post<TeamDetail>(`${base}/teams`, input),
  updateTeam: (id: string, input: TeamWrite) => api.patch<TeamDetail>(`${base}/teams/${id}`, input),
  removeTeam: (id: string) => api.del(`${base}/teams/${id}`),
  addTeamMember: (id: string, personId: string, role: TeamRole) => api.post<TeamMemberView>(`${base}/teams/${id}/members`, { personId, role }),
  removeTeamMember: (id: string, personId: string) => api.del(`${base}/teams/${id}/members/${personId}`),

  pledges: (filters: { personId?: string; teamId?: string; nodeId?: string }, after?: string | null) =>
    api.get<Page<PledgeView>>(`${base}/pledges`, { ...filters, after, limit: 50 }),
  pledgeCounts: (filters: { personId?: string; teamId?: string; nodeId?: string }) => api.get<PledgeCounts>(`${base}/pledges/counts`, filters),
  createPledge: (input: PledgeWrite) => api.post<PledgeView>(`${base}/pledges`, input),
  removePledge: (id: string) => api.del(`${base}/pledges/${id}`),
  fulfil: (id: string, input: { id: string; doneOn: string; note: string }) => api.post<PledgeView>(`${base}/pledges/${id}/fulfilments`, input),

  roster: (nodeId?: string) => api.get<RosterPlace[]>(`${base}/roster`, { nodeId }),

  volunteers: (filters: { status?: VolunteerStatus; nodeId?: string }, after?: string | null) =>
    api.get<Page<VolunteerView>>(`${base}/volunteers`, { ...filters, after, limit: 50 }),
  volunteerPhone: (id: string) => api.get<{ phone: string }>(`${base}/volunteers/${id}/phone`),
  approveVolunteer: (id: string, category: string) => api.post<VolunteerView>(`${base}/volunteers/${id}/approve`, { category }),
  declineVolunteer: (id: string, reason: string) => api.post<VolunteerView>(`${base}/volunteers/${id}/decline`, { reason }),
  assignVolunteer: (id: string, input: AssignWrite) => api.post<VolunteerView>(`${base}/volunteers/${id}/assign`, input),
};

/** No sign-in: the volunteer sign-up page and the report-in page opened from a QR code. */
export const publicApi = {
  communities: (q?: string) => api.get<PublicCommunity[]>('/api/public/communities', { q }),
  signUp: (input: VolunteerSignUp) => api.post<PublicVolunteerReceipt>('/api/public/volunteers', input),
  reportInPlace: (token: string) => api.get<PublicReportInPlace>(`/api/public/report-in/${encodeURIComponent(token)}`),
  reportIn: (token: string, input: { name: string; phone: string }) =>
    api.post<PublicReportInResult>(`/api/public/report-in/${encodeURIComponent(token)}`, input),
};
