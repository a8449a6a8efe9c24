// Pass 2 of the resident import: the spooled valid rows, a batch per transaction. A row is matched to the
// resident it describes by natural key — the document number's blind index, else (household, name, birth
// date) — so the same sheet again changes nothing (no updated_at bump, no event) and an updated sheet updates.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { shanghaiDay, type Clock } from '../../platform/clock.ts';
import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Db } from '../../platform/db/database.ts';
import type { ResidentEventTable, ResidentTable } from '../../platform/db/tables/registry.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/policy.ts';
import { ResidentImportRepository } from './registry-import.repository.ts';
import { HouseholdResolver } from './registry-import.places.ts';
import type { StagedRow } from './registry-import.validate.ts';

export interface WriteCounts {
  written: number;
  created: number;
  updated: number;
  /** Of the updated: residents whose household changed (a 'moved' event each). */
  moved: number;
  unchanged: number;
  householdsCreated: number;
}

export const IMPORT_BATCH = 5000;

export async function writePass(
  spooled: string,
  ctx: { db: Db; clock: Clock; cipher: FieldCipher; actor: Actor; counts: WriteCounts; reason: string; batchSize?: number },
): Promise<void> {
  const at = ctx.clock.now().toISOString();
  const households = new HouseholdResolver(at);
  const size = ctx.batchSize ?? IMPORT_BATCH;
  let batch: StagedRow[] = [];
  const lines = createInterface({ input: createReadStream(spooled, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    batch.push(JSON.parse(line) as StagedRow);
    if (batch.length >= size) {
      await writeBatch(batch, households, at, ctx);
      batch = [];
    }
  }
  if (batch.length > 0) await writeBatch(batch, households, at, ctx);
  ctx.counts.householdsCreated = households.created;
}

const hhKey = (parentId: string, name: string) => `${parentId}\u0000${name}`;
const personKey = (householdId: string, name: string, birthDate: string | null) => `${householdId}\u0000${name}\u0000${birthDate ?? ''}`;

async function writeBatch(
  rows: StagedRow[], households: HouseholdResolver, at: string,
  ctx: { db: Db; cipher: FieldCipher; actor: Actor; counts: WriteCounts; reason: string; clock: Clock },
): Promise<void> {
  const { cipher, counts } = ctx;
  const today = shanghaiDay(new Date(at));
  await ctx.db.transaction().execute(async (trx) => {
    const repo = new ResidentImportRepository(trx);
    const homes = await households.resolve(repo, rows.map((r) => ({ parentId: r.parentId, parentPath: r.parentPath, name: r.household })));
    const householdOf = (r: StagedRow) => homes.get(hhKey(r.parentId, r.household))!;
    counts.householdsCreated = households.created;

    const byHash = new Map<string, ResidentTable>();
    for (const e of await repo.activeByIdHash(rows.flatMap((r) => (r.idHash ? [r.idHash] : [])))) if (e.id_number_hash) byHash.set(e.id_number_hash, e);
    const byPerson = new Map<string, ResidentTable>();
    const noIdHomes = [...new Set(rows.filter((r) => !r.idHash).map(householdOf))];
    for (const e of await repo.activeWithoutIdIn(noIdHomes)) byPerson.set(personKey(e.household_id, e.name, e.birth_date), e);
    const matched = new Map<StagedRow, ResidentTable>();
    for (const r of rows) {
      const e = r.idHash ? byHash.get(r.idHash) : byPerson.get(personKey(householdOf(r), r.name, r.birthDate));
      if (e) matched.set(r, e);
    }
    const needs = new Map<string, Map<string, string | null>>();
    for (const n of await repo.needsOf([...matched.values()].map((e) => e.id))) {
      let m = needs.get(n.resident_id);
      if (!m) needs.set(n.resident_id, (m = new Map()));
      m.set(n.kind, n.note);
    }

    const inserts: ResidentTable[] = [];
    const newNeeds: Array<{ resident_id: string; kind: string; note: string | null }> = [];
    const events: ResidentEventTable[] = [];
    const replacedNeeds: string[] = [];
    const event = (residentId: string, kind: string, from: string | null, to: string | null): ResidentEventTable => ({
      id: newId(), resident_id: residentId, kind, from_household_id: from, to_household_id: to, on_date: today,
      reason: kind === 'registered' ? null : ctx.reason, actor_id: ctx.actor.accountId || null, actor_name: ctx.actor.username, at,
    });
    for (const r of rows) {
      const householdId = householdOf(r);
      const e = matched.get(r);
      if (!e) {
        const id = newId();
        inserts.push({
          id, household_id: householdId, name: r.name, sex: r.sex, birth_date: r.birthDate,
          birth_year: r.birthDate ? Number(r.birthDate.slice(0, 4)) : null, id_type: r.idType,
          id_number_enc: r.idNumber ? cipher.encrypt(r.idNumber) : null, id_number_hash: r.idHash,
          phone_enc: r.phone ? cipher.encrypt(r.phone) : null, phone_hash: r.phone ? cipher.blindIndex(r.phone, 'phone') : null,
          relation: r.relation ?? 'other', residence_type: r.residenceType ?? 'permanent', status: 'active', status_date: null,
          notes: r.notes ?? null, anonymised_at: null, created_at: at, updated_at: at,
        });
        for (const kind of r.needs ?? []) newNeeds.push({ resident_id: id, kind, note: null });
        events.push(event(id, 'registered', null, householdId));
        counts.created++;
        continue;
      }
      const patch = diff(r, e, householdId, cipher);
      const current = needs.get(e.id) ?? new Map<string, string | null>();
      const needsChanged = r.needs !== undefined && (r.needs.length !== current.size || r.needs.some((k) => !current.has(k)));
      if (needsChanged) {
        replacedNeeds.push(e.id);
        // Notes of needs that stay are kept: the sheet carries kinds only.
        for (const kind of r.needs!) newNeeds.push({ resident_id: e.id, kind, note: current.get(kind) ?? null });
      }
      if (Object.keys(patch).length === 0 && !needsChanged) { counts.unchanged++; continue; }
      await repo.updateResident(e.id, { ...patch, updated_at: at });
      if (patch.household_id) {
        events.push(event(e.id, 'moved', e.household_id, householdId));
        counts.moved++;
      }
      counts.updated++;
    }
    await repo.deleteNeeds(replacedNeeds);
    await repo.insertResidents(inserts);
    await repo.insertNeeds(newNeeds);
    await repo.insertEvents(events);
  });
  counts.written += rows.length;
}

/** Changed columns only; an empty cell never erases what is stored (a sheet often lacks some columns). */
function diff(r: StagedRow, e: ResidentTable, householdId: string, cipher: FieldCipher): Partial<ResidentTable> {
  const patch: Partial<ResidentTable> = {};
  if (householdId !== e.household_id) patch.household_id = householdId;
  if (r.name !== e.name) patch.name = r.name;
  if (r.sex && r.sex !== e.sex) patch.sex = r.sex;
  if (r.birthDate && r.birthDate !== e.birth_date) {
    patch.birth_date = r.birthDate;
    patch.birth_year = Number(r.birthDate.slice(0, 4));
  }
  if (r.phone) {
    const hash = cipher.blindIndex(r.phone, 'phone');
    if (hash !== e.phone_hash) Object.assign(patch, { phone_enc: cipher.encrypt(r.phone), phone_hash: hash });
  }
  if (r.relation && r.relation !== e.relation) patch.relation = r.relation;
  if (r.residenceType && r.residenceType !== e.residence_type) patch.residence_type = r.residenceType;
  if (r.notes && r.notes !== e.notes) patch.notes = r.notes;
  return patch;
}
