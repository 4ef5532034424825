import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { RecordTable } from '../../../../api/entities';
import { useI18n } from '../../i18n/context';
import { useOwn } from '../../hooks/useOwn';
import { RowActions } from '../../components/RowActions';
import { ExcelToolbar } from '../../components/ExcelToolbar';
import { HistoryDrawer, HistoryPanel } from '../../components/HistoryPanel';
import type { ListColumn } from '../../components/VirtualList';

type Row = { id: string; deleted: boolean; origin: string };

/** The list's toolbar: a new record, then the Excel template, import and export. */
export function LedgerToolbar(props: { kind: 'activities' | 'visits'; label: string; testId: string; filters: object; onNew: () => void; onImported: () => void }) {
  return (
    <>
      <Button type="primary" icon={<PlusOutlined />} onClick={props.onNew} data-testid={props.testId}>{props.label}</Button>
      <ExcelToolbar kind={props.kind} filters={props.filters as Record<string, unknown>} onImported={props.onImported} />
    </>
  );
}

/** The last column of a ledger list: edit, history, delete (changes only for records made here). */
export function useActionsColumn<R extends Row>(deleteConfirm: string, on: { open: (id: string) => void; history: (r: R) => void; remove: (id: string) => void }): ListColumn<R> {
  const own = useOwn();
  const { language } = useI18n();
  return {
    title: '',
    key: 'actions',
    width: language === 'zh' ? 170 : 180,
    fixed: 'right',
    render: (_: unknown, r: R) => (
      <RowActions deleted={r.deleted} own={own(r.origin)} deleteConfirm={deleteConfirm} onEdit={() => on.open(r.id)} onHistory={() => on.history(r)} onDelete={() => on.remove(r.id)} />
    ),
  };
}

/** A row's change history in a drawer; restoring a deleted record reloads the lists. */
export function LedgerHistory<R extends Row>(props: { table: RecordTable; row: R | null; title: (r: R) => string; onClose: () => void; onRestored: () => void }) {
  if (!props.row) return null;
  return (
    <HistoryDrawer title={props.title(props.row)} onClose={props.onClose}>
      <HistoryPanel table={props.table} id={props.row.id} deleted={props.row.deleted} onRestored={() => { props.onClose(); props.onRestored(); }} />
    </HistoryDrawer>
  );
}
