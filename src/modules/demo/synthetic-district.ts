// A demo jurisdiction tree and the government units paired with it, as plain data. The loaders that put
// it into a database live elsewhere; keeping this pure lets tests and the browser demo build it too.
// Names are modelled on Hohhot's 新城区 but the tree is invented; keys are structural paths, so a node
// keeps its key (and, through per-node forks, its contents) when the district is built larger.
import { isRealIsoDate } from '../../platform/id-number.ts';
import { createRng, type Rng } from './random.ts';

export type DemoLevel =
  | 'district' | 'street' | 'town' | 'community' | 'village' | 'compound' | 'building' | 'entrance' | 'household';

export interface DemoNode {
  key: string;
  level: DemoLevel;
  name: string;
  /** Statistical division code (统计用区划代码) for district, street/town and community/village levels. */
  code?: string;
  children: DemoNode[];
}

export interface DemoUnit {
  key: string;
  name: string;
  partyGroupName: string;
  branches: string[];
  /** Key of the community or village node this unit is paired with (结对共建). */
  pairedCommunityKey: string;
}

export interface DemoDistrict {
  seed: number;
  today: string;
  district: DemoNode;
  units: DemoUnit[];
}

export interface BuildDemoDistrictOptions {
  seed: number;
  /** Total communities (社区) across all streets, 4 per street; defaults to 4. Villages come extra. */
  communities?: number;
  /** YYYY-MM-DD; recorded so residents generated for this district share the same "now". */
  today: string;
}

export const DEMO_DISTRICT_CODE = '150102';
export const DEMO_DISTRICT_NAME = '新城区';
export const COMMUNITIES_PER_STREET = 4;
// Street codes run 001–099 (100 and up are towns), so at most 99 streets of 4.
export const MAX_DEMO_COMMUNITIES = 99 * 4;

const words = (list: string): string[] => list.trim().split(/\s+/);

// Real street names of 新城区 first, then plausible ones after Hohhot roads.
const STREET_NAMES = words(`
  海拉尔东路街道 锡林郭勒北路街道 迎新路街道 东街街道 西街街道 东风路街道 中山东路街道 成吉思汗大街街道
  兴安北路街道 新华东街街道 呼伦贝尔北路街道 公园东路街道 艺术厅街道 丁香路街道
`);

const COMMUNITY_NAMES = words(`
  北垣社区 东风社区 光华社区 新华社区 青城社区 团结社区 兴安社区 八一社区 满都海社区 富丽社区
  民族社区 锡林社区 海东社区 园丁社区 友谊社区 正泰社区 如意社区 和平社区 金宇社区 育才社区
  光明社区 春华社区 幸福社区 文化社区 东瓦窑社区 工农兵社区 爱民社区 苁蓉社区 车站东街社区 建华社区
  讨号板社区 哲里木社区 五里营社区 南门外社区 水源社区 电力社区 铁路社区 纺织社区 滨河社区 通道社区
  公主府社区 巧报社区 丰州社区 乌兰察布社区 双树社区 西落凤社区 三里营社区 景观社区
`);

const COMPOUND_NAMES = words(`
  幸福小区 电力小区 铁路家属院 阳光花园 锦绣华庭 万锦花园 金桥小区 民族家园 昭君花园 青城佳苑
  园丁小区 水利厅家属院 粮食局家属院 气象局家属院 税务局家属院 医院家属楼 纺织厂小区 毛纺厂小区
  康居小区 丽苑小区 新城花园 春华小区 和谐家园 祥和小区 东风小区 公园东路小区 兴安北路小区
  电厂家属院 机务段小区 乳业家园 嘉苑小区 富强小区 明珠花园 书香苑 金地华府 惠民小区 安居小区
`);

const TOWN = { name: '保合少镇', code: `${DEMO_DISTRICT_CODE}100` };
const VILLAGE_NAMES = words('奎素村 水磨村 恼包村 大窑村 保合少村 野马图村 面铺窑村 讨思浩村');

