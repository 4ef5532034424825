import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { Paged } from '../../../api/entities';

const PAGE = 200;

/**
 * Rows of a long list, fetched a page at a time as the user scrolls a virtual table, so that a
 * register of 100,000 enterprises opens as fast as one of 100.
 */
export function usePagedList<T>(fetchPage: (offset: number, limit: number) => Promise<Paged<T>>, key: string) {
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);
  const loadingRef = useRef(false);
  const fetchRef = useRef(fetchPage);
  useLayoutEffect(() => {
    fetchRef.current = fetchPage;
  });

  const load = useCallback(async (offset: number, replace: boolean) => {
    const gen = replace ? ++generation.current : generation.current;
    loadingRef.current = true;
    setLoading(true);
    try {
      const page = await fetchRef.current(offset, PAGE);
      if (gen !== generation.current) return;
      setTotal(page.total);
      setRows((prev) => (replace ? page.rows : [...prev, ...page.rows]));
      setError(null);
    } catch (e) {
      if (gen === generation.current) setError(e);
    } finally {
      if (gen === generation.current) {
        loadingRef.current = false;
        setLoading(false);
      }
    }
  }, []);

  useEffect(() => {
    void load(0, true);
  }, [key, load]);

  const loadMore = useCallback(() => {
    if (!loadingRef.current && rows.length < total) void load(rows.length, false);
  }, [rows.length, total, load]);

  const reload = useCallback(() => load(0, true), [load]);

  /** Hand to the virtual Table's onScroll: fetches the next page near the bottom. */
  const onScroll = useCallback(
    (e: React.UIEvent<HTMLElement>) => {
      const el = e.currentTarget;
      if (el.scrollHeight - el.scrollTop - el.clientHeight < 400) loadMore();
    },
    [loadMore],
  );

  return { rows, total, loading, error, reload, loadMore, onScroll };
}
