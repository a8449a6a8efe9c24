import { useCallback, useEffect, useRef, useState } from 'react';
import type { Page } from '../api/client.ts';

/**
 * A list read page by page with a keyset cursor ("加载更多"). `fetchPage` must change identity when the
 * filters change (wrap it in useCallback); that restarts from the first page.
 */
export function useKeysetList<T extends { id: string }>(fetchPage: (cursor: string | null) => Promise<Page<T>>) {
  const [items, setItems] = useState<T[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await fetchPage(cursor);
        if (mine !== generation.current) return;
        setItems((prev) => (cursor ? [...prev, ...page.items.filter((i) => !prev.some((p) => p.id === i.id))] : page.items));
        setNext(page.next);
      } catch (e) {
        if (mine === generation.current) setError(e);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [fetchPage],
  );

  useEffect(() => {
    void load(null);
  }, [load]);

  return {
    items,
    loading,
    error,
    hasMore: next !== null,
    loadMore: () => (next ? load(next) : Promise.resolve()),
    reload: () => load(null),
    upsert: (item: T) =>
      setItems((prev) => (prev.some((p) => p.id === item.id) ? prev.map((p) => (p.id === item.id ? item : p)) : [item, ...prev])),
    remove: (id: string) => setItems((prev) => prev.filter((p) => p.id !== id)),
  };
}
