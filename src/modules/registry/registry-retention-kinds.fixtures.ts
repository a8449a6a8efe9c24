import type { FieldCipher } from '../../platform/crypto/field-cipher.ts';
import type { Executor } from '../../platform/db/database.ts';
import { newId } from '../../platform/ids.ts';

// Records of the capabilities beside the registry, written straight into their tables (the retention run reads
// and rewrites those tables, whatever wrote them): one place = a household with its community's compound.

export interface Place { household: string; householdPath: string; compound: string; compoundPath: string; resident: string }

const T0 = '2026-02-21T08:00:00.000Z';

export function seeder(db: Executor, cipher: FieldCipher) {
  async function arrival(p: Place, day: string, extra: { stayText?: string } = {}) {
    const id = newId();
    await db.insertInto('arrivals').values({
      id, name: `来访${day}`, id_type: 'id_card', id_number_enc: cipher.encrypt(`44052419800101${day.slice(-2)}14`),
      id_number_hash: cipher.blindIndex(`44052419800101${day.slice(-2)}14`, 'id_number'), phone_enc: cipher.encrypt('13912345678'),
      phone_hash: cipher.blindIndex('13912345678', 'phone'), from_region: '湖北省武汉市', risk_level: 'high', arrival_date: day,
      stay_node_id: extra.stayText ? null : p.household, stay_text: extra.stayText ?? null,
      scope_node_id: extra.stayText ? p.compound : p.household, scope_path: extra.stayText ? p.compoundPath : p.householdPath,
      registered_via: 'checkpoint', checkpoint_name: '高速卡口', resident_id: null, rule_version_id: null, notes: '同行家属两人，电话另记',
      created_by: 'admin', created_at: T0, updated_at: T0,
    }).execute();
    await db.insertInto('arrival_measures').values({
      id: newId(), arrival_id: id, resident_id: null, node_path: extra.stayText ? null : p.householdPath,
      scope_path: extra.stayText ? p.compoundPath : p.householdPath, kind: 'home_isolation', starts_on: day, ends_on: day,
      test_days: null, status: 'done', proposed_kind: 'central_isolation', proposed_starts_on: day, proposed_ends_on: day,
      reason: '孕妇，改居家隔离', seq: 1, confirmed_by: 'admin', confirmed_at: T0, closed_at: null, created_at: T0, updated_at: T0,
    }).execute();
    return id;
  }

  async function unit(p: Place, name: string) {
    const id = newId();
    await db.insertInto('units').values({ id, name, kind: 'enterprise', node_id: p.compound, created_at: T0, updated_at: T0 }).execute();
    const person = newId();
    await db.insertInto('people').values({
      id: person, name: `${name}职工`, sex: null, political_status: 'masses', category: 'staff', unit_id: id, branch_id: null,
      home_node_id: null, phone_enc: null, phone_hash: null, id_number_enc: null, id_number_hash: null, skills: '[]', created_at: T0, updated_at: T0,
    }).execute();
    return { unit: id, person };
  }

  /** A campaign ending on `endsOn` with one declared entry (left for a risk area, symptoms, contact) and one earlier version. */
  async function declaration(u: { unit: string; person: string }, endsOn: string) {
    const campaign = newId();
    await db.insertInto('declaration_campaigns').values({
      id: campaign, unit_id: u.unit, title: '春节期间人员动向', starts_on: '2026-06-01', ends_on: endsOn, status: 'closed', note: null,
      created_by: 'admin', created_at: T0, updated_at: T0,
    }).execute();
    const entry = newId();
    await db.insertInto('declaration_entries').values({
      id: entry, campaign_id: campaign, unit_id: u.unit, person_id: u.person, token_hash: newId(), token_enc: cipher.encrypt(newId()),
      declared_at: T0, declared_via: 'link', declared_by: null, whereabouts: 'left', destination: '湖北省武汉市江汉区姑妈家',
      left_on: '2026-06-02', return_on: '2026-06-09', destination_risk: 'high', health: 'symptoms', symptoms: '咳嗽两天',
      risk_contact: 1, contact_text: '与确诊病例同乘K123次列车', flagged: 1, version: 2, reminded_at: null, created_at: T0, updated_at: T0,
    }).execute();
    await db.insertInto('declaration_history').values({
      id: newId(), entry_id: entry, version: 1, declared_at: T0, declared_via: 'link', declared_by: null,
      data: JSON.stringify({
        whereabouts: 'left', destination: '湖北省武汉市', leftOn: '2026-06-02', returnOn: null, destinationRisk: 'high',
        health: 'normal', symptoms: null, riskContact: false, contactText: null,
      }),
    }).execute();
    return entry;
  }

  async function screeningCampaign(p: Place) {
    const campaign = newId();
    await db.insertInto('screening_campaigns').values({
      id: campaign, name: '入户排查', node_id: p.compound, node_path: p.compoundPath, start_date: '2026-06-01', end_date: '2026-07-05',
      record_temperature: 1, record_symptoms: 1, record_travel: 1, fever_threshold: 37.3, notes: null, status: 'open',
      created_by: null, created_at: T0, updated_at: T0,
    }).execute();
    const task = newId();
    await db.insertInto('screening_tasks').values({ id: task, campaign_id: campaign, node_id: p.compound, node_path: p.compoundPath, households_total: 1, created_at: T0 }).execute();
    return { campaign, task };
  }

  /** A visit at `visitedAt` (ISO UTC) seeing the place's resident with a fever, a cough and a journey. */
  async function visit(p: Place, c: { campaign: string; task: string }, visitedAt: string) {
    const id = newId();
    await db.insertInto('screening_visits').values({
      id, campaign_id: c.campaign, task_id: c.task, household_id: p.household, outcome: 'visited', visited_at: visitedAt,
      actor_id: null, actor_name: '网格员', note: '老人独居，女儿电话13700001111', people_present: 1, symptomatic: 1, arrivals: 1, needs_found: 0, new_people: 0,
    }).execute();
    await db.insertInto('screening_visit_people').values({
      visit_id: id, resident_id: p.resident, temperature: 37.9, symptoms: '["cough","fever"]', symptomatic: 1,
      travel_from: '湖北省武汉市', arrival_date: '2026-06-20', is_new: 0, needs_added: '[]',
    }).execute();
    return id;
  }

  async function natRound(nodeId: string, nodePath: string) {
    const round = newId();
    await db.insertInto('nat_rounds').values({
      id: round, name: '第三轮全员核酸检测', number: 3, node_id: nodeId, node_path: nodePath, starts_on: '2026-06-28', ends_on: '2026-07-01',
      pool_size: 10, bag_size: 20, certificate_valid_hours: 48, required_rule: '{}', status: 'open', roster_built_at: null,
      created_by: null, created_at: T0, updated_at: T0,
    }).execute();
    return round;
  }

  /** A positive case detected at `detectedAt` whose exposure names two household members and one sampler. */
  async function natCase(p: Place, round: string, detectedAt: string) {
    const tube = newId();
    await db.insertInto('nat_tubes').values({
      id: tube, round_id: round, barcode: tube, site_id: null, desk_id: null, source: 'desk', capacity: 1, status: 'handed_over',
      sample_count: 1, bag_id: null, result: 'positive', result_at: detectedAt, opened_by: null, opened_at: T0, closed_at: null,
    }).execute();
    const id = newId();
    const exposure = {
      household: [
        { residentId: newId(), name: '接触甲', relation: 'spouse', phoneMasked: '138****1111' },
        { residentId: newId(), name: '接触乙', relation: 'child', phoneMasked: null },
      ],
      staff: [{ personId: newId(), name: '采样员丙', role: 'sampler', deskName: '3号采样台', fromAt: null, toAt: null, phoneMasked: '139****2222' }],
      siteName: '东门广场', deskName: '3号采样台', sampledAt: detectedAt,
    };
    await db.insertInto('nat_cases').values({
      id, round_id: round, resident_id: p.resident, tube_id: tube, household_id: p.household, node_path: p.householdPath,
      detected_at: detectedAt, exposure: JSON.stringify(exposure), status: 'open', created_at: detectedAt,
    }).execute();
    return id;
  }

  return { arrival, unit, declaration, screeningCampaign, visit, natRound, natCase };
}
