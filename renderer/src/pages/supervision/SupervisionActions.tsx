import { Button, Space } from 'antd';
import type { Problem } from '../../../../api/entities';
import { useI18n } from '../../i18n/context';

/** HQ's buttons on an office's problem: 督办, or a further note and lifting it. */
export function SupervisionActions({ p, onAct }: { p: Problem; onAct: (mode: 'mark' | 'note' | 'lift') => void }) {
  const { t } = useI18n();
  if (p.deleted) return null;
  if (!p.supervision?.active)
    return (
      <Button type="primary" danger onClick={() => onAct('mark')} data-testid="supervise-mark">
        {t('supervision.mark')}
      </Button>
    );
  return (
    <Space>
      <Button type="primary" onClick={() => onAct('note')} data-testid="supervise-note-add">{t('supervision.addNote')}</Button>
      <Button onClick={() => onAct('lift')} data-testid="supervise-lift">{t('supervision.lift')}</Button>
    </Space>
  );
}
