import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Executor } from '../../platform/db/database.ts';
import { maskPhone } from '../../platform/id-number.ts';
import type { CaseExposure, ExposureStaff } from './results.schema.ts';
import type { MemberRow } from './results.repository.ts';

// Who a positive single tube touched: the person's household and the staff who worked that desk (or the whole
// site) at the hour the sample was taken. A snapshot stored with the case, so later staff edits do not rewrite it.

const masked = (cipher: FieldCipher, enc: string | null): string | null => (enc ? maskPhone(cipher.decrypt(enc)) : null);

export async function buildExposure(ex: Executor, cipher: FieldCipher, roundId: string, sample: MemberRow): Promise<CaseExposure> {
  const householdRows = await ex.selectFrom('residents')
    .select(['id', 'name', 'relation', 'phone_enc'])
    .where('household_id', '=', sample.household_id).where('status', '=', 'active')
    .where('id', '!=', sample.resident_id).orderBy('id').execute();
  const household = householdRows.map((r) => ({ residentId: r.id, name: r.name, relation: r.relation, phoneMasked: masked(cipher, r.phone_enc) }));

  const staff: ExposureStaff[] = [];
  let siteName: string | null = null;
  let deskName: string | null = null;
  if (sample.site_id) {
    const site = await ex.selectFrom('nat_sites').select('name').where('id', '=', sample.site_id).executeTakeFirst();
    siteName = site?.name ?? null;
    if (sample.desk_id) {
      const desk = await ex.selectFrom('nat_desks').select('name').where('id', '=', sample.desk_id).executeTakeFirst();
      deskName = desk?.name ?? null;
    }
    // Desk staff of that desk, and site-wide roles (no desk: site lead, guides), whose span covers the sample
    // time; a person without a span worked the whole opening hours.
    const rows = await ex.selectFrom('nat_site_staff as st')
      .innerJoin('people as p', 'p.id', 'st.person_id')
      .leftJoin('nat_desks as d', 'd.id', 'st.desk_id')
      .select(['st.person_id', 'st.role', 'st.from_at', 'st.to_at', 'p.name', 'p.phone_enc', 'd.name as desk_name'])
      .where('st.round_id', '=', roundId).where('st.site_id', '=', sample.site_id)
      .where((eb) => (sample.desk_id
        ? eb.or([eb('st.desk_id', '=', sample.desk_id), eb('st.desk_id', 'is', null)])
        : eb('st.desk_id', 'is', null)))
      .where((eb) => eb.or([
        eb.and([eb('st.from_at', 'is', null), eb('st.to_at', 'is', null)]),
        eb.and([
          eb.or([eb('st.from_at', 'is', null), eb('st.from_at', '<=', sample.sampled_at)]),
          eb.or([eb('st.to_at', 'is', null), eb('st.to_at', '>=', sample.sampled_at)]),
        ]),
      ]))
      .orderBy('st.role').orderBy('p.name').execute();
    for (const r of rows) {
      staff.push({
        personId: r.person_id, name: r.name, role: r.role, deskName: r.desk_name ?? null,
        fromAt: r.from_at, toAt: r.to_at, phoneMasked: masked(cipher, r.phone_enc),
      });
    }
  }
  if (sample.door_task_id) {
    // Sampled at the door: the person the task was assigned to went in.
    const task = await ex.selectFrom('nat_door_tasks as t').innerJoin('people as p', 'p.id', 't.assignee_person_id')
      .select(['p.id', 'p.name', 'p.phone_enc']).where('t.id', '=', sample.door_task_id).executeTakeFirst();
    if (task && !staff.some((s) => s.personId === task.id)) {
      staff.push({ personId: task.id, name: task.name, role: 'door_sampler', deskName: null, fromAt: null, toAt: null, phoneMasked: masked(cipher, task.phone_enc) });
    }
  }
  return { household, staff, siteName, deskName, sampledAt: sample.sampled_at };
}
