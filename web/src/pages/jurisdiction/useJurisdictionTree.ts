import { useCallback, useRef, useState } from 'react';
import { jurisdictionApi, type JurisdictionNode } from '../../api/jurisdiction.ts';

export const ROOT = '__root__';

/**
 * The tree is loaded one level at a time: `lists[parentKey]` holds the children of each opened node
 * (ROOT: the account's top nodes). Changes re-read only the affected lists.
 */
export function useJurisdictionTree() {
  const [lists, setLists] = useState<Record<string, JurisdictionNode[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const [loaded, setLoaded] = useState<string[]>([]);
  const listsRef = useRef(lists);
  listsRef.current = lists;

  const fetchList = useCallback(async (key: string) => {
    const list = key === ROOT ? await jurisdictionApi.top() : await jurisdictionApi.children(key);
    listsRef.current = { ...listsRef.current, [key]: list };
    setLists(listsRef.current);
    setLoaded((prev) => (prev.includes(key) ? prev : [...prev, key]));
    return list;
  }, []);

  /** The key of the list that shows this node (its parent, or ROOT for a top node). */
  const containerOf = useCallback((id: string): string | null => {
    for (const [key, list] of Object.entries(listsRef.current)) if (list.some((n) => n.id === id)) return key;
    return null;
  }, []);

  const findNode = useCallback((id: string): JurisdictionNode | undefined => {
    for (const list of Object.values(listsRef.current)) {
      const hit = list.find((n) => n.id === id);
      if (hit) return hit;
    }
    return undefined;
  }, []);

  /** Re-reads a node's children and the list it sits in (its child count changed). */
  const refreshAround = useCallback(
    async (parentKey: string | null) => {
      const key = parentKey ?? ROOT;
      const jobs: Array<Promise<unknown>> = [fetchList(key)];
      if (key !== ROOT) {
        const container = containerOf(key);
        if (container) jobs.push(fetchList(container));
      }
      await Promise.all(jobs);
    },
    [fetchList, containerOf],
  );

  const expand = useCallback((keys: string[]) => {
    setExpanded((prev) => [...new Set([...prev, ...keys])]);
  }, []);

  /** Opens the tree down to a node: loads every ancestor's children, then expands them. */
  const reveal = useCallback(
    async (id: string) => {
      const detail = await jurisdictionApi.get(id);
      if (!listsRef.current[ROOT]) await fetchList(ROOT);
      // Ancestors may start above the account's reach (a community secretary sees 区 / 街道 in the path
      // but can open only from its own community down): walk from the first one that is a top node.
      const top = listsRef.current[ROOT] ?? [];
      const ids = detail.ancestors.map((a) => a.id);
      const start = ids.findIndex((id) => top.some((n) => n.id === id));
      const path = start < 0 ? [] : ids.slice(start);
      for (const key of path) if (!listsRef.current[key]) await fetchList(key);
      expand(path);
      return detail;
    },
    [fetchList, expand],
  );

  /** Drops everything below the top nodes (after a move the old lists are stale). */
  const reset = useCallback(async () => {
    listsRef.current = {};
    setLists({});
    setLoaded([]);
    setExpanded([]);
    await fetchList(ROOT);
  }, [fetchList]);

  return { lists, expanded, setExpanded, loaded, fetchList, refreshAround, containerOf, findNode, reveal, expand, reset };
}
