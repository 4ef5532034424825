import { useEffect, useState } from 'react';
import { App, Card, InputNumber, Table, Typography } from 'antd';
import type { QuotaView } from '../../../api/progress-contract';
import { api } from '../api';
import { useApp } from '../state/app';
import { useI18n } from '../i18n/context';
import { errorText } from '../lib/errors';
import { formatTarget } from './dashboard/format';

/** HQ breaks counted targets down into prefecture quotas; they reach offices with the reference package. */
export function QuotaEditor() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const ref = useApp((s) => s.reference!);
  const checklist = ref.checklist!;
  const [quotas, setQuotas] = useState<QuotaView[]>([]);

  useEffect(() => {
    api['targets.list']({ year: checklist.year }).then(setQuotas, () => setQuotas([]));
  }, [checklist.year]);

  const indicators = checklist.items.flatMap((i) => i.indicators.filter((x) => x.target.kind === 'min' || x.target.kind === 'exact'));
  const valueOf = (id: string, p: string) => quotas.find((q) => q.indicatorId === id && q.prefectureCode === p)?.target.value ?? null;

  async function save(indicatorId: string, prefectureCode: string, value: number | null) {
    if (value === valueOf(indicatorId, prefectureCode)) return;
    try {
      setQuotas(await api['targets.set']({ year: checklist.year, indicatorId, prefectureCode, value }));
      void message.success(t('common.saved'));
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  return (
    <Card title={t('quota.title', { year: checklist.year })} data-testid="quota-editor">
      <Typography.Paragraph type="secondary">{t('quota.hint')}</Typography.Paragraph>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        scroll={{ x: 1300, y: 420 }}
        dataSource={indicators}
        columns={[
          { title: t('progress.indicator'), fixed: 'left', width: 260, render: (_: unknown, r) => `${r.id.split('.')[0]}. ${language === 'zh' ? r.name : r.nameEn}` },
          { title: t('quota.regional'), width: 110, render: (_: unknown, r) => formatTarget(t, r.target, r.unit, language) },
          ...ref.prefectures.map((p) => ({
            title: language === 'zh' ? p.name : p.nameEn,
            width: 110,
            render: (_: unknown, r: (typeof indicators)[number]) => (
              <InputNumber
                key={`${r.id}-${p.code}-${valueOf(r.id, p.code) ?? ''}`}
                size="small"
                style={{ width: 90 }}
                defaultValue={valueOf(r.id, p.code) ?? undefined}
                placeholder="—"
                onBlur={(e) => {
                  const text = e.target.value.trim();
                  void save(r.id, p.code, text === '' ? null : Number(text));
                }}
              />
            ),
          })),
        ]}
      />
    </Card>
  );
}
