import { z } from 'zod';
import { LIMITS, zDate, zId, zOptionalText, zText } from '../../platform/validation.ts';

// Inputs and views of staff declarations (人员动向和身体状况申报), shared with the web app and the public page.

export const WHEREABOUTS = ['stayed', 'left'] as const;
export const HEALTH = ['normal', 'fever', 'symptoms'] as const;
export const DESTINATION_RISKS = ['high', 'medium', 'low', 'none'] as const;
export const ENTRY_FILTERS = ['all', 'declared', 'not_declared', 'flagged'] as const;
export const FLAGS = ['risk_destination', 'fever', 'symptoms', 'risk_contact'] as const;

export type Flag = (typeof FLAGS)[number];
export const DECLARATION_LIMITS = { title: 100, place: 100, text: 200, maxDays: 366 } as const;

export const CampaignInput = z.object({
  /** Client-made id: a retried create answers with the same campaign. */
  id: zId.optional(),
  /** The unit whose staff declare; a unit liaison's own unit when absent. */
  unitId: zId.optional(),
  title: zText(DECLARATION_LIMITS.title),
  startsOn: zDate,
  endsOn: zDate,
  note: zOptionalText(LIMITS.note),
}).refine((c) => c.endsOn >= c.startsOn, { message: 'date.range', path: ['endsOn'] });
export type TCampaignInput = z.infer<typeof CampaignInput>;

/** What a staff member declares for the period: whereabouts, health, contact with risk areas or cases. */
export const DeclarationInput = z.object({
  whereabouts: z.enum(WHEREABOUTS),
  destination: zOptionalText(DECLARATION_LIMITS.place),
  leftOn: zDate.nullish(),
  returnOn: zDate.nullish(),
  destinationRisk: z.enum(DESTINATION_RISKS).nullish(),
  health: z.enum(HEALTH),
  symptoms: zOptionalText(DECLARATION_LIMITS.text),
  riskContact: z.boolean(),
  contactText: zOptionalText(DECLARATION_LIMITS.text),
}).superRefine((d, ctx) => {
  if (d.whereabouts === 'left') {
    if (!d.destination) ctx.addIssue({ code: 'custom', path: ['destination'], message: 'declarations.destination_required' });
    if (!d.leftOn) ctx.addIssue({ code: 'custom', path: ['leftOn'], message: 'declarations.left_on_required' });
    if (!d.destinationRisk) ctx.addIssue({ code: 'custom', path: ['destinationRisk'], message: 'declarations.risk_required' });
    if (d.leftOn && d.returnOn && d.returnOn < d.leftOn) ctx.addIssue({ code: 'custom', path: ['returnOn'], message: 'date.range' });
  }
  if (d.health === 'symptoms' && !d.symptoms) ctx.addIssue({ code: 'custom', path: ['symptoms'], message: 'declarations.symptoms_required' });
  if (d.riskContact && !d.contactText) ctx.addIssue({ code: 'custom', path: ['contactText'], message: 'declarations.contact_required' });
});
export type TDeclarationInput = z.infer<typeof DeclarationInput>;

export const EntryQuery = z.object({ filter: z.enum(ENTRY_FILTERS).default('all') });
/** Links to send: by default of those who have not declared yet. */
export const LinksQuery = z.object({ filter: z.enum(ENTRY_FILTERS).default('not_declared') });
export const ExportQuery = z.object({ format: z.enum(['xlsx', 'csv']).default('xlsx') });
export const CampaignListQuery = z.object({ unitId: zId.optional() });

/** The token in a personal declaration link: 32 random bytes, base64url. */
export const zDeclarationToken = z.string().regex(/^[A-Za-z0-9_-]{32,64}$/, 'id.invalid');

export interface CampaignCounts {
  staff: number;
  declared: number;
  notDeclared: number;
  flagged: number;
}

export interface CampaignView {
  id: string;
  unitId: string;
  unitName: string;
  title: string;
  startsOn: string;
  endsOn: string;
  status: 'open' | 'closed';
  note: string | null;
  counts: CampaignCounts;
  createdBy: string;
  createdAt: string;
}

export interface DeclarationView {
  whereabouts: (typeof WHEREABOUTS)[number];
  destination: string | null;
  leftOn: string | null;
  returnOn: string | null;
  destinationRisk: (typeof DESTINATION_RISKS)[number] | null;
  health: (typeof HEALTH)[number];
  symptoms: string | null;
  riskContact: boolean;
  contactText: string | null;
}

export interface EntryView {
  id: string;
  personId: string;
  name: string;
  phoneMasked: string | null;
  declared: boolean;
  declaredAt: string | null;
  declaredVia: 'liaison' | 'link' | null;
  declaredBy: string | null;
  declaration: DeclarationView | null;
  flags: Flag[];
  version: number;
  remindedAt: string | null;
}

export interface HistoryView {
  version: number;
  declaration: DeclarationView;
  declaredAt: string;
  declaredVia: 'liaison' | 'link';
  declaredBy: string | null;
}

export interface LinkView {
  entryId: string;
  name: string;
  /** Path of the public page, e.g. /declare/<token>. */
  path: string;
}

export interface RemindResult {
  reminded: number;
  alreadyReminded: number;
}

/** What the public page shows to the holder of a personal link. */
export interface PublicDeclarationView {
  unitName: string;
  title: string;
  startsOn: string;
  endsOn: string;
  open: boolean;
  name: string;
  declaration: DeclarationView | null;
  declaredAt: string | null;
}
