import { describe, expect, it } from 'vitest';
import { buildChain } from './chain.service.ts';
import { PARENT_KINDS, PartyOrgInput, partyOrgIssues } from './org.schema.ts';

// Pure rules, no database.
describe('org rules', () => {
  it('a temporary org needs a place and a start; the end may not precede the start', () => {
    expect(partyOrgIssues({ kind: 'branch' })).toEqual([]);
    expect(partyOrgIssues({ kind: 'temporary_group' }).map((i) => i.path)).toEqual(['nodeId', 'placeKind', 'startsOn']);
    expect(partyOrgIssues({ kind: 'branch', startsOn: '2022-04-02', endsOn: '2022-04-01' })).toEqual([{ path: 'endsOn', message: 'date.range' }]);
    expect(partyOrgIssues({ kind: 'branch', startsOn: '2022-04-02', endsOn: '2022-04-02' })).toEqual([]);
    const parsed = PartyOrgInput.safeParse({ kind: 'temporary_branch', name: '临时党支部' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['nodeId', 'placeKind', 'startsOn']);
  });

  it('parents: a branch under a party group or committee, a temporary group under a (temporary) branch', () => {
    expect(PARENT_KINDS.branch).toEqual(['party_group', 'party_committee']);
    expect(PARENT_KINDS.temporary_group).toEqual(['temporary_branch', 'branch']);
    expect(PARENT_KINDS.branch).not.toContain('branch');
  });

  it('assembles the chain: orgs by parent, areas under branches, posts under areas, leaders first', () => {
    const org = (id: string, kind: string, name: string, parent_id: string | null) => ({
      id, kind, name, parent_id, unit_name: null, node_name: null, place_name: null, starts_on: null, ends_on: null,
    });
    const tree = buildChain(
      [org('G', 'party_group', '党组', null), org('B2', 'branch', '乙支部', 'G'), org('B1', 'branch', '甲支部', 'G'), org('X', 'branch', '孤儿支部', 'missing')],
      [{ id: 'A', name: '责任区', branch_id: 'B1', node_name: '阳光花园', leader_name: null }],
      [{ id: 'P', name: '先锋岗', area_id: 'A', node_name: '东门', duty: null }],
      [
        { post_id: 'P', person_id: 'M2', role: 'member', name: '乙' },
        { post_id: 'P', person_id: 'M1', role: 'leader', name: '丙' },
        { post_id: 'Q', person_id: 'M3', role: 'member', name: '不在树上' },
      ],
    );
    expect(tree.map((n) => n.key)).toEqual(['party_group:G', 'branch:X']);
    expect(tree[0].children.map((n) => n.name)).toEqual(['甲支部', '乙支部']);
    const post = tree[0].children[0].children[0].children[0];
    expect(post).toMatchObject({ key: 'post:P', detail: '东门' });
    expect(post.children.map((m) => [m.key, m.detail])).toEqual([['member:P:M1', 'leader'], ['member:P:M2', 'member']]);
  });
});
