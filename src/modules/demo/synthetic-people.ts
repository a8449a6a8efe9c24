// Synthetic but plausible residents for the demo district: names that look like a Hohhot household
// register, identity numbers that pass validation, and phones that real registers would (not) have.
// Nothing here is a real person; identity numbers are random apart from region, birth date and sex.
import { idNumberCheckDigit, isRealIsoDate } from '../../platform/id-number.ts';
import type { Rng } from './random.ts';

export type Sex = 'M' | 'F';

export interface SyntheticPerson {
  name: string;
  sex: Sex;
  birthDate: string;
  idNumber: string;
  phone: string | null;
}

export interface SyntheticPersonOptions {
  /** 6-digit administrative division code of the issuing place, e.g. 150102 (新城区). */
  regionCode: string;
  /** Inclusive age range on `today`; defaults 0 and 90. */
  minAge?: number;
  maxAge?: number;
  /** YYYY-MM-DD; ages and phone ownership are worked out on this day. */
  today: string;
  /** Fixes the sex, e.g. to make a married couple; otherwise about 51% male as in the 2020 census. */
  sex?: Sex;
  /**
   * Identity numbers already handed out. Same region, birthday and sex leave only 500 sequence numbers,
   * so a few thousand people already collide now and then; pass a set to keep them unique (it is updated).
   */
  usedIdNumbers?: Set<string>;
}

const parseTable = (table: string): Array<readonly [string, number]> =>
  table.trim().split(/\s+/).map((cell) => {
    const [text = '', weight] = cell.split(':');
    return [text, Number(weight)] as const;
  });
const chars = (list: string): string[] => list.trim().split(/\s+/);

// Holders in millions, rounded from the Ministry of Public Security's 2020 surname report; 云 and 奇 are
// local Tumed surnames, and the compound surnames are deliberately rare.
export const SURNAMES: ReadonlyArray<readonly [string, number]> = parseTable(`
  王:101.5 李:100.9 张:95.4 刘:72.1 陈:63.3 杨:46.2 黄:33.7 赵:28.6 吴:27.8 周:26.8 徐:20.1 孙:19.4
  马:19.1 朱:18.1 胡:16.5 郭:15.7 何:14.9 高:14.1 林:14.0 罗:13.9 郑:12.5 梁:12.4 谢:10.8 宋:9.9
  唐:9.6 许:9.2 韩:8.9 冯:8.8 邓:8.6 曹:8.3 彭:8.1 曾:7.8 肖:7.6 田:6.6 董:6.6 袁:6.4 潘:6.3 于:6.2
  蒋:6.0 蔡:5.9 余:5.8 杜:5.6 叶:5.5 程:5.4 苏:5.2 魏:5.1 吕:5.0 丁:4.9 任:4.8 沈:4.6 姚:4.5 卢:4.4
  姜:4.3 崔:4.2 钟:4.1 谭:4.0 陆:3.9 汪:3.8 范:3.8 金:3.7 石:3.6 廖:3.5 贾:3.5 夏:3.4 韦:3.3 付:3.2
  方:3.2 白:3.1 邹:3.0 孟:3.0 熊:2.9 秦:2.9 邱:2.8 江:2.8 尹:2.7 薛:2.6 闫:2.6 段:2.5 雷:2.5 侯:2.4
  龙:2.4 史:2.4 陶:2.3 黎:2.3 贺:2.2 顾:2.2 毛:2.1 郝:2.1 龚:2.0 邵:2.0 万:2.0 钱:1.9 严:1.9 武:1.9
  戴:1.8 孔:1.7 汤:1.6 乔:1.5 温:1.4 康:1.3 云:0.6 奇:0.2
  欧阳:0.12 司马:0.03 上官:0.03 诸葛:0.02 慕容:0.01
`);

type Era = 0 | 1 | 2; // born before 1960, 1960–1989, 1990 on: given-name fashions changed a lot.

const SINGLE_NAME_SHARE: Record<Era, number> = { 0: 0.3, 1: 0.45, 2: 0.15 };

const SINGLE: Record<Sex, string[]> = {
  M: chars('伟 强 磊 军 洋 勇 杰 涛 明 超 刚 平 辉 鹏 斌 波 宇 浩 凯 健 俊 帆 帅 旭 宁 龙 林 峰 亮 东 飞 鑫 雷 彬 博 毅 晨'),
  F: chars('芳 娜 敏 静 丽 艳 娟 霞 燕 玲 婷 雪 慧 莉 红 梅 琳 颖 倩 萍 洁 琴 蕾 晶 丹 瑶 悦 欣 璐 薇 楠'),
};

