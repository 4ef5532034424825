import type { Database } from 'better-sqlite3';
import { reminderSubjects, supervisionKinds, type ReminderSubject, type SupervisionKind } from '../../api/supervision-contract';
import { FieldErrors } from '../errors';
import type { TableSpec } from '../records';
import { isRealDate, today } from '../clock';
import { findPrefecture } from '../reference/bundled';
import { sql } from '../statements';
import { checkPlainText } from '../validation/text';

/** One supervision item as stored: HQ's record addressed to one office installation. */
export interface SupervisionFields {
  kind: SupervisionKind;
  prefectureCode: string;
  officeId: string;
  problemId: string | null;
  note: string;
  deadline: string | null;
  about: ReminderSubject | null;
  doneAt: string | null;
  author: string;
}

export const supervisionSpec: TableSpec<SupervisionFields> = {
  table: 'supervision_items',
  label: { en: 'supervision item', zh: '督办事项' },
  columns: {
    kind: 'kind',
    prefectureCode: 'prefecture_code',
    officeId: 'office_id',
    problemId: 'problem_id',
    note: 'note',
    deadline: 'deadline',
    about: 'about',
    doneAt: 'done_at',
    author: 'author',
  },
};

const ISO_TIME = /^\d{4}-\d{2}-\d{2}T[0-9:.]{5,15}(Z|[+-]\d{2}:\d{2})$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The one validation of a supervision item, run when HQ writes one (`fresh`: dates may not lie in
 * the past) and on every row a reference package brings to an office (docs/sync-format.md): the
 * kind and its fields, lengths, dates, the prefecture, and the problem, which must be the
 * addressed office's own problem of that prefecture.
 */
export function checkSupervisionFields(db: Database, f: SupervisionFields, errors: FieldErrors, opts: { fresh: boolean }): void {
  if (!supervisionKinds.includes(f.kind)) {
    errors.add('kind', `unknown kind ${String(f.kind).slice(0, 20)}`, '未知的督办类型');
    return;
  }
  const note = typeof f.note === 'string' ? f.note.trim() : '';
  if (note.length > 2000) errors.add('note', 'the note is longer than 2,000 characters', '督办意见超过 2000 字');
  else if (f.kind !== 'lift' && note.length === 0) errors.add('note', f.kind === 'remind' ? 'write what the office is asked for' : 'write HQ’s note (督办意见)', f.kind === 'remind' ? '请填写催报内容' : '请填写督办意见');
  checkPlainText(errors, 'note', f.note, { en: 'HQ’s note', zh: '督办意见' });
  if (typeof f.author !== 'string' || f.author.trim().length === 0 || f.author.length > 50) errors.add('author', 'the author is missing or too long', '督办人缺失或过长');
  if (!findPrefecture(f.prefectureCode)) errors.add('prefectureCode', `${String(f.prefectureCode).slice(0, 10)} is not one of the seven prefectures`, '不是西藏的七个地（市）之一');
  if (typeof f.officeId !== 'string' || !UUID.test(f.officeId)) errors.add('officeId', 'the addressed office is not an installation id', '收件地市不是有效的安装编号');
  checkDates(f, errors, opts.fresh);
  if (f.kind === 'remind') {
    if (f.problemId !== null) errors.add('problemId', 'a reminder is about an office, not a problem', '催报针对地市，不针对单个问题');
    if (f.about === null || !reminderSubjects.includes(f.about)) errors.add('about', 'a reminder asks for a package or a report', '催报内容须为同步包或报送事项');
  } else {
    if (f.about !== null || f.doneAt !== null) errors.add('about', 'only a reminder has a subject and a completion', '只有催报有催报事项和完成时间');
    checkProblem(db, f, errors);
  }
}

function checkDates(f: SupervisionFields, errors: FieldErrors, fresh: boolean): void {
  const field = f.kind === 'remind' ? 'by' : 'deadline';
  if (f.kind === 'lift' && f.deadline !== null) errors.add('deadline', 'lifting has no deadline', '解除督办不设期限');
  else if (f.kind === 'remind' && f.deadline === null) errors.add(field, 'give the date the office is asked to report by', '请填写要求报送的日期');
  else if (f.deadline !== null && !(typeof f.deadline === 'string' && isRealDate(f.deadline))) errors.add(field, 'the date is not a real date (YYYY-MM-DD)', '日期无效（应为 YYYY-MM-DD）');
  else if (fresh && f.deadline !== null && f.deadline < today()) errors.add(field, 'the date lies in the past', f.kind === 'remind' ? '催报日期不能早于今天' : '督办期限不能早于今天');
  if (f.doneAt !== null && !(typeof f.doneAt === 'string' && ISO_TIME.test(f.doneAt))) errors.add('doneAt', 'the completion time is not a time', '完成时间无效');
}

function checkProblem(db: Database, f: SupervisionFields, errors: FieldErrors): void {
  if (typeof f.problemId !== 'string' || !UUID.test(f.problemId)) {
    errors.add('problemId', 'supervision is about a problem', '督办须针对一个问题');
    return;
  }
  const p = sql(db, 'SELECT origin, prefecture_code FROM problems WHERE id = ?').get(f.problemId) as { origin: string; prefecture_code: string } | undefined;
  if (!p) errors.add('problemId', `no problem ${f.problemId} is held here`, `本机没有该问题（${f.problemId}）`);
  else if (p.origin !== f.officeId || p.prefecture_code !== f.prefectureCode) errors.add('problemId', 'the problem belongs to another office', '该问题属于其他地市');
}
