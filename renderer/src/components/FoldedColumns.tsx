import type { ReactNode } from 'react';
import { Descriptions } from 'antd';
import type { ListColumn } from './fitColumns';

/** A list column's cell for one record, as the column itself renders it. */
function cell<T>(column: ListColumn<T>, record: T, index: number): ReactNode {
  const key = column.dataIndex;
  const value = typeof key === 'string' ? (record as Record<string, unknown>)[key] : undefined;
  if (column.render) return column.render(value, record, index) as ReactNode;
  return value === null || value === undefined ? '' : String(value as string | number);
}

/**
 * The columns a narrow list folded away (county, industry, service officer … at 1366×768),
 * shown in the row's expanded part, each as its column shows it, so that nothing is reachable
 * only through the detail drawer, the form or the export.
 */
export function FoldedColumns<T>(props: { columns: ListColumn<T>[]; record: T; index: number }) {
  const items = props.columns.map((c, i) => ({ key: String(c.key ?? (typeof c.dataIndex === 'string' ? c.dataIndex : i)), label: c.title as ReactNode, children: cell(c, props.record, props.index) }));
  return <Descriptions size="small" column={items.length} items={items} data-testid="folded-columns" style={{ paddingInlineStart: 8 }} />;
}