// Units and their branches, "name|branch,branch". Leading bodies default to 党组; 区委 departments are
// party organs themselves, so their members are led by a 机关党总支 instead.
const UNIT_POOL = words(`
  市文物保护中心|机关党支部,昭君博物院党支部,五塔寺召庙文化博物馆党支部
  市文化旅游广电局|机关第一党支部,机关第二党支部,离退休干部党支部
  市自然资源局|机关党支部,不动产登记中心党支部
  市住房和城乡建设局|机关第一党支部,机关第二党支部,住房保障中心党支部
  市生态环境局|机关党支部,环境监测站党支部
  市水务局|机关党支部,水资源服务中心党支部
  市统计局|机关党支部
  市审计局|机关党支部,审计信息中心党支部
  市民政局|机关党支部,社会福利院党支部
  市财政局|机关第一党支部,机关第二党支部,国库支付中心党支部
  市交通运输局|机关党支部,公路管理处党支部
  市市场监督管理局|机关党支部,食品药品检验所党支部
  市医疗保障局|机关党支部,医保服务中心党支部
  市档案馆|机关党支部
  市农牧局|机关党支部,农牧业技术推广中心党支部
  市林业和草原局|机关党支部,大青山林场党支部
  市总工会|机关党支部,工人文化宫党支部
  团市委|机关党支部
  市妇联|机关党支部
  市税务局第二分局|第一党支部,第二党支部,第三党支部
  区委组织部|机关第一党支部,机关第二党支部
  区委宣传部|机关党支部,融媒体中心党支部
  区委统战部|机关党支部
  区卫健委|机关党支部,疾病预防控制中心党支部,妇幼保健计划生育服务中心党支部
  区教育局|机关党支部,教育督导室党支部
  区民政局|机关党支部
  区财政局|机关党支部,财政投资评审中心党支部
  区人力资源和社会保障局|机关党支部,就业服务中心党支部
  区司法局|机关党支部,公共法律服务中心党支部
  区应急管理局|机关党支部
  区发展和改革委员会|机关党支部
  区住房和城乡建设局|机关党支部
  区农牧水务局|机关党支部
  区文化旅游体育局|机关党支部,文化馆党支部
  区退役军人事务局|机关党支部
  区市场监督管理局|机关党支部
  区人民法院|机关第一党支部,审判业务党支部
  区人民检察院|机关党支部
  区总工会|机关党支部
  团区委|机关党支部
  区妇联|机关党支部
`).map((line) => {
  const [name = '', branches = ''] = line.split('|');
  const partyGroupName = name.startsWith('区委') ? `${name}机关党总支` : `${name}党组`;
  return { name, partyGroupName, branches: branches.split(',') };
});

function taxOffice(n: number): (typeof UNIT_POOL)[number] {
  const name = `市税务局第${cnNumber(n)}分局`;
  return { name, partyGroupName: `${name}党组`, branches: ['第一党支部', '第二党支部'] };
}

const CN_DIGITS = '零一二三四五六七八九';

/** Chinese numerals for 1–999, as used in names like 第十二分局. */
function cnNumber(n: number): string {
  if (n < 10) return CN_DIGITS.charAt(n);
  if (n < 100) {
    const ones = n % 10 === 0 ? '' : CN_DIGITS.charAt(n % 10);
    return n < 20 ? `十${ones}` : `${CN_DIGITS.charAt(Math.floor(n / 10))}十${ones}`;
  }
  if (n >= 1000) return String(n);
  const rest = n % 100;
  const tail = rest === 0 ? '' : rest < 10 ? `零${CN_DIGITS.charAt(rest)}` : rest < 20 ? `一${cnNumber(rest)}` : cnNumber(rest);
  return `${CN_DIGITS.charAt(Math.floor(n / 100))}百${tail}`;
}

/** The i-th name (0-based) of a shuffled pool; past its end, numbered variants keep names unique. */
function nthName(pool: readonly string[], i: number, suffix: string): string {
  const base = pool[i % pool.length] ?? '';
  const round = Math.floor(i / pool.length);
  return round === 0 ? base : `${base.slice(0, -suffix.length)}${cnNumber(round + 1)}${suffix}`;
}

const pad3 = (n: number): string => String(n).padStart(3, '0');

function buildEntrance(rng: Rng, key: string, number: number): DemoNode {
  // 2 or 3 doors a floor, and enough floors for 6–12 households in the entrance.
  const doors = rng.weightedPick([[2, 4], [3, 1]] as const);
  const floors = rng.int(Math.ceil(6 / doors), Math.floor(12 / doors));
  const children: DemoNode[] = [];
  for (let floor = 1; floor <= floors; floor++) {
    for (let door = 1; door <= doors; door++) {
      const room = `${floor}0${door}`;
      children.push({ key: `${key}.h${room}`, level: 'household', name: `${room}室`, children: [] });
    }
  }
  return { key, level: 'entrance', name: `${number}单元`, children };
}

function buildCompound(rng: Rng, key: string, name: string): DemoNode {
  const children: DemoNode[] = [];
  const buildings = rng.int(2, 6);
  for (let b = 1; b <= buildings; b++) {
    const buildingKey = `${key}.b${b}`;
    const entrances: DemoNode[] = [];
    const entranceCount = rng.int(1, 3);
    for (let e = 1; e <= entranceCount; e++) entrances.push(buildEntrance(rng, `${buildingKey}.e${e}`, e));
    children.push({ key: buildingKey, level: 'building', name: `${b}号楼`, children: entrances });
  }
  return { key, level: 'compound', name, children };
}

function buildCommunity(root: Rng, key: string, name: string, code: string): DemoNode {
  const rng = root.fork(key);
  const names = rng.sample(COMPOUND_NAMES, rng.int(2, 4));
  const children = names.map((compoundName, i) => buildCompound(rng, `${key}.p${i + 1}`, compoundName));
  return { key, level: 'community', name, code, children };
}

