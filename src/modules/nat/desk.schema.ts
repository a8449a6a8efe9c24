import { z } from 'zod';
import { zId, zOptionalText, zText } from '../../platform/validation.ts';

// Desk registration (采样登记): tubes, scans, bags and courier handover. Shared with the desk page, which queues
// the same inputs offline (IndexedDB) and syncs them through the batch endpoint.

/** Tube and bag barcodes as printed: 6–32 letters, digits or dashes (upper-cased, spaces dropped). */
export const zBarcode = z.string().transform((v) => v.replace(/\s+/g, '').toUpperCase())
  .pipe(z.string().regex(/^[A-Z0-9-]{6,32}$/, 'nat.barcode'));

export const ID_TYPES = ['id_card', 'passport', 'hk_macau_permit', 'taiwan_permit', 'household_register'] as const;

/** A client time: ISO with offset; the server keeps it when it is within a day of its own clock. */
const zClientTime = z.string().datetime({ offset: true }).optional();

export const TubeOpenInput = z.object({
  /** Client-made tube id: opening the same tube again answers the same tube. */
  id: zId,
  deskId: zId,
  barcode: zBarcode,
  at: zClientTime,
});
export type TTubeOpenInput = z.infer<typeof TubeOpenInput>;

export const ScanInput = z.object({
  /** Client-made sample id: a retried or re-synced scan is the same sample. */
  id: zId,
  deskId: zId,
  tubeBarcode: zBarcode,
  /** The personal code's token (QR content). */
  code: z.string().trim().min(1).max(1000).optional(),
  idNumber: z.string().trim().min(1).max(40).optional(),
  idType: z.enum(ID_TYPES).default('id_card'),
  /** Picked from the household list of an earlier scan (同行人员). */
  residentId: zId.optional(),
  /** The home-visit task this sample fulfils (door-to-door sampling). */
  doorTaskId: zId.optional(),
  at: zClientTime,
}).refine((v) => [v.code, v.idNumber, v.residentId].filter((x) => x !== undefined).length === 1, {
  message: 'nat.scan_target', path: ['code'],
});
export type TScanInput = z.infer<typeof ScanInput>;

export const UndoInput = z.object({ at: zClientTime });
export const CloseTubeInput = z.object({ at: zClientTime });

/** One queued desk operation; the batch applies them in order, each exactly once. */
export const SyncItem = z.discriminatedUnion('op', [
  z.object({ op: z.literal('open_tube'), input: TubeOpenInput }),
  z.object({ op: z.literal('scan'), input: ScanInput }),
  z.object({ op: z.literal('undo'), sampleId: zId }),
  z.object({ op: z.literal('close_tube'), tubeId: zId }),
]);
export type TSyncItem = z.infer<typeof SyncItem>;
export const SyncInput = z.object({ items: z.array(SyncItem).min(1).max(500) });
export type TSyncInput = z.infer<typeof SyncInput>;

export const BagOpenInput = z.object({
  id: zId,
  siteId: zId,
  barcode: zBarcode,
});
export type TBagOpenInput = z.infer<typeof BagOpenInput>;
export const BagAddInput = z.object({ tubeBarcode: zBarcode });

export const HandoverInput = z.object({
  roundId: zId,
  bagBarcode: zBarcode,
  courierName: zText(50),
  /** The tubes the courier scanned out of the bag; or just their count. */
  tubeBarcodes: z.array(zBarcode).max(200).optional(),
  tubeCount: z.number().int().min(0).max(200).optional(),
  note: zOptionalText(200),
}).refine((v) => (v.tubeBarcodes === undefined) !== (v.tubeCount === undefined), {
  message: 'nat.scan_target', path: ['tubeCount'],
});
export type THandoverInput = z.infer<typeof HandoverInput>;

export type TubeStatus = 'open' | 'closed' | 'bagged' | 'handed_over';

export interface TubeView {
  id: string;
  barcode: string;
  deskId: string | null;
  source: string;
  capacity: number;
  sampleCount: number;
  status: TubeStatus;
  openedAt: string;
  closedAt: string | null;
}

export interface HouseholdMemberView {
  residentId: string;
  name: string;
  /** Already sampled this round (by anyone). */
  sampled: boolean;
}

export interface SampleView {
  id: string;
  tubeId: string;
  tubeBarcode: string;
  residentId: string;
  name: string;
  method: string;
  sampledAt: string;
  /** The earlier sample of this person this round: flagged, not counted twice. */
  duplicateOf: string | null;
  undone: boolean;
}

export interface ScanResult {
  sample: SampleView;
  tube: TubeView;
  /** The other members of the person's household, to add with one tap each (同行人员). */
  household: HouseholdMemberView[];
}

export interface DeskView {
  id: string;
  name: string;
  kind: string;
  roundId: string;
  roundName: string;
  roundStatus: string;
  siteId: string;
  siteName: string;
  capacity: number;
  /** The newest open tube, if any, with its scans. */
  tube: TubeView | null;
  samples: SampleView[];
  /** Accepted (counted) samples at this desk so far. */
  sampledCount: number;
}

export type SyncItemResult =
  | { ok: true; result: ScanResult | TubeView | SampleView }
  | { ok: false; error: { code: string; message: string; details: { path?: string; message: string }[] } };

export interface BagView {
  id: string;
  barcode: string;
  siteId: string | null;
  capacity: number;
  status: string;
  tubeCount: number;
  tubes: string[];
  courierName: string | null;
  handedTubeCount: number | null;
  handedOverAt: string | null;
}

/** A site's bag table (转运袋): its bags (open and sealed first, then the latest handed over) and the closed tubes not yet in a bag. */
export interface SiteBagsView {
  site: { id: string; name: string; roundId: string; roundName: string; roundStatus: string; bagSize: number };
  bags: BagView[];
  looseTubes: { barcode: string; deskName: string | null; sampleCount: number; closedAt: string | null }[];
}

export interface HandoverResult {
  bag: BagView;
  expected: number;
  counted: number;
  match: boolean;
  /** Tubes recorded in the bag that the courier did not scan. */
  missing: string[];
  /** Tubes the courier scanned that are not recorded in the bag. */
  unexpected: string[];
}
