import type { BagView, HandoverResult, SiteBagsView } from '@shared/modules/nat/desk.schema.ts';
import { api } from '../../../api/client.ts';

export type { BagView, HandoverResult, SiteBagsView };

/** Bags and courier handover (/api/nat/desk/…). Writes carry client-made ids, so a retry is the same bag. */
export const bagsApi = {
  site: (siteId: string) => api.get<SiteBagsView>(`/api/nat/desk/sites/${siteId}/bags`),
  open: (id: string, siteId: string, barcode: string) => api.post<BagView>('/api/nat/desk/bags', { id, siteId, barcode }),
  addTube: (bagId: string, tubeBarcode: string) => api.post<BagView>(`/api/nat/desk/bags/${bagId}/tubes`, { tubeBarcode }),
  seal: (bagId: string) => api.post<BagView>(`/api/nat/desk/bags/${bagId}/seal`),
  handover: (body: { roundId: string; bagBarcode: string; courierName: string; tubeBarcodes?: string[]; tubeCount?: number }) =>
    api.post<HandoverResult>('/api/nat/desk/handover', body),
};

/** Tube and bag barcodes as the server reads them: spaces dropped, upper case, 6–32 letters, digits or dashes. */
export function normaliseBarcode(raw: string): string | null {
  const v = raw.replace(/\s+/g, '').toUpperCase();
  return /^[A-Z0-9-]{6,32}$/.test(v) ? v : null;
}
