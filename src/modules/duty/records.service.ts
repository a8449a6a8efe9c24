import { recordAudit } from '../../platform/audit.ts';
import { shanghaiDay } from '../../platform/clock.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { requirePermission, type Actor } from '../../platform/policy.ts';
import { writeSheet, type Lang, type SheetFormat, type TransferColumn } from '../../platform/transfer/index.ts';
import type { HoursView, NoteView, PersonHoursRow, THoursQuery, TNoteInput, TNoteListQuery, UnitHoursRow } from './attendance.schema.ts';
import { AttendanceRepository, type NoteRow, type ServiceRow } from './attendance.repository.ts';
import { refNotFound, ruleInvalid, type DutyDeps } from './duty.deps.ts';
import { attendedMs, MS } from './roster.rules.ts';

const PERSON_COLUMNS: TransferColumn[] = [
  { key: 'personName', zh: '姓名', en: 'Name' },
  { key: 'unitName', zh: '单位', en: 'Unit' },
  { key: 'assigned', zh: '排班数', en: 'Shifts held' },
  { key: 'attended', zh: '到岗数', en: 'Shifts attended' },
  { key: 'late', zh: '迟到次数', en: 'Late' },
  { key: 'missed', zh: '缺勤次数', en: 'Missed' },
  { key: 'hours', zh: '服务时长(小时)', en: 'Hours' },
];

const UNIT_COLUMNS: TransferColumn[] = [
  { key: 'unitName', zh: '单位', en: 'Unit' },
  { key: 'people', zh: '人数', en: 'People' },
  { key: 'assigned', zh: '排班数', en: 'Shifts held' },
  { key: 'attended', zh: '到岗数', en: 'Shifts attended' },
  { key: 'hours', zh: '服务时长(小时)', en: 'Hours' },
];

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Daily notes (每日反馈) and the service record (hours on duty) per person and per unit. */
export class RecordsService {
  constructor(private readonly deps: DutyDeps) {}

  /** One note per person per Shanghai day, written (or rewritten) that day; by the person or a duty manager. */
  async putNote(actor: Actor, input: TNoteInput): Promise<NoteView> {
    const scope = requirePermission(actor, 'duty.checkin');
    const now = this.deps.clock.now();
    const today = shanghaiDay(now);
    if (input.day && input.day !== today) throw ruleInvalid('day', 'duty.note_closed', 'only today\'s note can be written');
    const id = await this.deps.db.transaction().execute(async (trx) => {
      const repo = new AttendanceRepository(trx);
      const own = await repo.personOfAccount(actor.accountId);
      const personId = input.personId ?? own;
      if (!personId) throw new AppError('BAD_REQUEST', 'this account is not linked to a person', [{ path: 'personId', message: 'duty.no_person' }]);
      if (personId !== own) requirePermission(actor, 'duty.write');
      const person = await repo.person(personId, personId === own ? { kind: 'all' } : scope);
      if (!person) throw refNotFound('personId', 'person');
      const at = now.toISOString();
      const author = actor.accountId || null;
      const existing = (input.id ? await repo.findNote(input.id) : undefined) ?? (await repo.noteOf(personId, today));
      if (existing && (existing.person_id !== personId || existing.day !== today)) throw ruleInvalid('day', 'duty.note_closed', 'that note is closed');
      const noteId = existing?.id ?? input.id ?? newId();
      if (existing) {
        if (existing.content === input.content) return existing.id;
        await repo.updateNote(existing.id, input.content, author, at);
      } else {
        await repo.insertNote({ id: noteId, person_id: personId, day: today, content: input.content, author_id: author, created_at: at, updated_at: at });
      }
      await recordAudit(trx, this.deps.clock, actor, {
        action: existing ? 'duty_note.update' : 'duty_note.create', entityType: 'duty_note', entityId: noteId, scopePath: person.home_path,
        details: { personId, day: today, length: input.content.length },
      });
      return noteId;
    });
    const row = await new AttendanceRepository(this.deps.db).findNote(id);
    if (!row) throw notFound('note');
    return noteView(row, today);
  }