function buildVillage(root: Rng, key: string, name: string, code: string): DemoNode {
  const rng = root.fork(key);
  // Village houses are addressed by house number, not by building and door.
  const numbers = rng.sample(Array.from({ length: 40 }, (_, i) => i + 1), rng.int(4, 8)).sort((a, b) => a - b);
  const children = numbers.map((n): DemoNode => ({ key: `${key}.h${n}`, level: 'household', name: `${n}号`, children: [] }));
  return { key, level: 'village', name, code, children };
}

export function buildDemoDistrict(options: BuildDemoDistrictOptions): DemoDistrict {
  const { seed, today } = options;
  const communities = options.communities ?? COMMUNITIES_PER_STREET;
  if (!Number.isInteger(communities) || communities < 1 || communities > MAX_DEMO_COMMUNITIES) {
    throw new RangeError(`communities must be an integer from 1 to ${MAX_DEMO_COMMUNITIES}, got ${communities}`);
  }
  if (!isRealIsoDate(today)) throw new RangeError(`today must be YYYY-MM-DD, got ${today}`);
  const rng = createRng(seed);

  const streetNames = rng.fork('street-names').shuffle(STREET_NAMES);
  const communityNames = rng.fork('community-names').shuffle(COMMUNITY_NAMES);
  const streets: DemoNode[] = [];
  const communityLevel: DemoNode[] = [];
  for (let s = 0; s * COMMUNITIES_PER_STREET < communities; s++) {
    const streetKey = `d.s${s + 1}`;
    const streetCode = DEMO_DISTRICT_CODE + pad3(s + 1);
    const children: DemoNode[] = [];
    const count = Math.min(COMMUNITIES_PER_STREET, communities - s * COMMUNITIES_PER_STREET);
    for (let c = 0; c < count; c++) {
      const name = nthName(communityNames, s * COMMUNITIES_PER_STREET + c, '社区');
      children.push(buildCommunity(rng, `${streetKey}.c${c + 1}`, name, streetCode + pad3(c + 1)));
    }
    communityLevel.push(...children);
    streets.push({ key: streetKey, level: 'street', name: nthName(streetNames, s, '街道'), code: streetCode, children });
  }

  const townKey = 'd.t1';
  const villageNames = rng.fork('village-names').sample(VILLAGE_NAMES, 2);
  // Village committees are numbered from 201 in the division codes; 001–199 are urban committees.
  const villages = villageNames.map((name, i) => buildVillage(rng, `${townKey}.v${i + 1}`, name, TOWN.code + String(201 + i)));
  communityLevel.push(...villages);
  const town: DemoNode = { key: townKey, level: 'town', name: TOWN.name, code: TOWN.code, children: villages };

  const pool = rng.fork('units').shuffle(UNIT_POOL);
  const units = communityLevel.map((community, i): DemoUnit => {
    // Past the pool's end, more branch offices of the tax bureau (which has dozens) fill in.
    const entry = pool[i] ?? taxOffice(i - pool.length + 3);
    return { key: `u${i + 1}`, ...entry, branches: [...entry.branches], pairedCommunityKey: community.key };
  });

  const district: DemoNode = {
    key: 'd', level: 'district', name: DEMO_DISTRICT_NAME, code: DEMO_DISTRICT_CODE, children: [...streets, town],
  };
  return { seed, today, district, units };
}

/** Every node under (and including) `root`, depth-first in tree order; optionally only one level. */
export function listDemoNodes(root: DemoNode, level?: DemoLevel): DemoNode[] {
  const out: DemoNode[] = [];
  const stack: DemoNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (level === undefined || node.level === level) out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

// Household sizes, roughly the 2020 census distribution (average about 2.6 people).
const HOUSEHOLD_SIZES: ReadonlyArray<readonly [number, number]> = [[1, 25], [2, 30], [3, 21], [4, 13], [5, 7], [6, 4]];

/**
 * Household keys for `count` residents; entries with the same key are one family and are adjacent.
 * Homes are filled in random order, so with fewer residents than homes some stay empty, as real ones do;
 * with more, further passes add people to households already used.
 */
export function pickHomeLocations(root: DemoNode, rng: Rng, count: number): string[] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`count must be a non-negative integer, got ${count}`);
  const homes = listDemoNodes(root, 'household').map((node) => node.key);
  if (homes.length === 0) {
    if (count === 0) return [];
    throw new RangeError(`no households under ${root.key}`);
  }
  const sizes = new Map<string, number>();
  let placed = 0;
  while (placed < count) {
    for (const home of rng.shuffle(homes)) {
      const size = Math.min(rng.weightedPick(HOUSEHOLD_SIZES), count - placed);
      sizes.set(home, (sizes.get(home) ?? 0) + size);
      placed += size;
      if (placed === count) break;
    }
  }
  return [...sizes].flatMap(([home, size]) => Array<string>(size).fill(home));
}
