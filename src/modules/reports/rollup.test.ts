import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRows } from '../../platform/transfer/index.ts';
import { DAY, expectStatus, figures, reportsFixture, type ReportsFixture } from './reports.fixtures.ts';

const KEYS = ['close_contacts', 'volunteer_services', 'help_given', 'anomaly'];

interface Row { id: string; name: string; isSelf: boolean; drillable: boolean; expected: number; submitted: number; missing: number; late: number; zero: number; sums: Record<string, number> }

// The live roll-up: community → street → district by the tree, unit → all units; sums always equal the sum of
// the latest revisions of the reports underneath.
describe('reports: roll-up', () => {
  let f: ReportsFixture;
  let formId: string;
  let idOfA: string;

  /** SUM over report_values of the day's reports whose place lies under `path`: the figure the roll-up must match. */
  const rawSums = async (form: string, path: string) => {
    const rows = await f.t.ctx.database.db.selectFrom('report_values as v')
      .innerJoin('report_submissions as s', 's.id', 'v.submission_id').innerJoin('jurisdiction_nodes as n', 'n.id', 's.node_id')
      .select(['v.field_key', sql<number>`sum(v.value)`.as('total')])
      .where('s.form_id', '=', form).where('s.day', '=', DAY).where('n.path', 'like', `${path}%`)
      .groupBy('v.field_key').execute();
    return Object.fromEntries(KEYS.map((k) => [k, Number(rows.find((r) => r.field_key === k)?.total ?? 0)]));
  };
  const pathOf = async (id: string) =>
    (await f.t.ctx.database.db.selectFrom('jurisdiction_nodes').select('path').where('id', '=', id).executeTakeFirstOrThrow()).path;
  const sumRows = (rows: Row[]) => Object.fromEntries(KEYS.map((k) => [k, rows.reduce((s, r) => s + r.sums[k], 0)]));

  beforeAll(async () => {
    f = await reportsFixture();
    formId = (await f.createForm(f.accounts.command)).id;
    idOfA = expectStatus(await f.accounts.a.post('/api/reports/submissions', { formId, values: figures(3, 12, 1) }), 201, 'A').id;
    expectStatus(await f.accounts.b.post('/api/reports/submissions', { formId, values: figures(0, 4, 0, true) }), 201, 'B');
    expectStatus(await f.accounts.c.post('/api/reports/submissions', { formId, zero: true }), 201, 'C');
    // A correction: the roll-up must use 5 close contacts, not 3.
    expectStatus(await f.accounts.a.post(`/api/reports/submissions/${idOfA}/corrections`, { values: figures(5, 12, 1), reason: '补报' }), 201, 'correct A');
    // Community D has not reported.
  });
  afterAll(async () => {
    await f.t.close();
  });

  it('the district table has a row per street with sums, submitted and missing; the total equals every report', async () => {
    const view = expectStatus(await f.accounts.command.get(`/api/reports/rollup?formId=${formId}&day=${DAY}`), 200, 'district');
    expect(view.node).toMatchObject({ id: f.tree.district, name: '新城区' });
    expect(view.fields.map((x: { key: string }) => x.key)).toEqual(KEYS);
    const rows = view.rows as Row[];
    expect(rows.map((r) => r.name)).toEqual(['东街街道', '西街街道']);
    expect(rows[0]).toMatchObject({ id: f.tree.street, expected: 2, submitted: 2, missing: 0, zero: 0, drillable: true,
      sums: { close_contacts: 5, volunteer_services: 16, help_given: 1, anomaly: 1 } });
    expect(rows[1]).toMatchObject({ id: f.tree.west, expected: 2, submitted: 1, missing: 1, zero: 1,
      sums: { close_contacts: 0, volunteer_services: 0, help_given: 0, anomaly: 0 } });
    expect(view.total).toMatchObject({ expected: 4, submitted: 3, missing: 1, zero: 1 });
    expect(view.total.sums).toEqual(sumRows(rows));
    expect(view.total.sums).toEqual(await rawSums(formId, await pathOf(f.tree.district)));
  });

  it('every level sums to the reports under it: street, community, and the administrator\'s top', async () => {
    for (const [client, nodeId] of [
      [f.accounts.command, f.tree.street], [f.accounts.streetEast, undefined], [f.admin, f.tree.west], [f.admin, f.tree.communityA],
    ] as const) {
      const url = `/api/reports/rollup?formId=${formId}&day=${DAY}${nodeId ? `&nodeId=${nodeId}` : ''}`;
      const view = expectStatus(await client.get(url), 200, url);
      expect(view.total.sums).toEqual(sumRows(view.rows));
      expect(view.total.sums).toEqual(await rawSums(formId, await pathOf(view.node.id)));
    }
    const east = expectStatus(await f.accounts.streetEast.get(`/api/reports/rollup?formId=${formId}&day=${DAY}`), 200, 'east');
    expect(east.node.id).toBe(f.tree.street);
    expect(east.ancestors).toEqual([]);
    expect((east.rows as Row[]).map((r) => [r.name, r.sums.close_contacts, r.drillable])).toEqual([['光明社区', 0, false], ['幸福社区', 5, false]]);
    const fromTop = expectStatus(await f.accounts.command.get(`/api/reports/rollup?formId=${formId}&day=${DAY}&nodeId=${f.tree.street}`), 200, 'drill');
    expect(fromTop.ancestors.map((a: { name: string }) => a.name)).toEqual(['新城区']);
    // A community's own level: its own report is the one row.
    const own = expectStatus(await f.admin.get(`/api/reports/rollup?formId=${formId}&day=${DAY}&nodeId=${f.tree.communityA}`), 200, 'A');
    expect(own.rows).toHaveLength(1);
    expect(own.rows[0]).toMatchObject({ id: f.tree.communityA, isSelf: true, submitted: 1, sums: { close_contacts: 5 } });
  });

  it('a street that reports itself shows its own row beside its communities', async () => {
    const form = (await f.createForm(f.accounts.command, { name: '街道与社区日报', reporterLevels: ['street', 'community'] })).id;
    expectStatus(await f.accounts.streetEast.post('/api/reports/submissions', { formId: form, values: figures(2, 2) }), 201, 'street');
    expectStatus(await f.accounts.a.post('/api/reports/submissions', { formId: form, values: figures(1, 1) }), 201, 'A');
    const district = expectStatus(await f.accounts.command.get(`/api/reports/rollup?formId=${form}&day=${DAY}`), 200, 'district');
    expect((district.rows as Row[]).map((r) => [r.name, r.expected, r.submitted, r.sums.close_contacts])).toEqual([['东街街道', 3, 2, 3], ['西街街道', 3, 0, 0]]);
    const street = expectStatus(await f.accounts.streetEast.get(`/api/reports/rollup?formId=${form}&day=${DAY}`), 200, 'street');
    expect((street.rows as Row[]).map((r) => [r.name, r.isSelf, r.sums.close_contacts])).toEqual([['东街街道', true, 2], ['光明社区', false, 0], ['幸福社区', false, 1]]);
    expect(street.total.sums).toEqual(await rawSums(form, await pathOf(f.tree.street)));
  });

  it('units roll up to the task force total; a liaison sees its own unit only', async () => {
    const form = (await f.createForm(f.accounts.command, { name: '单位工作专班日报', reporterLevels: [], unitMode: 'all' })).id;
    expectStatus(await f.accounts.liaisonA.post('/api/reports/submissions', { formId: form, values: figures(0, 30, 6) }), 201, 'unit A');
    const view = expectStatus(await f.accounts.command.get(`/api/reports/rollup?formId=${form}&day=${DAY}&by=unit`), 200, 'units');
    expect((view.rows as Row[]).map((r) => [r.name, r.expected, r.submitted, r.missing, r.sums.volunteer_services])).toEqual([
      ['区教育局', 1, 0, 1, 0], ['区卫健局', 1, 1, 0, 30],
    ]);
    expect(view.total).toMatchObject({ expected: 2, submitted: 1, missing: 1, sums: { volunteer_services: 30, help_given: 6 } });
    const own = expectStatus(await f.accounts.liaisonB.get(`/api/reports/rollup?formId=${form}&day=${DAY}&by=unit`), 200, 'liaison B');
    expect((own.rows as Row[]).map((r) => r.name)).toEqual(['区教育局']);
    expect(own.total.sums.volunteer_services).toBe(0);
  });

  it('history over a date range gives each day\'s totals', async () => {
    const h = expectStatus(await f.accounts.command.get(`/api/reports/rollup/history?formId=${formId}&from=2026-02-19&to=2026-02-21`), 200, 'history');
    expect(h.days.map((d: { day: string }) => d.day)).toEqual(['2026-02-19', '2026-02-20', '2026-02-21']);
    expect(h.days[0]).toMatchObject({ expected: 4, submitted: 0, missing: 4, sums: { close_contacts: 0 } });
    expect(h.days[2]).toMatchObject({ expected: 4, submitted: 3, missing: 1, zero: 1, sums: { close_contacts: 5, volunteer_services: 16 } });
    const bad = await f.accounts.command.get(`/api/reports/rollup/history?formId=${formId}&from=2026-02-21&to=2026-02-01`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.map((d: { path: string }) => d.path)).toEqual(['querystring.to']);
  });

  it('exports the day\'s table as the sheet sent upward: a row per child and a total row', async () => {
    const get = (format: string) => f.t.app.inject({
      method: 'GET', url: `/api/reports/rollup/export?formId=${formId}&day=${DAY}&format=${format}`,
      headers: { cookie: f.accounts.command.cookie, 'x-lang': 'zh' },
    });
    const columns = [
      { key: 'name', zh: '名称', en: 'Name' }, { key: 'submitted', zh: '已报', en: 'Submitted' }, { key: 'missing', zh: '未报', en: 'Missing' },
      { key: 'close', zh: '密切接触者', en: 'Close contacts' }, { key: 'services', zh: '志愿服务人次', en: 'Volunteer services' },
    ];
    for (const format of ['xlsx', 'csv'] as const) {
      const res = await get(format);
      expect(res.statusCode).toBe(200);
      expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('疫情防控日报'));
      const rows = [];
      for await (const r of readRows({ buffer: res.rawPayload }, format, columns)) rows.push(r.values);
      expect(rows).toEqual([
        { name: '东街街道', submitted: '2', missing: '0', close: '5', services: '16' },
        { name: '西街街道', submitted: '1', missing: '1', close: '0', services: '0' },
        { name: '合计', submitted: '3', missing: '1', close: '5', services: '16' },
      ]);
    }
  });
});
