import { useEffect, useState } from 'react';
import { Alert, App, AutoComplete, Button, Col, Descriptions, Drawer, Form, Input, Modal, Popconfirm, Row, Select, Space, Tabs, Timeline, Typography } from 'antd';
import type { Problem, ProblemStatus } from '../../../../api/entities';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useIsHq } from '../../hooks/useIsHq';
import { useI18n } from '../../i18n/context';
import { useLabels, useReference } from '../../hooks/useLabels';
import { errorText } from '../../lib/errors';
import { DateInput } from '../../components/DateInput';
import { HistoryPanel } from '../../components/HistoryPanel';
import { ProblemStatusTag } from '../../components/ProblemStatusTag';
import { FormDrawer } from '../../components/FormDrawer';
import { useOwn } from '../../hooks/useOwn';

type Move = { status: ProblemStatus; needsText: boolean };

/** One problem: its status moves (待办 → 办理中 → 已办结 / 无法解决), progress notes, edits, history. */
export function ProblemDetail() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const ref = useReference();
  // HQ's notes stay in HQ's ledger: reference packages carry targets and acknowledgements only.
  const hq = useIsHq();
  const l = useLabels();
  const { problemId, openProblem, openEnterprise, revision, changed } = useUi();
  const [p, setP] = useState<Problem | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [move, setMove] = useState<Move | null>(null);
  const [editing, setEditing] = useState(false);
  const [moveForm] = Form.useForm<{ resolution?: string; note?: string; date: string }>();
  const [noteForm] = Form.useForm<{ note: string; date: string }>();
  const [editForm] = Form.useForm<{ category: Problem['category']; description: string; itemNo: number | null; responsibleUnit: string; deadline: string | null }>();
  const name = (e: { name: string; nameEn: string }) => (language === 'zh' ? e.name : e.nameEn);
  const own = useOwn();

  useEffect(() => {
    if (!problemId) return;
    api['problems.get']({ id: problemId }).then(setP, (e: unknown) => setError(errorText(e, language)));
  }, [problemId, revision, language]);

  async function doMove() {
    const v = await moveForm.validateFields();
    try {
      const updated = await api['problems.setStatus']({ id: p!.id, expectedVersion: p!.version, status: move!.status, resolution: v.resolution ?? null, note: v.note ?? null, date: v.date });
      setP(updated);
      setMove(null);
      moveForm.resetFields();
      changed();
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  async function addNote() {
    const v = await noteForm.validateFields();
    try {
      setP(await api['problems.addNote']({ problemId: p!.id, date: v.date, note: v.note }));
      noteForm.resetFields();
      noteForm.setFieldValue('date', ref.today);
      changed();
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  async function remove() {
    try {
      setP(await api['problems.delete']({ id: p!.id }));
      changed();
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  const current = p && p.id === problemId ? p : null;
  const moves: { key: string; label: string; move: Move; primary?: boolean }[] = current
    ? current.status === 'open'
      ? [
          { key: 'start', label: t('problem.start'), move: { status: 'in_progress', needsText: false }, primary: true },
          { key: 'resolve', label: t('problem.resolve'), move: { status: 'resolved', needsText: true } },
          { key: 'unresolvable', label: t('problem.markUnresolvable'), move: { status: 'unresolvable', needsText: true } },
        ]
      : current.status === 'in_progress'
        ? [
            { key: 'resolve', label: t('problem.resolve'), move: { status: 'resolved', needsText: true }, primary: true },
            { key: 'unresolvable', label: t('problem.markUnresolvable'), move: { status: 'unresolvable', needsText: true } },
          ]
        : [{ key: 'reopen', label: t('problem.reopen'), move: { status: 'in_progress', needsText: false } }]
    : [];

  return (
    <Drawer
      open={problemId !== null}
      size={760}
      onClose={() => openProblem(null)}
      title={current ? <Space>{t('problem.title')}<ProblemStatusTag status={current.status} overdue={current.overdue} /></Space> : t('common.loading')}
      extra={
        current && !current.deleted && own(current.origin) ? (
          <Space>
            {moves.map((m) => (
              <Button key={m.key} type={m.primary ? 'primary' : 'default'} onClick={() => { moveForm.setFieldsValue({ date: ref.today }); setMove(m.move); }} data-testid={`problem-${m.key}`}>
                {m.label}
              </Button>
            ))}
          </Space>
        ) : null
      }
    >
      {error && <Alert type="error" showIcon message={error} />}
      {current && (
        <div data-testid="problem-detail">
          {current.overdue && <Alert type="error" showIcon style={{ marginBottom: 12 }} message={t('problem.overdueSince', { date: current.deadline ?? '' })} />}
          <Descriptions bordered size="small" column={2} style={{ marginBottom: 16 }} styles={{ label: { whiteSpace: "nowrap" } }}>
            <Descriptions.Item label={t('visit.enterprise')} span={2}>
              <Typography.Link onClick={() => openEnterprise(current.enterpriseId)}>{current.enterpriseName}</Typography.Link>
            </Descriptions.Item>
            <Descriptions.Item label={t('problem.category')}>{l.category(current.category)}</Descriptions.Item>
            <Descriptions.Item label={t('activity.item')}>{l.item(current.itemNo)}</Descriptions.Item>
            <Descriptions.Item label={t('problem.description')} span={2}>{current.description}</Descriptions.Item>
            <Descriptions.Item label={t('problem.unit')}>{current.responsibleUnit}</Descriptions.Item>
            <Descriptions.Item label={t('problem.deadline')}>{current.deadline}</Descriptions.Item>
            {current.resolution && <Descriptions.Item label={current.status === 'unresolvable' ? t('problem.reason') : t('problem.resolution')} span={2}>{current.resolution}</Descriptions.Item>}
            {current.closedOn && <Descriptions.Item label={t('problem.closedOn')}>{current.closedOn}</Descriptions.Item>}
          </Descriptions>
          <Tabs
            items={[
              {
                key: 'notes',
                label: t('problem.progress'),
                children: (
                  <>
                    <Timeline items={current.notes.map((n) => ({ children: <div><Typography.Text type="secondary">{n.date}</Typography.Text> {n.note}</div> }))} />
                    {!current.deleted && hq && <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('problem.hqNoteStaysHere')} data-testid="hq-note-hint" />}
                    {!current.deleted && (
                      <Form form={noteForm} layout="inline" initialValues={{ date: ref.today }} onFinish={() => void addNote()}>
                        <Form.Item name="date" rules={[{ required: true }]} style={{ width: 150 }}><DateInput allowClear={false} /></Form.Item>
                        <Form.Item name="note" rules={[{ required: true, whitespace: true, message: t('problem.noteRequired') }]} style={{ flex: 1 }}>
                          <Input placeholder={t('problem.notePlaceholder')} maxLength={2000} data-testid="problem-note" />
                        </Form.Item>
                        <Button htmlType="submit" data-testid="problem-add-note">{t('problem.addNote')}</Button>
                      </Form>
                    )}
                  </>
                ),
              },
              {
                key: 'edit',
                label: t('common.details'),
                children: (
                  <Space>
                    {!current.deleted && own(current.origin) && (
                      <Button
                        onClick={() => {
                          editForm.setFieldsValue({ category: current.category, description: current.description, itemNo: current.itemNo, responsibleUnit: current.responsibleUnit, deadline: current.deadline });
                          setEditing(true);
                        }}
                      >
                        {t('common.edit')}
                      </Button>
                    )}
                    {!current.deleted && own(current.origin) && (
                      <Popconfirm title={t('problem.deleteConfirm')} onConfirm={() => void remove()}>
                        <Button danger>{t('common.delete')}</Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
              { key: 'history', label: t('history.title'), children: <HistoryPanel table="problems" id={current.id} deleted={current.deleted} onRestored={changed} /> },
            ]}
          />
        </div>
      )}
      <Modal
        open={move !== null}
        title={move ? t('problem.moveTo', { status: l.status(move.status) }) : ''}
        onCancel={() => setMove(null)}
        onOk={() => void doMove()}
        okButtonProps={{ 'data-testid': 'problem-move-confirm' } as Record<string, string>}
        destroyOnHidden
      >
        <Form form={moveForm} layout="vertical">
          <Form.Item name="date" label={t('problem.moveDate')} rules={[{ required: true }]}><DateInput allowClear={false} /></Form.Item>
          {move?.needsText && (
            <Form.Item
              name="resolution"
              label={move.status === 'unresolvable' ? t('problem.reason') : t('problem.resolution')}
              rules={[{ required: true, whitespace: true, message: move.status === 'unresolvable' ? t('problem.reasonRequired') : t('problem.resolutionRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} data-testid="problem-resolution" />
            </Form.Item>
          )}
          <Form.Item name="note" label={t('problem.noteOptional')}><Input maxLength={2000} /></Form.Item>
        </Form>
      </Modal>
      {current && (
        <FormDrawer
          open={editing}
          title={t('problem.edit')}
          form={editForm}
          width={600}
          onClose={() => setEditing(false)}
          onSubmit={async (v) => {
            const saved = await api['problems.save']({ ...v, id: current.id, expectedVersion: current.version });
            setP(saved.record);
            setEditing(false);
            changed();
          }}
        >
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item name="category" label={t('problem.category')} rules={[{ required: true }]}>
                <Select options={ref.catalogues.problemCategories.map((c) => ({ value: c.id, label: name(c) }))} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="deadline" label={t('problem.deadline')}><DateInput future /></Form.Item>
            </Col>
          </Row>
          <Form.Item name="description" label={t('problem.description')} rules={[{ required: true, whitespace: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Form.Item name="itemNo" label={t('activity.item')}>
            <Select allowClear options={(ref.checklist?.items ?? []).map((i) => ({ value: i.no, label: `${i.no}. ${language === 'zh' ? i.text.slice(0, 20) : i.titleEn}` }))} />
          </Form.Item>
          <Form.Item name="responsibleUnit" label={t('problem.unit')} rules={[{ required: true, whitespace: true }]}>
            <AutoComplete options={(ref.checklist?.departments ?? []).map((d) => ({ value: name(d) }))} />
          </Form.Item>
        </FormDrawer>
      )}
    </Drawer>
  );
}
