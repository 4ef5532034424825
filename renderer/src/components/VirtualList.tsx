import type { ReactNode } from 'react';
import { Alert, Space, Switch, Table, Typography, type TableProps } from 'antd';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import { useTableHeight } from '../hooks/useTableHeight';
import type { usePagedList } from '../hooks/usePagedList';

/**
 * The body every ledger list shares: a toolbar with its actions and the total, then a virtual
 * table fed page by page as the user scrolls.
 */
export function VirtualList<T extends { id: string }>(props: {
  list: ReturnType<typeof usePagedList<T>>;
  actions: ReactNode;
  width: number;
  emptyText: ReactNode;
  columns: TableProps<T>['columns'];
  onRow?: TableProps<T>['onRow'];
  onChange?: TableProps<T>['onChange'];
  totalTestId?: string;
}) {
  const { t, language } = useI18n();
  const height = useTableHeight(330);
  const { list } = props;
  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }}>
        <Space>{props.actions}</Space>
        <Typography.Text type="secondary" data-testid={props.totalTestId}>{t('common.total', { n: list.total.toLocaleString() })}</Typography.Text>
      </Space>
      {list.error !== null && <Alert type="error" showIcon message={errorText(list.error, language)} style={{ marginBottom: 8 }} />}
      <Table<T>
        virtual
        size="small"
        rowKey="id"
        loading={list.loading && list.rows.length === 0}
        dataSource={list.rows}
        pagination={false}
        scroll={{ x: props.width, y: height }}
        onScroll={list.onScroll}
        onRow={props.onRow}
        onChange={props.onChange}
        locale={{ emptyText: props.emptyText }}
        columns={props.columns}
      />
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