const CLASSIC_TWO: Record<Sex, Record<Era, string[]>> = {
  M: {
    0: chars('建国 国庆 建华 国华 德明 福生 永祥 振华 树林 宝山 俊德 长林 文华 玉林 金山 永胜 国强 志刚 海林 凤山 满仓 有才'),
    1: chars('志强 建军 海涛 国强 晓东 俊杰 建平 志勇 文斌 永刚 立新 海波 红军 卫东 晓明 建伟 志华 学军 春雷 宏伟 利军'),
    2: chars('子轩 浩然 宇航 梓豪 浩宇 俊熙 皓轩 宇轩 博文 一鸣 天佑 思远 明轩 嘉豪 睿泽 子墨 晨阳 佳豪 铭泽 奕辰'),
  },
  F: {
    0: chars('秀英 桂英 秀兰 玉兰 桂兰 凤英 淑珍 淑兰 玉珍 秀珍 桂芳 秀云 桂香 玉梅 凤兰 素珍 翠兰 金凤 秀芳 玉芬'),
    1: chars('丽娟 红梅 海燕 丽华 晓燕 春梅 秀梅 艳华 美玲 晓红 丽萍 彩霞 艳红 雪梅 晓丽 金花 丽丽 慧敏 亚楠 海霞'),
    2: chars('欣怡 梓涵 雨桐 一诺 子涵 诗涵 梓萱 佳怡 思琪 可欣 雨萱 语桐 紫涵 若曦 嘉怡 心怡 梦瑶 佳琪 雅静 安然'),
  },
};

// Free combinations add variety beyond the classic lists without producing odd-sounding names often.
const FIRST_CHAR: Record<Sex, string[]> = {
  M: chars('志 建 国 文 德 永 海 春 晓 俊 子 浩 宇 嘉 思 家 立 新 振 明 天 一 博 宏 学'),
  F: chars('秀 桂 玉 丽 晓 春 海 红 美 雅 思 雨 欣 梦 佳 静 诗 子 慧 婉 淑 凤 金'),
};
const SECOND_CHAR: Record<Sex, string[]> = {
  M: chars('强 军 华 明 伟 刚 平 杰 涛 斌 鹏 辉 龙 林 峰 东 轩 然 宇 豪 成 鑫 磊 飞 亮'),
  F: chars('英 兰 芳 华 梅 霞 燕 红 玲 萍 丽 娟 琳 婷 怡 涵 琪 萱 雪 洁 娜 敏'),
};

// Hohhot has a sizeable Mongol population; many use Mongolian names without a surname, and compound
// names (斯琴高娃, 额尔敦巴雅尔) are common.
const MONGOLIAN_SHARE = 0.04;
const MONGOLIAN_PARTS: Record<Sex, string[]> = {
  M: chars('巴特尔 朝鲁 孟和 宝音 那顺 毕力格 额尔敦 达来 哈斯 苏和 巴图 阿拉坦 巴雅尔 图门 敖其尔'),
  F: chars('其其格 乌云 斯琴 萨仁 图雅 娜仁 高娃 塔娜 乌兰 苏日娜 其木格 托娅'),
};

export function syntheticName(rng: Rng, sex: Sex, birthYear: number): string {
  if (rng.chance(MONGOLIAN_SHARE)) {
    const parts = MONGOLIAN_PARTS[sex];
    if (!rng.chance(0.3)) return rng.pick(parts);
    return rng.sample(parts, 2).join('');
  }
  const surname = rng.weightedPick(SURNAMES);
  const era: Era = birthYear < 1960 ? 0 : birthYear < 1990 ? 1 : 2;
  if (rng.chance(SINGLE_NAME_SHARE[era])) return surname + rng.pick(SINGLE[sex]);
  if (rng.chance(0.6)) return surname + rng.pick(CLASSIC_TWO[sex][era]);
  return surname + rng.pick(FIRST_CHAR[sex]) + rng.pick(SECOND_CHAR[sex]);
}

// Number blocks in use by the three carriers (and 147 data cards); the heavier weights are the older,
// more widely held 13x/15x/18x blocks.
const MOBILE_PREFIXES: ReadonlyArray<readonly [string, number]> = [
  ...chars('130 131 132 133 134 135 136 137 138 139').map((p) => [p, 3] as const),
  ...chars('150 151 152 153 155 156 157 158 159').map((p) => [p, 2.5] as const),
  ...chars('180 181 182 183 184 185 186 187 188 189').map((p) => [p, 2.5] as const),
  ...chars('173 175 176 177 178 191 193 195 196 198 199').map((p) => [p, 1] as const),
  ['166', 0.5], ['147', 0.5],
];

