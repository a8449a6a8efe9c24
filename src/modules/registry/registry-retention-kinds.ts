import { sql, type ExpressionBuilder } from 'kysely';
import type { Executor } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';
import { subtreeEnd } from '../../platform/policy.ts';

// Retention of the capabilities beside the registry: arrivals (outsiders), staff declarations, door-to-door
// screening visits and nucleic-acid case exposure. Each kind is cut off by the record's own date and picked only
// while it still holds personal data, so a second run finds nothing and the counts say what a run would change.

export interface KindSelection {
  /** The Shanghai day of `before` (YYYY-MM-DD): day columns compare with it. */
  day: string;
  /** UTC ISO instant of the start of that day: time columns compare with it. */
  cutoff: string;
  path?: string;
}

/** Records per place (a path; null when the record has no place, e.g. a unit without a node). */
export interface PathCount { path: string | null; n: number }

export const RETENTION_KINDS = ['arrivals', 'declarations', 'declarationVersions', 'screeningVisits', 'natCases'] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** Free-text fields of a declaration (entry columns and history JSON keys); the kinds and flags stay. */
const DECLARATION_TEXT = ['destination', 'left_on', 'return_on', 'symptoms', 'contact_text'] as const;
const DECLARATION_TEXT_KEYS = ['destination', 'leftOn', 'returnOn', 'symptoms', 'contactText'] as const;
/** Marks a case exposure already reduced to counts. */
const ANONYMISED_EXPOSURE = '"anonymised":true';
const ANONYMOUS = '某某';

const inSubtree = (column: string, path: string | undefined) => (eb: ExpressionBuilder<any, any>) =>
  (path ? eb.and([eb(column, '>=', path), eb(column, '<', subtreeEnd(path))]) : sql<boolean>`1 = 1`);

const counted = (rows: Array<{ path: string | null; n: number | string | bigint }>): PathCount[] =>
  rows.map((r) => ({ path: r.path, n: Number(r.n) }));

export class RetentionKindsRepository {
  constructor(private readonly ex: Executor) {}

  // ---- arrivals (outsiders): name, document and phone numbers, stay and notes text go; level, dates and measures stay

  private arrivals(s: KindSelection) {
    return this.ex.selectFrom('arrivals as a')
      .where('a.arrival_date', '<', s.day).where(inSubtree('a.scope_path', s.path))
      .where((eb) => eb.or([
        eb('a.name', '!=', ANONYMOUS), eb('a.id_number_enc', 'is not', null), eb('a.id_number_hash', 'is not', null),
        eb('a.phone_enc', 'is not', null), eb('a.phone_hash', 'is not', null), eb('a.notes', 'is not', null), eb('a.stay_text', 'is not', null),
      ]));
  }

  async countArrivals(s: KindSelection): Promise<PathCount[]> {
    return counted(await this.arrivals(s).select(['a.scope_path as path']).select((eb) => eb.fn.countAll().as('n')).groupBy('a.scope_path').execute());
  }

  async anonymiseArrivals(s: KindSelection, at: string): Promise<void> {
    const ids = this.arrivals(s).select('a.id');
    // Why a measure was adjusted is free text about the person; its kind and dates stay for the counts.
    await this.ex.updateTable('arrival_measures').set({ reason: null }).where('arrival_id', 'in', ids).where('reason', 'is not', null).execute();
    await this.ex.updateTable('arrivals')
      .set({ name: ANONYMOUS, id_number_enc: null, id_number_hash: null, phone_enc: null, phone_hash: null, notes: null, stay_text: null, updated_at: at })
      .where('id', 'in', ids).execute();
  }

  // ---- staff declarations: the whereabouts and health text goes; declared, kinds and flags stay

  private declarationCampaigns(s: KindSelection) {
    return this.ex.selectFrom('declaration_entries as e')
      .innerJoin('declaration_campaigns as c', 'c.id', 'e.campaign_id')
      .innerJoin('units as u', 'u.id', 'e.unit_id')
      .leftJoin('jurisdiction_nodes as n', 'n.id', 'u.node_id')
      .where('c.ends_on', '<', s.day).where(inSubtree('n.path', s.path));
  }

  private declarationEntries(s: KindSelection) {
    return this.declarationCampaigns(s).where((eb) => eb.or(DECLARATION_TEXT.map((c) => eb(`e.${c}`, 'is not', null))));
  }

  async countDeclarations(s: KindSelection): Promise<PathCount[]> {
    return counted(await this.declarationEntries(s).select(['n.path as path']).select((eb) => eb.fn.countAll().as('n')).groupBy('n.path').execute());
  }

  /** Earlier versions still holding free text; the JSON is read here (both dialects store it as text). */
  private async declarationVersions(s: KindSelection): Promise<Array<{ id: string; path: string | null; data: Record<string, unknown> }>> {
    const rows = await this.declarationCampaigns(s).innerJoin('declaration_history as h', 'h.entry_id', 'e.id')
      .select(['h.id', 'h.data', 'n.path as path']).execute();
    return rows.map((r) => ({ id: r.id, path: r.path, data: JSON.parse(r.data) as Record<string, unknown> }))
      .filter((r) => DECLARATION_TEXT_KEYS.some((k) => r.data[k] !== null && r.data[k] !== undefined));
  }

