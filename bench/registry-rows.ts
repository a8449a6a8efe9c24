// Synthetic residents for the registry benches: unique valid ID numbers and mobiles by construction, about
// three residents per household, 4 entrances × 30 households per building (households are NOT pre-created:
// the import makes them, as it would for a real community).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import ExcelJS from '../src/platform/transfer/exceljs.ts';
import { newId } from '../src/platform/ids.ts';
import { idNumberCheckDigit } from '../src/platform/id-number.ts';
import type { AppContext } from '../src/app.ts';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂英华建国';
const REGIONS = ['150102', '150103', '150104', '150105', '110105', '130503'];
const RELATIONS = ['head', 'spouse', 'child'];
const PER_HOUSEHOLD = 3;
const HOUSEHOLDS_PER_ENTRANCE = 30;
const ENTRANCES = 4;

export const HEADINGS = ['小区', '楼栋', '单元', '门牌号', '姓名', '身份证号', '联系电话', '与户主关系', '特殊需求'];

export interface BenchResident {
  building: string;
  entrance: string;
  household: string;
  name: string;
  idNumber: string;
  phone: string;
  relation: string;
  needs: string;
  sex: 'M' | 'F';
  birthDate: string;
}

export function buildingsFor(total: number): number {
  return Math.ceil(total / (PER_HOUSEHOLD * HOUSEHOLDS_PER_ENTRANCE * ENTRANCES));
}

/** Row i: deterministic and unique (ID: birth day from i % 20000, sequence from i / 20000). */
export function resident(i: number): BenchResident {
  const day = i % 20_000;
  const seq = Math.floor(i / 20_000);
  const birth = new Date(Date.UTC(1940, 0, 1) + day * 86_400_000);
  const ymd = birth.toISOString().slice(0, 10);
  const region = REGIONS[seq % REGIONS.length];
  const seqDigits = String(100 + (seq % 900)).padStart(3, '0');
  const sexDigit = Number(seqDigits[2]);
  const first17 = `${region}${ymd.replace(/-/g, '')}${seqDigits}`;
  const hh = Math.floor(i / PER_HOUSEHOLD);
  const entranceIdx = Math.floor(hh / HOUSEHOLDS_PER_ENTRANCE);
  const b = Math.floor(entranceIdx / ENTRANCES) + 1;
  const e = (entranceIdx % ENTRANCES) + 1;
  const k = hh % HOUSEHOLDS_PER_ENTRANCE;
  return {
    building: `${b}号楼`, entrance: `${e}单元`, household: `${Math.floor(k / 2) + 1}0${(k % 2) + 1}室`,
    name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 7) % GIVEN.length] + (i % 3 === 0 ? GIVEN[(i * 13) % GIVEN.length] : ''),
    idNumber: first17 + idNumberCheckDigit(first17),
    phone: `13${String(100_000_000 + i).slice(-9)}`,
    relation: RELATIONS[i % PER_HOUSEHOLD],
    needs: i % 20 === 0 ? 'chronic_illness' : i % 50 === 1 ? 'immobile;lives_alone' : '',
    sex: sexDigit % 2 === 1 ? 'M' : 'F', birthDate: ymd,
  };
}

/**
 * Place cells in the short forms many sheets use ('12', '3', '302'; matched to 12号楼 / 3单元 / 302室) and no
 * compound: exceljs' streaming reader garbles a multi-byte character that straddles a chunk boundary, which
 * would turn a few place names into unknown ones (reported); so relation and needs use their codes, names stay Chinese.
 */
function cells(r: BenchResident): string[] {
  const short = (s: string) => s.replace(/[^0-9]/g, '');
  return ['', short(r.building), short(r.entrance), short(r.household), r.name, r.idNumber, r.phone, r.relation, r.needs];
}

export async function writeCsv(file: string, total: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(`\ufeff${HEADINGS.join(',')}\n`);
  let chunk = '';
  for (let i = 0; i < total; i++) {
    chunk += `${cells(resident(i)).join(',')}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

export async function writeXlsx(file: string, total: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('居民');
  ws.addRow(HEADINGS).commit();
  for (let i = 0; i < total; i++) {
    ws.addRow(cells(resident(i))).commit();
    if (i % 5000 === 0) await new Promise((r) => setImmediate(r));
  }
  ws.commit();
  await wb.commit();
}

/** district → street → community → compound 幸福家园 → buildings → entrances; returns the community. */
export async function benchTree(ctx: AppContext, total: number): Promise<{ communityId: string; entranceIds: string[] }> {
  const db = ctx.database.db;
  const at = new Date().toISOString();
  const nodes: Array<{ id: string; parent_id: string | null; level_code: string; name: string; code: null; path: string; depth: number; created_at: string; updated_at: string }> = [];
  const add = (parent: { id: string; path: string; depth: number } | null, level: string, name: string) => {
    const id = newId();
    const node = { id, parent_id: parent?.id ?? null, level_code: level, name, code: null, path: `${parent?.path ?? '/'}${id}/`, depth: parent ? parent.depth + 1 : 0, created_at: at, updated_at: at };
    nodes.push(node);
    return node;
  };
  const district = add(null, 'district', '基准区');
  const street = add(district, 'street', '基准街道');
  const community = add(street, 'community', '基准社区');
  const compound = add(community, 'compound', '幸福家园');
  const entranceIds: string[] = [];
  for (let b = 1; b <= buildingsFor(total); b++) {
    const building = add(compound, 'building', `${b}号楼`);
    for (let e = 1; e <= ENTRANCES; e++) entranceIds.push(add(building, 'entrance', `${e}单元`).id);
  }
  for (let i = 0; i < nodes.length; i += 2000) await db.insertInto('jurisdiction_nodes').values(nodes.slice(i, i + 2000)).execute();
  return { communityId: community.id, entranceIds };
}

/** Samples the process's resident set size while `fn` runs; answers fn's result and the peak in MB. */
export async function withPeakRss<T>(fn: () => Promise<T>): Promise<{ result: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 25);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
