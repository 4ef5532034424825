import { Button, Popconfirm, Space } from 'antd';
import { useI18n } from '../i18n/context';

/** Edit, history and delete for a row of a list; changing actions only for records made here. */
export function RowActions(props: { deleted: boolean; own: boolean; deleteConfirm: string; onEdit: () => void; onHistory: () => void; onDelete: () => void }) {
  const { t } = useI18n();
  const changeable = !props.deleted && props.own;
  return (
    <Space size={0}>
      {changeable && <Button type="link" size="small" onClick={props.onEdit}>{t('common.edit')}</Button>}
      <Button type="link" size="small" onClick={props.onHistory}>{t('history.title')}</Button>
      {changeable && (
        <Popconfirm title={props.deleteConfirm} onConfirm={props.onDelete}>
          <Button type="link" size="small" danger>{t('common.delete')}</Button>
        </Popconfirm>
      )}
    </Space>
  );
}
