import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import { DAY, expectStatus, figures, reportsFixture, START, type ReportsFixture } from './reports.fixtures.ts';

// Submitting the day's figures or a zero report, by the 17:00 Shanghai deadline, and correcting them later.
describe('reports: submissions', () => {
  let f: ReportsFixture;
  let formId: string;
  beforeAll(async () => {
    f = await reportsFixture();
    formId = (await f.createForm(f.accounts.command)).id;
  });
  afterAll(async () => {
    await f.t.close();
  });

  it('rejects bad figures field by field', async () => {
    const r = await f.accounts.a.post('/api/reports/submissions', {
      formId, values: { volunteer_services: 2.5, help_given: 20000, anomaly: 'maybe', note: 'x'.repeat(501), extra: 1 },
    });
    expect(r.status).toBe(400);
    const paths = r.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['values.anomaly', 'values.close_contacts', 'values.extra', 'values.help_given', 'values.note', 'values.volunteer_services']);
    const negative = await f.accounts.a.post('/api/reports/submissions', { formId, values: figures(-1, 0) });
    expect(negative.body.error.details).toEqual([{ path: 'values.close_contacts', message: expect.any(String) }]);
    const badKey = await f.accounts.a.post('/api/reports/submissions', { formId, values: { 'Bad Key': 1 } });
    expect(badKey.status).toBe(400);
    expect(await f.t.ctx.database.db.selectFrom('report_submissions').selectAll().where('form_id', '=', formId).execute()).toHaveLength(0);
  });

  it('a report at 16:59 Shanghai is on time, one at 17:01 is late but accepted', async () => {
    f.clock.set('2026-02-21T08:59:00Z');
    const onTime = expectStatus(await f.accounts.a.post('/api/reports/submissions', { formId, values: figures(3, 12, 1, false, '无') }), 201, 'A');
    expect(onTime).toMatchObject({ day: DAY, late: false, isZero: false, revision: 1, reporterKind: 'node', nodeId: f.tree.communityA, reporterName: '幸福社区' });
    expect(onTime.values).toEqual(figures(3, 12, 1, false, '无'));
    f.clock.set('2026-02-21T09:01:00Z');
    const late = expectStatus(await f.accounts.b.post('/api/reports/submissions', { formId, values: figures(0, 4) }), 201, 'B');
    expect(late).toMatchObject({ day: DAY, late: true });
    const mine = expectStatus(await f.accounts.b.get('/api/reports/mine'), 200, 'mine');
    const item = mine.find((i: { form: { id: string } }) => i.form.id === formId);
    expect(item).toMatchObject({ day: DAY, status: 'late', overdue: false, deadlineAt: '2026-02-21T09:00:00.000Z' });
    const audit = (await f.audit('report.submit')).filter((a) => a.entity_id === late.id);
    expect(JSON.parse(audit[0].details)).toMatchObject({ formId, day: DAY, late: true });
  });

  it('the Shanghai day turns at 16:00Z: at 16:30Z on the 21st the report is for the 22nd', async () => {
    f.clock.set('2026-02-21T15:59:00Z'); // 23:59 in Shanghai: still the 21st, past the deadline
    const c = expectStatus(await f.accounts.c.get('/api/reports/mine'), 200, 'mine C');
    expect(c.find((i: { form: { id: string } }) => i.form.id === formId)).toMatchObject({ day: DAY, status: 'missing', overdue: true });
    f.clock.set('2026-02-21T16:30:00Z');
    const a = expectStatus(await f.accounts.a.get('/api/reports/mine'), 200, 'mine A');
    expect(a.find((i: { form: { id: string } }) => i.form.id === formId)).toMatchObject({ day: '2026-02-22', status: 'missing', overdue: false });
    const next = expectStatus(await f.accounts.a.post('/api/reports/submissions', { formId, values: figures(1, 1) }), 201, 'A 22nd');
    expect(next).toMatchObject({ day: '2026-02-22', late: false });
    const future = await f.accounts.a.post('/api/reports/submissions', { formId, day: '2026-02-23', values: figures(1, 1) });
    expect(future.status).toBe(400);
    expect(future.body.error.details.map((d: { path: string }) => d.path)).toEqual(['day']);
    // C's report for the 21st, made on the 22nd, is accepted and late.
    const overdue = expectStatus(await f.accounts.c.post('/api/reports/submissions', { formId, day: DAY, values: figures(0, 0) }), 201, 'C late');
    expect(overdue).toMatchObject({ day: DAY, late: true });
    f.clock.set(START);
  });

  it('a zero report (零报告) sets every figure to 0 and counts as submitted', async () => {
    const zero = expectStatus(await f.admin.post('/api/reports/submissions', { formId, nodeId: f.tree.communityD, zero: true, values: { close_contacts: 9 } }), 201, 'zero');
    expect(zero).toMatchObject({ isZero: true, late: false, values: figures(0, 0, 0, false, null) });
    expect((await f.audit('report.submit_zero')).some((a) => a.entity_id === zero.id)).toBe(true);
    const chase = expectStatus(await f.accounts.command.get(`/api/reports/chase?formId=${formId}&day=${DAY}`), 200, 'chase');
    expect(chase).toMatchObject({ expected: 4, submitted: 4, missingCount: 0, zeroCount: 1, lateCount: 2 });
  });

  it('a retried submission answers with the same report; a second report for the day conflicts', async () => {
    const id = newId();
    const body = { id, formId, nodeId: f.tree.communityA, day: '2026-02-20', values: figures(5, 5) };
    const first = expectStatus(await f.accounts.streetEast.post('/api/reports/submissions', body), 201, 'first');
    const retry = expectStatus(await f.accounts.streetEast.post('/api/reports/submissions', body), 201, 'retry');
    expect(retry).toEqual(first);
    const rows = await f.t.ctx.database.db.selectFrom('report_submissions').select('id').where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
    const again = await f.accounts.a.post('/api/reports/submissions', { formId, day: '2026-02-20', values: figures(6, 6) });
    expect(again.status).toBe(409);
    expect(again.body.error.details.map((d: { path: string }) => d.path)).toEqual(['formId']);
    // A street account reports for a community in its street, never for a street node (not a reporter of the form).
    const notReporter = await f.accounts.streetEast.post('/api/reports/submissions', { formId, nodeId: f.tree.street, values: figures(0, 0) });
    expect(notReporter.status).toBe(400);
    expect(notReporter.body.error.details.map((d: { path: string }) => d.path)).toEqual(['nodeId']);
  });

  it('corrections keep every revision; after the day only a manager corrects', async () => {
    f.clock.set(START);
    const made = expectStatus(await f.accounts.a.post('/api/reports/submissions', { formId, day: '2026-02-19', values: figures(2, 2) }), 201, 'made');
    const closed = await f.accounts.a.post(`/api/reports/submissions/${made.id}/corrections`, { values: figures(3, 3), reason: '漏报' });
    expect(closed.status).toBe(403);
    expect(closed.body.error.details.map((d: { path: string }) => d.path)).toEqual(['day']);

    const sameDay = (await f.t.ctx.database.db.selectFrom('report_submissions').select('id')
      .where('form_id', '=', formId).where('day', '=', DAY).where('node_id', '=', f.tree.communityA).executeTakeFirstOrThrow()).id;
    const noReason = await f.accounts.a.post(`/api/reports/submissions/${sameDay}/corrections`, { values: figures(4, 12) });
    expect(noReason.body.error.details.map((d: { path: string }) => d.path)).toEqual(['reason']);
    const revisionId = newId();
    const corrected = expectStatus(await f.accounts.a.post(`/api/reports/submissions/${sameDay}/corrections`, {
      id: revisionId, values: figures(4, 12, 1, false, '无'), reason: '复核后增加一名密接',
    }), 201, 'correct');
    expect(corrected).toMatchObject({ revision: 2, values: figures(4, 12, 1, false, '无'), late: false, canCorrect: true });
    expect(corrected.revisions.map((r: { revision: number; reason: string | null }) => [r.revision, r.reason])).toEqual([[2, '复核后增加一名密接'], [1, null]]);
    expect(corrected.revisions[1].values).toEqual(figures(3, 12, 1, false, '无'));
    const retried = expectStatus(await f.accounts.a.post(`/api/reports/submissions/${sameDay}/corrections`, {
      id: revisionId, values: figures(4, 12, 1, false, '无'), reason: '复核后增加一名密接',
    }), 201, 'retry correction');
    expect(retried.revision).toBe(2);

    // The next day the community may no longer correct the 21st; the command (reports.manage) may.
    f.clock.set('2026-02-22T02:00:00Z');
    expect((await f.accounts.a.get(`/api/reports/submissions/${sameDay}`)).body.canCorrect).toBe(false);
    expect((await f.accounts.a.post(`/api/reports/submissions/${sameDay}/corrections`, { values: figures(5, 12), reason: 'x' })).status).toBe(403);
    const byManager = expectStatus(await f.accounts.command.post(`/api/reports/submissions/${sameDay}/corrections`, {
      zero: true, reason: '经核实当日无情况',
    }), 201, 'manager');
    expect(byManager).toMatchObject({ revision: 3, isZero: true });
    const audit = (await f.audit('report.correct')).filter((a) => a.entity_id === sameDay);
    expect(audit.map((a) => a.actor_name)).toEqual(['sec_a', 'cmd']);
    const values = await f.t.ctx.database.db.selectFrom('report_values').selectAll().where('submission_id', '=', sameDay).orderBy('field_key').execute();
    expect(values.map((v) => [v.field_key, Number(v.value)])).toEqual([['anomaly', 0], ['close_contacts', 0], ['help_given', 0], ['volunteer_services', 0]]);
    f.clock.set(START);
  });

  it('lists a reporter\'s history, newest day first, page by page', async () => {
    const page1 = expectStatus(await f.accounts.a.get(`/api/reports/submissions?from=2026-02-01&to=2026-02-28&limit=2`), 200, 'page 1');
    expect(page1.items.map((s: { day: string }) => s.day)).toEqual(['2026-02-22', '2026-02-21']);
    const page2 = expectStatus(await f.accounts.a.get(`/api/reports/submissions?from=2026-02-01&to=2026-02-28&limit=2&after=${page1.next}`), 200, 'page 2');
    expect(page2.items.map((s: { day: string }) => s.day)).toEqual(['2026-02-20', '2026-02-19']);
    expect(page2.next).toBeNull();
    const tooLong = await f.accounts.a.get('/api/reports/submissions?from=2026-01-01&to=2026-06-01');
    expect(tooLong.status).toBe(400);
  });
});
