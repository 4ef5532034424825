import { describe, expect, it } from 'vitest';
import { fitColumns, type ListColumn } from '../../renderer/src/components/fitColumns';

type R = { id: string };
const cols: ListColumn<R>[] = [
  { key: 'name', width: 200, flex: true },
  { key: 'kind', width: 160, fold: 2, ellipsis: true },
  { key: 'county', width: 90, fold: 3 },
  { key: 'status', width: 150 },
  { key: 'actions', width: 170 },
];
const keys = (r: ReturnType<typeof fitColumns<R>>) => r.columns.map((c) => c.key);

describe('list columns fitted to the width', () => {
  it('keeps every column when they fit, widening the flexible and ellipsis ones', () => {
    const r = fitColumns(cols, 1000);
    expect(keys(r)).toEqual(['name', 'kind', 'county', 'status', 'actions']);
    expect(r.width).toBeLessThanOrEqual(1000);
    expect(r.width).toBeGreaterThan(995);
    expect(r.columns[0]!.width).toBe(200 + 115);
  });
  it('folds secondary columns, highest fold first, until the rest fit', () => {
    expect(keys(fitColumns(cols, 700))).toEqual(['name', 'kind', 'status', 'actions']);
    expect(keys(fitColumns(cols, 600))).toEqual(['name', 'status', 'actions']);
  });
  it('returns the folded columns in their list order, for the row’s expanded part', () => {
    expect(fitColumns(cols, 1000).folded).toEqual([]);
    expect(fitColumns(cols, 700).folded.map((c) => c.key)).toEqual(['county']);
    expect(fitColumns(cols, 600).folded.map((c) => c.key)).toEqual(['kind', 'county']);
  });
  it('never folds the identifying column, the status or the actions', () => {
    const r = fitColumns(cols, 300);
    expect(keys(r)).toEqual(['name', 'status', 'actions']);
    expect(r.width).toBe(520);
  });
});
