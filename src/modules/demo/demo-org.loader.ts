import type { Services } from '../../app.ts';
import type { Actor } from '../../platform/policy.ts';
import type { Rng } from './random.ts';
import { listDemoNodes, type DemoDistrict, type DemoNode } from './synthetic-district.ts';

export interface DemoOrganisation {
  units: Array<{ id: string; branchIds: string[] }>;
  posts: Array<{ id: string; communityKey: string }>;
  counts: { units: number; partyOrgs: number; areas: number; posts: number };
}

/**
 * The demo's party chain, made through the org services (each call its own transaction): every unit with its
 * party group and branches; every community with a party committee, a branch, a temporary branch at a
 * compound, responsibility areas over compounds and vanguard posts at buildings and gates.
 */
export async function loadDemoOrganisation(
  services: Services, actor: Actor, demo: DemoDistrict, ids: Map<string, string>, rng: Rng,
): Promise<DemoOrganisation> {
  const { org } = services;
  const districtId = ids.get(demo.district.key)!;
  const counts = { units: 0, partyOrgs: 0, areas: 0, posts: 0 };
  const units: DemoOrganisation['units'] = [];
  for (const u of demo.units) {
    const unit = await org.units.create(actor, { name: u.name, kind: /局|委|部|办/.test(u.name) ? 'government' : 'institution', nodeId: districtId });
    const group = await org.partyOrgs.create(actor, { kind: u.partyGroupName.endsWith('党组') ? 'party_group' : 'party_committee', name: u.partyGroupName, unitId: unit.id });
    const branchIds: string[] = [];
    for (const name of u.branches) {
      branchIds.push((await org.partyOrgs.create(actor, { kind: 'branch', name: `${u.name}${name}`, unitId: unit.id, parentId: group.id })).id);
    }
    units.push({ id: unit.id, branchIds });
    counts.units++;
    counts.partyOrgs += 1 + branchIds.length;
  }

  const posts: DemoOrganisation['posts'] = [];
  const startsOn = new Date(new Date(`${demo.today}T00:00:00Z`).getTime() - 30 * 86400000).toISOString().slice(0, 10);
  for (const community of listDemoNodes(demo.district, 'community')) {
    const communityId = ids.get(community.key)!;
    const committee = await org.partyOrgs.create(actor, { kind: 'party_committee', name: `${community.name}党委`, nodeId: communityId });
    const branch = await org.partyOrgs.create(actor, { kind: 'branch', name: `${community.name}第一党支部`, nodeId: communityId, parentId: committee.id });
    counts.partyOrgs += 2;
    const compounds = community.children.filter((c) => c.level === 'compound');
    const locked = compounds[0];
    if (locked) {
      await org.partyOrgs.create(actor, {
        kind: 'temporary_branch', name: `${locked.name}临时党支部`, parentId: committee.id, nodeId: ids.get(locked.key)!,
        placeKind: 'compound', placeName: locked.name, startsOn,
      });
      counts.partyOrgs++;
    }
    for (const [i, compound] of compounds.slice(0, 2).entries()) {
      const area = await org.areas.create(actor, { name: `${community.name}第${i + 1}党员责任区`, nodeId: ids.get(compound.key)!, branchId: branch.id });
      counts.areas++;
      const places: Array<[DemoNode, string]> = [[compound, `${compound.name}东门卡口先锋岗`]];
      const building = rng.pick(compound.children.filter((b) => b.level === 'building'));
      if (building) places.push([building, `${compound.name}${building.name}先锋岗`]);
      for (const [place, name] of places) {
        const post = await org.posts.create(actor, { name, areaId: area.id, nodeId: ids.get(place.key)!, duty: place === compound ? '出入登记、测温、扫码' : '入户排查、代购送药' });
        posts.push({ id: post.id, communityKey: community.key });
        counts.posts++;
      }
    }
  }
  return { units, posts, counts };
}

/** Puts two or three party members who live in the community on each of its posts, the first as leader. */
export async function staffDemoPosts(
  services: Services, actor: Actor, posts: DemoOrganisation['posts'], membersByCommunity: Map<string, string[]>, rng: Rng,
): Promise<void> {
  for (const post of posts) {
    const pool = membersByCommunity.get(post.communityKey) ?? [];
    for (const [i, personId] of rng.sample(pool, Math.min(pool.length, rng.int(2, 3))).entries()) {
      await services.org.posts.addMember(actor, post.id, { personId, role: i === 0 ? 'leader' : 'member' });
    }
  }
}