  async countDeclarationVersions(s: KindSelection): Promise<PathCount[]> {
    const byPath = new Map<string | null, number>();
    for (const r of await this.declarationVersions(s)) byPath.set(r.path, (byPath.get(r.path) ?? 0) + 1);
    return [...byPath].map(([path, n]) => ({ path, n }));
  }

  async anonymiseDeclarations(s: KindSelection, at: string): Promise<void> {
    for (const r of await this.declarationVersions(s)) {
      const data = { ...r.data, ...Object.fromEntries(DECLARATION_TEXT_KEYS.map((k) => [k, null])) };
      await this.ex.updateTable('declaration_history').set({ data: JSON.stringify(data) }).where('id', '=', r.id).execute();
    }
    await this.ex.updateTable('declaration_entries')
      .set({ ...Object.fromEntries(DECLARATION_TEXT.map((c) => [c, null])), updated_at: at })
      .where('id', 'in', this.declarationEntries(s).select('e.id')).execute();
  }

  // ---- screening visits: temperatures, symptoms, travel origin and notes go; outcomes and counts stay

  private visitsInPlace(s: KindSelection) {
    return this.ex.selectFrom('screening_visits as v').innerJoin('jurisdiction_nodes as h', 'h.id', 'v.household_id')
      .where('v.visited_at', '<', s.cutoff).where(inSubtree('h.path', s.path));
  }

  private personDetails(eb: ExpressionBuilder<DB & { p: DB['screening_visit_people'] }, 'p'>) {
    return eb.or([eb('p.temperature', 'is not', null), eb('p.symptoms', '!=', '[]'), eb('p.travel_from', 'is not', null)]);
  }

  async countScreeningVisits(s: KindSelection): Promise<PathCount[]> {
    const rows = await this.visitsInPlace(s)
      .where((eb) => eb.or([
        eb('v.note', 'is not', null),
        eb.exists(eb.selectFrom('screening_visit_people as p').select('p.visit_id').whereRef('p.visit_id', '=', 'v.id').where((p) => this.personDetails(p))),
      ]))
      .select(['h.path as path']).select((eb) => eb.fn.countAll().as('n')).groupBy('h.path').execute();
    return counted(rows);
  }

  async anonymiseScreeningVisits(s: KindSelection): Promise<void> {
    const visits = this.visitsInPlace(s).select('v.id');
    // `symptomatic` stays: the tabulation and the visit's own counts still add up.
    await this.ex.updateTable('screening_visit_people as p').set({ temperature: null, symptoms: '[]', travel_from: null })
      .where('p.visit_id', 'in', visits).where((eb) => this.personDetails(eb)).execute();
    await this.ex.updateTable('screening_visits').set({ note: null }).where('id', 'in', visits).where('note', 'is not', null).execute();
  }

  // ---- nucleic-acid cases: the exposure snapshot (names, masked phones) becomes counts

  private cases(s: KindSelection) {
    return this.ex.selectFrom('nat_cases as c')
      .where('c.detected_at', '<', s.cutoff).where(inSubtree('c.node_path', s.path))
      .where(sql<boolean>`c.exposure not like ${`%${ANONYMISED_EXPOSURE}%`}`);
  }

  async countNatCases(s: KindSelection): Promise<PathCount[]> {
    return counted(await this.cases(s).select(['c.node_path as path']).select((eb) => eb.fn.countAll().as('n')).groupBy('c.node_path').execute());
  }

  async anonymiseNatCases(s: KindSelection): Promise<void> {
    for (const c of await this.cases(s).select(['c.id', 'c.exposure']).execute()) {
      const e = JSON.parse(c.exposure) as { household?: unknown[]; staff?: unknown[]; siteName?: string | null; deskName?: string | null; sampledAt?: string };
      // The shape the case view reads stays (empty lists), with how many people were exposed.
      const reduced = {
        anonymised: true, householdCount: e.household?.length ?? 0, staffCount: e.staff?.length ?? 0,
        household: [], staff: [], siteName: e.siteName ?? null, deskName: e.deskName ?? null, sampledAt: e.sampledAt ?? null,
      };
      await this.ex.updateTable('nat_cases').set({ exposure: JSON.stringify(reduced) }).where('id', '=', c.id).execute();
    }
  }

  // ---- counting per community

  /** Communities and villages (few): a record's community is the one whose id is on the record's path. */
  async communities(): Promise<Map<string, string>> {
    const rows = await this.ex.selectFrom('jurisdiction_nodes').select(['id', 'name']).where('level_code', 'in', ['community', 'village']).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async countAll(s: KindSelection): Promise<Record<RetentionKind, PathCount[]>> {
    return {
      arrivals: await this.countArrivals(s),
      declarations: await this.countDeclarations(s),
      declarationVersions: await this.countDeclarationVersions(s),
      screeningVisits: await this.countScreeningVisits(s),
      natCases: await this.countNatCases(s),
    };
  }

  async anonymiseAll(s: KindSelection, at: string): Promise<void> {
    await this.anonymiseArrivals(s, at);
    await this.anonymiseDeclarations(s, at);
    await this.anonymiseScreeningVisits(s);
    await this.anonymiseNatCases(s);
  }
}
