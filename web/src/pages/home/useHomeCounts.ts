import { useEffect, useState } from 'react';
import type { Permission } from '@shared/platform/policy.ts';
import { jurisdictionApi, type JurisdictionNode } from '../../api/jurisdiction.ts';
import { orgApi } from '../../api/org.ts';
import { peopleApi } from '../../api/people.ts';

export interface HomeCounts {
  top: JurisdictionNode[] | null;
  units: number | null;
  partyOrgs: number | null;
  areas: number | null;
  posts: number | null;
  /** People in one large page; `more` when the page was full. */
  people: { n: number; more: boolean } | null;
}

const EMPTY: HomeCounts = { top: null, units: null, partyOrgs: null, areas: null, posts: null, people: null };
const PEOPLE_PAGE = 200;

/** What the workbench shows, each figure read only when the role may see it; one failure leaves the others. */
export function useHomeCounts(can: (p: Permission) => boolean): HomeCounts {
  const [counts, setCounts] = useState<HomeCounts>(EMPTY);
  const tree = can('tree.read');
  const org = can('org.read');
  const people = can('people.read');
  useEffect(() => {
    let alive = true;
    const put = <K extends keyof HomeCounts>(key: K) => (value: HomeCounts[K]) => {
      if (alive) setCounts((prev) => ({ ...prev, [key]: value }));
    };
    const ignore = () => undefined;
    if (tree) jurisdictionApi.top().then(put('top')).catch(ignore);
    if (org) {
      orgApi.units().then((l) => put('units')(l.length)).catch(ignore);
      orgApi.partyOrgs().then((l) => put('partyOrgs')(l.length)).catch(ignore);
      orgApi.areas().then((l) => put('areas')(l.length)).catch(ignore);
      orgApi.posts().then((l) => put('posts')(l.length)).catch(ignore);
    }
    if (people) peopleApi.list({}, null, PEOPLE_PAGE).then((p) => put('people')({ n: p.items.length, more: p.next !== null })).catch(ignore);
    return () => {
      alive = false;
    };
  }, [tree, org, people]);
  return counts;
}
