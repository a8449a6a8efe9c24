import { createHash, randomBytes } from 'node:crypto';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import { maskPhone } from '../../platform/id-number.ts';
import type { EntryJoinedRow, EntryRow, HistoryRow } from './declarations.repository.ts';
import type { DeclarationView, EntryView, Flag, HistoryView, TDeclarationInput } from './declarations.schema.ts';

// The declaration as stored and shown: columns ↔ view, the flags, link tokens. Pure helpers of the service.

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** A fresh unguessable link token with its lookup hash and its ciphertext (to show the link again). */
export function newToken(cipher: FieldCipher): { token: string; token_hash: string; token_enc: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, token_hash: hashToken(token), token_enc: cipher.encrypt(token) };
}

/** Flags a liaison must look at: left for a risk area, fever or symptoms, contact with risk areas or cases. */
export function flagsOf(d: DeclarationView | null): Flag[] {
  if (!d) return [];
  const flags: Flag[] = [];
  if (d.whereabouts === 'left' && (d.destinationRisk === 'high' || d.destinationRisk === 'medium')) flags.push('risk_destination');
  if (d.health === 'fever') flags.push('fever');
  if (d.health === 'symptoms') flags.push('symptoms');
  if (d.riskContact) flags.push('risk_contact');
  return flags;
}

/** The declaration normalised: fields that do not apply (a destination when one stayed) are dropped. */
export function normalise(input: TDeclarationInput): DeclarationView {
  const left = input.whereabouts === 'left';
  return {
    whereabouts: input.whereabouts,
    destination: left ? input.destination ?? null : null,
    leftOn: left ? input.leftOn ?? null : null,
    returnOn: left ? input.returnOn ?? null : null,
    destinationRisk: left ? input.destinationRisk ?? null : null,
    health: input.health,
    symptoms: input.health === 'symptoms' ? input.symptoms ?? null : null,
    riskContact: input.riskContact,
    contactText: input.riskContact ? input.contactText ?? null : null,
  };
}

export function declarationOf(e: EntryRow): DeclarationView | null {
  if (!e.declared_at || !e.whereabouts || !e.health) return null;
  return {
    whereabouts: e.whereabouts as DeclarationView['whereabouts'], destination: e.destination, leftOn: e.left_on, returnOn: e.return_on,
    destinationRisk: e.destination_risk as DeclarationView['destinationRisk'], health: e.health as DeclarationView['health'],
    symptoms: e.symptoms, riskContact: e.risk_contact === 1, contactText: e.contact_text,
  };
}

export function columnsOf(d: DeclarationView): Partial<EntryRow> {
  return {
    whereabouts: d.whereabouts, destination: d.destination, left_on: d.leftOn, return_on: d.returnOn, destination_risk: d.destinationRisk,
    health: d.health, symptoms: d.symptoms, risk_contact: d.riskContact ? 1 : 0, contact_text: d.contactText,
    flagged: flagsOf(d).length > 0 ? 1 : 0,
  };
}

export function sameDeclaration(a: DeclarationView | null, b: DeclarationView): boolean {
  return !!a && JSON.stringify(a) === JSON.stringify(b);
}

export function entryView(e: EntryJoinedRow, cipher: FieldCipher): EntryView {
  const declaration = declarationOf(e);
  return {
    id: e.id, personId: e.person_id, name: e.name, phoneMasked: e.phone_enc ? maskPhone(cipher.decrypt(e.phone_enc)) : null,
    declared: !!e.declared_at, declaredAt: e.declared_at, declaredVia: e.declared_via as EntryView['declaredVia'], declaredBy: e.declared_by,
    declaration, flags: flagsOf(declaration), version: e.version, remindedAt: e.reminded_at,
  };
}

export function historyView(h: HistoryRow): HistoryView {
  return {
    version: h.version, declaration: JSON.parse(h.data) as DeclarationView, declaredAt: h.declared_at,
    declaredVia: h.declared_via as HistoryView['declaredVia'], declaredBy: h.declared_by,
  };
}