  /** The day's notes of people in reach (the "work group" feed); `mine=1`: the account's own recent notes. */
  async listNotes(actor: Actor, query: TNoteListQuery): Promise<NoteView[]> {
    const scope = requirePermission(actor, 'duty.read');
    const repo = new AttendanceRepository(this.deps.db);
    const today = shanghaiDay(this.deps.clock.now());
    if (query.mine === '1') {
      const own = await repo.personOfAccount(actor.accountId);
      if (!own) return [];
      return (await repo.listNotes({ kind: 'all' }, { personId: own })).slice(0, 60).map((r) => noteView(r, today));
    }
    let nodePath: string | undefined;
    if (query.nodeId) {
      nodePath = await repo.nodePath(query.nodeId);
      if (!nodePath) return [];
    }
    const day = query.day ?? (query.personId ? undefined : today);
    return (await repo.listNotes(scope, { day, nodePath, personId: query.personId })).map((r) => noteView(r, today));
  }

  /** Hours on duty from check-in/out pairs; a missing check-out counts until the shift's end. */
  async hours(actor: Actor, query: THoursQuery): Promise<HoursView> {
    const scope = requirePermission(actor, 'duty.read');
    const repo = new AttendanceRepository(this.deps.db);
    let nodePath: string | undefined;
    if (query.nodeId) {
      nodePath = await repo.nodePath(query.nodeId);
      if (!nodePath) throw refNotFound('nodeId', 'node');
    }
    const rows = await repo.service(scope, { fromDay: query.from, toDay: query.to, nodePath, unitId: query.unitId, personId: query.personId });
    const { people, units } = summarise(rows, this.deps.clock.now().getTime());
    return {
      from: query.from, to: query.to, groupBy: query.groupBy, people, units,
      totalHours: round2(people.reduce((sum, p) => sum + p.hours, 0)),
    };
  }

  /**
   * The service record as XLSX or CSV. Checks and queries first, so a refusal is a proper error response;
   * the returned writer then streams the sheet into `out`.
   */
  async prepareHoursExport(actor: Actor, query: THoursQuery, lang: Lang): Promise<(format: SheetFormat, out: NodeJS.WritableStream) => Promise<number>> {
    requirePermission(actor, 'duty.read');
    requirePermission(actor, 'data.export');
    const view = await this.hours(actor, query);
    const none = lang === 'en' ? '(no unit)' : '（无单位）';
    const rows = query.groupBy === 'unit'
      ? view.units.map((u) => ({ ...u, unitName: u.unitName ?? none }))
      : view.people.map((p) => ({ ...p, unitName: p.unitName ?? '' }));
    const columns = query.groupBy === 'unit' ? UNIT_COLUMNS : PERSON_COLUMNS;
    return async (format, out) => (await writeSheet(columns, rows, format, { lang, out, sheetName: lang === 'en' ? 'Service hours' : '服务时长' })).rows;
  }
}

function summarise(rows: ServiceRow[], nowMs: number): { people: PersonHoursRow[]; units: UnitHoursRow[] } {
  const people = new Map<string, PersonHoursRow & { ms: number }>();
  for (const r of rows) {
    const p = people.get(r.person_id) ?? {
      personId: r.person_id, personName: r.person_name, unitId: r.unit_id, unitName: r.unit_name,
      assigned: 0, attended: 0, late: 0, missed: 0, hours: 0, ms: 0,
    };
    p.assigned++;
    if (r.att_in) {
      p.attended++;
      if ((r.att_late ?? 0) > 0) p.late++;
      p.ms += attendedMs(Date.parse(r.att_in), r.att_out ? Date.parse(r.att_out) : null, Date.parse(r.ends_at), nowMs);
    } else if (Date.parse(r.ends_at) <= nowMs) {
      p.missed++;
    }
    people.set(r.person_id, p);
  }
  const personRows = [...people.values()].map(({ ms, ...p }) => ({ ...p, hours: round2(ms / MS.HOUR) }));
  const units = new Map<string, UnitHoursRow>();
  for (const p of personRows) {
    const key = p.unitId ?? '';
    const u = units.get(key) ?? { unitId: p.unitId, unitName: p.unitName, people: 0, assigned: 0, attended: 0, hours: 0 };
    u.people++;
    u.assigned += p.assigned;
    u.attended += p.attended;
    u.hours = round2(u.hours + p.hours);
    units.set(key, u);
  }
  return {
    people: personRows.sort((a, b) => b.hours - a.hours || a.personName.localeCompare(b.personName, 'zh')),
    units: [...units.values()].sort((a, b) => b.hours - a.hours || (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh')),
  };
}

function noteView(r: NoteRow, today: string): NoteView {
  return {
    id: r.id, personId: r.person_id, personName: r.person_name, day: r.day, content: r.content, editable: r.day === today,
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}
