import type { TableColumnType } from 'antd';

/**
 * A list column. `width` is what it needs; the one column with `flex` (the record's name or
 * title) takes what is left, at least its width; columns with `fold` are secondary and are left
 * out, highest `fold` first, when the list is narrower than all of them (they stay in the row's
 * detail, form and Excel export).
 */
export type ListColumn<T> = TableColumnType<T> & { width: number; flex?: true; fold?: number };

/**
 * The columns that fit `available` pixels, with the flexible one widened to fill the rest, and
 * those folded, in their order, for the row's expanded part.
 */
export function fitColumns<T>(columns: ListColumn<T>[], available: number): { columns: TableColumnType<T>[]; width: number; folded: ListColumn<T>[] } {
  const sum = (cs: ListColumn<T>[]) => cs.reduce((n, c) => n + c.width, 0);
  let shown = columns;
  const folds = columns.filter((c) => c.fold !== undefined).sort((a, b) => b.fold! - a.fold!);
  for (const c of folds) {
    if (sum(shown) <= available) break;
    shown = shown.filter((s) => s !== c);
  }
  // Room to spare (a 1920-pixel screen) goes to the flexible column and to those cut short with an
  // ellipsis, so that no column text is truncated beside an empty strip.
  const spare = Math.max(0, available - sum(shown));
  const growing = shown.filter((c) => c.flex || c.ellipsis);
  const share = growing.length ? Math.floor(spare / growing.length) : 0;
  const out = shown.map((col) => {
    const { flex: _flex, fold: _fold, ...c } = col;
    return growing.includes(col) ? { ...c, width: c.width + share } : c;
  });
  const folded = columns.filter((c) => !shown.includes(c));
  return { columns: out, width: Math.max(sum(shown) + (growing.length ? share * growing.length : 0), sum(shown)), folded };
}
