import { useLoad } from './useLoad.ts';

/** A whole (short) list read at once, e.g. the units or branches of a jurisdiction. */
export function useList<T>(load: () => Promise<T[]>) {
  const { data, loading, error, reload } = useLoad(load);
  return { items: data ?? [], loading, error, reload };
}
