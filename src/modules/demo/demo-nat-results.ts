import { DoorGenerateInput } from '../nat/door.schema.ts';
import type { DemoSite, DemoTube } from './demo-nat-sampling.ts';
import { demoId, type DemoWorld } from './demo-world.ts';

// After the morning: two bags of closed tubes handed to the courier, the lab's result files for them (one positive
// pool, one invalid tube, one positive single tube — so people are under control, re-samples are due and a case
// with its exposure exists), and the home-visit tasks of the round, two of them already worked at the door.

export async function runDemoNatResults(world: DemoWorld, opts: { roundId: string; sites: DemoSite[]; tubes: DemoTube[] }): Promise<void> {
  const { services, actor, seed } = world;
  const desk = services.natDesk;
  const { tubes } = opts;
  const bags: Array<{ site: DemoSite; tubes: DemoTube[]; file: string }> = [];
  for (const [s, site] of opts.sites.entries()) {
    const closed = tubes.filter((t) => t.siteKey === site.key && t.closed);
    const pooled = closed.filter((t) => !t.single).slice(0, s === 0 ? 12 : 6);
    const inBag = [...pooled, ...closed.filter((t) => t.single)];
    if (inBag.length === 0) continue;
    const barcode = `BAG3${site.key}-001`;
    const bag = await desk.openBag(actor, { id: demoId(seed, `nat.bag.${barcode}`), siteId: site.id, barcode });
    for (const t of inBag) await desk.addTubeToBag(actor, bag.id, t.barcode);
    await desk.sealBag(actor, bag.id);
    await desk.handover(actor, {
      roundId: opts.roundId, bagBarcode: barcode, courierName: s === 0 ? '张师傅（金域检验）' : '李师傅（金域检验）',
      ...(s === 0 ? { tubeBarcodes: inBag.map((t) => t.barcode) } : { tubeCount: inBag.length }),
    });
    bags.push({ site, tubes: inBag, file: `第三轮检测结果-${site.key === 'A' ? '第一批' : '第二批'}.csv` });
  }

  // The lab's files: the first bag has the findings, the second is all negative.
  for (const [b, bag] of bags.entries()) {
    const pooled = bag.tubes.filter((t) => !t.single);
    const singles = bag.tubes.filter((t) => t.single);
    const result = (t: DemoTube): string => {
      if (b > 0) return '阴性';
      if (t === pooled[0]) return '阳性';
      if (t === pooled[1]) return '无效';
      if (t === singles[0]) return '阳性';
      return '阴性';
    };
    const csv = ['管码,结果', ...bag.tubes.map((t) => `${t.barcode},${result(t)}`)].join('\n') + '\n';
    const answer = await services.natResults.importLabFile(actor, opts.roundId, { buffer: Buffer.from(csv, 'utf8'), fileName: bag.file, correction: false, lang: 'zh' });
    if (!answer.ok) throw new Error(`demo lab file refused: ${JSON.stringify(answer.errors.slice(0, 3))}`);
  }

  // Home visits: the homebound, those under control and those isolating at home; two worked already.
  await desk.generateDoorTasks(actor, opts.roundId, DoorGenerateInput.parse({}));
  const list = await desk.doorTasks(actor, opts.roundId, false);
  const homebound = list.buildings.flatMap((b) => b.tasks).filter((t) => t.reason !== 'resample').sort((a, b) => a.residentId.localeCompare(b.residentId));
  const street = world.workforce.filter((w) => world.demo.district.children[0] && w.homeKey.startsWith(`${world.demo.district.children[0].key}.`));
  for (const [i, building] of list.buildings.slice(0, 3).entries()) {
    const volunteer = street[(street.length - 1 - i + street.length) % Math.max(street.length, 1)];
    if (volunteer && building.tasks.every((t) => !t.assigneePersonId && !t.teamId)) {
      await desk.assignDoorTasks(actor, opts.roundId, { buildingId: building.id, personId: volunteer.id });
    }
  }
  const [visited, away] = homebound;
  if (visited && visited.status === 'open') {
    const barcode = 'N3D1-0001';
    await desk.openDoorTube(actor, opts.roundId, { id: demoId(seed, `nat.tube.${barcode}`), barcode, single: false });
    await desk.doorScan(actor, visited.id, { id: demoId(seed, `nat.sample.door.${visited.residentId}`), tubeBarcode: barcode });
  }
  if (away && away.status === 'open') await desk.doorOutcome(actor, away.id, { status: 'nobody_home', note: '家属外出就医，下午再来' });
}
