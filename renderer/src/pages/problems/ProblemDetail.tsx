import { useState } from 'react';
import { Alert, App, Button, Drawer, Form, Popconfirm, Space, Tabs } from 'antd';
import { api } from '../../api';
import { useUi } from '../../state/ui';
import { useI18n } from '../../i18n/context';
import { useOwn } from '../../hooks/useOwn';
import { useGuardedClose } from '../../hooks/useGuardedClose';
import { errorText } from '../../lib/errors';
import { HistoryPanel } from '../../components/HistoryPanel';
import { ProblemStatusTag } from '../../components/ProblemStatusTag';
import { useProblem } from './detail/useProblem';
import { movesFor, type Move } from './detail/moves';
import { ProblemFacts } from './detail/ProblemFacts';
import { ProblemNotes, type NoteValues } from './detail/ProblemNotes';
import { ProblemMoveModal } from './detail/ProblemMoveModal';
import { ProblemEditDrawer } from './detail/ProblemEditDrawer';
import { useIsHq } from '../../hooks/useIsHq';
import { SupervisionActions } from '../supervision/SupervisionActions';
import { SupervisionBanner } from '../supervision/SupervisionBanner';
import { SuperviseModal, type SuperviseMode } from '../supervision/SuperviseModal';

/**
 * One problem: its status moves (待办 → 办理中 → 已办结 / 无法解决), progress notes, edits, history;
 * HQ's 督办 on it, which HQ marks, adds to and lifts on an office's problem.
 */
export function ProblemDetail() {
  const { t, language } = useI18n();
  const { message } = App.useApp();
  const { problemId, openProblem, changed } = useUi();
  const { current, setP, error } = useProblem();
  const [move, setMove] = useState<Move | null>(null);
  const [editing, setEditing] = useState(false);
  const [noteForm] = Form.useForm<NoteValues>();
  const guardedClose = useGuardedClose();
  const own = useOwn();
  const changeable = current !== null && !current.deleted && own(current.origin);
  const [supervise, setSupervise] = useState<SuperviseMode | null>(null);
  const supervises = useIsHq() && current !== null && !own(current.origin);
  const saved = (p: NonNullable<typeof current>) => {
    setP(p);
    changed();
  };

  async function remove() {
    try {
      saved(await api['problems.delete']({ id: current!.id }));
    } catch (e) {
      void message.error(errorText(e, language));
    }
  }

  // A progress note being typed is unsaved work too: closing asks, and Escape in a dropdown stays there.
  const close = (e?: unknown) =>
    guardedClose(e, Boolean(noteForm.getFieldValue('note')?.trim()), () => {
      noteForm.resetFields();
      openProblem(null);
    });

  return (
    <Drawer
      open={problemId !== null}
      size={760}
      onClose={close}
      title={current ? <Space>{t('problem.title')}<ProblemStatusTag status={current.status} overdue={current.overdue} /></Space> : t('common.loading')}
      extra={
        changeable ? (
          <Space>
            {movesFor(current, t).map((m) => (
              <Button key={m.key} type={m.primary ? 'primary' : 'default'} onClick={() => setMove(m.move)} data-testid={`problem-${m.key}`}>
                {m.label}
              </Button>
            ))}
          </Space>
        ) : supervises ? (
          <SupervisionActions p={current} onAct={setSupervise} />
        ) : null
      }
    >
      {error && <Alert type="error" showIcon message={error} />}
      {current && (
        <div data-testid="problem-detail">
          <SupervisionBanner p={current} />
          <ProblemFacts p={current} />
          <Tabs
            items={[
              { key: 'notes', label: t('problem.progress'), children: <ProblemNotes p={current} form={noteForm} onSaved={saved} /> },
              {
                key: 'edit',
                label: t('common.details'),
                children: changeable && (
                  <Space>
                    <Button onClick={() => setEditing(true)}>{t('common.edit')}</Button>
                    <Popconfirm title={t('problem.deleteConfirm')} onConfirm={() => void remove()}>
                      <Button danger>{t('common.delete')}</Button>
                    </Popconfirm>
                  </Space>
                ),
              },
              { key: 'history', label: t('history.title'), children: <HistoryPanel table="problems" id={current.id} deleted={current.deleted} onRestored={changed} /> },
            ]}
          />
          <ProblemMoveModal p={current} move={move} onClose={() => setMove(null)} onSaved={(p) => { setMove(null); saved(p); }} />
          <SuperviseModal p={current} mode={supervise} onClose={() => setSupervise(null)} onSaved={() => { setSupervise(null); changed(); }} />
          <ProblemEditDrawer p={current} open={editing} onClose={() => setEditing(false)} onSaved={(p) => { setEditing(false); saved(p); }} />
        </div>
      )}
    </Drawer>
  );
}
