import { useEffect, useState } from 'react';
import { App, Button, Card, Input, Space, Switch, Table, Typography } from 'antd';
import type { MilestoneView } from '../../../../api/progress-contract';
import { api } from '../../api';
import { useI18n } from '../../i18n/context';
import { useReference } from '../../hooks/useLabels';
import { errorText } from '../../lib/errors';
import { DateInput } from '../../components/DateInput';
import { useUi } from '../../state/ui';
import { useIsHq } from '../../hooks/useIsHq';

type Draft = { done: boolean; doneOn: string | null; evidence: string };

/** Milestones of the checklist (done or not, when, on what evidence). */
export function MilestonesCard() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const ref = useReference();
  const changed = useUi((s) => s.changed);
  const checklist = ref.checklist!;
  const hq = useIsHq();
  // HQ records the region's commitments (the alliance, 综保区 acceptance); each office its own (实施细则, 工作专班).
  const milestones = checklist.items.flatMap((i) => i.indicators.filter((x) => x.target.kind === 'milestone' && (x.region === 'hq_milestone') === hq));
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});

  useEffect(() => {
    api['milestones.list']({ year: checklist.year }).then(
      (list: MilestoneView[]) => setDrafts(Object.fromEntries(list.map((m) => [m.indicatorId, { done: m.done, doneOn: m.doneOn, evidence: m.evidence ?? '' }]))),
      () => setDrafts({}),
    );
  }, [checklist.year]);

  const draft = (id: string): Draft => drafts[id] ?? { done: false, doneOn: null, evidence: '' };
  const set = (id: string, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [id]: { ...draft(id), ...patch } }));

  async function save(id: string) {
    const d = draft(id);
    try {
      await api['milestones.save']({ year: checklist.year, indicatorId: id, done: d.done, doneOn: d.done ? (d.doneOn ?? ref.today) : null, evidence: d.evidence || null });
      void message.success(t('common.saved'));
      changed();
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  if (milestones.length === 0) return null;
  return (
    <Card title={t('milestone.title')} style={{ marginTop: 16 }} data-testid="milestones">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={milestones}
        columns={[
          { title: t('progress.indicator'), render: (_: unknown, m) => `${m.id.split('.')[0]}. ${language === 'zh' ? m.name : m.nameEn}` },
          { title: t('milestone.done'), width: 90, render: (_: unknown, m) => <Switch checked={draft(m.id).done} onChange={(v) => set(m.id, { done: v })} /> },
          { title: t('milestone.doneOn'), width: 170, render: (_: unknown, m) => <DateInput value={draft(m.id).doneOn} onChange={(v) => set(m.id, { doneOn: v })} /> },
          { title: t('milestone.evidence'), render: (_: unknown, m) => <Input value={draft(m.id).evidence} maxLength={1000} onChange={(e) => set(m.id, { evidence: e.target.value })} placeholder={t('milestone.evidenceHint')} /> },
          { title: '', width: 90, render: (_: unknown, m) => <Button size="small" onClick={() => void save(m.id)}>{t('common.save')}</Button> },
        ]}
      />
      <Space style={{ marginTop: 8 }}><Typography.Text type="secondary">{t('milestone.hint')}</Typography.Text></Space>
    </Card>
  );
}
