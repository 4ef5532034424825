import { Space, Tag, Typography } from 'antd';
import type { TimelineItemProps } from 'antd';
import type { Problem } from '../../../../api/entities';
import type { Translate } from '../../i18n';
import { formatDate } from '../../lib/dates';
import { problemTimeline, type TimelineEntry } from './timeline';

/** The timeline's items: an office's note as before, HQ's in its own colour, tagged 总部督办. */
export function timelineItems(p: Problem, t: Translate, show: (note: string) => string = (n) => n): TimelineItemProps[] {
  return problemTimeline(p).map((e) => (e.kind === 'hq' ? hqItem(e, t) : officeItem(e, t, show)));
}

function officeItem(e: Extract<TimelineEntry, { kind: 'office' }>, t: Translate, show: (note: string) => string): TimelineItemProps {
  return {
    key: e.note.id,
    color: e.answers ? 'green' : 'blue',
    children: (
      <div data-testid={e.answers ? 'timeline-answer' : 'timeline-note'} style={e.answers ? { marginLeft: 16 } : undefined}>
        <Typography.Text type="secondary">{e.note.date}</Typography.Text>{' '}
        {e.answers && <Tag color="green">{t('supervision.answer')}</Tag>}
        {show(e.note.note)}
      </div>
    ),
  };
}

function hqItem(e: Extract<TimelineEntry, { kind: 'hq' }>, t: Translate): TimelineItemProps {
  const n = e.note;
  const kind = n.kind === 'lift' ? t('supervision.kind.lift') : e.first ? t('supervision.kind.mark') : t('supervision.kind.note');
  return {
    key: n.id,
    color: n.kind === 'lift' ? 'gray' : 'red',
    children: (
      <div data-testid="timeline-hq" style={{ background: '#fff7e6', border: '1px solid #ffd591', borderRadius: 6, padding: '4px 8px' }}>
        <Space size={4} wrap>
          <Typography.Text type="secondary">{formatDate(n.createdAt)}</Typography.Text>
          <Tag color="volcano">{t('supervision.fromHq')}</Tag>
          <Typography.Text strong>{kind}</Typography.Text>
          {n.deadline && <Tag>{t('supervision.deadlineSet', { date: n.deadline })}</Tag>}
          <Typography.Text type="secondary">{n.author}</Typography.Text>
        </Space>
        {n.note && <div style={{ whiteSpace: 'pre-wrap' }}>{n.note}</div>}
      </div>
    ),
  };
}