export function syntheticMobile(rng: Rng): string {
  return rng.weightedPick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

// Share of the population (%) per 5-year age band, 2020 census; the last band is 100 and over.
const AGE_BANDS = [5.5, 6.4, 6.1, 5.3, 5.3, 6.6, 8.8, 7.0, 6.7, 8.2, 8.8, 7.4, 5.2, 5.5, 3.7, 2.4, 1.6, 0.9, 0.3, 0.07, 0.01];
const MAX_AGE = 110;

function pickAge(rng: Rng, minAge: number, maxAge: number): number {
  const choices: Array<readonly [readonly [number, number], number]> = [];
  AGE_BANDS.forEach((share, i) => {
    const bandLo = i * 5;
    const bandHi = i === AGE_BANDS.length - 1 ? MAX_AGE : bandLo + 4;
    const lo = Math.max(bandLo, minAge);
    const hi = Math.min(bandHi, maxAge);
    if (lo <= hi) choices.push([[lo, hi], (share * (hi - lo + 1)) / (bandHi - bandLo + 1)]);
  });
  const [lo, hi] = rng.weightedPick(choices);
  return rng.int(lo, hi);
}

const DAY_MS = 86_400_000;
const dayNumber = (iso: string): number =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
const isoFromDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** The same month and day `years` earlier, with 29 February becoming the 28th in common years. */
function yearsBefore(iso: string, years: number): string {
  const shifted = `${String(Number(iso.slice(0, 4)) - years).padStart(4, '0')}${iso.slice(4)}`;
  return isRealIsoDate(shifted) ? shifted : `${shifted.slice(0, 8)}28`;
}

/** A birth date at which someone is exactly `age` (completed years) on `today`. */
function pickBirthDate(rng: Rng, age: number, today: string): string {
  const latest = dayNumber(yearsBefore(today, age));
  const earliest = dayNumber(yearsBefore(today, age + 1)) + 1;
  return isoFromDay(rng.int(earliest, latest));
}

// The 3-digit sequence's last digit carries the sex (odd male, even female); 000 is never issued.
function pickIdNumber(rng: Rng, regionAndBirth: string, sex: Sex, used: Set<string> | undefined): string {
  // Male 001, 003 … 999; female 002, 004 … 998.
  const count = sex === 'M' ? 500 : 499;
  const start = rng.int(0, count - 1);
  for (let i = 0; i < count; i++) {
    const k = (start + i) % count;
    const sequence = sex === 'M' ? 2 * k + 1 : 2 * k + 2;
    const first17 = regionAndBirth + String(sequence).padStart(3, '0');
    const idNumber = first17 + idNumberCheckDigit(first17);
    if (!used) return idNumber;
    if (!used.has(idNumber)) {
      used.add(idNumber);
      return idNumber;
    }
  }
  throw new Error(`all identity numbers for ${regionAndBirth} (${sex}) are used`);
}

export function syntheticPerson(rng: Rng, opts: SyntheticPersonOptions): SyntheticPerson {
  const { regionCode, today } = opts;
  const minAge = opts.minAge ?? 0;
  const maxAge = opts.maxAge ?? 90;
  if (!/^[1-9]\d{5}$/.test(regionCode)) throw new RangeError(`regionCode must be 6 digits, got ${regionCode}`);
  if (!isRealIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  if (!Number.isInteger(minAge) || !Number.isInteger(maxAge) || minAge < 0 || minAge > maxAge || maxAge > MAX_AGE) {
    throw new RangeError(`need integer ages 0 <= minAge <= maxAge <= ${MAX_AGE}, got ${minAge}..${maxAge}`);
  }

  const sex: Sex = opts.sex ?? (rng.chance(0.512) ? 'M' : 'F');
  const age = pickAge(rng, minAge, maxAge);
  const birthDate = pickBirthDate(rng, age, today);
  const name = syntheticName(rng, sex, Number(birthDate.slice(0, 4)));

  const idNumber = pickIdNumber(rng, regionCode + birthDate.replaceAll('-', ''), sex, opts.usedIdNumbers);
  // Young children have no phone of their own, and many of the very old are reached through family.
  const hasPhone = age >= 12 && !(age > 75 && rng.chance(0.3));
  return { name, sex, birthDate, idNumber, phone: hasPhone ? syntheticMobile(rng) : null };
}
