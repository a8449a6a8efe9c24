import { useCallback, useEffect, useState } from 'react';

/** One value read from the server; `version` (or a new `load`) reads it again. */
export function useLoad<T>(load: () => Promise<T>, version = 0) {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    setLoading(true);
    setError(null);
    try {
      setData(await load());
    } catch (e) {
      setError(e);
    } finally {
      setLoading(false);
    }
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload, version]);
  return { data, loading, error, reload };
}
