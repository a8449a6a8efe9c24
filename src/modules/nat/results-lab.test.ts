import ExcelJS from '../../platform/transfer/exceljs.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { parseResultValue, validateLabLines } from './lab-file.ts';
import { resultsWorld } from './results.fixtures.ts';
import type { TubeRow } from './results.repository.ts';

type World = Awaited<ReturnType<typeof resultsWorld>>;
let w: World | undefined;
afterEach(async () => {
  await w?.t.close();
  w = undefined;
});

describe('lab result values and lines (pure)', () => {
  it('maps the spellings labs use and refuses others', () => {
    expect(parseResultValue('阴性')).toBe('negative');
    expect(parseResultValue(' Negative ')).toBe('negative');
    expect(parseResultValue('阳性（+）')).toBe('positive');
    expect(parseResultValue('无效')).toBe('invalid');
    expect(parseResultValue('待定')).toBeNull();
    expect(parseResultValue('')).toBeNull();
  });

  it('reports a duplicate line even with the same value, pointing at the first', () => {
    const tube: TubeRow = { id: 't', barcode: 'A1', capacity: 10, source: 'desk', result: 'pending', site_id: null, desk_id: null };
    const { valid, errors } = validateLabLines(
      [{ line: 2, barcode: 'A1', rawResult: '阴性' }, { line: 3, barcode: 'A1', rawResult: '阴性' }],
      new Map([['A1', tube]]), { correction: false, lang: 'zh' },
    );
    expect(valid).toHaveLength(1);
    expect(errors).toEqual([{ line: 3, column: '管码', value: 'A1', code: 'duplicate_line', message: '管码在文件中重复出现（第 2 行）' }]);
  });
});

describe('lab result file import', () => {
  it('reports every bad line (unknown tube, duplicate, bad value, empty barcode) and applies nothing', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1, roundId } = w;
    const t1 = await w.tube('T-FILE-0001', deskA1, 10);
    const t2 = await w.tube('T-FILE-0002', deskA1, 10);
    await w.sample(t1, people.zhang);
    await w.sample(t2, people.wang);
    const csv = [
      '管码,结果',
      'T-FILE-0001,阴性', // line 2: fine
      'T-NOPE-9999,阴性', // line 3: unknown tube
      'T-FILE-0001,阴性', // line 4: duplicate of line 2
      'T-FILE-0002,maybe', // line 5: bad value
      ',阳性', // line 6: empty barcode
    ].join('\n');
    const r = await w.upload(admin, 'lab.csv', csv);
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe('IMPORT_INVALID');
    expect(r.body.errors.map((e: { line: number; code: string; value: string }) => [e.line, e.code, e.value])).toEqual([
      [3, 'unknown_tube', 'T-NOPE-9999'],
      [4, 'duplicate_line', 'T-FILE-0001'],
      [5, 'bad_value', 'maybe'],
      [6, 'empty_barcode', ''],
    ]);
    expect(r.body.errors[0]).toMatchObject({ column: 'Tube barcode', message: 'No tube with this barcode in this round' });
    expect(r.body.errors[2]).toMatchObject({ column: 'Result' });
    // Nothing applied: tubes pending, roster untouched, no import recorded.
    expect((await w.tubeRow(t1)).result).toBe('pending');
    expect((await w.roster(people.zhang)).result).toBeNull();
    expect(await w.db.selectFrom('nat_lab_imports').selectAll().execute()).toHaveLength(0);
    const imports = await admin.get(`/api/nat/results/rounds/${roundId}/imports`);
    expect(imports.body).toEqual([]);
  });

  it('a file without the result column is refused as unreadable', async () => {
    w = await resultsWorld();
    const r = await w.upload(w.admin, 'lab.csv', '管码,备注\nT-1,x\n');
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe('IMPORT_FILE');
  });

  it('the same file twice is applied once', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1, roundId } = w;
    const t = await w.tube('T-SAME-0001', deskA1, 10);
    await w.sample(t, people.wang);
    const csv = '管码,结果\nT-SAME-0001,阳性\n';
    const first = await w.upload(admin, 'lab.csv', csv);
    expect(first.body).toMatchObject({ status: 'applied', resamplesCreated: 1 });
    // The lab corrects nothing, but someone enters a different result by hand with the correction flag…
    await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-SAME-0001', result: 'negative', correction: true });
    // …then the original file is uploaded again: already applied, so it does not flip the tube back.
    const second = await w.upload(admin, 'renamed.csv', csv);
    expect(second.body).toMatchObject({ status: 'already_applied', importId: first.body.importId, fileName: 'lab.csv' });
    expect((await w.tubeRow(t)).result).toBe('negative');
    expect(await w.db.selectFrom('nat_lab_imports').selectAll().execute()).toHaveLength(1);
    const audits = await w.db.selectFrom('audit_log').select('action').where('action', '=', 'nat.lab_import').execute();
    expect(audits).toHaveLength(1);
  });

  it('a different result for a tube that has one needs the correction flag', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1, roundId } = w;
    const t = await w.tube('T-CORR-0001', deskA1, 10);
    await w.sample(t, people.wang);
    await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-CORR-0001', result: 'positive' });
    expect(await w.resampleTasks()).toHaveLength(1);
    const refused = await w.upload(admin, 'fix.csv', '管码,结果\nT-CORR-0001,阴性\n');
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0]).toMatchObject({ line: 2, code: 'result_conflict' });
    const hand = await admin.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-CORR-0001', result: 'negative' });
    expect(hand.status).toBe(409);
    expect(hand.body.error.code).toBe('NAT_RESULT_CONFLICT');
    const fixed = await w.upload(admin, 'fix.csv', '管码,结果\nT-CORR-0001,阴性\n', '?correction=1');
    expect(fixed.body).toMatchObject({ status: 'applied', changed: 1 });
    expect((await w.tubeRow(t)).result).toBe('negative');
    // The re-sampling task nobody visited yet is withdrawn; the control stays until someone lifts it.
    expect(await w.resampleTasks()).toHaveLength(0);
    expect(await w.roster(people.wang)).toMatchObject({ result: 'negative', control_status: 'controlled' });
  });

  it('reads an XLSX file with other headings and a title row', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1 } = w;
    const t = await w.tube('T-XLSX-0001', deskA1, 10);
    await w.sample(t, people.zhang);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('结果');
    ws.addRow(['某某检测机构 核酸检测结果']);
    ws.addRow(['序号', '试管条码', '检测结论']);
    ws.addRow([1, 'T-XLSX-0001', '阴性']);
    const buffer = Buffer.from(await wb.xlsx.writeBuffer());
    const r = await w.upload(admin, 'lab.xlsx', buffer);
    expect(r.status).toBe(200);
    expect(r.body.counts).toEqual({ negative: 1, positive: 0, invalid: 0 });
    expect((await w.roster(people.zhang)).result).toBe('negative');
  });

  it('offers a template in both formats', async () => {
    w = await resultsWorld();
    const csv = await w.admin.raw({ method: 'GET', url: '/api/nat/results/template?format=csv' });
    expect(csv.status).toBe(200);
    expect(String(csv.body)).toContain('管码*,结果*');
    const en = await w.admin.get('/api/nat/results/template?format=csv');
    expect(String(en.body)).toContain('Tube barcode*,Result*');
    const xlsx = await w.admin.raw({ method: 'GET', url: '/api/nat/results/template?format=xlsx' });
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
  });
});

