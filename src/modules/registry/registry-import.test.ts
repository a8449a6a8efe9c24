import ExcelJS from '../../platform/transfer/exceljs.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../../../test/support/client.ts';
import type { TestApp } from '../../../test/support/harness.ts';
import { idNumber, registryWorld } from './registry.fixtures.ts';

type World = Awaited<ReturnType<typeof registryWorld>>['world'];

function multipart(filename: string, content: string | Buffer) {
  const boundary = '----fangkongresidents';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(content), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const HEAD = '小区,楼栋,单元,门牌号,姓名,身份证号,联系电话,与户主关系,特殊需求';
const WANG = idNumber('110105', '19491231', '002');
const LI = idNumber('130503', '19670401', '001');
const ZHAO = idNumber('150102', '20240105', '013');

async function xlsxOf(lines: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('居民');
  for (const line of lines) ws.addRow(line.split(','));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('resident import: streamed, all-or-nothing by default, idempotent', () => {
  let t: TestApp;
  let admin: Client;
  let w: World;
  let as: Awaited<ReturnType<typeof registryWorld>>['as'];
  let clock: Awaited<ReturnType<typeof registryWorld>>['clock'];
  beforeAll(async () => { ({ t, admin, world: w, as, clock } = await registryWorld()); });
  afterAll(async () => { await t.close(); });

  async function runImport(client: Client, name: string, content: string | Buffer, opts: { nodeId?: string; acceptValid?: boolean; lang?: string } = {}) {
    const { payload, headers } = multipart(name, content);
    const res = await client.raw({
      method: 'POST', url: `/api/registry/imports?nodeId=${opts.nodeId ?? w.communityA}&acceptValid=${opts.acceptValid ? 1 : 0}`,
      payload, headers: { ...headers, 'x-lang': opts.lang ?? 'zh' },
    });
    if (res.status !== 202) return res;
    for (;;) {
      const job = await client.get(`/api/registry/imports/${res.body.id}`);
      if (!['validating', 'writing'].includes(job.body.state)) return job;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  const residents = () => t.ctx.database.db.selectFrom('residents').selectAll().orderBy('id').execute();
  const events = () => t.ctx.database.db.selectFrom('resident_events').selectAll().execute();
  const households = () => t.ctx.database.db.selectFrom('jurisdiction_nodes').select('id').where('level_code', '=', 'household').execute();

  it('reports each bad row (check digit, duplicate ID, unknown building, empty name) and imports nothing', async () => {
    const badCheck = `${WANG.slice(0, 17)}${WANG[17] === '0' ? '1' : '0'}`;
    const csv = [
      HEAD,
      `阳光花园,1号楼,1单元,101室,王秀英,${badCheck},13800135678,户主,`,
      `阳光花园,1号楼,1单元,101室,李建国,${LI},,配偶,`,
      `阳光花园,1号楼,1单元,102室,李建国二,${LI},,户主,`,
      `阳光花园,9号楼,1单元,101室,赵小宝,${ZHAO},,子女,婴幼儿`,
      `阳光花园,1号楼,1单元,101室,,,13900001111,户主,`,
      `阳光花园,1号楼,1单元,101室,钱多多,,,户主,会飞`,
    ].join('\n');
    const beforeHouseholds = (await households()).length;
    const job = await runImport(admin, 'residents.csv', csv);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ state: 'rejected', read: 6, valid: 1, invalid: 5, created: 0, written: 0 });
    const byRow = Object.fromEntries(job.body.errors.map((e: { row: number }) => [e.row, e]));
    expect(byRow[2]).toMatchObject({ column: '身份证号', message: '身份证号校验位错误', value: `110105********${badCheck.slice(-4)}` });
    expect(byRow[4]).toMatchObject({ column: '身份证号', message: '证件号码与本文件第 3 行重复' });
    expect(byRow[5]).toMatchObject({ column: '楼栋', value: '9号楼' });
    expect(byRow[5].message).toContain('没有这个楼栋');
    expect(byRow[6]).toMatchObject({ column: '姓名', message: '不能为空' });
    expect(byRow[7].column).toBe('特殊需求');
    expect(await residents()).toHaveLength(0);
    expect(await households()).toHaveLength(beforeHouseholds);

    const report = await t.app.inject({ method: 'GET', url: `/api/registry/imports/${job.body.id}/errors?format=csv`, headers: { cookie: admin.cookie } });
    expect(report.statusCode).toBe(200);
    expect(report.body).toContain('行号');
    expect(report.body).toContain('证件号码与本文件第 3 行重复');
    expect(report.body).not.toContain(badCheck);
    const xlsx = await t.app.inject({ method: 'GET', url: `/api/registry/imports/${job.body.id}/errors?format=xlsx`, headers: { cookie: admin.cookie } });
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);

    const audit = await t.ctx.database.db.selectFrom('audit_log').selectAll().where('action', '=', 'resident.import').execute();
    expect(JSON.parse(audit[0].details)).toMatchObject({ state: 'rejected', rows: 6, invalid: 5, created: 0 });

    const valid = await runImport(admin, 'residents.csv', csv, { acceptValid: true });
    expect(valid.body).toMatchObject({ state: 'done', valid: 1, created: 1 });
    expect((await residents()).map((r) => r.name)).toEqual(['李建国']);
  });

  it('imports a sheet once: households created under known entrances, re-import changes nothing, an updated sheet updates', async () => {
    const lines = [
      '阳光花园居民信息表',
      HEAD,
      `阳光花园,1号楼,1单元,101室,王秀英,${WANG},138 0013 5678,户主,"行动不便、慢性病"`,
      `阳光花园,1号楼,1单元,101,李建国,${LI},,配偶,`,
      `,2号楼,,2101,赵小宝,${ZHAO},,孙子女/外孙子女,婴幼儿`,
      `阳光花园,1,2,202,孙无证,,13911112222,户主,独居`,
    ];
    const first = await runImport(admin, 'residents.csv', lines.join('\r\n'));
    expect(first.body).toMatchObject({ state: 'done', read: 4, valid: 4, created: 3, updated: 0, unchanged: 1, householdsCreated: 1 });
    const rows = await residents();
    expect(rows.map((r) => r.name).sort()).toEqual(['孙无证', '李建国', '王秀英', '赵小宝']);
    const wang = rows.find((r) => r.name === '王秀英')!;
    expect(wang).toMatchObject({ household_id: w.h101, sex: 'F', birth_date: '1949-12-31', relation: 'head' });
    expect(JSON.stringify(rows)).not.toContain(WANG);
    expect(rows.find((r) => r.name === '赵小宝')!.household_id).toBe(w.h2101);
    const sun = rows.find((r) => r.name === '孙无证')!;
    const sunHome = await t.ctx.database.db.selectFrom('jurisdiction_nodes').selectAll().where('id', '=', sun.household_id).executeTakeFirstOrThrow();
    expect(sunHome).toMatchObject({ parent_id: w.a1e2, name: '202', level_code: 'household' });
    const needs = await t.ctx.database.db.selectFrom('resident_needs').select('kind').where('resident_id', '=', wang.id).execute();
    expect(needs.map((n) => n.kind).sort()).toEqual(['chronic_illness', 'immobile']);
    const found = await admin.get('/api/registry/residents?q=13800135678');
    expect(found.body.items.map((r: { name: string }) => r.name)).toEqual(['王秀英']);

    const eventsBefore = (await events()).length;
    const again = await runImport(admin, 'residents.csv', lines.join('\r\n'));
    expect(again.body).toMatchObject({ state: 'done', created: 0, updated: 0, unchanged: 4, householdsCreated: 0 });
    expect(await residents()).toEqual(rows);
    expect(await events()).toHaveLength(eventsBefore);

    // The same sheet as XLSX is the same data.
    const asXlsx = await runImport(admin, 'residents.xlsx', await xlsxOf(lines.slice(1).map((l) => l.replace('"行动不便、慢性病"', '行动不便、慢性病'))));
    expect(asXlsx.body).toMatchObject({ state: 'done', created: 0, updated: 0, unchanged: 4 });

    clock.set('2026-02-21T08:05:00Z');
    const updated = [
      HEAD,
      `阳光花园,1号楼,1单元,101室,王秀英,${WANG},13800009999,户主,"行动不便、慢性病"`,
      `阳光花园,1号楼,2单元,201室,李建国,${LI},,户主,`,
      `,2号楼,,2101,赵小宝,${ZHAO},,孙子女/外孙子女,婴幼儿`,
      `阳光花园,1,2,202,孙无证,,13911112222,户主,独居、残疾`,
    ];
    const third = await runImport(admin, 'residents.csv', updated.join('\n'));
    expect(third.body).toMatchObject({ state: 'done', created: 0, updated: 3, moved: 1, unchanged: 1 });
    const after = await residents();
    const li = after.find((r) => r.name === '李建国')!;
    expect(li).toMatchObject({ household_id: w.h201, relation: 'head' });
    const moves = (await events()).filter((e) => e.resident_id === li.id && e.kind === 'moved');
    expect(moves).toMatchObject([{ from_household_id: w.h101, to_household_id: w.h201 }]);
    expect((await admin.get('/api/registry/residents?q=13800009999')).body.items).toHaveLength(1);
    expect(after.find((r) => r.name === '赵小宝')!.updated_at).toBe(rows.find((r) => r.name === '赵小宝')!.updated_at);
  });

  it('round-trips: an unmasked export of the subtree imports again with nothing changed', async () => {
    const exported = await admin.get(`/api/registry/export?nodeId=${w.communityA}&format=csv&unmasked=1&reason=${encodeURIComponent('核对后回导')}`);
    expect(exported.status).toBe(200);
    const text = String(exported.body);
    // English headings and labels (the default language of this client) import as well as Chinese ones.
    expect(text.split('\n')[0]).toContain('Building');
    const active = await t.ctx.database.db.selectFrom('residents').select('id').where('status', '=', 'active').execute();
    const job = await runImport(admin, 'export.csv', text);
    expect(job.body).toMatchObject({ state: 'done', invalid: 0, created: 0, updated: 0, unchanged: active.length });
  });

  it('offers a template with the Chinese headings, and keeps imports inside the actor’s scope', async () => {
    const csv = await t.app.inject({ method: 'GET', url: '/api/registry/import/template?format=csv', headers: { cookie: admin.cookie } });
    expect(csv.statusCode).toBe(200);
    for (const h of ['楼栋', '门牌号', '姓名', '身份证号', '联系电话', '特殊需求']) expect(csv.body).toContain(h);
    const sec = await as('sec-b-import', 'community_secretary', w.communityB);
    const refused = await runImport(sec, 'residents.csv', `${HEAD}\n阳光花园,1号楼,1单元,101室,某人,,,户主,`);
    expect(refused.status).toBe(404);
    // Inside B's subtree, A's buildings do not exist.
    const outside = await runImport(sec, 'residents.csv', `${HEAD}\n阳光花园,1号楼,1单元,101室,某人,,,户主,`, { nodeId: w.communityB });
    expect(outside.body).toMatchObject({ state: 'rejected' });
    expect(outside.body.errors[0].column).toBe('小区');
    const other = await runImport(admin, 'people.txt', 'x');
    expect(other.status).toBe(400);
  });
});
