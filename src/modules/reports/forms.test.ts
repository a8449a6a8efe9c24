import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.ts';
import {
  DAY, expectStatus, FIELDS, figures, formInput, reportsFixture, type ReportsFixture,
} from './reports.fixtures.ts';

// Report forms are data: the command designs them, fields are validated, and changing the fields makes a new
// version while reports already made keep theirs.
describe('reports: forms', () => {
  let f: ReportsFixture;
  beforeAll(async () => {
    f = await reportsFixture();
  });
  afterAll(async () => {
    await f.t.close();
  });

  it('the command creates a form for its district; a retry with the same id makes no second form; it is audited', async () => {
    const id = newId();
    const first = await f.accounts.command.post('/api/reports/forms', formInput({ id }));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id, version: 1, nodeId: f.tree.district, deadline: '17:00', reporterLevels: ['community'], unitMode: 'none' });
    expect(first.body.fields.map((x: { key: string }) => x.key)).toEqual(FIELDS.map((x) => x.key));
    const retry = await f.accounts.command.post('/api/reports/forms', formInput({ id }));
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    const rows = await f.t.ctx.database.db.selectFrom('report_forms').selectAll().where('id', '=', id).execute();
    expect(rows).toHaveLength(1);
    const audit = (await f.audit('report_form.create')).filter((a) => a.entity_id === id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_name: 'cmd', entity_type: 'report_form' });
    // The communities of the district see it; a street account (no reports.manage) cannot change it.
    const listed = expectStatus(await f.accounts.a.get('/api/reports/forms'), 200, 'list');
    expect(listed.map((x: { id: string }) => x.id)).toContain(id);
    expect((await f.accounts.streetEast.patch(`/api/reports/forms/${id}`, { name: 'x' })).status).toBe(403);
    expect((await f.accounts.streetEast.post('/api/reports/forms', formInput())).status).toBe(403);
    // Only an administrator sets a form for everywhere.
    expect((await f.accounts.command.post('/api/reports/forms', formInput({ nodeId: null }))).status).toBe(403);
  });

  it('rejects a bad design field by field', async () => {
    const bad = await f.admin.post('/api/reports/forms', formInput({
      deadline: '25:00',
      reporterLevels: [],
      fields: [
        { key: 'a', labelZh: '甲', labelEn: 'A', type: 'integer', min: 5, max: 2 },
        { key: 'a', labelZh: '乙', labelEn: 'B', type: 'integer' },
        { key: 'txt', labelZh: '丙', labelEn: 'C', type: 'text', summable: true },
        { key: 'Bad-Key', labelZh: '丁', labelEn: 'D', type: 'integer' },
        { key: 'flag', labelZh: '戊', labelEn: 'E', type: 'boolean', min: 1 },
      ],
    }));
    expect(bad.status).toBe(400);
    const paths = bad.body.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(['deadline', 'fields.0.max', 'fields.1.key', 'fields.2.summable', 'fields.3.key', 'fields.4.min', 'reporterLevels']);
    const unknownLevel = await f.admin.post('/api/reports/forms', formInput({ reporterLevels: ['community', 'planet'] }));
    expect(unknownLevel.status).toBe(400);
    expect(unknownLevel.body.error.details).toEqual([{ path: 'reporterLevels.1', message: expect.any(String) }]);
    const listedWithout = await f.admin.post('/api/reports/forms', formInput({ reporterLevels: [], unitMode: 'listed', unitIds: [] }));
    expect(listedWithout.body.error.details.map((d: { path: string }) => d.path)).toEqual(['unitIds']);
    const dates = await f.admin.post('/api/reports/forms', formInput({ activeFrom: '2026-03-01', activeTo: '2026-02-01' }));
    expect(dates.body.error.details.map((d: { path: string }) => d.path)).toEqual(['activeTo']);
  });

  it('changing the fields makes a new version; reports keep the version they were made with', async () => {
    const form = await f.createForm(f.accounts.command, { name: '版本测试日报' });
    const v1 = expectStatus(await f.accounts.a.post('/api/reports/submissions', { formId: form.id, values: figures(1, 2) }), 201, 'submit v1');
    expect(v1.formVersion).toBe(1);

    const renamed = expectStatus(await f.accounts.command.patch(`/api/reports/forms/${form.id}`, { name: '版本测试日报（改）' }), 200, 'rename');
    expect(renamed.version).toBe(1);
    const fields2 = [...FIELDS, { key: 'fever_clinic', labelZh: '发热门诊转诊', labelEn: 'Fever clinic referrals', type: 'integer', required: true, summable: true }];
    const changed = expectStatus(await f.accounts.command.patch(`/api/reports/forms/${form.id}`, { fields: fields2 }), 200, 'change fields');
    expect(changed.version).toBe(2);
    const same = expectStatus(await f.accounts.command.patch(`/api/reports/forms/${form.id}`, { fields: fields2 }), 200, 'same fields');
    expect(same.version).toBe(2);

    // B reports with version 2 and must give the new field; A's report still shows version 1's fields.
    const missingNew = await f.accounts.b.post('/api/reports/submissions', { formId: form.id, values: figures(0, 1) });
    expect(missingNew.status).toBe(400);
    expect(missingNew.body.error.details.map((d: { path: string }) => d.path)).toEqual(['values.fever_clinic']);
    const v2 = expectStatus(await f.accounts.b.post('/api/reports/submissions', { formId: form.id, values: { ...figures(0, 1), fever_clinic: 3 } }), 201, 'v2');
    expect(v2.formVersion).toBe(2);
    const detailA = expectStatus(await f.accounts.a.get(`/api/reports/submissions/${v1.id}`), 200, 'detail');
    expect(detailA.formVersion).toBe(1);
    expect(detailA.fields.map((x: { key: string }) => x.key)).not.toContain('fever_clinic');
    // A correction of A's report is checked against version 1, not the current one.
    expectStatus(await f.accounts.a.post(`/api/reports/submissions/${v1.id}/corrections`, { values: figures(2, 2), reason: '复核后更正' }), 201, 'correct v1');

    const detail = expectStatus(await f.admin.get(`/api/reports/forms/${form.id}`), 200, 'form detail');
    expect(detail.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(detail.submissionCount).toBe(2);
    expect((await f.accounts.command.del(`/api/reports/forms/${form.id}`)).status).toBe(409);
    const audit = (await f.audit('report_form.update')).filter((a) => a.entity_id === form.id);
    expect(audit).toHaveLength(3);
  });

  it('a form without reports can be deleted, and then is gone', async () => {
    const form = await f.createForm(f.accounts.command, { name: '待删表单' });
    expect((await f.accounts.command.del(`/api/reports/forms/${form.id}`)).status).toBe(204);
    expect((await f.admin.get(`/api/reports/forms/${form.id}`)).status).toBe(404);
    expect((await f.audit('report_form.delete')).some((a) => a.entity_id === form.id)).toBe(true);
  });

  it('a form outside its active dates takes no reports', async () => {
    const form = await f.createForm(f.admin, { name: '过期表单', activeFrom: '2026-01-01', activeTo: '2026-02-20' });
    const r = await f.accounts.a.post('/api/reports/submissions', { formId: form.id, day: DAY, values: figures(0, 0) });
    expect(r.status).toBe(400);
    expect(r.body.error.details.map((d: { path: string }) => d.path)).toEqual(['day']);
    expect((await f.accounts.a.get('/api/reports/mine')).body.map((i: { form: { id: string } }) => i.form.id)).not.toContain(form.id);
    // Nobody is expected, chased or reminded on a day outside the dates; on a day inside, everyone is.
    expect((await f.admin.get(`/api/reports/chase?formId=${form.id}&day=${DAY}`)).body).toMatchObject({ expected: 0, missingCount: 0 });
    expect((await f.admin.post('/api/reports/chase/remind', { formId: form.id, day: DAY })).body).toEqual({ reminded: 0, alreadyReminded: 0, messages: 0 });
    expect((await f.admin.get(`/api/reports/chase?formId=${form.id}&day=2026-02-20`)).body).toMatchObject({ expected: 4, missingCount: 4 });
    const history = (await f.admin.get(`/api/reports/rollup/history?formId=${form.id}&from=2026-02-20&to=${DAY}`)).body;
    expect(history.days.map((d: { expected: number }) => d.expected)).toEqual([4, 0]);
  });
});
