import { useMemo, useState } from 'react';
import type { Paged } from '../../../../api/entities';
import { useUi } from '../../state/ui';
import { usePagedList } from '../../hooks/usePagedList';
import { useRecordActions } from '../../hooks/useRecordActions';

/**
 * What the activity and visit lists share: a search and filters that make the query, the paged
 * list, the record open in its form ('new' for a blank one) and the row whose history is shown.
 */
export function useLedgerList<Row, Rec, F extends object>(opts: {
  fetch: (query: F & { q?: string; offset: number; limit: number }) => Promise<Paged<Row>>;
  get: (id: string) => Promise<Rec>;
  remove: (id: string) => Promise<unknown>;
  initial?: F;
}) {
  const { revision, changed } = useUi();
  const [q, setQ] = useState('');
  const [filters, setFilters] = useState<F>(opts.initial ?? ({} as F));
  const [editing, setEditing] = useState<Rec | 'new' | null>(null);
  const [history, setHistory] = useState<Row | null>(null);
  const query = useMemo(() => ({ ...filters, q: q.trim() || undefined }), [filters, q]);
  const list = usePagedList((offset, limit) => opts.fetch({ ...query, offset, limit }), JSON.stringify([query, revision]));
  const actions = useRecordActions(opts.get, opts.remove, setEditing);
  return {
    q,
    setQ,
    filters,
    set: (patch: Partial<F>) => setFilters((f) => ({ ...f, ...patch })),
    query,
    list,
    editing,
    setEditing,
    history,
    setHistory,
    changed,
    ...actions,
    /** After a save in the form: close it and reload every list. */
    saved: () => {
      setEditing(null);
      changed();
    },
  };
}
