import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from '../../src/platform/transfer/exceljs.ts';
import { createTestApp, type TestApp } from '../support/harness.ts';
import { login, loginAs, type Client } from '../support/client.ts';

function multipart(filename: string, content: string | Buffer) {
  const boundary = '----fangkongtest';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, Buffer.from(content), tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const TREE_CSV = [
  '上级路径,层级,名称,编码',
  ',区,回民区,150103',
  '回民区,街道,环河街街道,150103001',
  '回民区/环河街街道,社区,西河沿社区,',
  '回民区/环河街街道/西河沿社区,小区,铁路家属院,',
].join('\n');

describe('import and export', () => {
  let t: TestApp;
  let admin: Client;
  const upload = (kind: string, filename: string, content: string | Buffer, acceptValid = false) => {
    const { payload, headers } = multipart(filename, content);
    return admin.raw({ method: 'POST', url: `/api/transfer/${kind}/import?acceptValid=${acceptValid ? 1 : 0}`, payload, headers: { ...headers, 'x-lang': 'zh' } });
  };
  beforeAll(async () => {
    t = await createTestApp();
    admin = await login(t.app);
  });
  afterAll(async () => { await t.close(); });

  it('offers templates in xlsx and csv', async () => {
    const xlsx = await t.app.inject({ method: 'GET', url: '/api/transfer/people/template?format=xlsx', headers: { cookie: admin.cookie } });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as any);
    const headings = (wb.worksheets[0].getRow(1).values as string[]).filter(Boolean);
    expect(headings).toEqual(expect.arrayContaining(['姓名*', '政治面貌*', '身份证号', '联系电话']));
    const csv = await t.app.inject({ method: 'GET', url: '/api/transfer/jurisdiction/template?format=csv', headers: { cookie: admin.cookie } });
    expect(csv.body.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('上级路径,层级*,名称*,编码');
  });

  it('imports a tree from CSV; importing it again changes nothing', async () => {
    const first = await upload('jurisdiction', 'tree.csv', TREE_CSV);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 4, updated: 0, unchanged: 0, errorCount: 0 });
    const again = await upload('jurisdiction', 'tree.csv', TREE_CSV);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 4 });
    const hits = await admin.get(`/api/jurisdiction/search?q=${encodeURIComponent('铁路家属院')}`);
    expect(hits.body[0].pathNames).toEqual(['回民区', '环河街街道', '西河沿社区', '铁路家属院']);
  });

  it('reports every bad row and column and imports nothing, unless asked to import the valid rows', async () => {
    const csv = [
      '姓名,性别,政治面貌,人员类别,居住社区,联系电话,身份证号',
      '赵敏,女,中共党员,志愿者,回民区/环河街街道/西河沿社区,13800001111,11010519491231002X',
      ',男,群众,志愿者,回民区/环河街街道/西河沿社区,,',
      '钱多多,男,群众,志愿者,回民区/环河街街道/西河沿社区,,110105194912310021',
      '孙悟空,男,群众,神仙,回民区/不存在街道,,',
      '周芷若,女,群众,志愿者,回民区/不存在街道,,',
    ].join('\n');
    const before = (await admin.get('/api/people')).body.items.length;
    const res = await upload('people', 'people.csv', csv);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('IMPORT_INVALID');
    const errors = res.body.report.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`);
    expect(errors).toEqual(['3:姓名', '4:身份证号', '5:人员类别', '6:居住社区']);
    expect(res.body.report.errors.map((e: { message: string }) => e.message).slice(1, 3)).toEqual([
      '身份证号校验位错误', '人员类别应为：干部、职工、志愿者、社区工作者、医护人员、警察、其他',
    ]);
    expect((await admin.get('/api/people')).body.items.length).toBe(before);
    const partial = await upload('people', 'people.csv', csv, true);
    expect(partial.status).toBe(200);
    expect(partial.body).toMatchObject({ created: 1, skipped: 4, errorCount: 4 });
    const again = await upload('people', 'people.csv', csv, true);
    expect(again.body).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('rejects a file without the required columns, or of another type, with a clear error', async () => {
    const missing = await upload('people', 'p.csv', '名字\n张三');
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('IMPORT_FILE');
    const wrongType = await upload('people', 'p.txt', 'hello');
    expect(wrongType.status).toBe(400);
  });

  it('exports the tree so it can be imported elsewhere, and people masked', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/transfer/jurisdiction/export?format=csv', headers: { cookie: admin.cookie } });
    expect(res.statusCode).toBe(200);
    const lines = res.body.replace(/^\ufeff/, '').trim().split('\r\n');
    expect(lines).toContain('回民区/环河街街道/西河沿社区,小区,铁路家属院,');
    const people = await t.app.inject({ method: 'GET', url: '/api/transfer/people/export?format=csv', headers: { cookie: admin.cookie } });
    expect(people.body).toContain('138****1111');
    expect(people.body).not.toContain('13800001111');
  });

  it('lets a community account import only inside its community', async () => {
    const hits = await admin.get(`/api/jurisdiction/search?q=${encodeURIComponent('西河沿社区')}`);
    const sec = await loginAs(admin, t.app, { username: 'sec-import', role: 'community_secretary', nodeId: hits.body[0].id });
    const { payload, headers } = multipart('tree.csv', '上级路径,层级,名称\n回民区,街道,新街道');
    const res = await sec.raw({ method: 'POST', url: '/api/transfer/jurisdiction/import', payload, headers });
    expect(res.status).toBe(422);
    expect(res.body.report.errors[0]).toMatchObject({ row: 2, column: '上级路径' });
  });
});
