import { useLayoutEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Space, Switch, Table, Typography, type TableProps } from 'antd';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import type { usePagedList } from '../hooks/usePagedList';
import { fitColumns, type ListColumn } from './fitColumns';
import { FoldedColumns } from './FoldedColumns';

export type { ListColumn };

/** The space a list has: its width, and the height from its top to the window's bottom. */
function useBox(bottomMargin: number) {
  const ref = useRef<HTMLDivElement>(null);
  const [box, setBox] = useState({ width: 1000, height: 400 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const r = el.getBoundingClientRect();
      // Column titles that wrap (English) make a taller header row.
      const header = el.querySelector<HTMLElement>('.ant-table-header')?.offsetHeight ?? 39;
      const height = Math.max(240, Math.floor(window.innerHeight - (r.top + window.scrollY) - header - bottomMargin));
      setBox((b) => (b.width === Math.floor(r.width) && b.height === height ? b : { width: Math.floor(r.width), height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    window.addEventListener('resize', measure);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, [bottomMargin]);
  return [ref, box] as const;
}

const EXPAND_COLUMN = 36;

/**
 * The body every ledger list shares: a toolbar with its actions and the total, then a virtual
 * table fed page by page as the user scrolls.
 */
export function VirtualList<T extends { id: string }>(props: {
  list: ReturnType<typeof usePagedList<T>>;
  actions: ReactNode;
  emptyText: ReactNode;
  columns: ListColumn<T>[];
  onRow?: TableProps<T>['onRow'];
  onChange?: TableProps<T>['onChange'];
  totalTestId?: string;
}) {
  const { t, language } = useI18n();
  // Below the table: the card's and the page's padding.
  const [boxRef, box] = useBox(24 + 24 + 2);
  const { list } = props;
  // Every column that fits, the rest folded into the row's expanded part: no sideways scrolling
  // to find a status or a button, and the folded ones one click away. The expand button's column
  // takes its width from the others.
  const all = fitColumns(props.columns, box.width - 2);
  const fitted = all.folded.length > 0 ? fitColumns(props.columns, box.width - 2 - EXPAND_COLUMN) : all;
  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space>{props.actions}</Space>
        <Typography.Text type="secondary" data-testid={props.totalTestId}>{t('common.total', { n: list.total.toLocaleString() })}</Typography.Text>
      </Space>
      {list.error !== null && <Alert type="error" showIcon message={errorText(list.error, language)} style={{ marginBottom: 8 }} />}
      <div ref={boxRef}>
      <Table<T>
        virtual
        size="small"
        rowKey="id"
        loading={list.loading && list.rows.length === 0}
        dataSource={list.rows}
        pagination={false}
        scroll={{ x: fitted.width + (fitted.folded.length > 0 ? EXPAND_COLUMN : 0), y: box.height }}
        onScroll={list.onScroll}
        onRow={props.onRow}
        onChange={props.onChange}
        locale={{ emptyText: props.emptyText }}
        columns={fitted.columns}
        expandable={
          fitted.folded.length > 0
            ? { columnWidth: EXPAND_COLUMN, expandedRowRender: (record, index) => <FoldedColumns columns={fitted.folded} record={record} index={index} /> }
            : undefined
        }
      />
      </div>
    </>
  );
}

/** The "show deleted" switch of a list's filters. */
export function ShowDeleted({ onChange }: { onChange: (deleted: boolean | undefined) => void }) {
  const { t } = useI18n();
  return (
    <Space size={4}>
      <Switch size="small" onChange={(v) => onChange(v || undefined)} />
      <Typography.Text type="secondary">{t('common.showDeleted')}</Typography.Text>
    </Space>
  );
}
