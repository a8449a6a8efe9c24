import type {
  AreaView, CertificateView, CodeSheetEntry, DeskView, ReminderList, RosterCounts, RoundView, SiteView, SlotView,
  StaffView, TDeskInput, TNatDefaults, TRoundInput, TRoundUpdateInput, TSiteInput, TSiteUpdateInput, TSlotInput, TStaffInput,
  VerifyVerdict,
} from '@shared/modules/nat/nat.schema.ts';
import { api, request } from '../../../api/client.ts';
import { dateTime } from '../../../components/shanghaiTime.ts';

export type {
  AreaView, CertificateView, CodeSheetEntry, DeskView, ReminderList, RosterCounts, RoundView, SiteView, SlotView, StaffView,
  TNatDefaults, VerifyVerdict,
};

export interface SelfServiceView {
  residentId: string; nameMasked: string; household: string; code: string; certificates: CertificateView[];
}
export interface PublicKeyView { alg: 'Ed25519'; keyId: string; publicKey: string; format: string }

/** The round-planning API (/api/nat/…). */
export const planApi = {
  defaults: () => api.get<TNatDefaults>('/api/nat/defaults'),
  saveDefaults: (body: TNatDefaults) => request<TNatDefaults>('PUT', '/api/nat/defaults', { body }),
  rounds: () => api.get<RoundView[]>('/api/nat/rounds'),
  round: (id: string) => api.get<RoundView>(`/api/nat/rounds/${id}`),
  createRound: (body: TRoundInput) => api.post<RoundView>('/api/nat/rounds', body),
  updateRound: (id: string, body: TRoundUpdateInput) => api.patch<RoundView>(`/api/nat/rounds/${id}`, body),
  roster: (id: string) => api.get<RosterCounts>(`/api/nat/rounds/${id}/roster`),
  buildRoster: (id: string) => api.post<RosterCounts>(`/api/nat/rounds/${id}/roster`),
  sites: (roundId: string) => api.get<SiteView[]>(`/api/nat/rounds/${roundId}/sites`),
  createSite: (roundId: string, body: TSiteInput) => api.post<SiteView>(`/api/nat/rounds/${roundId}/sites`, body),
  updateSite: (id: string, body: TSiteUpdateInput) => api.patch<SiteView>(`/api/nat/sites/${id}`, body),
  removeSite: (id: string) => api.del(`/api/nat/sites/${id}`),
  addDesk: (siteId: string, body: TDeskInput) => api.post<DeskView>(`/api/nat/sites/${siteId}/desks`, body),
  removeDesk: (siteId: string, deskId: string) => api.del(`/api/nat/sites/${siteId}/desks/${deskId}`),
  addStaff: (siteId: string, body: TStaffInput) => api.post<StaffView>(`/api/nat/sites/${siteId}/staff`, body),
  removeStaff: (siteId: string, staffId: string) => api.del(`/api/nat/sites/${siteId}/staff/${staffId}`),
  setAreas: (siteId: string, nodeIds: string[]) => request<SiteView>('PUT', `/api/nat/sites/${siteId}/areas`, { body: { nodeIds } }),
  slots: (roundId: string) => api.get<SlotView[]>(`/api/nat/rounds/${roundId}/slots`),
  createSlot: (siteId: string, body: TSlotInput) => api.post<SlotView>(`/api/nat/sites/${siteId}/slots`, body),
  removeSlot: (id: string) => api.del(`/api/nat/slots/${id}`),
  reminders: (slotId: string) => api.get<ReminderList>(`/api/nat/slots/${slotId}/reminders`),
  sendReminders: (slotId: string) => api.post<{ sent: number; alreadySent: number }>(`/api/nat/slots/${slotId}/reminders/send`),
  remindersXlsxUrl: (slotId: string) => `/api/nat/slots/${slotId}/reminders.xlsx`,
  codeSheet: (nodeId: string) => api.get<{ nodeName: string; entries: CodeSheetEntry[] }>('/api/nat/codes/sheet', { nodeId }),
  reissueCode: (residentId: string, reason?: string) => api.post<CodeSheetEntry>(`/api/nat/codes/${residentId}/reissue`, { reason: reason ?? null }),
  certificate: (roundId: string, residentId: string) => api.get<CertificateView>(`/api/nat/rounds/${roundId}/certificates/${residentId}`),
  publicKey: () => api.get<PublicKeyView>('/api/nat/certificates/public-key'),
  verify: (token: string) => api.post<VerifyVerdict>('/api/nat/certificates/verify', { token }),
  me: (code: string) => api.post<SelfServiceView>('/api/nat/me', { code }),
};

/** What a printed personal code holds: a link that opens the resident's page on a phone; desks read the token in it. */
export function personalCodeLink(token: string): string {
  return `${window.location.origin}/verify#me=${token}`;
}

/** What a green card's QR holds: a link to the verify page, which checks it offline. */
export function certificateLink(token: string): string {
  return `${window.location.origin}/verify#c=${token}`;
}

/** 'YYYY-MM-DD HH:MM' in Shanghai time of an ISO instant. */
export function shanghaiDateTime(iso: string): string {
  return dateTime(iso);
}