describe('scope', () => {
  it('a community sees only its own cases and counts, and cannot apply the street round\'s results', async () => {
    w = await resultsWorld();
    const { admin, people, deskA1, deskB1, roundId, world } = w;
    const a = await w.tube('T-SC-0001', deskA1, 1);
    await w.sample(a, people.zhao);
    const b = await w.tube('T-SC-0002', deskB1, 1);
    await w.sample(b, people.sun);
    const r = await w.upload(admin, 'lab.csv', '管码,结果\nT-SC-0001,阳性\nT-SC-0002,阳性\n');
    expect(r.body.casesCreated).toBe(2);

    const secA = await w.as('sec-a', 'community_secretary', world.communityA);
    const secB = await w.as('sec-b', 'community_secretary', world.communityB);
    const casesA = await secA.get(`/api/nat/results/rounds/${roundId}/cases`);
    expect(casesA.body.items.map((c: { residentName: string }) => c.residentName)).toEqual(['赵六']);
    const casesB = await secB.get(`/api/nat/results/rounds/${roundId}/cases`);
    expect(casesB.body.items.map((c: { residentName: string }) => c.residentName)).toEqual(['孙八']);
    const sumB = await secB.get(`/api/nat/results/rounds/${roundId}/summary`);
    expect(sumB.body).toMatchObject({ openCases: 1, controlled: 1, canApply: false });
    expect(sumB.body.tubes.positive).toBe(1);
    // B cannot close A's case: it is not found from B.
    const caseA = casesA.body.items[0].id as string;
    expect((await secB.post(`/api/nat/results/cases/${caseA}/status`, { status: 'closed' })).status).toBe(404);
    // Applying a street round's results is for whoever covers the street.
    const refused = await secA.post(`/api/nat/results/rounds/${roundId}/tubes`, { barcode: 'T-SC-0001', result: 'positive' });
    expect(refused.status).toBe(403);
    const street = await w.as('street-1', 'street', world.street);
    expect((await street.get(`/api/nat/results/rounds/${roundId}/cases`)).body.items).toHaveLength(2);
    // Another street's account does not see the round at all.
    const other = await admin.post('/api/jurisdiction/nodes', { parentId: world.district, levelCode: 'street', name: '西街街道' });
    const outsider = await w.as('street-2', 'street', other.body.id);
    expect((await outsider.get(`/api/nat/results/rounds/${roundId}/summary`)).status).toBe(404);
    expect((await outsider.get('/api/nat/results/rounds')).body).toEqual([]);
    const volunteer = await w.as('vol-1', 'volunteer', world.communityA);
    expect((await volunteer.get(`/api/nat/results/rounds/${roundId}/summary`)).status).toBe(403);
  });
});
